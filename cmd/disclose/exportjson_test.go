package main

import (
	"time"

	"github.com/disclosurekit/disclosure"
)

// exportJSON is the output of export --format json.
type exportJSON struct {
	Partners []struct {
		Partner   string             `json:"partner"`
		Entitled  bool               `json:"entitled"`
		File      string             `json:"file"`
		SHA256    string             `json:"sha256"`
		ReleaseAt time.Time          `json:"release_at"`
		TLP       disclosure.TLP     `json:"tlp"`
		Classes   []disclosure.Class `json:"classes"`
		Reason    *disclosure.Reason `json:"reason"`
		Written   *bool              `json:"written"`
		Error     string             `json:"error"`
		Seq       int64              `json:"seq"`
		New       []string           `json:"new"`
	} `json:"partners"`
	Removed []string `json:"removed"`
	Stale   []string `json:"stale"`
	Ledger  *struct {
		File     string    `json:"file"`
		At       time.Time `json:"at"`
		Head     string    `json:"head"`
		Recorded int       `json:"recorded"`
		Due      []struct {
			Partner   string    `json:"partner"`
			ReleaseAt time.Time `json:"release_at"`
			New       []string  `json:"new"`
		} `json:"due"`
		Current []string `json:"current"`
	} `json:"ledger"`
}
