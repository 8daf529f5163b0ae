package disclosuretest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/disclosurekit/disclosure"
)

// Entitled asserts that the partner is entitled, and reports whether it is.
func Entitled(t testing.TB, d disclosure.Disclosure) bool {
	t.Helper()
	if d.Entitled {
		return true
	}
	t.Errorf("%s", failure(d, "want entitled, got not entitled"))
	return false
}

// NotEntitled asserts that the partner is not entitled, with code among
// the reasons, and reports whether that holds.
func NotEntitled(t testing.TB, d disclosure.Disclosure, code disclosure.ReasonCode) bool {
	t.Helper()
	switch {
	case d.Entitled:
		t.Errorf("%s", failure(d, "want not entitled (%s), got entitled", code))
	case !slices.ContainsFunc(d.Reasons, func(r disclosure.Reason) bool { return r.Code == code }):
		t.Errorf("%s", failure(d, "want not entitled for %s, got not entitled for other reasons", code))
	default:
		return true
	}
	return false
}

// ReleasedAt asserts that the partner is entitled and released at the
// instant want, and reports whether it is.
func ReleasedAt(t testing.TB, d disclosure.Disclosure, want time.Time) bool {
	t.Helper()
	switch {
	case !d.Entitled:
		t.Errorf("%s", failure(d, "want released at %s, got not entitled", utc(want)))
	case !d.ReleaseAt.Equal(want):
		t.Errorf("%s", failure(d, "want released at %s, got %s", utc(want), utc(d.ReleaseAt)))
	default:
		return true
	}
	return false
}

// Receives asserts that the partner receives exactly the classes want, in
// any order, and reports whether it does.
func Receives(t testing.TB, d disclosure.Disclosure, want ...disclosure.Class) bool {
	t.Helper()
	w := slices.Clone(want)
	slices.SortFunc(w, func(a, b disclosure.Class) int { return a.Sensitivity() - b.Sensitivity() })
	w = slices.Compact(w)
	if slices.Equal(w, d.Classes) {
		return true
	}
	t.Errorf("%s", failure(d, "want classes %s, got %s", classList(w), classList(d.Classes)))
	return false
}

// Withholds asserts that the advisory has content of class c and that the
// partner does not receive it, for reason code (the first reason named in
// Disclosure.Withheld), and reports whether that holds.
func Withholds(t testing.TB, d disclosure.Disclosure, c disclosure.Class, code disclosure.ReasonCode) bool {
	t.Helper()
	i := slices.IndexFunc(d.Withheld, func(w disclosure.Withheld) bool { return w.Class == c })
	switch {
	case i < 0 && d.Receives(c):
		t.Errorf("%s", failure(d, "want %s withheld (%s), got it received", c, code))
	case i < 0:
		t.Errorf("%s", failure(d, "want %s withheld (%s), but the advisory has no %s content", c, code, c))
	case d.Withheld[i].Reason != code:
		t.Errorf("%s", failure(d, "want %s withheld for %s, got withheld for %s", c, code, d.Withheld[i].Reason))
	default:
		return true
	}
	return false
}

// failure formats a failed assertion: what was wanted and got, then the
// decision and its reasons as a table.
func failure(d disclosure.Disclosure, format string, args ...any) string {
	var b strings.Builder
	fmt.Fprintf(&b, "partner %s, advisory %s: %s\n", d.PartnerID, d.AdvisoryID, fmt.Sprintf(format, args...))
	b.WriteString(Table(d))
	return b.String()
}

// Table renders a decision and its reasons for people, as the assertions
// print it on failure.
func Table(d disclosure.Disclosure) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  entitled %v, tier %s", d.Entitled, d.Tier)
	if d.Entitled {
		fmt.Fprintf(&b, ", restricted %v, release %s, TLP:%s", d.Restricted, utc(d.ReleaseAt), d.TLP)
	}
	fmt.Fprintf(&b, "\n  receives: %s\n", classList(d.Classes))
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  reason\tclass\tdetail")
	for _, r := range d.Reasons {
		class := string(r.Class)
		if class == "" {
			class = "-"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", r.Code, class, r.Detail)
	}
	tw.Flush()
	return b.String()
}

func classList(cs []disclosure.Class) string {
	if len(cs) == 0 {
		return "(none)"
	}
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

func utc(t time.Time) string { return t.UTC().Format(time.RFC3339) }
