#!/usr/bin/env bash
# Reload under load (issue #14, docs/BENCHMARKS.md "Reload under load"): one Tollgate (memory store)
# under guarded load and brand issuance, first for RELOAD_SECONDS with no change (the baseline),
# then for as long again while the credentials file and the JWK set file are changed RELOAD_COUNT
# times in all: a brand added and removed in turn, the signing key switched in turn. Each version is
# written next to the file and renamed over it (what the CLI and an editor's atomic save do), and
# each must be applied (tollgate_config_reloads_total{outcome="applied"}) before the next. Loopback.
#
#   bench/reload.sh                      # 100 reloads within 60 s of load
#   RELOAD_COUNT=20 RELOAD_SECONDS=20 bench/reload.sh
#
# The two versions of each file are made by the provisioning CLI of the same jar (credentials
# add-brand, keys generate); the key switch reorders the JWK set, whose first key signs.
#
# Settings (environment):
#   RELOAD_COUNT        reloads in all, alternately credentials and keys (100)
#   RELOAD_SECONDS      seconds of load of each phase; the reloads must fit in the second (60)
#   RELOAD_CONNECTIONS  wrk connections of the guarded load (8; the issuance load has 2)
#   RELOAD_POOL         brand tokens in the guarded load's pool (2000)
#   RELOAD_JVM_FLAGS    Tollgate's JVM flags (-Xms256m -Xmx256m -XX:+UseParallelGC)
#   BENCH_SKIP_BUILD=1  use the jars already built
#
# Output: bench/results/reload-<time>/ and the Markdown summary, printed and written to
# bench/results/reload-<time>.md. The exit status is 0 only if no request of either phase failed
# (a status other than 200, or a socket error) and every reload was applied.
set -euo pipefail
BENCH_NAME=reload
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

COUNT=${RELOAD_COUNT:-100}
SECONDS_EACH=${RELOAD_SECONDS:-60}
CONNECTIONS=${RELOAD_CONNECTIONS:-8}
POOL=${RELOAD_POOL:-2000}
JVM_FLAGS=${RELOAD_JVM_FLAGS:--Xms256m -Xmx256m -XX:+UseParallelGC}
PORT=18480
MANAGEMENT=18481
UPSTREAM_PORT=18490

bench_run reload

ensure_command wrk wrk
ensure_command python3 python3
require_free_ports "$PORT" "$MANAGEMENT" "$UPSTREAM_PORT"
build_jars upstream
BASE="http://127.0.0.1:$PORT"
METRICS="http://127.0.0.1:$MANAGEMENT/actuator/prometheus"

cli() { java -jar "$WORK/jars/$TOLLGATE_JAR_NAME" "$@"; }

# --- The files and their two versions, made by the CLI; the keys are deleted on exit.
FILES="$WORK/files"
remove_keys() { rm -f "$FILES"/jwks*.json; }
BENCH_CLEANUP_HOOKS+=(remove_keys)
mkdir -p "$FILES"
cp config/credentials.yml "$FILES/credentials-without.yml"
cp config/credentials.yml "$FILES/credentials-with.yml"
VISITOR_SECRET=$(cli credentials add-brand --file "$FILES/credentials-with.yml" --id visitor --scope content:read | tail -1)
VISITOR_BODY="{\"api_key\":\"ak_visitor\",\"api_secret\":\"$VISITOR_SECRET\"}"
cli keys generate --file "$FILES/jwks-one.json" >/dev/null
cli keys generate --file "$FILES/jwks-one.json" >/dev/null
python3 - "$FILES/jwks-one.json" "$FILES/jwks-two.json" <<'EOF'
import json, sys
keys = json.load(open(sys.argv[1]))
keys["keys"].reverse()
json.dump(keys, open(sys.argv[2], "w"))
EOF
chmod 600 "$FILES"/*
cp "$FILES/credentials-without.yml" "$FILES/credentials.yml"
cp "$FILES/jwks-one.json" "$FILES/jwks.json"

# publish <version> <target>: the new version next to the target, renamed over it.
publish() {
  cp -p "$1" "$2.tmp"
  mv -f "$2.tmp" "$2"
}

applied() { # file
  curl -fs "$METRICS" | awk -v file="$1" '
    /^tollgate_config_reloads_total\{/ && index($0, "file=\"" file "\"") && index($0, "outcome=\"applied\"") {print $2}' \
    | head -1 | cut -d. -f1
}

start_upstream "$UPSTREAM_PORT"
start_tollgate tollgate "$JVM_FLAGS" --server.port="$PORT" --management.server.port="$MANAGEMENT" \
  --bench.upstream-port="$UPSTREAM_PORT" \
  --tollgate.credentials.location="file:$FILES/credentials.yml" \
  --tollgate.issuer.keys.location="file:$FILES/jwks.json" \
  --tollgate.reload.poll-interval=1s \
  --tollgate.rate-limit.brand.burst-capacity=100000000 --tollgate.rate-limit.brand.replenish-rate=100000000 \
  --tollgate.rate-limit.client-address.burst-capacity=100000000 \
  --tollgate.rate-limit.client-address.replenish-rate=100000000
wait_status "http://127.0.0.1:$MANAGEMENT/actuator/health/readiness" 200 60 || die "Tollgate is not ready; see $WORK/tollgate.log"

log "minting $POOL brand tokens"
mint_pool "$BASE" "$WORK/pool" "$POOL"

# load <phase>: the guarded load and the issuance load, in the background, for SECONDS_EACH.
load() {
  local phase=$1
  bench_start "$WORK/wrk-guarded-$phase.log" env BENCH_PATH=/guarded/x BENCH_HEADER=gn-access-token \
    BENCH_TOKENS="$WORK/pool" BENCH_OUT="$WORK/guarded-$phase.out" \
    wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 5s -s bench/lua/case.lua "$BASE"
  GUARDED_PID=$BENCH_LAST_PID
  bench_start "$WORK/wrk-issuance-$phase.log" env BENCH_METHOD=POST BENCH_PATH=/api/thirdparty/auth \
    BENCH_BODY="$BRAND_BODY" BENCH_CONTENT_TYPE=application/json BENCH_OUT="$WORK/issuance-$phase.out" \
    wrk -t1 -c2 -d"${SECONDS_EACH}s" --timeout 5s -s bench/lua/case.lua "$BASE"
  ISSUANCE_PID=$BENCH_LAST_PID
}

finish() { # phase
  wait "$GUARDED_PID" "$ISSUANCE_PID"
  bench_forget "$GUARDED_PID"
  bench_forget "$ISSUANCE_PID"
}

log "phase 1: ${SECONDS_EACH}s of load, no reload"
load baseline
finish baseline

log "phase 2: ${SECONDS_EACH}s of load, $COUNT reloads"
credentials_before=$(applied credentials)
keys_before=$(applied keys)
load reloads
started=$(date +%s%3N)
: >"$WORK/reloads.csv"
visitor_refused=0
visitor_accepted=0
for ((i = 0; i < COUNT; i++)); do
  if ((i % 2 == 0)); then
    file=credentials
    if ((i % 4 == 0)); then version=with; else version=without; fi
    publish "$FILES/credentials-$version.yml" "$FILES/credentials.yml"
    expected=$((credentials_before + i / 2 + 1))
  else
    file=keys
    if ((i % 4 == 1)); then version=two; else version=one; fi
    publish "$FILES/jwks-$version.json" "$FILES/jwks.json"
    expected=$((keys_before + i / 2 + 1))
  fi
  t0=$(date +%s%3N)
  until [ "$(applied "$file")" -ge "$expected" ]; do
    [ $(($(date +%s%3N) - t0)) -lt 20000 ] || die "reload $i ($file $version) was not applied within 20 s"
    sleep 0.02
  done
  echo "$i,$file,$version,$(($(date +%s%3N) - t0))" >>"$WORK/reloads.csv"
  if [ "$file" = credentials ]; then
    status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/api/thirdparty/auth" \
      -H 'Content-Type: application/json' -d "$VISITOR_BODY")
    if [ "$version" = with ] && [ "$status" = 200 ]; then visitor_accepted=$((visitor_accepted + 1)); fi
    if [ "$version" = without ] && [ "$status" = 404 ]; then visitor_refused=$((visitor_refused + 1)); fi
  fi
done
reload_ms=$(($(date +%s%3N) - started))
running=0
kill -0 "$GUARDED_PID" 2>/dev/null && running=1
finish reloads
[ "$running" = 1 ] || die "the $COUNT reloads took longer than the ${SECONDS_EACH}s of load; raise RELOAD_SECONDS"

# Each .out line: requests duration_us non2xx socket_errors p50_us p99_us.
read -r g1_req g1_dur g1_non g1_sock g1_p50 g1_p99 <"$WORK/guarded-baseline.out"
read -r g2_req g2_dur g2_non g2_sock g2_p50 g2_p99 <"$WORK/guarded-reloads.out"
read -r i1_req i1_dur i1_non i1_sock _ i1_p99 <"$WORK/issuance-baseline.out"
read -r i2_req i2_dur i2_non i2_sock _ i2_p99 <"$WORK/issuance-reloads.out"
failed=$((g1_non + g1_sock + g2_non + g2_sock + i1_non + i1_sock + i2_non + i2_sock))
rate() { python3 -c "print(f'{$1 / ($2 / 1e6):,.0f}')"; }
ratio() { python3 -c "print(f'{($1 / $2) / ($3 / $4):.2f}')"; }
p50_apply=$(cut -d, -f4 "$WORK/reloads.csv" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
max_apply=$(cut -d, -f4 "$WORK/reloads.csv" | sort -n | tail -1)
credentials_checks=$((COUNT / 2))

{
  echo "## Reload under load, $(date -u +%Y-%m-%d)"
  echo
  echo "\`bench/reload.sh\` (RELOAD_COUNT=$COUNT RELOAD_SECONDS=$SECONDS_EACH RELOAD_CONNECTIONS=$CONNECTIONS RELOAD_POOL=$POOL); $(machine_line); commit $(commit_line)."
  echo
  echo "| phase | guarded req/s | guarded p99 | issuance req/s | issuance p99 | failed requests |"
  echo "|---|---|---|---|---|---|"
  echo "| baseline, no reload | $(rate "$g1_req" "$g1_dur") | $((g1_p99 / 1000)) ms | $(rate "$i1_req" "$i1_dur") | $((i1_p99 / 1000)) ms | $((g1_non + g1_sock + i1_non + i1_sock)) |"
  echo "| $COUNT reloads in $((reload_ms / 1000)) s | $(rate "$g2_req" "$g2_dur") | $((g2_p99 / 1000)) ms | $(rate "$i2_req" "$i2_dur") | $((i2_p99 / 1000)) ms | $((g2_non + g2_sock + i2_non + i2_sock)) |"
  echo
  echo "Guarded throughput with reloads / without: $(ratio "$g2_req" "$g2_dur" "$g1_req" "$g1_dur"); issuance: $(ratio "$i2_req" "$i2_dur" "$i1_req" "$i1_dur")."
  echo "A version was in force (applied counter) a median $p50_apply ms after its rename, at most $max_apply ms."
  echo "The brand that comes and goes answered as its version says after each of the $credentials_checks credentials reloads: present $visitor_accepted times, absent $visitor_refused times."
} | tee "$REPORT"

[ "$failed" -eq 0 ] || die "$failed requests failed"
[ $((visitor_accepted + visitor_refused)) -eq "$credentials_checks" ] || die "a credentials reload was not in force"
log "done: no failed request; $REPORT"
