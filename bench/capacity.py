#!/usr/bin/env python3
"""The load side of bench/redis-capacity.sh: Redis commands per request of each kind, counted by
Redis itself. For each kind, what it needs is prepared first (tokens to use or revoke, codes to
redeem); then INFO commandstats is reset (CONFIG RESETSTAT), the kind's requests are sent by a few
threads at once, every answer is checked against the success docs/API.md gives it, and
commandstats is read again. The counts, less what Tollgate sends while idle (the store monitor's
PING) over the same time, divided by the requests, are the kind's commands per request. Standard
library only; talks to 127.0.0.1 alone.

  capacity.py measure --port P --management M --redis-port R --out DIR   the table, as JSON
  capacity.py report DIR --out FILE                                       the Markdown summary

Redis counts the commands a script runs (redis.call) as well as the EVALSHA that ran it, so the
table gives both: "sent" are the round trips Tollgate makes (EVALSHA, EVAL and plain commands, as
Lettuce's own command meters count them on Tollgate's side), "run" every command Redis executed.
"""

import argparse
import base64
import hashlib
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from traffic import BRAND_BODY, CHANNEL_FORM, CLIENT_BASIC  # noqa: E402

TRUSTED_BASIC = "Basic " + base64.b64encode(
    b"demo-trusted:demo-trusted-secret-c9f0f895fb98ab9159f51fd0297e236d").decode()
PASSWORD_FORM = "grant_type=password&username=alice&password=alice-demo-password&scope=profile"
REDIRECT = "http://localhost:3000/callback"
OPERATOR = "capacity-bench-operator-token"
FORM = "application/x-www-form-urlencoded"
# Commands Lettuce sends on its own, not per request: the store monitor's PING, the subscription.
BACKGROUND = ("ping", "subscribe", "psubscribe", "ssubscribe", "hello", "client", "select", "info",
              "config", "cluster", "command")


class Failed(Exception):
    pass


class Http:
    """One keep-alive connection per thread and port."""

    def __init__(self):
        self.local = threading.local()

    def send(self, port, method, path, headers=None, body=None):
        connections = self.local.__dict__.setdefault("connections", {})
        connection = connections.get(port)
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connections[port] = connection
        try:
            connection.request(method, path, body=body, headers=headers or {})
            answer = connection.getresponse()
            payload = answer.read()
        except (OSError, http.client.HTTPException):
            connections.pop(port, None)
            connection.close()
            raise
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, payload, answer


def expect(status, payload, wanted, what):
    if status != wanted:
        raise Failed(f"{what}: {status} {payload[:200]!r}")


def json_field(payload, field, what):
    try:
        return json.loads(payload)[field]
    except (ValueError, KeyError) as error:
        raise Failed(f"{what}: no {field} in {payload[:200]!r}") from error


class Redis:
    def __init__(self, port):
        self.port = port

    def cli(self, *args):
        return subprocess.run(["redis-cli", "-p", str(self.port), *args], check=True,
                              capture_output=True, text=True).stdout

    def reset(self):
        self.cli("CONFIG", "RESETSTAT")

    def commandstats(self):
        calls = {}
        for line in self.cli("INFO", "commandstats").splitlines():
            match = re.match(r"cmdstat_([^:]+):calls=(\d+)", line)
            if match:
                calls[match.group(1)] = int(match.group(2))
        return calls


def lettuce_sent(management):
    """Commands Tollgate sent, by command, from Lettuce's meters (Spring Boot's Lettuce observation)."""
    connection = http.client.HTTPConnection("127.0.0.1", management, timeout=10)
    connection.request("GET", "/actuator/prometheus")
    text = connection.getresponse().read().decode()
    connection.close()
    sent = {}
    for line in text.splitlines():
        if line.startswith("lettuce_seconds_count{"):
            match = re.search(r'db_operation="([^"]+)"', line) or re.search(r'command="([^"]+)"', line)
            if match:
                name = match.group(1).lower()
                sent[name] = sent.get(name, 0) + float(line.rsplit(" ", 1)[1])
    return sent


def cache_gets(management, result):
    connection = http.client.HTTPConnection("127.0.0.1", management, timeout=10)
    connection.request("GET", "/actuator/prometheus")
    text = connection.getresponse().read().decode()
    connection.close()
    total = 0.0
    for line in text.splitlines():
        if line.startswith("cache_gets_total{") and 'cache="tollgate.validation.accepted"' in line \
                and f'result="{result}"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


class Bench:
    def __init__(self, args):
        self.port, self.management = args.port, args.management
        self.redis = Redis(args.redis_port)
        self.http = Http()
        self.threads = args.threads

    # --- one request (or flow) of each kind; each returns what later kinds may use

    def guarded(self, token):
        status, _, payload, _ = self.http.send(self.port, "GET", "/guarded/x", {"gn-access-token": token})
        expect(status, payload, 200, "guarded")

    def brand(self, _=None):
        status, headers, payload, _ = self.http.send(self.port, "POST", "/api/thirdparty/auth",
                                                     {"Content-Type": "application/json"}, BRAND_BODY)
        expect(status, payload, 200, "brand")
        return headers["gn-access-token"]

    def channel(self, _=None):
        status, _, payload, _ = self.http.send(self.port, "POST", "/generateToken", {"Content-Type": FORM},
                                               CHANNEL_FORM)
        expect(status, payload, 200, "channel")
        return payload

    def client_credentials(self, _=None):
        status, _, payload, _ = self.http.send(self.port, "POST", "/platform/oauth/request_token",
                                               {"Content-Type": FORM, "Authorization": CLIENT_BASIC},
                                               "grant_type=client_credentials")
        expect(status, payload, 200, "client_credentials")
        return json_field(payload, "access_token", "client_credentials")

    def password(self, _=None):
        status, _, payload, _ = self.http.send(self.port, "POST", "/platform/oauth/request_token",
                                               {"Content-Type": FORM, "Authorization": TRUSTED_BASIC},
                                               PASSWORD_FORM)
        expect(status, payload, 200, "password")
        return json_field(payload, "refresh_token", "password")

    def refresh(self, refresh_token):
        status, _, payload, _ = self.http.send(
            self.port, "POST", "/platform/oauth/request_token",
            {"Content-Type": FORM, "Authorization": TRUSTED_BASIC},
            urllib.parse.urlencode({"grant_type": "refresh_token", "refresh_token": refresh_token}))
        expect(status, payload, 200, "refresh")
        return json_field(payload, "refresh_token", "refresh")

    def sign_in_and_consent(self, index):
        """GET authorize, POST the login form, GET authorize again, POST allow: a code."""
        query = urllib.parse.urlencode({"client_id": "demo-web", "redirect_uri": REDIRECT,
                                        "response_type": "code", "scope": "profile", "state": f"s{index}"})
        status, headers, payload, answer = self.http.send(self.port, "GET", "/platform/oauth/authorize?" + query)
        expect(status, payload, 200, "authorize (login page)")
        cookie = session_cookie(answer)
        status, headers, payload, answer = self.http.send(
            self.port, "POST", "/platform/oauth/authorize/login",
            {"Content-Type": FORM, "Cookie": cookie},
            urllib.parse.urlencode({"_csrf": csrf_of(payload), "username": "alice",
                                    "password": "alice-demo-password"}))
        expect(status, payload, 303, "login")
        cookie = session_cookie(answer)
        status, headers, payload, answer = self.http.send(self.port, "GET", headers["location"],
                                                          {"Cookie": cookie})
        expect(status, payload, 200, "authorize (consent page)")
        status, headers, payload, answer = self.http.send(
            self.port, "POST", "/platform/oauth/authorize/consent", {"Content-Type": FORM, "Cookie": cookie},
            urllib.parse.urlencode({"_csrf": csrf_of(payload), "decision": "allow"}))
        expect(status, payload, 303, "consent")
        code = urllib.parse.parse_qs(urllib.parse.urlparse(headers["location"]).query).get("code")
        if not code:
            raise Failed(f"consent: no code in {headers['location']}")
        return code[0]

    def exchange(self, code):
        status, _, payload, _ = self.http.send(
            self.port, "POST", "/platform/oauth/request_token",
            {"Content-Type": FORM, "Authorization": CLIENT_BASIC},
            urllib.parse.urlencode({"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT}))
        expect(status, payload, 200, "code exchange")
        return json_field(payload, "refresh_token", "code exchange")

    def invalidate(self, token):
        status, _, payload, _ = self.http.send(self.port, "POST", "/platform/oauth/invalidate_token",
                                               {"Content-Type": FORM},
                                               urllib.parse.urlencode({"token": token}))
        expect(status, payload, 200, "invalidate_token")
        if json.loads(payload) != {"result": "OK"}:
            raise Failed(f"invalidate_token: {payload[:200]!r}")

    def cut_off(self, index):
        status, _, payload, _ = self.http.send(
            self.management, "POST", "/actuator/revocations",
            {"Content-Type": "application/json", "Authorization": "Bearer " + OPERATOR},
            json.dumps({"kind": "oauth-user", "subject": f"capacity-{index}"}))
        expect(status, payload, 200, "cut-off")

    # --- running a kind

    def run(self, function, inputs, threads=None):
        """function over inputs by a few threads; the results in order. Fails on the first wrong answer."""
        results = [None] * len(inputs)
        errors = []
        cursor = iter(range(len(inputs)))
        lock = threading.Lock()

        def worker():
            while not errors:
                with lock:
                    i = next(cursor, None)
                if i is None:
                    return
                try:
                    results[i] = function(inputs[i])
                except Exception as error:  # a wrong answer or a dead connection ends the run
                    errors.append(error)

        pool = [threading.Thread(target=worker) for _ in range(threads or self.threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        if errors:
            raise Failed(str(errors[0]))
        return results

    def measured(self, function, inputs, threads=None):
        sent_before = lettuce_sent(self.management)
        self.redis.reset()
        started = time.monotonic()
        results = self.run(function, inputs, threads)
        seconds = time.monotonic() - started
        calls = self.redis.commandstats()
        sent_after = lettuce_sent(self.management)
        sent = {k: v - sent_before.get(k, 0) for k, v in sent_after.items() if v - sent_before.get(k, 0) > 0}
        return results, {"requests": len(inputs), "seconds": seconds, "calls": calls, "sent": sent}


def session_cookie(answer):
    for name, value in answer.getheaders():
        if name.lower() == "set-cookie" and value.startswith("TOLLGATE_SESSION="):
            return value.split(";", 1)[0]
    raise Failed("no TOLLGATE_SESSION cookie")


def csrf_of(page):
    match = re.search(rb'name="_csrf" value="([^"]+)"', page)
    if not match:
        raise Failed("no _csrf field in the page")
    return match.group(1).decode().replace("&#39;", "'").replace("&amp;", "&")


def per_request(sample, idle):
    """Commands per request of one kind, less the idle rate over the same time."""
    def net(counts, idle_rates):
        result = {}
        for command, count in counts.items():
            if command.startswith("config|") or command.split("|")[0] in BACKGROUND:
                continue
            value = (count - idle_rates.get(command, 0.0) * sample["seconds"]) / sample["requests"]
            if value > 0.005:
                result[command] = round(value, 3)
        return result
    return {"run": net(sample["calls"], idle["calls"]), "sent": net(sample["sent"], idle["sent"])}


KINDS = [
    # name, what one unit is, units, threads (bcrypt ones fewer: each check is a core for ~50 ms)
    ("guarded-cached", "GET of a guarded route, the token in the verdict cache", "guarded", 8),
    ("guarded-fresh", "GET of a guarded route, a token the replica has not seen (cache miss)", "guarded", 8),
    ("brand", "POST /api/thirdparty/auth", "brand", 8),
    ("channel", "POST /generateToken", "channel", 8),
    ("client_credentials", "request_token, grant_type=client_credentials", "issue", 8),
    ("password", "request_token, grant_type=password (a person's bcrypt password)", "bcrypt", 4),
    ("code-pages", "authorize, sign-in, authorize, consent: the 4 requests that give a code", "bcrypt", 4),
    ("code-exchange", "request_token, grant_type=authorization_code", "issue", 8),
    ("refresh", "request_token, grant_type=refresh_token", "issue", 8),
    ("revoke-access", "invalidate_token of an access token", "issue", 8),
    ("revoke-family", "invalidate_token of a refresh token (its family)", "issue", 8),
    ("cut-off", "POST /actuator/revocations (a subject's cut-off)", "issue", 8),
]


def measure(args):
    bench = Bench(args)
    units = {"guarded": args.guarded, "brand": args.issue, "channel": args.issue, "issue": args.issue,
             "bcrypt": args.bcrypt}
    out = {"kinds": {}, "settings": {"threads": args.threads, **{k: v for k, v in units.items()}}}

    # Idle: what Tollgate sends on its own (the monitor's PING), per second.
    bench.redis.reset()
    sent_before = lettuce_sent(args.management)
    time.sleep(args.idle)
    idle_calls = bench.redis.commandstats()
    sent_after = lettuce_sent(args.management)
    idle = {"calls": {k: v / args.idle for k, v in idle_calls.items()},
            "sent": {k: (v - sent_before.get(k, 0)) / args.idle for k, v in sent_after.items()}}
    out["idle_per_second"] = idle

    def record(name, sample, **extra):
        what = next(k for k in KINDS if k[0] == name)[1]
        out["kinds"][name] = {"what": what, **per_request(sample, idle), "requests": sample["requests"],
                              "seconds": round(sample["seconds"], 2),
                              "requests_per_second": round(sample["requests"] / sample["seconds"], 1), **extra}
        print(f"{name}: {out['kinds'][name]}", file=sys.stderr)

    # One unmeasured pass of every kind first: Spring Data sends EVALSHA and, while Redis does not
    # know a script yet, EVAL after the NOSCRIPT error; measured, that first use would be counted.
    cached = bench.brand()
    warm = bench.run(bench.brand, list(range(4)))
    bench.run(bench.guarded, [cached] + warm)
    bench.run(bench.channel, list(range(4)))
    bench.run(bench.client_credentials, list(range(4)))
    warm_refresh = bench.run(bench.password, list(range(2)), threads=2)
    warm_exchanged = bench.run(bench.exchange, bench.run(bench.sign_in_and_consent, list(range(2)), threads=2))
    warm_rotated = bench.run(bench.refresh, warm_refresh)
    bench.run(bench.invalidate, warm + warm_rotated + warm_exchanged)
    bench.run(bench.cut_off, ["warm-up"])

    _, sample = bench.measured(bench.guarded, [cached] * units["guarded"])
    record("guarded-cached", sample)

    pool = bench.run(bench.brand, list(range(units["guarded"])))
    hits = cache_gets(args.management, "hit")
    _, sample = bench.measured(bench.guarded, pool)
    record("guarded-fresh", sample, cache_hits=int(cache_gets(args.management, "hit") - hits))

    tokens, sample = bench.measured(bench.brand, list(range(units["brand"])))
    record("brand", sample)
    _, sample = bench.measured(bench.channel, list(range(units["channel"])))
    record("channel", sample)
    _, sample = bench.measured(bench.client_credentials, list(range(units["issue"])))
    record("client_credentials", sample)
    refresh_tokens, sample = bench.measured(bench.password, list(range(units["bcrypt"])), threads=4)
    record("password", sample)
    codes, sample = bench.measured(bench.sign_in_and_consent, list(range(units["bcrypt"])), threads=4)
    record("code-pages", sample)
    exchanged, sample = bench.measured(bench.exchange, codes)
    record("code-exchange", sample)
    rotated, sample = bench.measured(bench.refresh, refresh_tokens)
    record("refresh", sample)
    _, sample = bench.measured(bench.invalidate, tokens)
    record("revoke-access", sample)
    _, sample = bench.measured(bench.invalidate, rotated + exchanged)
    record("revoke-family", sample)
    _, sample = bench.measured(bench.cut_off, list(range(units["issue"])))
    record("cut-off", sample)

    with open(os.path.join(args.out, "capacity.json"), "w") as file:
        json.dump(out, file, indent=2)


# --- one node: redis-benchmark

RATE_LIMITER = "META-INF/scripts/request_rate_limiter.lua"


def rate_limiter_script():
    """Spring Cloud Gateway's token-bucket script, from the jar Tollgate runs."""
    import glob
    import zipfile
    jars = sorted(glob.glob(os.path.expanduser(
        "~/.m2/repository/org/springframework/cloud/spring-cloud-gateway-server-webflux/*/"
        "spring-cloud-gateway-server-webflux-*[0-9].jar")))
    if not jars:
        raise Failed("spring-cloud-gateway-server-webflux is not in ~/.m2: build Tollgate first")
    with zipfile.ZipFile(jars[-1]) as jar:
        return jar.read(RATE_LIMITER).decode(), os.path.basename(jars[-1])


def redis_benchmark(port, requests, clients, pipeline, *command):
    output = subprocess.run(["redis-benchmark", "-p", str(port), "-n", str(requests), "-c", str(clients),
                             "-P", str(pipeline), "-r", "1000000", "--csv", *command],
                            check=True, capture_output=True, text=True).stdout
    rows = [line.split('","') for line in output.splitlines() if line.startswith('"') and "rps" not in line]
    return float(rows[-1][1])


def node(args):
    """redis-benchmark figures under both appendfsync settings, alternating: the rate limiter's
    script writes (SETEX), so with always its rate is bounded by the disk's fsyncs."""
    redis = Redis(args.redis_port)
    script, jar = rate_limiter_script()
    sha = redis.cli("SCRIPT", "LOAD", script).strip()
    limiter = ["EVALSHA", sha, "2", "request_rate_limiter.{__rand_int__}.tokens",
               "request_rate_limiter.{__rand_int__}.timestamp", "100000", "200000", "", "1"]
    figures = []
    # Lettuce sends every command of a replica over one shared connection without waiting for the
    # replies before (pipelined in effect): 8 connections, 16 deep, stand for a few replicas under
    # load; 50 connections one request at a time for clients that wait for each reply.
    for round_number in range(args.rounds):
        order = ("always", "everysec") if round_number % 2 == 0 else ("everysec", "always")
        for fsync in order:
            redis.cli("CONFIG", "SET", "appendfsync", fsync)
            for clients, pipeline in ((8, 16), (50, 1)):
                for name, command in (("rate-limiter EVALSHA", limiter), ("SET", ["SET", "key:__rand_int__", "x"]),
                                      ("GET", ["GET", "key:__rand_int__"])):
                    rate = redis_benchmark(args.redis_port, args.requests, clients, pipeline, *command)
                    figures.append({"command": name, "fsync": fsync, "clients": clients, "pipeline": pipeline,
                                    "round": round_number + 1, "ops_per_second": rate})
                    print(f"redis-benchmark appendfsync {fsync}, {name} -c {clients} -P {pipeline}: {rate:.0f}/s",
                          file=sys.stderr)
    redis.cli("CONFIG", "SET", "appendfsync", args.fsync)
    with open(os.path.join(args.out, "redis-benchmark.json"), "w") as file:
        json.dump({"script_from": jar, "requests": args.requests, "rounds": args.rounds, "figures": figures},
                  file, indent=2)


# --- the summary

ORDER = [kind[0] for kind in KINDS]


def cell(counts):
    if not counts:
        return "0"
    total = sum(counts.values())
    parts = ", ".join(f"{c.upper()} {v:g}" for c, v in sorted(counts.items(), key=lambda item: -item[1]))
    return f"**{total:.2f}**: {parts}"


def report(args):
    with open(os.path.join(args.dir, "capacity.json")) as file:
        measured = json.load(file)
    with open(os.path.join(args.dir, "redis-benchmark.json")) as file:
        benchmark = json.load(file)
    with open(os.path.join(args.dir, "settings.json")) as file:
        settings = json.load(file)
    lines = [f"Redis capacity run {settings['stamp']}", "",
             "| request | sent by Tollgate per request (round trips) | run by Redis per request (scripts' commands included) | requests | requests/s |",
             "|---|---|---|---:|---:|"]
    for name in ORDER:
        kind = measured["kinds"][name]
        lines.append(f"| {name}: {kind['what']} | {cell(kind['sent'])} | {cell(kind['run'])} "
                     f"| {kind['requests']} | {kind['requests_per_second']:g} |")
    fresh = measured["kinds"]["guarded-fresh"]
    lines += ["", f"guarded-fresh: {fresh['cache_hits']} verdict-cache hits in {fresh['requests']} requests "
              "(every token is used once, never seen before).",
              "Idle, per second (subtracted above): " + ", ".join(
                  f"{k.upper()} {v:.2f}" for k, v in measured["idle_per_second"]["calls"].items()
                  if not k.startswith("config")), ""]
    def median_of(command, fsync, clients, pipeline):
        rates = sorted(f["ops_per_second"] for f in benchmark["figures"] if f["command"] == command
                       and f["fsync"] == fsync and f["clients"] == clients and f["pipeline"] == pipeline)
        return rates[len(rates) // 2]

    settings_seen = sorted({(f["clients"], f["pipeline"]) for f in benchmark["figures"]}, reverse=True)
    lines += [f"redis-benchmark on the same Redis after the load, median of {benchmark['rounds']} rounds "
              "alternating the two appendfsync settings, ops/s:", "",
              "| command | connections × pipeline | appendfsync always | appendfsync everysec |", "|---|---|---:|---:|"]
    for command in ("rate-limiter EVALSHA", "SET", "GET"):
        for clients, pipeline in settings_seen:
            lines.append(f"| {command} | {clients} × {pipeline} | {median_of(command, 'always', clients, pipeline):.0f} "
                         f"| {median_of(command, 'everysec', clients, pipeline):.0f} |")
    headroom = settings["headroom"]
    node_ops = {fsync: max(median_of("rate-limiter EVALSHA", fsync, c, p) for c, p in settings_seen)
                for fsync in ("always", "everysec")}
    cached = measured["kinds"]["guarded-cached"]
    per_guarded = max(sum(cached["sent"].values()), sum(measured["kinds"]["guarded-fresh"]["sent"].values()))
    lines += ["", f"A guarded request sends {per_guarded:.2f} commands (the rate limiter's EVALSHA). Per node: the "
              f"best rate-limiter figure above ({benchmark['script_from']}'s script), planned at {headroom:.0%} of it: "
              f"{node_ops['always'] * headroom:.0f}/s with always, {node_ops['everysec'] * headroom:.0f}/s with "
              "everysec.", "",
              "| guarded requests/s | Redis commands/s | primaries, always | primaries, everysec |",
              "|---:|---:|---:|---:|"]
    for rate in (10_000, 100_000, 1_000_000):
        commands = rate * per_guarded
        need = {fsync: max(1, -(-int(commands) // int(node_ops[fsync] * headroom))) for fsync in node_ops}
        lines.append(f"| {rate:,} | {commands:,.0f} | {need['always']} | {need['everysec']} |")
    lines += ["", f"Redis {settings['redis_version']}, appendfsync {settings['fsync']}; commit {settings['commit']}.",
              f"Machine: {settings['machine']}; load average before {settings['load']['before']}, "
              f"after the load {settings['load']['after_load']}, after redis-benchmark "
              f"{settings['load']['after_benchmark']}.", ""]
    text = "\n".join(lines)
    with open(args.out, "w") as file:
        file.write(text)
    print(text)


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(required=True)
    run = commands.add_parser("measure")
    run.add_argument("--port", type=int, required=True)
    run.add_argument("--management", type=int, required=True)
    run.add_argument("--redis-port", type=int, required=True)
    run.add_argument("--out", required=True)
    run.add_argument("--threads", type=int, default=8)
    run.add_argument("--idle", type=float, default=5.0)
    run.add_argument("--guarded", type=int, default=4000)
    run.add_argument("--issue", type=int, default=600)
    run.add_argument("--bcrypt", type=int, default=120)
    run.set_defaults(run=measure)
    bench = commands.add_parser("node")
    bench.add_argument("--redis-port", type=int, required=True)
    bench.add_argument("--requests", type=int, default=200000)
    bench.add_argument("--rounds", type=int, default=2)
    bench.add_argument("--fsync", default="always")
    bench.add_argument("--out", required=True)
    bench.set_defaults(run=node)
    summary = commands.add_parser("report")
    summary.add_argument("dir")
    summary.add_argument("--out", required=True)
    summary.set_defaults(run=report)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
