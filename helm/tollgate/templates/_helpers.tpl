{{/*
Names and labels.
*/}}
{{- define "tollgate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tollgate.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "tollgate.issuerName" -}}
{{- printf "%s-issuer" (include "tollgate.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tollgate.secretName" -}}
{{- default (printf "%s-secrets" (include "tollgate.fullname" .)) .Values.secrets.existingSecret }}
{{- end }}

{{- define "tollgate.redisSecretName" -}}
{{- default (printf "%s-redis" (include "tollgate.fullname" .)) .Values.redis.existingSecret }}
{{- end }}

{{- define "tollgate.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "tollgate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "tollgate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tollgate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Pods of one component: "gateway" (the only Deployment in embedded mode) or "issuer".
*/}}
{{- define "tollgate.componentSelector" -}}
{{ include "tollgate.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "tollgate.split" -}}
{{- if eq .Values.issuer.mode "split" }}true{{ end }}
{{- end }}

{{/*
Rendering fails on a combination that would deploy but not work.
*/}}
{{- define "tollgate.checks" -}}
{{- $split := include "tollgate.split" . }}
{{- $gatewayPods := ternary 2 (int .Values.gateway.replicaCount) .Values.autoscaling.enabled }}
{{- if and (ne .Values.store.type "redis") (or $split (gt $gatewayPods 1)) }}
{{- fail "store.type=memory keeps revocations, codes and lockouts inside one pod: split mode, gateway.replicaCount > 1 and autoscaling need store.type=redis" }}
{{- end }}
{{- $standalone := eq .Values.redis.mode "standalone" }}
{{- if and (eq .Values.store.type "redis") $standalone (not .Values.redis.url) }}
{{- fail "store.type=redis needs redis.url (redis://host:6379), or redis.mode sentinel or cluster" }}
{{- end }}
{{- if eq .Values.store.type "redis" }}
{{- $springRedis := dig "spring" "data" "redis" dict .Values.config }}
{{- if or (dig "sentinel" "master" "" $springRedis) (dig "sentinel" "nodes" "" $springRedis) (dig "cluster" "nodes" "" $springRedis) }}
{{- fail "config.spring.data.redis.sentinel / .cluster would change the topology behind redis.mode: name it with redis.mode, redis.sentinel.* or redis.cluster.nodes" }}
{{- end }}
{{- end }}
{{- if and (eq .Values.store.type "redis") $standalone }}
{{- $url := urlParse .Values.redis.url }}
{{- if $url.userinfo }}
{{- fail "redis.url must not carry a user or password (it would be written into the ConfigMap, and it would outrank redis.password): set redis.password or redis.existingSecret" }}
{{- end }}
{{- if not (regexMatch "^(/[0-9]*)?$" $url.path) }}
{{- fail "redis.url's path can only name the database, as in redis://host:6379/0" }}
{{- end }}
{{- end }}
{{- if and (eq .Values.store.type "redis") (dig "spring" "data" "redis" "url" "" .Values.config) }}
{{- fail "config.spring.data.redis.url would outrank the host, port and password the chart sets from redis.*: name Redis in redis.url, redis.sentinel.* or redis.cluster.nodes" }}
{{- end }}
{{- $signers := ternary (int .Values.issuer.replicaCount) $gatewayPods (not (empty $split)) }}
{{- if and (gt $signers 1) (not .Values.secrets.existingSecret) (not .Values.secrets.jwks) }}
{{- fail "more than one pod signs tokens: give them the same keys through secrets.jwks or secrets.existingSecret, or each pod would sign with a key of its own" }}
{{- end }}
{{- if not .Values.decisionService.enabled }}
{{- range .Values.routes }}
{{- if not .uri }}
{{- fail (printf "route %s has no uri: only decisionService.enabled, where the routes proxy nothing, leaves it out" .id) }}
{{- end }}
{{- end }}
{{- end }}
{{- if le (int .Values.shutdown.terminationGracePeriodSeconds) (add .Values.shutdown.preStopSleepSeconds .Values.shutdown.drainSeconds) }}
{{- fail "shutdown.terminationGracePeriodSeconds must exceed shutdown.preStopSleepSeconds + shutdown.drainSeconds, or the kubelet kills requests still draining" }}
{{- end }}
{{- end }}

{{/*
Whether a pod of this role signs tokens and reads credentials: every pod in embedded mode, only
the issuer in split mode.
*/}}
{{- define "tollgate.holdsSecrets" -}}
{{- if or (eq .role "issuer") (not (include "tollgate.split" .root)) }}true{{ end }}
{{- end }}

{{- define "tollgate.hasKeys" -}}
{{- if or .Values.secrets.existingSecret .Values.secrets.jwks }}true{{ end }}
{{- end }}

{{- define "tollgate.hasRedisPassword" -}}
{{- if or .Values.redis.existingSecret .Values.redis.password }}true{{ end }}
{{- end }}

{{/*
Whether the pods are given the Sentinels' password: from the chart's Secret when
redis.sentinel.password is set, or from redis.existingSecret (where the key is optional).
*/}}
{{- define "tollgate.hasSentinelPassword" -}}
{{- if and (eq .Values.redis.mode "sentinel") (or .Values.redis.existingSecret .Values.redis.sentinel.password) }}true{{ end }}
{{- end }}

{{/*
spring.data.redis for redis.mode. Standalone: host and port, not url: Spring Boot takes the
password only from a url when one is set, so the password of SPRING_DATA_REDIS_PASSWORD would be
ignored. Sentinel: the primary's name and the Sentinels, Spring Boot asks them for the primary.
Cluster: the nodes to learn the topology from; a cluster has database 0 only.
*/}}
{{- define "tollgate.springDataRedis" -}}
{{- $redis := .Values.redis }}
{{- if eq $redis.mode "sentinel" }}
{{- $sentinel := dict "master" $redis.sentinel.masterName "nodes" $redis.sentinel.nodes }}
{{- toYaml (dict "sentinel" $sentinel "database" (int $redis.sentinel.database) "ssl" (dict "enabled" $redis.sentinel.tls)) }}
{{- else if eq $redis.mode "cluster" }}
{{- toYaml (dict "cluster" (dict "nodes" $redis.cluster.nodes) "ssl" (dict "enabled" $redis.cluster.tls)) }}
{{- else }}
{{- $url := urlParse $redis.url }}
{{- $port := regexFind "[0-9]+$" (regexFind ":[0-9]+$" $url.host) | default "6379" }}
{{- $standalone := dict "host" $url.hostname "port" (int $port) "database" (int (trimPrefix "/" $url.path | default "0")) }}
{{- toYaml (merge $standalone (dict "ssl" (dict "enabled" (eq $url.scheme "rediss")))) }}
{{- end }}
{{- end }}

{{/*
The downstream routes as values give them, or, with decisionService.enabled, as policies only:
each keeps its id, predicates, order and metadata, and proxies nothing (no://op, answered 404), so
that /auth/check judges by them and no request is carried past Tollgate.
*/}}
{{- define "tollgate.downstreamRoutes" -}}
{{- $routes := list }}
{{- range .Values.routes }}
{{- if $.Values.decisionService.enabled }}
{{- $routes = append $routes (merge (dict "uri" "no://op" "filters" (list "SetStatus=404")) (omit . "uri" "filters")) }}
{{- else }}
{{- $routes = append $routes . }}
{{- end }}
{{- end }}
{{- toYaml $routes }}
{{- end }}

{{/*
Whether the values carry an operator theme for the pages (pages.templates, pages.stylesheet):
then the issuer's pods mount it from the "-pages" ConfigMap.
*/}}
{{- define "tollgate.hasPages" -}}
{{- if or .Values.pages.templates .Values.pages.stylesheet }}true{{ end }}
{{- end }}

{{/*
application.yml of one role: "gateway" (embedded mode: the whole application) or "issuer" (split
mode). The settings derived from values win over .Values.config.
*/}}
{{- define "tollgate.applicationYml" -}}
{{- $root := .root }}
{{- $values := $root.Values }}
{{- $split := include "tollgate.split" $root }}
{{- $routes := $root.Files.Get "files/issuer-routes.yaml" | fromYamlArray }}
{{- if eq .role "gateway" }}
{{- $routes = concat $routes (include "tollgate.downstreamRoutes" $root | fromYamlArray) }}
{{- end }}
{{- $issuer := dict "issuer-uri" $values.issuer.uri "route-uri" "forward://" }}
{{- $tollgate := dict "issuer" $issuer "demo" (dict "enabled" false) }}
{{- $_ := set $tollgate "store" (dict "type" $values.store.type "on-failure" $values.store.onFailure) }}
{{- if $values.network.trustedProxies }}
{{- $_ := set $tollgate "network" (dict "trusted-proxies" $values.network.trustedProxies) }}
{{- end }}
{{- if $values.admin.tokens }}
{{- $_ := set $tollgate "admin" (dict "tokens" $values.admin.tokens) }}
{{- end }}
{{- if include "tollgate.holdsSecrets" . }}
{{- if include "tollgate.hasKeys" $root }}
{{- $keys := dict "location" "file:/etc/tollgate/keys/jwks.json" }}
{{- if $values.issuer.activeKid }}
{{- $_ := set $keys "active-kid" $values.issuer.activeKid }}
{{- end }}
{{- $_ := set $issuer "keys" $keys }}
{{- end }}
{{- $_ := set $tollgate "credentials" (dict "location" "file:/etc/tollgate/credentials/credentials.yml") }}
{{- if include "tollgate.hasPages" $root }}
{{- $_ := set $tollgate "pages" (dict "templates-dir" "/etc/tollgate/pages/templates" "static-dir" "/etc/tollgate/pages/static") }}
{{- end }}
{{- else }}
{{- $issuerService := printf "http://%s:8080" (include "tollgate.issuerName" $root) }}
{{- $_ := set $issuer "enabled" false }}
{{- $_ := set $issuer "route-uri" $issuerService }}
{{- $_ := set $tollgate "validation" (dict "jwks" (dict "uri" (printf "%s/.well-known/jwks.json" $issuerService))) }}
{{- end }}
{{- $gateway := dict "server" (dict "webflux" (dict "routes" $routes)) }}
{{- $spring := dict "cloud" (dict "gateway" $gateway) }}
{{- $_ := set $spring "lifecycle" (dict "timeout-per-shutdown-phase" (printf "%ds" (int $values.shutdown.drainSeconds))) }}
{{- if eq $values.store.type "redis" }}
{{- $_ := set $spring "data" (dict "redis" (include "tollgate.springDataRedis" $root | fromYaml)) }}
{{- end }}
{{- $derived := dict "spring" $spring "tollgate" $tollgate "server" (dict "shutdown" "graceful") }}
{{- if ne $values.logging.format "plain" }}
{{- $_ := set $derived "logging" (dict "structured" (dict "format" (dict "console" $values.logging.format))) }}
{{- end }}
{{- toYaml (mustMergeOverwrite (deepCopy $values.config) $derived) }}
{{- end }}
