#!/usr/bin/env bash
# Where a JFR recording's CPU samples go (bench/run.sh with BENCH_JFR=1 writes them):
#
#   bench/jfr-top.sh bench/results/<run>/C-bearer.jfr [frames]
#
# prints the top frames by own samples (the method that was on the CPU), then the share of samples
# that have each of Tollgate's frames anywhere on their stack (its cost including callees).
set -euo pipefail
file=$1
top=${2:-25}
jfr print --events jdk.ExecutionSample --stack-depth 256 "$file" | awk -v top="$top" '
  /stackTrace = \[/ {in_stack = 1; first = 1; delete seen; samples++; next}
  in_stack && /^[[:space:]]*\]/ {in_stack = 0; next}
  in_stack {
    frame = $0
    sub(/^[[:space:]]+/, "", frame)
    sub(/[[:space:]]+line:.*$/, "", frame)
    if (frame == "..." || frame == "") next
    if (first) {self[frame]++; first = 0}
    if (frame ~ /^io\.tollgate\./ && !(frame in seen)) {seen[frame] = 1; inclusive[frame]++}
  }
  END {
    printf "%d samples\n\nown samples (top %d):\n", samples, top
    n = 0
    for (f in self) rows[++n] = sprintf("%08d %s", self[f], f)
    sort_desc(rows, n)
    for (i = 1; i <= n && i <= top; i++) {split(rows[i], p, " "); printf "%6.2f%%  %s\n", 100 * p[1] / samples, substr(rows[i], 10)}
    printf "\nTollgate frames, samples with the frame on the stack:\n"
    m = 0
    for (f in inclusive) trows[++m] = sprintf("%08d %s", inclusive[f], f)
    sort_desc(trows, m)
    for (i = 1; i <= m; i++) {split(trows[i], p, " "); printf "%6.2f%%  %s\n", 100 * p[1] / samples, substr(trows[i], 10)}
  }
  function sort_desc(a, n,    i, j, t) {
    for (i = 2; i <= n; i++) {t = a[i]; for (j = i - 1; j >= 1 && a[j] < t; j--) a[j + 1] = a[j]; a[j + 1] = t}
  }'
