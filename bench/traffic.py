#!/usr/bin/env python3
"""The issuance and revocation side of bench/chaos.sh and bench/soak.sh (wrk drives the guarded
load), the checks after a run, and the Markdown summaries. Standard library only; talks to
127.0.0.1 alone.

  traffic.py jwks KEY.pem OUT.json             an RS256 JWK set from an openssl private key
  traffic.py documented genuin OUT             the answers wrk's guarded load may get, for case.lua
  traffic.py drive --replica A:PORT:MGMT ...   issue, use and revoke tokens until told to stop
  traffic.py verify --replica A:PORT:MGMT ...  every acknowledged revocation refused everywhere
  traffic.py chaos-report DIR / soak-report DIR   the summaries

Every answer is judged against what docs/API.md says that request may get: a status with the
documented body is "documented", anything else is counted as undocumented, with a sample.
"""

import argparse
import base64
import csv
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

BRAND_BODY = json.dumps({"api_key": "ak_demo_acme", "api_secret": "sk_demo_acme_4c1f9e0b7d2a8e6f3b5c9d1a7e2f4b8c"})
CHANNEL_FORM = "username=channel_user&password=550e8400-e29b-41d4-a716-446655440000"
CLIENT_BASIC = "Basic " + base64.b64encode(b"demo-web:demo-web-secret-8f14e45fceea167a5a36dedd4bea2543").decode()
KINDS = ("brand", "channel", "client_credentials")


def genuin(code, message):
    return {"code": code, "message": message, "data": {}}


def oauth(error, description):
    return {"error": error, "error_description": description}


GENUIN_INVALID = genuin("4011", "Access token invalid.")
GENUIN_THROTTLED = genuin("4290", "Too many requests.")
GENUIN_UNAVAILABLE = genuin("5030", "Service temporarily unavailable.")
BEARER_INVALID = oauth("invalid_token", "The access token is invalid")
BEARER_THROTTLED = oauth("too_many_requests", "Rate limit exceeded")
UNAVAILABLE = oauth("temporarily_unavailable", "The service is temporarily unavailable")
UPSTREAM_OK = {"ok": True}


def json_is(expected):
    def check(response):
        try:
            return json.loads(response.body) == expected
        except ValueError:
            return False
    return check


def text_is(expected):
    return lambda response: response.body.decode("utf-8", "replace") == expected


def looks_like_jwt(value):
    return re.fullmatch(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+", value or "") is not None


def brand_issued(response):
    return json_is({"code": 200, "message": "Access token generated", "data": {"expires_in": 3600}})(response) \
        and looks_like_jwt(response.headers.get("gn-access-token"))


def channel_issued(response):
    return looks_like_jwt(response.body.decode("ascii", "replace"))


def oauth_issued(response):
    try:
        body = json.loads(response.body)
    except ValueError:
        return False
    return looks_like_jwt(body.get("access_token")) and body.get("token_type") == "bearer" \
        and isinstance(body.get("expires_in"), int) and response.headers.get("cache-control") == "no-store"


def bearer_invalid(response):
    return json_is(BEARER_INVALID)(response) and 'error="invalid_token"' in response.headers.get("www-authenticate", "")


# What each request of the driver may get (docs/API.md), by status.
DOCUMENTED = {
    "issue brand": {200: brand_issued, 412: json_is(genuin("5166", "XXXX-[Invalid Use of API]")),
                    503: json_is(GENUIN_UNAVAILABLE)},
    "issue channel": {200: channel_issued, 429: text_is("too many requests"), 503: text_is("service unavailable")},
    "issue client_credentials": {200: oauth_issued, 429: json_is(BEARER_THROTTLED), 503: json_is(UNAVAILABLE)},
    # A token just issued, used at a guarded route: never refused for itself.
    "use genuin": {200: json_is(UPSTREAM_OK), 429: json_is(GENUIN_THROTTLED), 503: json_is(GENUIN_UNAVAILABLE)},
    "use bearer": {200: json_is(UPSTREAM_OK), 429: json_is(BEARER_THROTTLED), 503: json_is(UNAVAILABLE)},
    "invalidate_token": {200: json_is({"result": "OK"}), 503: json_is(UNAVAILABLE)},
    # The same token right after its revocation was acknowledged, at the replica that acknowledged it.
    "use revoked genuin": {401: json_is(GENUIN_INVALID), 429: json_is(GENUIN_THROTTLED)},
    "use revoked bearer": {401: bearer_invalid, 429: json_is(BEARER_THROTTLED)},
}

# The answers wrk's guarded load (bench/lua/case.lua, a genuin route) may get, as exact bytes.
WRK_DOCUMENTED = {
    "genuin": [(200, UPSTREAM_OK), (401, GENUIN_INVALID), (429, GENUIN_THROTTLED), (503, GENUIN_UNAVAILABLE)],
}


class Response:
    __slots__ = ("status", "headers", "body", "seconds")

    def __init__(self, status, headers, body, seconds):
        self.status, self.headers, self.body, self.seconds = status, headers, body, seconds


class Replica:
    """One Tollgate: name, traffic port, management port."""

    def __init__(self, spec):
        self.name, port, management = spec.split(":")
        self.port, self.management = int(port), int(management)


class Client:
    """Keep-alive connections to the replicas, one per replica; a failed one is replaced."""

    def __init__(self, timeout):
        self.timeout = timeout
        self.connections = {}

    def send(self, replica, method, path, headers=None, body=None, port=None):
        port = port or replica.port
        started = time.monotonic()
        connection = self.connections.get(port)
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=self.timeout)
            self.connections[port] = connection
        try:
            connection.request(method, path, body=body, headers=headers or {})
            answer = connection.getresponse()
            payload = answer.read()
            headers = {k.lower(): v for k, v in answer.getheaders()}
            if headers.get("connection", "").lower() == "close":
                self.drop(port)
            return Response(answer.status, headers, payload, time.monotonic() - started)
        except (socket.timeout, TimeoutError):
            self.drop(port)
            return Response("timeout", {}, b"", time.monotonic() - started)
        except (OSError, http.client.HTTPException) as error:
            self.drop(port)
            return Response("error " + type(error).__name__, {}, b"", time.monotonic() - started)

    def drop(self, port):
        connection = self.connections.pop(port, None)
        if connection is not None:
            connection.close()


class Tally:
    """Answers by request and status, documented or not, and the longest each request took."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.longest = {}
        self.samples = []

    def record(self, request, response):
        rules = DOCUMENTED[request]
        documented = response.status in rules and rules[response.status](response)
        key = f"{response.status}" if documented else f"{response.status}-undocumented"
        with self.lock:
            per_request = self.counts.setdefault(request, {})
            per_request[key] = per_request.get(key, 0) + 1
            self.longest[request] = max(self.longest.get(request, 0.0), response.seconds)
            if not documented and len(self.samples) < 20:
                self.samples.append({"request": request, "status": response.status, "time": time.time(),
                                     "body": response.body[:300].decode("utf-8", "replace")})
        return documented

    def as_json(self):
        return {"counts": self.counts, "longest_seconds": self.longest, "undocumented_samples": self.samples}


def route_of(kind):
    return ("/guarded/x", "gn-access-token", "", "genuin") if kind == "brand" \
        else ("/guarded-bearer/x", "Authorization", "Bearer ", "bearer")


def issue(client, tally, kind, replica):
    if kind == "brand":
        response = client.send(replica, "POST", "/api/thirdparty/auth",
                               {"Content-Type": "application/json"}, BRAND_BODY)
        token = response.headers.get("gn-access-token")
    elif kind == "channel":
        response = client.send(replica, "POST", "/generateToken",
                               {"Content-Type": "application/x-www-form-urlencoded"}, CHANNEL_FORM)
        token = response.body.decode("ascii", "replace")
    else:
        response = client.send(replica, "POST", "/platform/oauth/request_token",
                               {"Content-Type": "application/x-www-form-urlencoded", "Authorization": CLIENT_BASIC},
                               "grant_type=client_credentials")
        try:
            token = json.loads(response.body).get("access_token")
        except ValueError:
            token = None
    documented = tally.record("issue " + kind, response)
    return token if documented and response.status == 200 else None


def use(client, tally, kind, token, replica, revoked=False):
    path, header, prefix, dialect = route_of(kind)
    response = client.send(replica, "GET", path, {header: prefix + token})
    tally.record(("use revoked " if revoked else "use ") + dialect, response)
    return response


def revoke(client, tally, token, replica):
    response = client.send(replica, "POST", "/platform/oauth/invalidate_token",
                           {"Content-Type": "application/x-www-form-urlencoded"},
                           "access_token=" + urllib.parse.quote(token, safe=""))
    documented = tally.record("invalidate_token", response)
    return documented and response.status == 200


class Driver:
    """Rounds of: issue a token (brand, channel, client_credentials in turn) at one replica, use it at
    every replica (so each has it cached), revoke it at one of them (if its kind is among
    --revoke-kinds), check that replica refuses it at once; and revoke one token of wrk's pool (so the guarded load meets revocations as they happen).
    Every acknowledged revocation (200 from invalidate_token) is written to acks.csv with its time."""

    def __init__(self, args):
        self.args = args
        self.replicas = [Replica(spec) for spec in args.replica]
        self.tally = Tally()
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.deadline = time.monotonic() + args.seconds
        self.rounds = 0
        self.crashed = False
        self.pool = []
        if args.pool:
            with open(args.pool) as source:
                self.pool = [line.strip() for line in source if line.strip()]
            self.pool.reverse()
        os.makedirs(args.out, exist_ok=True)
        self.acks = open(os.path.join(args.out, "acks.csv"), "w", newline="")
        self.acks_writer = csv.writer(self.acks)
        self.acks_writer.writerow(["epoch_ms", "replica", "kind", "source", "token"])
        self.attempts = open(os.path.join(args.out, "revocation-attempts.txt"), "w")
        self.readiness = None
        if args.readiness:
            self.readiness = open(os.path.join(args.out, "readiness.csv"), "w", newline="")
            self.readiness_writer = csv.writer(self.readiness)
            self.readiness_writer.writerow(["epoch_ms", "replica", "status"])

    def next_round(self):
        with self.lock:
            if self.stopping.is_set() or time.monotonic() >= self.deadline or self.rounds >= self.args.max_rounds:
                return None
            self.rounds += 1
            return self.rounds - 1

    def next_pool_token(self):
        with self.lock:
            return self.pool.pop() if self.pool else None

    def acknowledged(self, replica, kind, source, token):
        with self.lock:
            self.acks_writer.writerow([int(time.time() * 1000), replica.name, kind, source, token])
            self.acks.flush()

    def attempted(self, token):
        with self.lock:
            self.attempts.write(token + "\n")
            self.attempts.flush()

    def revoke_and_record(self, client, token, kind, source, replica):
        self.attempted(token)
        if revoke(client, self.tally, token, replica):
            self.acknowledged(replica, kind, source, token)
            return True
        return False

    def worker(self, offset):
        try:
            self.rounds_of(offset)
        except Exception:
            self.crashed = True
            self.stopping.set()
            raise

    def rounds_of(self, offset):
        client = Client(self.args.timeout)
        replicas = self.replicas
        while (n := self.next_round()) is not None:
            kind = KINDS[n % len(KINDS)]
            at = replicas[(n + offset) % len(replicas)]
            token = issue(client, self.tally, kind, at)
            if token:
                for replica in replicas:
                    use(client, self.tally, kind, token, replica)
            if token and kind in self.args.revoke_kinds:
                revoker = replicas[(n // 2 + offset) % len(replicas)]
                if self.revoke_and_record(client, token, kind, "issued", revoker):
                    use(client, self.tally, kind, token, revoker, revoked=True)
            if self.args.pool_every and n % self.args.pool_every == 0:
                pooled = self.next_pool_token()
                if pooled:
                    self.revoke_and_record(client, pooled, "brand", "pool", replicas[n % len(replicas)])
            if self.args.pause:
                time.sleep(self.args.pause)

    def watch_readiness(self):
        client = Client(2.0)
        last = {}
        while not self.stopping.is_set() and time.monotonic() < self.deadline:
            for replica in self.replicas:
                response = client.send(replica, "GET", "/actuator/health/readiness", port=replica.management)
                status = "UP" if response.status == 200 else f"DOWN ({response.status})"
                if last.get(replica.name) != status:
                    last[replica.name] = status
                    with self.lock:
                        self.readiness_writer.writerow([int(time.time() * 1000), replica.name, status])
                        self.readiness.flush()
            self.stopping.wait(0.2)

    def run(self):
        signal.signal(signal.SIGTERM, lambda *_: self.stopping.set())
        started = time.time()
        threads = [threading.Thread(target=self.worker, args=(i,), daemon=True) for i in range(self.args.workers)]
        if self.readiness:
            threads.append(threading.Thread(target=self.watch_readiness, daemon=True))
        for thread in threads:
            thread.start()
        while any(thread.is_alive() for thread in threads[:self.args.workers]):
            if self.stopping.wait(0.5):
                break
        self.stopping.set()
        for thread in threads:
            thread.join(self.args.timeout + 5)
        self.acks.close()
        self.attempts.close()
        if self.readiness:
            self.readiness.close()
        summary = self.tally.as_json() | {"rounds": self.rounds, "seconds": round(time.time() - started, 1),
                                          "pool_left": len(self.pool)}
        with open(os.path.join(self.args.out, "driver.json"), "w") as out:
            json.dump(summary, out, indent=1)
        if self.crashed:
            sys.exit("a driver thread failed (traceback above)")


def jwt_claims(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def redis_scores(port, key, members):
    """ZSCORE of each member, through redis-cli (one command a line, one reply a line when its output
    is not a terminal, empty for a missing member): None where Redis has no such member."""
    commands = "".join(f"ZSCORE {key} {member}\n" for member in members)
    answer = subprocess.run(["redis-cli", "-p", str(port)], input=commands, capture_output=True, text=True, check=True)
    replies = answer.stdout.split("\n")[:len(members)]
    if len(replies) != len(members):
        raise RuntimeError(f"redis-cli answered {len(replies)} of {len(members)} commands: {answer.stderr.strip()}")
    return [float(reply) if reply.strip() else None for reply in replies]


def verify(args):
    """Every acknowledged revocation: refused (401, the dialect's invalid-token body) by every replica
    named, and present in Redis's revocation set. Control: tokens never revoked are admitted by every
    replica, so a refusal above is the revocation's doing."""
    with open(args.acks) as source:
        acks = list(csv.DictReader(source))
    with open(args.attempts) as source:
        attempted = {line.strip() for line in source}
    control = []
    for name in args.control:
        with open(name) as source:
            control += [line.strip() for line in source if line.strip() and line.strip() not in attempted]
    control = list(dict.fromkeys(control))[:args.control_count]
    replicas = [Replica(spec) for spec in args.replica]
    result = {"acknowledged": len(acks), "replicas": {}, "control": {}}
    checks = {"genuin": json_is(GENUIN_INVALID), "bearer": bearer_invalid}
    for replica in replicas:
        client = Client(args.timeout)
        refused, lost = 0, []
        for ack in acks:
            path, header, prefix, dialect = route_of(ack["kind"])
            response = client.send(replica, "GET", path, {header: prefix + ack["token"]})
            if response.status == 401 and checks[dialect](response):
                refused += 1
            else:
                lost.append({"acknowledged_ms": int(ack["epoch_ms"]), "at": ack["replica"], "kind": ack["kind"],
                             "source": ack["source"], "status": response.status,
                             "body": response.body[:200].decode("utf-8", "replace")})
        admitted, other = 0, {}
        for token in control:
            response = client.send(replica, "GET", "/guarded/x", {"gn-access-token": token})
            if response.status == 200:
                admitted += 1
            else:
                other[str(response.status)] = other.get(str(response.status), 0) + 1
        result["replicas"][replica.name] = {"refused": refused, "lost": len(lost), "lost_samples": lost[:20]}
        result["control"][replica.name] = {"checked": len(control), "admitted": admitted, "other": other}
    if args.redis_port:
        ids = [jwt_claims(ack["token"])["jti"] for ack in acks]
        scores = redis_scores(args.redis_port, args.redis_key, ids)
        result["redis"] = {"checked": len(ids), "present": sum(score is not None for score in scores)}
    with open(args.out, "w") as out:
        json.dump(result, out, indent=1)
    lost = sum(r["lost"] for r in result["replicas"].values())
    print(f"{len(acks)} acknowledged revocations checked on {len(replicas)} replicas: {lost} not refused")


def write_documented(args):
    with open(args.out, "w") as out:
        for status, body in WRK_DOCUMENTED[args.dialect]:
            out.write(f"{status} {json.dumps(body, separators=(',', ':'))}\n")


def write_jwks(args):
    """openssl's text dump of an RSA private key, as a JWK set with one RS256 key."""
    text = os.popen(f"openssl pkey -in '{args.pem}' -text -noout").read()
    fields, name = {}, None
    for line in text.splitlines():
        match = re.match(r"^(\w+):\s*(\d+)?", line)
        if match and not line.startswith(" "):
            name = match.group(1)
            fields[name] = format(int(match.group(2)), "x") if match.group(2) else ""
        elif name and line.startswith(" "):
            fields[name] += line.strip().replace(":", "")
    def b64(field):
        value = int(fields[field], 16)
        return base64.urlsafe_b64encode(value.to_bytes((value.bit_length() + 7) // 8, "big")).rstrip(b"=").decode()
    names = {"n": "modulus", "e": "publicExponent", "d": "privateExponent", "p": "prime1", "q": "prime2",
             "dp": "exponent1", "dq": "exponent2", "qi": "coefficient"}
    key = {"kty": "RSA", "kid": args.kid, "alg": "RS256", "use": "sig"} | {k: b64(v) for k, v in names.items()}
    with open(args.out, "w") as out:
        json.dump({"keys": [key]}, out)


# ---- summaries ------------------------------------------------------------------------------------

def read_tally(path):
    """A tally file of bench/lua/case.lua."""
    tally = {"status": {}, "errors": {}}
    with open(path) as source:
        for line in source:
            parts = line.split()
            if parts[0] == "status":
                tally["status"][parts[1]] = int(parts[2])
            elif parts[0] == "errors":
                tally["errors"] = {parts[i]: int(parts[i + 1]) for i in range(1, len(parts), 2)}
            elif parts[0] == "sample":
                tally["sample"] = line[len("sample "):].strip()
            else:
                tally[parts[0]] = int(parts[1])
    return tally


def status_rows(counts):
    """{"200": n, "503-undocumented": m} -> rows sorted by status."""
    def order(key):
        head = key.split("-")[0]
        return (0, int(head)) if head.isdigit() else (1, 0)
    return sorted(counts.items(), key=lambda item: order(item[0]))


def read_events(path):
    with open(path) as source:
        return [(int(row["epoch_ms"]), row["event"], row["detail"]) for row in csv.DictReader(source)]


def chaos_report(args):
    work = args.dir
    settings = json.load(open(os.path.join(work, "settings.json")))
    events = read_events(os.path.join(work, "events.csv"))
    driver = json.load(open(os.path.join(work, "driver.json")))
    verified = json.load(open(os.path.join(work, "verify.json")))
    timeout = settings["timeout_seconds"]
    lines = [f"Chaos run {settings['stamp']}, commit {settings['commit']}", ""]
    lines += [f"Two replicas (A, B) on one Redis {settings['redis_version']} (`appendonly yes`, "
              f"`appendfsync {settings['fsync']}`), key prefix `{settings['key_prefix']}`; "
              f"{len(settings['down'])} SIGKILLs of Redis, down {', '.join(str(d) + ' s' for d in settings['down'])}; "
              f"client timeout {timeout} s (Tollgate's store timeout: 1 s). Machine: {settings['machine']}.", ""]

    lines += ["| load | requests | by status (undocumented: none unless listed) | longest | over the timeout | socket errors |",
              "|---|---:|---|---:|---:|---:|"]
    undocumented = 0
    over = 0
    longest = 0.0
    samples = []
    overall = {}
    broken = 0

    def add(counts):
        for key, n in counts.items():
            overall[key] = overall.get(key, 0) + n
    for name in sorted(f for f in os.listdir(work) if f.startswith("wrk-") and f.endswith(".tally")):
        tally = read_tally(os.path.join(work, name))
        replica = name[len("wrk-"):-len(".tally")]
        statuses = ", ".join(f"{k}: {v}" for k, v in status_rows(tally["status"]))
        add(tally["status"])
        undocumented += sum(v for k, v in tally["status"].items() if "undocumented" in k)
        errors = tally["errors"]
        over += errors.get("timeout", 0)
        socket_errors = errors.get("connect", 0) + errors.get("read", 0) + errors.get("write", 0)
        broken += socket_errors
        longest = max(longest, tally["latency_max_us"] / 1e6)
        if "sample" in tally:
            samples.append(f"wrk at {replica}: {tally['sample']}")
        lines.append(f"| wrk, guarded (cached and fresh brand tokens) at {replica} | {tally['requests']} | {statuses} | "
                     f"{tally['latency_max_us'] / 1000:.0f} ms | {errors.get('timeout', 0)} | {socket_errors} |")
    for request, counts in sorted(driver["counts"].items()):
        statuses = ", ".join(f"{k}: {v}" for k, v in status_rows(counts))
        add(counts)
        undocumented += sum(v for k, v in counts.items() if "undocumented" in k and k[0].isdigit())
        timeouts = counts.get("timeout-undocumented", 0)
        over += timeouts
        errors = sum(v for k, v in counts.items() if k.startswith("error"))
        broken += errors
        seconds = driver["longest_seconds"].get(request, 0.0)
        longest = max(longest, seconds)
        lines.append(f"| driver, {request} | {sum(counts.values())} | {statuses} | {seconds * 1000:.0f} ms | "
                     f"{timeouts} | {errors} |")
    samples += [f"driver: {s['request']} {s['status']} {s['body']}" for s in driver["undocumented_samples"]]
    lines += ["", "All requests: " + ", ".join(f"{k}: {v}" for k, v in status_rows(overall)) + "."]
    lines += ["", f"Undocumented answers: **{undocumented}**. Longest request: **{longest * 1000:.0f} ms** "
                  f"(timeout {timeout} s); requests over the timeout: **{over}**; connections broken (socket errors): "
                  f"**{broken}**."]
    if samples:
        lines += ["", "Samples of undocumented answers:", ""] + [f"- `{s}`" for s in samples[:10]]

    kills = [e[0] for e in events if e[1] == "kill"]
    restarts = [e[0] for e in events if e[1] == "redis-up"]
    not_ready = [e[2] for e in events if e[1] == "not-ready"]
    readiness = []
    path = os.path.join(work, "readiness.csv")
    if os.path.exists(path):
        readiness = [(int(r["epoch_ms"]), r["replica"], r["status"]) for r in csv.DictReader(open(path))]
    lines += ["", "| Redis kill | Redis answered again after | readiness DOWN after the kill | "
                  "readiness UP again after Redis answered |", "|---|---:|---|---|"]
    for i, kill in enumerate(kills):
        up = restarts[i] if i < len(restarts) else None
        end = kills[i + 1] if i + 1 < len(kills) else float("inf")
        down_cells, up_cells = [], []
        for replica in settings["replicas"]:
            window = [(t, s) for t, r, s in readiness if r == replica and kill <= t < end]
            went = next((t for t, s in window if s != "UP"), None)
            came = next((t for t, s in window if s == "UP" and went is not None and t > went), None)
            if went is None:
                down_cells.append(f"{replica}: stayed UP")
                up_cells.append(f"{replica}: (stayed UP)")
                continue
            down_cells.append(f"{replica}: {(went - kill) / 1000:.1f} s")
            up_cells.append(f"{replica}: {(came - up) / 1000:.1f} s" if came and up else f"{replica}: not UP again")
        answered = f"{(up - kill) / 1000:.1f} s" if up else "never"
        lines.append(f"| {i + 1} | {answered} | {', '.join(down_cells)} | {', '.join(up_cells)} |")
    if not_ready:
        lines += ["", "**Not ready again in time:** " + "; ".join(not_ready) + "."]
    pids = [e for e in events if e[1] == "replica-pids"]
    if pids:
        lines += ["", f"Replicas never restarted: process ids at the start and the end of the run: {pids[0][2]} / "
                      f"{pids[-1][2]}."]

    acks = list(csv.DictReader(open(os.path.join(work, "acks.csv"))))

    def period(ms):
        for i, kill in enumerate(kills):
            if ms < kill:
                return "before kill 1" if i == 0 else f"between kills {i} and {i + 1}"
        return f"after kill {len(kills)}"
    periods = {}
    for ack in acks:
        label = period(int(ack["epoch_ms"]))
        periods[label] = periods.get(label, 0) + 1
    lost_total = sum(r["lost"] for r in verified["replicas"].values())
    lines += ["", "| revocations acknowledged (200 from `invalidate_token`) | " +
              " | ".join(f"refused afterwards by {name}" for name in verified["replicas"]) + " | in Redis's set |",
              "|---|" + "---:|" * (len(verified["replicas"]) + 1)]
    redis = verified.get("redis", {})
    lines.append(f"| {len(acks)} ({', '.join(f'{k}: {v}' for k, v in periods.items())}) | " +
                 " | ".join(str(r["refused"]) for r in verified["replicas"].values()) +
                 f" | {redis.get('present', 'n/a')} |")
    control = verified["control"]
    lines += ["", f"Revocations lost: **{lost_total}** (any acknowledged revocation not refused by any replica; "
                  f"{settings['late_replica']} was started after the chaos and knows them only from Redis). "
                  "Control, tokens never revoked: " +
              ", ".join(f"{name} admitted {c['admitted']} of {c['checked']}" for name, c in control.items()) + "."]
    for name, r in verified["replicas"].items():
        for sample in r["lost_samples"][:5]:
            lines.append(f"- lost at {name}: {sample}")
    attempts = sum(driver["counts"].get("invalidate_token", {}).values())
    lines += ["", f"`invalidate_token` calls: {attempts}; not acknowledged (503 while Redis was down, or no "
                  "answer): " + str(attempts - len(acks)) + "; those are not checked (the caller was told)."]
    text = "\n".join(lines) + "\n"
    with open(args.out, "w") as out:
        out.write(text)
    sys.stdout.write(text)
    failed = undocumented or over or broken or lost_total or not_ready or redis.get("present", len(acks)) != len(acks) \
        or any(c["admitted"] != c["checked"] for c in control.values())
    sys.exit(1 if failed else 0)


def slope_per_minute(points):
    n = len(points)
    if n < 2:
        return float("nan")
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    return sxy / sxx * 60 if sxx else float("nan")


def soak_report(args):
    work = args.dir
    settings = json.load(open(os.path.join(work, "settings.json")))
    rows = list(csv.DictReader(open(os.path.join(work, "samples.csv"))))
    driver = json.load(open(os.path.join(work, "driver.json")))
    tally = read_tally(os.path.join(work, "wrk.tally"))
    lines = [f"Soak run {settings['stamp']}, commit {settings['commit']}: {settings['seconds']} s, one Tollgate on the "
             f"memory store, JVM `{settings['jvm']}`. Machine: {settings['machine']}.", ""]
    errors = sum(v for k, v in tally["status"].items() if k != "200")
    socket_errors = sum(tally["errors"].values())
    lines += ["| load | requests | by status | errors |", "|---|---:|---|---:|",
              f"| wrk, guarded (cached and fresh brand tokens) | {tally['requests']} | "
              f"{', '.join(f'{k}: {v}' for k, v in status_rows(tally['status']))} | {errors + socket_errors} |"]
    driver_errors = 0
    for request, counts in sorted(driver["counts"].items()):
        expected = "401" if "revoked" in request else "200"
        bad = sum(v for k, v in counts.items() if k != expected)
        driver_errors += bad
        lines.append(f"| driver, {request} | {sum(counts.values())} | "
                     f"{', '.join(f'{k}: {v}' for k, v in status_rows(counts))} | {bad} |")
    total_errors = errors + socket_errors + driver_errors
    lines += ["", f"Errors: **{total_errors}** (wrk: any answer but 200, and socket errors; driver: any answer but "
                  "200, or but 401 for a token just revoked). Longest request: "
                  f"{max([tally['latency_max_us'] / 1e6] + list(driver['longest_seconds'].values())) * 1000:.0f} ms.", ""]
    series = [("heap_used_kb", "heap used after a full GC", "KiB"), ("rss_kb", "RSS", "KiB"),
              ("fds", "open file descriptors", ""), ("threads", "threads", "")]
    start = float(rows[0]["elapsed_s"])
    half = start + (float(rows[-1]["elapsed_s"]) - start) / 2
    lines += ["| series (every 10 s) | first | last | min | max | slope over the run, per minute | "
              "slope over the second half |", "|---|---:|---:|---:|---:|---:|---:|"]
    for column, label, unit in series:
        points = [(float(r["elapsed_s"]), float(r[column])) for r in rows]
        second = [p for p in points if p[0] >= half]
        values = [y for _, y in points]
        suffix = f" {unit}" if unit else ""
        lines.append(f"| {label} | {values[0]:.0f}{suffix} | {values[-1]:.0f}{suffix} | {min(values):.0f}{suffix} | "
                     f"{max(values):.0f}{suffix} | {slope_per_minute(points):+.1f}{suffix}/min | "
                     f"{slope_per_minute(second):+.1f}{suffix}/min |")
    acks = sum(1 for _ in open(os.path.join(work, "acks.csv"))) - 1
    lines += ["", f"{len(rows)} samples. Revocations acknowledged during the run: {acks}, of "
                  f"{settings['revoked_lifetime']} tokens, so the revocation set stops growing once the first "
                  "revoked tokens expire (plus the clock skew)."]
    text = "\n".join(lines) + "\n"
    with open(args.out, "w") as out:
        out.write(text)
    sys.stdout.write(text)
    sys.exit(1 if total_errors else 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    jwks = commands.add_parser("jwks")
    jwks.add_argument("pem")
    jwks.add_argument("out")
    jwks.add_argument("--kid", default="bench-1")
    jwks.set_defaults(run=write_jwks)

    documented = commands.add_parser("documented")
    documented.add_argument("dialect", choices=sorted(WRK_DOCUMENTED))
    documented.add_argument("out")
    documented.set_defaults(run=write_documented)

    drive = commands.add_parser("drive")
    drive.add_argument("--replica", action="append", required=True, help="name:port:management-port")
    drive.add_argument("--seconds", type=float, required=True, help="stop after this long at the latest")
    drive.add_argument("--max-rounds", type=int, default=1_000_000, help="stop after this many rounds")
    drive.add_argument("--workers", type=int, default=2)
    drive.add_argument("--pause", type=float, default=0.0, help="seconds each worker sleeps between rounds")
    drive.add_argument("--pool", help="wrk's token pool, to revoke from")
    drive.add_argument("--pool-every", type=int, default=0, help="revoke a pool token every n rounds (0: never)")
    drive.add_argument("--revoke-kinds", type=lambda v: set(v.split(",")), default=set(KINDS),
                       help="kinds whose issued tokens are revoked, comma-separated (all)")
    drive.add_argument("--readiness", action="store_true", help="record readiness transitions")
    drive.add_argument("--timeout", type=float, default=3.0)
    drive.add_argument("--out", required=True)
    drive.set_defaults(run=lambda a: Driver(a).run())

    check = commands.add_parser("verify")
    check.add_argument("--replica", action="append", required=True)
    check.add_argument("--acks", required=True)
    check.add_argument("--attempts", required=True)
    check.add_argument("--control", action="append", default=[], help="token files; never-revoked ones are controls")
    check.add_argument("--control-count", type=int, default=200)
    check.add_argument("--redis-port", type=int)
    check.add_argument("--redis-key")
    check.add_argument("--timeout", type=float, default=10.0)
    check.add_argument("--out", required=True)
    check.set_defaults(run=verify)

    for name, run in (("chaos-report", chaos_report), ("soak-report", soak_report)):
        report = commands.add_parser(name)
        report.add_argument("dir")
        report.add_argument("--out", required=True)
        report.set_defaults(run=run)

    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
