# daprd (and placement + scheduler, which daprd >= 1.15 expects in run-file mode) built from the
# dapr/dapr module, and the dapr CLI from dapr/cli. dapr/dapr has `replace` directives, so it cannot
# be `go install`ed: we build inside a copy of the module so its own go.mod and go.sum rule.
DAPR_BINARIES=(daprd placement scheduler)

# The cached binary of each: daprd is patched (DAPRD_VERSION), placement and scheduler are not.
dapr_binary() {
  case $1 in daprd) echo "$BIN_CACHE/daprd-$DAPRD_VERSION" ;; *) echo "$BIN_CACHE/$1-$DAPR_RUNTIME_VERSION" ;; esac
}

dapr_install() {
  [ -x "$(dapr_binary daprd)" ] || build_daprd
  [ -x "$(dapr_binary placement)" ] && [ -x "$(dapr_binary scheduler)" ] || build_control_plane
  # dapr/cli 1.16.5 asks for components-contrib 1.16.3, which the proxy refuses; 1.16.5 is a patch release of it.
  build_go_tool dapr-cli "$DAPR_CLI_VERSION" github.com/dapr/cli "-X main.version=$DAPR_CLI_VERSION -X main.apiVersion=1.0" \
    github.com/dapr/components-contrib@v1.16.5
  install_dapr_runtime_dir
}

dapr_ldflags() {
  echo "-X github.com/dapr/dapr/pkg/buildinfo.version=$1 -X github.com/dapr/dapr/pkg/buildinfo.gitversion=v$DAPR_RUNTIME_VERSION -X github.com/dapr/kit/logger.DaprVersion=$1"
}

build_control_plane() {
  local v=$DAPR_RUNTIME_VERSION
  log "building placement and scheduler $v from the Go module proxy"
  local dir; dir=$(module_copy dapr "$v" github.com/dapr/dapr)
  for b in placement scheduler; do build_in_module "$dir" "$b" "$v" "./cmd/$b" allcomponents "$(dapr_ldflags "$v")"; done
}

# daprd from its own copy of the dapr module, whose go.mod points components-contrib at a patched copy.
build_daprd() {
  local v=$DAPRD_VERSION
  log "building daprd $v (dapr $DAPR_RUNTIME_VERSION, allcomponents, with scripts/stack/patches) from the Go module proxy"
  log "  first time only: ~1 GB of modules and a long compile on 2 cores (about 8-15 min)"
  local dir; dir=$(module_copy dapr "$DAPR_RUNTIME_VERSION" github.com/dapr/dapr "dapr-$v")
  use_patched_components_contrib "$dir"
  build_in_module "$dir" daprd "$v" ./cmd/daprd allcomponents "$(dapr_ldflags "$v")"
}

# Patches the components-contrib version the dapr module asks for (issue 4540: RabbitMQ consumers
# leaked on reconnect) and replaces the module with that copy. Args: dapr module copy.
use_patched_components_contrib() {
  local dapr_dir=$1 contrib_version contrib_dir
  contrib_version=$(cd "$dapr_dir" && go list -m -f '{{.Version}}' github.com/dapr/components-contrib)
  contrib_version=${contrib_version#v}
  contrib_dir=$(module_copy components-contrib "$contrib_version" github.com/dapr/components-contrib \
    "components-contrib-$contrib_version-pasar.$DAPR_PATCH_LEVEL")
  patch_module_copy "$contrib_dir" "$REPO_ROOT"/scripts/stack/patches/components-contrib-*.patch
  (cd "$dapr_dir" && go mod edit -replace "github.com/dapr/components-contrib=$contrib_dir")
}

# `dapr run -f` looks for daprd in $DAPR_RUNTIME_PATH/.dapr/bin: lay that out without `dapr init`.
# Its daprd is a wrapper that starts the real one again when it dies (the CLI would leave it dead).
install_dapr_runtime_dir() {
  local dir="$STACK_DIR/dapr/.dapr/bin"
  mkdir -p "$dir" "$STACK_DIR/dapr/.dapr/components"
  for b in placement scheduler; do ln -sf "$(dapr_binary "$b")" "$dir/$b"; done
  rm -f "$dir/daprd"
  printf '#!/usr/bin/env bash\nexec bash %q %q "$@"\n' "$REPO_ROOT/scripts/run/daprd-kept-running.sh" "$(dapr_binary daprd)" >"$dir/daprd"
  chmod +x "$dir/daprd"
  ln -sf "$BIN_CACHE/dapr-cli-$DAPR_CLI_VERSION" "$dir/dapr"
  [ -f "$STACK_DIR/dapr/.dapr/config.yaml" ] || cp "$REPO_ROOT/components/config.yaml" "$STACK_DIR/dapr/.dapr/config.yaml"
}

# Placement and scheduler: only actors, workflows and jobs need them, but daprd's health stays 500
# without a scheduler in run-file mode, so we run both, on loopback.
placement_start() {
  mkdir -p "$(data_dir placement)"
  spawn placement "$(dapr_binary placement)" --port "$DAPR_PLACEMENT_PORT" \
    --healthz-port "$DAPR_PLACEMENT_HEALTH_PORT" --metrics-port "$DAPR_PLACEMENT_METRICS_PORT" --listen-address 127.0.0.1 --healthz-listen-address 127.0.0.1
}
placement_ready() { http_ok "http://127.0.0.1:$DAPR_PLACEMENT_HEALTH_PORT/healthz"; }

scheduler_start() {
  mkdir -p "$(data_dir scheduler)"
  spawn scheduler "$(dapr_binary scheduler)" --port "$DAPR_SCHEDULER_PORT" \
    --healthz-port "$DAPR_SCHEDULER_HEALTH_PORT" --metrics-port "$DAPR_SCHEDULER_METRICS_PORT" --listen-address 127.0.0.1 \
    --healthz-listen-address 127.0.0.1 --etcd-data-dir "$(data_dir scheduler)" --etcd-client-port "$DAPR_SCHEDULER_ETCD_PORT" \
    --override-broadcast-host-port "127.0.0.1:$DAPR_SCHEDULER_PORT"
}
scheduler_ready() { http_ok "http://127.0.0.1:$DAPR_SCHEDULER_HEALTH_PORT/healthz"; }
