package disclosure_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/disclosuretest"
)

var writeSeeds = flag.Bool("write-fuzz-seeds", false, "rewrite the generated seeds under testdata/fuzz")

// FuzzLoadPolicy: no input panics; every error is a ValidationError for a
// policy; a loaded policy writes and loads back to the same JSON.
func FuzzLoadPolicy(f *testing.F) {
	f.Add(mustJSON(disclosure.DefaultPolicy()))
	f.Add([]byte(`{"tiers":[{"name":"a","rank":1,"lead":"3bd","classes":["summary"],"tlp":"RED"}],"restricted":{"classes":[],"lead":"0","tlp":"CLEAR"},"restrict_when":{"jurisdictions":["EU"]},"max_lead":"5bd","calendar_zone":"UTC"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := disclosure.LoadPolicy(bytes.NewReader(data))
		if err != nil {
			var ve *disclosure.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, disclosure.ErrInvalidPolicy) || len(ve.Problems) == 0 {
				t.Fatalf("error %v (%T) is not a policy ValidationError", err, err)
			}
			for _, p := range ve.Problems {
				if p.Err != disclosure.ErrInvalidPolicy || p.Message == "" {
					t.Fatalf("problem %q of %v", p, p.Err)
				}
			}
			return
		}
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("valid policy does not marshal: %v", err)
		}
		q, err := disclosure.LoadPolicy(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("written policy does not load: %v\n%s", err, out)
		}
		if again := mustJSON(q); !bytes.Equal(out, again) {
			t.Fatalf("round trip changed the policy:\n%s\n%s", out, again)
		}
	})
}

// FuzzDisclose decodes a policy, an advisory and a partner from JSON and,
// when all three are valid, checks the invariants of the decision.
func FuzzDisclose(f *testing.F) {
	for seed := range uint64(4) {
		w := genWorld(seed, seed == 0)
		f.Add(mustJSON(w.policy), mustJSON(w.advisory), mustJSON(w.partners[0]))
	}
	f.Fuzz(func(t *testing.T, policyJSON, advisoryJSON, partnerJSON []byte) {
		p, err := disclosure.LoadPolicy(bytes.NewReader(policyJSON))
		if err != nil {
			return
		}
		a, err := disclosure.LoadAdvisory(bytes.NewReader(advisoryJSON))
		if err != nil {
			return
		}
		var to disclosure.Partner
		if err := json.Unmarshal(partnerJSON, &to); err != nil {
			return
		}
		d, err := disclosure.Disclose(p, a, to)
		if err != nil {
			var ve *disclosure.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, disclosure.ErrInvalidPartner) {
				t.Fatalf("loaded policy and advisory, yet: %v", err)
			}
			return
		}
		// Every guarantee of the library is the oracle.
		disclosuretest.CheckInvariants(t, p, disclosuretest.Inputs{
			Advisories: []disclosure.Advisory{a},
			Partners:   []disclosure.Partner{to},
			Generated:  -1,
		})
		var back disclosure.Disclosure
		if err := json.Unmarshal(mustJSON(d), &back); err != nil {
			t.Fatalf("disclosure JSON does not decode: %v", err)
		}
		// An Engine of the same policy decides the same.
		e, err := disclosure.NewEngine(p)
		if err != nil {
			t.Fatalf("NewEngine of a loaded policy: %v", err)
		}
		if ed, err := e.Disclose(a, to); err != nil || !bytes.Equal(mustJSON(ed), mustJSON(d)) {
			t.Fatalf("Engine.Disclose = %s, %v\nwant %s", mustJSON(ed), err, mustJSON(d))
		}
	})
}

// TestWriteFuzzSeeds rewrites the checked-in seed corpus from generated
// worlds when run with -write-fuzz-seeds.
func TestWriteFuzzSeeds(t *testing.T) {
	if !*writeSeeds {
		t.Skip("run with -write-fuzz-seeds to rewrite testdata/fuzz")
	}
	write := func(target, name string, values ...[]byte) {
		var b bytes.Buffer
		b.WriteString("go test fuzz v1\n")
		for _, v := range values {
			fmt.Fprintf(&b, "[]byte(%s)\n", strconv.Quote(string(v)))
		}
		dir := filepath.Join("testdata", "fuzz", target)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for seed := range uint64(12) {
		w := genWorld(1000+seed, seed%3 == 0)
		write("FuzzLoadPolicy", fmt.Sprintf("generated-%02d", seed), mustJSON(w.policy))
		write("FuzzDisclose", fmt.Sprintf("generated-%02d", seed), mustJSON(w.policy), mustJSON(w.advisory), mustJSON(w.partners[0]))
	}
}
