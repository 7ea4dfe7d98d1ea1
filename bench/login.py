#!/usr/bin/env python3
"""Signs in seeded members through POST /auth/login: reads 'memberId branchId' lines on stdin, writes
'accessToken memberId branchId' lines to the output file (same order)."""
import json
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

base, out = sys.argv[1], sys.argv[2]
members = [line.split() for line in sys.stdin if line.strip()]


def login(pair):
    member_id, branch_id = pair
    body = json.dumps({"phone": "139%08d" % int(member_id), "password": "bench-password"}).encode()
    req = urllib.request.Request(base + "/auth/login", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        token = json.load(resp)["accessToken"]
    return "%s %s %s" % (token, member_id, branch_id)


with ThreadPoolExecutor(16) as pool:
    lines = list(pool.map(login, members))
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
