# shellcheck shell=bash
# Mailpit: an SMTP server that keeps what it receives and serves it over an HTTP API for the tests.
MAILPIT_VERSION=1.27.11
SMTP_PORT=${SMTP_PORT:-1025}
MAILPIT_HTTP_PORT=${MAILPIT_HTTP_PORT:-8025}
describe_component mailpit --port "$SMTP_PORT" --ready-within 30

mailpit_build() { build_go_tool mailpit "$MAILPIT_VERSION" github.com/axllent/mailpit; }

mailpit_start() {
  mkdir -p "$(data_dir mailpit)"
  spawn mailpit "$BIN_CACHE/mailpit-$MAILPIT_VERSION" --smtp "127.0.0.1:$SMTP_PORT" --listen "127.0.0.1:$MAILPIT_HTTP_PORT" \
    --database "$(data_dir mailpit)/mailpit.db" --smtp-auth-accept-any --smtp-auth-allow-insecure --disable-version-check
}

mailpit_health() { http_ok "http://127.0.0.1:$MAILPIT_HTTP_PORT/api/v1/info"; }

mailpit_env() {
  printf '%s\n' "SMTP_HOST=127.0.0.1" "SMTP_PORT=$SMTP_PORT" "MAILPIT_URL=http://127.0.0.1:$MAILPIT_HTTP_PORT"
}
