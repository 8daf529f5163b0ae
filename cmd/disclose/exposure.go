package main

// Exposure in numbers: per class, how many partners hold it before the
// public release, and for how many partner-hours.

import (
	"fmt"
	"io"
	"math"
	"slices"
	"text/tabwriter"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// classExposureJSON is one class's exposure, in JSON.
type classExposureJSON struct {
	Class        disclosure.Class `json:"class"`
	Partners     int              `json:"partners"`
	PartnerHours float64          `json:"partner_hours"`
}

// exposureJSON returns the exposure of each class as JSON, never nil.
func exposureJSON(xs []ledger.ClassExposure) []classExposureJSON {
	out := make([]classExposureJSON, len(xs))
	for i, x := range xs {
		out[i] = classExposureJSON{Class: x.Class, Partners: x.Partners, PartnerHours: x.PartnerHours}
	}
	return out
}

// heldHours is how long one partner holds one class before the public
// release, in the JSON of plan.
type heldHours struct {
	Class disclosure.Class `json:"class"`
	Hours float64          `json:"hours"`
}

// partnerExposure returns the classes d's partner holds before the public
// release, with the hours it holds each ([] if none): per class, the
// partners that list it, and their hours added up, are the plan's
// exposure (ledger.PlanExposure).
func partnerExposure(d *disclosure.Disclosure) []heldHours {
	out := []heldHours{}
	for _, x := range ledger.PlanExposure([]disclosure.Disclosure{*d}) {
		if x.Partners > 0 {
			out = append(out, heldHours{Class: x.Class, Hours: x.PartnerHours})
		}
	}
	return out
}

// writeExposure writes, per class, how many partners hold it before the
// public release and the partner-hours, as planned and, when recorded is
// not nil, as the record says it happened.
func writeExposure(w io.Writer, planned, recorded []ledger.ClassExposure) {
	fmt.Fprintln(w)
	text := "Exposure before the public release: per class, the partners that hold it before then, " +
		"and the hours they hold it, added up"
	if recorded != nil {
		text += ", as planned and as recorded"
	}
	paragraph(w, text+".")
	fmt.Fprintln(w)
	byClass := map[disclosure.Class][2]*ledger.ClassExposure{}
	var classes []disclosure.Class
	add := func(xs []ledger.ClassExposure, i int) {
		for j := range xs {
			x := &xs[j]
			v, seen := byClass[x.Class]
			if !seen {
				classes = append(classes, x.Class)
			}
			v[i] = x
			byClass[x.Class] = v
		}
	}
	add(planned, 0)
	add(recorded, 1)
	slices.SortFunc(classes, func(a, b disclosure.Class) int { return a.Sensitivity() - b.Sensitivity() })
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := []string{"CLASS", "PARTNERS", "PARTNER-HOURS"}
	if recorded != nil {
		header = append(header, "RECORDED PARTNERS", "RECORDED PARTNER-HOURS")
	}
	fmt.Fprintln(tw, cells(header))
	cols := func(x *ledger.ClassExposure) []string {
		if x == nil {
			return []string{"0", "0"}
		}
		return []string{fmt.Sprint(x.Partners), formatHours(x.PartnerHours)}
	}
	for _, c := range classes {
		v := byClass[c]
		row := append([]string{string(c)}, cols(v[0])...)
		if recorded != nil {
			row = append(row, cols(v[1])...)
		}
		fmt.Fprintln(tw, cells(row))
	}
	tw.Flush()
}

// formatHours writes a number of hours: whole, or to a tenth.
func formatHours(h float64) string {
	if h == math.Trunc(h) {
		return fmt.Sprintf("%.0f", h)
	}
	return fmt.Sprintf("%.1f", h)
}

// writeExposureChange writes, per class, the exposure of two plans of the
// same partners: before and after a change of policy.
func writeExposureChange(w io.Writer, before, after []ledger.ClassExposure) {
	fmt.Fprintln(w)
	paragraph(w, "Exposure before the public release: per class, the partners that hold it before then, "+
		"and the partner-hours (the hours each holds it before then, added up), before and after.")
	fmt.Fprintln(w)
	find := func(xs []ledger.ClassExposure, c disclosure.Class) ledger.ClassExposure {
		for _, x := range xs {
			if x.Class == c {
				return x
			}
		}
		return ledger.ClassExposure{Class: c}
	}
	var classes []disclosure.Class
	for _, xs := range [][]ledger.ClassExposure{before, after} {
		for _, x := range xs {
			if !slices.Contains(classes, x.Class) {
				classes = append(classes, x.Class)
			}
		}
	}
	slices.SortFunc(classes, func(a, b disclosure.Class) int { return a.Sensitivity() - b.Sensitivity() })
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CLASS\tPARTNERS\tPARTNER-HOURS")
	for _, c := range classes {
		b, a := find(before, c), find(after, c)
		fmt.Fprintln(tw, cells([]string{string(c), fmt.Sprintf("%d -> %d", b.Partners, a.Partners),
			formatHours(b.PartnerHours) + " -> " + formatHours(a.PartnerHours)}))
	}
	tw.Flush()
}
