// Package csafbench measures package csaf against what a team would
// otherwise write to handle a CSAF document in Go: gocsaf's
// (github.com/gocsaf/csaf/v3) LoadAdvisory, which decodes the document
// into its csaf.Advisory types strictly and validates it, and
// encoding/json's Marshal of the result. It is a module of its own, so
// the root module does not depend on gocsaf.
//
// Both sides read the largest document under ../csaf/testdata
// (ICSA-20-168-01, 237 KB) and write a document:
//
//   - disclosure: csaf.Read, disclosure.Disclose for one partner of the
//     entry tier (all classes but unclassified, so most of the document is
//     kept), and the Reading's WriteFor of that partner's copy: it parses,
//     checks every member against the schema's, classifies every element,
//     decides, copies the document's tree, removes what the partner does
//     not receive, and writes indented JSON in the document's member order;
//   - gocsaf: LoadAdvisory and json.Marshal of the advisory (parsing and
//     writing, no classification, no redaction; compact JSON).
//
// Each is measured from the file (os.ReadFile for disclosure, as
// LoadAdvisory opens the file itself) and from bytes in memory (for
// gocsaf, the strict decoding LoadAdvisory does, on a bytes.Reader, then
// its Validate). TestBothRead checks that both accept the document, and
// that gocsaf loads the partner's copy too.
//
// BenchmarkStep measures each step alone: the library's Read, Disclose
// and Reading.WriteFor, and the function csaf.WriteFor, which takes the
// document rather than Read's result and so parses and classifies it
// again; gocsaf's decoding and json.Marshal.
//
// Every benchmark reports, besides the wall time, the CPU time of the
// process per operation (cpu-ns/op, every thread, the garbage collector's
// included), which other load on the machine does not inflate: on a
// shared machine the wall time of either side varies by a factor of two
// from round to round, and its CPU time by a few percent.
//
// run.sh runs the benchmarks in interleaved rounds and prints benchstat's
// summary, the ratios of the medians (wall and CPU time) and the medians
// of each step.
package csafbench
