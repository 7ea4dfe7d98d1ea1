#!/usr/bin/env python3
"""Signs in N seeded members through POST /auth/login and writes 'accessToken memberId branchId' lines."""
import json
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

base, count, branches, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]


def login(member_id):
    body = json.dumps({"phone": "139%08d" % member_id, "password": "bench-password"}).encode()
    req = urllib.request.Request(base + "/auth/login", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        token = json.load(resp)["accessToken"]
    return "%s %d %d" % (token, member_id, 2 + (member_id - 1) % branches)


# Spread the signed-in members over all branches: member ids 1..count step the branches round-robin.
with ThreadPoolExecutor(8) as pool:
    lines = list(pool.map(login, range(1, count + 1)))
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
