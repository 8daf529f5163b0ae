package ledger_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// A program records each copy as it sends it, and its other events; it
// writes each line Append returns at the end of the record's file.
func ExampleRecord_Append() {
	var record ledger.Record
	var file bytes.Buffer
	policy := programPolicy() // validating partners get two weeks
	advisory := toolShell(1)
	ds, err := disclosure.Plan(policy, advisory, members())
	if err != nil {
		panic(err)
	}
	now := time.Date(2025, 6, 24, 18, 0, 0, 0, time.UTC)
	for _, d := range ds {
		if !d.ReleasedBy(now) {
			continue
		}
		copyBytes := []byte("the copy as written for " + d.PartnerID) // e.g. its CSAF document
		e, err := ledger.NewDelivery(d, copyBytes, now, policy, nil)
		if err != nil {
			panic(err)
		}
		line, err := record.Append(e)
		if err != nil {
			panic(err)
		}
		file.Write(line)
		// Recording the same copy again adds nothing.
		again, _ := record.Append(e)
		fmt.Printf("%s revision %d %v: %d bytes, then %d\n", d.PartnerID, d.Revision, d.Classes, len(line), len(again))
	}
	line, err := record.Append(ledger.Entry{
		Kind: ledger.KindExploitationObserved, At: time.Date(2025, 7, 7, 18, 0, 0, 0, time.UTC),
		Advisory: advisory.ID, Reason: "attacks on SharePoint servers",
	})
	if err != nil {
		panic(err)
	}
	file.Write(line)
	fmt.Printf("%s", line[:bytes.Index(line, []byte(`,"prev"`))])
	// Output:
	// brimlock revision 1 [summary description mitigations]: 904 bytes, then 0
	// harunoki revision 1 [summary description mitigations]: 904 bytes, then 0
	// {"seq":3,"kind":"exploitation-observed","at":"2025-07-07T18:00:00Z","advisory":"ADV-2025-0042","reason":"attacks on SharePoint servers"
}

// Verify names the first bad line; with a head kept from before, it also
// sees lines cut from the end.
func ExampleVerify() {
	record, file := sample(nil)
	kept := record.Head()
	fmt.Println("intact:", verify(file, kept))

	changed := bytes.Clone(file)
	i := bytes.Index(changed, []byte("harunoki"))
	changed[i] = 'H'
	fmt.Println("changed:", verify(changed, kept))

	lines := bytes.SplitAfter(file, []byte("\n"))
	deleted := bytes.Join(append(lines[:2:2], lines[3:]...), nil)
	fmt.Println("deleted:", verify(deleted, kept))

	cut := bytes.Join(lines[:len(lines)-2], nil)
	fmt.Println("cut:", verify(cut, ledger.Head{}))
	fmt.Println("cut, with the head:", verify(cut, kept))
	// Output:
	// intact: <nil>
	// changed: line 2: hash: does not match the line: the line was changed
	// deleted: line 3: seq: is 4: a line before it was deleted, inserted or moved
	// cut: <nil>
	// cut, with the head: line 12: missing: the record ends after 11 entries, the kept head names 12: it was cut
}

func verify(file []byte, kept ledger.Head) error {
	_, err := ledger.Verify(bytes.NewReader(file), kept)
	return err
}

// A revision adds a proof of concept while the program adopts the July
// 2025 rule: partners get only what is new, and what a restricted partner
// already holds is reported as exposed.
func ExampleRecord_Changes() {
	before := programPolicy()
	before.RestrictWhen = disclosure.RestrictionScope{} // the rule before July 2025: nobody restricted
	record := toolShellRecord(before, 2)                // the notices of June 24 and July 3

	after := programPolicy() // the July 2025 rule
	plan, err := disclosure.Plan(after, toolShell(3), members())
	if err != nil {
		panic(err)
	}
	updates, err := record.Changes(plan)
	if err != nil {
		panic(err)
	}
	for _, u := range updates {
		fmt.Printf("%s holds %d parts\n", u.Partner, len(u.Held))
		for _, c := range u.Send {
			fmt.Printf("  send %v (changed: %t) at %s\n", c.Part, c.Changed, u.At.Format(time.RFC3339))
		}
		for _, x := range u.Exposed {
			fmt.Printf("  exposed %v since %s: %s\n", x.Part, x.Since.Format(time.DateOnly), x.Reason)
		}
	}
	// Output:
	// brimlock holds 4 parts
	//   send artifact proof-of-concept "poc.py" (changed: false) at 2025-06-23T17:00:00Z
	// harunoki holds 4 parts
	//   send artifact proof-of-concept "poc.py" (changed: false) at 2025-06-23T17:00:00Z
	// ardentic holds 4 parts
	//   send artifact proof-of-concept "poc.py" (changed: false) at 2025-07-03T17:00:00Z
	// qilin-ids holds 4 parts
	//   exposed section technical-details "Root cause" since 2025-07-03: restricted-jurisdiction
	// vasudrik holds 0 parts
	//   send summary (changed: false) at 2025-07-08T17:00:00Z
	//   send section description (changed: false) at 2025-07-08T17:00:00Z
	//   send section mitigations (changed: false) at 2025-07-08T17:00:00Z
}
