package main

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/disclosurekit/disclosure"
	"github.com/disclosurekit/disclosure/ledger"
)

// demoFiles are the inputs of the demo. They are written by hand and
// double as examples of the input formats: "disclose demo --export DIR"
// writes them out.
//
//go:embed demo/*.json
var demoFiles embed.FS

const (
	demoAdvisory = "demo/advisory.json"
	demoPartners = "demo/partners.json"
	demoBefore   = "demo/policy-before-2025-07.json"
)

var demoCmd = &command{
	name:    "demo",
	run:     runDemo,
	summary: "a built-in example: the July 2025 rule, on fictional partners",
	usage: `Usage: disclose demo [--export DIR] [--format table|json]

Runs a built-in scenario modelled on the SharePoint case of July 2025: one
advisory with content of every class, public on the July 2025 Patch Tuesday,
and twelve fictional partners in every tier and in the US, Germany, Japan,
Israel, India, China and the EU, one suspended, one whose agreement expired
and one excluded from this advisory.

It prints the schedule under the policy before July 2025, which restricts
nobody, then under the built-in policy, which gives partners subject to
China's vulnerability reporting rules no proof of concept and no head start,
then what changed for each partner, and for the exposure in numbers: per
class, the partners that hold it before the public release, and the
partner-hours.

Then it replays the case over time, as "disclose export --ledger" would
with a record: three notices of growing content (June 24, July 3 and July 7
2025), exploitation observed on July 7 before the third, the patch on July
8; and it shows who held which classes when exploitation began, under both
policies (validating partners warned two weeks ahead, as in the case).
The files are under cmd/disclose/demo/timeline in the source.

Flags:
  --export DIR      instead, write the demo's input files (advisory.json,
                    partners.json, policy-before-2025-07.json) into DIR, as
                    examples to edit; existing files are not overwritten
                    e.g. --export ./example
  --format FORMAT   table (default), or json: {"advisory_id",
                    "before": {"policy", "source", "plan"}, "after": {...},
                    "changed": [{"partner", "before", "after", "loses",
                    "gains", "because": [{"code", "detail"}]}],
                    "unchanged": [...]}, each plan as plan --format json
                    prints it, each "before" and "after" of a change as
                    {"entitled", "release_at", "tlp", "classes"}, each
                    plan with its "exposure": [{"class", "partners",
                    "partner_hours"}]; "timeline": {"notices",
                    "exploited_at", "public_at", "before": {"policy",
                    "source", "head", "holders"}, "after": {...}}, each
                    holder as "disclose investigate --format json" prints
                    it; with --export, {"dir", "written": [...]}
                    e.g. --format json

Examples:
  disclose demo
  disclose demo --export ./example
  disclose demo --format json
`,
}

func runDemo(e *env, c *command, args []string) int {
	cl := newFlags(c)
	export := stringVar(cl.FlagSet, "export", "", "")
	format := cl.formatVar()
	if code, done := cl.parse(e, args); done {
		return code
	}
	if export.value != "" {
		return exportDemo(e, export.value, format.value == "json")
	}

	before, problems := loadDemo()
	if len(problems) > 0 {
		return report(e, problems) // a broken build; the tests prevent it
	}
	if problems := before.decide(); len(problems) > 0 {
		return report(e, problems)
	}
	beforePlan := before.plan
	after := *before
	after.policy, after.policyFile = disclosure.DefaultPolicy(), builtinPolicy
	if problems := after.decide(); len(problems) > 0 {
		return report(e, problems)
	}
	afterPlan := after.plan
	tl, problems := loadTimeline(after.partners)
	if len(problems) > 0 {
		return report(e, problems) // a broken build; the tests prevent it
	}
	if format.value == "json" {
		out := demoJSON(before, &after)
		out.Timeline = tl.json()
		return writeJSON(e, out)
	}

	w := e.stdout
	zone := programZone(&after.policy)
	fmt.Fprintf(w, "The July 2025 rule, on one advisory and %d fictional partners\n", len(after.partners))
	fmt.Fprintln(w, "(modelled on the SharePoint case of July 2025; every company is made up).")
	fmt.Fprintln(w)
	paragraph(w, "In July 2025 the program stopped giving partners in a country whose law "+
		"makes them report vulnerabilities to the government (China) any proof of concept "+
		"or head start: they now get a written description at the public release. "+
		"Here is the same advisory for the same partners, before and after.")
	fmt.Fprintln(w)
	writeAdvisoryHeader(w, &after.advisory, zone)
	field(w, "Content", joinClasses(contentClasses(&after.advisory)))
	if ex := after.advisory.ExcludePartners; len(ex) > 0 {
		field(w, "Excludes", fmt.Sprintf("%s (the advisory's exclude_partners)", strings.Join(ex, ", ")))
	}
	field(w, "Partners", strconv.Itoa(len(after.partners)))

	section := func(n int, title string, in *inputs, plan []disclosure.Disclosure) {
		fmt.Fprintf(w, "\n\n== %d. %s: policy %q (%s) ==\n\n", n, title, in.policy.Name, in.policyFile)
		paragraph(w, "It "+describePolicy(&in.policy, in.advisory.PublicAt)+".")
		fmt.Fprintln(w)
		newSchedule(in, plan, nil).writeTables(w)
	}
	section(1, "Before July 2025", before, beforePlan)
	section(2, "From July 2025", &after, afterPlan)

	fmt.Fprint(w, "\n\n== 3. What changed ==\n\n")
	writeChanges(w, &after, beforePlan, afterPlan)
	writeExposureChange(w, ledger.PlanExposure(beforePlan), ledger.PlanExposure(afterPlan))

	fmt.Fprint(w, "\n\n== 4. Over time: who held what when exploitation began ==\n\n")
	tl.write(w, zone)

	fmt.Fprintln(w)
	fmt.Fprintln(w, "Try it yourself:")
	fmt.Fprintln(w, "  disclose demo --export ./example")
	fmt.Fprintln(w, "  disclose plan --advisory example/advisory.json --partners example/partners.json")
	fmt.Fprintln(w, "  disclose explain --partner jinlumo --advisory example/advisory.json --partners example/partners.json")
	fmt.Fprintln(w, "  disclose export --all --out outbox --ledger outbox/record.jsonl --advisory example/advisory.json --partners example/partners.json")
	return exitOK
}

// loadDemo loads the embedded demo files with the library's strict
// loaders, under the policy before July 2025.
func loadDemo() (*inputs, []problem) {
	in := &inputs{cmd: "disclose demo", policyFile: demoBefore, advisoryFile: demoAdvisory, partnersFile: demoPartners}
	var ps []problem
	decode := func(name string, load func(r io.Reader) error) {
		data, err := demoFiles.ReadFile(name)
		if err == nil {
			err = load(bytes.NewReader(data))
		}
		if err != nil {
			ps = append(ps, problemsOf(name, data, err)...)
		}
	}
	decode(demoBefore, func(r io.Reader) (err error) { in.policy, err = disclosure.LoadPolicy(r); return })
	decode(demoAdvisory, func(r io.Reader) (err error) { in.advisory, err = disclosure.LoadAdvisory(r); return })
	decode(demoPartners, func(r io.Reader) (err error) { in.partners, err = disclosure.LoadPartners(r); return })
	return in, ps
}

// contentClasses lists the classes of content an advisory has, by
// sensitivity: summary always, then those of its sections and artifacts.
func contentClasses(a *disclosure.Advisory) []disclosure.Class {
	var out []disclosure.Class
	for _, c := range disclosure.Classes() {
		present := c == disclosure.ClassSummary ||
			slices.ContainsFunc(a.Sections, func(s disclosure.Section) bool { return s.Class == c }) ||
			slices.ContainsFunc(a.Artifacts, func(f disclosure.Artifact) bool { return f.Class == c })
		if present {
			out = append(out, c)
		}
	}
	return out
}

// writeChanges writes, for every partner whose outcome differs between two
// plans of the same partners, what changed and why.
func writeChanges(w io.Writer, in *inputs, before, after []disclosure.Disclosure) {
	changes, same := diffPlans(before, after)
	if len(changes) == 0 {
		fmt.Fprintf(w, "Nothing: all %d partners get the same under both policies.\n", len(after))
		return
	}
	var changed []string
	var blocks bytes.Buffer
	for _, ch := range changes {
		changed = append(changed, ch.after.PartnerID)
		writeChange(&blocks, in, ch.before, ch.after)
	}
	fmt.Fprintf(w, "%d of %d partners get a different outcome: %s.\n\n", len(changed), len(after), strings.Join(changed, ", "))
	blocks.WriteTo(w)
	if len(same) > 0 {
		fmt.Fprintf(w, "Unchanged (%d): %s.\n", len(same), strings.Join(same, ", "))
	}
}

// A change is one partner's disclosure under two policies.
type change struct {
	before, after *disclosure.Disclosure
}

// diffPlans returns the partners whose outcome differs between two plans
// of the same partners, in the order of after, and the ids of the others,
// sorted.
func diffPlans(before, after []disclosure.Disclosure) (changes []change, same []string) {
	was := make(map[string]*disclosure.Disclosure, len(before))
	for i := range before {
		was[before[i].PartnerID] = &before[i]
	}
	for i := range after {
		a := &after[i]
		b := was[a.PartnerID]
		if b == nil {
			continue // not in both plans; cannot happen with one partner list
		}
		if sameOutcome(b, a) {
			same = append(same, a.PartnerID)
			continue
		}
		changes = append(changes, change{before: b, after: a})
	}
	slices.Sort(same)
	return changes, same
}

func sameOutcome(b, a *disclosure.Disclosure) bool {
	return b.Entitled == a.Entitled && b.ReleaseAt.Equal(a.ReleaseAt) && b.TLP == a.TLP &&
		slices.Equal(b.Classes, a.Classes)
}

// writeChange writes one partner's change as a small aligned block.
func writeChange(w io.Writer, in *inputs, b, a *disclosure.Disclosure) {
	var p disclosure.Partner
	for _, q := range in.partners {
		if q.ID == a.PartnerID {
			p = q
		}
	}
	loc := programZone(&in.policy)
	title := a.PartnerID
	if p.Name != "" {
		title += ": " + p.Name
	}
	fmt.Fprintf(w, "%s\n  tier %s, in %s\n", title, a.Tier, strings.Join(p.Jurisdictions, ", "))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	when := func(d *disclosure.Disclosure) string {
		if !d.Entitled {
			return "never (not entitled)"
		}
		return local(d.ReleaseAt, loc) + ", " + early(d)
	}
	if !b.ReleaseAt.Equal(a.ReleaseAt) || b.Entitled != a.Entitled {
		fmt.Fprintf(tw, "  release\t%s\n", when(b))
		fmt.Fprintf(tw, "  \t-> %s\n", when(a))
	}
	if b.TLP != a.TLP {
		fmt.Fprintf(tw, "  TLP\t%s -> %s\n", label(b), label(a))
	}
	if lost := minus(b.Classes, a.Classes); len(lost) > 0 {
		fmt.Fprintf(tw, "  loses\t%s\n", joinClasses(lost))
	}
	if gained := minus(a.Classes, b.Classes); len(gained) > 0 {
		fmt.Fprintf(tw, "  gains\t%s\n", joinClasses(gained))
	}
	for i, r := range why(b, a) {
		key := "because"
		if i > 0 {
			key = ""
		}
		fmt.Fprintf(tw, "  %s\t%s (%s)\n", key, r.Detail, r.Code)
	}
	tw.Flush()
	fmt.Fprintln(w)
}

// minus returns the classes of x that are not in y, in x's order.
func minus(x, y []disclosure.Class) []disclosure.Class {
	var out []disclosure.Class
	for _, c := range x {
		if !slices.Contains(y, c) {
			out = append(out, c)
		}
	}
	return out
}

// why returns the rules behind a change: those of the new outcome that
// concern the whole partner (not one class) and did not apply before, or
// failing that the reasons the lost classes are withheld.
func why(b, a *disclosure.Disclosure) []disclosure.Reason {
	var out []disclosure.Reason
	for _, r := range a.Reasons {
		if r.Class != "" || slices.Contains(b.Reasons, r) {
			continue
		}
		out = append(out, r)
	}
	if len(out) > 0 {
		return out
	}
	for _, wh := range a.Withheld {
		if !slices.Contains(b.Classes, wh.Class) {
			continue
		}
		r := disclosure.Reason{Code: wh.Reason, Detail: wh.Detail}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// exportedDemo is what demo --export --format json prints: the files
// written, even when one could not be.
type exportedDemo struct {
	Dir     string   `json:"dir"`
	Written []string `json:"written"`
}

// exportDemo writes the demo's input files into dir; with asJSON, it lists
// them as JSON.
func exportDemo(e *env, dir string, asJSON bool) int {
	done := exportedDemo{Dir: dir, Written: []string{}}
	fail := func(err error) int {
		if asJSON {
			writeJSON(e, done)
		}
		fmt.Fprintf(e.stderr, "disclose demo: %v\n", err)
		return exitInvalid
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fail(err)
	}
	names, err := fs.Glob(demoFiles, "demo/*.json")
	if err != nil {
		return fail(err)
	}
	for _, name := range names {
		path := filepath.Join(dir, filepath.Base(name))
		data, err := demoFiles.ReadFile(name)
		if err == nil {
			err = writeNew(path, data)
		}
		if err != nil {
			return fail(err)
		}
		done.Written = append(done.Written, path)
		if !asJSON {
			fmt.Fprintf(e.stdout, "wrote %s\n", path)
		}
	}
	if asJSON {
		return writeJSON(e, done)
	}
	fmt.Fprintf(e.stdout, "\nNext:\n  disclose plan --advisory %s --partners %s\n",
		filepath.Join(dir, "advisory.json"), filepath.Join(dir, "partners.json"))
	return exitOK
}

// writeNew writes a file that must not exist yet.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists; not overwriting it", name)
		}
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
