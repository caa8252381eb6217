# shellcheck shell=bash
# Dapr's Sentry (built with dapr.sh's helpers): the certificate authority that gives every daprd its
# SPIFFE identity, so sidecars talk over mTLS and a callee's access control policy knows its caller's
# app id (components/config.yaml: without it every caller is unverified and gets the default, deny).
# On first start it makes its own root and issuer in its data folder. Self-hosted, it signs any app
# id it is asked for: the identity is as strong as the loopback it listens on.
DAPR_SENTRY_PORT=${DAPR_SENTRY_PORT:-50007}
DAPR_SENTRY_HEALTH_PORT=${DAPR_SENTRY_HEALTH_PORT:-58082}
DAPR_SENTRY_METRICS_PORT=${DAPR_SENTRY_METRICS_PORT:-59092}
describe_component sentry --port "$DAPR_SENTRY_PORT" --ready-within 60

sentry_build() { build_dapr_program sentry; }

sentry_start() {
  start_dapr_program sentry "$DAPR_SENTRY_PORT" "$DAPR_SENTRY_HEALTH_PORT" "$DAPR_SENTRY_METRICS_PORT" --mode standalone \
    --issuer-credentials "$(data_dir sentry)" --trust-domain localhost --config "$REPO_ROOT/components/sentry.yaml"
}

sentry_health() { http_ok "http://127.0.0.1:$DAPR_SENTRY_HEALTH_PORT/healthz" && [ -s "$(data_dir sentry)/ca.crt" ]; }

# How a daprd joins: scripts/run/daprd-kept-running.sh (npm start) and @pasar/testing's sidecars
# add --enable-mtls --sentry-address and the trust anchors (the root certificate) from these.
sentry_env() {
  printf '%s\n' "DAPR_SENTRY=$(dapr_binary sentry)" "DAPR_SENTRY_ADDRESS=127.0.0.1:$DAPR_SENTRY_PORT" \
    "DAPR_TRUST_ANCHORS_FILE=$(data_dir sentry)/ca.crt"
}
