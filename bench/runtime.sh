#!/usr/bin/env bash
# Runtime choices, measured (issue #18, docs/BENCHMARKS.md "Runtime choices"): Tollgate on several
# JVMs, collectors, heaps and Reactor Netty or pool settings side by side in one run, for a subset
# of bench/run.sh's cases (C-bearer and D), each variant's requests/s divided by the baseline's
# (the first variant: today's Java 17 and flags). Loopback only.
#
#   bench/runtime.sh                 # about 20 minutes with the default variants
#   BENCH_QUICK=1 bench/runtime.sh   # a smoke run; its figures mean nothing
#
# Every variant is a Tollgate of its own (ports 18400 + 10 x its place, management one above), all
# running at once to the same bench upstream; each mints its own tokens (each signs with a key of
# its own). The (variant, case) pairs run in turn with wrk, closed loop as in bench/run.sh, the order
# reversed every other round. Tollgate's GC pauses during the measured slices are summed per pair.
#
# Settings (environment):
#   BENCH_VARIANTS_FILE  the variants, one a line: name|JAVA_HOME|JVM flags|Tollgate arguments
#                        (bench/runtime-variants.txt); the first is the baseline
#   BENCH_VARIANTS       the variants to run, by name (all); the baseline always runs
#   BENCH_CASES          cases of bench/run.sh among B, C-bearer and D (C-bearer D)
#   BENCH_DURATION, BENCH_ROUNDS, BENCH_WARM_ROUNDS, BENCH_WARM_SLICE   as in bench/tracing.sh
#                        (15 s, 4, 3, 8 s)
#   BENCH_CONNECTIONS (32), BENCH_THREADS (1), BENCH_POOL (20000: case D's pool, per variant)
#   BENCH_SKIP_BUILD=1   use the jars already built
set -euo pipefail
BENCH_NAME=runtime
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

if [ "${BENCH_QUICK:-0}" = 1 ]; then
  : "${BENCH_DURATION:=5}" "${BENCH_ROUNDS:=2}" "${BENCH_WARM_SLICE:=4}" "${BENCH_WARM_ROUNDS:=1}"
  : "${BENCH_POOL:=2000}"
fi
DURATION=${BENCH_DURATION:-15}
ROUNDS=${BENCH_ROUNDS:-4}
WARM_SLICE=${BENCH_WARM_SLICE:-8}
WARM_ROUNDS=${BENCH_WARM_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-1}
POOL=${BENCH_POOL:-20000}
CASES=${BENCH_CASES:-C-bearer D}
VARIANTS_FILE=${BENCH_VARIANTS_FILE:-$ROOT/bench/runtime-variants.txt}

declare -A JAVA_OF FLAGS_OF ARGS_OF PORT
VARIANTS=""
BASELINE=""
while IFS='|' read -r name home flags args; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  if [ -z "$BASELINE" ]; then BASELINE=$name; fi
  if [ "$name" != "$BASELINE" ] && [ -n "${BENCH_VARIANTS:-}" ] && [[ " $BENCH_VARIANTS " != *" $name "* ]]; then continue; fi
  JAVA_OF[$name]=${home:+$home/bin/}java
  [ -x "$(command -v "${JAVA_OF[$name]}")" ] || die "variant $name: no java at ${JAVA_OF[$name]}"
  FLAGS_OF[$name]=$flags
  ARGS_OF[$name]=$args
  PORT[$name]=$((18400 + 10 * $(wc -w <<<"$VARIANTS")))
  VARIANTS="$VARIANTS $name"
done <"$VARIANTS_FILE"
[ -n "$BASELINE" ] || die "no variant in $VARIANTS_FILE"
[ "${PORT[${VARIANTS##* }]}" -lt 18490 ] || die "too many variants for the ports 18400-18489"
UPSTREAM_PORT=18490

bench_run runtime

ensure_command wrk wrk
for v in $VARIANTS; do require_free_ports "${PORT[$v]}" "$((PORT[$v] + 1))"; done
require_free_ports "$UPSTREAM_PORT"
build_jars upstream

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "starting the upstream and one Tollgate a variant:$VARIANTS"
start_upstream "$UPSTREAM_PORT"
for v in $VARIANTS; do
  read -r -a args <<<"${ARGS_OF[$v]}"
  TOLLGATE_JAVA=${JAVA_OF[$v]} start_tollgate "tollgate-$v" "${FLAGS_OF[$v]} $(gc_log_flags "$WORK/gc-$v.log")" \
    --bench.upstream-port="$UPSTREAM_PORT" --server.port="${PORT[$v]}" --management.server.port="$((PORT[$v] + 1))" \
    "${args[@]}"
  mkdir -p "$WORK/$v"
  one_brand_token "http://127.0.0.1:${PORT[$v]}" >"$WORK/$v/one-token"
  [[ " $CASES " != *" D "* ]] || mint_pool "http://127.0.0.1:${PORT[$v]}" "$WORK/$v/pool" "$POOL"
  for c in $CASES; do
    WORK="$WORK/$v" bearer_case "$c"
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(head -1 "$CASE_TOKENS")" \
      "http://127.0.0.1:${PORT[$v]}$CASE_PATH")
    [ "$status" = 200 ] || die "pre-flight: tollgate-$v answered $status to case $c"
  done
done

PAIRS=""
for c in $CASES; do for v in $VARIANTS; do PAIRS="$PAIRS $v:$c"; done; done
run_pair() { # variant:case, seconds, out
  local v=${1%%:*} c=${1#*:}
  WORK="$WORK/$v" wrk_bearer "$c" "http://127.0.0.1:${PORT[$v]}" "$2" "$3"
}

log "warm-up: $WARM_ROUNDS rounds of ${WARM_SLICE}s per variant and case"
for r in $(seq 1 "$WARM_ROUNDS"); do
  for p in $PAIRS; do
    run_pair "$p" "$WARM_SLICE" "$WORK/warm-$p"
    log "warm-up round $r $p: $(rate_of "$(tail -1 "$WORK/warm-$p")") req/s"
  done
done

log "measuring: $ROUNDS rounds of ${DURATION}s per variant and case, the order reversed every other round"
for p in $PAIRS; do : >"$WORK/measure-$p"; : >"$WORK/gc-$p"; done
for r in $(seq 1 "$ROUNDS"); do
  for p in $(alternate "$r" $PAIRS); do
    from=$(now_ms)
    run_pair "$p" "$DURATION" "$WORK/measure-$p"
    gc_pauses "$WORK/gc-${p%%:*}.log" "$from" "$(now_ms)" >>"$WORK/gc-$p"
    echo >>"$WORK/gc-$p"
    log "round $r $p: $(rate_of "$(tail -1 "$WORK/measure-$p")") req/s; GC $(tail -1 "$WORK/gc-$p")"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A rate
{
  echo "Runtime variants $STAMP"
  echo
  echo "| variant | case | requests/s | p50 ms | p99 ms | errors | / $BASELINE | per round | GC pauses | GC total ms | GC max ms |"
  echo "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|"
  for c in $CASES; do
    for v in $VARIANTS; do
      read -r r p50 p99 err <<<"$(summarize "$v:$c")"
      rate[$v:$c]=$r
      read -r gcn gcs gcm <<<"$(awk '{n += $1; s += $2; if ($3 > m) m = $3} END {printf "%d %.1f %.1f", n, s, m}' "$WORK/gc-$v:$c")"
      ratio=$(awk -v a="$r" -v b="${rate[$BASELINE:$c]}" 'BEGIN {printf "%.2f", a / b}')
      echo "| $v | $c | $r | $p50 | $p99 | $err | $ratio | $(ratio_range "$v:$c" "$BASELINE:$c") | $gcn | $gcs | $gcm |"
    done
  done
  echo
  echo "Variants ($VARIANTS_FILE):"
  for v in $VARIANTS; do
    echo "- $v: $("${JAVA_OF[$v]}" -version 2>&1 | head -1); ${FLAGS_OF[$v]}${ARGS_OF[$v]:+; ${ARGS_OF[$v]}}"
  done
  echo
  echo "Measured: $ROUNDS rounds of ${DURATION}s per variant and case, alternating; warm-up $WARM_ROUNDS rounds of ${WARM_SLICE}s; wrk -t$THREADS -c$CONNECTIONS."
  echo "Commit: $(commit_line)"
  echo "Machine: $(machine_line | sed 's/; load average.*//'); load average before $LOAD_BEFORE, after $LOAD_AFTER."
} | tee "$REPORT"
log "written to $REPORT"
