{{/*
The pod template of a Tollgate Deployment. Parameters: root (the chart context), role ("gateway"
or "issuer"), config (the name of its ConfigMap), resources.
*/}}
{{- define "tollgate.podTemplate" -}}
{{- $root := .root }}
{{- $values := $root.Values }}
{{- $secrets := include "tollgate.holdsSecrets" . -}}
metadata:
  labels:
    {{- include "tollgate.componentSelector" (dict "root" $root "component" .role) | nindent 4 }}
    {{- with $values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    {{- /* No checksum of the Secret: the pods reload jwks.json and credentials.yml when the kubelet
           swaps the volume's files (mounted without subPath, which would never be updated), so a
           change of either must not roll the pods. The Redis password is read at start only. */}}
    checksum/config: {{ include "tollgate.applicationYml" . | sha256sum }}
    {{- if and $secrets (include "tollgate.hasPages" $root) }}
    checksum/pages: {{ include (print $root.Template.BasePath "/configmap-pages.yaml") $root | sha256sum }}
    {{- end }}
    {{- if eq $values.store.type "redis" }}
    checksum/redis: {{ include (print $root.Template.BasePath "/secret-redis.yaml") $root | sha256sum }}
    {{- end }}
    {{- with $values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  {{- with $values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  automountServiceAccountToken: false
  securityContext:
    {{- toYaml $values.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: {{ $values.shutdown.terminationGracePeriodSeconds }}
  containers:
    - name: tollgate
      image: "{{ $values.image.repository }}:{{ $values.image.tag | default $root.Chart.AppVersion }}"
      imagePullPolicy: {{ $values.image.pullPolicy }}
      securityContext:
        {{- toYaml $values.securityContext | nindent 8 }}
      ports:
        - name: http
          containerPort: 8080
          protocol: TCP
        - name: management
          containerPort: 8081
          protocol: TCP
      env:
        - name: JAVA_TOOL_OPTIONS
          value: {{ $values.javaToolOptions | quote }}
        {{- if and (eq $values.store.type "redis") (include "tollgate.hasRedisPassword" $root) }}
        - name: SPRING_DATA_REDIS_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ include "tollgate.redisSecretName" $root }}
              key: {{ $values.redis.passwordKey }}
        {{- end }}
        {{- if and (eq $values.store.type "redis") (include "tollgate.hasSentinelPassword" $root) }}
        - name: SPRING_DATA_REDIS_SENTINEL_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ include "tollgate.redisSecretName" $root }}
              key: {{ $values.redis.sentinel.passwordKey }}
              {{- if $values.redis.existingSecret }}
              optional: true
              {{- end }}
        {{- end }}
      startupProbe:
        httpGet:
          path: /actuator/health/liveness
          port: management
        periodSeconds: {{ $values.probes.startup.periodSeconds }}
        failureThreshold: {{ $values.probes.startup.failureThreshold }}
      livenessProbe:
        httpGet:
          path: /actuator/health/liveness
          port: management
        periodSeconds: {{ $values.probes.liveness.periodSeconds }}
        timeoutSeconds: {{ $values.probes.liveness.timeoutSeconds }}
        failureThreshold: {{ $values.probes.liveness.failureThreshold }}
      readinessProbe:
        httpGet:
          path: /actuator/health/readiness
          port: management
        periodSeconds: {{ $values.probes.readiness.periodSeconds }}
        timeoutSeconds: {{ $values.probes.readiness.timeoutSeconds }}
        failureThreshold: {{ $values.probes.readiness.failureThreshold }}
      lifecycle:
        preStop:
          exec:
            command: ["sleep", "{{ $values.shutdown.preStopSleepSeconds }}"]
      resources:
        {{- toYaml .resources | nindent 8 }}
      volumeMounts:
        - name: config
          mountPath: /app/config
          readOnly: true
        - name: tmp
          mountPath: /tmp
        {{- if $secrets }}
        {{- if include "tollgate.hasKeys" $root }}
        - name: keys
          mountPath: /etc/tollgate/keys
          readOnly: true
        {{- end }}
        - name: credentials
          mountPath: /etc/tollgate/credentials
          readOnly: true
        {{- if include "tollgate.hasPages" $root }}
        {{- if $values.pages.templates }}
        - name: pages
          mountPath: /etc/tollgate/pages/templates/oauth
          subPath: templates
          readOnly: true
        {{- end }}
        {{- if $values.pages.stylesheet }}
        - name: pages
          mountPath: /etc/tollgate/pages/static
          subPath: static
          readOnly: true
        {{- end }}
        {{- end }}
        {{- end }}
  volumes:
    - name: config
      configMap:
        name: {{ .config }}
    - name: tmp
      emptyDir:
        sizeLimit: {{ $values.tmpSizeLimit }}
    {{- if $secrets }}
    {{- if include "tollgate.hasKeys" $root }}
    - name: keys
      secret:
        secretName: {{ include "tollgate.secretName" $root }}
        defaultMode: 0440
        items:
          - key: jwks.json
            path: jwks.json
    {{- end }}
    - name: credentials
      secret:
        secretName: {{ include "tollgate.secretName" $root }}
        defaultMode: 0440
        items:
          - key: credentials.yml
            path: credentials.yml
    {{- if include "tollgate.hasPages" $root }}
    - name: pages
      configMap:
        name: {{ include "tollgate.fullname" $root }}-pages
        items:
          {{- range $name, $_ := $values.pages.templates }}
          - key: {{ $name }}
            path: templates/{{ $name }}
          {{- end }}
          {{- if $values.pages.stylesheet }}
          - key: tollgate.css
            path: static/tollgate.css
          {{- end }}
    {{- end }}
    {{- end }}
  {{- with $values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
