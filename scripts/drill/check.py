#!/usr/bin/env python3
"""Judges one drill run: check.py RUNDIR OOM_COUNT.

PASS when culprit's top suspect is the guilty change (orders 2.4.0, a deploy) with
verdict `likely` and no other change is `likely`. Exit 0 PASS, 1 FAIL, 3 when the
drill itself did not produce its scenario (orders did not run out of memory twice).
Prints the reason, culprit's top suspects and anomalies, and which kinds of events
culprit extracted from which file.
"""
import collections
import csv
import json
import sys

rundir, ooms = sys.argv[1], int(sys.argv[2])
GUILTY = ("orders", "2.4.0", "deploy")

with open(f"{rundir}/deploys.csv") as f:
    changes = list(csv.DictReader(f))
with open(f"{rundir}/culprit.json") as f:
    report = json.load(f)
suspects = report.get("suspects", [])
anomalies = report.get("anomalies", [])


def name(s):
    return f"{s.get('service')} {s.get('version')} {s.get('change')} at {s.get('at')}"


print("changes performed:")
for c in changes:
    print(f"  {c['time']} {c['service']} {c['version']} {c['kind']} by {c['actor']}")
print(f"orders ran out of memory {ooms} times")
print("culprit's suspects:" if suspects else "culprit's suspects: none")
for s in suspects[:5]:
    print(f"  #{s.get('rank')} {s.get('score'):.2f} {s.get('verdict'):8} {name(s)}")
    for e in s.get("evidence", [])[:4]:
        print(f"      {e.get('signal')}: {e.get('summary')}")
print("culprit's anomalies:" if anomalies else "culprit's anomalies: none")
for a in anomalies:
    print(f"  {a.get('service')} {a.get('kind')} {a.get('start')} .. {a.get('end')}: {a.get('summary')}")

by_file = collections.defaultdict(collections.Counter)
with open(f"{rundir}/extract.ndjson") as f:
    for line in f:
        event = json.loads(line)
        by_file[event["ref"].rsplit(":", 1)[0]][f"{event['service']}/{event['kind']}"] += 1
print("extracted events by file:")
for path in sorted(by_file):
    print(f"  {path}: " + ", ".join(f"{k} {n}" for k, n in sorted(by_file[path].items())))

if ooms < 2:
    print(f"DRILL INVALID: orders ran out of memory {ooms} times, the scenario needs 2")
    sys.exit(3)
reasons = []
top = suspects[0] if suspects else None
if top is None:
    reasons.append("no suspect at all")
elif (top.get("service"), top.get("version"), top.get("change")) != GUILTY:
    reasons.append(f"top suspect is {name(top)} ({top.get('verdict')}), not orders 2.4.0 deploy")
elif top.get("verdict") != "likely":
    reasons.append(f"orders 2.4.0 is top but only {top.get('verdict')} ({top.get('score'):.2f})")
for s in suspects[1:] if top is not None and (top.get("service"), top.get("version"), top.get("change")) == GUILTY else suspects:
    if s.get("verdict") == "likely" and (s.get("service"), s.get("version"), s.get("change")) != GUILTY:
        reasons.append(f"innocent change {name(s)} is likely ({s.get('score'):.2f})")
if reasons:
    print("FAIL: " + "; ".join(reasons))
    sys.exit(1)
print(f"PASS: orders 2.4.0 deploy is likely ({top.get('score'):.2f}), no innocent change is likely")
