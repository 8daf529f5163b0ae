package main

import (
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/disclosurekit/disclosure"
)

// exportReport is what export did.
type exportReport struct {
	dir            string
	copies         []exported
	denied         []*disclosure.Disclosure
	removed, stale []staleCopy
	keepStale      bool
	failed         bool
	keyFile        string      // --mark-key-file, as displayed
	marker         *csafMarker // nil: the copies are not marked
}

// write lists what was written, and for whom nothing was, as tables.
func (r *exportReport) write(w io.Writer, in *inputs) {
	zone := programZone(&in.policy)
	writeAdvisoryHeader(w, &in.advisory, zone)
	writeSource(w, in)
	written := 0
	for _, cp := range r.copies {
		if cp.done {
			written++
		}
	}
	n := fmt.Sprintf("%d documents", written)
	if written == 1 {
		n = "1 document"
	}
	field(w, "Wrote", n+" into "+r.dir)
	if written > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "FILE\tTLP\tSEND AT (UTC)\tHEAD START\tHOLDS")
		for _, cp := range r.copies {
			if cp.done {
				fmt.Fprintln(tw, cells([]string{filepath.ToSlash(cp.path), string(cp.d.TLP), utc(cp.d.ReleaseAt), headStart(cp.d), receives(cp.d)}))
			}
		}
		tw.Flush()
	}
	if written < len(r.copies) {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Not written, because of the error above:")
		for _, cp := range r.copies {
			switch {
			case cp.err != nil:
				fmt.Fprintf(w, "  %s (failed)\n", oneLine(filepath.ToSlash(cp.path)))
			case !cp.done:
				fmt.Fprintf(w, "  %s\n", oneLine(filepath.ToSlash(cp.path)))
			}
		}
	}
	if len(r.denied) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Not entitled, no document:")
		for _, d := range r.denied {
			fmt.Fprintf(w, "  %s (%s: %s)\n", oneLine(d.PartnerID), d.Reasons[0].Code, oneLine(d.Reasons[0].Detail))
		}
	}
	list := func(title string, copies []staleCopy) {
		if len(copies) == 0 {
			return
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, title)
		for _, c := range copies {
			fmt.Fprintf(w, "  %s (%s)\n", oneLine(filepath.ToSlash(c.path)), c.why)
		}
	}
	if r.marker != nil && written > 0 {
		var done []disclosure.Disclosure
		for _, cp := range r.copies {
			if cp.done {
				done = append(done, *cp.d)
			}
		}
		writeMarkings(w, r.keyFile, done, r.marker.marks)
	}
	list("Removed, as the plan no longer gives them as they are:", r.removed)
	list("Stale, kept (--keep-stale): the plan no longer gives them as they are:", r.stale)
}

// exportedJSON is one partner's entry in the JSON output of export.
type exportedJSON struct {
	Partner   string             `json:"partner"`
	Entitled  bool               `json:"entitled"`
	File      string             `json:"file,omitempty"`
	SHA256    string             `json:"sha256,omitempty"`
	ReleaseAt *time.Time         `json:"release_at,omitempty"`
	TLP       disclosure.TLP     `json:"tlp,omitempty"`
	Classes   []disclosure.Class `json:"classes,omitempty"`
	Reason    *disclosure.Reason `json:"reason,omitempty"`    // why not entitled
	Reference string             `json:"reference,omitempty"` // the copy's reference code, when marked
	Codes     int                `json:"codes,omitempty"`     // how many different codes the copy holds, when marked
	Written   *bool              `json:"written,omitempty"`   // false when an error stopped the export first
	Error     string             `json:"error,omitempty"`
}

// json returns what --format json prints.
func (r *exportReport) json() any {
	v := struct {
		Partners []exportedJSON `json:"partners"`
		Removed  []string       `json:"removed"`
		Stale    []string       `json:"stale"`
	}{Partners: []exportedJSON{}, Removed: []string{}, Stale: []string{}}
	for _, cp := range r.copies {
		x := exportedJSON{Partner: cp.d.PartnerID, Entitled: true, File: filepath.Join(r.dir, cp.path), SHA256: cp.sum,
			ReleaseAt: &cp.d.ReleaseAt, TLP: cp.d.TLP, Classes: cp.d.Classes}
		if m, ok := r.marker.marking(cp.d.PartnerID); ok && cp.done {
			x.Reference, x.Codes = m.reference, m.distinct
		}
		if !cp.done {
			x.Written = new(bool)
			if cp.err != nil {
				x.Error = cp.err.Error()
			}
		}
		v.Partners = append(v.Partners, x)
	}
	for _, d := range r.denied {
		v.Partners = append(v.Partners, exportedJSON{Partner: d.PartnerID, Reason: &disclosure.Reason{Code: d.Reasons[0].Code, Detail: d.Reasons[0].Detail}})
	}
	for _, c := range r.removed {
		v.Removed = append(v.Removed, filepath.Join(r.dir, c.path))
	}
	for _, c := range r.stale {
		v.Stale = append(v.Stale, filepath.Join(r.dir, c.path))
	}
	return v
}
