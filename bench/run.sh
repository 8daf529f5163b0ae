#!/usr/bin/env bash
# Measures the disclosure library against OPA and cedar-go on this machine
# and prints the comparison: every benchmark of this module, summarised with
# benchstat (a tool of this module, built from the module proxy).
#
#   ./run.sh              10 rounds
#   COUNT=6 ./run.sh      6 rounds, the fewest benchstat accepts for its
#                         confidence intervals
#   OUT=file ./run.sh     where the raw results go (default: bench.txt here)
#
# A round runs every benchmark once, so load that comes and goes on the
# machine reaches every engine alike; the summaries are medians over the
# rounds, with benchstat's 95% confidence interval as the spread.
set -euo pipefail
cd "$(dirname "$0")"
count=${COUNT:-10}
out=${OUT:-bench.txt}
if ((count < 6)); then
  echo "COUNT must be at least 6 (benchstat needs 6 samples for a confidence interval)" >&2
  exit 2
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go test -c -o "$dir/bench.test" .
go build -o "$dir/benchstat" golang.org/x/perf/cmd/benchstat # the tool directive's version

# Configuration lines ("key: value") travel with the results into benchstat.
{
  echo "go: $(go env GOVERSION)"
  go list -m -f '{{.Path}}: {{.Version}}' github.com/open-policy-agent/opa github.com/cedar-policy/cedar-go |
    sed 's|^github.com/open-policy-agent/opa|opa|; s|^github.com/cedar-policy/cedar-go|cedar-go|'
  echo "cpus: $(nproc)"
} >"$out"
for i in $(seq "$count"); do
  echo "round $i of $count" >&2
  "$dir/bench.test" -test.run '^$' -test.bench . -test.benchmem -test.count 1 >>"$out"
done

echo
echo "== every benchmark: median ± 95% confidence interval over $count rounds"
"$dir/benchstat" "$out"
echo
echo "== side by side (vs base: against Disclose)"
"$dir/benchstat" -col /engine "$out"

# Ratios of medians, from benchstat's CSV: for each row, the engine's
# median over Disclose's median, and the targets.
echo
echo "== ratios of medians"
"$dir/benchstat" -col /engine -format csv "$out" 2>/dev/null | awk -F, '
  # A table starts with a row of engine names, then a row of units.
  $1 == "" && $2 != "" && !inunit { for (i = 2; i <= NF; i++) name[i] = $i; inunit = 1; next }
  inunit { unit = $2; inunit = 0; next }
  $1 == "" || $1 == "geomean" { next }
  {
    row = $1; sub(/-[0-9]+$/, "", row)
    for (i = 2; i <= NF; i++) if (name[i] != "" && $i != "") val[unit, row, name[i]] = $i
  }
  END {
    d = val["sec/op", "Decision", "Disclose"]; e = val["sec/op", "Entitlement", "Disclose"]
    printf "Decision:    Cedar %.1fx, Rego %.1fx, Go %.3fx the time of Disclose\n",
      val["sec/op", "Decision", "Cedar"] / d, val["sec/op", "Decision", "Rego"] / d, val["sec/op", "Decision", "Go"] / d
    printf "Entitlement: Disclose takes %.1fx the time of Go; Cedar %.1fx, Rego %.1fx the time of Disclose\n",
      e / val["sec/op", "Entitlement", "Go"], val["sec/op", "Entitlement", "Cedar"] / e, val["sec/op", "Entitlement", "Rego"] / e
    b = val["sec/op", "Batch", "Disclose"]
    printf "Batch:       Plan %.2fx, Go %.3fx, Cedar %.1fx, Rego %.1fx the time of Disclose\n",
      val["sec/op", "Batch", "Plan"] / b, val["sec/op", "Batch", "Go"] / b, val["sec/op", "Batch", "Cedar"] / b, val["sec/op", "Batch", "Rego"] / b
    print ""
    print "== targets"
    t1 = val["sec/op", "Decision", "Cedar"] / d; t2 = val["sec/op", "Decision", "Rego"] / d
    t3 = e / val["sec/op", "Entitlement", "Go"]; t4 = val["sec/op", "Batch", "Plan"] * 1000
    printf "Disclose >= 10x faster than cedar-go:        %5.1fx  %s\n", t1, (t1 >= 10 ? "met" : "NOT met")
    printf "Disclose >= 40x faster than OPA:             %5.1fx  %s\n", t2, (t2 >= 40 ? "met" : "NOT met")
    printf "entitlement part within 3x of bare Go:       %5.1fx  %s\n", t3, (t3 <= 3 ? "met" : "NOT met")
    printf "10,000 decisions through Plan under 10 ms:  %6.2f ms %s\n", t4, (t4 < 10 ? "met" : "NOT met")
    printf "allocations per Disclose (typical, summary only): %d, %d\n",
      val["allocs/op", "Decision", "Disclose"], val["allocs/op", "Entitlement", "Disclose"]
  }'
echo
echo "raw results: $out"
