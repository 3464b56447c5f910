#!/usr/bin/env bash
# Runs the project's Kubernetes manifests (deploy/kubernetes: ConfigMap, Deployment, Service)
# with `podman kube play` on the image the container test built, and checks what a cluster
# would promise of them (issue 24):
#   bash scripts/container/kube-play.sh        (test.sh calls it at its end)
#   1. readiness: /health/ready, polled every 50 ms from before the pod exists, answers nothing,
#      then 503 "not_ready" while the model loads, and only then 200 "ready" (podman 4.3 has no
#      readinessProbe: the server's own answers are what is checked); what podman made of the
#      livenessProbe (its healthcheck) is printed and run once,
#   2. a film on /predict through the port podman published (kube play 4.3 publishes every
#      containerPort on the same host port, hostPort or not; with --network=host it refuses
#      to, so the pod gets podman's default network, unlike test.sh's containers),
#   3. the ConfigMap is the configuration in force: a copy with INPUT_CHECK=warn and another
#      PORT must show both through the API (GET /model, the answer's input_check.mode),
#   4. the security context as podman applied it (uid, seccomp, read-only root, /tmp), and its
#      resources, stop timeout and mounts, printed.
# The manifests are rendered with sed, each change checked: the image is $IMAGE, the port a free
# one (PORT in the ConfigMap, containerPort and the scrape annotation in the Deployment),
# INPUT_CHECK=warn. Nothing else is changed; what podman 4.3 ignores is listed in docs/deploy.md
# ("Run with podman kube play").
# Environment: IMAGE (default localhost/bcd-api-server:test, which must exist), MINI_MIAS_DIR.
# Exits non-zero, saying why, on any failure; removes the pod on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"

image="${IMAGE:-localhost/bcd-api-server:test}"
started="$(date +%s)"
work="$(mktemp -d "${TMPDIR:-/tmp}/bcd-api-kube.XXXXXX")"
pod=""

say() { printf '[kube %3ss] %s\n' "$(($(date +%s) - started))" "$*"; }
fail() {
  printf '[kube] FAILED: %s\n' "$*" >&2
  exit 1
}
cleanup() {
  [ -z "$pod" ] || podman pod rm -f -t 0 "$pod" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# ---- tools -----------------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || fail "run as root: podman here is rootful."
need=()
command -v podman >/dev/null || need+=(podman)
command -v runc >/dev/null || need+=(runc)
command -v curl >/dev/null || need+=(curl)
# kube play builds its pod's infra image locally around catatonit instead of pulling k8s' pause.
[ -x /usr/bin/catatonit ] || [ -x /usr/libexec/podman/catatonit ] || need+=(catatonit)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null ||
    fail "apt-get install ${need[*]} failed."
fi
export CONTAINERS_CONF="${CONTAINERS_CONF:-$repo/scripts/container/containers.conf}"
podman image exists "$image" || fail "no image $image: build it first (bash scripts/container/test.sh)."
say "podman $(podman version --format '{{.Client.Version}}'), image $image"

# ---- render ----------------------------------------------------------------------------------
port="$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
# sed_once FILE EXPR OUT: one substitution that must change exactly one line (a manifest that
# changed shape fails here, by name, rather than running something else).
sed_once() {
  local file="$1" expr="$2" out="$3"
  sed -e "$expr" "$out" >"$out.new"
  [ "$(diff "$out" "$out.new" | grep -c '^>' || true)" = 1 ] || fail "rendering $file: '$expr' did not change exactly one line."
  mv "$out.new" "$out"
}
k8s=deploy/kubernetes
cp "$k8s/configmap.yaml" "$work/configmap.yaml"
sed_once configmap.yaml 's/^\(  PORT: \)"7860"$/\1"'"$port"'"/' "$work/configmap.yaml"
sed_once configmap.yaml 's/^\(  INPUT_CHECK: \)refuse$/\1warn/' "$work/configmap.yaml"
cp "$k8s/deployment.yaml" "$work/deployment.yaml"
sed_once deployment.yaml 's|^\( *image: \)bcd-api-server:1.0.0$|\1'"$image"'|' "$work/deployment.yaml"
sed_once deployment.yaml 's/^\( *containerPort: \)7860$/\1'"$port"'/' "$work/deployment.yaml"
sed_once deployment.yaml 's/^\( *prometheus.io\/port: \)"7860"$/\1"'"$port"'"/' "$work/deployment.yaml"
{
  cat "$work/configmap.yaml"
  echo ---
  cat "$work/deployment.yaml"
  echo ---
  cat "$k8s/service.yaml"
} >"$work/kube.yaml"
say "rendered $k8s/{configmap,deployment,service}.yaml: image $image, port $port, INPUT_CHECK=warn"

# ---- 1. readiness from the first moment ------------------------------------------------------
base_url="http://127.0.0.1:$port"
# Polled every 50 ms from before the pod exists, for at most 90 s: time (ms from the start of
# kube play), HTTP code (000: nothing listening), body.
t0="$(date +%s%3N)"
(
  deadline=$((t0 + 90000))
  while [ "$(date +%s%3N)" -lt "$deadline" ]; do
    code="$(curl -s -o "$work/ready.body" -w '%{http_code}' --max-time 1 "$base_url/health/ready" 2>/dev/null || true)"
    printf '%s %s %s\n' "$(($(date +%s%3N) - t0))" "$code" "$(head -c 200 "$work/ready.body" 2>/dev/null | tr -d '\n')" >>"$work/ready.log"
    [ "$code" = 200 ] && exit 0
    rm -f "$work/ready.body"
    sleep 0.05
  done
  exit 1
) &
poller=$!
if ! timeout 120 podman kube play --replace "$work/kube.yaml" >"$work/play.out" 2>"$work/play.err"; then
  cat "$work/play.out" "$work/play.err" >&2
  kill "$poller" 2>/dev/null || true
  fail "podman kube play failed (above)."
fi
play_ms=$(($(date +%s%3N) - t0))
pod="$(podman pod ps --filter label=app.kubernetes.io/name=bcd-api-server --format '{{.Name}}' | head -n 1)"
[ -n "$pod" ] || fail "kube play made no pod labelled app.kubernetes.io/name=bcd-api-server: $(cat "$work/play.out" "$work/play.err")"
ctr="$(podman ps -a --filter "pod=$pod" --format '{{.Names}} {{.IsInfra}}' | awk '$2 == "false" { print $1 }' | head -n 1)"
[ -n "$ctr" ] || fail "the pod $pod has no server container."
say "kube play: pod $pod, container $ctr, in $play_ms ms; its messages:"
sed 's/^/    /' "$work/play.err"
wait "$poller" || {
  podman logs "$ctr" 2>&1 | tail -n 20 >&2 || true
  tail -n 5 "$work/ready.log" >&2
  fail "$base_url/health/ready did not answer 200 within 90 s (the server's log and the last polls above)."
}
first_200="$(awk '$2 == 200 { print $1; exit }' "$work/ready.log")"
first_503="$(awk '$2 == 503 { print $1; exit }' "$work/ready.log")"
first_answer="$(awk '$2 != "000" { print $1; exit }' "$work/ready.log")"
n_000="$(awk '$2 == "000"' "$work/ready.log" | wc -l)"
n_503="$(awk '$2 == 503' "$work/ready.log" | wc -l)"
say "readiness, ms from kube play: no answer x$n_000 until $first_answer, 503 x$n_503 from ${first_503:-never}, 200 at $first_200"
awk '$2 != "000"' "$work/ready.log" | awk 'NR == 1 || $2 != prev { print "    " $0 } { prev = $2 }' | cut -c1-200
[ -n "$first_503" ] || fail "no 503 was seen before 200: the server answered ready at its first answer ($first_answer ms), so that it waits for its model was not shown."
# shellcheck disable=SC2016 # awk, not shell
awk -v t="$first_200" '$1 > t && $2 == 503 { exit 1 }' "$work/ready.log" || fail "503 after 200."
grep -q '"status":"ready"' <(awk -v t="$first_200" '$1 == t' "$work/ready.log") || fail "200 without status ready: $(awk -v t="$first_200" '$1 == t' "$work/ready.log")"
grep -q '"not_ready"' <(awk '$2 == 503' "$work/ready.log" | head -n 1) || fail "a 503 without status not_ready."
# What the server logged: listening (answering 503) before its model was loaded.
podman logs "$ctr" >"$work/server.log" 2>&1 || true
say "the server's log to readiness:"
head -n 6 "$work/server.log" | cut -c1-200 | sed 's/^/    /'

# The probes as podman made them: the livenessProbe becomes the container's healthcheck, a shell
# command run inside the container (httpGet as curl, which the image does not have, and 4.3
# leaves the named port `http` unresolved: port 0); the startupProbe and readinessProbe have no
# podman 4.3 equivalent. Run once here to show what it does (without systemd podman does not
# schedule it, and says so above); a kubelet makes the HTTP request itself.
say "healthcheck from the livenessProbe: $(podman inspect --format '{{json .Config.Healthcheck}}' "$ctr")"
podman inspect "$ctr" | grep -qi startup && fail "podman now has a startup healthcheck: check what it runs and update docs/deploy.md."
health_rc=0
podman healthcheck run "$ctr" >/dev/null 2>&1 || health_rc=$?
# shellcheck disable=SC2016 # Go template, not shell
say "podman healthcheck run (once): exit $health_rc, $(podman inspect --format '{{range .State.Health.Log}}{{.Output}}{{end}}' "$ctr" | tr '\n' ' ' | cut -c1-160)"

# ---- 2. a request through the declared port --------------------------------------------------
films_dir="${MINI_MIAS_DIR:-../shared/data/mini-mias}/images"
film="$films_dir/mdb001.png"
[ -f "$film" ] || film=packages/test-kit/fixtures/images/breast.jpg
code="$(curl -sS --max-time 30 -o "$work/predict.json" -w '%{http_code}' -F "file=@$film" "$base_url/predict")" ||
  fail "POST /predict on port $port failed at the connection level."
[ "$code" = 200 ] || fail "POST /predict answered $code: $(head -c 300 "$work/predict.json")"
# shellcheck disable=SC2016 # JavaScript, not shell
summary="$(node -e '
  const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.prediction}, confidence ${r.confidence}, input_check.mode ${r.input_check?.mode}`);
' "$work/predict.json")"
say "POST /predict $(basename "$film") on port $port: 200, $summary"

# ---- 3. the ConfigMap's settings in force ----------------------------------------------------
# The image's default is INPUT_CHECK=refuse and PORT 7860: the server answering on $port with
# mode warn can only have them from the rendered ConfigMap.
mode="$(curl -fsS --max-time 10 "$base_url/model" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).input_check?.mode))')" ||
  fail "GET /model failed."
[ "$mode" = warn ] || fail "GET /model says input_check.mode $mode, not the ConfigMap's warn."
grep -q '"mode":"warn"' "$work/predict.json" || fail "the /predict answer's input_check.mode is not the ConfigMap's warn."
say "ConfigMap in force: the server listens on PORT $port and GET /model and /predict say input_check.mode $mode (image default: 7860, refuse)"

# ---- 4. what podman made of the rest ---------------------------------------------------------
# shellcheck disable=SC2016 # Go template, not shell
say "as podman runs it: $(podman inspect --format 'user {{.Config.User}}, read-only root {{.HostConfig.ReadonlyRootfs}}, cap-drop {{.HostConfig.CapDrop}}, security-opt {{.HostConfig.SecurityOpt}}, memory limit {{.HostConfig.Memory}}, memory reservation {{.HostConfig.MemoryReservation}}, CPU quota/period {{.HostConfig.CpuQuota}}/{{.HostConfig.CpuPeriod}}, stop timeout {{.Config.StopTimeout}} s, restart {{.HostConfig.RestartPolicy.Name}}' "$ctr")"
say "mounts: $(podman inspect --format '{{range .Mounts}}{{.Destination}} ({{.Type}}) {{end}}' "$ctr")$(podman exec "$ctr" df -k /tmp | awk 'NR == 2 { print ", " $2 " kB" }'); ports: $(podman port "$ctr" | tr '\n' ' ')"
seccomp="$(podman exec "$ctr" awk '/^Seccomp:/ { print $2 }' /proc/1/status)"
[ "$seccomp" = 2 ] || fail "seccompProfile RuntimeDefault: PID 1 has Seccomp mode $seccomp, not 2 (filtered)."
uid="$(podman exec "$ctr" id -u)"
[ "$uid" = 10001 ] || fail "runAsUser: the server runs as uid $uid, not 10001."
if podman exec "$ctr" sh -c 'touch /app/x || touch /x' 2>/dev/null; then
  fail "readOnlyRootFilesystem: the container's root filesystem is writable."
fi
podman exec "$ctr" sh -c 'touch /tmp/x && rm /tmp/x' 2>/dev/null || fail "the emptyDir /tmp is not writable."
say "uid $uid, seccomp filter on, root filesystem read-only, /tmp (emptyDir) writable"

say "passed: deploy/kubernetes run by podman kube play"
