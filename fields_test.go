package disclosure_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/disclosurekit/disclosure"
)

// advisoryFields maps every exported field of Advisory, and of the types
// nested in it, to the class its content travels with:
//   - a Class name: the field is copied to partners that receive the class;
//   - "element": the field belongs to a section or artifact and travels
//     with that element's own class;
//   - "internal": never copied to any partner.
//
// A field missing here fails TestEveryAdvisoryFieldHasAClass: whoever adds
// a field must decide its class, and TestSummaryFieldsTravelWithSummary
// then checks that Disclose honours the decision.
var advisoryFields = map[string]string{
	"Advisory.ID":              "summary",
	"Advisory.Revision":        "summary",
	"Advisory.CVEs":            "summary",
	"Advisory.Title":           "summary",
	"Advisory.Products":        "summary",
	"Advisory.Severity":        "summary",
	"Advisory.TLP":             "summary",
	"Advisory.PublicAt":        "summary",
	"Advisory.Embargo":         "summary",
	"Embargo.EndedAt":          "summary",
	"Embargo.Reason":           "summary",
	"Advisory.ReadyAt":         "internal",
	"Advisory.ExcludePartners": "internal",
	"Advisory.WithholdClasses": "internal",
	"Advisory.Sections":        "element",
	"Section.Class":            "element",
	"Section.Title":            "element",
	"Section.Body":             "element",
	"Advisory.Artifacts":       "element",
	"Artifact.Class":           "element",
	"Artifact.Name":            "element",
	"Artifact.MediaType":       "element",
	"Artifact.Data":            "element",
}

// unmappedFields walks every exported field of t and of the struct types
// it holds (directly, through pointers or in slices) and returns the
// "Type.Field" names missing from mapping. time.Time is a leaf.
func unmappedFields(t reflect.Type, mapping map[string]string) []string {
	var missing []string
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t == reflect.TypeFor[time.Time]() || seen[t] {
			return
		}
		seen[t] = true
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			key := t.Name() + "." + f.Name
			if _, ok := mapping[key]; !ok {
				missing = append(missing, key)
			}
			walk(f.Type)
		}
	}
	walk(t)
	slices.Sort(missing)
	return missing
}

func TestEveryAdvisoryFieldHasAClass(t *testing.T) {
	if missing := unmappedFields(reflect.TypeFor[disclosure.Advisory](), advisoryFields); len(missing) > 0 {
		t.Fatalf("fields with no class: %v\nadd them to advisoryFields and to the copy in Disclose", missing)
	}
	for key, class := range advisoryFields {
		if class != "element" && class != "internal" && !disclosure.Class(class).Valid() {
			t.Errorf("%s mapped to %q, not a class", key, class)
		}
	}
}

// The walker must catch a field that nobody classified, also when it is
// nested. Advisory here is a stand-in for a future version of the real one.
func TestUnmappedFieldIsCaught(t *testing.T) {
	type Note struct {
		Text     string
		Internal string
	}
	type Advisory struct {
		ID            string
		Sections      []disclosure.Section
		InternalNotes []Note // added without a class: must be reported
	}
	mapping := map[string]string{"Advisory.ID": "summary", "Advisory.Sections": "element",
		"Section.Class": "element", "Section.Title": "element", "Section.Body": "element", "Note.Text": "summary"}
	got := unmappedFields(reflect.TypeFor[Advisory](), mapping)
	want := []string{"Advisory.InternalNotes", "Note.Internal"}
	if !slices.Equal(got, want) {
		t.Fatalf("unmapped = %v, want %v", got, want)
	}
}

// TestSummaryFieldsTravelWithSummary sets every top-level field of an
// advisory and checks, field by field, that the copy holds it exactly when
// its class is received, and never when it is internal.
func TestSummaryFieldsTravelWithSummary(t *testing.T) {
	a := disclosure.Advisory{
		ID: "ADV-1", Revision: 3, CVEs: []string{"CVE-2025-0001"}, Title: "t", Products: []string{"p"},
		Severity:        disclosure.SeverityHigh,
		TLP:             disclosure.TLPAmber,
		PublicAt:        time.Date(2025, 7, 8, 10, 0, 0, 0, time.FixedZone("PDT", -7*3600)),
		ReadyAt:         time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC),
		Embargo:         disclosure.Embargo{EndedAt: time.Date(2025, 7, 7, 0, 0, 0, 0, time.UTC), Reason: disclosure.EndExploited},
		Sections:        []disclosure.Section{{Class: disclosure.ClassDescription, Body: "b"}},
		Artifacts:       []disclosure.Artifact{{Class: disclosure.ClassDescription, Name: "n", Data: []byte("d")}},
		ExcludePartners: []string{"someone-else"},
		WithholdClasses: []disclosure.Class{disclosure.ClassProofOfConcept},
	}
	av := reflect.ValueOf(a)
	for i := 0; i < av.NumField(); i++ {
		if av.Field(i).IsZero() {
			t.Fatalf("test advisory leaves %s zero", av.Type().Field(i).Name)
		}
	}
	for _, withSummary := range []bool{true, false} {
		classes := []disclosure.Class{disclosure.ClassDescription}
		if withSummary {
			classes = append(classes, disclosure.ClassSummary)
		}
		policy := disclosure.Policy{Tiers: []disclosure.Tier{{Name: "t", Rank: 1, Classes: classes, TLP: disclosure.TLPRed}}}
		partner := disclosure.Partner{ID: "p", Tier: "t", Jurisdictions: []string{"US"}, Status: disclosure.StatusActive,
			Agreement: disclosure.Agreement{SignedAt: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}}
		d, err := disclosure.Disclose(policy, a, partner)
		if err != nil {
			t.Fatal(err)
		}
		cv := reflect.ValueOf(d.Advisory)
		for i := 0; i < av.NumField(); i++ {
			name := av.Type().Field(i).Name
			class := advisoryFields["Advisory."+name]
			got, in := cv.Field(i), av.Field(i)
			switch {
			case class == "internal" || (class == "summary" && !withSummary):
				if !got.IsZero() {
					t.Errorf("summary=%v: %s copied: %v", withSummary, name, got)
				}
			case class == "summary" || class == "element":
				if !sameValue(got, in) {
					t.Errorf("summary=%v: %s = %v, want %v", withSummary, name, got, in)
				}
			}
		}
	}
}

// sameValue compares like reflect.DeepEqual, but times by instant.
func sameValue(x, y reflect.Value) bool {
	switch v := x.Interface().(type) {
	case time.Time:
		return v.Equal(y.Interface().(time.Time))
	case disclosure.Embargo:
		w := y.Interface().(disclosure.Embargo)
		return v.EndedAt.Equal(w.EndedAt) && v.Reason == w.Reason
	}
	return reflect.DeepEqual(x.Interface(), y.Interface())
}
