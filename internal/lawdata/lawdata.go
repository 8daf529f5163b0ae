// Package lawdata holds the built-in registry of reporting laws.
//
// jurisdictions.json is copied unchanged from the project's research data
// (collected in 2026 from the public sources listed with each entry; every
// entry keeps its sources, verification status and notes). Update it by
// replacing the file; the root package's tests check that it still parses
// and that every code in it is valid.
package lawdata

import (
	_ "embed"
	"encoding/json"
	"time"
)

//go:embed jurisdictions.json
var raw []byte

// File is the shape of jurisdictions.json.
type File struct {
	Description   string  `json:"description"`
	Collected     string  `json:"collected"`
	Count         int     `json:"count"`
	Jurisdictions []Entry `json:"jurisdictions"`
}

// Entry is one law. Only the fields the model uses are decoded; the rest
// stay in the embedded file.
type Entry struct {
	ID                string     `json:"id"`
	LawName           string     `json:"law_name"`
	LawNameOriginal   string     `json:"law_name_original"`
	ISO3166           []string   `json:"iso3166"`
	MemberStates      []string   `json:"member_states"`
	EffectiveDate     *string    `json:"effective_date"`
	Authority         string     `json:"authority"`
	Scope             string     `json:"scope"`
	Deadlines         []Deadline `json:"deadlines"`
	SourceURLs        []Source   `json:"source_urls"`
	Status            string     `json:"status"`
	Note              string     `json:"note"`
	EffectiveDateNote string     `json:"effective_date_note"`
	Binds             []string   `json:"binds"`
	Triggers          []string   `json:"triggers"`
	BarsSharingAbroad bool       `json:"bars_sharing_abroad"`
	EffectiveFrom     *time.Time `json:"effective_from"`
	ModelNote         string     `json:"model_note"`
}

// Deadline is one reporting deadline of a law.
type Deadline struct {
	ID           string   `json:"id"`
	Hours        *float64 `json:"hours"`
	BusinessDays int      `json:"business_days"`
	AsWritten    string   `json:"as_written"`
	Trigger      string   `json:"trigger"`
	Action       string   `json:"action"`
	Article      string   `json:"article"`
	RelativeTo   string   `json:"relative_to"`
	Status       string   `json:"status"`
	Note         string   `json:"note"`
}

// Source is a public source of a law's facts.
type Source struct {
	URL   string `json:"url"`
	Title string `json:"title"`
	Kind  string `json:"kind"`
}

// Raw returns a copy of the embedded file.
func Raw() []byte { return append([]byte(nil), raw...) }

// Parse decodes the embedded file.
func Parse() (File, error) {
	var f File
	err := json.Unmarshal(raw, &f)
	return f, err
}
