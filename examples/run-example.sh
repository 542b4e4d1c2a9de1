#!/usr/bin/env bash
# The bundled example: make the example model once (a tiny Llama trained on generated toy English; kept in
# examples/tiny-llama/work and remade only when its maker changes), then prune it with each baseline at 50%
# unstructured and 2:4, and compare the results. Reruns reuse the prune cache in examples/tiny-llama/work/cache.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
example="$here/tiny-llama"
work="$example/work"

dotnet build "$root/src/PruneTask.Cli" -c Release -nologo -v q
dotnet build "$example/ModelMaker" -c Release -nologo -v q
cli="$root/src/PruneTask.Cli/bin/Release/net10.0/dotnet-prune.dll"
maker="$example/ModelMaker/bin/Release/net10.0/make-example-model.dll"

stamp=$(cat "$example"/ModelMaker/*.cs "$example"/ModelMaker/*.csproj | sha256sum | cut -c1-16)
if [ "$(cat "$work/.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$work"
  dotnet "$maker" "$work"
  echo "$stamp" > "$work/.stamp"
else
  echo "Example model: up to date in $work"
fi

cd "$example"
outputs=()
for method in magnitude wanda sparsegpt; do
  echo "== $method, 50% unstructured"
  dotnet "$cli" run "$method.prune.yaml" -v minimal
  outputs+=("out/$method")
  echo "== $method, 2:4"
  dotnet "$cli" run "$method.prune.yaml" -v minimal --set "defaults={method: $method, pattern: '2:4'}" --output "out/$method-2of4"
  outputs+=("out/$method-2of4")
done
echo "== comparison"
dotnet "$cli" report "${outputs[@]}"
