# The Breast Cancer Detection API server as a container image (README.md, "Container").
#
#   docker build -t bcd-api-server .
#   podman build --format docker -t bcd-api-server .   # --format docker keeps the HEALTHCHECK
#   docker run --rm -p 7860:7860 --read-only --stop-timeout 20 bcd-api-server
#
# BASE_IMAGE: any Debian-like image with Node.js 20 (>= 20.9) and npm, used by both stages.
# scripts/container/test.sh builds one from Debian's packages with debootstrap where no
# registry is reachable, and runs the checks this file promises.
ARG BASE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
# Build: install the workspace from the lockfile, build the server and the workspace packages
# it depends on, then `pnpm deploy` it with its production dependencies only into /out.
FROM ${BASE_IMAGE} AS build
# onnxruntime-node's install script would download binaries; its npm package ships them.
ENV CI=true \
    TURBO_TELEMETRY_DISABLED=1 \
    DO_NOT_TRACK=1 \
    ONNXRUNTIME_NODE_INSTALL=skip
# The optional secret `npm_ca` is a CA bundle for a TLS-intercepting proxy between the build
# and the npm registry (--secret id=npm_ca,src=/etc/ssl/certs/ca-certificates.crt): it is
# trusted during the RUN that downloads, and never lands in a layer.
# corepack is not used: its signature check of pnpm fails behind such a proxy.
RUN --mount=type=secret,id=npm_ca,required=false \
    if [ -s /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi \
    && npm install -g --no-fund --no-audit --no-update-notifier pnpm@10.34.9 \
    && pnpm --version
WORKDIR /src
COPY . .
# The store is a cache mount: a lockfile change downloads only what changed. --prefer-offline
# (not --offline) so that a pruned cache downloads again instead of failing.
RUN --mount=type=secret,id=npm_ca,required=false \
    --mount=type=cache,id=bcd-api-pnpm-store,target=/pnpm-store \
    if [ -s /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi \
    && pnpm install --frozen-lockfile --prefer-offline --store-dir=/pnpm-store
RUN --mount=type=cache,id=bcd-api-turbo,target=/src/.turbo/cache \
    pnpm turbo run build --filter=@bcd-api/server...
# pnpm 10's deploy uses the workspace lockfile only with inject-workspace-packages (the
# lockfile does not need it); --legacy would resolve every version afresh instead. Workspace
# packages are copied as they would be packed (their `files`; the server's build copied the
# docs' bundles into its dist, so no ReDoc or Swagger UI package is deployed). The workspace's
# pnpm overrides apply (pnpm-workspace.yaml). Then the check fails the build, not the first
# start, when the deploy lacks a built file the server loads.
RUN --mount=type=secret,id=npm_ca,required=false \
    --mount=type=cache,id=bcd-api-pnpm-store,target=/pnpm-store \
    if [ -s /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi \
    && pnpm --filter=@bcd-api/server --config.inject-workspace-packages=true \
         deploy --prod --prefer-offline --store-dir=/pnpm-store /out \
    && sh scripts/container/prune-deploy.sh /out \
    && cd /out \
    && for f in dist/main.js dist/docs-assets/swagger-ui/swagger-ui-bundle.js dist/docs-assets/redoc/bundles/redoc.standalone.js \
         node_modules/@bcd-api/contract/dist/index.js node_modules/@bcd-api/http/dist/index.js \
         node_modules/@bcd-api/demo/dist/index.html node_modules/@bcd-api/default-model/model/model.onnx; do \
         [ -f "$f" ] || { echo "the deploy has no $f" >&2; exit 1; }; \
       done \
    && node -e "import('@bcd-api/http').then(() => import('@bcd-api/default-model')).then((m) => console.log('default model:', m.defaultModelDir))"

# ---------------------------------------------------------------------------------------------
# Runtime: Node and the deployed folder, owned by root and read-only to the server's user.
FROM ${BASE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="Breast Cancer Detection API" \
      org.opencontainers.image.description="Self-hosted mammogram classification API. Education and research only, never diagnosis. Code MIT; the default model's weights are for non-commercial research and education only."
# A numeric UID, so that Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
RUN groupadd --gid 10001 bcd \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin bcd
WORKDIR /app
COPY --from=build /out /app
# onnxruntime-node 1.30 starts a telemetry system (with an HTTPS uploader) that first tries to
# store a device ID under ~/.cache/Microsoft: in a read-only image it warns at every start, in
# ANSI colours, among the JSON log lines. A self-hosted medical-research service sends nothing.
ENV NODE_ENV=production \
    ORT_DISABLE_TELEMETRY=1
USER 10001:10001
EXPOSE 7860
# The server drains on SIGTERM (SHUTDOWN_GRACE_MS + SHUTDOWN_TIMEOUT_MS, 15 s by default):
# give `docker stop` / `podman stop` a timeout above that (-t 20 or --stop-timeout 20).
STOPSIGNAL SIGTERM
# Needs no curl: Node 20's fetch. Probes readiness (model loaded, not shutting down).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||7860)+'/health/ready',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node is PID 1 and handles SIGTERM and SIGINT itself (apps/server/src/main.ts): no shell, no
# entrypoint script of the base image in between. The server writes nothing: --read-only works.
ENTRYPOINT []
CMD ["node", "dist/main.js"]
