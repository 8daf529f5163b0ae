#!/usr/bin/env bash
# Mutation testing of one package of the root module with gremlins, at the
# version pinned in tools/go.mod.
#
# Usage: scripts/mutation.sh [PACKAGE_DIR]     (default: .)
#   scripts/mutation.sh .          the root package
#   scripts/mutation.sh ./csaf     package csaf
#
# Only the package's own non-test .go files are mutated: files in its
# subdirectories (other packages, nested modules) are left alone. Each
# mutant is tested with `go test` of that package. The script prints
# gremlins' output and summary (killed, lived, not covered, timed out,
# efficacy, mutator coverage) and writes the LIVED and NOT COVERED mutants,
# one "file:line:col MUTATOR STATUS" a line, to the file it names at the
# end (default: mutation-<package>-survivors.txt in $TMPDIR or /tmp).
#
# Settings, from the environment:
#   MUTATION_WORKERS              mutants tested at once (default 2)
#   MUTATION_TIMEOUT_COEFFICIENT  a mutant's tests time out after this many
#                                 times gremlins' first coverage run
#                                 (default 15: generous, for small shared
#                                 machines; below 10 the small packages'
#                                 mutants time out for nothing)
#   MUTATION_SURVIVORS            the file for the survivors' list
#
# It takes minutes to an hour per package, so it is not part of .ci/run.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)

pkg_dir=${1:-.}
if [ ! -d "$pkg_dir" ]; then
  echo "no such package directory: $pkg_dir" >&2
  exit 2
fi
pkg_abs=$(cd "$pkg_dir" && pwd)
case "$pkg_abs" in
  "$root" | "$root"/*) ;;
  *) echo "$pkg_dir is not inside $root" >&2; exit 2 ;;
esac
rel=${pkg_abs#"$root"}
rel=${rel#/}
name=${rel:-root}
name=${name//\//-}

workers=${MUTATION_WORKERS:-2}
coefficient=${MUTATION_TIMEOUT_COEFFICIENT:-15}
survivors=${MUTATION_SURVIVORS:-${TMPDIR:-/tmp}/mutation-$name-survivors.txt}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "building gremlins from tools/go.mod"
go build -modfile=tools/go.mod -o "$tmp/gremlins" github.com/go-gremlins/gremlins/cmd/gremlins
version=$(go list -modfile=tools/go.mod -m -f '{{.Version}}' github.com/go-gremlins/gremlins)
echo "gremlins $version on ./$rel (workers $workers, timeout coefficient $coefficient)"

# gremlins times its first run, `go test -cover` of the directory and all
# below it, and gives each mutant that time times the coefficient. Build
# the test binaries first, so that this time is the tests' and not the
# compiler's.
echo "building the tests"
go test -cover -run '^$' "./${rel:+$rel/}..." > /dev/null

# gremlins walks the given directory recursively and matches --exclude-files
# against paths relative to it, so "/" leaves out every file below a
# subdirectory and keeps the package's own files.
# -count=1: no cached test results, so the coverage run that sets the
# timeout takes the tests' real time, and every mutant's tests really run.
log="$tmp/gremlins.log"
status=0
GOFLAGS="${GOFLAGS:-} -count=1" NO_COLOR=1 "$tmp/gremlins" unleash \
  --workers "$workers" \
  --timeout-coefficient "$coefficient" \
  --exclude-files '/' \
  "$pkg_abs" 2>&1 | tee "$log" || status=$?
if [ "$status" -ne 0 ]; then
  echo "gremlins exited with status $status" >&2
  exit "$status"
fi

# Mutant lines read "      STATUS MUTATOR at file:line:col".
awk '$1 == "LIVED" && $3 == "at" { print $4, $2, "LIVED" }
     $1 == "NOT" && $2 == "COVERED" && $4 == "at" { print $5, $3, "NOT_COVERED" }' "$log" |
  sort -t: -k1,1 -k2,2n -k3,3n > "$survivors"

count() { grep -c "$1" "$log" || true; }
killed=$(count '^ *KILLED ')
lived=$(count '^ *LIVED ')
not_covered=$(count '^ *NOT COVERED ')
timed_out=$(count '^ *TIMED OUT ')
not_viable=$(count '^ *NOT VIABLE ')
efficacy=$(grep -o 'Test efficacy: [0-9.]*%' "$log" | tail -1 | cut -d' ' -f3)
mcover=$(grep -o 'Mutator coverage: [0-9.]*%' "$log" | tail -1 | cut -d' ' -f3)

echo
echo "== summary for ./$rel"
echo "killed:           $killed"
echo "lived:            $lived"
echo "not covered:      $not_covered"
echo "timed out:        $timed_out"
echo "not viable:       $not_viable"
echo "efficacy:         ${efficacy:-n/a}"
echo "mutator coverage: ${mcover:-n/a}"
echo
echo "survivors by file (LIVED + NOT COVERED):"
cut -d: -f1 "$survivors" | sort | uniq -c | sort -rn
echo
echo "LIVED and NOT COVERED mutants written to $survivors"
