#!/usr/bin/env bash
# The figures of docs/paper-methods.md, measured on the example model and on its outlier variant:
#   - uniform vs OWL allocation at 70% sparsity (magnitude, wanda, sparsegpt) and at 2:4 (wanda, mixed N:M),
#   - OATS at 50% compression vs wanda and sparsegpt at 50% sparsity (the same share of each layer's parameters),
#   - OSSCAR vs the norm baseline with 25% of the MLP neurons removed,
#   - block sensitivity: wanda at 70% in one block only (to read the OWL figures against),
#   - CPU tokens/s of the dense model and of the dense, shrunk and factored outputs (also OSSCAR with half the
#     MLP neurons and half the heads removed, shrunk).
# Every run goes through `dotnet prune run` with the example recipes (overridden with --set), so a second call
# only reads the cache. Results: work/paper/<model>/<run>/report.json, work/paper/figures.md, work/paper/bench.json.
# Usage: examples/tiny-llama/paper-figures.sh [--steps N] [--threads N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
steps=200
threads="$(nproc)"
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) steps="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    *) echo "usage: $0 [--steps N] [--threads N]" >&2; exit 2 ;;
  esac
done

dotnet build "$root/src/PruneTask.Cli" -c Release -v q -nologo > /dev/null
dotnet build "$here/ModelMaker" -c Release -v q -nologo > /dev/null
prune() { dotnet "$root/src/PruneTask.Cli/bin/Release/net10.0/dotnet-prune.dll" "$@"; }
maker() { dotnet "$here/ModelMaker/bin/Release/net10.0/make-example-model.dll" "$@"; }
[ -f "$here/work/model/model.safetensors" ] || maker "$here/work" --steps "$steps"
[ -f "$here/work/outliers/model/model.safetensors" ] || maker "$here/work/outliers" --steps "$steps" --outliers

out="$here/work/paper"
nm='defaults={method: wanda, pattern: "2:4"}'
halves='layers=[{match: "model.layers.*.mlp.down_proj", method: osscar, keep: 0.5}, {match: "model.layers.*.self_attn.o_proj", method: osscar, keep: 0.5}]'

# run LABEL MODEL NAME RECIPE [--set ...]: one recipe over one model into work/paper/LABEL/NAME.
run() {
  local label="$1" model="$2" name="$3" recipe="$4"
  shift 4
  mkdir -p "$out/$label"
  prune run "$here/$recipe" --threads "$threads" --set "model.path=$model" -o "$out/$label/$name" "$@" > "$out/$label/$name.log" 2>&1
}

for label in example outliers; do
  model="$here/work/model"
  [ "$label" = outliers ] && model="$here/work/outliers/model"
  run "$label" "$model" magnitude-70 magnitude.prune.yaml --set defaults.sparsity=0.7
  run "$label" "$model" owl-magnitude-70 owl.prune.yaml --set defaults.method=magnitude
  run "$label" "$model" wanda-70 wanda.prune.yaml --set defaults.sparsity=0.7
  run "$label" "$model" owl-wanda-70 owl.prune.yaml
  run "$label" "$model" sparsegpt-70 sparsegpt.prune.yaml --set defaults.sparsity=0.7
  run "$label" "$model" owl-sparsegpt-70 owl.prune.yaml --set defaults.method=sparsegpt
  run "$label" "$model" wanda-2of4 wanda.prune.yaml --set "$nm"
  run "$label" "$model" owl-wanda-2of4 owl.prune.yaml --set "$nm" --set allocation.lambda=2
  run "$label" "$model" wanda-50 wanda.prune.yaml
  run "$label" "$model" sparsegpt-50 sparsegpt.prune.yaml
  run "$label" "$model" oats-50 oats.prune.yaml
  run "$label" "$model" oats-50-factored oats.prune.yaml --set output.format=factored
  run "$label" "$model" osscar-mlp-25 osscar.prune.yaml
  run "$label" "$model" osscar-mlp-25-shrunk osscar.prune.yaml --set output.format=shrunk
  run "$label" "$model" norm-mlp-25 osscar.prune.yaml --set layers.0.method=norm
  run "$label" "$model" osscar-mlp-50-heads-50-shrunk osscar.prune.yaml --set output.format=shrunk --set "$halves"
  for block in 0 1 2 3; do
    run "$label" "$model" "wanda-70-block$block-only" wanda.prune.yaml --set defaults.sparsity=0 \
      --set "layers=[{match: \"model.layers.$block.*\", sparsity: 0.7}]"
  done
done

# One row per run: perplexity, the share of the pruned layers' parameters kept, and per-block outlier ratio → target.
{
  for label in example outliers; do
    echo
    echo "### $label model (dense perplexity $(jq -r '.evaluation.dense | . * 1000 | round / 1000' "$out/$label/wanda-50/report.json"))"
    echo
    echo "| run | pruned perplexity | parameters kept (pruned layers) | blocks: outlier ratio % → target |"
    echo "|---|---|---|---|"
    for report in "$out/$label"/*/report.json; do
      name="$(basename "$(dirname "$report")")"
      jq -r --arg name "$name" '
        [ $name,
          (.evaluation.pruned * 1000 | round / 1000 | tostring),
          ((.layers | map(.parameters_after) | add) / (.layers | map(.parameters_before) | add) * 1000 | round / 10 | tostring) + " %",
          (.blocks | map((if .outlier_ratio then (.outlier_ratio * 100 | round / 100 | tostring) + " → " else "" end) + .target) | join(", "))
        ] | "| " + join(" | ") + " |"' "$report"
    done
  done
  echo
  echo "### CPU forward speed (example model, batch 8 × 128 tokens, $threads threads)"
  echo
  prune bench "$here/work/model" "$out/example/wanda-50" "$out/example/oats-50" "$out/example/oats-50-factored" \
    "$out/example/osscar-mlp-25" "$out/example/osscar-mlp-25-shrunk" "$out/example/osscar-mlp-50-heads-50-shrunk" --threads "$threads" --repeats 40 --json "$out/bench.json" > /dev/null
  echo "| output | format | weights KiB | tokens/s (fastest pass) | ms per pass: fastest, median |"
  echo "|---|---|---|---|---|"
  jq -r '.results[] | "| \(.model | split("/") | .[-1]) | \(.format) | \(.weight_bytes / 1024 | round) | \(.tokens_per_second | round) | \(.best_seconds_per_pass * 100000 | round / 100), \(.median_seconds_per_pass * 100000 | round / 100) |"' "$out/bench.json"
} | tee "$out/figures.md"
