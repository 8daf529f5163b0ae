package main

// The copies of an earlier export that the plan no longer gives as they
// are, and what a file in the output directory holds.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// A staleCopy is a copy of this advisory in the output directory that
// the plan no longer gives as it is.
type staleCopy struct {
	path string // PARTNER/NAME, relative to the output directory
	why  string
}

// staleCopies returns the copies of this advisory under dir that the
// current plan does not give as they are: the partner gets no copy now
// (not entitled, or not in the list), or its copy now differs (a changed
// tier, a new restriction, a copy not written because of an error). The
// copy of partner P is the file P/NAME, NAME the file name of its tracking
// ID (see copyName), if it is a CSAF document with that tracking ID;
// P/NAME of the advisory's own tracking ID, if it is a CSAF document with
// that ID, is a copy written before each copy had an ID of its own, and
// stale. Another advisory's document with the same file name, or any other
// file, is left alone. Only regular files are looked at, in directories
// that are not symbolic links; the copies this run has written are what
// the plan gives.
func staleCopies(e *env, in *inputs, dir string, written map[string]bool, mk *csafMarker) ([]staleCopy, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	gets := make(map[string]*disclosure.Disclosure, len(in.plan))
	for i := range in.plan {
		if in.plan[i].Entitled {
			gets[in.plan[i].PartnerID] = &in.plan[i]
		}
	}
	id := in.csaf.Advisory.ID
	var stale []staleCopy
	for _, entry := range entries {
		if !entry.IsDir() {
			continue
		}
		p := entry.Name()
		// read returns the file P/name if it is a regular file of a CSAF
		// document with the tracking ID want, or nil.
		read := func(name, want string) ([]byte, error) {
			rel := filepath.Join(p, name)
			info, err := os.Lstat(filepath.Join(dir, rel))
			if err != nil || !info.Mode().IsRegular() {
				return nil, nil
			}
			if info.Size() > e.maxInput {
				fmt.Fprintf(e.stderr, "disclose export: %s: larger than the %s input limit: not read, left as it is\n",
					oneLine(filepath.Join(dir, rel)), formatSize(e.maxInput))
				return nil, nil
			}
			data, err := os.ReadFile(filepath.Join(dir, rel))
			if err != nil || trackingID(data) != want {
				return nil, err
			}
			return data, nil
		}
		// A copy of an earlier version has the advisory's own tracking ID
		// and file name; its distribution text names the partner.
		if old := csaf.FileName(id); old != copyName(id, p) {
			data, err := read(old, id)
			if err != nil {
				return stale, err
			}
			if data != nil && strings.Contains(distribution(data), " partner "+p+" ") {
				stale = append(stale, staleCopy{filepath.Join(p, old), "written under the advisory's own tracking ID, before each copy had its own"})
			}
		}
		if written[p] {
			continue
		}
		data, err := read(copyName(id, p), csaf.CopyTrackingID(id, p))
		if err != nil {
			return stale, err
		}
		if data == nil {
			continue
		}
		rel := filepath.Join(p, copyName(id, p))
		d := gets[p]
		if d == nil {
			stale = append(stale, staleCopy{rel, "the plan gives this partner no copy now"})
			continue
		}
		want, err := mk.write(nil, in, d)
		if err != nil {
			return stale, err
		}
		if !bytes.Equal(data, want) {
			stale = append(stale, staleCopy{rel, "differs from the copy the plan gives now"})
		}
	}
	return stale, nil
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

// checkReplace refuses to write a copy over a file that is not a copy
// with this tracking ID: two tracking IDs can have the same CSAF file name
// ("A/B" and "A_B").
func checkReplace(path, id string) error {
	info, err := os.Lstat(path)
	if err != nil {
		return nil // nothing there, or nothing that can be read: the write says what is wrong
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() || trackingID(data) != id {
		return fmt.Errorf("%s is there and is not a copy of %s (another advisory's file name may be the same): not replaced", path, id)
	}
	return nil
}
