package main

// The copies export writes: a CSAF document of a CSAF advisory, this
// tool's JSON of a native one; where each goes, how it is written, and
// which files export may replace.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
	"github.com/disclosurekit/disclosure/trace"
)

// A copyMaker makes each partner's copy of the advisory in the advisory's
// own format: for a CSAF advisory, the partner's CSAF document; for an
// advisory of this tool's format, the partner's redacted advisory in that
// format, labelled with the partner's TLP. With a key, each copy is marked
// (see marked).
type copyMaker struct {
	in     *inputs
	key    []byte             // the marking key; nil: copies are not marked
	ix     *trace.Index       // every partner's codes under key, to read back a marked copy's
	stderr io.Writer          // where a warning about a copy goes; nil: nowhere
	marks  map[string]marking // what each marked copy written holds, by partner
	warned bool               // a placeholder left outside the elements was reported
}

// newCopyMaker returns the maker of the copies of in's advisory, marked
// with key if it is not nil; its warnings go to stderr.
func newCopyMaker(in *inputs, key []byte, stderr io.Writer) (*copyMaker, error) {
	m := &copyMaker{in: in, key: key, stderr: stderr, marks: make(map[string]marking)}
	if key != nil {
		ix, err := trace.NewIndex(key, in.advisory, in.partners)
		if err != nil {
			return nil, err // unreachable: the key and the advisory were checked
		}
		m.ix = ix
	}
	return m, nil
}

// csaf reports whether the copies are CSAF documents.
func (m *copyMaker) csaf() bool { return m.in.csaf != nil }

// id returns the advisory's ID: the CSAF document's tracking ID as read,
// or the native advisory's ID.
func (m *copyMaker) id() string {
	if m.csaf() {
		return m.in.csaf.Advisory.ID
	}
	return m.in.advisory.ID
}

// path returns where partner's copy goes, from the output directory:
// PARTNER/NAME.
func (m *copyMaker) path(partner string) string {
	return filepath.Join(partner, copyName(m.id(), partner))
}

// make returns the bytes of the copy of d, the decision as Plan made it
// (not marked), and, when it is marked, what it holds (nil when it is
// not).
func (m *copyMaker) make(d *disclosure.Disclosure) ([]byte, *marking, error) {
	if m.key != nil {
		return m.marked(d)
	}
	if m.csaf() {
		data, _, err := m.in.csaf.WriteFor(*d, partnerByID(m.in, d.PartnerID))
		return data, nil, err
	}
	return nativeCopy(d), nil, nil
}

// nativeCopy returns the copy of d in this tool's format: its redacted
// advisory, labelled with its TLP, as indented JSON.
func nativeCopy(d *disclosure.Disclosure) []byte {
	a := d.Advisory
	a.TLP = d.TLP
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(a); err != nil {
		panic(err) // an Advisory always marshals
	}
	return b.Bytes()
}

// isCopy reports whether data is a copy of this advisory for partner, which
// export may replace or remove: a CSAF document with the copy's tracking
// ID, or an advisory of this tool's format with the advisory's ID.
func (m *copyMaker) isCopy(data []byte, partner string) bool {
	if m.csaf() {
		return trackingID(data) == csaf.CopyTrackingID(m.id(), partner)
	}
	return !isCSAF(data) && nativeID(data) == m.id()
}

// nativeID returns the id of an advisory of this tool's format, or "".
func nativeID(data []byte) string {
	var a struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(data, &a) != nil {
		return ""
	}
	return a.ID
}

// safeName reports whether a partner id can name a directory under --out
// and nothing else: one path element, not "." or "..".
func safeName(id string) bool {
	return id != "" && id != "." && id != ".." && !strings.ContainsAny(id, `/\`) && filepath.IsLocal(id)
}

// writeAtomic writes a file readable by its owner only, creating its
// directory likewise (the copies are TLP-labelled, not for everyone on
// the machine): the data goes to a temporary file in the same directory,
// synced, then renamed over path, so that path holds either the old
// document or the new one, never a part of one.
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*") // mode 0600
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	// The rename is durable once the directory is synced; not every
	// system can sync a directory, and the file is complete either way.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// copyName returns the file name of partner's copy of the advisory with
// tracking ID id: the CSAF file name of the copy's own tracking ID.
func copyName(id, partner string) string {
	return csaf.FileName(csaf.CopyTrackingID(id, partner))
}

// partnerByID returns the partner of the list with this ID: its name goes
// into its CSAF 2.1 copies' sharing group.
func partnerByID(in *inputs, id string) disclosure.Partner {
	for _, p := range in.partners {
		if p.ID == id {
			return p
		}
	}
	return disclosure.Partner{ID: id}
}

// trackingID returns the tracking ID of a CSAF document, or "".
func trackingID(data []byte) string {
	var doc struct {
		Document struct {
			Tracking struct {
				ID string `json:"id"`
			} `json:"tracking"`
		} `json:"document"`
	}
	if json.Unmarshal(data, &doc) != nil {
		return ""
	}
	return doc.Document.Tracking.ID
}

// distribution returns the distribution text of a CSAF document, or "".
func distribution(data []byte) string {
	var doc struct {
		Document struct {
			Distribution struct {
				Text string `json:"text"`
			} `json:"distribution"`
		} `json:"document"`
	}
	if json.Unmarshal(data, &doc) != nil {
		return ""
	}
	return doc.Document.Distribution.Text
}

// checkReplace refuses to write partner's copy over a file that is not a
// copy of this advisory for partner (see isCopy): two tracking IDs can
// have the same CSAF file name ("A/B" and "A_B").
func (m *copyMaker) checkReplace(path, partner string) error {
	info, err := os.Lstat(path)
	if err != nil {
		return nil // nothing there, or nothing that can be read: the write says what is wrong
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() || !m.isCopy(data, partner) {
		id := m.id()
		if m.csaf() {
			id = csaf.CopyTrackingID(id, partner)
		}
		return fmt.Errorf("%s is there and is not a copy of %s (another advisory's file name may be the same): not replaced", path, id)
	}
	return nil
}
