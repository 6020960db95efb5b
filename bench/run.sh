#!/usr/bin/env bash
# The load benchmark of issue #6 (docs/BENCHMARKS.md): Tollgate's guard against its baselines, side
# by side in one run, on loopback only.
#
#   bench/run.sh                 # the full run, about 15 to 20 minutes
#   BENCH_QUICK=1 bench/run.sh   # a smoke run of about 3 minutes; its figures mean little
#
# Case R (issue #18) is the floor of the stack: bench/floor, a minimal Reactor Netty proxy to the
# same upstream, on port 18093; B/R is Spring Cloud Gateway's proxy path against it.
#
# It builds the jars, installs wrk (and nginx, for cases N, N-cached and A-nginx, and HAProxy, for
# case H) from Debian's packages when missing, starts the bench upstream, Tollgate
# (bench/config/application.yml), the resource-server baseline (bench/resource-server), nginx
# (bench/nginx/nginx.conf with deploy/nginx's files) and HAProxy (bench/haproxy/haproxy.cfg, with
# Tollgate's public key exported from its JWKS),
# mints the token pools through Tollgate's brand endpoint, warms every case up until the figures
# stop rising, then measures each case in turn, for the same duration and connections, for
# BENCH_ROUNDS rounds (odd rounds in the order of BENCH_CASES, even rounds in reverse). The table
# goes to stdout and to bench/results/.
#
# Settings (environment):
#   BENCH_DURATION       seconds of each measured slice (15)
#   BENCH_ROUNDS         rounds of measurement, every other one in reverse order (4)
#   BENCH_WARM_SLICE     seconds of each case in a warm-up round (8)
#   BENCH_WARM_MIN / BENCH_WARM_MAX   warm-up rounds at least / at most (3 / 8)
#   BENCH_WARM_PLATEAU   warm-up ends when no case ran more than this many percent faster than
#                        in the round before (5)
#   BENCH_CONNECTIONS    wrk connections (32); BENCH_THREADS wrk threads (1)
#   BENCH_POOL           tokens in the fresh-token pool; must exceed the cache in
#                        bench/config/application.yml (20000)
#   BENCH_CACHES=default Tollgate with the verdict caches of its default configuration (250,000
#                        by digest, 16,384 hot) instead of the bench's 1,024 (profile
#                        default-caches); give it a pool larger than them, such as BENCH_POOL=600000
#   BENCH_JVM_FLAGS      flags of both gateways' JVMs and of R's (-Xms512m -Xmx512m -XX:+UseParallelGC)
#   BENCH_TOLLGATE_OPTS  extra flags for Tollgate's JVM only (collector, heap, -Dreactor.netty.*)
#   BENCH_TOLLGATE_ARGS  extra application arguments for Tollgate only, e.g.
#                        --spring.cloud.gateway.server.webflux.httpclient.pool.type=FIXED
#   BENCH_JAVA_HOME      the JDK that runs Tollgate and R (default: java on the PATH), e.g.
#                        /usr/lib/jvm/temurin-25-jdk-amd64; bench/runtime.sh compares several
#   BENCH_JFR=1          profile: record Tollgate with JFR (settings=profile) during each of its
#                        cases' first measured slice, into bench/results/<run>/<case>.jfr; read
#                        them with bench/jfr-top.sh. Recording costs a few percent: publish no
#                        figures from such a run
#   BENCH_CASES          the cases to run, space-separated (all): A R B C-bearer C-gn D E-reused
#                        E-fresh F-brand F-cc N A-nginx
#                        N-cached H
#   BENCH_SKIP_BUILD=1   use the jars already built
set -euo pipefail
BENCH_NAME=bench
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

if [ "${BENCH_QUICK:-0}" = 1 ]; then
  : "${BENCH_DURATION:=5}" "${BENCH_ROUNDS:=1}" "${BENCH_WARM_SLICE:=4}" "${BENCH_WARM_MIN:=1}"
  : "${BENCH_WARM_MAX:=2}" "${BENCH_POOL:=4000}"
fi
DURATION=${BENCH_DURATION:-15}
ROUNDS=${BENCH_ROUNDS:-4}
WARM_SLICE=${BENCH_WARM_SLICE:-8}
WARM_MIN=${BENCH_WARM_MIN:-3}
WARM_MAX=${BENCH_WARM_MAX:-8}
WARM_PLATEAU=${BENCH_WARM_PLATEAU:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-1}
POOL=${BENCH_POOL:-20000}
JVM_FLAGS=${BENCH_JVM_FLAGS:--Xms512m -Xmx512m -XX:+UseParallelGC}
TOLLGATE_OPTS=${BENCH_TOLLGATE_OPTS:-}
read -r -a TOLLGATE_ARGS <<<"${BENCH_TOLLGATE_ARGS:-}"
JFR=${BENCH_JFR:-0}
CASES=${BENCH_CASES:-A R B C-bearer C-gn D E-reused E-fresh F-brand F-cc N A-nginx}
# The C data planes of issue #20, in every full run.
[ -n "${BENCH_CASES:-}" ] || CASES="$CASES N-cached H"

UPSTREAM_PORT=18090
TOLLGATE_PORT=18080
TOLLGATE_MANAGEMENT=18081
RS_PORT=18088
RS_MANAGEMENT=18089
# bench/nginx/nginx.conf: N (auth_request to Tollgate) and A-nginx (nginx alone), fixed there.
NGINX_N_PORT=18091
NGINX_A_PORT=18092
NGINX=/usr/sbin/nginx
FLOOR_PORT=18093
# N-cached (bench/nginx/nginx.conf: N with tollgate-server-cached.conf) and H (bench/haproxy).
NGINX_N_CACHED_PORT=18094
HAPROXY_PORT=18095
HAPROXY=/usr/sbin/haproxy

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS="$ROOT/bench/results"
WORK="$RESULTS/$STAMP"
REPORT="$RESULTS/$STAMP.md"
bench_init

ensure_command wrk wrk
NGINX_CASES=0
if [[ " $CASES " == *" N "* || " $CASES " == *" A-nginx "* || " $CASES " == *" N-cached "* ]]; then
  NGINX_CASES=1
  if [ ! -x "$NGINX" ]; then
    log "installing nginx from Debian's packages"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
    [ -x "$NGINX" ] || die "$NGINX is still missing after installing nginx"
  fi
fi
HAPROXY_CASE=0
if [[ " $CASES " == *" H "* ]]; then
  HAPROXY_CASE=1
  ensure_command "$HAPROXY" haproxy
fi
require_free_ports "$UPSTREAM_PORT" "$TOLLGATE_PORT" "$TOLLGATE_MANAGEMENT" "$RS_PORT" "$RS_MANAGEMENT" \
  "$NGINX_N_PORT" "$NGINX_A_PORT" "$FLOOR_PORT"
require_free_ports "$NGINX_N_CACHED_PORT" "$HAPROXY_PORT"
build_jars bench

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

log "starting the upstream, Tollgate and the resource-server baseline"
start_upstream "$UPSTREAM_PORT"
CACHE_PROFILE=()
if [ "${BENCH_CACHES:-small}" = default ]; then CACHE_PROFILE=(--spring.profiles.active=default-caches); fi
start_tollgate tollgate "$JVM_FLAGS $TOLLGATE_OPTS" --bench.upstream-port="$UPSTREAM_PORT" "${CACHE_PROFILE[@]}" \
  "${TOLLGATE_ARGS[@]}"
if [[ " $CASES " == *" R "* ]]; then start_floor "$FLOOR_PORT" "$UPSTREAM_PORT" "$JVM_FLAGS"; fi
# The baseline reads Tollgate's JWKS, so it starts once Tollgate is up.
# shellcheck disable=SC2086
bench_start "$WORK/resource-server.log" java $JVM_FLAGS -jar "$WORK/jars/bench-resource-server.jar" \
  --spring.config.location=classpath:/application.yml --bench.tollgate-port="$TOLLGATE_PORT" --bench.upstream-port="$UPSTREAM_PORT"
wait_for "http://127.0.0.1:$RS_MANAGEMENT/actuator/health" resource-server "$WORK/resource-server.log"

if [ "$NGINX_CASES" = 1 ]; then
  # The shipped forward-auth files beside the bench's own nginx.conf, under the run's directory.
  mkdir -p "$WORK/nginx/logs" "$WORK/nginx/temp"
  cp deploy/nginx/tollgate-*.conf bench/nginx/nginx.conf "$WORK/nginx/"
  bench_start "$WORK/nginx.log" "$NGINX" -p "$WORK/nginx/" -c "$WORK/nginx/nginx.conf" \
    -e "$WORK/nginx/logs/error.log" -g 'daemon off;'
  NGINX_PID=$BENCH_LAST_PID
  wait_for "http://127.0.0.1:$NGINX_A_PORT/" nginx "$WORK/nginx/logs/error.log"
fi

log "minting the token pools through Tollgate's brand endpoint"
one_brand_token "http://127.0.0.1:$TOLLGATE_PORT" >"$WORK/one-token"
mint_pool "http://127.0.0.1:$TOLLGATE_PORT" "$WORK/pool" "$POOL"
ONE=$(cat "$WORK/one-token")

if [ "$HAPROXY_CASE" = 1 ]; then
  # HAProxy verifies with the key that signed the bench's tokens, and expects their issuer.
  jwks_pem "http://127.0.0.1:$TOLLGATE_PORT/.well-known/jwks.json" "$(jwt_field "$ONE" header kid)" "$WORK/tollgate.pem"
  TOLLGATE_PEM="$WORK/tollgate.pem" TOLLGATE_ISSUER="$(jwt_field "$ONE" payload iss)" \
    bench_start "$WORK/haproxy.log" "$HAPROXY" -db -f bench/haproxy/haproxy.cfg
  HAPROXY_PID=$BENCH_LAST_PID
  wait_for "http://127.0.0.1:$HAPROXY_PORT/" haproxy "$WORK/haproxy.log"
fi

# Both guards must really be on: no token is refused, the token is let through.
check() { # expected status, url, curl args...
  local expected=$1 url=$2
  shift 2
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' "$@" "$url")
  if [ "$status" != "$expected" ]; then
    die "pre-flight: $url answered $status, expected $expected"
  fi
}
check 401 "http://127.0.0.1:$TOLLGATE_PORT/guarded/x"
check 200 "http://127.0.0.1:$TOLLGATE_PORT/guarded/x" -H "Authorization: Bearer $ONE"
check 200 "http://127.0.0.1:$TOLLGATE_PORT/guarded/x" -H "gn-access-token: $ONE"
if [ "$NGINX_CASES" = 1 ]; then
  check 401 "http://127.0.0.1:$NGINX_N_PORT/guarded/x"
  check 200 "http://127.0.0.1:$NGINX_N_PORT/guarded/x" -H "Authorization: Bearer $ONE"
  check 200 "http://127.0.0.1:$NGINX_A_PORT/guarded/x" -H "Authorization: Bearer $ONE"
  check 401 "http://127.0.0.1:$NGINX_N_CACHED_PORT/guarded/x"
  check 200 "http://127.0.0.1:$NGINX_N_CACHED_PORT/guarded/x" -H "Authorization: Bearer $ONE"
  check 401 "http://127.0.0.1:$NGINX_N_CACHED_PORT/guarded/x" -H "Authorization: Bearer ${ONE}x"
fi
if [ "$HAPROXY_CASE" = 1 ]; then
  check 401 "http://127.0.0.1:$HAPROXY_PORT/guarded/x"
  check 200 "http://127.0.0.1:$HAPROXY_PORT/guarded/x" -H "Authorization: Bearer $ONE"
  check 401 "http://127.0.0.1:$HAPROXY_PORT/guarded/x" -H "Authorization: Bearer ${ONE%?}"
fi
if [[ " $CASES " == *" R "* ]]; then check 200 "http://127.0.0.1:$FLOOR_PORT/open/x" -H "Authorization: Bearer $ONE"; fi
check 401 "http://127.0.0.1:$RS_PORT/guarded/x"
check 200 "http://127.0.0.1:$RS_PORT/guarded/x" -H "Authorization: Bearer $ONE"
check 200 "http://127.0.0.1:$RS_PORT/guarded/x" -H "Authorization: Bearer $(tail -1 "$WORK/pool")"

# One case: wrk against it for $1 seconds, appending a summary line to $2.
run_case() { # case, seconds, out
  local name=$1 seconds=$2 out=$3
  local -a env=(BENCH_OUT="$out")
  local url
  case "$name" in
    # A and B send the same request as C-bearer: the token is on the wire in every case, so the
    # ratios price what is in front of the upstream, not the bytes of a 700-byte header.
    A) url="http://127.0.0.1:$UPSTREAM_PORT"
      env+=(BENCH_PATH=/open/x BENCH_HEADER=Authorization "BENCH_PREFIX=Bearer " BENCH_TOKENS="$WORK/one-token") ;;
    R) url="http://127.0.0.1:$FLOOR_PORT"
      env+=(BENCH_PATH=/open/x BENCH_HEADER=Authorization "BENCH_PREFIX=Bearer " BENCH_TOKENS="$WORK/one-token") ;;
    B) url="http://127.0.0.1:$TOLLGATE_PORT"
      env+=(BENCH_PATH=/open/x BENCH_HEADER=Authorization "BENCH_PREFIX=Bearer " BENCH_TOKENS="$WORK/one-token") ;;
    C-bearer) url="http://127.0.0.1:$TOLLGATE_PORT"
      env+=(BENCH_PATH=/guarded/x BENCH_HEADER=Authorization "BENCH_PREFIX=Bearer " BENCH_TOKENS="$WORK/one-token") ;;
    C-gn) url="http://127.0.0.1:$TOLLGATE_PORT"
      env+=(BENCH_PATH=/guarded/x BENCH_HEADER=gn-access-token BENCH_TOKENS="$WORK/one-token") ;;
    D) url="http://127.0.0.1:$TOLLGATE_PORT"
      env+=(BENCH_PATH=/guarded/x BENCH_HEADER=Authorization "BENCH_PREFIX=Bearer " BENCH_TOKENS="$WORK/pool") ;;
    E-reused) url="http://127.0.0.1:$RS_PORT"
      env+=(BENCH_PATH=/guarded/x BENCH_HEADER=Authorization "BENCH_PREFIX=Bearer " BENCH_TOKENS="$WORK/one-token") ;;
    E-fresh) url="http://127.0.0.1:$RS_PORT"
      env+=(BENCH_PATH=/guarded/x BENCH_HEADER=Authorization "BENCH_PREFIX=Bearer " BENCH_TOKENS="$WORK/pool") ;;
    F-brand) url="http://127.0.0.1:$TOLLGATE_PORT"
      env+=(BENCH_METHOD=POST BENCH_PATH=/api/thirdparty/auth BENCH_CONTENT_TYPE=application/json "BENCH_BODY=$BRAND_BODY") ;;
    F-cc) url="http://127.0.0.1:$TOLLGATE_PORT"
      env+=(BENCH_METHOD=POST BENCH_PATH=/platform/oauth/request_token
        BENCH_CONTENT_TYPE=application/x-www-form-urlencoded BENCH_BODY=grant_type=client_credentials
        "BENCH_AUTHORIZATION=$CLIENT_BASIC") ;;
    # N and A-nginx: the same request as C-bearer, through nginx with and without the check.
    N) url="http://127.0.0.1:$NGINX_N_PORT"
      env+=(BENCH_PATH=/guarded/x BENCH_HEADER=Authorization "BENCH_PREFIX=Bearer " BENCH_TOKENS="$WORK/one-token") ;;
    A-nginx) url="http://127.0.0.1:$NGINX_A_PORT"
      env+=(BENCH_PATH=/guarded/x BENCH_HEADER=Authorization "BENCH_PREFIX=Bearer " BENCH_TOKENS="$WORK/one-token") ;;
    # N-cached and H: the same request again, through nginx with the decision cache, and HAProxy.
    N-cached) url="http://127.0.0.1:$NGINX_N_CACHED_PORT"
      env+=(BENCH_PATH=/guarded/x BENCH_HEADER=Authorization "BENCH_PREFIX=Bearer " BENCH_TOKENS="$WORK/one-token") ;;
    H) url="http://127.0.0.1:$HAPROXY_PORT"
      env+=(BENCH_PATH=/guarded/x BENCH_HEADER=Authorization "BENCH_PREFIX=Bearer " BENCH_TOKENS="$WORK/one-token") ;;
    *) die "unknown case $name" ;;
  esac
  env "${env[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" -s bench/lua/case.lua "$url" >/dev/null
}

# The processes between wrk and the upstream in a case (its data plane), for the CPU they spend on
# each request: a figure the load of other programs distorts far less than throughput. nginx's
# workers are its master's children; HAProxy's threads and the JVMs' are in their process.
plane_pids() { # case
  case "$1" in
    B | C-* | D) echo "$TOLLGATE_PID" ;;
    N | N-cached) echo "$TOLLGATE_PID $NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')" ;;
    A-nginx) echo "$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')" ;;
    H) echo "$HAPROXY_PID" ;;
  esac
}
cpu_ticks() { # pids -> user + system clock ticks, summed
  local pid total=0
  for pid in "$@"; do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
declare -A CPU_TICKS

# Hits and misses of Tollgate's digest-keyed cache tier, to show that case D really misses.
accepted_gets() { # result
  curl -s "http://127.0.0.1:$TOLLGATE_MANAGEMENT/actuator/prometheus" \
    | awk -v r="$1" '/^cache_gets_total/ && /cache="tollgate.validation.accepted"/ && $0 ~ "result=\"" r "\"" {s += $NF} END {printf "%d", s}'
}

# Every case must have stopped rising, not their mean: the resource server keeps speeding up for
# rounds after Tollgate has settled, and a mean let round-to-round noise hide that.
log "warm-up: rounds of ${WARM_SLICE}s per case until no case is more than ${WARM_PLATEAU}% faster than in the last"
WARM_LOG="$WORK/warmup.txt"
: >"$WARM_LOG"
declare -A previous
round=0
while :; do
  round=$((round + 1))
  line="round $round:"
  gain=n/a
  for c in $CASES; do
    out="$WORK/warm-$c-$round"
    : >"$out"
    run_case "$c" "$WARM_SLICE" "$out"
    rate=$(rate_of "$(cat "$out")")
    line="$line $c=$rate"
    if [ -n "${previous[$c]:-}" ]; then
      gain=$(awk -v a="$rate" -v b="${previous[$c]}" -v g="$gain" \
        'BEGIN {x = (a / b - 1) * 100; if (g == "n/a" || x > g) printf "%.1f", x; else print g}')
    fi
    previous[$c]=$rate
  done
  echo "$line largest gain=${gain}%" >>"$WARM_LOG"
  log "warm-up $line (largest gain over the previous round: ${gain}%)"
  if [ "$round" -ge "$WARM_MAX" ]; then break; fi
  if [ "$round" -ge "$WARM_MIN" ] && [ "$gain" != n/a ] \
    && awk -v g="$gain" -v p="$WARM_PLATEAU" 'BEGIN {exit !(g < p)}'; then break; fi
done
WARM_ROUNDS=$round

log "measuring: $ROUNDS rounds of ${DURATION}s per case, alternating, the order reversed every other round"
for c in $CASES; do : >"$WORK/measure-$c"; done
# A case's place in the round biases it: measured in one run, C-bearer/B was 0.87 with B always
# right after A (the gateway idle) and 0.95 with the order reversed. Reversing the order every
# other round gives every case each neighbour and each place equally often over an even count.
REVERSED=$(printf '%s\n' $CASES | tac | tr '\n' ' ')
D_HITS=0
D_MISSES=0
for r in $(seq 1 "$ROUNDS"); do
  order=$CASES
  if [ $((r % 2)) = 0 ]; then order=$REVERSED; fi
  for c in $order; do
    if [ "$c" = D ]; then hits=$(accepted_gets hit); misses=$(accepted_gets miss); fi
    profiled=false
    if [ "$JFR" = 1 ] && [ "$r" = 1 ] && [[ "$c" != A && "$c" != R && "$c" != E-* && "$c" != H ]]; then
      jcmd "$TOLLGATE_PID" JFR.start name="$c" settings=profile >/dev/null
      profiled=true
    fi
    read -ra plane <<<"$(plane_pids "$c")"
    if [ "${#plane[@]}" -gt 0 ]; then ticks=$(cpu_ticks "${plane[@]}"); fi
    run_case "$c" "$DURATION" "$WORK/measure-$c"
    if [ "${#plane[@]}" -gt 0 ]; then
      CPU_TICKS[$c]=$((${CPU_TICKS[$c]:-0} + $(cpu_ticks "${plane[@]}") - ticks))
    fi
    if [ "$profiled" = true ]; then
      jcmd "$TOLLGATE_PID" JFR.stop name="$c" filename="$WORK/$c.jfr" >/dev/null
    fi
    if [ "$c" = D ]; then
      D_HITS=$((D_HITS + $(accepted_gets hit) - hits))
      D_MISSES=$((D_MISSES + $(accepted_gets miss) - misses))
    fi
    log "round $r $c: $(rate_of "$(tail -1 "$WORK/measure-$c")") req/s"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)


declare -A rate
{
  echo "Load benchmark $STAMP"
  echo
  echo "| case | what | requests/s | p50 ms | p99 ms | errors |"
  echo "|---|---|---:|---:|---:|---:|"
  for c in $CASES; do
    read -r r p50 p99 err <<<"$(summarize "$c")"
    rate[$c]=$r
    case "$c" in
      A) what="upstream directly (same request as C-bearer)" ;;
      R) what="floor: minimal Reactor Netty proxy to the upstream (same request as C-bearer)" ;;
      B) what="Tollgate, auth: none (same request as C-bearer)" ;;
      C-bearer) what="Tollgate, one cached token, Bearer" ;;
      C-gn) what="Tollgate, one cached token, gn-access-token" ;;
      D) what="Tollgate, fresh token per request ($POOL-token pool)" ;;
      E-reused) what="resource server, one reused token" ;;
      E-fresh) what="resource server, fresh token per request" ;;
      F-brand) what="issuance, POST /api/thirdparty/auth" ;;
      F-cc) what="issuance, client_credentials at request_token" ;;
      N) what="nginx + auth_request to Tollgate's /auth/check, then the upstream (same request as C-bearer)" ;;
      A-nginx) what="nginx alone in front of the upstream (same request as C-bearer)" ;;
      N-cached) what="as N, Tollgate's admissions cached 1 s at nginx (same request as C-bearer)" ;;
      H) what="HAProxy jwt_verify (RS256, exp, iss) alone, then the upstream (same request as C-bearer)" ;;
    esac
    echo "| $c | $what | $r | $p50 | $p99 | $err |"
  done
  echo
  echo "| ratio | value | per round |"
  echo "|---|---:|---|"
  for pair in C-bearer/B C-gn/B D/B C-bearer/E-reused C-gn/E-reused D/E-fresh B/A N/A-nginx N/C-bearer A-nginx/A \
    B/R C-bearer/R R/A C-bearer/H D/H N/H N-cached/H R/H; do
    num=${pair%/*}
    den=${pair#*/}
    if [ -n "${rate[$num]:-}" ] && [ -n "${rate[$den]:-}" ]; then
      echo "| $pair | $(awk -v a="${rate[$num]}" -v b="${rate[$den]}" 'BEGIN {printf "%.2f", a / b}') | $(ratio_range "$num" "$den") |"
    fi
  done
  echo
  echo "| case | CPU of the data plane per request (µs: Tollgate's, nginx's, HAProxy's processes) |"
  echo "|---|---:|"
  for c in $CASES; do
    if [ -n "${CPU_TICKS[$c]:-}" ]; then
      echo "| $c | $(awk -v t="${CPU_TICKS[$c]}" -v hz="$(getconf CLK_TCK)" '{n += $1} END {printf "%.1f", t / hz * 1e6 / n}' "$WORK/measure-$c") |"
    fi
  done
  echo
  if [[ " $CASES " == *" D "* ]]; then
    echo "Case D, Tollgate's digest-keyed cache tier during the measured slices: $D_HITS hits, $D_MISSES misses."
  fi
  echo "Warm-up: $WARM_ROUNDS rounds of ${WARM_SLICE}s per case, $((WARM_ROUNDS * WARM_SLICE)) s per case in all (figures in $WORK/warmup.txt)."
  echo "Measured: $ROUNDS rounds of ${DURATION}s per case, alternating; wrk -t$THREADS -c$CONNECTIONS."
  echo "JVM: $(java -version 2>&1 | head -1); flags of both gateways: $JVM_FLAGS ${TOLLGATE_OPTS:+(Tollgate also: $TOLLGATE_OPTS)}"
  echo "Tollgate and R on: $("$TOLLGATE_JAVA" -version 2>&1 | head -1)${BENCH_TOLLGATE_ARGS:+; Tollgate also given: $BENCH_TOLLGATE_ARGS}"
  echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average before $LOAD_BEFORE, after $LOAD_AFTER."
} | tee "$REPORT"
log "written to $REPORT"
