package csaf_test

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/csaf"
)

// copyHead is what the identity tests read of a copy.
type copyHead struct {
	Document struct {
		Version      string `json:"csaf_version"`
		Distribution struct {
			SharingGroup *struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"sharing_group"`
			Text string `json:"text"`
			TLP  struct {
				Label string `json:"label"`
			} `json:"tlp"`
		} `json:"distribution"`
		References []struct {
			Category string `json:"category"`
			Summary  string `json:"summary"`
			URL      string `json:"url"`
		} `json:"references"`
		Tracking struct {
			ID      string `json:"id"`
			Version string `json:"version"`
		} `json:"tracking"`
	} `json:"document"`
}

func headOf(t *testing.T, data []byte) copyHead {
	t.Helper()
	var h copyHead
	if err := json.Unmarshal(data, &h); err != nil {
		t.Fatal(err)
	}
	return h
}

// uuid4Form is the form the CSAF 2.1 schema requires of a sharing group
// ID that is neither the Nil nor the Max UUID.
var uuid4Form = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$`)

const maxUUID = "ffffffff-ffff-ffff-ffff-ffffffffffff"

// TestCopyIdentity: for every document and entitled demo partner, the
// copy has a tracking ID of its own, different from the original's and
// from every other partner's copy, the file name of that ID, a reference
// of category external back to the original and none to itself, and, in
// CSAF 2.1, a sharing group that obeys CSAF 2.1's rules: the Max UUID,
// named "Public", exactly when the copy is TLP:CLEAR; otherwise the
// partner's own group, of a UUID of the schema's form, named after the
// partner, and different for every partner.
func TestCopyIdentity(t *testing.T) {
	partners := demoPartners(t)
	copies := 0
	for _, path := range documents(t) {
		doc := readFile(t, path)
		orig := headOf(t, doc)
		_, plan := planFor(t, doc, partners)
		ids := map[string]string{orig.Document.Tracking.ID: "the original"}
		groups := map[string]string{}
		for _, d := range plan {
			if !d.Entitled {
				continue
			}
			p := partnerOf(t, partners, d.PartnerID)
			out, name, err := csaf.WriteFor(doc, d, p, csaf.DefaultOptions())
			if err != nil {
				t.Fatalf("%s for %s: %v", filepath.Base(path), d.PartnerID, err)
			}
			copies++
			h := headOf(t, out)
			where := filepath.Base(path) + " for " + d.PartnerID
			id := h.Document.Tracking.ID
			if want := orig.Document.Tracking.ID + "+" + d.PartnerID; id != want {
				t.Errorf("%s: tracking ID %q, want %q", where, id, want)
			}
			if other, seen := ids[id]; seen {
				t.Errorf("%s: tracking ID %q is %s's too", where, id, other)
			}
			ids[id] = d.PartnerID
			if name != csaf.FileName(id) || h.Document.Tracking.Version != orig.Document.Tracking.Version {
				t.Errorf("%s: file %s, version %s; want %s, %s", where, name, h.Document.Tracking.Version, csaf.FileName(id), orig.Document.Tracking.Version)
			}
			back := 0
			for _, r := range h.Document.References {
				if r.Category == "self" {
					t.Errorf("%s: a reference to itself, %s: the copy is not at the original's address", where, r.URL)
				}
				if r.Category == "external" && strings.HasPrefix(r.Summary, "Original advisory "+orig.Document.Tracking.ID+" (version "+orig.Document.Tracking.Version+"), of which this document is partner "+d.PartnerID+"'s copy") {
					back++
				}
			}
			if back == 0 {
				t.Errorf("%s: no reference back to the original: %+v", where, h.Document.References)
			}
			g := h.Document.Distribution.SharingGroup
			if h.Document.Version == "2.0" {
				if g != nil {
					t.Errorf("%s: a sharing group in CSAF 2.0", where)
				}
				if !strings.Contains(h.Document.Distribution.Text, "partner "+d.PartnerID+" ") {
					t.Errorf("%s: the distribution text does not name the partner: %q", where, h.Document.Distribution.Text)
				}
				continue
			}
			clear := h.Document.Distribution.TLP.Label == "CLEAR"
			switch {
			case g == nil:
				t.Errorf("%s: no sharing group", where)
			case clear && (g.ID != maxUUID || g.Name != "Public"):
				t.Errorf("%s: TLP:CLEAR with sharing group %+v, want the Max UUID, Public", where, *g)
			case !clear && (!uuid4Form.MatchString(g.ID) || g.Name == "Public" || g.Name == "No sharing allowed" ||
				!strings.Contains(g.Name, "("+d.PartnerID+")")):
				t.Errorf("%s: TLP:%s with sharing group %+v, want the partner's own", where, h.Document.Distribution.TLP.Label, *g)
			case !clear:
				if other, seen := groups[g.ID]; seen && other != d.PartnerID {
					t.Errorf("%s: sharing group %s is %s's too", where, g.ID, other)
				}
				groups[g.ID] = d.PartnerID
			}
		}
	}
	if copies < 100 {
		t.Errorf("only %d copies checked", copies)
	}
}

// TestSharingGroup: the ID of a partner's sharing group is the name-based
// UUID of its ID in the program's namespace (SHA-1, as RFC 9562 version 5,
// marked version 4 as the CSAF 2.1 schema requires), computed here by
// another implementation; without a namespace in the options, the
// namespace is that of the publisher's namespace URL. A partner without a
// name has a group named after its ID. A TLP:CLEAR copy is in the public
// group.
func TestSharingGroup(t *testing.T) {
	doc := readFile(t, filepath.Join("testdata", "adv-2025-0042-csaf21.json"))
	a, err := readAdvisory(doc, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	d := disclosure.Disclosure{PartnerID: "ardentic", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true, ReleaseAt: a.PublicAt,
		PublishNotBefore: a.PublicAt, TLP: disclosure.TLPAmberStrict, Classes: disclosure.Classes()}
	named := disclosure.Partner{ID: "ardentic", Name: "  Ardentic\tAntivirus Inc. "}
	program := csaf.DefaultOptions()
	program.SharingGroupNamespace = "6F1C2D3E-4B5A-4C6D-8E7F-0A1B2C3D4E5F" // either case
	for _, tt := range []struct {
		name      string
		partner   disclosure.Partner
		opts      csaf.Options
		tlp       disclosure.TLP
		id, group string
	}{
		// Python: uuid.UUID(bytes=sha1(UUID('6f1c…').bytes + b'ardentic')[:16]) with the version nibble 4 and the RFC variant.
		{"the program's namespace", named, program, disclosure.TLPAmberStrict, "3be1272e-f8fc-4ada-98f1-8a4bf8e2ee38", "Ardentic Antivirus Inc. (ardentic)"},
		// The namespace of https://psirt.example.com (uuid5(NAMESPACE_URL, …) = aac90b34-3963-5c29-…, marked 4).
		{"the publisher's namespace", named, csaf.DefaultOptions(), disclosure.TLPAmberStrict, "76f59cdb-2c65-4617-bf9b-e4243b9da3bc", "Ardentic Antivirus Inc. (ardentic)"},
		{"no name", disclosure.Partner{ID: "ardentic"}, csaf.DefaultOptions(), disclosure.TLPRed, "76f59cdb-2c65-4617-bf9b-e4243b9da3bc", "Partner ardentic"},
		{"named Public", disclosure.Partner{ID: "ardentic", Name: "Public"}, csaf.DefaultOptions(), disclosure.TLPRed, "76f59cdb-2c65-4617-bf9b-e4243b9da3bc", "Public (ardentic)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := d
			d.TLP = tt.tlp
			out, _, err := csaf.WriteFor(doc, d, tt.partner, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			g := headOf(t, out).Document.Distribution.SharingGroup
			if g == nil || g.ID != tt.id || g.Name != tt.group {
				t.Errorf("sharing group %+v, want %s %q", g, tt.id, tt.group)
			}
		})
	}

	// TLP:CLEAR: the public group. The source must allow it: the OASIS
	// example labelled CLEAR.
	clearDoc := readFile(t, filepath.Join("testdata", "oasis_csaf_tc-csaf_2_1-2024-6-1-39-11.json"))
	ca, err := readAdvisory(clearDoc, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	cd := disclosure.Disclosure{PartnerID: "jinlumo", AdvisoryID: ca.ID, Revision: ca.Revision, Entitled: true, ReleaseAt: ca.PublicAt,
		PublishNotBefore: ca.PublicAt, TLP: disclosure.TLPClear, Classes: disclosure.Classes()[:3]}
	out, _, err := csaf.WriteFor(clearDoc, cd, disclosure.Partner{ID: "jinlumo", Name: "Jinlumo"}, program)
	if err != nil {
		t.Fatal(err)
	}
	if g := headOf(t, out).Document.Distribution.SharingGroup; g == nil || g.ID != maxUUID || g.Name != "Public" {
		t.Errorf("a TLP:CLEAR copy's sharing group %+v, want the Max UUID, Public", g)
	}
	cd.TLP = disclosure.TLPGreen
	out, _, err = csaf.WriteFor(clearDoc, cd, disclosure.Partner{ID: "jinlumo", Name: "Jinlumo"}, program)
	if err != nil {
		t.Fatal(err)
	}
	if g := headOf(t, out).Document.Distribution.SharingGroup; g == nil || g.ID == maxUUID || g.Name != "Jinlumo (jinlumo)" {
		t.Errorf("a TLP:GREEN copy of a TLP:CLEAR document has sharing group %+v, want the partner's", g)
	}
}

// TestSharingGroupNamespaceOption: the namespace must be a UUID, and not
// one CSAF reserves; LoadOptions reads it.
func TestSharingGroupNamespaceOption(t *testing.T) {
	for ns, want := range map[string]string{
		"":                                     "",
		"6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f": "",
		"6f1c2d3e4b5a4c6d8e7f0a1b2c3d4e5f":     "is not a UUID",
		"6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5g": "is not a UUID",
		"{6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e}": "is not a UUID",
		"00000000-0000-0000-0000-000000000000": "reserves",
		"FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF": "reserves",
	} {
		o := csaf.DefaultOptions()
		o.SharingGroupNamespace = ns
		err := o.Validate()
		var ve *disclosure.ValidationError
		switch {
		case want == "" && err != nil:
			t.Errorf("%q: %v", ns, err)
		case want != "" && (!errors.As(err, &ve) || ve.Problems[0].Path != "sharing_group_namespace" ||
			!strings.Contains(ve.Problems[0].Message, want) || !errors.Is(err, csaf.ErrInvalidOptions)):
			t.Errorf("%q: %v, want sharing_group_namespace %s", ns, err, want)
		}
	}
	o, err := csaf.LoadOptions(strings.NewReader(`{"sharing_group_namespace": "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"}`))
	if err != nil || o.SharingGroupNamespace != "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f" {
		t.Errorf("LoadOptions: %+v, %v", o, err)
	}
}

// TestWriteForPartner: the partner given must be the disclosure's, whose
// ID must be a partner ID: the copy's tracking ID is made of it.
func TestWriteForPartner(t *testing.T) {
	doc := readFile(t, filepath.Join("testdata", "adv-2025-0042-csaf21.json"))
	a, err := readAdvisory(doc, csaf.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	d := disclosure.Disclosure{PartnerID: "ardentic", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true, ReleaseAt: a.PublicAt,
		PublishNotBefore: a.PublicAt, TLP: disclosure.TLPRed, Classes: disclosure.Classes()}
	_, _, err = csaf.WriteFor(doc, d, disclosure.Partner{ID: "brimlock"}, csaf.DefaultOptions())
	checkDisclosureProblem(t, err, "disclosure.partner", `"ardentic" is not the partner "brimlock"`)
	d.PartnerID = "ard entic"
	_, _, err = csaf.WriteFor(doc, d, disclosure.Partner{ID: "ard entic"}, csaf.DefaultOptions())
	checkDisclosureProblem(t, err, "disclosure.partner", `"ard entic"`)
}

func checkDisclosureProblem(t *testing.T, err error, path, msg string) {
	t.Helper()
	var ve *disclosure.ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, disclosure.ErrInvalidDisclosure) {
		t.Fatalf("%v, want an invalid disclosure", err)
	}
	for _, p := range ve.Problems {
		if p.Path == path && strings.Contains(p.Message, msg) {
			return
		}
	}
	t.Errorf("%v, want %s: %s", err, path, msg)
}

// TestReferBack: the original's references to itself become the copy's
// references to its original, every one of them; a document without one
// gets one to its publisher's namespace, and a document without any
// reference gets the member.
func TestReferBack(t *testing.T) {
	for _, tt := range []struct {
		doc    string
		change func(map[string]any)
		want   []string // category, summary prefix, url of each reference of the copy
	}{
		{"rhsa-2021_5186.json", nil, []string{
			"external", "Original advisory RHSA-2021:5186 (version 1), of which this document is partner p's copy: https://access.redhat.com/errata/RHSA-2021:5186", "https://access.redhat.com/errata/RHSA-2021:5186",
			"external", "https://access.redhat.com/security/updates/classification/#critical", "https://access.redhat.com/security/updates/classification/#critical",
			"external", "https://access.redhat.com/security/vulnerabilities/RHSB-2021-009", "https://access.redhat.com/security/vulnerabilities/RHSB-2021-009",
			"external", "Original advisory RHSA-2021:5186 (version 1), of which this document is partner p's copy: Canonical URL", "https://access.redhat.com/security/data/csaf/beta/2021/rhsa-2021_5186.json",
		}},
		{"bsi-2022-0001.json", nil, []string{
			"external", "Original advisory BSI-2022-0001 (version 1), of which this document is partner p's copy; the original gives no URL of its own: this is its publisher's namespace (Bundesamt für Sicherheit in der Informationstechnik)", "https://www.bsi.bund.de",
		}},
		{"adv-2025-0042.json", func(doc map[string]any) {
			at(doc, "document")["references"] = []any{map[string]any{"summary": "Background", "url": "https://research.example.net/x"}}
		}, []string{
			"external", "Original advisory ADV-2025-0042 (version 1), of which this document is partner p's copy; the original gives no URL of its own", "https://psirt.example.com",
		}},
	} {
		t.Run(tt.doc, func(t *testing.T) {
			doc := readFile(t, filepath.Join("testdata", tt.doc))
			if tt.change != nil {
				doc = edit(t, tt.doc, tt.change)
			}
			a, err := readAdvisory(doc, csaf.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			// Every class but unclassified: the external reference to
			// research.example.net is withheld.
			d := disclosure.Disclosure{PartnerID: "p", AdvisoryID: a.ID, Revision: a.Revision, Entitled: true, ReleaseAt: a.PublicAt,
				PublishNotBefore: a.PublicAt, TLP: disclosure.TLPRed, Classes: disclosure.Classes()[:8]}
			out, _, err := csaf.Write(doc, d, csaf.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			refs := headOf(t, out).Document.References
			if len(refs)*3 != len(tt.want) {
				t.Fatalf("references %+v, want %d", refs, len(tt.want)/3)
			}
			for i, r := range refs {
				w := tt.want[3*i:]
				if r.Category != w[0] || !strings.HasPrefix(r.Summary, w[1]) || r.URL != w[2] {
					t.Errorf("references[%d] %+v, want %s %q… %s", i, r, w[0], w[1], w[2])
				}
			}
		})
	}
}

// TestOriginalDistributionText: the original's distribution text (Red
// Hat's copyright) is quoted in every copy's, as the original's.
func TestOriginalDistributionText(t *testing.T) {
	doc := readFile(t, filepath.Join("testdata", "rhsa-2021_5186.json"))
	_, plan := planFor(t, doc, demoPartners(t))
	for _, d := range plan {
		if !d.Entitled {
			continue
		}
		out, _, err := csaf.Write(doc, d, csaf.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		text := headOf(t, out).Document.Distribution.Text
		if !strings.HasPrefix(text, "TLP:") || !strings.HasSuffix(text, ` The original document's distribution text: "Copyright © 2022 Red Hat, Inc. All rights reserved."`) {
			t.Errorf("%s: distribution text %q", d.PartnerID, text)
		}
	}
}
