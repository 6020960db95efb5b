#!/usr/bin/env bash
# Classic PUBLISH against sharded SPUBLISH on a real Redis Cluster (issue #16 point 2,
# docs/BENCHMARKS.md "Revocation announcements on a cluster"): for each cluster size it starts
# Debian's redis-server nodes on free ports, joins them with redis-cli --cluster create, and lets
# bench/pubsub.py measure both commands on the revocation channel, alternating: latency from the
# announcement to each of a few subscribers (standing for Tollgate replicas), announcements a
# second in a burst, cluster-bus messages and CPU per announcement summed over the nodes. Does
# classic broadcast cost grow with the nodes? The sizes answer it. Loopback only.
#
#   bench/cluster-pubsub.sh                      # sizes 3:0 3:1 3:2 6:1, about 3 minutes
#   CLUSTER_SIZES="3:1" bench/cluster-pubsub.sh  # one size
#
# Settings (environment):
#   CLUSTER_SIZES        primaries:replicas-per-primary of each cluster (3:0 3:1 3:2 6:1)
#   PUBSUB_SUBSCRIBERS   subscriptions, one per Tollgate replica (4)
#   PUBSUB_ROUNDS        rounds of both modes, the order reversed every other one (2)
#   PUBSUB_MESSAGES      announcements sent one at a time for the latency (1000)
#   PUBSUB_BURST         announcements pipelined for the cost (20000)
#
# Output: bench/results/pubsub-<time>/ (nodes' logs, one JSON per size) and the Markdown table,
# printed and written to bench/results/pubsub-<time>.md.
set -euo pipefail
BENCH_NAME=pubsub
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

read -r -a SIZES <<<"${CLUSTER_SIZES:-3:0 3:1 3:2 6:1}"
SUBSCRIBERS=${PUBSUB_SUBSCRIBERS:-4}
ROUNDS=${PUBSUB_ROUNDS:-2}
MESSAGES=${PUBSUB_MESSAGES:-1000}
BURST=${PUBSUB_BURST:-20000}

bench_run pubsub

ensure_command redis-server redis-server
ensure_command redis-cli redis-tools
ensure_command python3 python3
REDIS_VERSION=$(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p')

# free_ports <count>: ports p that are free with p + 10000 (the node's cluster-bus port) free too,
# below 55536 as Redis requires; other runs may hold any fixed ones.
free_ports() {
  python3 -c '
import random, socket, sys
def free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False
chosen = []
while len(chosen) < int(sys.argv[1]):
    port = random.randint(20000, 55535)
    if port not in chosen and port + 10000 not in chosen and free(port) and free(port + 10000):
        chosen.append(port)
print(" ".join(map(str, chosen)))' "$1"
}

cluster_ok() { # port...
  local port
  for port in "$@"; do
    redis-cli -p "$port" cluster info 2>/dev/null | grep -q '^cluster_state:ok' || return 1
  done
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
FILES=()
for size in "${SIZES[@]}"; do
  primaries=${size%:*}
  replicas=${size#*:}
  count=$((primaries * (replicas + 1)))
  read -r -a ports <<<"$(free_ports "$count")"
  pids=()
  for port in "${ports[@]}"; do
    mkdir -p "$WORK/$size/$port"
    bench_start "$WORK/$size/$port/redis.log" redis-server --bind 127.0.0.1 --port "$port" \
      --dir "$WORK/$size/$port" --cluster-enabled yes --cluster-config-file nodes.conf \
      --cluster-node-timeout 5000 --save '' --appendonly no --protected-mode yes --daemonize no
    pids+=("$BENCH_LAST_PID")
  done
  for port in "${ports[@]}"; do
    for _ in $(seq 1 100); do
      [ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ] && break
      sleep 0.05
    done
  done
  addresses=()
  for port in "${ports[@]}"; do addresses+=("127.0.0.1:$port"); done
  redis-cli --cluster create "${addresses[@]}" --cluster-replicas "$replicas" --cluster-yes \
    >"$WORK/$size/create.log" 2>&1 || die "redis-cli --cluster create failed; see $WORK/$size/create.log"
  for _ in $(seq 1 600); do cluster_ok "${ports[@]}" && break; sleep 0.1; done
  cluster_ok "${ports[@]}" || die "cluster $size did not reach cluster_state:ok"
  # Every replica in sync before measuring: a replica still loading would skew the CPU.
  sleep 2
  log "cluster of $count nodes ($primaries primaries, $replicas replica(s) each) on ${ports[*]}"
  python3 bench/pubsub.py measure --nodes "$(IFS=,; echo "${ports[*]}")" --out "$WORK/size-$size.json" \
    --subscribers "$SUBSCRIBERS" --rounds "$ROUNDS" --latency-messages "$MESSAGES" --burst "$BURST"
  FILES+=("$WORK/size-$size.json")
  for pid in "${pids[@]}"; do bench_stop "$pid" 10; done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 bench/pubsub.py report "${FILES[@]}" --out "$WORK/table.md" >/dev/null
{
  echo "PUBLISH against SPUBLISH on Redis Cluster, run $STAMP"
  echo
  cat "$WORK/table.md"
  echo
  echo "$SUBSCRIBERS subscriptions; $MESSAGES announcements one at a time (2 ms apart) for the latency, medians of the"
  echo "$ROUNDS alternating rounds; bursts of $BURST pipelined announcements for the rate, bus messages and CPU."
  echo "Redis $REDIS_VERSION; commit $(commit_line)."
  echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average before $LOAD_BEFORE, after $LOAD_AFTER."
} | tee "$REPORT"
log "written to $REPORT"
