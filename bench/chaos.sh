#!/usr/bin/env bash
# Chaos under load (issue #13, docs/BENCHMARKS.md "Chaos under load"): two Tollgate replicas on one
# Redis, under guarded load, issuance and revocations, while Redis is killed with SIGKILL and
# restarted; then proof that every revocation acknowledged before, between and after the kills is
# still applied, by both replicas and by a third one started afterwards. Loopback only.
#
#   bench/chaos.sh                                           # the full run: about 80 s of load
#   CHAOS_WARM=10 CHAOS_BETWEEN=10 CHAOS_AFTER=10 bench/chaos.sh   # a shorter one
#
# Redis is Debian's redis-server (installed with apt-get when missing), as the operations guide
# recommends it for production: AOF on (appendonly yes) with CHAOS_FSYNC (always), its own port and
# directory under the run's. The replicas run the jar of ./mvnw -DskipTests package with
# bench/config/application.yml and its profile "chaos" (Redis store, rate limits on), one shared
# JWK set, the same key prefix. wrk drives each replica with guarded requests (bench/lua/case.lua:
# a pool of fresh brand tokens, bigger than the verdict cache, interleaved with a few cached ones);
# bench/traffic.py issues brand, channel and client_credentials tokens, uses them, revokes them and
# tokens of wrk's pool, and records every acknowledged revocation with its time.
#
# Settings (environment):
#   CHAOS_WARM        seconds of load before the first kill (20)
#   CHAOS_DOWN        seconds Redis stays dead after each kill, one number per kill ("10 0": the
#                     first outage long enough for readiness to go DOWN, the second a restart at
#                     once, as a supervisor would do it)
#   CHAOS_BETWEEN     seconds of load between recovery and the next kill (20)
#   CHAOS_AFTER       seconds of load after the last recovery (20)
#   CHAOS_RECOVERY    longest wait for readiness UP after Redis is back, seconds (60)
#   CHAOS_FSYNC       Redis's appendfsync: always | everysec (always)
#   CHAOS_TIMEOUT     every client's timeout, seconds (3; Tollgate bounds each store call at 1 s)
#   CHAOS_CONNECTIONS wrk connections per replica (8)
#   CHAOS_POOL        fresh tokens in wrk's pool (4000; the verdict cache holds 1024)
#   CHAOS_WORKERS     driver threads (2)
#   CHAOS_POOL_EVERY  the driver revokes a token of wrk's pool every n rounds (2)
#   CHAOS_JVM_FLAGS   the replicas' JVM flags (-Xms256m -Xmx256m -XX:+UseParallelGC)
#   BENCH_SKIP_BUILD=1   use the jars already built
#
# Output: bench/results/chaos-<time>/ (logs, tallies, acknowledged revocations, checks) and the
# Markdown summary, printed and written to bench/results/chaos-<time>.md. The exit status is 0 only
# if every goal held: no undocumented answer, no request over the timeout, no revocation lost.
set -euo pipefail
BENCH_NAME=chaos
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

WARM=${CHAOS_WARM:-20}
read -r -a DOWN <<<"${CHAOS_DOWN:-10 0}"
BETWEEN=${CHAOS_BETWEEN:-20}
AFTER=${CHAOS_AFTER:-20}
RECOVERY=${CHAOS_RECOVERY:-60}
FSYNC=${CHAOS_FSYNC:-always}
TIMEOUT=${CHAOS_TIMEOUT:-3}
CONNECTIONS=${CHAOS_CONNECTIONS:-8}
POOL=${CHAOS_POOL:-4000}
WORKERS=${CHAOS_WORKERS:-2}
POOL_EVERY=${CHAOS_POOL_EVERY:-2}
JVM_FLAGS=${CHAOS_JVM_FLAGS:--Xms256m -Xmx256m -XX:+UseParallelGC}
CACHED=8

case "$FSYNC" in always | everysec) ;; *) echo "CHAOS_FSYNC must be always or everysec" >&2; exit 2 ;; esac
[ "${#DOWN[@]}" -ge 1 ] || { echo "CHAOS_DOWN needs at least one number" >&2; exit 2; }

REDIS_PORT=18379
UPSTREAM_PORT=18190
KEY_PREFIX="tollgate:chaos:"
declare -A PORT=([A]=18180 [B]=18280 [C]=18380)
declare -A MANAGEMENT=([A]=18181 [B]=18281 [C]=18381)

bench_run chaos

ensure_command wrk wrk
ensure_command redis-server redis-server
ensure_command redis-cli redis-tools
ensure_command python3 python3
ensure_command openssl openssl
require_free_ports "$REDIS_PORT" "$UPSTREAM_PORT" "${PORT[@]}" "${MANAGEMENT[@]}"
build_jars upstream

now_ms() { date +%s%3N; }
event() { echo "$(now_ms),$1,${2:-}" >>"$WORK/events.csv"; log "$1${2:+ $2}"; }
echo "epoch_ms,event,detail" >"$WORK/events.csv"

# --- Redis, as production should run it: AOF on, fsync per CHAOS_FSYNC, no RDB snapshots needed.
mkdir -p "$WORK/redis"
REDIS_PID=
redis_start() {
  bench_start "$WORK/redis.log.$1" redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$WORK/redis" \
    --appendonly yes --appendfsync "$FSYNC" --save '' --protected-mode yes --daemonize no
  REDIS_PID=$BENCH_LAST_PID
  for _ in $(seq 1 100); do
    if [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; then return 0; fi
    sleep 0.05
  done
  die "Redis did not answer; see $WORK/redis.log.$1"
}
redis_kill() {
  kill -9 "$REDIS_PID"
  wait "$REDIS_PID" 2>/dev/null || true
  bench_forget "$REDIS_PID"
}
redis_start 0
REDIS_VERSION=$(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p')

# --- One signing key for every replica (each would generate its own otherwise); deleted on exit.
remove_keys() { rm -f "$WORK/key.pem" "$WORK/jwks.json"; }
BENCH_CLEANUP_HOOKS+=(remove_keys)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
python3 bench/traffic.py jwks "$WORK/key.pem" "$WORK/jwks.json"
rm -f "$WORK/key.pem"

start_upstream "$UPSTREAM_PORT"
declare -A PID
start_replica() { # name
  start_tollgate "replica-$1" "$JVM_FLAGS" --spring.profiles.active=chaos \
    --server.port="${PORT[$1]}" --management.server.port="${MANAGEMENT[$1]}" \
    --bench.upstream-port="$UPSTREAM_PORT" --spring.data.redis.url="redis://127.0.0.1:$REDIS_PORT" \
    --tollgate.issuer.keys.location="file:$WORK/jwks.json"
  PID[$1]=$TOLLGATE_PID
  wait_status "http://127.0.0.1:${MANAGEMENT[$1]}/actuator/health/readiness" 200 60 \
    || die "replica $1 is not ready; see $WORK/replica-$1.log"
}
log "starting Redis $REDIS_VERSION (appendfsync $FSYNC), the upstream and replicas A and B"
start_replica A
start_replica B

log "minting $POOL fresh and $CACHED cached brand tokens at A"
guarded_tokens "http://127.0.0.1:${PORT[A]}" "$POOL" "$CACHED"

# Pre-flight: both replicas guard, and accept each other's tokens.
for r in A B; do
  base="http://127.0.0.1:${PORT[$r]}"
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/guarded/x")" = 401 ] || die "replica $r does not guard /guarded"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "gn-access-token: $(head -1 "$WORK/cached")" "$base/guarded/x")" = 200 ] \
    || die "replica $r refuses a token of A"
done

BOUND=$((WARM + BETWEEN * (${#DOWN[@]} - 1) + AFTER + ${#DOWN[@]} * RECOVERY + 60))
for d in "${DOWN[@]}"; do BOUND=$((BOUND + d)); done
event replica-pids "A=${PID[A]} B=${PID[B]}"
log "load: wrk at A and B, the driver at both; at most ${BOUND}s"
declare -A WRK
for r in A B; do
  bench_start "$WORK/wrk-$r.out" env BENCH_PATH=/guarded/x BENCH_HEADER=gn-access-token \
    BENCH_TOKENS="$WORK/wrk-tokens" BENCH_TALLY="$WORK/wrk-$r.tally" BENCH_DOCUMENTED="$WORK/documented-genuin" \
    wrk -t1 -c"$CONNECTIONS" -d"${BOUND}s" --timeout "${TIMEOUT}s" -s bench/lua/case.lua "http://127.0.0.1:${PORT[$r]}"
  WRK[$r]=$BENCH_LAST_PID
done
bench_start "$WORK/driver.log" python3 bench/traffic.py drive --replica "A:${PORT[A]}:${MANAGEMENT[A]}" \
  --replica "B:${PORT[B]}:${MANAGEMENT[B]}" --seconds "$BOUND" --workers "$WORKERS" --timeout "$TIMEOUT" \
  --pool "$WORK/pool" --pool-every "$POOL_EVERY" --readiness --out "$WORK"
DRIVER=$BENCH_LAST_PID

sleep "$WARM"
for i in "${!DOWN[@]}"; do
  n=$((i + 1))
  redis_kill
  event kill "$n"
  sleep "${DOWN[$i]}"
  redis_start "$n"
  event redis-up "$n"
  for r in A B; do
    if wait_status "http://127.0.0.1:${MANAGEMENT[$r]}/actuator/health/readiness" 200 "$RECOVERY"; then
      event ready "$r after kill $n"
    else
      event not-ready "$r within ${RECOVERY}s of kill $n"
    fi
  done
  if [ "$n" -lt "${#DOWN[@]}" ]; then sleep "$BETWEEN"; else sleep "$AFTER"; fi
done

log "stopping the load"
for r in A B; do kill -INT "${WRK[$r]}"; done
kill -TERM "$DRIVER"
for pid in "${WRK[@]}" "$DRIVER"; do
  wait "$pid" || die "a load process failed; see $WORK/wrk-*.out and $WORK/driver.log"
  bench_forget "$pid"
done
for r in A B; do kill -0 "${PID[$r]}" 2>/dev/null || die "replica $r died; see $WORK/replica-$r.log"; done
event replica-pids "A=${PID[A]} B=${PID[B]}"

log "starting replica C, which knows the revocations only from Redis"
start_replica C
python3 bench/traffic.py verify --replica "A:${PORT[A]}:${MANAGEMENT[A]}" --replica "B:${PORT[B]}:${MANAGEMENT[B]}" \
  --replica "C:${PORT[C]}:${MANAGEMENT[C]}" --acks "$WORK/acks.csv" --attempts "$WORK/revocation-attempts.txt" \
  --control "$WORK/pool" --control "$WORK/cached" --redis-port "$REDIS_PORT" --redis-key "${KEY_PREFIX}revoked" \
  --out "$WORK/verify.json"

python3 -c 'import json, sys; a = sys.argv; json.dump({"stamp": a[2], "commit": a[3], "machine": a[4],
  "redis_version": a[5], "fsync": a[6], "key_prefix": a[7], "down": [int(d) for d in a[8].split()],
  "timeout_seconds": float(a[9]), "replicas": ["A", "B"], "late_replica": "C"}, open(a[1], "w"))' \
  "$WORK/settings.json" "$STAMP" "$(commit_line)" "$(machine_line)" "$REDIS_VERSION" "$FSYNC" "$KEY_PREFIX" \
  "${DOWN[*]}" "$TIMEOUT"
status=0
python3 bench/traffic.py chaos-report "$WORK" --out "$REPORT" || status=$?
log "written to $REPORT"
exit "$status"
