#!/bin/sh
# Trims a `pnpm deploy` output folder down to what the server runs on this machine's platform.
# Runs in the Dockerfile's build stage, after the deploy: `sh prune-deploy.sh /out`.
#
# - onnxruntime-node's npm package carries its native binaries for every platform (darwin,
#   win32, linux; arm64 and x64: about 290 MB); only linux/<this arch> is kept (45 MB on x64).
# - sharp's binaries come as optional packages (@img/sharp-<os>-<arch>, @img/sharp-libvips-...),
#   and pnpm installs only those of the platform it runs on; any other one is removed.
# - The DICOM codecs (@cornerstonejs/codec-*) each ship four builds, asm.js and WebAssembly, with
#   and without the encoder; the core loads only the `decodewasmjs` entry (packages/core/src/dicom/
#   codecs.ts): *wasm_decode.js and the *wasm_decode.wasm it reads stay, about 5 MB goes.
# - dcmjs ships a CommonJS, an ES and a minified build, and a 1.4 MB dictionary script; the pacs
#   library requires the CommonJS one (packages/pacs/src/internal/load-dcmjs.ts): 3.4 MB goes.
# - Source maps (nothing in the image runs with --enable-source-maps) and the test folders of
#   dependencies are dropped.
# It fails when a native binary the server loads is missing, and prints the size before and after.
set -eu

out="${1:?usage: prune-deploy.sh <deploy folder>}"
store="$out/node_modules/.pnpm"
[ -d "$store" ] || { echo "prune-deploy: $store is missing: not a pnpm deploy folder" >&2; exit 1; }
# process.arch names the folders of both packages (x64, arm64), and pnpm picked sharp's by it too.
arch="$(node -p process.arch)"
before="$(du -sm "$out" | cut -f1)"

for ort in "$store"/onnxruntime-node@*/node_modules/onnxruntime-node; do
  [ -d "$ort/bin" ] || continue
  for dir in "$ort"/bin/napi-v*/*/*; do
    case "$dir" in
      */linux/"$arch") ;;
      *) rm -rf "$dir" ;;
    esac
  done
  find "$ort/bin" -mindepth 2 -type d -empty -delete
  ls "$ort"/bin/napi-v*/linux/"$arch"/onnxruntime_binding.node >/dev/null 2>&1 || {
    echo "prune-deploy: no onnxruntime-node binary for linux/$arch in $ort" >&2
    exit 1
  }
done

for img in "$store"/@img+sharp-*; do
  [ -d "$img" ] || continue
  case "${img##*/}" in
    @img+sharp-linux-"$arch"@* | @img+sharp-libvips-linux-"$arch"@*) ;;
    *)
      echo "prune-deploy: removing ${img##*/} (not linux-$arch)"
      rm -rf "$img"
      ;;
  esac
done
ls -d "$store"/@img+sharp-linux-"$arch"@* "$store"/@img+sharp-libvips-linux-"$arch"@* >/dev/null 2>&1 || {
  echo "prune-deploy: sharp's linux-$arch binaries are missing (optional dependencies left out?)" >&2
  exit 1
}

for codec in "$store"/@cornerstonejs+codec-*/node_modules/@cornerstonejs/codec-*; do
  [ -d "$codec/dist" ] || continue
  find "$codec/dist" -type f ! -name '*wasm_decode.js' ! -name '*wasm_decode.wasm' -delete
  # What `require('<codec>/decodewasmjs')` resolves to must still be there, with its wasm.
  node -e '
    const [dir] = process.argv.slice(1);
    const entry = require(dir + "/package.json").exports["./decodewasmjs"];
    const fs = require("node:fs");
    if (!entry || !fs.existsSync(dir + "/" + entry) || !fs.existsSync(dir + "/" + entry.replace(/\.js$/, ".wasm"))) process.exit(1);
  ' "$codec" || {
    echo "prune-deploy: $codec has no decodewasmjs build with its wasm after pruning" >&2
    exit 1
  }
done

for dcmjs in "$store"/dcmjs@*/node_modules/dcmjs; do
  [ -d "$dcmjs" ] || continue
  rm -rf "$dcmjs/build/dcmjs.es.js" "$dcmjs/build/dcmjs.min.js" "$dcmjs/generate"
  (cd "$dcmjs/.." && node -e 'require("dcmjs").data.DicomMessage') >/dev/null || {
    echo "prune-deploy: dcmjs does not load from $dcmjs after pruning" >&2
    exit 1
  }
done

find "$out" -type f -name '*.map' -delete
# Test folders at a package's root (jpeg-lossless-decoder-js ships 6 MB of test images, mark.js
# 2.4 MB), and __tests__ anywhere inside dependencies: about 10 MB that nothing requires.
for dir in "$store"/*/node_modules/*/test "$store"/*/node_modules/*/tests \
  "$store"/*/node_modules/@*/*/test "$store"/*/node_modules/@*/*/tests; do
  # Only beside a package.json: `@scope/test` would be a package, not a test folder.
  if [ -d "$dir" ] && [ -f "${dir%/*}/package.json" ]; then rm -rf "$dir"; fi
done
find "$store" -type d -name __tests__ -prune -exec rm -rf {} +

after="$(du -sm "$out" | cut -f1)"
echo "prune-deploy: $out: ${before} MB -> ${after} MB (linux-$arch binaries only, decode-only codecs, dcmjs's CommonJS build, no source maps or test folders)"
