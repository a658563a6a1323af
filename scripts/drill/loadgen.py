#!/usr/bin/env python3
"""Steady traffic through the gateway, like users would send it.

loadgen.py BASE_URL SEED STOPFILE: orders lookups, logins and stock checks at
rates drawn from SEED, until STOPFILE exists. Prints a summary every 10 s.
Two in a hundred order lookups carry a tampered token (the 401s of real traffic).
"""
import json
import os
import random
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

base, seed, stopfile = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)
rates = {"orders": rng.uniform(7.0, 9.0), "login": rng.uniform(0.8, 1.2), "inventory": rng.uniform(1.5, 2.5)}
users = [f"u{n}" for n in range(40)]
tokens = {}
lock = threading.Lock()
stats = {}
UA = "drill-load/1.0 (+python-urllib)"


def call(kind, url, data=None, headers=None):
    started = time.monotonic()
    req = urllib.request.Request(url, data=data, headers={"User-Agent": UA, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as res:
            body = res.read()
            status = res.status
    except urllib.error.HTTPError as err:
        body, status = b"", err.code
    except Exception:  # connection reset, timeout: what a user's browser would show as an error
        body, status = b"", 0
    with lock:
        s = stats.setdefault(kind, {})
        s[status] = s.get(status, 0) + 1
        s["slow"] = s.get("slow", 0) + (time.monotonic() - started > 1.0)
    return status, body


def login(user):
    status, body = call("login", f"{base}/api/auth/login", json.dumps({"user": user}).encode(),
                        {"Content-Type": "application/json"})
    if status == 200:
        tokens[user] = json.loads(body)["token"]


def orders(user, tamper):
    token = tokens.get(user)
    if token is None:
        return login(user)
    if tamper:
        token = token[:-2] + "xx"
    call("orders", f"{base}/api/orders?customer=c{user[1:]}", headers={"Authorization": f"Bearer {token}"})


def inventory(sku):
    call("inventory", f"{base}/api/inventory/{sku}")


def report():
    while not os.path.exists(stopfile):
        time.sleep(10)
        with lock:
            line = " ".join(f"{k}={dict(sorted(v.items(), key=str))}" for k, v in sorted(stats.items()))
            stats.clear()
        print(time.strftime("%H:%M:%S"), line, flush=True)


def main():
    print(f"rates {json.dumps({k: round(v, 2) for k, v in rates.items()})}", flush=True)
    pool = ThreadPoolExecutor(max_workers=24)
    threading.Thread(target=report, daemon=True).start()
    next_at = {k: time.monotonic() + rng.expovariate(r) for k, r in rates.items()}
    pending = []
    while not os.path.exists(stopfile):
        kind = min(next_at, key=next_at.get)
        time.sleep(max(0.0, next_at[kind] - time.monotonic()))
        next_at[kind] += rng.expovariate(rates[kind])
        pending = [f for f in pending if not f.done()]
        if len(pending) >= 48:  # users give up rather than queue forever
            continue
        user = rng.choice(users)
        if kind == "orders":
            pending.append(pool.submit(orders, user, rng.random() < 0.02))
        elif kind == "login":
            pending.append(pool.submit(login, user))
        else:
            pending.append(pool.submit(inventory, f"sku-{rng.randrange(55)}"))
    pool.shutdown(wait=False, cancel_futures=True)


main()
