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
# shellcheck source=../scripts/benchrounds.sh
. ../scripts/benchrounds.sh
rounds 10 "$(go list -m -f '{{.Path}}: {{.Version}}' github.com/open-policy-agent/opa github.com/cedar-policy/cedar-go |
  sed 's|^github.com/open-policy-agent/opa|opa|; s|^github.com/cedar-policy/cedar-go|cedar-go|')"

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
    # Engine: disclosure.Engine.Disclose, the policy validated once, as the
    # other engines have theirs parsed and prepared once; Disclose: the
    # package function, which validates the policy at every call.
    for (k = 1; k <= 2; k++) {
      b = (k == 1 ? "Decision" : "Entitlement")
      e = val["sec/op", b, "Engine"]; d = val["sec/op", b, "Disclose"]
      printf "%-12s Engine.Disclose %s, Disclose %s; Cedar %.1fx, Rego %.1fx the time of Engine.Disclose (%.1fx, %.1fx of Disclose)\n",
        b ":", ns(e), ns(d), val["sec/op", b, "Cedar"] / e, val["sec/op", b, "Rego"] / e,
        val["sec/op", b, "Cedar"] / d, val["sec/op", b, "Rego"] / d
      printf "%-12s Engine.Disclose is %.1fx the time of the bare Go function (%s), which writes no reasons and no copy\n", "",
        e / val["sec/op", b, "Go"], ns(val["sec/op", b, "Go"])
    }
    printf "Batch:       Plan %.2f ms, Engine.Plan %.2f ms, Engine.Disclose x10,000 %.2f ms, Disclose x10,000 %.2f ms,\n",
      val["sec/op", "Batch", "Plan"] * 1000, val["sec/op", "Batch", "EnginePlan"] * 1000,
      val["sec/op", "Batch", "Engine"] * 1000, val["sec/op", "Batch", "Disclose"] * 1000
    printf "             Go %.2f ms, Cedar %.0f ms, Rego %.0f ms\n",
      val["sec/op", "Batch", "Go"] * 1000,
      val["sec/op", "Batch", "Cedar"] * 1000, val["sec/op", "Batch", "Rego"] * 1000
    print ""
    print "== targets"
    e = val["sec/op", "Decision", "Engine"]
    t1 = val["sec/op", "Decision", "Cedar"] / e; t2 = val["sec/op", "Decision", "Rego"] / e
    t4 = val["sec/op", "Batch", "Plan"] * 1000; t4e = val["sec/op", "Batch", "EnginePlan"] * 1000
    printf "Engine.Disclose >= 10x faster than cedar-go:      %5.1fx  %s\n", t1, (t1 >= 10 ? "met" : "NOT met")
    printf "Engine.Disclose >= 40x faster than OPA:           %5.1fx  %s\n", t2, (t2 >= 40 ? "met" : "NOT met")
    printf "10,000 decisions through Plan under 10 ms:       %6.2f ms %s (Engine.Plan %.2f ms %s)\n",
      t4, (t4 < 10 ? "met" : "NOT met"), t4e, (t4e < 10 ? "met" : "NOT met")
    printf "allocations per Disclose, Engine.Disclose (typical): %d, %d; summary only: %d, %d\n",
      val["allocs/op", "Decision", "Disclose"], val["allocs/op", "Decision", "Engine"],
      val["allocs/op", "Entitlement", "Disclose"], val["allocs/op", "Entitlement", "Engine"]
  }
  function ns(s) { return (s < 1e-6 ? sprintf("%.1f ns", s * 1e9) : sprintf("%.2f µs", s * 1e6)) }'
echo
echo "raw results: $out"
