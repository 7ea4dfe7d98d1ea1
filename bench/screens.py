#!/usr/bin/env python3
"""The secretaries' screens during the check-in burst: every few seconds, fetches each meeting's current rotating
code (GET /meetings/{id}/code, in parallel) and writes 'meetingId code' lines atomically to the codes file the
phones (bench/lua/once.lua) read. Runs until killed."""
import json
import os
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

base, token, meetings_file, codes_file = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
interval = float(sys.argv[5]) if len(sys.argv) > 5 else 3.0
meetings = [line.split()[0] for line in open(meetings_file) if line.strip()]


def code(meeting):
    req = urllib.request.Request("%s/meetings/%s/code" % (base, meeting), headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return meeting, json.load(resp)["code"]


with ThreadPoolExecutor(10) as pool:
    while True:
        started = time.time()
        lines = ["%s %s" % pair for pair in pool.map(code, meetings)]
        with open(codes_file + ".next", "w") as f:
            f.write("\n".join(lines) + "\n")
        os.replace(codes_file + ".next", codes_file)
        if len(sys.argv) > 6 and sys.argv[6] == "once":
            break
        time.sleep(max(0.0, interval - (time.time() - started)))
