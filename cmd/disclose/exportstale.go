package main

// The copies in export's output directory that the plan no longer gives
// as they are.

import (
	"bytes"
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
// ID (see copyName), if it is a copy of this advisory for P (see
// copyMaker.isCopy); for a CSAF advisory, P/NAME of the advisory's own
// tracking ID, if it is a CSAF document with that ID, is a copy written
// before each copy had an ID of its own, and stale. Another advisory's
// document with the same file name, or any other file, is left alone. Only
// regular files are looked at, in directories that are not symbolic links;
// the copies of the partners in current are what the plan gives (this run
// wrote them, or the record says the partner holds them).
func staleCopies(e *env, m *copyMaker, dir string, current map[string]bool) ([]staleCopy, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	in := m.in
	gets := make(map[string]*disclosure.Disclosure, len(in.plan))
	for i := range in.plan {
		if in.plan[i].Entitled {
			gets[in.plan[i].PartnerID] = &in.plan[i]
		}
	}
	id := m.id()
	var stale []staleCopy
	for _, entry := range entries {
		if !entry.IsDir() {
			continue
		}
		p := entry.Name()
		// read returns the file P/name if it is a regular file that isCopy
		// accepts, or nil.
		read := func(name string, isCopy func([]byte) bool) ([]byte, error) {
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
			if err != nil || !isCopy(data) {
				return nil, err
			}
			return data, nil
		}
		// A CSAF copy of an earlier version has the advisory's own
		// tracking ID and file name; its distribution text names the
		// partner.
		if old := csaf.FileName(id); m.csaf() && old != copyName(id, p) {
			data, err := read(old, func(data []byte) bool { return trackingID(data) == id })
			if err != nil {
				return stale, err
			}
			if data != nil && strings.Contains(distribution(data), " partner "+p+" ") {
				stale = append(stale, staleCopy{filepath.Join(p, old), "written under the advisory's own tracking ID, before each copy had its own"})
			}
		}
		if current[p] {
			continue
		}
		data, err := read(copyName(id, p), func(data []byte) bool { return m.isCopy(data, p) })
		if err != nil {
			return stale, err
		}
		if data == nil {
			continue
		}
		rel := m.path(p)
		d := gets[p]
		if d == nil {
			stale = append(stale, staleCopy{rel, "the plan gives this partner no copy now"})
			continue
		}
		want, _, err := m.make(d)
		if err != nil {
			return stale, err
		}
		if !bytes.Equal(data, want) {
			stale = append(stale, staleCopy{rel, "differs from the copy the plan gives now"})
		}
	}
	return stale, nil
}
