package csaf_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// TestSeverityFromScores checks the severity of an advisory: the
// qualitative rating of CVSS of its highest base score, at the edges of
// each rating, and the bounds of a base score.
func TestSeverityFromScores(t *testing.T) {
	tests := []struct {
		scores []string
		want   disclosure.Severity
	}{
		{nil, ""},
		{[]string{"0"}, disclosure.SeverityNone},
		{[]string{"0.0"}, disclosure.SeverityNone},
		{[]string{"0.1"}, disclosure.SeverityLow},
		{[]string{"3.9"}, disclosure.SeverityLow},
		{[]string{"4"}, disclosure.SeverityMedium},
		{[]string{"6.9"}, disclosure.SeverityMedium},
		{[]string{"7.0"}, disclosure.SeverityHigh},
		{[]string{"8.9"}, disclosure.SeverityHigh},
		{[]string{"9"}, disclosure.SeverityCritical},
		{[]string{"10"}, disclosure.SeverityCritical},
		{[]string{"3.0", "9.5", "5.0"}, disclosure.SeverityCritical},
		{[]string{"9.5", "3.0"}, disclosure.SeverityCritical},
		{[]string{"0", "0"}, disclosure.SeverityNone},
	}
	for _, tt := range tests {
		var scores []string
		for _, s := range tt.scores {
			scores = append(scores, fmt.Sprintf(`{"cvss_v3": {"baseScore": %s}, "products": ["p"]}`, s))
		}
		vuln := `[{"cve": "CVE-2025-0001"}]`
		if scores != nil {
			vuln = `[{"scores": [` + strings.Join(scores, ", ") + `]}]`
		}
		a, err := readAdvisory(withVulns(vuln), csaf.DefaultOptions())
		if err != nil {
			t.Errorf("scores %v: %v", tt.scores, err)
			continue
		}
		if a.Severity != tt.want {
			t.Errorf("scores %v: severity %q, want %q", tt.scores, a.Severity, tt.want)
		}
	}
	for _, bad := range []string{"-0.1", "10.1", "-1"} {
		_, err := readAdvisory(withVulns(`[{"scores": [{"cvss_v3": {"baseScore": `+bad+`}, "products": ["p"]}]}]`), csaf.DefaultOptions())
		if err == nil || !strings.Contains(err.Error(), bad+" is not a CVSS base score (0 to 10)") {
			t.Errorf("base score %s: %v", bad, err)
		}
	}
}
