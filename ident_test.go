package disclosure_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
)

// idProblems returns the problems of err as "path: message" lines, or nil.
func idProblems(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *disclosure.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("%T %v is not a *ValidationError", err, err)
	}
	var out []string
	for _, p := range ve.Problems {
		out = append(out, p.Error())
	}
	return out
}

func TestPartnerIDCharacterSet(t *testing.T) {
	const rule = ": partner IDs are ASCII letters, digits and . - _ : @"
	for _, c := range []struct {
		id   string
		want string // the problem at "id", "" for none
	}{
		{"a", ""},
		{"acme-av", ""},
		{"9.x_y:z@w-Q", ""},
		{strings.Repeat("a", 64), ""},
		{"", "id: required"},
		{"acme\u202e", `id: "acme\u202e" has U+202E RIGHT-TO-LEFT OVERRIDE at byte 4` + rule},
		{"ac\u200bme", `id: "ac\u200bme" has U+200B ZERO WIDTH SPACE at byte 2` + rule},
		{"acme ", `id: "acme " has U+0020 SPACE at byte 4` + rule},
		{" acme", `id: " acme" has U+0020 SPACE at byte 0` + rule},
		{"acme/av", `id: "acme/av" has U+002F '/' at byte 4` + rule},
		{"\u0430cme", `id: "\u0430cme" has U+0430 CYRILLIC SMALL LETTER A at byte 0 (it looks like Latin 'a')` + rule},
		{"acm\u0395", `id: "acm\u0395" has U+0395 GREEK CAPITAL LETTER EPSILON at byte 3 (it looks like Latin 'E')` + rule},
		{"caf\u00e9", `id: "caf\u00e9" has U+00E9, a letter outside ASCII, at byte 3` + rule},
		{"ac\xffme", `id: "ac\xffme" has invalid UTF-8 byte 0xFF at byte 2` + rule},
		{"\ufeffacme", `id: "\ufeffacme" has U+FEFF ZERO WIDTH NO-BREAK SPACE at byte 0` + rule},
		{"a\tb", `id: "a\tb" has U+0009 CHARACTER TABULATION at byte 1` + rule},
		{"-acme", `id: "-acme" starts with "-": partner IDs start with an ASCII letter or digit`},
		{"@acme", `id: "@acme" starts with "@": partner IDs start with an ASCII letter or digit`},
		{strings.Repeat("a", 65), `id: "` + strings.Repeat("a", 65) + `" is 65 bytes long: partner IDs are at most 64`},
	} {
		p := vtPartner(c.id, "entry", "US")
		got := idProblems(t, p.Validate())
		switch {
		case c.want == "" && len(got) > 0:
			t.Errorf("%+q: %v, want valid", c.id, got)
		case c.want != "" && (len(got) != 1 || got[0] != c.want):
			t.Errorf("%+q:\n got %q\nwant %q", c.id, got, c.want)
		}
	}
	// The message is safe to print: every hidden character is escaped.
	got := idProblems(t, vtPartner("x\u202e\u2066", "entry", "US").Validate())
	for _, r := range got[0] {
		if r < ' ' || r > '~' {
			t.Errorf("message %q holds %U", got[0], r)
		}
	}
	// A very long ID is cut in the message.
	got = idProblems(t, vtPartner(strings.Repeat("b", 10000), "entry", "US").Validate())
	if len(got) != 1 || len(got[0]) > 200 {
		t.Errorf("10,000-byte ID: %d problems, first of %d bytes", len(got), len(got[0]))
	}
}

func TestTierNameCharacterSet(t *testing.T) {
	p := disclosure.DefaultPolicy()
	p.Tiers[0].Name = "responder\u2028"
	p.Tiers[2].Name = "_validate"
	got := idProblems(t, p.Validate())
	want := []string{
		`tiers[0].name: "responder\u2028" has U+2028 LINE SEPARATOR at byte 9: tier names are ASCII letters, digits and . - _ : @`,
		`tiers[2].name: "_validate" starts with "_": tier names start with an ASCII letter or digit`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A partner's tier must have the form of a tier name; then it is not
	// reported unknown as well.
	d := vtPartner("us-av", "entry ", "US")
	_, err := disclosure.Disclose(disclosure.DefaultPolicy(), vtAdvisory(), d)
	got = idProblems(t, err)
	if len(got) != 1 || !strings.HasPrefix(got[0], `partner.tier: "entry " has U+0020 SPACE at byte 5: tier names are`) {
		t.Errorf("partner with tier %q: %q", d.Tier, got)
	}
}

func TestAdvisoryIDs(t *testing.T) {
	const rule = ": advisory IDs are printable text without leading or trailing space"
	for _, c := range []struct {
		id, want string
	}{
		{"RHSA-2021:5186", ""},
		{"BSI-2022-0001", ""},
		{"ICSA-20-168-01", ""},
		{"JVNDB-2024-000123", ""},
		{"cisco-sa-ios-xe-webui-privesc-j22SaA4z", ""},
		{"ADV 2025 0042", ""},
		{"Ärger-Ω-1", ""},
		{strings.Repeat("A", 256), ""},
		{"", "id: required"},
		{" ", "id: required"},
		{" RHSA-2021:5186", `id: " RHSA-2021:5186" has U+0020 SPACE at byte 0` + rule},
		{"RHSA-2021:5186 ", `id: "RHSA-2021:5186 " has U+0020 SPACE at byte 14` + rule},
		{"RHSA-2021:5186\n", `id: "RHSA-2021:5186\n" has U+000A LINE FEED at byte 14` + rule},
		{"RHSA\u200b-2021", `id: "RHSA\u200b-2021" has U+200B ZERO WIDTH SPACE at byte 4` + rule},
		{"RHSA-\u202e1202", `id: "RHSA-\u202e1202" has U+202E RIGHT-TO-LEFT OVERRIDE at byte 5` + rule},
		{"RHSA-\u20661202\u2069", `id: "RHSA-\u20661202\u2069" has U+2066 LEFT-TO-RIGHT ISOLATE at byte 5` + rule},
		{"\ufeffRHSA", `id: "\ufeffRHSA" has U+FEFF ZERO WIDTH NO-BREAK SPACE at byte 0` + rule},
		{"RHSA\u00a02021", `id: "RHSA\u00a02021" has U+00A0 NO-BREAK SPACE at byte 4` + rule},
		{"RHSA\u3164", `id: "RHSA\u3164" has U+3164 HANGUL FILLER at byte 4` + rule},
		{"RHSA\ufe0f", `id: "RHSA\ufe0f" has U+FE0F VARIATION SELECTOR-16 at byte 4` + rule},
		{"RHSA\u00ad2021", `id: "RHSA\u00ad2021" has U+00AD SOFT HYPHEN at byte 4` + rule},
		{"RHSA\x00", `id: "RHSA\x00" has U+0000 NULL at byte 4` + rule},
		{"RHSA\xc3", `id: "RHSA\xc3" has invalid UTF-8 byte 0xC3 at byte 4` + rule},
		{strings.Repeat("A", 257), `id: "` + strings.Repeat("A", 80) + `"... is 257 bytes long: advisory IDs are at most 256`},
	} {
		a := vtAdvisory()
		a.ID = c.id
		got := idProblems(t, a.Validate())
		switch {
		case c.want == "" && len(got) > 0:
			t.Errorf("%+q: %v, want valid", c.id, got)
		case c.want != "" && (len(got) != 1 || got[0] != c.want):
			t.Errorf("%+q:\n got %q\nwant %q", c.id, got, c.want)
		}
	}
}

func TestExclusionIDCharacterSet(t *testing.T) {
	a := vtAdvisory()
	a.ExcludePartners = []string{"us-av", "quillmark ", ""}
	got := idProblems(t, a.Validate())
	want := []string{
		`exclude_partners[1]: "quillmark " has U+0020 SPACE at byte 9: partner IDs are ASCII letters, digits and . - _ : @`,
		`exclude_partners[2]: empty partner ID`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// idList returns partners with the given IDs, padded to n with unrelated
// ones, so that a test runs with few partners and with many.
func idList(n int, ids ...string) []disclosure.Partner {
	var ps []disclosure.Partner
	for _, id := range ids {
		ps = append(ps, vtPartner(id, "entry", "US"))
	}
	for i := len(ps); i < n; i++ {
		ps = append(ps, vtPartner(fmt.Sprintf("pad-%d", i), "entry", "US"))
	}
	return ps
}

func TestPartnerIDsClash(t *testing.T) {
	for _, c := range []struct {
		ids  []string
		want []string // problems, in order
	}{
		{[]string{"us-av", "de-ids", "us-av"}, []string{`partners[2].id: "us-av" repeats partners[0]`}},
		{[]string{"us-av", "US-AV"}, []string{`partners[1].id: "US-AV" equals partners[0].id "us-av" ignoring case`}},
		{[]string{"pad", "acrne-av", "acme-av"}, []string{`partners[2].id: "acme-av" is confusable with partners[1].id "acrne-av"`}},
		{[]string{"quillmark", "quiIlmark"}, []string{`partners[1].id: "quiIlmark" is confusable with partners[0].id "quillmark"`}},
		{[]string{"paypal", "paypa1"}, []string{`partners[1].id: "paypa1" is confusable with partners[0].id "paypal"`}},
		{[]string{"orange", "0range"}, []string{`partners[1].id: "0range" is confusable with partners[0].id "orange"`}},
		{[]string{"widget", "vvidget"}, []string{`partners[1].id: "vvidget" is confusable with partners[0].id "widget"`}},
		{[]string{"cloud", "doud"}, []string{`partners[1].id: "doud" is confusable with partners[0].id "cloud"`}},
		// Case and look-alikes together: equal ignoring case wins.
		{[]string{"Acme-1", "acme-l", "ACME-1"}, []string{
			`partners[1].id: "acme-l" is confusable with partners[0].id "Acme-1"`,
			`partners[2].id: "ACME-1" equals partners[0].id "Acme-1" ignoring case`}},
		// A Cyrillic look-alike is invalid by itself and confusable.
		{[]string{"acme", "\u0430cme"}, []string{
			`partners[1].id: "\u0430cme" has U+0430 CYRILLIC SMALL LETTER A at byte 0 (it looks like Latin 'a'): partner IDs are ASCII letters, digits and . - _ : @`,
			`partners[1].id: "\u0430cme" is confusable with partners[0].id "acme"`}},
		// Not confusable: different words, digits other than 0 and 1,
		// lower-case i and l.
		{[]string{"mail", "mali", "p-5", "p-s", "acme-i", "acme-l", "p-8", "p-B"}, nil},
	} {
		for _, n := range []int{len(c.ids), 20} { // compared pairwise, and through maps
			ps := idList(n, c.ids...)
			_, err := disclosure.Plan(disclosure.DefaultPolicy(), vtAdvisory(), ps)
			got := idProblems(t, err)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("Plan, %d partners %q:\n got %q\nwant %q", n, c.ids, got, c.want)
			}
			var b strings.Builder
			b.WriteString(`{"partners": [`)
			for i, p := range ps {
				if i > 0 {
					b.WriteString(",")
				}
				fmt.Fprintf(&b, `{"id": %q, "tier": "entry", "jurisdictions": ["US"], "status": "active"}`, p.ID)
			}
			b.WriteString("]}")
			_, err = disclosure.LoadPartners(strings.NewReader(b.String()))
			if got := idProblems(t, err); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("LoadPartners, %d partners %q:\n got %q\nwant %q", n, c.ids, got, c.want)
			}
		}
	}
}

func TestTierNamesClash(t *testing.T) {
	p := disclosure.DefaultPolicy()
	p.Tiers = append(p.Tiers,
		disclosure.Tier{Name: "Entry", Rank: 4, Classes: []disclosure.Class{disclosure.ClassSummary}, TLP: disclosure.TLPRed},
		disclosure.Tier{Name: "va1idate", Rank: 5, Classes: []disclosure.Class{disclosure.ClassSummary}, TLP: disclosure.TLPRed})
	want := []string{
		`tiers[3].name: "Entry" equals tiers[1].name "entry" ignoring case`,
		`tiers[4].name: "va1idate" is confusable with tiers[2].name "validate"`,
	}
	for _, n := range []int{0, 20} { // compared pairwise, and through maps
		q := p
		for i := range n {
			q.Tiers = append(q.Tiers, disclosure.Tier{Name: fmt.Sprintf("extra-%d", i), Rank: 10 + i, TLP: disclosure.TLPRed})
		}
		got := idProblems(t, q.Validate())
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%d tiers:\n got %q\nwant %q", len(q.Tiers), got, want)
		}
	}
}
