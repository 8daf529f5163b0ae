// Package laws holds what the built-in registry of reporting laws records
// beside the rule a disclosure.Policy decides with: the authority that
// receives reports, the deadlines, what starts a duty, whether the law bars
// sharing unpublished vulnerabilities abroad, the public sources, and how
// well each fact was checked against them.
//
// Deciding reads none of this: disclosure.BuiltinLaws gives the laws' IDs,
// jurisdictions, dates and the parties they bind. This package is for the
// people who choose a policy and must say why, and for programs that show
// a law's facts next to a decision. [Builtin] lists the facts in the order
// of disclosure.BuiltinLaws, under the same IDs.
package laws

import (
	"strings"
	"sync"

	"github.com/disclosurekit/disclosure/internal/lawdata"
)

// Facts are what the registry records of one law beyond its rule.
type Facts struct {
	ID        string     `json:"id"`        // the law's ID in disclosure.BuiltinLaws, e.g. "CN-RMSV-2021"
	Authority string     `json:"authority"` // who receives the reports
	Deadlines []Deadline `json:"deadlines,omitempty"`
	Triggers  []Trigger  `json:"triggers"` // what makes its duties apply
	// BarsSharingAbroad is whether the law forbids giving unpublished
	// vulnerabilities to parties abroad.
	BarsSharingAbroad bool     `json:"bars_sharing_abroad"`
	Sources           []Source `json:"sources"`
	// Verification says how well the facts were checked against the
	// sources, e.g. "verified (dates, authorities, 2-day deadline)".
	Verification string `json:"verification"`
	Note         string `json:"note,omitempty"` // how the law is read for the model
}

// A Deadline is one of a law's reporting duties.
type Deadline struct {
	ID string `json:"id"`
	// Hours is the time allowed where the law counts hours or days (a day
	// as 24 hours); 0 where it does not.
	Hours        float64 `json:"hours,omitempty"`
	BusinessDays int     `json:"business_days,omitempty"` // where the law counts business days
	AsWritten    string  `json:"as_written,omitempty"`    // the law's own words
	Trigger      string  `json:"trigger,omitempty"`       // what starts the clock
	Action       string  `json:"action,omitempty"`        // what must be done
	Article      string  `json:"article,omitempty"`
	Verification string  `json:"verification,omitempty"` // how well this deadline was checked
	Note         string  `json:"note,omitempty"`
}

// A Source is a public document a law's facts come from.
type Source struct {
	URL   string `json:"url"`
	Title string `json:"title,omitempty"`
	Kind  string `json:"kind,omitempty"` // "primary" or "secondary"
}

// A Trigger is what makes a law's duty apply.
type Trigger string

// The triggers the registry uses.
const (
	TriggerAnyVulnerability       Trigger = "any-vulnerability"
	TriggerExploitedVulnerability Trigger = "exploited-vulnerability"
	TriggerIncident               Trigger = "incident"
)

// builtin is parsed once from the embedded data; it is never modified.
var builtin = sync.OnceValue(func() []Facts {
	f, err := lawdata.Parse()
	if err != nil {
		panic("laws: embedded law data is corrupt: " + err.Error())
	}
	out := make([]Facts, 0, len(f.Jurisdictions))
	for _, e := range f.Jurisdictions {
		l := Facts{
			ID:                e.ID,
			Authority:         e.Authority,
			BarsSharingAbroad: e.BarsSharingAbroad,
			Verification:      e.Status,
			Note:              strings.TrimSpace(e.ModelNote + " " + e.Note),
		}
		for _, t := range e.Triggers {
			l.Triggers = append(l.Triggers, Trigger(t))
		}
		for _, d := range e.Deadlines {
			dl := Deadline{ID: d.ID, BusinessDays: d.BusinessDays, AsWritten: d.AsWritten,
				Trigger: d.Trigger, Action: d.Action, Article: d.Article,
				Verification: d.Status, Note: strings.TrimSpace(d.RelativeTo + " " + d.Note)}
			if d.Hours != nil {
				dl.Hours = *d.Hours
			}
			l.Deadlines = append(l.Deadlines, dl)
		}
		for _, s := range e.SourceURLs {
			l.Sources = append(l.Sources, Source(s))
		}
		out = append(out, l)
	}
	return out
})

// Builtin returns the facts of every built-in law, in the order of
// disclosure.BuiltinLaws. The result is a deep copy.
func Builtin() []Facts {
	out := make([]Facts, len(builtin()))
	for i, f := range builtin() {
		out[i] = f.clone()
	}
	return out
}

// Lookup returns the facts of the built-in law with the given ID, and
// false if there is none.
func Lookup(id string) (Facts, bool) {
	for _, f := range builtin() {
		if f.ID == id {
			return f.clone(), true
		}
	}
	return Facts{}, false
}

func (f Facts) clone() Facts {
	f.Deadlines = append([]Deadline(nil), f.Deadlines...)
	f.Triggers = append([]Trigger(nil), f.Triggers...)
	f.Sources = append([]Source(nil), f.Sources...)
	return f
}
