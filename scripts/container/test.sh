#!/usr/bin/env bash
# Builds the container image with podman and checks what the Dockerfile promises, end to end:
#   bash scripts/container/test.sh
# CI runs it (.ci/run); a person can too, as root on a Debian machine (it installs podman,
# runc and debootstrap when missing). Steps:
#   1. a Node.js 20 base image from Debian's packages (scripts/container/base.sh; the rootfs is
#      cached in ~/.cache/bcd-api, so only the first run pays for debootstrap),
#   2. `podman build` of the Dockerfile on it (its cache mounts for pnpm's store and turbo make
#      reruns fast),
#   3. a container run read-only, as a non-root user, without capabilities: /health/ready, a
#      film on /predict, the HEALTHCHECK, the user, PID 1, nothing writable,
#   4. `podman stop` (SIGTERM) while /batch-predict uploads are in flight: none is reset, each
#      gets 200 or 503 SHUTTING_DOWN and at least one a 200 after SIGTERM, a request during the
#      grace period gets 503 SHUTTING_DOWN, the server logs the SIGTERM, the exit code is 0.
#   5. the Kubernetes manifests run on the image with `podman kube play` (scripts/container/kube-play.sh).
# Prints the image size and what takes its space; exits non-zero, saying why, on any failure.
# Environment: IMAGE (default localhost/bcd-api-server:test), BASE_IMAGE (skip step 1),
# MINI_MIAS_DIR (films; default ../shared/data/mini-mias, else a test-kit fixture).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"

image="${IMAGE:-localhost/bcd-api-server:test}"
started="$(date +%s)"
work="$(mktemp -d "${TMPDIR:-/tmp}/bcd-api-container.XXXXXX")"
containers=()

say() { printf '[container %3ss] %s\n' "$(($(date +%s) - started))" "$*"; }
fail() {
  printf '[container] FAILED: %s\n' "$*" >&2
  exit 1
}
cleanup() {
  local c
  for c in "${containers[@]}"; do podman rm -f -t 0 "$c" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# ---- tools -----------------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || fail "run as root: podman here is rootful and debootstrap needs root."
need=()
command -v podman >/dev/null || need+=(podman)
command -v runc >/dev/null || need+=(runc)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null ||
    fail "apt-get install ${need[*]} failed."
fi
# runc and cgroupfs, no rlimits, no journald: this file, not the machine's containers.conf.
export CONTAINERS_CONF="${CONTAINERS_CONF:-$repo/scripts/container/containers.conf}"
podman info >/dev/null 2>"$work/podman-info.err" || {
  cat "$work/podman-info.err" >&2
  fail "podman does not work on this machine (above)."
}

# ---- 1. base image ---------------------------------------------------------------------------
if [ -z "${BASE_IMAGE:-}" ]; then
  BASE_IMAGE="$(bash scripts/container/base.sh)" || fail "could not make the base image (scripts/container/base.sh)."
fi
base_node="$(podman run --rm --network=host "$BASE_IMAGE" node --version)" ||
  fail "the base image $BASE_IMAGE does not run node (pull or build it first)."
say "base image: $BASE_IMAGE (Node.js $base_node)"

# ---- 2. build --------------------------------------------------------------------------------
# --layers=false: CI builds changed sources, where the layer cache misses anyway, and each
# build would leave a 1.5 GB build stage behind; pnpm's store and turbo's cache are cache
# mounts, which is what makes a second build fast (about 50 s instead of 150).
build=(podman build --layers=false --format docker --network=host --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "$image")
# A TLS-intercepting proxy's CA, when this machine trusts one, for the npm downloads only.
ca="${NODE_EXTRA_CA_CERTS:-${SSL_CERT_FILE:-}}"
[ -n "$ca" ] && [ -s "$ca" ] && build+=(--secret "id=npm_ca,src=$ca")
say "building $image (log: $work/build.log while it runs)"
build_started="$(date +%s)"
previous="$(podman image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)"
if ! nice -n 19 "${build[@]}" . >"$work/build.log" 2>&1; then
  tail -n 40 "$work/build.log" >&2
  cp "$work/build.log" "${TMPDIR:-/tmp}/bcd-api-container-build.log"
  fail "podman build failed (the last 40 lines of its log are above; all of it in ${TMPDIR:-/tmp}/bcd-api-container-build.log)."
fi
# The image this run replaces, now untagged: one copy is kept, not one per run.
if [ -n "$previous" ] && [ "$previous" != "$(podman image inspect --format '{{.Id}}' "$image")" ]; then
  podman rmi "$previous" >/dev/null 2>&1 || true
fi
# What the build reused: podman's layers, pnpm's store, turbo's cache.
grep -E '^(Using cache|Done in|prune-deploy:|default model:)|^ *(Cached|Time): ' "$work/build.log" | cut -c1-120 | sed 's/^/  /' || true
size_bytes="$(podman image inspect --format '{{.Size}}' "$image")"
size_mb=$((size_bytes / 1000000))
# The target is 300 MB (issue 24), and it is the budget: measured 295 MB (base 207 MB, /app 87 MB
# in 1,605 files; 363 MB before the docs' bundles were copied in and dcmjs's and the codecs'
# unused builds and dependencies were left out). A dependency that grows by 5 MB fails here, to
# be looked at: what takes the space is printed below before the check.
size_budget_mb=300
say "built in $(($(date +%s) - build_started)) s: $image is $size_mb MB (base $(($(podman image inspect --format '{{.Size}}' "$BASE_IMAGE") / 1000000)) MB; target <= 300 MB, budget $size_budget_mb MB)"

say "what takes the space in /app (MB of file contents; node_modules/.pnpm, top 15):"
podman run --rm --network=host --no-healthcheck --entrypoint sh "$image" -c '
  # One du each: given them together, du counts a folder inside /app as already seen.
  for dir in /app /app/dist /app/node_modules/.pnpm; do du -s --apparent-size -B1000000 "$dir"; done | sed "s/^/    /"
  du -s --apparent-size -B1000000 /app/node_modules/.pnpm/* | sort -rn | head -n 15 | sed "s|/app/node_modules/.pnpm/||; s/^/    /"
  printf "    onnxruntime-node binaries: %s\n" "$(cd /app/node_modules/.pnpm/onnxruntime-node@*/node_modules/onnxruntime-node/bin && echo */*/*)"
  printf "    sharp binaries: %s\n" "$(cd /app/node_modules/.pnpm && echo @img+sharp-*)"
  printf "    files in /app: %s\n" "$(find /app -type f | wc -l)"
  echo "  and in the base image (MB): Node.js (libnode, ICU data), npm, all of /usr:"
  du -s --apparent-size -B1000000 /usr/lib/*/libnode.so.* /usr/lib/*/libicudata.so.*.* /usr/local/lib/node_modules/npm | sed "s/^/    /"
  du -s --apparent-size -B1000000 /usr | sed "s/^/    /"
'
[ "$size_mb" -le "$size_budget_mb" ] ||
  fail "the image is $size_mb MB, above its $size_budget_mb MB budget (target <= 300 MB); what takes the space is above."

# ---- 3. run ----------------------------------------------------------------------------------
films_dir="${MINI_MIAS_DIR:-../shared/data/mini-mias}/images"
films=()
for i in 001 002 003 004 005 006 007 008 009 010; do
  [ -f "$films_dir/mdb$i.png" ] && films+=("$films_dir/mdb$i.png")
done
input_check=refuse
if [ ${#films[@]} -lt 10 ]; then
  films=()
  for _ in 1 2 3 4 5 6 7 8 9 10; do films+=("packages/test-kit/fixtures/images/breast.jpg"); done
  # The test kit's breast is a drawing, which the default model's input check refuses (422).
  input_check=off
fi
say "film: ${films[0]}"
port="$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
name="bcd-api-test-$$"
containers+=("$name")
# As strict as a hardened orchestrator: nothing writable (not even /tmp: the server writes
# nothing), no capabilities, no privilege escalation.
if ! podman run -d --name "$name" --network=host -e "PORT=$port" -e "INPUT_CHECK=$input_check" \
  --read-only --read-only-tmpfs=false --cap-drop=ALL --security-opt=no-new-privileges \
  "$image" >/dev/null 2>"$work/run.err"; then
  cat "$work/run.err" >&2
  fail "podman run failed (above)."
fi
# Without systemd, podman 4.3 cannot schedule the periodic health check and says so at every
# start, even with --health-interval=disable; `podman healthcheck run` below runs it on demand.
grep -v 'unable to get systemd connection' "$work/run.err" >&2 || true
base_url="http://127.0.0.1:$port"

ready=""
for _ in $(seq 1 120); do
  if [ "$(podman inspect --format '{{.State.Running}}' "$name")" != true ]; then
    podman logs "$name" >&2 || true
    fail "the container exited before it was ready (its logs are above)."
  fi
  if curl -fsS -o /dev/null "$base_url/health/ready" 2>/dev/null; then
    ready=yes
    break
  fi
  sleep 0.5
done
[ -n "$ready" ] || {
  podman logs "$name" >&2 || true
  fail "$base_url/health/ready did not answer 200 within 60 s (logs above)."
}
say "ready on port $port: $(curl -fsS "$base_url/health")"

uid="$(podman exec "$name" id -u)"
[ "$uid" = 10001 ] || fail "the server runs as uid $uid, not 10001."
pid1="$(podman exec "$name" cat /proc/1/cmdline | tr '\0' ' ')"
[ "$pid1" = "node dist/main.js " ] || fail "PID 1 is '$pid1', not 'node dist/main.js'."
pid1_uid="$(podman exec "$name" awk '/^Uid:/ { print $2 }' /proc/1/status)"
[ "$pid1_uid" = 10001 ] || fail "PID 1 runs as uid $pid1_uid."
say "user: uid $uid (PID 1 '${pid1% }' has uid $pid1_uid)"
if podman exec "$name" sh -c 'touch /app/x || touch /tmp/x || touch /x' 2>/dev/null; then
  fail "the container's filesystem is writable."
fi
say "read-only: /app, /tmp and / refuse writes, and the server runs"

podman healthcheck run "$name" >/dev/null 2>"$work/health.err" || {
  cat "$work/health.err" >&2
  fail "the HEALTHCHECK failed on a ready server."
}
say "HEALTHCHECK: $(podman inspect --format '{{.State.Health.Status}}' "$name" 2>/dev/null || echo passed)"

code="$(curl -sS -o "$work/predict.json" -w '%{http_code}' -F "file=@${films[0]}" "$base_url/predict")" ||
  fail "POST /predict failed at the connection level."
[ "$code" = 200 ] || fail "POST /predict answered $code: $(cat "$work/predict.json")"
# shellcheck disable=SC2016 # JavaScript, not shell
say "POST /predict $(basename "${films[0]}"): $(node -e '
  const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.prediction}, confidence ${r.confidence}, risk ${r.risk_assessment?.level ?? r.risk_assessment}`);
' "$work/predict.json")"

# ---- 4. SIGTERM with requests in flight ------------------------------------------------------
batch_args=()
for f in "${films[@]}"; do batch_args+=(-F "files=@$f"); done
# Six batches of ten films: about 3 s of work on 2 cores, so they are still running at SIGTERM.
batches=6
pids=()
for i in $(seq 1 $batches); do
  (
    rc=0
    curl -sS -o "$work/batch-$i.json" -w '%{http_code}' "${batch_args[@]}" "$base_url/batch-predict" >"$work/batch-$i.code" 2>"$work/batch-$i.err" || rc=$?
    echo "$rc" >"$work/batch-$i.rc"
    date +%s%3N >"$work/batch-$i.done"
  ) &
  pids+=($!)
done
sleep 0.5
stop_started="$(date +%s)"
stop_ms="$(date +%s%3N)"
# -t 30: above the server's grace (5 s) + drain timeout (10 s), so no SIGKILL can cut a request.
podman stop -t 30 "$name" >"$work/stop.log" 2>&1 &
stop_pid=$!
sleep 1.5
late_rc=0
late_code="$(curl -sS -o "$work/late.json" -D "$work/late.headers" -w '%{http_code}' -F "file=@${films[0]}" "$base_url/predict" 2>"$work/late.err")" || late_rc=$?
health_rc=0
podman healthcheck run "$name" >/dev/null 2>&1 || health_rc=$?
for p in "${pids[@]}"; do wait "$p"; done
wait "$stop_pid" || {
  cat "$work/stop.log" >&2
  fail "podman stop failed."
}
stop_s=$(($(date +%s) - stop_started))
exit_code="$(podman inspect --format '{{.State.ExitCode}}' "$name")"
podman logs "$name" >"$work/server.log" 2>&1 || true

ok=0
after_sigterm=0
for i in $(seq 1 $batches); do
  rc="$(cat "$work/batch-$i.rc")"
  code="$(cat "$work/batch-$i.code")"
  [ "$rc" = 0 ] || fail "in-flight /batch-predict #$i was cut (curl exit $rc: $(cat "$work/batch-$i.err"))."
  case "$code" in
    200)
      ok=$((ok + 1))
      [ "$(cat "$work/batch-$i.done")" -le "$stop_ms" ] || after_sigterm=$((after_sigterm + 1))
      ;;
    503) grep -q '"SHUTTING_DOWN"' "$work/batch-$i.json" || fail "in-flight /batch-predict #$i got 503 without SHUTTING_DOWN: $(cat "$work/batch-$i.json")" ;;
    *) fail "in-flight /batch-predict #$i answered $code: $(head -c 300 "$work/batch-$i.json")" ;;
  esac
done
[ "$after_sigterm" -ge 1 ] || fail "no /batch-predict was answered 200 after SIGTERM: the drain was not observed (all $ok finished before it)."
[ "$late_rc" = 0 ] || fail "a request during the grace period was refused or reset (curl exit $late_rc: $(cat "$work/late.err"))."
if ! { [ "$late_code" = 503 ] && grep -q '"SHUTTING_DOWN"' "$work/late.json" && grep -qi '^retry-after:' "$work/late.headers"; }; then
  fail "a request during the grace period answered $late_code, not 503 SHUTTING_DOWN with Retry-After: $(cat "$work/late.json")"
fi
[ "$health_rc" != 0 ] || fail "the HEALTHCHECK passed while the server was shutting down."
grep -q '"signal":"SIGTERM"' "$work/server.log" || {
  tail -n 20 "$work/server.log" >&2
  fail "the server did not log a SIGTERM shutdown (logs above): is node PID 1 with its handlers?"
}
[ "$exit_code" = 0 ] || {
  tail -n 20 "$work/server.log" >&2
  fail "the container exited with $exit_code after SIGTERM, not 0 (logs above)."
}
say "SIGTERM with $batches 10-film /batch-predict in flight: $ok answered 200 ($after_sigterm of them after SIGTERM)," \
  "$((batches - ok)) 503 SHUTTING_DOWN, none reset; a /predict during the grace period: 503 SHUTTING_DOWN with" \
  "Retry-After; HEALTHCHECK unhealthy while draining; exit code 0, ${stop_s} s after SIGTERM"
say "the server's log from SIGTERM on:"
sed -n '/"shutting down"/,$p' "$work/server.log" | cut -c1-220 | sed 's/^/    /'

# The README promises JSON log lines; a library's own warning (onnxruntime's telemetry, a Node
# deprecation) would show up here first.
if grep -v '^{' "$work/server.log" >"$work/not-json.log"; then
  cat "$work/not-json.log" >&2
  fail "the server's output has lines that are not JSON (above)."
fi
say "logs: $(wc -l <"$work/server.log") lines, all JSON"

# ---- 5. the Kubernetes manifests -------------------------------------------------------------
IMAGE="$image" bash scripts/container/kube-play.sh

say "passed: $image, $size_mb MB"
