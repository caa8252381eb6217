# shellcheck shell=bash
# daprd and the dapr CLI, built from the dapr/dapr and dapr/cli modules, and the runtime folder
# `dapr run -f` reads them from. Nothing runs here: each app's daprd is started beside it by
# `npm start` or the tests. dapr/dapr has `replace` directives, so it cannot be `go install`ed: we
# build inside a copy of the module so its own go.mod and go.sum rule (sentry.sh too).
DAPR_RUNTIME_VERSION=1.18.2  # 1.18.3 needs modules the Go proxy refuses (durabletask-go v0.12.4, a pulsar fork)
# daprd carries the fixes in scripts/stack/patches, so its binary is cached (and reports itself) under
# this version: bump the level whenever a patch changes, or an old daprd would be reused.
DAPR_PATCH_LEVEL=2
DAPRD_VERSION=$DAPR_RUNTIME_VERSION-pasar.$DAPR_PATCH_LEVEL
DAPR_CLI_VERSION=1.16.5  # the newest dapr/cli the Go proxy serves here (1.17.x and 1.18.0 are refused)
# daprd holds only the components Pasar loads (scripts/stack/daprd-components.txt): half the packages
# to compile, a third of the binary, half the memory (README: "daprd with only what Pasar uses"). PASAR_DAPRD_BUILD=full builds it with all of Dapr's (allcomponents), as
# the official image that compose and Kubernetes run has them.
PASAR_DAPRD_BUILD=${PASAR_DAPRD_BUILD:-slim}
case $PASAR_DAPRD_BUILD in slim | full) ;; *) die "PASAR_DAPRD_BUILD must be slim or full, not '$PASAR_DAPRD_BUILD'" ;; esac
DAPRD_COMPONENTS_FILE=$REPO_ROOT/scripts/stack/daprd-components.txt

# PASAR_STACK=containers on a machine with no build of its own: the user's daprd instead (`dapr init
# --slim` puts it in ~/.dapr/bin), without Pasar's patches. It has no Sentry: that one is built.
USER_DAPR_BIN=$HOME/.dapr/bin
uses_user_dapr() {
  [ "${PASAR_STACK:-native}" = containers ] && [ ! -x "$BIN_CACHE/daprd-$(daprd_build_name)" ] && [ -x "$USER_DAPR_BIN/daprd" ]
}

# The cached binary of each: daprd is patched (DAPRD_VERSION), sentry is not.
dapr_binary() {
  if [ "$1" = daprd ] && uses_user_dapr; then echo "$USER_DAPR_BIN/daprd"; return; fi
  case $1 in daprd) echo "$BIN_CACHE/daprd-$(daprd_build_name)" ;; *) echo "$BIN_CACHE/$1-$DAPR_RUNTIME_VERSION" ;; esac
}

# The component types of the slim build, one a line, sorted, without the file's comments.
daprd_component_types() { sed 's/#.*//; s/[[:space:]]//g; /^$/d' "$DAPRD_COMPONENTS_FILE" | sort -u; }

# What daprd is cached under: its version, and for the slim build a digest of its component set, so
# a changed set is built anew.
daprd_build_name() {
  if [ "$PASAR_DAPRD_BUILD" = full ]; then echo "$DAPRD_VERSION"; return; fi
  echo "$DAPRD_VERSION-slim.$(daprd_component_types | sha256sum | cut -c1-8)"
}

dapr_build() {
  if uses_user_dapr; then
    say "daprd from $USER_DAPR_BIN (dapr init --slim), without Pasar's patches to it"
    install_dapr_runtime_dir
    return
  fi
  [ -x "$(dapr_binary daprd)" ] || build_daprd
  # dapr/cli 1.16.5 asks for components-contrib 1.16.3, which the proxy refuses; 1.16.5 is a patch release of it.
  build_go_tool dapr-cli "$DAPR_CLI_VERSION" github.com/dapr/cli "-X main.version=$DAPR_CLI_VERSION -X main.apiVersion=1.0" \
    github.com/dapr/components-contrib@v1.16.5
  install_dapr_runtime_dir
}

dapr_env() {
  printf '%s\n' "DAPR_BIN_DIR=$STACK_DIR/dapr/.dapr/bin" "DAPRD=$(dapr_binary daprd)" "DAPR_RUNTIME_PATH=$STACK_DIR/dapr" \
    "DAPR_NAME_RESOLUTION_DB=$STACK_DIR/dapr/name-resolution.db"
}

dapr_ldflags() {
  echo "-X github.com/dapr/dapr/pkg/buildinfo.version=$1 -X github.com/dapr/dapr/pkg/buildinfo.gitversion=v$DAPR_RUNTIME_VERSION -X github.com/dapr/kit/logger.DaprVersion=$1"
}

# One of Dapr's control plane programs (sentry), unpatched, from a copy of the dapr module.
build_dapr_program() {
  local program=$1 v=$DAPR_RUNTIME_VERSION
  [ -x "$(dapr_binary "$program")" ] && return 0
  say "building $program $v from the Go module proxy"
  local dir; dir=$(module_copy dapr "$v" github.com/dapr/dapr)
  build_in_module "$dir" "$program" "$v" "./cmd/$program" allcomponents "$(dapr_ldflags "$v")"
}

# Starts a control plane program on loopback with its own health and metrics ports.
# Args: program, gRPC port, health port, metrics port, then any flags of its own.
start_dapr_program() {
  local program=$1 port=$2 health_port=$3 metrics_port=$4
  shift 4
  mkdir -p "$(data_dir "$program")"
  spawn "$program" "$(dapr_binary "$program")" --port "$port" --healthz-port "$health_port" --metrics-port "$metrics_port" \
    --listen-address 127.0.0.1 --healthz-listen-address 127.0.0.1 "$@"
}

# daprd from its own copy of the dapr module, whose go.mod points components-contrib at a patched copy.
build_daprd() {
  local name; name=$(daprd_build_name)
  if [ "$PASAR_DAPRD_BUILD" = full ]; then
    say "building daprd $name (dapr $DAPR_RUNTIME_VERSION, allcomponents, with scripts/stack/patches) from the Go module proxy"
    say "  first time only: ~1 GB of modules and a long compile on 2 cores (about 8-15 min)"
  else
    say "building daprd $name (dapr $DAPR_RUNTIME_VERSION with $(daprd_component_types | paste -sd, -), with scripts/stack/patches) from the Go module proxy"
    say "  first time only: modules and a compile on 2 cores (a few minutes)"
  fi
  local dir; dir=$(module_copy dapr "$DAPR_RUNTIME_VERSION" github.com/dapr/dapr "dapr-$name")
  use_patched_components_contrib "$dir"
  [ "$PASAR_DAPRD_BUILD" = full ] || keep_only_listed_components "$dir"
  build_in_module "$dir" daprd "$name" ./cmd/daprd allcomponents "$(dapr_ldflags "$DAPRD_VERSION")"
}

# daprd registers its components in cmd/daprd/components, one file each (<type with _ for .>.go,
# all built under the allcomponents tag): removes every file but those of the listed types, so the
# build compiles and links only their packages. Args: dapr module copy.
keep_only_listed_components() {
  local dir=$1/cmd/daprd/components type file kept=" "
  for type in $(daprd_component_types); do
    file=${type//./_}.go
    [ -f "$dir/$file" ] ||
      die "dapr $DAPR_RUNTIME_VERSION has no component $type (no cmd/daprd/components/$file): fix $DAPRD_COMPONENTS_FILE"
    grep -q "\"${type#*.}\"" "$dir/$file" || die "cmd/daprd/components/$file does not register \"${type#*.}\" ($type)"
    kept+="$file "
  done
  for file in "$dir"/*; do [[ $kept == *" ${file##*/} "* ]] || rm -f "$file"; done
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
  rm -f "$dir/daprd"
  printf '#!/usr/bin/env bash\nexec bash %q %q "$@"\n' "$REPO_ROOT/scripts/run/daprd-kept-running.sh" "$(dapr_binary daprd)" >"$dir/daprd"
  chmod +x "$dir/daprd"
  if uses_user_dapr; then ln -sf "$(command -v dapr)" "$dir/dapr"; else ln -sf "$BIN_CACHE/dapr-cli-$DAPR_CLI_VERSION" "$dir/dapr"; fi
  [ -f "$STACK_DIR/dapr/.dapr/config.yaml" ] || cp "$REPO_ROOT/components/config.yaml" "$STACK_DIR/dapr/.dapr/config.yaml"
}
