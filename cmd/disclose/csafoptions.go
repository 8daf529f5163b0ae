package main

import (
	"fmt"

	"github.com/disclosurekit/disclosure/csaf"
)

var csafOptionsCmd = &command{
	name:    "csaf-options",
	run:     runCSAFOptions,
	summary: "print the built-in rules that classify CSAF notes, as an options file",
	usage: `Usage: disclose csaf-options [--format json]

Prints the rules that give each note of a CSAF advisory its class, as the
JSON file that --csaf-options reads (plan, explain, export and classify):

  note_categories  a note's category → its class ("details": technical-details)
  untitled_notes   the class of a note without a title, by category; a
                   category not listed makes such notes unclassified
  note_titles      phrases of a note's title → a class; the more sensitive
                   of the category's class and every matching title's wins
  embargo_signals  the kinds of exploitation signal that end the embargo
                   (exploit_status, first_known_exploitation_dates); none
                   by default (null). A signal of a kind named here ends
                   the embargo whatever its text says, "Exploitation Less
                   Likely" included, and a threat's date is when the threat
                   was last assessed: name exploit_status only for
                   documents whose dated exploit_status threats always
                   report exploitation seen. Ending an embargo by mistake
                   releases content early.

Save it, edit it, review the result with "disclose classify", and give it
with --csaf-options. JSON is the only format; --format json is accepted.

Flags:
  --format json     the output format (the only one)
                    e.g. --format json

Example:
  disclose csaf-options > csaf-options.json
`,
}

func runCSAFOptions(e *env, c *command, args []string) int {
	return printJSON(e, c, args, "the options are JSON", csaf.DefaultOptions())
}

// printJSON runs a command that prints one JSON document, v, and whose
// only flag is --format json; why says why no other format is offered.
func printJSON(e *env, c *command, args []string, why string, v any) int {
	cl := newFlags(c)
	format := stringVar(cl.FlagSet, "format", "json", "")
	cl.check(func() string {
		if format.value != "json" {
			return fmt.Sprintf("--format %q: %s; want json", format.value, why)
		}
		return ""
	})
	if code, done := cl.parse(e, args); done {
		return code
	}
	return writeJSON(e, v)
}
