#!/usr/bin/env bash
# The study rule and the screening operating points of a trained model folder (issue 22): scores
# the prepared DDSM views with the model (through the core), then rules_card.py measures the rules
# and the operating points and writes them into the folder. `pnpm train:rules` from the repository
# root; MODEL_DIR (default: the shipped model), SCREENING_WORK (the prepared images), VERSION
# (a manifest version to write) may be set.
set -euo pipefail
cd "$(dirname "$0")/.."
model_dir="${MODEL_DIR:-../../packages/default-model/model}"
work="${SCREENING_WORK:-work/screening}"
[ -f "$work/ddsm.json" ] || node screening/prepare-data.mjs
node screening/score-prepared.mjs --model "$model_dir" --source ddsm --work "$work" --out "$work/ddsm_logits.csv" --maps "$work/ddsm_maps.f32"
/usr/bin/python3 screening/rules_card.py --model-dir "$model_dir" --ddsm-logits "$work/ddsm_logits.csv" --ddsm-maps "$work/ddsm_maps.f32" \
  --work "$work" ${VERSION:+--version "$VERSION"}
