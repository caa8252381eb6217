# shellcheck shell=bash
# A real Elasticsearch node: the integ-test distribution from Maven Central (bin/elasticsearch without
# a bundled JDK, runs on the machine's Java 17). It refuses root, so it runs as the service user.
ELASTICSEARCH_VERSION=8.19.7
ELASTICSEARCH_PORT=${ELASTICSEARCH_PORT:-9200}
ES_ARTIFACT=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ELASTICSEARCH_VERSION:zip
describe_component elasticsearch --port "$ELASTICSEARCH_PORT" --ready-within 180

es_home() { echo "$(service_state_dir)/opt/elasticsearch-$ELASTICSEARCH_VERSION"; }

elasticsearch_build() {
  # An explicit local repository: Maven's default follows the passwd home, not $HOME.
  local repo="$PASAR_CACHE/m2"
  local zip="$repo/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ELASTICSEARCH_VERSION/elasticsearch-$ELASTICSEARCH_VERSION.zip"
  if [ ! -f "$zip" ]; then
    say "downloading Elasticsearch $ELASTICSEARCH_VERSION from Maven Central (~100 MB)"
    mvn -q -Dmaven.repo.local="$repo" dependency:get -Dartifact="$ES_ARTIFACT" -Dtransitive=false >&2 || die "could not download $ES_ARTIFACT"
  fi
  [ -d "$(es_home)" ] && return 0
  local staging; staging="$(dirname "$(es_home)").tmp"
  mkdir -p "$(dirname "$(es_home)")"
  unzip -q -o "$zip" -d "$staging" || die "could not unpack $zip"
  mv "$staging/elasticsearch-$ELASTICSEARCH_VERSION" "$(es_home)"
  rm -rf "$staging"
}

elasticsearch_start() {
  local home conf data; home=$(es_home); conf=$(service_data_dir elasticsearch)/config; data=$(service_data_dir elasticsearch)
  own_dir "$data/data"; own_dir "$data/logs"
  rm -rf "$conf" && cp -r "$home/config" "$conf" && own_dir "$conf"
  if is_root; then chown -R "$SERVICE_USER" "$home"; fi
  SPAWN_AS_SERVICE_USER=1 spawn elasticsearch env ES_PATH_CONF="$conf" ES_JAVA_HOME="${ES_JAVA_HOME:-$(java_home)}" \
    ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m}" "$home/bin/elasticsearch" \
    -E discovery.type=single-node -E network.host=127.0.0.1 -E http.port="$ELASTICSEARCH_PORT" \
    -E transport.port=$((ELASTICSEARCH_PORT + 100)) -E xpack.security.enabled=false \
    -E path.data="$data/data" -E path.logs="$data/logs" -E cluster.name=pasar \
    -E cluster.routing.allocation.disk.threshold_enabled=false
}

java_home() { dirname "$(dirname "$(readlink -f "$(command -v java)")")"; }

elasticsearch_health() {
  curl -fsS --max-time 2 "http://127.0.0.1:$ELASTICSEARCH_PORT/_cluster/health?wait_for_status=yellow&timeout=1s" | grep -q '"status":"\(green\|yellow\)"'
}

elasticsearch_env() {
  printf '%s\n' "ELASTICSEARCH_URL=http://127.0.0.1:$ELASTICSEARCH_PORT" "CATALOG_INDEX_PREFIX=$(by_dataset '' test_)products"
}
