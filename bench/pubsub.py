#!/usr/bin/env python3
"""The measuring side of bench/cluster-pubsub.sh: classic PUBLISH against sharded SPUBLISH on one
running Redis Cluster, the revocation channel's traffic as Tollgate's replicas would see it.
Standard library only (a small RESP client); talks to 127.0.0.1 alone.

  pubsub.py measure --nodes P1,P2,... --out FILE.json   one cluster, both modes, alternating
  pubsub.py report FILE.json ... --out FILE.md          the Markdown table of every cluster size

For each mode, SUBSCRIBERS connections stand for Tollgate replicas: with PUBLISH, spread over every
node (a replica's subscription may land on any node; Redis broadcasts each message to all of them
over the cluster bus); with SSUBSCRIBE, on the primary of the channel's slot (where Lettuce sends
it). Two figures per mode and round:

- latency: LATENCY_MESSAGES announcements, one at a time, each carrying its send time; from the
  send to its arrival at each subscriber (p50, p99, max over every message and subscriber);
- cost: a burst of BURST announcements pipelined into one node, until every subscriber has them
  all: announcements a second, the cluster-bus messages the nodes sent (CLUSTER INFO
  cluster_stats_messages_*publish*_sent, summed over the nodes) and the CPU every node spent
  (INFO cpu, less what the same nodes spend idle over the same time), per announcement.
"""

import argparse
import json
import socket
import sys
import threading
import time

CHANNEL = "tollgate:bench:revocations"


class Connection:
    def __init__(self, port, timeout=30):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.file = self.sock.makefile("rb")
        self.port = port

    def send(self, *args):
        self.sock.sendall(encode(args))

    def call(self, *args):
        self.send(*args)
        return self.read()

    def read(self):
        line = self.file.readline()
        if not line:
            raise ConnectionError(f"node {self.port} closed the connection")
        kind, rest = line[:1], line[1:-2]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            return RedisError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            size = int(rest)
            if size < 0:
                return None
            data = self.file.read(size + 2)[:-2]
            return data.decode()
        if kind == b"*":
            size = int(rest)
            return None if size < 0 else [self.read() for _ in range(size)]
        raise ValueError(f"unexpected reply {line!r}")

    def close(self):
        self.sock.close()


class RedisError(str):
    pass


def encode(args):
    out = [b"*%d\r\n" % len(args)]
    for arg in args:
        data = str(arg).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(out)


def info_field(text, field):
    for line in text.splitlines():
        if line.startswith(field + ":"):
            return line.split(":", 1)[1].strip()
    return None


class Cluster:
    def __init__(self, ports):
        self.ports = ports
        self.admin = {port: Connection(port) for port in ports}

    def roles(self):
        return {port: info_field(c.call("INFO", "replication"), "role") for port, c in self.admin.items()}

    def primary_of_channel(self):
        slot = self.admin[self.ports[0]].call("CLUSTER", "KEYSLOT", CHANNEL)
        for line in self.admin[self.ports[0]].call("CLUSTER", "NODES").splitlines():
            fields = line.split(" ")
            if "master" not in fields[2]:
                continue
            for part in fields[8:]:
                if part.startswith("["):
                    continue
                low, _, high = part.partition("-")
                if int(low) <= slot <= int(high or low):
                    return int(fields[1].split("@")[0].rsplit(":", 1)[1])
        raise RuntimeError(f"no primary serves slot {slot}")

    def bus_publish_sent(self):
        total = 0
        for connection in self.admin.values():
            for line in connection.call("CLUSTER", "INFO").splitlines():
                name, _, value = line.partition(":")
                if name.startswith("cluster_stats_messages_publish") and name.endswith("_sent"):
                    total += int(value)
        return total

    def cpu_seconds(self):
        total = 0.0
        for connection in self.admin.values():
            text = connection.call("INFO", "cpu")
            total += float(info_field(text, "used_cpu_user")) + float(info_field(text, "used_cpu_sys"))
        return total


class Subscriber(threading.Thread):
    """One replica's subscription: counts what arrives and records each latency."""

    def __init__(self, port, sharded):
        super().__init__(daemon=True)
        self.port = port
        self.connection = Connection(port, timeout=None)
        self.sharded = sharded
        reply = self.connection.call("SSUBSCRIBE" if sharded else "SUBSCRIBE", CHANNEL)
        if isinstance(reply, RedisError) or not isinstance(reply, list):
            raise RuntimeError(f"subscribe at {port}: {reply}")
        self.lock = threading.Lock()
        self.received = 0
        self.latencies = []
        self.record = False

    def run(self):
        try:
            while True:
                message = self.connection.read()
                now = time.monotonic_ns()
                if isinstance(message, list) and message[0] in ("message", "smessage"):
                    sent = int(message[2].split(" ", 1)[0])
                    with self.lock:
                        self.received += 1
                        if self.record:
                            self.latencies.append(now - sent)
        except (OSError, ConnectionError):
            return

    def count(self):
        with self.lock:
            return self.received

    def close(self):
        self.connection.close()


def wait_for(subscribers, expected, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(s.count() >= expected for s in subscribers):
            return True
        time.sleep(0.002)
    return False


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def one_mode(cluster, sharded, args):
    command = "SPUBLISH" if sharded else "PUBLISH"
    shard_primary = cluster.primary_of_channel()
    # Where the replicas' subscriptions and the publishing replica's connection are.
    if sharded:
        subscriber_ports = [shard_primary] * args.subscribers
        publisher_port = shard_primary
    else:
        subscriber_ports = [cluster.ports[i % len(cluster.ports)] for i in range(args.subscribers)]
        publisher_port = cluster.ports[(args.subscribers) % len(cluster.ports)]
    subscribers = [Subscriber(port, sharded) for port in subscriber_ports]
    for subscriber in subscribers:
        subscriber.start()
    publisher = Connection(publisher_port)
    try:
        # Latency: one announcement at a time.
        for subscriber in subscribers:
            subscriber.record = True
        for i in range(args.latency_messages):
            reply = publisher.call(command, CHANNEL, f"{time.monotonic_ns()} {i} 1767225600000 jti-{i:08d}")
            if isinstance(reply, RedisError):
                raise RuntimeError(f"{command} at {publisher_port}: {reply}")
            time.sleep(args.gap)
        if not wait_for(subscribers, args.latency_messages, 30):
            raise RuntimeError(f"{command}: the subscribers did not get every announcement")
        latencies = [ns / 1e6 for s in subscribers for ns in s.latencies]
        # Those whose subscription is on another node than the publisher's: the message crossed the bus.
        remote = [ns / 1e6 for s in subscribers if s.port != publisher_port for ns in s.latencies]
        for subscriber in subscribers:
            subscriber.record = False

        # Idle CPU of the same nodes over about the burst's time, measured just before it.
        idle_cpu_before = cluster.cpu_seconds()
        idle_started = time.monotonic()
        time.sleep(args.idle)
        idle_rate = (cluster.cpu_seconds() - idle_cpu_before) / (time.monotonic() - idle_started)

        base = subscribers[0].count()
        bus_before = cluster.bus_publish_sent()
        cpu_before = cluster.cpu_seconds()
        started = time.monotonic()
        batch = 200
        for first in range(0, args.burst, batch):
            publisher.sock.sendall(b"".join(
                encode((command, CHANNEL, f"{time.monotonic_ns()} {first + j} 1767225600000 jti-{first + j:08d}"))
                for j in range(min(batch, args.burst - first))))
            for _ in range(min(batch, args.burst - first)):
                reply = publisher.read()
                if isinstance(reply, RedisError):
                    raise RuntimeError(f"{command}: {reply}")
        if not wait_for(subscribers, base + args.burst, 120):
            raise RuntimeError(f"{command}: the burst did not reach every subscriber")
        seconds = time.monotonic() - started
        cpu = cluster.cpu_seconds() - cpu_before - idle_rate * seconds
        bus = cluster.bus_publish_sent() - bus_before
        return {
            "command": command,
            "subscribers_at": sorted(set(subscriber_ports)),
            "publisher_at": publisher_port,
            "latency_ms": {"p50": percentile(latencies, 0.5), "p99": percentile(latencies, 0.99),
                           "max": max(latencies), "samples": len(latencies),
                           "other_nodes_p99": percentile(remote, 0.99) if remote else None,
                           "other_nodes_samples": len(remote)},
            "burst": args.burst,
            "announcements_per_second": args.burst / seconds,
            "bus_messages_per_announcement": bus / args.burst,
            "cpu_us_per_announcement": max(0.0, cpu) * 1e6 / args.burst,
        }
    finally:
        publisher.close()
        for subscriber in subscribers:
            subscriber.close()


def measure(args):
    cluster = Cluster([int(p) for p in args.nodes.split(",")])
    roles = cluster.roles()
    result = {"nodes": len(cluster.ports), "primaries": sum(1 for r in roles.values() if r == "master"),
              "subscribers": args.subscribers, "rounds": []}
    for round_number in range(args.rounds):
        # Alternating, the order reversed every other round: each mode goes first as often.
        order = (False, True) if round_number % 2 == 0 else (True, False)
        for sharded in order:
            figures = one_mode(cluster, sharded, args)
            figures["round"] = round_number + 1
            result["rounds"].append(figures)
            print(f"{result['nodes']} nodes, round {round_number + 1}, {figures['command']}: "
                  f"p50 {figures['latency_ms']['p50']:.2f} ms, p99 {figures['latency_ms']['p99']:.2f} ms, "
                  f"{figures['announcements_per_second']:.0f}/s, "
                  f"{figures['bus_messages_per_announcement']:.2f} bus messages, "
                  f"{figures['cpu_us_per_announcement']:.1f} us CPU per announcement", file=sys.stderr)
    with open(args.out, "w") as file:
        json.dump(result, file, indent=2)


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def remote_cell(values):
    present = [v for v in values if v is not None]
    return f"{median(present):.2f} ms" if present else "none there"


def report(args):
    lines = ["| nodes (primaries) | command | latency p50 | p99 | max | p99, subscribers on another node "
             "| announcements/s (burst) | cluster-bus messages per announcement | CPU per announcement, all nodes |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for path in args.files:
        with open(path) as file:
            result = json.load(file)
        for command in ("PUBLISH", "SPUBLISH"):
            rounds = [r for r in result["rounds"] if r["command"] == command]
            latency = [r["latency_ms"] for r in rounds]
            lines.append(
                f"| {result['nodes']} ({result['primaries']}) | `{command}` "
                f"| {median([l['p50'] for l in latency]):.2f} ms | {median([l['p99'] for l in latency]):.2f} ms "
                f"| {max(l['max'] for l in latency):.2f} ms | {remote_cell([l['other_nodes_p99'] for l in latency])} "
                f"| {median([r['announcements_per_second'] for r in rounds]):.0f} "
                f"| {median([r['bus_messages_per_announcement'] for r in rounds]):.2f} "
                f"| {median([r['cpu_us_per_announcement'] for r in rounds]):.1f} µs |")
    text = "\n".join(lines) + "\n"
    with open(args.out, "w") as file:
        file.write(text)
    print(text)


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(required=True)
    run = commands.add_parser("measure")
    run.add_argument("--nodes", required=True)
    run.add_argument("--out", required=True)
    run.add_argument("--subscribers", type=int, default=4)
    run.add_argument("--rounds", type=int, default=2)
    run.add_argument("--latency-messages", type=int, default=1000)
    run.add_argument("--gap", type=float, default=0.002)
    run.add_argument("--burst", type=int, default=20000)
    run.add_argument("--idle", type=float, default=2.0)
    run.set_defaults(run=measure)
    summary = commands.add_parser("report")
    summary.add_argument("files", nargs="+")
    summary.add_argument("--out", required=True)
    summary.set_defaults(run=report)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
