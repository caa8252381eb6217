#!/usr/bin/env bash
# The local images CI runs docker-compose.yml with, since nothing can be pulled here: each named
# pasar-ci/<name>:<version> (never an official name), built once and kept by the engine's data root. Each runs the software the official image runs, from Debian's packages
# or the native stack's own builds (scripts/stack/components), and honours the environment compose
# passes to the official image; FerretDB and InfluxDB 1.8 stand in for MongoDB and InfluxDB 2. An
# image is built again when its recipe (scripts/docker/images/<name>/) changed since.
#   images.sh build    build every missing image (one at a time), then print the overrides
#   images.sh env      print the PASAR_IMAGE_* overrides that point compose at these images
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
SAY_AS=docker-images
for component in dapr elasticsearch ferretdb influxdb mailpit; do
  # shellcheck disable=SC2317 # the component files call it; only their versions and build functions are used here
  describe_component() { :; }
  source "$REPO_ROOT/scripts/stack/components/$component.sh"
done

IMAGES_DIR=$REPO_ROOT/scripts/docker/images
DEBIAN_SUITE=bookworm
BASE_IMAGE=pasar-ci/debian:$DEBIAN_SUITE
ZIPKIN_VERSION=3.6.1
ZIPKIN_ARTIFACT=io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec
POSTGRES_MAJOR=15

# name:tag of each image, in build order (the base first), and the override each answers.
image_tags() {
  printf '%s\n' \
    "PASAR_IMAGE_NODE=pasar-ci/node:$PASAR_NODE_VERSION" \
    "PASAR_IMAGE_POSTGRES=pasar-ci/postgres:$POSTGRES_MAJOR" \
    "PASAR_IMAGE_REDIS=pasar-ci/redis:7" \
    "PASAR_IMAGE_RABBITMQ=pasar-ci/rabbitmq:3" \
    "PASAR_IMAGE_ELASTICSEARCH=pasar-ci/elasticsearch:$ELASTICSEARCH_VERSION" \
    "PASAR_IMAGE_MONGO=pasar-ci/ferretdb:$FERRETDB_VERSION" \
    "PASAR_IMAGE_INFLUXDB=pasar-ci/influxdb:$INFLUXDB_VERSION" \
    "PASAR_IMAGE_MAILPIT=pasar-ci/mailpit:$MAILPIT_VERSION" \
    "PASAR_IMAGE_ZIPKIN=pasar-ci/zipkin:$ZIPKIN_VERSION" \
    "PASAR_IMAGE_DAPRD=pasar-ci/daprd:$DAPR_RUNTIME_VERSION" \
    "PASAR_IMAGE_SENTRY=pasar-ci/sentry:$DAPR_RUNTIME_VERSION"
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# The Debian mirror this machine's apt uses, so the images install from the same place.
debian_mirror() {
  local uri
  uri=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -n 1)
  [ -n "$uri" ] || uri=$(awk '$1 == "deb" && $3 == "'"$DEBIAN_SUITE"'" { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
  [ -n "$uri" ] || die "no Debian mirror in this machine's apt sources"
  echo "$uri"
}

# A minimal Debian root from the mirror, made once (a tarball in the cache), imported as the base.
build_base() {
  image_exists "$BASE_IMAGE" && return 0
  local tarball=$PASAR_CACHE/docker/debian-$DEBIAN_SUITE-minbase.tar
  if [ ! -f "$tarball" ]; then
    command -v debootstrap >/dev/null || apt_install debootstrap
    local root=$PASAR_CACHE/build/debian-$DEBIAN_SUITE-root
    say "debootstrap --variant=minbase $DEBIAN_SUITE (first time only; about a minute)"
    rm -rf "$root"
    with_heartbeat "bootstrapping Debian" "$PASAR_CACHE/build/debootstrap.log" \
      debootstrap --variant=minbase "$DEBIAN_SUITE" "$root" "$(debian_mirror)" ||
      { tail -n 20 "$PASAR_CACHE/build/debootstrap.log" >&2; die "debootstrap failed"; }
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    tar -C "$root" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$root"
  fi
  say "importing $BASE_IMAGE"
  docker import --change 'CMD ["bash"]' --change 'ENV LANG=C.UTF-8' "$tarball" "$BASE_IMAGE" >/dev/null
}

# The hash of an image's recipe (its folder here): an image built from another recipe is built again.
recipe_of() { (cd "$IMAGES_DIR/$1" && cat -- * | sha256sum | cut -c1-16); }

# Builds one image from scripts/docker/images/<dir> plus the files given (copied into the context).
# Args: tag dir [file...]
build_image() {
  local tag=$1 dir=$2 started=$SECONDS recipe; shift 2
  recipe=$(recipe_of "$dir")
  [ "$(docker image inspect -f '{{index .Config.Labels "pasar.recipe"}}' "$tag" 2>/dev/null)" = "$recipe" ] && return 0
  local context; context=$(mktemp -d "$PASAR_CACHE/build/image-XXXXXX")
  cp -r "$IMAGES_DIR/$dir/." "$context/"
  for file in "$@"; do cp -rL "$file" "$context/"; done
  say "building $tag"
  local log=$PASAR_CACHE/build/image-${dir}.log
  # --network host: the build's apt-get reaches the mirror as the host does, with no bridge NAT needed.
  if ! with_heartbeat "building $tag" "$log" docker build --network host --build-arg "BASE=$BASE_IMAGE" --label "pasar.recipe=$recipe" -t "$tag" "$context"; then
    rm -rf "$context"; tail -n 30 "$log" >&2; die "building $tag failed (full log: $log)"
  fi
  rm -rf "$context"
  say "$tag built ($((SECONDS - started))s, $(docker image inspect -f '{{.Size}}' "$tag" | awk '{ printf "%d MB", $1 / 1e6 }'))"
}

tag_of() { image_tags | sed -n "s/^$1=//p"; }

zipkin_jar() {
  local repo=$PASAR_CACHE/m2 jar
  jar=$repo/io/zipkin/zipkin-server/$ZIPKIN_VERSION/zipkin-server-$ZIPKIN_VERSION-exec.jar
  [ -f "$jar" ] || mvn -q -Dmaven.repo.local="$repo" dependency:get -Dartifact="$ZIPKIN_ARTIFACT" -Dtransitive=false >&2 ||
    die "could not download $ZIPKIN_ARTIFACT"
  echo "$jar"
}

elasticsearch_zip() {
  elasticsearch_build >/dev/null
  echo "$PASAR_CACHE/m2/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ELASTICSEARCH_VERSION/elasticsearch-$ELASTICSEARCH_VERSION.zip"
}

# The machine's npm (a package folder, whichever Node runs it), for the Node image.
npm_dir() { dirname "$(dirname "$(readlink -f "$(command -v npm)")")"; }

# The certificate authorities this machine added to its own trust (a folder, maybe empty).
local_certificate_authorities() {
  local dir=$PASAR_CACHE/build/local-ca
  rm -rf "$dir" && mkdir -p "$dir"
  cp /usr/local/share/ca-certificates/*.crt "$dir/" 2>/dev/null || true
  echo "$dir"
}

build_all() {
  ensure_node
  mkdir -p "$PASAR_CACHE/build" "$PASAR_CACHE/docker"
  build_base
  build_image "$(tag_of PASAR_IMAGE_NODE)" node "$(command -v node)" "$(npm_dir)" "$(local_certificate_authorities)"
  build_image "$(tag_of PASAR_IMAGE_POSTGRES)" postgres
  build_image "$(tag_of PASAR_IMAGE_REDIS)" redis
  build_image "$(tag_of PASAR_IMAGE_RABBITMQ)" rabbitmq
  build_image "$(tag_of PASAR_IMAGE_ELASTICSEARCH)" elasticsearch "$(elasticsearch_zip)"
  ferretdb_build && build_image "$(tag_of PASAR_IMAGE_MONGO)" ferretdb "$BIN_CACHE/ferretdb-$FERRETDB_VERSION"
  influxdb_build && build_image "$(tag_of PASAR_IMAGE_INFLUXDB)" influxdb "$BIN_CACHE/influxd-$INFLUXDB_VERSION"
  mailpit_build && build_image "$(tag_of PASAR_IMAGE_MAILPIT)" mailpit "$BIN_CACHE/mailpit-$MAILPIT_VERSION"
  build_image "$(tag_of PASAR_IMAGE_ZIPKIN)" zipkin "$(zipkin_jar)"
  build_program daprd && build_image "$(tag_of PASAR_IMAGE_DAPRD)" daprd "$BIN_CACHE/daprd-$DAPR_RUNTIME_VERSION"
  build_dapr_program sentry && build_image "$(tag_of PASAR_IMAGE_SENTRY)" sentry "$(dapr_binary sentry)"
}

# The official daprd image runs upstream daprd, so this one does too: unpatched, unlike the native stack's.
build_program() {
  [ -x "$BIN_CACHE/daprd-$DAPR_RUNTIME_VERSION" ] && return 0
  local dir; dir=$(module_copy dapr "$DAPR_RUNTIME_VERSION" github.com/dapr/dapr)
  build_in_module "$dir" daprd "$DAPR_RUNTIME_VERSION" ./cmd/daprd allcomponents "$(dapr_ldflags "$DAPR_RUNTIME_VERSION")"
}

case ${1:-} in
  build) build_all; image_tags ;;
  env) image_tags ;;
  *) die "usage: images.sh build|env" ;;
esac
