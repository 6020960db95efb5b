#!/usr/bin/env bash
# Where a JFR recording's CPU samples go (bench/run.sh with BENCH_JFR=1 writes them):
#
#   bench/jfr-top.sh bench/results/<run>/C-bearer.jfr [frames]
#
# prints the top frames by own samples (the method that was on the CPU), then the share of samples
# that have each of Tollgate's frames anywhere on their stack (its cost including callees), then
# every sample given to one part of the stack (below), then what the JVM spent outside the samples.
#
# The parts: each sample goes to the part of the frame nearest its top (the code that was running)
# that belongs to one, so a HashMap.put called by Spring Cloud Gateway's header filter counts as
# the gateway's: the guard (io.tollgate), the proxy client (Reactor Netty's HTTP client and the
# gateway's Netty routing and response-writing filters), Spring Cloud Gateway's filter chain and
# routing (the rest of org.springframework.cloud.gateway), Spring WebFlux and Spring's HTTP types,
# Reactor Netty's HTTP server, Reactor Core (operators, schedulers), Netty (the event loop, socket
# I/O and the HTTP codec of both the server and the client side), and the rest (JDK, Micrometer,
# logging).
set -euo pipefail
file=$1
top=${2:-25}
jfr print --events jdk.ExecutionSample --stack-depth 256 "$file" | awk -v top="$top" '
  BEGIN {
    nparts = split("guard|proxy client|gateway filter chain|WebFlux|HTTP server|Reactor Core|Netty|other", parts, "|")
  }
  /stackTrace = \[/ {in_stack = 1; first = 1; part = ""; delete seen; samples++; next}
  in_stack && /^[[:space:]]*\]/ {in_stack = 0; part_samples[part == "" ? "other" : part]++; next}
  in_stack {
    frame = $0
    sub(/^[[:space:]]+/, "", frame)
    sub(/[[:space:]]+line:.*$/, "", frame)
    if (frame == "..." || frame == "") next
    if (first) {self[frame]++; first = 0}
    if (part == "") part = part_of(frame)
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
    printf "\nsamples by part of the stack:\n"
    for (i = 1; i <= nparts; i++) printf "%6.2f%%  %s\n", 100 * part_samples[parts[i]] / samples, parts[i]
  }
  function part_of(frame) {
    if (frame ~ /^io\.tollgate\./) return "guard"
    if (frame ~ /^reactor\.netty\.http\.client\./ || frame ~ /^org\.springframework\.cloud\.gateway\.filter\.Netty(Routing|WriteResponse)Filter/) return "proxy client"
    if (frame ~ /^org\.springframework\.cloud\.gateway\./) return "gateway filter chain"
    if (frame ~ /^org\.springframework\.(web|http)\./) return "WebFlux"
    if (frame ~ /^reactor\.netty\.http\.server\./) return "HTTP server"
    if (frame ~ /^reactor\.core\./) return "Reactor Core"
    if (frame ~ /^(io\.netty|reactor\.netty)\./) return "Netty"
    return ""
  }
  function sort_desc(a, n,    i, j, t) {
    for (i = 2; i <= n; i++) {t = a[i]; for (j = i - 1; j >= 1 && a[j] < t; j--) a[j + 1] = a[j]; a[j + 1] = t}
  }'

# What the JVM spent outside the execution samples: the collector's pauses (every GC thread busy)
# and the JIT's compilations, as shares of the recording's span; and the CPU the JVM and the whole
# machine used, as JFR's jdk.CPULoad measured it (shares of all CPUs).
jfr summary "$file" | awk '/^ Duration:/ {print "\nrecording: " $2 " " $3}'
jfr print --events jdk.GarbageCollection,jdk.Compilation,jdk.CPULoad "$file" | awk '
  /^jdk\.GarbageCollection/ {event = "gc"} /^jdk\.Compilation/ {event = "jit"} /^jdk\.CPULoad/ {event = "cpu"}
  event == "gc" && /sumOfPauses = / {gc += ms($3, $4)}
  event == "jit" && /duration = / {jit += ms($3, $4)}
  event == "cpu" && /jvmUser = / {user += $3; n++}
  event == "cpu" && /jvmSystem = / {sys += $3}
  event == "cpu" && /machineTotal = / {total += $3}
  END {
    printf "GC pauses: %.0f ms; JIT compilations: %.0f ms\n", gc, jit
    if (n) printf "CPU (mean of %d readings): JVM user %.1f%%, JVM system %.1f%%, machine %.1f%%\n", n, user / n, sys / n, total / n
  }
  function ms(value, unit) {
    gsub(/,/, "", value)
    if (unit ~ /^s/) return value * 1000
    if (unit ~ /^us/) return value / 1000
    if (unit ~ /^ns/) return value / 1000000
    return value
  }'
