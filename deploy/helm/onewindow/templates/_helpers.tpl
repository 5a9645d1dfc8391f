{{- define "onewindow.labels" -}}
app.kubernetes.io/name: onewindow
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "onewindow.selector" -}}
app.kubernetes.io/name: onewindow
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* A service's settings: its own values over the chart defaults. */}}
{{- define "onewindow.settings" -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) (default (dict) .svc)) -}}
{{- end -}}
