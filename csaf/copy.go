package csaf

// Each partner's copy is a document of its own: its own tracking ID, a
// reference back to the original, and (CSAF 2.1) its own sharing group.

import (
	"fmt"
	"slices"
	"strings"

	"github.com/disclosurekit/disclosure"
)

// copySeparator joins the original's tracking ID and the partner ID in the
// tracking ID of a partner's copy. No partner ID holds it, so the copy's
// ID splits back at its last one, and the file-name rule of CSAF keeps it.
const copySeparator = "+"

// CopyTrackingID returns the /document/tracking/id of a partner's copy of
// the document whose tracking ID is id: the original's ID, "+" and the
// partner ID. "RHSA-2021:5186" gives "RHSA-2021:5186+jinlumo" for partner
// jinlumo, and the copy's file name (see [FileName]) is
// "rhsa-2021_5186+jinlumo.json".
//
// The rule is deterministic: every revision of the document gives the
// partner a copy of the same ID, whose /document/tracking/version is the
// original's. Copies that differ in content have different IDs, and none
// has the original's, so a tool that tells documents apart by tracking ID
// and version does not take a partner's copy for the original or for
// another partner's copy. As partner IDs cannot hold "+", the copy's ID
// tells the original's and the partner's apart, whatever the original's
// holds. It stays within what CSAF allows of a tracking ID: no leading or
// trailing white space, and at most 1000 characters (the soft limit of
// CSAF 2.1's guidance on size), as advisory IDs are at most 256 bytes and
// partner IDs at most 64.
func CopyTrackingID(id, partner string) string { return id + copySeparator + partner }

// setTrackingID sets /document/tracking/id.
func setTrackingID(doc *object, id string) {
	t, _ := memberAs[*object](doc, "tracking")
	if t == nil {
		return // Read requires it
	}
	for i := range t.members {
		if t.members[i].key == "id" {
			t.members[i].val = id
		}
	}
}

// referBack makes the copy's /document/references lead back to the
// original: each reference of the original to itself (category self) is
// the copy's reference to its original, of category external, its summary
// saying so; a document without one gets a reference to its publisher's
// namespace that names the original. CSAF requires a reference of
// category external of an informational advisory and of a security
// incident response (test 6.1.27.2): every copy has one.
func referBack(doc *object, originalID string, d *disclosure.Disclosure) {
	version, _ := stringAt(doc, "tracking", "version")
	lead := fmt.Sprintf("Original advisory %s (version %s), of which this document is partner %s's copy", originalID, version, d.PartnerID)
	refs, _ := memberAs[[]any](doc, "references")
	self := false
	for _, ref := range refs {
		o, ok := ref.(*object)
		if !ok || field(o, "category") != "self" {
			continue
		}
		self = true
		for i := range o.members {
			switch m := &o.members[i]; m.key {
			case "category":
				m.val = "external"
			case "summary":
				if s, _ := m.val.(string); s != "" {
					m.val = lead + ": " + s
				} else {
					m.val = lead
				}
			}
		}
	}
	if self {
		return
	}
	ns, ok := stringAt(doc, "publisher", "namespace")
	if !ok {
		return // not a valid document: the schema requires a namespace
	}
	summary := lead + "; the original gives no URL of its own: this is its publisher's namespace"
	if name, _ := stringAt(doc, "publisher", "name"); strings.TrimSpace(name) != "" {
		summary += " (" + name + ")"
	}
	back := &object{members: []member{
		{key: "category", val: "external"},
		{key: "summary", val: summary},
		{key: "url", val: ns},
	}}
	for i := range doc.members {
		if doc.members[i].key == "references" {
			if list, ok := doc.members[i].val.([]any); ok {
				doc.members[i].val = append([]any{back}, list...)
			}
			return
		}
	}
	at := len(doc.members)
	if i := slices.IndexFunc(doc.members, func(m member) bool { return m.key == "publisher" }); i >= 0 {
		at = i + 1
	}
	doc.members = slices.Insert(doc.members, at, member{key: "references", val: []any{back}})
}

// The sharing group of CSAF 2.1 that a TLP:CLEAR document must have, if
// any (tests 6.1.38 to 6.1.41), and its reserved name.
const publicGroupName = "Public"

// sharingGroup returns the /document/distribution/sharing_group of a CSAF
// 2.1 copy labelled tlp for partner p: for TLP:CLEAR, the public group
// (the Max UUID, named "Public"), which CSAF 2.1 allows with CLEAR alone
// and requires of it; otherwise the partner's own group. Its ID is the
// name-based UUID of the partner ID in the program's namespace
// (opts.SharingGroupNamespace, or the UUID of the publisher's namespace
// URL: see [Options]), and its name the partner's name and ID, "Ardentic
// Antivirus Inc. (ardentic)", or "Partner ardentic" when the partner has
// no name: neither can be a name CSAF reserves ("Public", "No sharing
// allowed").
func sharingGroup(doc *object, tlp disclosure.TLP, p *disclosure.Partner, opts *Options) *object {
	if tlp == disclosure.TLPClear {
		return &object{members: []member{{key: "id", val: maxUUID.String()}, {key: "name", val: publicGroupName}}}
	}
	return &object{members: []member{{key: "id", val: partnerGroup(doc, p.ID, opts).String()}, {key: "name", val: groupName(p)}}}
}

// partnerGroup returns the ID of a partner's sharing group.
func partnerGroup(doc *object, partner string, opts *Options) uuid {
	ns, ok := parseUUID(opts.SharingGroupNamespace)
	if !ok {
		publisher, _ := stringAt(doc, "publisher", "namespace")
		ns = nameUUID(urlNamespace, publisher)
	}
	return nameUUID(ns, partner)
}

// groupName returns the name of a partner's sharing group.
func groupName(p *disclosure.Partner) string {
	name := strings.Join(strings.Fields(p.Name), " ")
	if name == "" {
		return "Partner " + p.ID
	}
	return name + " (" + p.ID + ")"
}
