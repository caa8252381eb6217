# shellcheck shell=bash
# Dapr's scheduler (built with dapr.sh's helpers). Only jobs and workflows need it, but daprd's health
# stays 500 without one in run-file mode, so it runs, on loopback.
DAPR_SCHEDULER_PORT=${DAPR_SCHEDULER_PORT:-50006}
DAPR_SCHEDULER_HEALTH_PORT=${DAPR_SCHEDULER_HEALTH_PORT:-58081}
DAPR_SCHEDULER_METRICS_PORT=${DAPR_SCHEDULER_METRICS_PORT:-59091}
DAPR_SCHEDULER_ETCD_PORT=${DAPR_SCHEDULER_ETCD_PORT:-52379}
describe_component scheduler --port "$DAPR_SCHEDULER_PORT" --ready-within 120

scheduler_build() { build_dapr_program scheduler; }

scheduler_start() {
  start_dapr_program scheduler "$DAPR_SCHEDULER_PORT" "$DAPR_SCHEDULER_HEALTH_PORT" "$DAPR_SCHEDULER_METRICS_PORT" \
    --etcd-data-dir "$(data_dir scheduler)" --etcd-client-port "$DAPR_SCHEDULER_ETCD_PORT" \
    --override-broadcast-host-port "127.0.0.1:$DAPR_SCHEDULER_PORT"
}

scheduler_health() { http_ok "http://127.0.0.1:$DAPR_SCHEDULER_HEALTH_PORT/healthz"; }
