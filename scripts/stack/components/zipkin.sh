# shellcheck shell=bash
# Zipkin, where every sidecar and app sends its spans: the exec jar from Maven Central on the machine's
# Java 17, in-memory storage bounded to ZIPKIN_MAX_SPANS (the oldest traces go first), UI on its port.
ZIPKIN_VERSION=3.6.1
ZIPKIN_PORT=${ZIPKIN_PORT:-9411}
ZIPKIN_MAX_SPANS=${ZIPKIN_MAX_SPANS:-100000}
ZIPKIN_ARTIFACT=io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec
describe_component zipkin --port "$ZIPKIN_PORT" --ready-within 150

zipkin_jar() { echo "$PASAR_CACHE/m2/io/zipkin/zipkin-server/$ZIPKIN_VERSION/zipkin-server-$ZIPKIN_VERSION-exec.jar"; }

zipkin_build() {
  [ -f "$(zipkin_jar)" ] && return 0
  say "downloading Zipkin $ZIPKIN_VERSION from Maven Central (~80 MB)"
  # An explicit local repository: Maven's default follows the passwd home, not $HOME.
  mvn -q -Dmaven.repo.local="$PASAR_CACHE/m2" dependency:get -Dartifact="$ZIPKIN_ARTIFACT" -Dtransitive=false >&2 ||
    die "could not download $ZIPKIN_ARTIFACT"
}

zipkin_start() {
  spawn zipkin env STORAGE_TYPE=mem MEM_MAX_SPANS="$ZIPKIN_MAX_SPANS" QUERY_PORT="$ZIPKIN_PORT" \
    java -Xms64m -Xmx384m -XX:+UseSerialGC -jar "$(zipkin_jar)" \
    "--armeria.ports[0].ip=127.0.0.1" "--armeria.ports[0].port=$ZIPKIN_PORT"
}

zipkin_health() { curl -fsS --max-time 2 "http://127.0.0.1:$ZIPKIN_PORT/health" | grep -q '"status" *: *"UP"'; }

zipkin_env() {
  printf '%s\n' "ZIPKIN_ENDPOINT=http://127.0.0.1:$ZIPKIN_PORT/api/v2/spans" "ZIPKIN_URL=http://127.0.0.1:$ZIPKIN_PORT"
}
