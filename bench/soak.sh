#!/usr/bin/env bash
# Soak (issue #13, docs/BENCHMARKS.md "Soak"): one Tollgate under sustained mixed load for
# SOAK_SECONDS, its heap after a full GC, RSS, open file descriptors and threads sampled every
# SOAK_INTERVAL seconds into a CSV; then the errors and the least-squares slope of each series.
# Loopback only; everything it starts stops by itself at the end of the run (and on any exit).
#
#   bench/soak.sh                     # 10 minutes
#   SOAK_SECONDS=90 bench/soak.sh     # a short run
#
# Tollgate runs the jar of ./mvnw -DskipTests package with bench/config/application.yml: the memory
# store, rate limits off, verdict caches of 1,024 entries. Load: wrk on a guarded route with a pool
# of fresh brand tokens (bigger than the cache, so half the requests verify a signature) interleaved
# with a few cached ones; bench/traffic.py issues brand, channel and client_credentials tokens, uses
# each, and revokes the channel and client_credentials ones, checking each is refused at once. Those
# two kinds live SOAK_REVOKED_LIFETIME, so that the revocation set (which keeps an entry until its
# token expires) reaches its steady size within the run instead of growing through it by design.
#
# Settings (environment):
#   SOAK_SECONDS      length of the run (600; at most 86400)
#   SOAK_INTERVAL     seconds between samples (10)
#   SOAK_CONNECTIONS  wrk connections (8)
#   SOAK_POOL         fresh tokens in wrk's pool (4000)
#   SOAK_WORKERS      driver threads (2)
#   SOAK_REVOKED_LIFETIME  lifetime of channel and client_credentials tokens (2m)
#   SOAK_JVM_FLAGS    Tollgate's JVM flags (-Xms512m -Xmx512m -XX:+UseParallelGC)
#   BENCH_SKIP_BUILD=1   use the jars already built
#
# Output: bench/results/soak-<time>/ (samples.csv, tallies, logs) and the Markdown summary, printed
# and written to bench/results/soak-<time>.md. Exit status 0 only if there was no error.
set -euo pipefail
BENCH_NAME=soak
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

SECONDS_TOTAL=${SOAK_SECONDS:-600}
INTERVAL=${SOAK_INTERVAL:-10}
CONNECTIONS=${SOAK_CONNECTIONS:-8}
POOL=${SOAK_POOL:-4000}
WORKERS=${SOAK_WORKERS:-2}
REVOKED_LIFETIME=${SOAK_REVOKED_LIFETIME:-2m}
JVM_FLAGS=${SOAK_JVM_FLAGS:--Xms512m -Xmx512m -XX:+UseParallelGC}
CACHED=8
if ! [[ "$SECONDS_TOTAL" =~ ^[0-9]+$ ]] || [ "$SECONDS_TOTAL" -lt 30 ] || [ "$SECONDS_TOTAL" -gt 86400 ]; then
  echo "SOAK_SECONDS must be a whole number from 30 to 86400" >&2
  exit 2
fi
if ! [[ "$INTERVAL" =~ ^[0-9]+$ ]] || [ "$INTERVAL" -lt 1 ]; then echo "SOAK_INTERVAL must be a whole number" >&2; exit 2; fi

UPSTREAM_PORT=18490
PORT=18480
MANAGEMENT=18481

bench_run soak

ensure_command wrk wrk
ensure_command python3 python3
command -v jcmd >/dev/null 2>&1 || die "jcmd is missing: it comes with the JDK that runs Tollgate"
require_free_ports "$UPSTREAM_PORT" "$PORT" "$MANAGEMENT"
build_jars upstream

log "starting the upstream and Tollgate"
start_upstream "$UPSTREAM_PORT"
start_tollgate tollgate "$JVM_FLAGS" --server.port="$PORT" --management.server.port="$MANAGEMENT" \
  --bench.upstream-port="$UPSTREAM_PORT" --tollgate.issuer.lifetimes.channel="$REVOKED_LIFETIME" \
  --tollgate.issuer.lifetimes.client-credentials="$REVOKED_LIFETIME"
TG=$TOLLGATE_PID
BASE="http://127.0.0.1:$PORT"

log "minting $POOL fresh and $CACHED cached brand tokens"
guarded_tokens "$BASE" "$POOL" "$CACHED"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "gn-access-token: $(head -1 "$WORK/cached")" "$BASE/guarded/x")" = 200 ] \
  || die "Tollgate refuses its own token"

# sample <elapsed>: one CSV row: heap used after a full GC (KiB, every generation), RSS (KiB), open
# file descriptors, threads. GC.run and GC.heap_info go through one attach (jcmd -f), so that the
# load allocates next to nothing between the collection and the reading.
printf 'GC.run\nGC.heap_info\n' >"$WORK/sample.jcmd"
sample() {
  local heap rss fds threads
  heap=$(jcmd "$TG" -f "$WORK/sample.jcmd" | awk '/total [0-9]+K, used [0-9]+K/ {
    for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K.*/, "", v); s += v}} END {print s + 0}')
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$TG/status")
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$TG/status")
  fds=$(find "/proc/$TG/fd" -mindepth 1 -maxdepth 1 | wc -l)
  echo "$(date +%s),$1,$heap,$rss,$fds,$threads" >>"$WORK/samples.csv"
}
echo "epoch_s,elapsed_s,heap_used_kb,rss_kb,fds,threads" >"$WORK/samples.csv"

# The load runs 5 s past the last sample, so that every sample is taken under load.
log "load for ${SECONDS_TOTAL}s, a sample every ${INTERVAL}s"
bench_start "$WORK/wrk.out" env BENCH_PATH=/guarded/x BENCH_HEADER=gn-access-token \
  BENCH_TOKENS="$WORK/wrk-tokens" BENCH_TALLY="$WORK/wrk.tally" BENCH_DOCUMENTED="$WORK/documented-genuin" \
  wrk -t1 -c"$CONNECTIONS" -d"$((SECONDS_TOTAL + 5))s" --timeout 5s -s bench/lua/case.lua "$BASE"
WRK=$BENCH_LAST_PID
bench_start "$WORK/driver.log" python3 bench/traffic.py drive --replica "T:$PORT:$MANAGEMENT" \
  --seconds "$((SECONDS_TOTAL + 5))" --workers "$WORKERS" --timeout 5 --revoke-kinds channel,client_credentials \
  --out "$WORK"
DRIVER=$BENCH_LAST_PID

START=$(date +%s)
for ((k = 0; k * INTERVAL <= SECONDS_TOTAL; k++)); do
  target=$((START + k * INTERVAL))
  while [ "$(date +%s)" -lt "$target" ]; do sleep 0.2; done
  kill -0 "$TG" 2>/dev/null || die "Tollgate died; see $WORK/tollgate.log"
  sample $((k * INTERVAL))
done

for pid in "$WRK" "$DRIVER"; do
  wait "$pid" || die "a load process failed; see $WORK/wrk.out and $WORK/driver.log"
  bench_forget "$pid"
done

python3 -c 'import json, sys; a = sys.argv; json.dump({"stamp": a[2], "commit": a[3], "machine": a[4],
  "seconds": int(a[5]), "jvm": a[6], "revoked_lifetime": a[7]}, open(a[1], "w"))' \
  "$WORK/settings.json" "$STAMP" "$(commit_line)" "$(machine_line)" "$SECONDS_TOTAL" "$JVM_FLAGS" "$REVOKED_LIFETIME"
status=0
python3 bench/traffic.py soak-report "$WORK" --out "$REPORT" || status=$?
log "written to $REPORT"
exit "$status"
