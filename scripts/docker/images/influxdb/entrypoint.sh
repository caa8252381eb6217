#!/bin/bash
# influxdb:2.7's DOCKER_INFLUXDB_INIT_MODE=setup makes an org, a bucket and a token. InfluxDB 1.8 has
# neither orgs nor tokens (with auth off it ignores both), and a v2 bucket is a database: this makes
# DOCKER_INFLUXDB_INIT_BUCKET's database once influxd answers.
set -euo pipefail
influxd run &
pid=$!
trap 'kill -TERM $pid' TERM INT
if [ "${DOCKER_INFLUXDB_INIT_MODE:-}" = setup ] && [ -n "${DOCKER_INFLUXDB_INIT_BUCKET:-}" ]; then
  until curl -fs -o /dev/null http://127.0.0.1:8086/health; do
    kill -0 $pid 2>/dev/null || exit 1
    sleep 0.5
  done
  curl -fsS -o /dev/null -XPOST http://127.0.0.1:8086/query --data-urlencode "q=CREATE DATABASE \"$DOCKER_INFLUXDB_INIT_BUCKET\""
fi
wait $pid
