#!/usr/bin/env bash
# The cost of traces (issue #17, docs/BENCHMARKS.md "Tracing"): case C-bearer of bench/run.sh (one
# cached token, Bearer, to the bench upstream) against three Tollgates side by side in one run, on
# loopback only: traces off (no OTLP endpoint), on with the default sampling probability (0.1), and
# on with every request sampled (1.0). The OTLP exporter posts to the bench upstream, which answers
# any POST, so export costs what it costs against a fast collector.
#
#   bench/tracing.sh                 # about 10 minutes
#   BENCH_QUICK=1 bench/tracing.sh   # a smoke run of about 3 minutes; its figures mean little
#
# Settings (environment): BENCH_DURATION seconds per measured slice (15), BENCH_ROUNDS rounds
# (4, every other one in reverse order), BENCH_WARM_ROUNDS warm-up rounds (3) of BENCH_WARM_SLICE
# seconds (8), BENCH_CONNECTIONS (32), BENCH_THREADS (1), BENCH_JVM_FLAGS (-Xms512m -Xmx512m
# -XX:+UseParallelGC), BENCH_SKIP_BUILD=1 to use the jars already built.
set -euo pipefail
BENCH_NAME=tracing
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

if [ "${BENCH_QUICK:-0}" = 1 ]; then
  : "${BENCH_DURATION:=5}" "${BENCH_ROUNDS:=2}" "${BENCH_WARM_SLICE:=4}" "${BENCH_WARM_ROUNDS:=1}"
fi
DURATION=${BENCH_DURATION:-15}
ROUNDS=${BENCH_ROUNDS:-4}
WARM_SLICE=${BENCH_WARM_SLICE:-8}
WARM_ROUNDS=${BENCH_WARM_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-1}
JVM_FLAGS=${BENCH_JVM_FLAGS:--Xms512m -Xmx512m -XX:+UseParallelGC}
VARIANTS="off on-0.1 on-1.0"

# Apart from bench/run.sh's ports (18080-18090), so both can run on one machine, if not at once.
UPSTREAM_PORT=18390
declare -A PORT=([off]=18300 [on-0.1]=18310 [on-1.0]=18320)

bench_run tracing

ensure_command wrk wrk
for v in $VARIANTS; do require_free_ports "${PORT[$v]}" "$((PORT[$v] + 1))"; done
require_free_ports "$UPSTREAM_PORT"
build_jars upstream

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "starting the upstream and three Tollgates: traces off, on at 0.1, on at 1.0"
start_upstream "$UPSTREAM_PORT"
for v in $VARIANTS; do
  args=(--bench.upstream-port="$UPSTREAM_PORT" --server.port="${PORT[$v]}"
    --management.server.port="$((PORT[$v] + 1))")
  if [ "$v" != off ]; then
    args+=(--management.opentelemetry.tracing.export.otlp.endpoint="http://127.0.0.1:$UPSTREAM_PORT/v1/traces"
      --management.tracing.sampling.probability="${v#on-}")
  fi
  start_tollgate "tollgate-$v" "$JVM_FLAGS" "${args[@]}"
  # Each instance signs with keys of its own: each gets its own token.
  one_brand_token "http://127.0.0.1:${PORT[$v]}" >"$WORK/token-$v"
  [ -s "$WORK/token-$v" ] || die "no token from tollgate-$v"
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(cat "$WORK/token-$v")" \
    "http://127.0.0.1:${PORT[$v]}/guarded/x")
  [ "$status" = 200 ] || die "pre-flight: tollgate-$v answered $status to a guarded request with its token"
done

run_variant() { # variant, seconds, out
  local v=$1
  BENCH_OUT="$3" BENCH_PATH=/guarded/x BENCH_HEADER=Authorization BENCH_PREFIX="Bearer " \
    BENCH_TOKENS="$WORK/token-$v" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" -s bench/lua/case.lua "http://127.0.0.1:${PORT[$v]}" >/dev/null
}

log "warm-up: $WARM_ROUNDS rounds of ${WARM_SLICE}s per variant"
for r in $(seq 1 "$WARM_ROUNDS"); do
  for v in $VARIANTS; do
    run_variant "$v" "$WARM_SLICE" "$WORK/warm-$v"
    log "warm-up round $r $v: $(rate_of "$(tail -1 "$WORK/warm-$v")") req/s"
  done
done

log "measuring: $ROUNDS rounds of ${DURATION}s per variant, the order reversed every other round"
REVERSED=$(printf '%s\n' $VARIANTS | tac | tr '\n' ' ')
declare -A LOADS
for v in $VARIANTS; do : >"$WORK/measure-$v"; LOADS[$v]=""; done
for r in $(seq 1 "$ROUNDS"); do
  order=$VARIANTS
  if [ $((r % 2)) = 0 ]; then order=$REVERSED; fi
  for v in $order; do
    run_variant "$v" "$DURATION" "$WORK/measure-$v"
    LOADS[$v]="${LOADS[$v]} $(cut -d' ' -f1 /proc/loadavg)"
    log "round $r $v: $(rate_of "$(tail -1 "$WORK/measure-$v")") req/s, load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)


declare -A rate
{
  echo "Tracing benchmark $STAMP (case C-bearer)"
  echo
  echo "| traces | requests/s | p50 ms | p99 ms | errors | 1-min load after each slice |"
  echo "|---|---:|---:|---:|---:|---|"
  for v in $VARIANTS; do
    read -r r p50 p99 err <<<"$(summarize "$v")"
    rate[$v]=$r
    echo "| $v | $r | $p50 | $p99 | $err |${LOADS[$v]} |"
  done
  echo
  echo "| ratio | value | per round |"
  echo "|---|---:|---|"
  for pair in on-0.1/off on-1.0/off; do
    num=${pair%/*}
    den=${pair#*/}
    echo "| $pair | $(awk -v a="${rate[$num]}" -v b="${rate[$den]}" 'BEGIN {printf "%.2f", a / b}') | $(ratio_range "$num" "$den") |"
  done
  echo
  echo "Measured: $ROUNDS rounds of ${DURATION}s per variant, alternating; warm-up $WARM_ROUNDS rounds of ${WARM_SLICE}s; wrk -t$THREADS -c$CONNECTIONS."
  echo "JVM: $(java -version 2>&1 | head -1); flags: $JVM_FLAGS"
  echo "Commit: $(commit_line)"
  echo "Machine: $(machine_line | sed 's/; load average.*//'); load average before $LOAD_BEFORE, after $LOAD_AFTER."
} | tee "$REPORT"
log "written to $REPORT"
