package main

// plan --ledger: what each partner holds by the record, what the plan
// adds, and what it holds that the plan would not give it.

import (
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// planRecord is a record, and what a plan changes by it for each partner.
type planRecord struct {
	file    string // as messages show it
	rec     *ledger.Record
	updates []ledger.Update // of the plan before it is marked
}

// loadPlanRecord reads the record in file and compares plan, not marked,
// with what it says each partner holds.
func loadPlanRecord(e *env, file string, plan []disclosure.Disclosure) (*planRecord, []problem) {
	rec, ps := readRecord(e, file)
	if ps != nil {
		return nil, ps
	}
	updates, err := rec.Changes(plan)
	if err != nil {
		return nil, []problem{{file: "disclose plan", msg: err.Error()}} // unreachable: one plan, one advisory
	}
	return &planRecord{file: displayName(file), rec: rec, updates: updates}, nil
}

// write writes, for every partner, what it holds and what the plan adds,
// then what it holds that the plan would not give it.
func (pr *planRecord) write(w io.Writer, plan []disclosure.Disclosure) {
	decisions := make(map[string]*disclosure.Disclosure, len(plan))
	for i := range plan {
		decisions[plan[i].PartnerID] = &plan[i]
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "What each partner holds by the record, and what this plan adds to it:")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PARTNER\tHOLDS\tSINCE (UTC)\tNEW\tFROM (UTC)")
	var exposed [][]string
	for i := range pr.updates {
		u := &pr.updates[i]
		holds, since := heldClasses(u.Held, decisions[u.Partner])
		from := "-"
		if len(u.Send) > 0 {
			from = utc(u.At)
		}
		fmt.Fprintln(tw, cells([]string{u.Partner, holds, since, newClasses(u), from}))
		for _, x := range u.Exposed {
			exposed = append(exposed, []string{u.Partner, x.Part.String(), utc(x.Since), string(x.Reason) + ": " + x.Detail})
		}
	}
	tw.Flush()
	if len(exposed) == 0 {
		return
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Held, and not in the partner's copy now: it cannot be recalled.")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PARTNER\tPART\tSINCE (UTC)\tWHY")
	for _, row := range exposed {
		fmt.Fprintln(tw, cells(row))
	}
	tw.Flush()
}

// heldClasses says which classes held parts are of, by sensitivity (as
// the plan's table says what d receives, when they are those), and since
// when the first was held: "nothing" and "-" for none.
func heldClasses(held []ledger.Held, d *disclosure.Disclosure) (string, string) {
	if len(held) == 0 {
		return "nothing", "-"
	}
	var classes []disclosure.Class
	first := held[0].Since
	for _, h := range held {
		if !slices.Contains(classes, h.Class) {
			classes = append(classes, h.Class)
		}
		if h.Since.Before(first) {
			first = h.Since
		}
	}
	sortClasses(classes)
	if d != nil && slices.Equal(classes, d.Classes) {
		return receives(d), utc(first)
	}
	return joinClasses(classes), utc(first)
}

// heldJSON is a part a partner holds, in JSON.
type heldJSON struct {
	ledger.Part
	Since    time.Time `json:"since"`
	Revision int       `json:"revision"`
	Seq      int64     `json:"seq"`
}

// sendJSON is a part to send, in JSON.
type sendJSON struct {
	ledger.Part
	Changed bool `json:"changed"`
}

// exposedJSON is a part a partner holds that its copy now lacks, in JSON.
type exposedJSON struct {
	heldJSON
	Reason disclosure.ReasonCode `json:"reason"`
	Detail string                `json:"detail"`
}

// updateJSON is what the plan changes for one partner, in JSON.
type updateJSON struct {
	Partner string        `json:"partner"`
	Held    []heldJSON    `json:"held"`
	Send    []sendJSON    `json:"send"`
	SendAt  *time.Time    `json:"send_at,omitempty"`
	Exposed []exposedJSON `json:"exposed"`
}

// planRecordOutput is what plan --ledger --format json prints.
type planRecordOutput struct {
	Plan     []planEntry `json:"plan"`
	Exposure struct {
		Planned  []classExposureJSON `json:"planned"`
		Recorded []classExposureJSON `json:"recorded"`
	} `json:"exposure"`
	Record struct {
		File     string       `json:"file"`
		Head     string       `json:"head"`
		Partners []updateJSON `json:"partners"`
	} `json:"record"`
}

// json returns what plan --ledger --format json prints, with entries the
// plan's entries.
func (pr *planRecord) json(plan []disclosure.Disclosure, entries []planEntry) planRecordOutput {
	var out planRecordOutput
	out.Plan = entries
	out.Exposure.Planned = exposureJSON(ledger.PlanExposure(plan))
	if len(plan) > 0 {
		out.Exposure.Recorded = exposureJSON(pr.rec.Exposure(plan[0].AdvisoryID))
	} else {
		out.Exposure.Recorded = []classExposureJSON{}
	}
	out.Record.File, out.Record.Head = pr.file, pr.rec.Head().String()
	out.Record.Partners = []updateJSON{}
	held := func(h ledger.Held) heldJSON {
		return heldJSON{Part: h.Part, Since: h.Since, Revision: h.Revision, Seq: h.Seq}
	}
	for _, u := range pr.updates {
		x := updateJSON{Partner: u.Partner, Held: []heldJSON{}, Send: []sendJSON{}, Exposed: []exposedJSON{}}
		for _, h := range u.Held {
			x.Held = append(x.Held, held(h))
		}
		for _, c := range u.Send {
			x.Send = append(x.Send, sendJSON{Part: c.Part, Changed: c.Changed})
		}
		if len(u.Send) > 0 {
			at := u.At.UTC()
			x.SendAt = &at
		}
		for _, e := range u.Exposed {
			x.Exposed = append(x.Exposed, exposedJSON{heldJSON: held(e.Held), Reason: e.Reason, Detail: e.Detail})
		}
		out.Record.Partners = append(out.Record.Partners, x)
	}
	return out
}
