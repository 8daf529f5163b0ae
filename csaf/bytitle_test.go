package csaf_test

import (
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure/csaf"
)

// TestTitleRuleOnlyWhenMoreSensitive: a title rule decides a note's class
// only when it is more sensitive than the category's class, and of rules
// that match, the first of the most sensitive class gives the rule.
func TestTitleRuleOnlyWhenMoreSensitive(t *testing.T) {
	doc := withVulns(`[{"notes": [{"category": "general", "title": "Proof of concept exploit", "text": "t"}]}]`)
	ruleOf := func(opts csaf.Options) string {
		t.Helper()
		r, err := csaf.Read(doc, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range r.Elements {
			if e.Path == "vulnerabilities[0].notes[0]" {
				return e.Rule
			}
		}
		t.Fatalf("no element for the note in %+v", r.Elements)
		return ""
	}
	opts := csaf.DefaultOptions()
	opts.NoteTitles = nil
	byCategory := ruleOf(opts)
	class := opts.NoteCategories["general"]
	if !strings.HasPrefix(byCategory, `note category "general" → `) {
		t.Fatalf("without title rules: %s", byCategory)
	}

	opts.NoteTitles = []csaf.TitleRule{{Phrase: "proof of concept", Class: class}}
	if got := ruleOf(opts); got != byCategory {
		t.Errorf("a title rule of the category's class: %s, want %s", got, byCategory)
	}

	var more csaf.TitleRule
	for _, r := range csaf.DefaultOptions().NoteTitles {
		if r.Class.Sensitivity() > class.Sensitivity() {
			more = r
			break
		}
	}
	if more.Phrase == "" {
		t.Fatalf("no default title rule more sensitive than %s", class)
	}
	opts.NoteTitles = []csaf.TitleRule{{Phrase: "proof of concept", Class: more.Class}, {Phrase: "exploit", Class: more.Class}}
	if got := ruleOf(opts); !strings.Contains(got, `matches "proof of concept"`) {
		t.Errorf("two title rules of one class: %s, want the first's", got)
	}
}
