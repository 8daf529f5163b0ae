#!/usr/bin/env bash
# Measures package csaf against gocsaf on this machine: every benchmark of
# this module, in interleaved rounds, summarised with benchstat (a tool of
# this module), and the ratio of the medians.
#
#   ./run.sh              6 rounds, the fewest benchstat accepts for its
#                         confidence intervals
#   COUNT=10 ./run.sh     10 rounds
#   OUT=file ./run.sh     where the raw results go (default: bench.txt here)
#
# A round runs every benchmark once, so load that comes and goes on the
# machine reaches both libraries alike.
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=../scripts/benchrounds.sh
. ../scripts/benchrounds.sh
rounds 6 "$(go list -m -f 'gocsaf: {{.Version}}' github.com/gocsaf/csaf/v3)"

echo
echo "== every benchmark: median ± 95% confidence interval over $count rounds"
"$dir/benchstat" "$out"
echo
echo "== side by side (vs base: disclosure)"
"$dir/benchstat" -col /lib "$out"

# Ratios of medians, from the raw results: for each way of reading, the
# library's median over gocsaf's, of the wall time (ns/op) and of the CPU
# time of the process (cpu-ns/op, which other load on the machine does not
# inflate: on a busy machine it is the fairer measure).
echo
echo "== ratios of medians (disclosure / gocsaf; below 1: disclosure is faster)"
awk '
  $1 ~ /^Benchmark(Copy|Step)\// {
    name = $1; sub(/-[0-9]+$/, "", name)
    for (i = 2; i < NF; i++) {
      if ($(i + 1) == "ns/op") { n[name, "wall"]++; t[name, "wall", n[name, "wall"]] = $i }
      if ($(i + 1) == "cpu-ns/op") { n[name, "cpu"]++; t[name, "cpu", n[name, "cpu"]] = $i }
    }
  }
  function median(name, unit,   m, a, i, j, x) {
    m = n[name, unit]
    if (m == 0) return 0
    for (i = 1; i <= m; i++) a[i] = t[name, unit, i]
    for (i = 2; i <= m; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
  }
  END {
    met = 1
    split("file memory", from, " ")
    split("wall cpu", units, " ")
    for (k = 1; k <= 2; k++) for (u = 1; u <= 2; u++) {
      d = median("BenchmarkCopy/from=" from[k] "/lib=disclosure", units[u])
      g = median("BenchmarkCopy/from=" from[k] "/lib=gocsaf", units[u])
      if (g == 0) continue
      printf "from %-6s %-4s time  disclosure %5.2f ms, gocsaf %5.2f ms: %.2fx\n", from[k], units[u], d / 1e6, g / 1e6, d / g
      if (d > g) met = 0
    }
    printf "goal, no slower than gocsaf: %s\n", (met ? "met" : "NOT met")
    print ""
    print "== where the time goes: each step alone, median wall and CPU time"
    split("disclosure/step=read disclosure/step=disclose disclosure/step=write disclosure/step=writedoc gocsaf/step=decode gocsaf/step=marshal", steps, " ")
    for (k = 1; k <= 6; k++)
      printf "%-26s %6.2f ms  %6.2f ms\n", steps[k], median("BenchmarkStep/lib=" steps[k], "wall") / 1e6, median("BenchmarkStep/lib=" steps[k], "cpu") / 1e6
  }' "$out"
echo
echo "raw results: $out"
