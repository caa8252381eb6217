{{/*
What the code fixes about each app, as opposed to what you choose in values.yaml:
  secretEnv   its variables read from the Secret (variable: key);
  components  the Dapr components it uses (their `scopes`);
  stores      the data stores it connects to (their NetworkPolicies);
  calls       the apps it invokes through Dapr (their NetworkPolicies): the gateway's route table,
              each app's data-access/peers.ts, and payment's own webhook through its sidecar.
tests/deploy/chart.test.ts checks these against the code.
*/}}
{{- define "pasar.apps" -}}
gateway:
  secretEnv: { JWT_SECRET: jwt-secret, DAPR_API_TOKEN: dapr-api-token }
  components: []
  stores: []
  calls: [catalog, product, customer, order, activity]
catalog:
  secretEnv: { ELASTICSEARCH_URL: elasticsearch-url, APP_API_TOKEN: app-api-token, DAPR_API_TOKEN: dapr-api-token }
  components: [pubsub]
  stores: [elasticsearch]
  calls: [product]
product:
  secretEnv: { MONGODB_URL: mongodb-url, APP_API_TOKEN: app-api-token, DAPR_API_TOKEN: dapr-api-token }
  components: [pubsub]
  stores: [mongodb]
  calls: []
customer:
  secretEnv: { DATABASE_URL: customer-database-url, JWT_SECRET: jwt-secret, APP_API_TOKEN: app-api-token, DAPR_API_TOKEN: dapr-api-token }
  components: [pubsub]
  stores: [postgres]
  calls: []
order:
  secretEnv: { DATABASE_URL: order-database-url, APP_API_TOKEN: app-api-token, DAPR_API_TOKEN: dapr-api-token }
  components: [pubsub, statestore]
  stores: [postgres]
  calls: [customer, product]
payment:
  secretEnv: { DATABASE_URL: payment-database-url, PROVIDER_WEBHOOK_SECRET: provider-webhook-secret, APP_API_TOKEN: app-api-token, DAPR_API_TOKEN: dapr-api-token }
  components: [pubsub]
  stores: [postgres]
  calls: [order, payment]
activity:
  secretEnv: { INFLUXDB_TOKEN: influxdb-token, APP_API_TOKEN: app-api-token, DAPR_API_TOKEN: dapr-api-token }
  components: [pubsub]
  stores: [influxdb]
  calls: []
email:
  secretEnv: { SMTP_USER: smtp-user, SMTP_PASSWORD: smtp-password, APP_API_TOKEN: app-api-token, DAPR_API_TOKEN: dapr-api-token }
  components: [pubsub, statestore]
  stores: [smtp]
  calls: [customer]
{{- end }}

{{/* The port every app listens on in its container (APP_PORT), and daprd's ports the chart opens. */}}
{{- define "pasar.appPort" -}}3000{{- end }}
{{- define "pasar.daprInternalGrpcPort" -}}50002{{- end }}
{{- define "pasar.daprMetricsPort" -}}9090{{- end }}

{{/* Each key of the Secret and the value it comes from (secrets.<value>). */}}
{{- define "pasar.secretValues" -}}
jwt-secret: jwtSecret
provider-webhook-secret: providerWebhookSecret
customer-database-url: customerDatabaseUrl
order-database-url: orderDatabaseUrl
payment-database-url: paymentDatabaseUrl
mongodb-url: mongodbUrl
elasticsearch-url: elasticsearchUrl
influxdb-token: influxdbToken
redis-password: redisPassword
rabbitmq-url: rabbitmqUrl
smtp-user: smtpUser
smtp-password: smtpPassword
app-api-token: appApiToken
dapr-api-token: daprApiToken
{{- end }}

{{/* The Secret keys this configuration reads: RabbitMQ's only on RabbitMQ, SMTP's only with SMTP auth. */}}
{{- define "pasar.secretKeysInUse" -}}
{{- $keys := list -}}
{{- range $key, $_ := include "pasar.secretValues" . | fromYaml -}}
{{- if and (eq $key "rabbitmq-url") (ne $.Values.pubsub.broker "rabbitmq") -}}
{{- else if and (hasPrefix "smtp-" $key) (not $.Values.stores.smtp.auth) -}}
{{- else -}}
{{- $keys = append $keys $key -}}
{{- end -}}
{{- end -}}
{{- toYaml (dict "keys" $keys) -}}
{{- end }}

{{- define "pasar.fullname" -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end }}

{{- define "pasar.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "pasar.fullname" .)) -}}
{{- end }}

{{- define "pasar.configurationName" -}}
{{- include "pasar.fullname" . -}}
{{- end }}

{{- define "pasar.labels" -}}
app.kubernetes.io/name: pasar
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{/* The labels that select one app's pods. Args: (list $ appId) */}}
{{- define "pasar.selectorLabels" -}}
{{- $ := index . 0 -}}
app.kubernetes.io/name: pasar
app.kubernetes.io/instance: {{ $.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* A source file of components/ (the one source of the Dapr resources), parsed. Args: (list $ path) */}}
{{- define "pasar.daprSource" -}}
{{- $path := printf "components/%s" (index . 1) -}}
{{- $text := (index . 0).Files.Get $path -}}
{{- if not $text -}}{{- fail (printf "%s is missing from the chart (it links ../../../components)" $path) -}}{{- end -}}
{{- $text -}}
{{- end }}

{{/* The app ids that use a Dapr component, for its scopes. Args: component name */}}
{{- define "pasar.scopesOf" -}}
{{- $component := . -}}
{{- $scopes := list -}}
{{- range $appId, $app := include "pasar.apps" . | fromYaml -}}
{{- if has $component $app.components -}}{{- $scopes = append $scopes $appId -}}{{- end -}}
{{- end -}}
{{- toYaml (dict "scopes" $scopes) -}}
{{- end }}

{{/*
A component of components/ as a Kubernetes object: everything from the source file but the
connection, which the source takes from daprd's environment (envRef) and a cluster takes from
values and the Secret. Args: dict root, source (path under components/), connection (name: item).
*/}}
{{- define "pasar.daprComponent" -}}
{{- $ := .root -}}
{{- $source := include "pasar.daprSource" (list $ .source) | fromYaml -}}
{{- $connection := .connection -}}
apiVersion: {{ $source.apiVersion }}
kind: {{ $source.kind }}
metadata:
  name: {{ $source.metadata.name }}
  labels:
    {{- include "pasar.labels" $ | nindent 4 }}
spec:
  type: {{ $source.spec.type }}
  version: {{ $source.spec.version }}
  metadata:
    {{- $named := list }}
    {{- range $source.spec.metadata }}
    {{- $named = append $named .name }}
    {{- $item := . }}
    {{- if hasKey $connection .name }}{{ $item = merge (dict "name" .name) (get $connection .name) }}{{ end }}
    - {{ toYaml $item | nindent 6 | trim }}
    {{- end }}
    {{- range $name, $item := $connection }}
    {{- if not (has $name $named) }}
    - {{ toYaml (merge (dict "name" $name) $item) | nindent 6 | trim }}
    {{- end }}
    {{- end }}
auth:
  secretStore: kubernetes
scopes:
  {{- (include "pasar.scopesOf" $source.metadata.name | fromYaml).scopes | toYaml | nindent 2 }}
{{- end }}

{{/* A reference to a key of the Secret, as a Dapr component's metadata item. */}}
{{- define "pasar.componentSecret" -}}
{{- toYaml (dict "secretKeyRef" (dict "name" (include "pasar.secretName" .root) "key" .key)) -}}
{{- end }}

{{/* How a Redis component reaches the Redis of stores.redis. */}}
{{- define "pasar.redisConnection" -}}
{{- $redis := .Values.stores.redis -}}
redisHost: { value: {{ required "stores.redis.host: set the host:port of your Redis" $redis.host | quote }} }
redisDB: { value: {{ $redis.db | toString | quote }} }
redisPassword: {{ include "pasar.componentSecret" (dict "root" . "key" "redis-password") | fromYaml | toJson }}
{{- if $redis.tls }}
enableTLS: { value: "true" }
{{- end }}
{{- end }}

{{/*
The apps refuse these at start (services' src/config.ts, packages/contracts development-secrets.ts):
the chart says so before anything is deployed.
*/}}
{{- define "pasar.refuseWeakSecrets" -}}
{{- $secrets := .Values.secrets -}}
{{- if lt (len (toString $secrets.jwtSecret)) 32 -}}
{{- fail "secrets.jwtSecret: at least 32 characters (openssl rand -hex 32)" -}}
{{- end -}}
{{- if lt (len (toString $secrets.providerWebhookSecret)) 16 -}}
{{- fail "secrets.providerWebhookSecret: at least 16 characters" -}}
{{- end -}}
{{- range $name := list "appApiToken" "daprApiToken" -}}
{{- $token := toString (index $secrets $name) -}}
{{- if lt (len $token) 32 -}}
{{- fail (printf "secrets.%s: at least 32 characters (openssl rand -hex 32)" $name) -}}
{{- end -}}
{{- if has $token (list "pasar-development-app-api-token" "pasar-development-dapr-api-token") -}}
{{- fail (printf "secrets.%s is the development secret: set a secret of your own" $name) -}}
{{- end -}}
{{- end -}}
{{- if has (toString $secrets.jwtSecret) (list "pasar-development-secret-change-me-0123456789") -}}
{{- fail "secrets.jwtSecret is the development secret: set a secret of your own" -}}
{{- end -}}
{{- if has (toString $secrets.providerWebhookSecret) (list "pasar-development-webhook-secret") -}}
{{- fail "secrets.providerWebhookSecret is the development secret: set a secret of your own" -}}
{{- end -}}
{{- end }}

{{/* An app's image. Args: (list $ appId) */}}
{{- define "pasar.image" -}}
{{- $ := index . 0 -}}
{{- $name := printf "pasar-%s:%s" (index . 1) ($.Values.image.tag | default $.Chart.AppVersion) -}}
{{- if $.Values.image.registry }}{{ printf "%s/%s" (trimSuffix "/" $.Values.image.registry) $name }}{{ else }}{{ $name }}{{ end -}}
{{- end }}

{{/* The store settings an app reads that are not secret. Args: (list $ appId) */}}
{{- define "pasar.storeEnv" -}}
{{- $ := index . 0 -}}
{{- $stores := $.Values.stores -}}
{{- if eq (index . 1) "product" }}
MONGODB_DATABASE: {{ $stores.mongodb.database | quote }}
{{- else if eq (index . 1) "activity" }}
INFLUXDB_URL: {{ required "stores.influxdb.url: set the URL of your InfluxDB" $stores.influxdb.url | quote }}
INFLUXDB_ORG: {{ required "stores.influxdb.org: set the InfluxDB org (InfluxDB 1.8: -)" $stores.influxdb.org | quote }}
INFLUXDB_BUCKET: {{ required "stores.influxdb.bucket: set the InfluxDB bucket" $stores.influxdb.bucket | quote }}
{{- else if eq (index . 1) "email" }}
SMTP_HOST: {{ required "stores.smtp.host: set the host of your SMTP server" $stores.smtp.host | quote }}
SMTP_PORT: {{ $stores.smtp.port | toString | quote }}
SMTP_SECURE: {{ $stores.smtp.secure | toString | quote }}
MAIL_FROM: {{ $stores.smtp.from | quote }}
{{- end }}
{{- end }}

{{/* The product service runs one instance unless it is on real MongoDB. Args: (list $ appId values) */}}
{{- define "pasar.guardProductScaleOut" -}}
{{- $values := index . 2 -}}
{{- if and (eq (index . 1) "product") (not $values.realMongoDB) (or $values.autoscaling.enabled (gt (int $values.replicas) 1)) -}}
{{- fail "apps.product: more than one replica needs real MongoDB (FerretDB applies no single-document update atomically; services/product/README.md). Set apps.product.realMongoDB=true if stores point it at MongoDB, else keep replicas 1 and autoscaling off" -}}
{{- end -}}
{{- end }}

{{/* A label selector of the pods of some apps of this release. Args: (list $ appIds) */}}
{{- define "pasar.appsSelector" -}}
matchLabels:
  app.kubernetes.io/name: pasar
  app.kubernetes.io/instance: {{ (index . 0).Release.Name }}
matchExpressions:
  - { key: app.kubernetes.io/component, operator: In, values: {{ index . 1 | sortAlpha | toJson }} }
{{- end }}

{{/*
The apps that connect to a store: its own users, and for Redis and RabbitMQ the sidecars of the
apps whose components live there. Args: (list $ store)
*/}}
{{- define "pasar.storeUsers" -}}
{{- $ := index . 0 -}}
{{- $store := index . 1 -}}
{{- $broker := $.Values.pubsub.broker -}}
{{- $users := list -}}
{{- range $appId, $app := include "pasar.apps" $ | fromYaml -}}
{{- $viaPubsub := and (has "pubsub" $app.components) (eq $store $broker) -}}
{{- $viaState := and (has "statestore" $app.components) (eq $store "redis") -}}
{{- if or (has $store $app.stores) $viaPubsub $viaState -}}{{- $users = append $users $appId -}}{{- end -}}
{{- end -}}
{{- toYaml (dict "apps" $users) -}}
{{- end }}
