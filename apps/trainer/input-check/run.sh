#!/usr/bin/env bash
# Fits the input check's typicality into the default model (issue 20): gathers the
# non-mammograms, exposes the model's features, runs every image through the core, fits and
# writes. `pnpm train:input-check` from the repository root; `--smoke` for a tiny run into
# INPUT_CHECK_WORK and a model folder given as MODEL_DIR (never the shipped one).
set -euo pipefail
cd "$(dirname "$0")"
smoke=()
[ "${1:-}" = "--smoke" ] && smoke=(--smoke)
model_dir="${MODEL_DIR:-../../../packages/default-model/model}"
work="${INPUT_CHECK_WORK:-../work/input-check}"
non="${NON_MAMMOGRAMS_DIR:-../work/non-mammograms}"
mkdir -p "$work"
[ -f "$non/manifest.json" ] || /usr/bin/python3 gather_non_mammograms.py --out "$non"
layer="$(/usr/bin/python3 -c 'import json; print(json.load(open("config.json"))["layer"])')"
/usr/bin/python3 -c "import graph, sys; graph.expose(sys.argv[1], sys.argv[2], sys.argv[3])" "$model_dir/model.onnx" "$work/features.onnx" "$layer"
NON_MAMMOGRAMS_DIR="$non" node extract.mjs --features "$work/features.onnx" --model-dir "$model_dir" --out "$work" "${smoke[@]}"
/usr/bin/python3 fit.py --work "$work" --model-dir "$model_dir" "${smoke[@]}"
