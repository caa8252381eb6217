# Pinned versions of every piece of the native runtime. Bump here; caches are keyed by these.
DAPR_RUNTIME_VERSION=1.18.2  # 1.18.3 needs modules the Go proxy refuses (durabletask-go v0.12.4, a pulsar fork)
# daprd carries the fixes in scripts/stack/patches, so its binary is cached (and reports itself) under
# this version: bump the level whenever a patch changes, or an old daprd would be reused.
DAPR_PATCH_LEVEL=2
DAPRD_VERSION=$DAPR_RUNTIME_VERSION-pasar.$DAPR_PATCH_LEVEL
DAPR_CLI_VERSION=1.16.5  # the newest dapr/cli the Go proxy serves here (1.17.x and 1.18.0 are refused)
FERRETDB_VERSION=1.24.2
INFLUXDB_VERSION=1.8.10
MAILPIT_VERSION=1.27.11
ELASTICSEARCH_VERSION=8.19.7
POSTGRES_MAJOR=15

# The Kubernetes chart's checks without a cluster (scripts/deploy/chart-tools.sh, tests/deploy).
HELM_VERSION=3.22.0
KUBECONFORM_VERSION=0.8.0
KUBERNETES_VALIDATE_VERSION=1.37.0  # PyPI; ships the Kubernetes JSON schemas, so they are offline
# The chart is validated against the oldest and the newest Kubernetes it supports (Chart.yaml kubeVersion).
CHART_KUBERNETES_VERSIONS="1.32.0 1.37.0"
