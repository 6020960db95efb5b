# Shell shared by the bench scripts (bench/run.sh, bench/chaos.sh, bench/soak.sh); sourced, not run.
# The sourcing script sets BENCH_NAME (the tag of its log lines) and WORK (its run directory), and
# calls bench_init once before starting anything (or bench_run, which names WORK and calls it).
#
# Every process a script starts goes through bench_start, which records its id; on exit (normal,
# error or signal) bench_cleanup stops exactly those processes, by id, and only while they are
# still this shell's children (an id that has been reaped may since belong to someone else).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOLLGATE_JAR_NAME=tollgate-0.1.0-SNAPSHOT.jar
BRAND_BODY='{"api_key":"ak_demo_acme","api_secret":"sk_demo_acme_4c1f9e0b7d2a8e6f3b5c9d1a7e2f4b8c"}'
CLIENT_BASIC="Basic $(printf %s 'demo-web:demo-web-secret-8f14e45fceea167a5a36dedd4bea2543' | base64 -w0)"

# The JVM of Tollgate (and of case R): BENCH_JAVA_HOME's, else java on the PATH.
TOLLGATE_JAVA=${BENCH_JAVA_HOME:+$BENCH_JAVA_HOME/bin/}java

BENCH_PIDS=()
BENCH_CLEANUP_HOOKS=()

log() { printf '[%s %s] %s\n' "${BENCH_NAME:-bench}" "$(date -u +%H:%M:%S)" "$*" >&2; }

die() {
  log "FAILED: $*"
  exit 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ensure_command <command> <debian package>: installs the package from Debian's archive when the
# command is missing, and fails if that does not bring it.
ensure_command() {
  local command=$1 package=$2
  if command -v "$command" >/dev/null 2>&1; then return 0; fi
  log "installing $package from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  command -v "$command" >/dev/null 2>&1 || die "$command is still missing after installing $package"
}

bench_init() {
  mkdir -p "$WORK"
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# bench_run <name>: this run's directory (WORK) and report (REPORT) under bench/results, named
# <name>-<time>, then bench_init.
bench_run() {
  STAMP=$(date -u +%Y%m%dT%H%M%SZ)
  RESULTS="$ROOT/bench/results"
  WORK="$RESULTS/$1-$STAMP"
  REPORT="$WORK.md"
  bench_init
}

# bench_start <log file> <command...>: starts the command in the background, its output to the
# log; the id is in BENCH_LAST_PID.
bench_start() {
  local out=$1
  shift
  "$@" >"$out" 2>&1 &
  BENCH_LAST_PID=$!
  BENCH_PIDS+=("$BENCH_LAST_PID")
}

# bench_forget <pid>: the process has been stopped and reaped by its starter; cleanup leaves it be.
bench_forget() {
  local pid=$1 kept=() p
  for p in "${BENCH_PIDS[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  BENCH_PIDS=("${kept[@]}")
}

is_my_child() {
  [ "$(ps -o ppid= -p "$1" 2>/dev/null | tr -d ' ')" = "$$" ]
}

# bench_stop <pid> [seconds]: SIGTERM, then SIGKILL after the grace period (graceful shutdown of a
# gateway takes up to its drain timeout), then reap.
bench_stop() {
  local pid=$1 grace=${2:-30} i
  if is_my_child "$pid"; then
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  wait "$pid" 2>/dev/null || true
  bench_forget "$pid"
}

bench_cleanup() {
  local status=$? pid hook
  trap - EXIT INT TERM
  for pid in "${BENCH_PIDS[@]}"; do
    if is_my_child "$pid"; then kill "$pid" 2>/dev/null || true; fi
  done
  for pid in "${BENCH_PIDS[@]}"; do
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if is_my_child "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
    wait "$pid" 2>/dev/null || true
  done
  BENCH_PIDS=()
  for hook in "${BENCH_CLEANUP_HOOKS[@]}"; do "$hook" || true; done
  exit "$status"
}

# port_free <port...>: fails loudly when anything listens on one of them.
require_free_ports() {
  local port
  for port in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      die "port $port on 127.0.0.1 is in use; stop what listens there (ss -ltnp 'sport = :$port')"
    fi
  done
}

# wait_for <url> <name> <log>: any HTTP answer will do (a resource server's actuator wants a token).
wait_for() {
  local url=$1 name=$2 out=${3:-}
  for _ in $(seq 1 240); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" != 000 ]; then return 0; fi
    sleep 0.5
  done
  die "$name did not come up${out:+; see $out}"
}

# wait_status <url> <status> <seconds>: polls until the URL answers that status; fails otherwise.
wait_status() {
  local url=$1 expected=$2 seconds=$3 i
  for ((i = 0; i < seconds * 4; i++)); do
    if [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url")" = "$expected" ]; then return 0; fi
    sleep 0.25
  done
  return 1
}

# build_jars [upstream|bench]: the jar of ./mvnw package, and the bench upstream ("upstream") or
# every bench program ("bench": the upstream and the resource-server baseline), unless
# BENCH_SKIP_BUILD=1; then copies them into $WORK/jars, so that a build in this clone during the
# run cannot swap a jar under a running JVM.
build_jars() {
  local what=${1:-} jar
  local -a jars=("target/$TOLLGATE_JAR_NAME")
  case "$what" in
    upstream) jars+=(bench/upstream/target/bench-upstream.jar) ;;
    bench) jars+=(bench/upstream/target/bench-upstream.jar bench/resource-server/target/bench-resource-server.jar
      bench/floor/target/bench-floor.jar bench/tail/target/bench-tail.jar) ;;
  esac
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    log "building Tollgate${what:+ and the bench programs}"
    (cd "$ROOT" && ./mvnw -q -DskipTests package)
    case "$what" in
      upstream) (cd "$ROOT" && ./mvnw -q -f bench/upstream/pom.xml package) ;;
      bench) (cd "$ROOT" && ./mvnw -q -f bench/pom.xml package) ;;
    esac
  fi
  mkdir -p "$WORK/jars"
  BENCH_CLEANUP_HOOKS+=(remove_jar_copies)
  for jar in "${jars[@]}"; do
    [ -f "$ROOT/$jar" ] || die "$jar is missing: build it, or run without BENCH_SKIP_BUILD=1"
    cp "$ROOT/$jar" "$WORK/jars/"
  done
}

remove_jar_copies() { rm -rf "$WORK/jars"; }

start_upstream() { # port
  bench_start "$WORK/upstream.log" java -Xms128m -Xmx128m -XX:+UseParallelGC -jar "$WORK/jars/bench-upstream.jar" "$1"
  UPSTREAM_PID=$BENCH_LAST_PID
  wait_for "http://127.0.0.1:$1/" upstream "$WORK/upstream.log"
}

# start_floor <port> <upstream port> <jvm flags>: case R, the minimal Reactor Netty proxy
# (bench/floor), on Tollgate's JVM (TOLLGATE_JAVA).
start_floor() {
  # shellcheck disable=SC2086
  bench_start "$WORK/floor.log" "$TOLLGATE_JAVA" $3 -jar "$WORK/jars/bench-floor.jar" "$1" "$2"
  wait_for "http://127.0.0.1:$1/" floor "$WORK/floor.log"
}

# start_tollgate <name> <jvm flags> <application arguments...>: the jar with bench/ as its working
# directory, so that Spring Boot reads bench/config/application.yml (and its profile files), on
# TOLLGATE_JAVA (set it for one call to start a variant on another JVM); waits
# for the management port named by --management.server.port (or 18081). The id is in TOLLGATE_PID.
start_tollgate() {
  local name=$1 flags=$2 management=18081 arg
  shift 2
  for arg in "$@"; do
    case "$arg" in --management.server.port=*) management=${arg#*=} ;; esac
  done
  # shellcheck disable=SC2086
  bench_start "$WORK/$name.log" bash -c 'cd "$1" && shift && exec "$@"' _ "$ROOT/bench" \
    "$TOLLGATE_JAVA" $flags -jar "$WORK/jars/$TOLLGATE_JAR_NAME" "$@"
  TOLLGATE_PID=$BENCH_LAST_PID
  wait_for "http://127.0.0.1:$management/actuator/health" "$name" "$WORK/$name.log"
}

# mint_pool <base url> <file> <count>: brand tokens through Tollgate's brand endpoint, by wrk. wrk
# stops its thread at the limit but sleeps out its duration, hence short runs until full.
mint_pool() {
  local url=$1 file=$2 count=$3 minted=0
  : >"$file"
  for _ in $(seq 1 $((30 + count / 5000))); do
    BENCH_METHOD=POST BENCH_PATH=/api/thirdparty/auth BENCH_BODY="$BRAND_BODY" \
      BENCH_CONTENT_TYPE=application/json BENCH_CAPTURE=gn-access-token \
      BENCH_CAPTURE_FILE="$file" BENCH_CAPTURE_LIMIT=$((count - minted)) \
      wrk -t1 -c8 -d4s -s "$ROOT/bench/lua/case.lua" "$url" >/dev/null
    minted=$(wc -l <"$file")
    if [ "$minted" -ge "$count" ]; then return 0; fi
  done
  die "minted only $minted of $count tokens"
}

# one_brand_token <base url>: a brand token, from the gn-access-token header.
one_brand_token() {
  curl -fs -D - -o /dev/null -X POST "$1/api/thirdparty/auth" -H 'Content-Type: application/json' \
    -d "$BRAND_BODY" | awk -F': ' 'tolower($1)=="gn-access-token" {print $2}' | tr -d '\r'
}

# guarded_tokens <base url> <pool size> <cached count>: the guarded load's tokens, in $WORK: a pool
# of fresh brand tokens (pool), a few that the load repeats so they stay cached (cached), and wrk's
# list alternating the two (wrk-tokens); also the genuin bodies the load's tally accepts
# (documented-genuin).
guarded_tokens() {
  local url=$1 pool=$2 cached=$3
  mint_pool "$url" "$WORK/pool" "$pool"
  : >"$WORK/cached"
  for _ in $(seq 1 "$cached"); do one_brand_token "$url" >>"$WORK/cached"; done
  awk -v cached="$WORK/cached" 'BEGIN {while ((getline t < cached) > 0) c[n++] = t}
    {print; print c[NR % n]}' "$WORK/pool" >"$WORK/wrk-tokens"
  python3 "$ROOT/bench/traffic.py" documented genuin "$WORK/documented-genuin"
}

# bearer_case <case>: the request of bench/run.sh's case B, C-bearer or D, for the scripts that
# measure those apart (bench/tail.sh, bench/runtime.sh): CASE_PATH, and CASE_TOKENS, the file (in
# $WORK: one-token, or the pool of mint_pool) whose tokens go in "Authorization: Bearer".
bearer_case() {
  case "$1" in
    B) CASE_PATH=/open/x CASE_TOKENS=$WORK/one-token ;;
    C-bearer) CASE_PATH=/guarded/x CASE_TOKENS=$WORK/one-token ;;
    D) CASE_PATH=/guarded/x CASE_TOKENS=$WORK/pool ;;
    *) die "unknown case $1 (B, C-bearer or D)" ;;
  esac
}

# wrk_bearer <case> <base url> <seconds> <out>: closed-loop wrk (-t$THREADS -c$CONNECTIONS) with
# that case's request, appending bench/lua/case.lua's summary line to <out>.
wrk_bearer() {
  bearer_case "$1"
  BENCH_OUT="$4" BENCH_PATH=$CASE_PATH BENCH_HEADER=Authorization BENCH_PREFIX="Bearer " \
    BENCH_TOKENS=$CASE_TOKENS wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3s" -s "$ROOT/bench/lua/case.lua" "$2" >/dev/null
}

# The GC pauses of a JVM started with $(gc_log_flags <file>), between two wall-clock times in
# milliseconds (now_ms): "count total_ms max_ms". A pause is a logged line naming one and ending in
# its duration: "Pause Young ... 1.234ms" (Serial, Parallel, G1), "Pause Mark Start 0.010ms" (ZGC,
# gc+phases), "Pause Init Mark 0.2ms" (Shenandoah).
gc_log_flags() { echo "-Xlog:gc,gc+phases:file=$1:timemillis"; }
now_ms() { date +%s%3N; }
gc_pauses() { # log, from ms, to ms
  awk -v from="$2" -v to="$3" '/Pause/ && $NF ~ /^[0-9.]+ms$/ {
      t = substr($1, 2) + 0
      if (t < from || t > to) next
      v = $NF; sub(/ms$/, "", v); v += 0
      n++; s += v; if (v > m) m = v
    } END {printf "%d %.1f %.1f", n, s, m}' "$1"
}

# alternate <round> <items...>: the items in their order in odd rounds, reversed in even ones, so
# that over an even count of rounds every item has each place and each neighbour equally often.
alternate() {
  local round=$1
  shift
  if [ $((round % 2)) = 1 ]; then echo "$*"; else printf '%s\n' "$@" | tac | tr '\n' ' '; fi
}

machine_line() {
  echo "$(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

commit_line() {
  local dirty=""
  if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then dirty=" (with uncommitted changes)"; fi
  echo "$(git -C "$ROOT" log -1 --format='%h "%s"' 2>/dev/null || echo unknown)$dirty"
}

# The measurements of a wrk run (bench/lua/case.lua's summary line: requests, duration in µs,
# non-2xx answers, socket errors, p50 µs, p99 µs), one line per slice in $WORK/measure-<case>.
rate_of() { # summary line -> requests/s
  awk '{printf "%.1f", $1 / ($2 / 1e6)}' <<<"$1"
}
# Per case (or variant): total requests over total time, the median of the rounds' p50 and p99, errors.
summarize() { # case -> "rate p50_ms p99_ms errors"
  local file="$WORK/measure-$1" middle p50 p99
  middle=$((($(wc -l <"$file") + 1) / 2))
  p50=$(awk '{print $5}' "$file" | sort -n | sed -n "${middle}p")
  p99=$(awk '{print $6}' "$file" | sort -n | sed -n "${middle}p")
  awk -v p50="$p50" -v p99="$p99" '{req += $1; dur += $2; err += $3 + $4}
    END {printf "%.0f %.2f %.2f %d", req / (dur / 1e6), p50 / 1000, p99 / 1000, err}' "$file"
}
# Per round ratio of two cases, as "min–max" over the rounds.
ratio_range() { # numerator case, denominator case
  paste -d' ' "$WORK/measure-$1" "$WORK/measure-$2" \
    | awk '{r = ($1 / $2) / ($7 / $8); if (NR == 1 || r < lo) lo = r; if (NR == 1 || r > hi) hi = r}
      END {printf "%.2f–%.2f", lo, hi}'
}

# jwks_pem <jwks url> <kid> <pem file>: the RSA key of that kid in the JWKS, as a PEM public key
# (SubjectPublicKeyInfo), for a JWT library outside Tollgate (HAProxy's jwt_verify, case H):
# python3 decodes the JWK's base64url modulus and exponent, openssl builds the DER from them.
jwks_pem() {
  local url=$1 kid=$2 pem=$3 spec
  spec="$pem.asn1"
  curl -fs "$url" | python3 -c '
import base64, json, sys
kid = sys.argv[1]
keys = [k for k in json.load(sys.stdin)["keys"] if k.get("kid") == kid and k["kty"] == "RSA"]
if len(keys) != 1:
    sys.exit("no single RSA key of kid %s in the JWKS" % kid)
def hex_of(field):
    raw = base64.urlsafe_b64decode(keys[0][field] + "=" * (-len(keys[0][field]) % 4))
    return raw.hex()
print("asn1=SEQUENCE:spki\n[spki]\nalgorithm=SEQUENCE:alg\nkey=BITWRAP,SEQUENCE:rsa")
print("[alg]\noid=OID:rsaEncryption\nparameters=NULL")
print("[rsa]\nn=INTEGER:0x%s\ne=INTEGER:0x%s" % (hex_of("n"), hex_of("e")))
' "$kid" >"$spec" || die "could not read the key $kid from $url"
  openssl asn1parse -genconf "$spec" -noout -out "$pem.der" \
    && openssl pkey -pubin -inform DER -in "$pem.der" -out "$pem" || die "could not build $pem"
  rm -f "$spec" "$pem.der"
}

# jwt_field <token> <header|payload> <field>: a field of a JWT's header (its kid, for jwks_pem) or
# payload (its iss, for case H).
jwt_field() {
  python3 -c '
import base64, json, sys
part = sys.argv[1].split(".")[0 if sys.argv[2] == "header" else 1]
print(json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))[sys.argv[3]])
' "$1" "$2" "$3"
}
