{{/*
Labels every object carries (STYLE.md "Kubernetes"): name, part-of=gatehouse, component, version, and the release
(instance), so two releases in one namespace never select each other's pods.
Call with (dict "root" $ "name" "token-service" "component" "token").
*/}}
{{- define "gatehouse.labels" -}}
{{ include "gatehouse.selectorLabels" . }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/version: {{ include "gatehouse.version" . | quote }}
{{- end }}

{{/* The immutable subset used by selectors: a Deployment's selector cannot change after creation. */}}
{{- define "gatehouse.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/part-of: gatehouse
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{/*
What every object name starts with: fullnameOverride, else <release>-<nameOverride> when nameOverride is set, else
nothing, so by default each object is named after its service (token-service) as the module, image and local run
are. Set one to install a second release in the same namespace.
*/}}
{{- define "gatehouse.prefix" -}}
{{- $prefix := "" -}}
{{- if .Values.fullnameOverride -}}
{{- $prefix = .Values.fullnameOverride -}}
{{- else if .Values.nameOverride -}}
{{- $prefix = ternary .Release.Name (printf "%s-%s" .Release.Name .Values.nameOverride) (contains .Values.nameOverride .Release.Name) -}}
{{- end -}}
{{ $prefix | trunc 40 | trimSuffix "-" }}
{{- end }}

{{/* The object name of a service (its Deployment, Service, ConfigMap...). Call with (dict "root" $ "name" "token-service"). */}}
{{- define "gatehouse.name" -}}
{{- $prefix := include "gatehouse.prefix" .root -}}
{{ ternary (printf "%s-%s" $prefix .name) .name (ne $prefix "") }}
{{- end }}

{{/* The name of the platform-wide objects (Ingress, HTTPRoute, default-deny policy, ...): the prefix, or gatehouse. */}}
{{- define "gatehouse.platformName" -}}
{{ include "gatehouse.prefix" . | default "gatehouse" }}
{{- end }}

{{/* A service's Secret: services.<name>.secretName, else the service's object name. Call with (dict "root" $ "name" ...). */}}
{{- define "gatehouse.secretName" -}}
{{ (index .root.Values.services .name).secretName | default (include "gatehouse.name" .) }}
{{- end }}

{{/* The Secret with key trusted-keys. */}}
{{- define "gatehouse.trustedKeysSecret" -}}
{{ .Values.secrets.trustedKeysSecret | default (printf "%s-service-auth" (include "gatehouse.platformName" .)) }}
{{- end }}

{{/* The evaluation PostgreSQL's Secret (key postgres-password). */}}
{{- define "gatehouse.postgresqlSecret" -}}
{{ .Values.postgresql.secretName | default (include "gatehouse.postgresqlName" .) }}
{{- end }}

{{/*
The version a service runs (its image tag): services.<name>.image.tag, else image.tag, else the chart's appVersion.
Call with (dict "root" $ "name" "token-service"); other names (the platform objects) get the release-wide version.
*/}}
{{- define "gatehouse.version" -}}
{{- $svc := index .root.Values.services .name | default dict -}}
{{ ($svc.image | default dict).tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- end }}

{{/*
A service's image: services.<name>.image.repository (else <image.repository>/<service>), pinned to
services.<name>.image.digest when given (the tag is then only the version label), else at its version's tag.
*/}}
{{- define "gatehouse.image" -}}
{{- $image := (index .root.Values.services .name).image | default dict -}}
{{- $repository := $image.repository | default (printf "%s/%s" .root.Values.image.repository .name) -}}
{{- if $image.digest -}}
{{ printf "%s@%s" $repository $image.digest }}
{{- else -}}
{{ printf "%s:%s" $repository (include "gatehouse.version" .) }}
{{- end -}}
{{- end }}

{{/* A service's workload settings: the shared `workload` values overridden by services.<name>.workload. */}}
{{- define "gatehouse.workload" -}}
{{- $svc := index .root.Values.services .name -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.workload) (deepCopy ($svc.workload | default dict))) -}}
{{- end }}

{{/* In-cluster base URL of a sibling: the Service DNS name, resolvable from the release namespace. */}}
{{- define "gatehouse.serviceUrl" -}}
{{- $svc := index .root.Values.services .name | required (printf "unknown service %q" .name) -}}
{{ printf "http://%s:%v" (include "gatehouse.name" .) $svc.port }}
{{- end }}

{{- define "gatehouse.postgresqlName" -}}
{{ include "gatehouse.platformName" . }}-postgresql
{{- end }}

{{- define "gatehouse.jdbcUrl" -}}
{{- if .Values.postgresql.enabled -}}
{{- /* The evaluation PostgreSQL serves no TLS and is reached only inside the namespace. */ -}}
{{ printf "jdbc:postgresql://%s:5432/%s?sslmode=disable" (include "gatehouse.postgresqlName" .) .Values.postgresql.database }}
{{- else -}}
{{- $params := list -}}
{{- with .Values.database.parameters }}{{ $params = append $params . }}{{ end -}}
{{- if and .Values.database.pgbouncer.enabled (not .migration) -}}
{{- $params = append $params "prepareThreshold=0" -}}
{{- end -}}
{{- if include "gatehouse.databaseCa" . -}}
{{- $params = append $params "sslrootcert=/etc/gatehouse/database-ca/ca.crt" -}}
{{- else if and (contains "sslmode=verify" .Values.database.parameters) (not (contains "sslrootcert=" .Values.database.parameters)) (not (contains "sslfactory=" .Values.database.parameters)) -}}
{{- $params = append $params "sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory" -}}
{{- end -}}
{{- $host := ternary .Values.database.pgbouncer.migrationHost .Values.database.host (not (not .migration)) -}}
{{- $port := ternary .Values.database.pgbouncer.migrationPort .Values.database.port (not (not .migration)) -}}
{{ printf "jdbc:postgresql://%s:%v/%s" $host $port .Values.database.name }}
{{- with $params }}?{{ join "&" . }}{{ end }}
{{- end -}}
{{- end }}

{{/* The ConfigMap holding the external database's CA (key ca.crt), or nothing. */}}
{{- define "gatehouse.databaseCa" -}}
{{- if not .Values.postgresql.enabled -}}
{{- if .Values.database.caConfigMap -}}
{{ .Values.database.caConfigMap }}
{{- else if .Values.database.caCert -}}
{{ include "gatehouse.platformName" . }}-database-ca
{{- end -}}
{{- end -}}
{{- end }}

{{/*
The value of a chart-made Secret key: the one given in values, else the one already in the cluster (so
upgrades keep generated values), else `generated`. lookup is only reached when no value is given; it
answers nothing under `helm template`. Call with (dict "root" $ "secret" name "key" key "given" value
"generated" value).
*/}}
{{- define "gatehouse.secretValue" -}}
{{- if .given -}}
{{ .given | b64enc }}
{{- else -}}
{{- $existing := (lookup "v1" "Secret" .root.Release.Namespace .secret) | default dict -}}
{{- $data := $existing.data | default dict -}}
{{- if hasKey $data .key -}}
{{ index $data .key }}
{{- else -}}
{{ .generated | b64enc }}
{{- end -}}
{{- end -}}
{{- end }}

{{/*
The non-secret environment of a service (its ConfigMap's data): the launcher contract's port, public URL,
JDBC URL and sibling URLs, the proxy settings, the rate limits and the JVM's heap ratio. Call with (dict "root" $ "name" "token-service").
*/}}
{{- define "gatehouse.configData" -}}
{{- $ := .root -}}
{{- $svc := index $.Values.services .name -}}
{{- $w := include "gatehouse.workload" (dict "root" $ "name" .name) | fromYaml -}}
QUARKUS_HTTP_PORT: {{ $svc.port | quote }}
QUARKUS_MANAGEMENT_PORT: {{ $svc.managementPort | quote }}
GATEHOUSE_PUBLIC_URL: {{ $.Values.publicUrl | quote }}
QUARKUS_DATASOURCE_JDBC_URL: {{ include "gatehouse.jdbcUrl" $ | quote }}
{{- if and $.Values.database.pgbouncer.enabled (not $.Values.postgresql.enabled) }}
{{- if not $.Values.database.pgbouncer.migrationHost }}
{{- fail "database.pgbouncer.migrationHost: Flyway needs a session-mode connection (PostgreSQL itself or a session-mode pool)" }}
{{- end }}
# Flyway migrates through a session-mode connection; the services' queries go through the pooler above.
QUARKUS_FLYWAY_JDBC_URL: {{ include "gatehouse.jdbcUrl" (merge (dict "migration" true) $) | quote }}
{{- end }}
{{- range $client, $target := $svc.restClients }}
QUARKUS_REST_CLIENT_{{ $client | upper | replace "-" "_" }}_URL: {{ include "gatehouse.serviceUrl" (dict "root" $ "name" $target) | quote }}
{{- end }}
{{- if $svc.oidcClient }}
QUARKUS_OIDC_AUTH_SERVER_URL: {{ include "gatehouse.serviceUrl" (dict "root" $ "name" "token-service") | quote }}
{{- end }}
# Requests arrive through the ingress: take scheme, host and client address from its X-Forwarded-* headers.
QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING: "true"
QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED: "true"
QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST: "true"
{{- if $.Values.proxy.trustedProxies }}
QUARKUS_HTTP_PROXY_TRUSTED_PROXIES: {{ $.Values.proxy.trustedProxies | quote }}
{{- else if $.Values.networkPolicy.enabled }}
# Empty: the peer itself is the one trusted proxy, and the NetworkPolicy admits only the ingress controller (and
# the siblings) to this port; the right-most X-Forwarded-For entry, the address the ingress saw, is the client.
QUARKUS_HTTP_PROXY_TRUSTED_PROXIES: ""
{{- else }}
{{- fail "proxy.trustedProxies: with networkPolicy.enabled=false any pod could name the client; set the ingress controller's pod CIDR (k8s/README.md \"Trusted proxies\")" }}
{{- end }}
{{- range $route, $limit := (index ($.Values.rateLimits | default dict) .name) }}
{{- $key := printf "GATEHOUSE_RATE_LIMIT_ROUTES_%s" ($route | upper | replace "-" "_") }}
{{ $key }}_CAPACITY: {{ $limit.capacity | int64 | toString | quote }}
{{ $key }}_PERIOD: {{ $limit.period | quote }}
{{- end }}
{{- if eq .name "authorization-service" }}
AUTHORIZATION_REQUIRE_PKCE: {{ $.Values.security.requirePkce | toString | quote }}
{{- with $.Values.security.trustedClients }}
AUTHORIZATION_TRUSTED_CLIENTS: {{ join "," . | quote }}
{{- end }}
{{- end }}
{{- if eq .name "registration-service" }}
REGISTRATION_OPEN_APP_REGISTRATION: {{ $.Values.security.openAppRegistration | toString | quote }}
{{- end }}
{{- with $w.gracefulShutdown.shutdownTimeoutSeconds }}
# After SIGTERM, in-flight requests get this long to finish (new ones are answered 503).
QUARKUS_SHUTDOWN_TIMEOUT: {{ printf "%vs" . | quote }}
{{- end }}
QUARKUS_LOG_LEVEL: {{ $.Values.logging.level | quote }}
{{- range $category, $level := $.Values.logging.categories }}
QUARKUS_LOG_CATEGORY__{{ $category | upper | replace "." "_" | replace "-" "_" }}__LEVEL: {{ $level | quote }}
{{- end }}
QUARKUS_LOG_CONSOLE_JSON_ENABLED: {{ $.Values.logging.json | toString | quote }}
QUARKUS_HTTP_ACCESS_LOG_ENABLED: {{ $.Values.logging.accessLog.enabled | toString | quote }}
{{- if $.Values.logging.accessLog.enabled }}
QUARKUS_HTTP_ACCESS_LOG_PATTERN: {{ $.Values.logging.accessLog.pattern | quote }}
{{- end }}
{{- with $.Values.tracing.otlpEndpoint }}
QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: {{ . | quote }}
QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: {{ $.Values.tracing.otlpProtocol | quote }}
{{- end }}
QUARKUS_OTEL_TRACES_SAMPLER_ARG: {{ $.Values.tracing.samplerRatio | toString | quote }}
# Read by the image's run-java.sh, not by the service: the heap as a percent of the memory limit.
JAVA_MAX_MEM_RATIO: {{ $w.javaMaxMemRatio | quote }}
{{- range $key, $value := $w.env }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/*
The container's variables from Secrets (credentials and keys), as a YAML list. extraEnv may not name these: the
Secret is the one place they come from. Call with (dict "root" $ "name" "token-service").
*/}}
{{- define "gatehouse.secretEnv" -}}
{{- $ := .root -}}
{{- $name := .name -}}
{{- $secret := include "gatehouse.secretName" . -}}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: db-username
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: db-password
{{- if and $.Values.database.pgbouncer.enabled (not $.Values.postgresql.enabled) }}
# Flyway's own connection (QUARKUS_FLYWAY_JDBC_URL) needs the credentials spelled out.
- name: QUARKUS_FLYWAY_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: db-username
- name: QUARKUS_FLYWAY_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: db-password
{{- end }}
- name: GATEHOUSE_SERVICE_AUTH_PRIVATE_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: service-auth-private-key
- name: GATEHOUSE_SERVICE_AUTH_TRUSTED_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ include "gatehouse.trustedKeysSecret" $ }}
      key: trusted-keys
{{- if eq $name "token-service" }}
- name: TOKEN_KEY_ENCRYPTION_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: token-key-encryption-key
{{- end }}
{{- if eq $name "registration-service" }}
{{- with $.Values.admin.bootstrapClientSecret }}
# The operator's bootstrap admin client, created at start when absent (never overwritten).
- name: GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_ID
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: client-id
- name: GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: client-secret
{{- end }}
# AES-256-GCM key sealing client_secret_jwt secrets at rest (token-service needs them in clear).
- name: REGISTRATION_CLIENT_JWT_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: client-jwt-secret-key
{{- if $.Values.security.requireInitialAccessToken }}
# RFC 7591 §3 initial access token: POST /oauth/register is closed to anyone without it.
- name: REGISTRATION_DYNAMIC_INITIAL_ACCESS_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: initial-access-token
{{- end }}
{{- end }}
{{- end }}

{{/*
The public route table (routes.yaml, shared with the local edge) as a YAML list of {prefix, service}, checked:
every prefix absolute and outside /internal, every service one of the four. The Ingress and the HTTPRoute both
route exactly these, the /admin prefixes only while admin.publicRoutes is true.
*/}}
{{- define "gatehouse.routes" -}}
{{- $routes := (.Files.Get "routes.yaml" | fromYaml).routes | required "routes.yaml has no routes" -}}
{{- range $routes }}
{{- if or (hasPrefix "/internal" .prefix) (not (hasPrefix "/" .prefix)) }}
{{- fail (printf "routes.yaml: %q cannot be routed publicly" .prefix) }}
{{- end }}
{{- $_ := index $.Values.services .service | required (printf "routes.yaml: unknown service %q" .service) }}
{{- end }}
{{- $public := list }}
{{- range $routes }}
{{- if or $.Values.admin.publicRoutes (not (or (eq .prefix "/admin") (hasPrefix "/admin/" .prefix))) }}
{{- $public = append $public . }}
{{- end }}
{{- end }}
{{- toYaml $public }}
{{- end }}

{{/* Selects the pods of the four services (for NetworkPolicy peers). */}}
{{- define "gatehouse.siblingSelector" -}}
matchLabels:
  app.kubernetes.io/part-of: gatehouse
  app.kubernetes.io/instance: {{ .Release.Name }}
matchExpressions:
  - key: app.kubernetes.io/name
    operator: In
    values:
      {{- range $name, $_ := .Values.services }}
      - {{ $name }}
      {{- end }}
{{- end }}

{{/*
A label selector from values, to follow "key:" on the same line: an empty one renders inline as {} (all pods
or all namespaces). Call with (dict "selector" $sel "indent" 12).
*/}}
{{- define "gatehouse.selector" -}}
{{- if .selector -}}
{{ toYaml .selector | nindent .indent }}
{{- else -}}
{{ " {}" }}
{{- end -}}
{{- end }}

{{/*
The label matchers that pick this release's series in alert expressions: metrics.prometheusRule.selector, else the
release's namespace and the jobs of its services (a ServiceMonitor names the job after the Service it scrapes), so
two releases, in one namespace or two, never alert on each other's replicas.
*/}}
{{- define "gatehouse.alertSelector" -}}
{{- if .Values.metrics.prometheusRule.selector -}}
{{ .Values.metrics.prometheusRule.selector }}
{{- else -}}
{{- $jobs := list -}}
{{- range $name, $svc := .Values.services -}}
{{- $jobs = append $jobs (include "gatehouse.name" (dict "root" $ "name" $name)) -}}
{{- end -}}
{{ with .Release.Namespace }}namespace="{{ . }}", {{ end }}job=~"{{ join "|" $jobs }}"
{{- end -}}
{{- end }}
