package disclosure

// The partner's copy of an advisory: only the classes it receives.

// redact writes to c, which must be zero, a copy of a holding only the
// classes in give, cut from ar, sharing no memory with a.
func redact(c *Advisory, a *Advisory, give classSet, ar *arena) {
	if give.has(ClassSummary) {
		c.ID, c.Revision, c.Title, c.Severity, c.TLP = a.ID, a.Revision, a.Title, a.Severity, a.TLP
		// One piece holds both lists, each capped at its length.
		if n, m := len(a.CVEs), len(a.Products); n+m > 0 {
			strs := ar.strs.take(n + m)
			copy(strs, a.CVEs)
			copy(strs[n:], a.Products)
			if a.CVEs != nil {
				c.CVEs = strs[:n:n]
			}
			if a.Products != nil {
				c.Products = strs[n : n+m : n+m]
			}
		}
		c.PublicAt = a.PublicAt.UTC()
		if !a.Embargo.EndedAt.IsZero() {
			c.Embargo = Embargo{EndedAt: a.Embargo.EndedAt.UTC(), Reason: a.Embargo.Reason}
		}
	}
	n := 0
	for i := range a.Sections {
		if give.has(a.Sections[i].Class) {
			n++
		}
	}
	if n > 0 {
		c.Sections = ar.sections.take(n)
		k := 0
		for i := range a.Sections {
			if give.has(a.Sections[i].Class) {
				c.Sections[k] = a.Sections[i] // strings are immutable
				k++
			}
		}
	}
	n, size, withData := 0, 0, 0
	for i := range a.Artifacts {
		if give.has(a.Artifacts[i].Class) {
			n++
			if d := len(a.Artifacts[i].Data); d > 0 {
				size += d
				withData++
			}
		}
	}
	if n == 0 {
		return
	}
	// One piece holds every artifact's bytes; each gets a slice of it
	// capped at its length, so appending to one cannot overwrite another.
	var buf []byte
	if withData > 1 || ar.data.free != nil {
		buf = ar.data.take(size)
	}
	c.Artifacts = ar.artifacts.take(n)
	k := 0
	for _, f := range a.Artifacts {
		if !give.has(f.Class) {
			continue
		}
		switch {
		case len(f.Data) == 0:
			f.Data = nil
		case buf == nil:
			// The only artifact with data, and no slab: append copies it
			// into a new piece without zeroing the piece first.
			f.Data = append([]byte(nil), f.Data...)
			f.Data = f.Data[:len(f.Data):len(f.Data)]
		default:
			m := copy(buf, f.Data)
			f.Data, buf = buf[:m:m], buf[m:]
		}
		c.Artifacts[k] = f
		k++
	}
}
