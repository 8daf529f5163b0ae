# Interleaved benchmark rounds, for the run.sh of the nested modules bench
# and csafbench, which source this file from their own directory.
#
# rounds DEFAULT_COUNT [CONFIG_LINE...] builds the module's benchmarks and
# benchstat (the module's tool directive's version) into a temporary
# directory, $dir, removed on exit; writes "go: VERSION", the CONFIG_LINEs
# ("key: value", such as a peer library's version) and "cpus: N" to $out,
# where they travel with the results into benchstat; then runs every
# benchmark once per round, $count rounds, appending to $out. COUNT and OUT
# from the environment override DEFAULT_COUNT and bench.txt. A round runs
# every benchmark once, so load that comes and goes on the machine reaches
# every side alike.
rounds() {
  count=${COUNT:-$1}
  shift
  out=${OUT:-bench.txt}
  if ((count < 6)); then
    echo "COUNT must be at least 6 (benchstat needs 6 samples for a confidence interval)" >&2
    exit 2
  fi
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  go test -c -o "$dir/bench.test" .
  go build -o "$dir/benchstat" golang.org/x/perf/cmd/benchstat
  {
    echo "go: $(go env GOVERSION)"
    if (($# > 0)); then printf '%s\n' "$@"; fi
    echo "cpus: $(nproc)"
  } >"$out"
  local i
  for i in $(seq "$count"); do
    echo "round $i of $count" >&2
    "$dir/bench.test" -test.run '^$' -test.bench . -test.benchmem -test.count 1 >>"$out"
  done
}
