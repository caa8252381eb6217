# daprd (and placement + scheduler, which daprd >= 1.15 expects in run-file mode) built from the
# dapr/dapr module, and the dapr CLI from dapr/cli. dapr/dapr has `replace` directives, so it cannot
# be `go install`ed: we build inside a copy of the module so its own go.mod and go.sum rule.
DAPR_BINARIES=(daprd placement scheduler)

dapr_install() {
  local missing=0
  for b in "${DAPR_BINARIES[@]}"; do [ -x "$BIN_CACHE/$b-$DAPR_RUNTIME_VERSION" ] || missing=1; done
  [ $missing = 1 ] && build_dapr_runtime
  # dapr/cli 1.16.5 asks for components-contrib 1.16.3, which the proxy refuses; 1.16.5 is a patch release of it.
  build_go_tool dapr-cli "$DAPR_CLI_VERSION" github.com/dapr/cli "-X main.version=$DAPR_CLI_VERSION -X main.apiVersion=1.0" \
    github.com/dapr/components-contrib@v1.16.5
  install_dapr_runtime_dir
}

build_dapr_runtime() {
  local v=$DAPR_RUNTIME_VERSION
  log "building daprd, placement and scheduler $v (allcomponents) from the Go module proxy"
  log "  first time only: ~1 GB of modules and a long compile on 2 cores (about 8-15 min)"
  local dir; dir=$(module_copy dapr "$v" github.com/dapr/dapr)
  local ldflags="-X github.com/dapr/dapr/pkg/buildinfo.version=$v -X github.com/dapr/dapr/pkg/buildinfo.gitversion=v$v -X github.com/dapr/kit/logger.DaprVersion=$v"
  for b in "${DAPR_BINARIES[@]}"; do build_in_module "$dir" "$b" "$v" "./cmd/$b" allcomponents "$ldflags"; done
}

# `dapr run -f` looks for daprd in $DAPR_RUNTIME_PATH/.dapr/bin: lay that out without `dapr init`.
# Its daprd is a wrapper that starts the real one again when it dies (the CLI would leave it dead).
install_dapr_runtime_dir() {
  local dir="$STACK_DIR/dapr/.dapr/bin"
  mkdir -p "$dir" "$STACK_DIR/dapr/.dapr/components"
  for b in placement scheduler; do ln -sf "$BIN_CACHE/$b-$DAPR_RUNTIME_VERSION" "$dir/$b"; done
  rm -f "$dir/daprd"
  printf '#!/usr/bin/env bash\nexec bash %q %q "$@"\n' "$REPO_ROOT/scripts/run/daprd-kept-running.sh" "$BIN_CACHE/daprd-$DAPR_RUNTIME_VERSION" >"$dir/daprd"
  chmod +x "$dir/daprd"
  ln -sf "$BIN_CACHE/dapr-cli-$DAPR_CLI_VERSION" "$dir/dapr"
  [ -f "$STACK_DIR/dapr/.dapr/config.yaml" ] || cp "$REPO_ROOT/components/config.yaml" "$STACK_DIR/dapr/.dapr/config.yaml"
}

# Placement and scheduler: only actors, workflows and jobs need them, but daprd's health stays 500
# without a scheduler in run-file mode, so we run both, on loopback.
placement_start() {
  mkdir -p "$(data_dir placement)"
  spawn placement "$BIN_CACHE/placement-$DAPR_RUNTIME_VERSION" --port "$DAPR_PLACEMENT_PORT" \
    --healthz-port "$DAPR_PLACEMENT_HEALTH_PORT" --metrics-port "$DAPR_PLACEMENT_METRICS_PORT" --listen-address 127.0.0.1 --healthz-listen-address 127.0.0.1
}
placement_ready() { http_ok "http://127.0.0.1:$DAPR_PLACEMENT_HEALTH_PORT/healthz"; }

scheduler_start() {
  mkdir -p "$(data_dir scheduler)"
  spawn scheduler "$BIN_CACHE/scheduler-$DAPR_RUNTIME_VERSION" --port "$DAPR_SCHEDULER_PORT" \
    --healthz-port "$DAPR_SCHEDULER_HEALTH_PORT" --metrics-port "$DAPR_SCHEDULER_METRICS_PORT" --listen-address 127.0.0.1 \
    --healthz-listen-address 127.0.0.1 --etcd-data-dir "$(data_dir scheduler)" --etcd-client-port "$DAPR_SCHEDULER_ETCD_PORT" \
    --override-broadcast-host-port "127.0.0.1:$DAPR_SCHEDULER_PORT"
}
scheduler_ready() { http_ok "http://127.0.0.1:$DAPR_SCHEDULER_HEALTH_PORT/healthz"; }
