# shellcheck shell=bash
# Dapr's placement service (built with dapr.sh's helpers). Only actors and workflows need it, but daprd
# in run-file mode expects it beside the scheduler, so it runs, on loopback.
DAPR_PLACEMENT_PORT=${DAPR_PLACEMENT_PORT:-50005}
DAPR_PLACEMENT_HEALTH_PORT=${DAPR_PLACEMENT_HEALTH_PORT:-58080}
DAPR_PLACEMENT_METRICS_PORT=${DAPR_PLACEMENT_METRICS_PORT:-59090}
describe_component placement --port "$DAPR_PLACEMENT_PORT" --ready-within 60

placement_build() { build_dapr_program placement; }

placement_start() { start_dapr_program placement "$DAPR_PLACEMENT_PORT" "$DAPR_PLACEMENT_HEALTH_PORT" "$DAPR_PLACEMENT_METRICS_PORT"; }

placement_health() { http_ok "http://127.0.0.1:$DAPR_PLACEMENT_HEALTH_PORT/healthz"; }
