#!/usr/bin/env bash
# One entry point for a fresh machine. Usage: ./build.sh test | example | bench | pack | schema
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

prereqs() {
  command -v dotnet >/dev/null 2>&1 || { echo "build.sh: the .NET 10 SDK (dotnet) is not on PATH; install it first." >&2; exit 1; }
  "$root/scripts/prereqs.sh"
  "$root/scripts/test-tool.sh" chromium
  "$root/scripts/test-tool.sh" tmux
}

run_tests() {
  dotnet build PruneTask.sln -c Release -nologo -v q
  local log; log=$(mktemp)
  local rc=0
  dotnet test PruneTask.sln -c Release --no-build -nologo 2>&1 | tee "$log" || rc=$?
  # One plain closing line for CI: "N passed, N failed, N skipped".
  awk '/(Passed|Failed)!  *- *Failed:/ {
         gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
       END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
  rm -f "$log"
  return $rc
}

# PruneTask.MSBuild and the dotnet-prune tool into artifacts/packages. The tool package is packed for this machine's
# platform; pass -p:PruneToolRuntimeIdentifiers=all to pack every platform libtorch-cpu ships (see docs/msbuild.md).
pack_packages() {
  rm -rf "$root/artifacts/packages"
  dotnet pack src/PruneTask.MSBuild -c Release -o artifacts/packages -nologo -v q
  dotnet pack src/PruneTask.Cli -c Release -o artifacts/packages -nologo -v q "$@"
  ls -l artifacts/packages
}

# prune.schema.json and README.md's method tables, rewritten from the method declarations (src/PruneTask.Recipes/Methods);
# RecipeSchemaGeneratorTests and MethodReferenceTests fail until this has run after a declaration changes.
write_schema() {
  local begin='<!-- method tables: generated' end='<!-- end of the generated method tables -->'
  local tables; tables=$(mktemp)
  dotnet run --project src/PruneTask.Cli -c Release -- schema --output prune.schema.json
  dotnet run --project src/PruneTask.Cli -c Release --no-build -- schema --methods --output "$tables"
  awk -v tables="$tables" -v begin="$begin" -v end="$end" '
    index($0, begin) == 1 { print; print ""; while ((getline line < tables) > 0) print line; print ""; skipping = 1; next }
    index($0, end) == 1 { skipping = 0 }
    !skipping { print }' README.md > README.md.new
  mv README.md.new README.md
  rm -f "$tables"
}

case "${1:-}" in
  test) prereqs; run_tests ;;
  example) prereqs; "$root/examples/run-example.sh" ;;
  bench) prereqs; shift; dotnet run --project src/PruneTask.Cli -c Release -- bench "$@" ;;
  pack) prereqs; shift; pack_packages "$@" ;;
  schema) write_schema ;;
  *) echo "usage: ./build.sh test | example | bench | pack | schema" >&2; exit 2 ;;
esac
