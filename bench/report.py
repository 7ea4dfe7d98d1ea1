#!/usr/bin/env python3
"""Turns bench/work/results into the markdown results table (figures beside floors from the same run)."""
import datetime
import json
import os
import platform
import re
import sys

results, connections, seconds, members, branches = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]


def measured(name):
    path = os.path.join(results, name + ".measure.json")
    if not os.path.exists(path):
        return None
    try:
        return json.load(open(path))
    except ValueError:
        return None


def check(name):
    path = os.path.join(results, name + "-check.json")
    return json.load(open(path)) if os.path.exists(path) else None


def threads(name):
    path = os.path.join(results, name + ".json.threads")
    if not os.path.exists(path):
        return None
    rows = [json.loads(line) for line in open(path) if line.strip()]
    statuses = {}
    for r in rows:
        for k, v in r["statuses"].items():
            statuses[k] = statuses.get(k, 0) + v
    return {"items": sum(r["items"] for r in rows), "answered": sum(r["answered"] for r in rows),
            "retries": sum(r["retries"] for r in rows), "statuses": statuses}


def wrk(name):
    path = os.path.join(results, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def redis_rate(name):
    path = os.path.join(results, name + ".txt")
    if not os.path.exists(path):
        return None
    m = re.search(r"([\d.]+) requests per second", open(path).read())
    return float(m.group(1)) if m else None


def db_insert_rate():
    path = os.path.join(results, "floor-db-insert.txt")
    if not os.path.exists(path):
        return None
    m = re.search(r"Average number of seconds to run all queries: ([\d.]+)", open(path).read())
    return int(connections) * 1000 / float(m.group(1)) if m and float(m.group(1)) > 0 else None


floors = {
    "anonymous": (wrk("floor-anonymous") or {}).get("rps"),
    "jwt": (wrk("floor-jwt") or {}).get("rps"),
    "redis-zrevrank": redis_rate("floor-redis-zrevrank"),
    "redis-zadd": redis_rate("floor-redis-zadd"),
    "redis-zrevrange": redis_rate("floor-redis-zrevrange"),
    "db-insert": db_insert_rate(),
}

# name: (what it does, floor it is compared with, goal ratio or None, p99 goal in ms or None; then in `extras` the
# p99 goal as a multiple of the floor's own p99 in the same run, and a burst's goal in seconds)
bursts = []
extras = {}
scenarios = [
    ("floor-anonymous", "GET /ping, anonymous (floor)", None, None, None),
    ("floor-jwt", "GET /ping/auth, behind JWT (floor)", None, None, None),
    ("profile-read", "GET /me: JWT + 3 indexed MySQL reads", "jwt", None, None),
]
extra = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scenarios.json")
if os.path.exists(extra):
    for s in json.load(open(extra)):
        scenarios.append((s["name"], s["what"], s.get("floor"), s.get("goal_ratio"), s.get("goal_p99_ms")))
        extras[s["name"]] = (s.get("goal_p99_x_floor"), s.get("goal_seconds"))
        if s.get("burst"):
            bursts.append(s["name"])

cpu = "unknown CPU"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass

commit_file = os.path.join(os.path.dirname(results), "commit.txt")
commit = open(commit_file).read().strip() if os.path.exists(commit_file) else "unknown"
print("Run %s (commit %s) on %s, %d cores (%s), %s connections, %s s per timed scenario, %s members in %s branches; "
      "service, MariaDB, Redis and wrk share the machine." % (
          datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), commit, platform.node() or "this machine",
          os.cpu_count(), cpu, connections, seconds, members, branches))
print()
print("| floor | rate |")
print("|---|---|")
labels = {"anonymous": "service, anonymous bare endpoint (wrk)", "jwt": "service, bare endpoint behind JWT (wrk)",
          "redis-zrevrank": "redis-benchmark ZREVRANK, 50 clients", "redis-zadd": "redis-benchmark ZADD, 50 clients",
          "redis-zrevrange": "redis-benchmark ZREVRANGE 0 19, 50 clients",
          "db-insert": "mariadb-slap durable single-row INSERT, %s clients" % connections}
for key, label in labels.items():
    value = floors.get(key)
    print("| %s | %s |" % (label, "%.0f/s" % value if value else "not measured"))
rebuild = os.path.join(results, "rebuild-seconds.txt")
if os.path.exists(rebuild):
    print()
    print("Leaderboards rebuilt from the MySQL ledger (%s entries) through POST /admin/leaderboards/rebuild (a background job, followed until DONE) in %.1f s." % (
        members, float(open(rebuild).read().strip())))
print()
print("| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | ratio to floor | goal | met |")
print("|---|---|---|---|---|---|---|---|---|")
for name, what, floor, goal_ratio, goal_p99 in scenarios:
    r = wrk(name)
    if r is None:
        print("| %s | not run | | | | | | | |" % what)
        continue
    ratio = r["rps"] / floors[floor] if floor and floors.get(floor) else None
    goals, met = [], []
    if goal_ratio is not None:
        goals.append("≥ %d %% of %s" % (goal_ratio * 100, floor))
        met.append(ratio is not None and ratio >= goal_ratio)
    if goal_p99 is not None:
        goals.append("p99 < %s ms" % goal_p99)
        met.append(r["p99_ms"] < goal_p99)
    p99_x, goal_seconds = extras.get(name, (None, None))
    floor_run = wrk("floor-" + floor) if floor in ("jwt", "anonymous") else None
    if p99_x is not None and floor_run is not None:
        goals.append("p99 ≤ %g × %s p99 (%.1f ms)" % (p99_x, floor, p99_x * floor_run["p99_ms"]))
        met.append(r["p99_ms"] <= p99_x * floor_run["p99_ms"])
    if goal_seconds is not None:
        goals.append("all in ≤ %s s" % goal_seconds)
        met.append(r["seconds"] <= goal_seconds)
    if met:
        goals.append("no errors")
        met.append(r["errors"] == 0)
    print("| %s | %.0f | %.2f | %.2f | %.2f | %d | %s | %s | %s |" % (
        what, r["rps"], r["p50_ms"], r["p95_ms"], r["p99_ms"], r["errors"],
        "%.0f %% of %s" % (ratio * 100, floor) if ratio is not None else "",
        ", ".join(goals), ("yes" if all(met) else "**no**") if met else ""))

if bursts:
    print()
    print("Bursts (every item sent once; a connection with nothing new to send retries an item already sent, as a "
          "phone does; the retries must not count twice):")
    print()
    print("| burst | items | answered | retries sent | answers by status | seconds |")
    print("|---|---|---|---|---|---|")
    for name in bursts:
        t, r = threads(name), wrk(name)
        if t is None or r is None:
            continue
        print("| %s | %d | %d | %d | %s | %.1f |" % (name, t["items"], t["answered"], t["retries"],
              ", ".join("%s: %d" % kv for kv in sorted(t["statuses"].items())), r["seconds"]))
    for name in ("contest", "checkin"):
        c = check(name)
        if c:
            print()
            print("Checked in MySQL and Redis after the %s burst: %s." % (
                name, ", ".join("%s %s" % (k.replace("_", " "), v) for k, v in c.items())))

print()
print("What limits each run, measured during it (bench/measure.sh): CPU time each process used per request "
      "(/proc), the share of the 2 cores busy, MariaDB statements and JDBC socket reads (round trips) per request, "
      "the connection pool (HikariCP's timers: checkouts, mean wait for a connection, mean time one is held; its gauges "
      "sampled every second), and where the "
      "service's CPU went (JFR samples, by component; the hottest own method).")
print()
print("| run | service CPU µs/req | MariaDB µs/req | Redis µs/req | cores busy | SQL stmts/req | reads from MariaDB/req "
      "| pool checkouts/req | pool wait ms (mean) | connection held ms (mean) | pool busy max / waiting max "
      "| service CPU by component | hottest own method |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for name, *_ in scenarios:
    m, r = measured(name), wrk(name)
    if m is None or r is None or not r["requests"]:
        continue
    n = r["requests"]
    cpu = m["cpu_seconds"]
    busy = (cpu["service"] + cpu["mariadb"] + cpu["redis"]) / m["seconds"] if m["seconds"] else 0
    j = m.get("jfr", {})
    comps = ", ".join("%s %d %%" % (k, v * 100) for k, v in list(j.get("components", {}).items())[:4])
    top = j.get("app_methods") or []
    hottest = ("%s %d %%" % (top[0][0].replace("app.vanguard.", ""), top[0][1] * 100)) if top else ""
    pool = m.get("pool", {})
    def ms(v):
        return "%.2f" % v if v is not None else ""
    print("| %s | %.0f | %.0f | %.0f | %.2f | %.1f | %.1f | %.1f | %s | %s | %s / %s | %s | %s |" % (
        name, cpu["service"] * 1e6 / n, cpu["mariadb"] * 1e6 / n, cpu["redis"] * 1e6 / n, busy,
        m["statements"].get("Questions", 0) / n, j.get("db_socket_reads", 0) / n,
        (pool.get("checkouts") or 0) / n, ms(pool.get("acquire_ms_mean")), ms(pool.get("held_ms_mean")),
        "%.0f" % pool["max_active"] if pool.get("max_active") is not None else "?",
        "%.0f" % pool["max_pending"] if pool.get("max_pending") is not None else "?",
        comps, hottest))

crash = check("crash")  # bench/scenarios/crash.sh
if crash:
    def fig(key):
        return crash.get(key, "?")
    print()
    print("Crash test (bench/scenarios/crash.sh): the service killed with kill -9 mid-burst, restarted, then checked "
          "in MySQL and Redis; every request not answered 2xx retried. **%s**%s." % (
              "passed" if crash.get("passed") else "FAILED",
              "" if crash.get("killed_mid_burst", True) else " (the kill did not land mid-burst)"))
    print()
    print("| burst | items | answered 2xx | 2xx stored exactly once | duplicates | no answer (of which refused) "
          "| no answer but stored | retried | retries ok | not exactly once after retries |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print("| check-in | %s | %s | %s | %s (half written %s) | %s (%s) | %s | %s | %s | %s |" % (
        fig("items"), fig("answered_2xx"), fig("rows_for_2xx_exactly_once"), fig("duplicates"), fig("half_written"),
        fig("unanswered"), fig("unanswered_refused"), fig("unanswered_recorded"), fig("retried"), fig("retries_ok"),
        fig("not_exactly_once_after_retries")))
    print("| contest submit | %s | %s | %s | %s | %s (%s) | %s | %s | %s | %s |" % (
        fig("submits"), fig("submit_answered_2xx"), fig("submits_for_2xx_exactly_once"), fig("submit_duplicates"),
        fig("submit_unanswered"), fig("submit_unanswered_refused"), fig("submit_unanswered_recorded"),
        fig("submit_retried"), fig("submit_retries_ok"), fig("submits_not_as_sent_after_retries")))
    print()
    print("Boards after the catch-up (%s after %s s): %s board entries of %s members compared with the MySQL ledger, "
          "%s mismatches; contest live board: %s of %s finished attempts' members, %s missing, %s wrong scores "
          "(board updates the service gave up on, from its log: %s)." % (
              "reached" if crash.get("catch_up_reached") else "**not reached**", fig("catch_up_wait_s"),
              fig("board_entries_compared"), fig("board_members_checked"), fig("board_mismatches"),
              fig("contest_board_entries"), fig("contest_finished_attempts"), fig("contest_board_missing"),
              fig("contest_board_wrong_scores"), fig("contest_board_updates_given_up_in_log")))
    for p in (crash.get("problems") or []) + (crash.get("submit_problems") or []) + (crash.get("board_problems") or []):
        print("- problem: %s" % json.dumps(p, ensure_ascii=False))

notices = wrk("notices")  # bench/scenarios/notices.sh: not a wrk run, the same JSON file convention
if notices:
    print()
    print("| notices | expected | received | duplicates | schedule request ms | seconds to deliver all | goal | met |")
    print("|---|---|---|---|---|---|---|---|")
    seconds_all = notices.get("seconds_to_deliver_all")
    print("| Meeting scheduled through the API by the secretary of a %d-member branch, every member bound to WeChat: "
          "subscribe messages received by the local WeChat stub | %d | %d | %d | %d | %s | ≤ 60 s, each once | %s |" % (
              notices["members"], notices["expected"], notices["received"], notices["duplicates"],
              notices["schedule_ms"], "%.1f" % seconds_all if seconds_all is not None else "not all delivered",
              "yes" if notices["met"] else "**no**"))
