package trace_test

import (
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/trace"
)

// TestReferenceCode checks that ReferenceCode recognises the reference
// section Mark appends, returns its code, the code Identify finds, and
// takes nothing else for one.
func TestReferenceCode(t *testing.T) {
	d, err := disclosure.Disclose(disclosure.DefaultPolicy(), markedAdvisory(), activePartner("ardentic", "entry", "US"))
	if err != nil {
		t.Fatal(err)
	}
	marked, err := trace.Mark(d, testKey)
	if err != nil {
		t.Fatal(err)
	}
	ref := marked.Advisory.Sections[len(marked.Advisory.Sections)-1]
	code, ok := trace.ReferenceCode(ref)
	if !ok {
		t.Fatalf("the reference section %+v is not recognised", ref)
	}
	ms, err := trace.Identify([]byte(code), testKey, markedAdvisory(), []disclosure.Partner{activePartner("ardentic", "entry", "US")})
	if err != nil || len(ms) != 1 || ms[0].Found[0].Where != "reference" || ms[0].Found[0].Code != code {
		t.Errorf("the code %s is not the reference Identify finds: %+v, %v", code, ms, err)
	}
	for _, s := range marked.Advisory.Sections[:len(marked.Advisory.Sections)-1] {
		if _, ok := trace.ReferenceCode(s); ok {
			t.Errorf("section %q taken for the reference", s.Title)
		}
	}
	for name, change := range map[string]func(s *disclosure.Section){
		"another class":   func(s *disclosure.Section) { s.Class = disclosure.ClassDescription },
		"another title":   func(s *disclosure.Section) { s.Title = "Ref" },
		"text before":     func(s *disclosure.Section) { s.Body = "x" + s.Body },
		"text after":      func(s *disclosure.Section) { s.Body += "x" },
		"a longer code":   func(s *disclosure.Section) { s.Body = strings.Replace(s.Body, code, code+"A", 1) },
		"a shorter code":  func(s *disclosure.Section) { s.Body = strings.Replace(s.Body, code, code[1:], 1) },
		"lower case":      func(s *disclosure.Section) { s.Body = strings.Replace(s.Body, code, strings.ToLower(code), 1) },
		"a letter not of": func(s *disclosure.Section) { s.Body = strings.Replace(s.Body, code, "U"+code[1:], 1) },
	} {
		s := ref
		change(&s)
		if c, ok := trace.ReferenceCode(s); ok {
			t.Errorf("%s: %q taken for a reference, code %s", name, s.Body, c)
		}
	}
}

// TestIsCodeForm checks the form of a code: 13 characters of the
// alphabet, upper case.
func TestIsCodeForm(t *testing.T) {
	for s, want := range map[string]bool{
		"0123456789ABC":  true,
		"DEFGHJKMNPQRS":  true,
		"TVWXYZ0000000":  true,
		"0123456789AB":   false, // 12
		"0123456789ABCD": false,
		"0123456789abc":  false,
		"I000000000000":  false,
		"L000000000000":  false,
		"O000000000000":  false,
		"U000000000000":  false,
		"000000-000000":  false,
		"":               false,
	} {
		if got := trace.IsCodeForm(s); got != want {
			t.Errorf("IsCodeForm(%q) = %v, want %v", s, got, want)
		}
	}
}
