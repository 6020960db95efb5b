#!/usr/bin/env bash
# The capacity model of docs/STATE.md (issue #16): Redis commands per request of each kind, counted
# by Redis (INFO commandstats, reset with CONFIG RESETSTAT before each kind and read after it) while
# bench/capacity.py sends that kind's requests to a Tollgate on a real Redis
# (tollgate.store.type=redis); then what one Redis node carries, measured with redis-benchmark on
# the same Redis in the same run, and what 10k, 100k and 1M guarded requests a second need in
# nodes. Loopback only, free ports chosen at start.
#
#   bench/redis-capacity.sh                       # about 3 minutes on a quiet machine
#   CAPACITY_GUARDED=1000 CAPACITY_ISSUE=200 CAPACITY_BCRYPT=40 bench/redis-capacity.sh   # shorter
#
# Redis is Debian's redis-server, as OPERATIONS.md recommends it (appendonly yes, appendfsync
# CAPACITY_FSYNC), its files under the run's directory. Tollgate runs the jar of ./mvnw package with
# bench/config/application.yml and its profile "capacity" (the production issuer routes, rate
# limits on), one generated signing key.
#
# Settings (environment):
#   CAPACITY_GUARDED   guarded requests of each guarded kind (4000; the fresh ones are a pool of
#                      brand tokens, each used once, more than the verdict cache's 1024)
#   CAPACITY_ISSUE     requests of each issuance and revocation kind (600)
#   CAPACITY_BCRYPT    password grants and sign-ins (120: each checks a bcrypt password)
#   CAPACITY_THREADS   the driver's threads (8)
#   CAPACITY_FSYNC     Redis's appendfsync: always | everysec (always)
#   CAPACITY_BENCH_REQUESTS   redis-benchmark requests per figure (200000)
#   CAPACITY_HEADROOM  the share of a node's measured ops/s a plan may use (0.5)
#   CAPACITY_JVM_FLAGS Tollgate's JVM flags (-Xms256m -Xmx256m -XX:+UseParallelGC)
#   CAPACITY_START_TIMEOUT  seconds Tollgate may take to turn ready (300)
#   BENCH_SKIP_BUILD=1 use the jars already built
#
# Output: bench/results/capacity-<time>/ (logs, capacity.json, redis-benchmark.json) and the
# Markdown summary, printed and written to bench/results/capacity-<time>.md.
set -euo pipefail
BENCH_NAME=capacity
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

GUARDED=${CAPACITY_GUARDED:-4000}
ISSUE=${CAPACITY_ISSUE:-600}
BCRYPT=${CAPACITY_BCRYPT:-120}
THREADS=${CAPACITY_THREADS:-8}
FSYNC=${CAPACITY_FSYNC:-always}
BENCH_REQUESTS=${CAPACITY_BENCH_REQUESTS:-200000}
HEADROOM=${CAPACITY_HEADROOM:-0.5}
JVM_FLAGS=${CAPACITY_JVM_FLAGS:--Xms256m -Xmx256m -XX:+UseParallelGC}
START_TIMEOUT=${CAPACITY_START_TIMEOUT:-300}
case "$FSYNC" in always | everysec) ;; *) echo "CAPACITY_FSYNC must be always or everysec" >&2; exit 2 ;; esac

bench_run capacity

ensure_command redis-server redis-server
ensure_command redis-cli redis-tools
ensure_command redis-benchmark redis-tools
ensure_command python3 python3
ensure_command openssl openssl
build_jars upstream

# Four free ports, from the kernel: other runs may hold the fixed ones of bench/run.sh.
read -r REDIS_PORT UPSTREAM_PORT PORT MANAGEMENT <<<"$(python3 -c '
import socket
sockets = [socket.socket() for _ in range(4)]
for s in sockets: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in sockets))')"

mkdir -p "$WORK/redis"
bench_start "$WORK/redis.log" redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$WORK/redis" \
  --appendonly yes --appendfsync "$FSYNC" --save '' --protected-mode yes --daemonize no
for _ in $(seq 1 100); do
  if [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; then break; fi
  sleep 0.05
done
[ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] || die "Redis did not answer; see $WORK/redis.log"
REDIS_VERSION=$(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p')

remove_keys() { rm -f "$WORK/key.pem" "$WORK/jwks.json"; }
BENCH_CLEANUP_HOOKS+=(remove_keys)
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
python3 bench/traffic.py jwks "$WORK/key.pem" "$WORK/jwks.json"
rm -f "$WORK/key.pem"

log "starting Redis $REDIS_VERSION (appendfsync $FSYNC) on $REDIS_PORT, the upstream and Tollgate"
start_upstream "$UPSTREAM_PORT"
# As lib.sh's start_tollgate (bench/ as the working directory, so ./config/application.yml and the
# profile file are read), waiting for readiness as long as CAPACITY_START_TIMEOUT: a loaded
# machine can take minutes to start a JVM.
# shellcheck disable=SC2086
bench_start "$WORK/tollgate.log" bash -c 'cd "$1" && shift && exec "$@"' _ "$ROOT/bench" \
  java $JVM_FLAGS -jar "$WORK/jars/$TOLLGATE_JAR_NAME" --spring.profiles.active=capacity \
  --server.port="$PORT" --management.server.port="$MANAGEMENT" --bench.upstream-port="$UPSTREAM_PORT" \
  --tollgate.issuer.issuer-uri="http://127.0.0.1:$PORT" \
  --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT" \
  --tollgate.issuer.keys.location="file:$WORK/jwks.json"
TOLLGATE_PID=$BENCH_LAST_PID
wait_status "http://127.0.0.1:$MANAGEMENT/actuator/health/readiness" 200 "$START_TIMEOUT" \
  || die "Tollgate is not ready after ${START_TIMEOUT}s; see $WORK/tollgate.log"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "measuring commands per request, kind by kind"
python3 bench/capacity.py measure --port "$PORT" --management "$MANAGEMENT" --redis-port "$REDIS_PORT" \
  --out "$WORK" --threads "$THREADS" --guarded "$GUARDED" --issue "$ISSUE" --bcrypt "$BCRYPT"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

log "stopping Tollgate; redis-benchmark on the same Redis"
bench_stop "$TOLLGATE_PID"
python3 bench/capacity.py node --redis-port "$REDIS_PORT" --requests "$BENCH_REQUESTS" --fsync "$FSYNC" --out "$WORK"
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

python3 -c 'import json, sys; a = sys.argv; json.dump({"stamp": a[2], "commit": a[3], "machine": a[4],
  "redis_version": a[5], "fsync": a[6], "headroom": float(a[7]), "load": {"before": a[8], "after_load": a[9],
  "after_benchmark": a[10]}}, open(a[1], "w"))' "$WORK/settings.json" "$STAMP" "$(commit_line)" \
  "$(machine_line)" "$REDIS_VERSION" "$FSYNC" "$HEADROOM" "$LOAD_BEFORE" "$LOAD_AFTER" "$LOAD_END"
python3 bench/capacity.py report "$WORK" --out "$REPORT"
log "written to $REPORT"
