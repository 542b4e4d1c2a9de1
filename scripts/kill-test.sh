#!/usr/bin/env bash
# Kill test: runs a recipe once to completion, then kills it (SIGKILL) at 20 moments spread over a run, reruns after
# each kill, and checks that every rerun's output is byte-identical to the clean run (every file but the reports,
# report.json/.md/.html, which hold timings and cache hits) and that nothing is left over: no hidden .<name>.<id>.tmp/.old/.lock beside the
# output and no temp folder or lock in the cache.
# Kills 1-12 hit runs on an empty cache at times spread over the clean run (calibration, pruning, evaluation);
# kills 13-14 the moment a cache entry is being written (its temp folder appears); kills 15-18 runs whose stages all
# come from the cache, spread over that run (loading, export); kills 19-20 the moment the final write of the output
# folder has begun (its hidden staging folder appears, and once model.safetensors is in it).
# Usage: scripts/kill-test.sh [WORK_DIR]   (default: a new temporary folder, removed at the end when all passed)
# The recipe: SparseGPT at 50% with perplexity on tests/fixtures/models/tiny-llama-gqa and seeded token data.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d /tmp/prune-kill-test.XXXXXX)}"
mkdir -p "$work"
dotnet build "$root/src/PruneTask.Cli" -c Release -nologo -v q >/dev/null
cli=(dotnet "$root/src/PruneTask.Cli/bin/Release/net10.0/dotnet-prune.dll")

python3 - "$work/tokens.bin" <<'PY'
import random, struct, sys
r = random.Random(5)
open(sys.argv[1], "wb").write(struct.pack("<16384q", *[r.randrange(128) for _ in range(16384)]))
PY
cat > "$work/kill.prune.yaml" <<YAML
version: 1
model:
  path: $root/tests/fixtures/models/tiny-llama-gqa
calibration:
  dataset: tokens.bin
  samples: 16
  sequence_length: 32
defaults:
  method: sparsegpt
  sparsity: 0.5
evaluate:
  dataset: tokens.bin
  samples: 16
  sequence_length: 32
YAML

run() { "${cli[@]}" run "$work/kill.prune.yaml" --output "$1" --cache-dir "$2" --batch-size 2 -v quiet >/dev/null; }
now() { date +%s.%N; }
hashes() { (cd "$1" && find . -type f ! -name "report.*" -print0 | sort -z | xargs -0 sha256sum); }
leftovers() { find "$work" \( -name '.*.tmp' -o -name '.*.tmp.old' -o -name '*.lock' \) -print; find "$work" -path '*/.tmp/*' -print; }

start=$(now); run "$work/clean" "$work/clean-cache"; cold=$(echo "$(now) - $start" | bc)
start=$(now); run "$work/clean-warm" "$work/clean-cache"; warm=$(echo "$(now) - $start" | bc)
hashes "$work/clean" > "$work/clean.sha256"
echo "clean run: ${cold} s on an empty cache, ${warm} s with every stage cached"

failures=0
for i in $(seq 1 20); do
  dir="$work/kill-$i"
  mkdir -p "$dir"
  wait_for=""
  if [ "$i" -le 12 ]; then
    delay=$(echo "scale=3; $cold * $i / 13" | bc); kind="empty cache, at a time"
  elif [ "$i" -le 14 ]; then
    delay=0; kind="empty cache, in a cache write"; wait_for="$dir/cache/.tmp/*.lock"
  elif [ "$i" -le 18 ]; then
    cp -r "$work/clean-cache" "$dir/cache"
    delay=$(echo "scale=3; $warm * ($i - 14) / 5" | bc); kind="full cache, at a time"
  else
    cp -r "$work/clean-cache" "$dir/cache"
    delay=0; kind="full cache, in the final write"
    if [ "$i" -eq 19 ]; then wait_for="$dir/.out.*.tmp"; else wait_for="$dir/.out.*.tmp/model.safetensors*"; fi
  fi
  "${cli[@]}" run "$work/kill.prune.yaml" --output "$dir/out" --cache-dir "$dir/cache" --batch-size 2 -v quiet >/dev/null 2>&1 &
  pid=$!
  if [ -n "$wait_for" ]; then
    while kill -0 "$pid" 2>/dev/null && ! compgen -G "$wait_for" >/dev/null; do :; done
  fi
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then state="killed"; else state="had finished"; fi
  wait "$pid" 2>/dev/null || true
  left_after_kill=$(find "$dir" \( -name '.*.tmp' -o -name '.*.tmp.old' -o -name '*.lock' \) | wc -l)
  if ! run "$dir/out" "$dir/cache"; then
    echo "kill $i: rerun FAILED"; failures=$((failures + 1)); continue
  fi
  if ! diff -q "$work/clean.sha256" <(hashes "$dir/out") >/dev/null; then
    result="output DIFFERS"; failures=$((failures + 1))
  elif [ -n "$(leftovers)" ]; then
    result="LEFT OVER: $(leftovers | tr '\n' ' ')"; failures=$((failures + 1))
  else
    result="rerun identical, nothing left over"
  fi
  printf 'kill %2d (%-30s) at %6.3f s: %-12s (%d temp items after the kill) -> %s\n' "$i" "$kind" "$delay" "$state" "$left_after_kill" "$result"
done

if [ "$failures" -eq 0 ]; then
  echo "kill test passed: 20 kills, every rerun byte-identical to the clean run, nothing left over"
  [ $# -eq 0 ] && rm -rf "$work"
  exit 0
fi
echo "kill test FAILED: $failures of 20 (work folder kept: $work)"
exit 1
