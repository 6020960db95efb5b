#!/usr/bin/env bash
# The tail at a fixed arrival rate (issue #18, docs/BENCHMARKS.md "Open-loop tail"): p50, p99, p99.9
# and the longest latency of cases B, C-bearer and D of bench/run.sh at a fixed rate below
# saturation, measured without coordinated omission, with Tollgate's GC pauses during each run.
#
#   bench/tail.sh                 # about 15 minutes
#   BENCH_QUICK=1 bench/tail.sh   # a smoke run of a few minutes; its figures mean nothing
#
# It starts the bench upstream and Tollgate (bench/config/application.yml, its GC logged), mints the
# token pool, warms every case up with wrk (closed loop), then finds B's saturation rate with the
# generator as its client (the generator shares the two cores, and costs more a request than wrk):
# the highest rate at which B keeps up, searched below wrk's closed-loop requests/s. Then each case
# runs in turn at BENCH_TAIL_LOAD percent of that rate with bench/tail's open-loop generator
# (requests sent by their intended start time, latency measured from it, into an HdrHistogram), for
# BENCH_ROUNDS rounds, the order reversed every other round. Each case's rounds are added up into
# one histogram.
#
# Settings (environment):
#   BENCH_DURATION       seconds of each recorded fixed-rate slice (30)
#   BENCH_TAIL_WARMUP    seconds at the rate before each slice, not recorded (5)
#   BENCH_ROUNDS         rounds of measurement, every other one in reverse order (4)
#   BENCH_WARM_ROUNDS / BENCH_WARM_SLICE   closed-loop warm-up rounds of every case (3 / 8 s)
#   BENCH_SATURATION     seconds of closed-loop wrk on B, the top of the saturation search (2 x 15)
#   BENCH_TAIL_SEARCH_STEPS / BENCH_TAIL_PROBE / BENCH_TAIL_KEEPS_UP_MS   the saturation search: its
#                        probes of the generator on B (5), each this many seconds (10), kept up when
#                        p99 and the generator's lateness stay under this many ms (100)
#   BENCH_TAIL_LOAD      the fixed rate, in percent of B's saturation rate (70)
#   BENCH_TAIL_RATE      a fixed rate in requests/s instead (skips the saturation step)
#   BENCH_CONNECTIONS    connections of wrk and of the generator (32); BENCH_THREADS wrk threads (1)
#   BENCH_POOL           tokens in case D's pool (20000)
#   BENCH_JVM_FLAGS, BENCH_TOLLGATE_OPTS, BENCH_TOLLGATE_ARGS, BENCH_JAVA_HOME   as in bench/run.sh
#   BENCH_CASES          the cases, from B C-bearer D (all three); B is measured for saturation anyway
#   BENCH_SKIP_BUILD=1   use the jars already built
set -euo pipefail
BENCH_NAME=tail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

if [ "${BENCH_QUICK:-0}" = 1 ]; then
  : "${BENCH_DURATION:=5}" "${BENCH_TAIL_WARMUP:=2}" "${BENCH_ROUNDS:=2}" "${BENCH_WARM_ROUNDS:=1}"
  : "${BENCH_WARM_SLICE:=4}" "${BENCH_SATURATION:=5}" "${BENCH_POOL:=2000}"
fi
DURATION=${BENCH_DURATION:-30}
TAIL_WARMUP=${BENCH_TAIL_WARMUP:-5}
ROUNDS=${BENCH_ROUNDS:-4}
WARM_ROUNDS=${BENCH_WARM_ROUNDS:-3}
WARM_SLICE=${BENCH_WARM_SLICE:-8}
SATURATION=${BENCH_SATURATION:-15}
LOAD=${BENCH_TAIL_LOAD:-70}
SEARCH_STEPS=${BENCH_TAIL_SEARCH_STEPS:-5}
PROBE=${BENCH_TAIL_PROBE:-10}
KEEPS_UP_MS=${BENCH_TAIL_KEEPS_UP_MS:-100}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-1}
POOL=${BENCH_POOL:-20000}
JVM_FLAGS=${BENCH_JVM_FLAGS:--Xms512m -Xmx512m -XX:+UseParallelGC}
TOLLGATE_OPTS=${BENCH_TOLLGATE_OPTS:-}
read -r -a TOLLGATE_ARGS <<<"${BENCH_TOLLGATE_ARGS:-}"
CASES=${BENCH_CASES:-B C-bearer D}
# The generator's own JVM: a heap whose young collections are short and rare, touched up front.
GENERATOR_FLAGS="-Xms512m -Xmx512m -XX:+UseParallelGC -XX:+AlwaysPreTouch"

# Apart from bench/run.sh's ports, like bench/tracing.sh's.
UPSTREAM_PORT=18590
TOLLGATE_PORT=18500
TOLLGATE_MANAGEMENT=18501
BASE="http://127.0.0.1:$TOLLGATE_PORT"

bench_run tail

ensure_command wrk wrk
require_free_ports "$UPSTREAM_PORT" "$TOLLGATE_PORT" "$TOLLGATE_MANAGEMENT"
build_jars bench

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "starting the upstream and Tollgate"
start_upstream "$UPSTREAM_PORT"
GC_LOG="$WORK/gc-tollgate.log"
start_tollgate tollgate "$JVM_FLAGS $TOLLGATE_OPTS $(gc_log_flags "$GC_LOG")" --bench.upstream-port="$UPSTREAM_PORT" \
  --server.port="$TOLLGATE_PORT" --management.server.port="$TOLLGATE_MANAGEMENT" "${TOLLGATE_ARGS[@]}"

log "minting the token pool through Tollgate's brand endpoint"
one_brand_token "$BASE" >"$WORK/one-token"
[[ " $CASES " != *" D "* ]] || mint_pool "$BASE" "$WORK/pool" "$POOL"
for c in B $CASES; do
  bearer_case "$c"
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(head -1 "$CASE_TOKENS")" "$BASE$CASE_PATH")
  [ "$status" = 200 ] || die "pre-flight: case $c answered $status"
done
status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/guarded/x")
[ "$status" = 401 ] || die "pre-flight: a guarded request without a token answered $status"

log "warm-up: $WARM_ROUNDS rounds of ${WARM_SLICE}s per case, closed loop"
for r in $(seq 1 "$WARM_ROUNDS"); do
  for c in $CASES; do
    wrk_bearer "$c" "$BASE" "$WARM_SLICE" "$WORK/warm-$c"
    log "warm-up round $r $c: $(rate_of "$(tail -1 "$WORK/warm-$c")") req/s"
  done
done

# The open-loop generator on the case bearer_case set last, at $1 requests/s for $2 recorded seconds
# (after TAIL_WARMUP) into the HdrHistogram log $3; prints its result line.
generate() {
  # shellcheck disable=SC2086
  java $GENERATOR_FLAGS -jar "$WORK/jars/bench-tail.jar" run --url "$BASE" --path "$CASE_PATH" \
    --header Authorization --prefix "Bearer " --tokens "$CASE_TOKENS" --rate "$1" \
    --warmup "$TAIL_WARMUP" --duration "$2" --connections "$CONNECTIONS" --histogram "$3"
}

# Whether B keeps up with an open-loop rate of $1 requests/s from the generator: over a probe of
# PROBE seconds (after TAIL_WARMUP), its p99 stays under KEEPS_UP_MS and the generator sends every
# request within KEEPS_UP_MS of its intended start. Above the rate Tollgate sustains, the queue
# grows for as long as the probe lasts, and so does the latency of its last requests.
open_loop_keeps_up() {
  bearer_case B
  local line
  line=$(generate "$1" "$PROBE" "$WORK/probe-$1.hlog" | tail -1)
  echo "$1 $line" >>"$WORK/saturation-probes"
  local p99 lag
  read -r _ _ _ _ p99 _ _ _ lag _ <<<"$line"
  [ "$p99" -lt $((KEEPS_UP_MS * 1000)) ] && [ "$lag" -lt $((KEEPS_UP_MS * 1000)) ]
}

if [ -n "${BENCH_TAIL_RATE:-}" ]; then
  RATE=$BENCH_TAIL_RATE
  SATURATION_LINE="Rate: $RATE requests/s, set by BENCH_TAIL_RATE."
else
  : >"$WORK/measure-saturation"
  for _ in 1 2; do wrk_bearer B "$BASE" "$SATURATION" "$WORK/measure-saturation"; done
  read -r WRK_SATURATED _ <<<"$(summarize saturation)"
  # wrk is C and costs little; the generator is a JVM on the same two cores and costs more a
  # request, so the rate Tollgate sustains with the generator as its client is lower than wrk's.
  # That rate is B's saturation here: the highest rate at which B keeps up (open_loop_keeps_up),
  # found by halving the interval between a fifth of wrk's rate (taken as kept up, unprobed) and
  # wrk's rate.
  low=$((WRK_SATURATED / 5)); high=$WRK_SATURATED
  for _ in $(seq 1 "$SEARCH_STEPS"); do
    probe=$(((low + high) / 2))
    if open_loop_keeps_up "$probe"; then low=$probe; outcome="kept up"; else high=$probe; outcome="fell behind"; fi
    log "saturation search: $probe requests/s $outcome"
  done
  SATURATED=$low
  RATE=$((SATURATED * LOAD / 100))
  SATURATION_LINE="Rate: $RATE requests/s, $LOAD % of B's saturation rate with the generator as its client, $SATURATED requests/s (the highest rate of $SEARCH_STEPS probes of ${PROBE}s at which B's p99 stayed under ${KEEPS_UP_MS} ms and the generator sent on time; closed-loop wrk -t$THREADS -c$CONNECTIONS gave $WRK_SATURATED requests/s, 2 x ${SATURATION}s after the warm-up)."
fi
[ "$RATE" -gt 0 ] || die "no rate to run at: $SATURATION_LINE"
log "${SATURATION_LINE#Rate: }"

log "measuring: $ROUNDS rounds of ${TAIL_WARMUP}s + ${DURATION}s per case at $RATE requests/s, alternating"
for c in $CASES; do : >"$WORK/tail-$c"; : >"$WORK/gc-$c"; done
for r in $(seq 1 "$ROUNDS"); do
  for c in $(alternate "$r" $CASES); do
    bearer_case "$c"
    generate "$RATE" "$DURATION" "$WORK/tail-$c-$r.hlog" >>"$WORK/tail-$c"
    read -r -a line <<<"$(tail -1 "$WORK/tail-$c")"
    gc_pauses "$GC_LOG" "${line[9]}" "${line[10]}" >>"$WORK/gc-$c"
    echo >>"$WORK/gc-$c"
    read -r _ errors _ _ p99 _ max _ lag _ <<<"$(tail -1 "$WORK/tail-$c")"
    log "round $r $c: p99 ${p99} µs, max ${max} µs, $errors errors, generator late by up to ${lag} µs; GC $(tail -1 "$WORK/gc-$c")"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

ms() { awk -v us="$1" 'BEGIN {printf "%.2f", us / 1000}'; }
declare -A p99
{
  echo "Open-loop tail $STAMP"
  echo
  echo "| case | requests | p50 ms | p99 ms | p99.9 ms | max ms | errors | generator late, max ms | GC pauses | GC total ms | GC max ms |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for c in $CASES; do
    read -r n p50 p99us p999 max <<<"$(java -jar "$WORK/jars/bench-tail.jar" report "$WORK"/tail-"$c"-*.hlog)"
    p99[$c]=$p99us
    errors=$(awk '{s += $2} END {print s + 0}' "$WORK/tail-$c")
    lag=$(awk '$9 > m {m = $9} END {print m + 0}' "$WORK/tail-$c")
    read -r gcn gcs gcm <<<"$(awk '{n += $1; s += $2; if ($3 > m) m = $3} END {printf "%d %.1f %.1f", n, s, m}' "$WORK/gc-$c")"
    echo "| $c | $n | $(ms "$p50") | $(ms "$p99us") | $(ms "$p999") | $(ms "$max") | $errors | $(ms "$lag") | $gcn | $gcs | $gcm |"
  done
  echo
  echo "| ratio | value | per round |"
  echo "|---|---:|---|"
  for pair in C-bearer/B D/B; do
    num=${pair%/*}
    den=${pair#*/}
    if [ -n "${p99[$num]:-}" ] && [ -n "${p99[$den]:-}" ]; then
      range=$(paste -d' ' "$WORK/tail-$num" "$WORK/tail-$den" \
        | awk '{r = $5 / $16; if (NR == 1 || r < lo) lo = r; if (NR == 1 || r > hi) hi = r} END {printf "%.2f–%.2f", lo, hi}')
      echo "| p99($num)/p99($den) | $(awk -v a="${p99[$num]}" -v b="${p99[$den]}" 'BEGIN {printf "%.2f", a / b}') | $range |"
    fi
  done
  echo
  echo "$SATURATION_LINE"
  echo "Measured: $ROUNDS rounds per case of ${TAIL_WARMUP}s at the rate then ${DURATION}s recorded, alternating; $CONNECTIONS connections; latency from each request's intended start (bench/tail)."
  echo "GC pauses: Tollgate's, logged with $(gc_log_flags "$GC_LOG" | cut -d: -f1-2), during each recorded slice, summed over the rounds (max: the longest)."
  echo "Tollgate: $("$TOLLGATE_JAVA" -version 2>&1 | head -1); flags: $JVM_FLAGS $TOLLGATE_OPTS${BENCH_TOLLGATE_ARGS:+; arguments: $BENCH_TOLLGATE_ARGS}"
  echo "Commit: $(commit_line)"
  echo "Machine: $(machine_line | sed 's/; load average.*//'); load average before $LOAD_BEFORE, after $LOAD_AFTER."
} | tee "$REPORT"
log "written to $REPORT"
