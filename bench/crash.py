#!/usr/bin/env python3
"""The crash test's client and checks (bench/scenarios/crash.sh runs them; see there for the whole story).

  crash.py burst BASE ITEMS OUT [--codes ADMIN_TOKEN] [--connections N] [--started FILE]
      Sends every item of ITEMS (JSON lines: token, method, path, body; "{code}" as a body is filled with the
      meeting's current rotating code, fetched by ADMIN_TOKEN every 3 s) exactly once, over N keep-alive
      connections, and records every outcome to OUT (JSON lines: i, status or null, body, error, sent/answered
      times). A connection error (the service was killed) is recorded as "no answer" and never retried here.
  crash.py checkin BASE DB_PORT ITEMS BURST OUT --codes ADMIN_TOKEN
  crash.py contest BASE DB_PORT ITEMS BURST OUT CONTEST_ID
      After the restart: checks MySQL against every recorded answer, retries every item that got no 2xx (the
      phone's retry) and checks again; writes the figures as JSON to OUT.
  crash.py boards DB_PORT REDIS_PORT MEMBERS CONTEST_ID OUT [--timeout S]
      Waits for the boards' catch-up (watermark lb:{meta}:w at the ledger's last entry, no rebuild running), then
      compares every leaderboard of the members in MEMBERS (day, week, month, all time; their branch and each
      ancestor) with the sums of the MySQL ledger, and the contest's live board with the finished attempts.
  crash.py merge OUT PART...
      Merges the parts' JSON objects into one (the crash-check.json report.py reads).
Only the standard library: http.client, a MySQL client process (mariadb) and a few lines of Redis protocol."""
import datetime
import http.client
import itertools
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

REQUEST_TIMEOUT = 15.0


# --- HTTP ---------------------------------------------------------------------------------------------------------

def call(conn, method, path, token, body):
    headers = {"Authorization": "Bearer " + token}
    if body:
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=body.encode() if body else None, headers=headers)
    resp = conn.getresponse()
    return resp.status, resp.read().decode("utf-8", "replace"), resp.will_close


class Codes:
    """The secretaries' screens: each meeting's current code, fetched every few seconds; errors are ignored (the
    service may be down), the last code known stays."""

    def __init__(self, base, token, meetings, interval=3.0):
        self.base, self.token, self.meetings, self.interval = base, token, sorted(set(meetings)), interval
        self.codes = {}
        self.stop = threading.Event()
        self.refresh()
        missing = [m for m in self.meetings if m not in self.codes]
        if missing:
            raise SystemExit("no check-in code for meetings %s" % missing[:5])
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def refresh(self):
        u = urllib.parse.urlsplit(self.base)
        try:
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=5)
            for m in self.meetings:
                status, text, _ = call(conn, "GET", "/meetings/%s/code" % m, self.token, None)
                if status == 200:
                    self.codes[m] = json.loads(text)["code"]
            conn.close()
        except (OSError, http.client.HTTPException):
            pass

    def loop(self):
        while not self.stop.wait(self.interval):
            self.refresh()

    def body(self, path):
        meeting = path.split("/")[2]
        return json.dumps({"code": self.codes.get(meeting, "000000")})


def send_all(base, items, connections, codes=None, started=None):
    """Sends each item once over `connections` keep-alive connections; returns one record per item, in order."""
    u = urllib.parse.urlsplit(base)
    records = [None] * len(items)
    counter = itertools.count()
    t0 = time.time()
    started_mark = threading.Event()

    def worker():
        conn = None
        while True:
            i = next(counter)
            if i >= len(items):
                break
            item = items[i]
            body = item.get("body") or ""
            if body == "{code}":
                body = codes.body(item["path"])
            rec = {"i": i, "status": None, "body": None, "error": None, "sent": round(time.time() - t0, 4)}
            if started and not started_mark.is_set():
                started_mark.set()
                open(started, "w").close()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=REQUEST_TIMEOUT)
                status, text, will_close = call(conn, item["method"], item["path"], item["token"], body)
                rec["status"], rec["body"] = status, text
                if will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as e:
                rec["error"] = "%s: %s" % (type(e).__name__, e)
                if conn is not None:
                    conn.close()
                conn = None
            rec["answered"] = round(time.time() - t0, 4)
            records[i] = rec
        if conn is not None:
            conn.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(max(1, connections))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return records


def load_jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path, rows):
    with open(path, "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def ok(status):
    return status is not None and 200 <= status < 300


def parse_body(rec):
    try:
        return json.loads(rec["body"]) if rec and rec.get("body") else None
    except ValueError:
        return None


def epoch_ms(text):
    """An ISO-8601 instant with offset (as the API shows times) → epoch milliseconds."""
    if not text:
        return None
    dt = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return int(round(dt.timestamp() * 1000))


def summary(records):
    by_status = {}
    for r in records:
        key = str(r["status"]) if r["status"] is not None else "no answer"
        by_status[key] = by_status.get(key, 0) + 1
    refused = sum(1 for r in records if r["status"] is None and "ConnectionRefused" in (r["error"] or ""))
    return by_status, refused


# --- MySQL and Redis ----------------------------------------------------------------------------------------------

def sql(port, query):
    """Rows of a query through the mariadb client (tab-separated, NULL as None)."""
    out = subprocess.run(["mariadb", "--no-defaults", "-uroot", "-h127.0.0.1", "-P%s" % port, "-N", "-B", "vanguard",
                          "-e", query], check=True, capture_output=True, text=True, timeout=300).stdout
    rows = []
    for line in out.splitlines():
        rows.append([None if v == "NULL" else v for v in line.split("\t")])
    return rows


class Redis:
    """Enough of the Redis protocol for pipelined reads."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", int(port)), timeout=30)
        self.file = self.sock.makefile("rb")

    def pipeline(self, commands):
        replies = []
        for start in range(0, len(commands), 5000):
            chunk = commands[start:start + 5000]
            out = bytearray()
            for cmd in chunk:
                out += b"*%d\r\n" % len(cmd)
                for arg in cmd:
                    a = str(arg).encode()
                    out += b"$%d\r\n%s\r\n" % (len(a), a)
            self.sock.sendall(out)
            replies.extend(self.read() for _ in chunk)
        return replies

    def read(self):
        line = self.file.readline().rstrip(b"\r\n")
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise RuntimeError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = self.file.read(n + 2)[:-2]
            return data.decode()
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self.read() for _ in range(n)]
        raise RuntimeError("unexpected Redis reply %r" % line)


# --- check-in -----------------------------------------------------------------------------------------------------

def checkin_state(db_port, meetings):
    """(meeting, member) → {rows, status, at_ms} and → {entries, entry_id}, for the crash meetings."""
    ids = ",".join(sorted(set(meetings)))
    rows = {}
    for meeting, member, n, status, at in sql(db_port, "SELECT meeting_id, member_id, COUNT(*), MAX(status), "
                                                       "MAX(checked_in_at_ms) FROM meeting_attendance WHERE meeting_id "
                                                       "IN (%s) GROUP BY meeting_id, member_id" % ids):
        rows[(meeting, member)] = {"rows": int(n), "status": status, "at_ms": int(at)}
    entries = {}
    refs = ",".join("'meeting:%s'" % m for m in sorted(set(meetings)))
    for ref, member, n, entry_id in sql(db_port, "SELECT reference, member_id, COUNT(*), MAX(id) FROM points_entry "
                                                 "WHERE action = 'CHECK_IN' AND reference IN (%s) "
                                                 "GROUP BY reference, member_id" % refs):
        entries[(ref.split(":", 1)[1], member)] = {"entries": int(n), "entry_id": int(entry_id)}
    return rows, entries


def check_checkin(args):
    items, burst = load_jsonl(args.items), load_jsonl(args.burst)
    key = [(it["meeting"], it["member"]) for it in items]
    meetings = [it["meeting"] for it in items]
    rows, entries = checkin_state(args.db_port, meetings)

    def exactly_once(k, rs, es):
        return rs.get(k, {}).get("rows") == 1 and es.get(k, {}).get("entries") == 1

    answered = [r for r in burst if ok(r["status"])]
    bad_2xx = []
    for r in answered:
        k, body = key[r["i"]], parse_body(r)
        problem = None
        if not exactly_once(k, rows, entries):
            problem = "rows %s, entries %s" % (rows.get(k, {}).get("rows", 0), entries.get(k, {}).get("entries", 0))
        elif body is None or str(body.get("meetingId")) != k[0] or str(body.get("memberId")) != k[1]:
            problem = "answer names another record: %s" % (r["body"] or "")[:200]
        elif epoch_ms(body.get("checkedInAt")) != rows[k]["at_ms"]:
            problem = "answered checkedInAt %s, stored %s ms" % (body.get("checkedInAt"), rows[k]["at_ms"])
        elif rows[k]["status"] not in ("PRESENT", "LATE"):
            problem = "stored status %s" % rows[k]["status"]
        if problem:
            bad_2xx.append({"meeting": k[0], "member": k[1], "status": r["status"], "problem": problem})
    duplicates = sum(1 for v in rows.values() if v["rows"] > 1) + sum(1 for v in entries.values() if v["entries"] > 1)
    # Both or neither: an attended row without its points entry (or the reverse) was half written.
    half_written = sorted(set(k for k, v in rows.items() if v["status"] in ("PRESENT", "LATE")) ^ set(entries))
    unanswered = [r for r in burst if r["status"] is None]
    recorded_before = {key[r["i"]]: rows[key[r["i"]]] for r in unanswered if key[r["i"]] in rows}
    by_status, refused = summary(burst)

    # The phones' retries: every item that got no 2xx, with the current code.
    retry_items = [r["i"] for r in burst if not ok(r["status"])]
    codes = Codes(args.base, args.codes, meetings) if retry_items else None
    retries = send_all(args.base, [items[i] for i in retry_items], args.connections, codes)
    if codes:
        codes.stop.set()
    rows_after, entries_after = checkin_state(args.db_port, meetings)
    retries_failed = []
    for i, r in zip(retry_items, retries):
        k, body = key[i], parse_body(r)
        problem = None
        if not ok(r["status"]):
            problem = "answered %s %s" % (r["status"], (r["body"] or r["error"] or "")[:200])
        elif not exactly_once(k, rows_after, entries_after):
            problem = "rows %s, entries %s after the retry" % (rows_after.get(k, {}).get("rows", 0),
                                                               entries_after.get(k, {}).get("entries", 0))
        elif k in rows and (r["status"] != 200 or epoch_ms((body or {}).get("checkedInAt")) != rows[k]["at_ms"]
                            or rows_after[k]["at_ms"] != rows[k]["at_ms"]
                            or entries_after[k]["entry_id"] != entries.get(k, {}).get("entry_id")):
            problem = "recorded before the retry, yet the retry answered %s %s (stored at %s ms, entry %s → %s)" % (
                r["status"], (r["body"] or "")[:120], rows[k]["at_ms"], entries.get(k, {}).get("entry_id"),
                entries_after[k]["entry_id"])
        if problem:
            retries_failed.append({"meeting": k[0], "member": k[1], "problem": problem})
    missing_after = sum(1 for k in key if not exactly_once(k, rows_after, entries_after))
    duplicates_after = (sum(1 for v in rows_after.values() if v["rows"] > 1)
                        + sum(1 for v in entries_after.values() if v["entries"] > 1))
    result = {
        "items": len(items), "answers_by_status": by_status, "answered_2xx": len(answered),
        "rows_for_2xx_exactly_once": len(answered) - len(bad_2xx), "answered_2xx_not_exactly_once": len(bad_2xx),
        "duplicates": max(duplicates, duplicates_after), "half_written": len(half_written),
        "unanswered": len(unanswered), "unanswered_refused": refused,
        "unanswered_recorded": len(recorded_before),
        "last_answer_before_kill_s": max([r["answered"] for r in burst if r["status"] is not None] or [0]),
        "retried": len(retry_items), "retries_ok": len(retry_items) - len(retries_failed),
        "retries_failed": len(retries_failed), "not_exactly_once_after_retries": missing_after,
        "problems": (bad_2xx + retries_failed)[:10] + [{"half_written": list(k)} for k in half_written[:5]],
    }
    result["checkin_passed"] = (not bad_2xx and not retries_failed and not half_written and result["duplicates"] == 0
                        and missing_after == 0)
    with open(args.out, "w") as f:
        json.dump(result, f, ensure_ascii=False)
    print("   crash check-in: %s" % json.dumps({k: v for k, v in result.items() if k != "problems"}, ensure_ascii=False))
    for p in result["problems"]:
        print("     problem: %s" % json.dumps(p, ensure_ascii=False))


# --- contest submit -----------------------------------------------------------------------------------------------

def contest_state(db_port, contest_id):
    """attempt id → {member, finished_ms, score, answers: {position: (answer, answered_at_ms)}, answer_rows}."""
    attempts = {}
    for aid, member, finished, score, correct in sql(db_port, "SELECT id, member_id, finished_at_ms, score, "
                                                              "correct_count FROM quiz_attempt WHERE contest_id = %s"
                                                     % int(contest_id)):
        attempts[aid] = {"member": member, "finished_ms": finished, "score": int(score), "correct": int(correct),
                         "answers": {}, "answer_rows": 0}
    for aid, position, answer, at in sql(db_port, "SELECT aa.attempt_id, aa.position, aa.answer, aa.answered_at_ms "
                                                  "FROM quiz_attempt_answer aa JOIN quiz_attempt a ON a.id = "
                                                  "aa.attempt_id WHERE a.contest_id = %s" % int(contest_id)):
        a = attempts[aid]
        a["answer_rows"] += 1
        a["answers"][position] = (answer, at)
    return attempts


def check_contest(args):
    items, burst = load_jsonl(args.items), load_jsonl(args.burst)
    before = contest_state(args.db_port, args.contest_id)

    def stored_as_sent(item, state):
        a = state.get(item["attempt"])
        if a is None:
            return "no attempt %s" % item["attempt"]
        if a["finished_ms"] is None:
            return "attempt not finished"
        sent = {str(p): v for p, v in item["answers"].items()}
        got = {p: v[0] for p, v in a["answers"].items()}
        if a["answer_rows"] != len(sent) or got != sent:
            return "stored answers %s (%d rows), sent %s" % (got, a["answer_rows"], sent)
        return None

    answered = [r for r in burst if ok(r["status"])]
    bad_2xx = []
    for r in answered:
        item, body = items[r["i"]], parse_body(r)
        problem = stored_as_sent(item, before)
        a = before.get(item["attempt"])
        if problem is None and (body is None or str(body.get("id")) != item["attempt"] or body.get("status") != "FINISHED"
                                or (body.get("result") or {}).get("score") != a["score"]):
            problem = "answer %s does not match the stored attempt (score %s)" % ((r["body"] or "")[:200], a["score"])
        if problem:
            bad_2xx.append({"attempt": item["attempt"], "member": item["member"], "problem": problem})
    members = {}
    for a in before.values():
        members[a["member"]] = members.get(a["member"], 0) + 1
    duplicates = sum(1 for n in members.values() if n > 1)
    unanswered = [r for r in burst if r["status"] is None]
    recorded = {items[r["i"]]["attempt"] for r in unanswered
                if before.get(items[r["i"]]["attempt"], {}).get("finished_ms") is not None}
    by_status, refused = summary(burst)

    retry_items = [r["i"] for r in burst if not ok(r["status"])]
    retries = send_all(args.base, [items[i] for i in retry_items], args.connections)
    after = contest_state(args.db_port, args.contest_id)
    retries_failed = []
    for i, r in zip(retry_items, retries):
        item = items[i]
        problem = None
        if not ok(r["status"]):
            problem = "answered %s %s" % (r["status"], (r["body"] or r["error"] or "")[:200])
        else:
            problem = stored_as_sent(item, after)
            b, a = before.get(item["attempt"]), after.get(item["attempt"])
            if problem is None and item["attempt"] in recorded and (
                    (b["finished_ms"], b["score"], b["answers"]) != (a["finished_ms"], a["score"], a["answers"])):
                problem = "finished before the retry, yet the retry changed it: %s → %s" % (
                    (b["finished_ms"], b["score"]), (a["finished_ms"], a["score"]))
        if problem:
            retries_failed.append({"attempt": item["attempt"], "member": item["member"], "problem": problem})
    not_once_after = sum(1 for it in items if stored_as_sent(it, after) is not None)
    result = {
        "submits": len(items), "submit_answers_by_status": by_status, "submit_answered_2xx": len(answered),
        "submits_for_2xx_exactly_once": len(answered) - len(bad_2xx),
        "submit_answered_2xx_not_exactly_once": len(bad_2xx), "submit_duplicates": duplicates,
        "submit_unanswered": len(unanswered), "submit_unanswered_refused": refused,
        "submit_unanswered_recorded": len(recorded),
        "submit_last_answer_before_kill_s": max([r["answered"] for r in burst if r["status"] is not None] or [0]),
        "submit_retried": len(retry_items), "submit_retries_ok": len(retry_items) - len(retries_failed),
        "submit_retries_failed": len(retries_failed), "submits_not_as_sent_after_retries": not_once_after,
        "submit_problems": (bad_2xx + retries_failed)[:10],
    }
    result["submit_passed"] = not bad_2xx and not retries_failed and duplicates == 0 and not_once_after == 0
    with open(args.out, "w") as f:
        json.dump(result, f, ensure_ascii=False)
    print("   crash contest: %s" % json.dumps({k: v for k, v in result.items() if k != "submit_problems"},
                                               ensure_ascii=False))
    for p in result["submit_problems"]:
        print("     problem: %s" % json.dumps(p, ensure_ascii=False))


# --- boards -------------------------------------------------------------------------------------------------------

def period_keys(day):
    """Redis key names of the day, week, month and all-time boards holding `day` (points/Period.key)."""
    iso = day.isocalendar()
    return ["D%04d%02d%02d" % (day.year, day.month, day.day), "W%04d-%02d" % (iso[0], iso[1]),
            "M%04d%02d" % (day.year, day.month), "A"]


def check_boards(args):
    redis = Redis(args.redis_port)
    members = sorted({line.split()[0] for line in open(args.members) if line.strip()}, key=int)
    started = time.time()
    caught_up = False
    while True:
        watermark, lock = redis.pipeline([["GET", "lb:{meta}:w"], ["EXISTS", "lb:{meta}:rebuild"]])
        last = sql(args.db_port, "SELECT COALESCE(MAX(id), 0) FROM points_entry")[0][0]
        if watermark is not None and int(watermark) >= int(last) and not lock:
            caught_up = True
            break
        if time.time() - started > args.timeout:
            break
        time.sleep(2)
    waited = time.time() - started
    # The ledger: each member's points per day and branch (boards count an entry on its branch and each ancestor).
    ledger = {}
    branches = set()
    ids = ",".join(members)
    rows = sql(args.db_port, "SELECT member_id, branch_id, business_date, SUM(points) FROM points_entry WHERE member_id "
                             "IN (%s) AND branch_id IS NOT NULL GROUP BY member_id, branch_id, business_date" % ids)
    for member, branch, day, points in rows:
        branches.add(branch)
    paths = {b: p for b, p in sql(args.db_port, "SELECT id, path FROM organisation WHERE id IN (%s)"
                                                % ",".join(sorted(branches) or ["0"]))}
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()  # Asia/Shanghai
    for member in members:  # every member is expected on today's boards of their branch (0 when absent)
        ledger.setdefault(("1", period_keys(today)[0], member), 0)
    for member, branch, day, points in rows:
        for org in [o for o in paths.get(branch, "/%s/" % branch).split("/") if o]:
            for key in period_keys(datetime.date.fromisoformat(day)):
                ledger[(org, key, member)] = ledger.get((org, key, member), 0) + int(points)
    boards = sorted(ledger)
    entries = redis.pipeline([["HGET", "lb:{o%s:%s}:m" % (org, key), member] for org, key, member in boards])
    scores = redis.pipeline([["ZSCORE", "lb:{o%s:%s}:z" % (org, key), e] if e else ["PING"]
                             for (org, key, member), e in zip(boards, entries)])
    mismatches = []
    for (org, key, member), entry, score in zip(boards, entries, scores):
        on_board = int(float(score)) if entry and score not in (None, "PONG") else 0
        if on_board != ledger[(org, key, member)]:
            mismatches.append({"board": "lb:{o%s:%s}" % (org, key), "member": member, "board_points": on_board,
                               "ledger_points": ledger[(org, key, member)]})
    # The contest's live board: every finished attempt's member, with the stored score.
    contest = int(args.contest_id)
    finished = {m: int(s) for m, s in sql(args.db_port, "SELECT member_id, MAX(score) FROM quiz_attempt WHERE "
                                                        "contest_id = %d AND finished_at_ms IS NOT NULL "
                                                        "GROUP BY member_id" % contest)}
    on_board = {str(int(m.split(":")[1])) for m in redis.pipeline([["ZRANGE", "{quiz:c%d}:board" % contest, 0, -1]])[0]}
    stored = redis.pipeline([["HGET", "{quiz:c%d}:entries" % contest, m] for m in sorted(finished)])
    wrong_scores = sum(1 for m, e in zip(sorted(finished), stored) if e is not None and int(e.split("|")[0]) != finished[m])
    missing = sorted(set(finished) - on_board, key=int)
    result = {
        "catch_up_reached": caught_up, "catch_up_wait_s": round(waited, 1), "board_members_checked": len(members),
        "board_entries_compared": len(boards), "board_mismatches": len(mismatches),
        "contest_finished_attempts": len(finished), "contest_board_entries": len(on_board),
        "contest_board_missing": len(missing), "contest_board_extra": len(on_board - set(finished)),
        "contest_board_wrong_scores": wrong_scores,
        "board_problems": mismatches[:10] + [{"contest_board_missing_member": m} for m in missing[:5]],
    }
    result["boards_passed"] = caught_up and not mismatches and not missing and wrong_scores == 0 \
        and not (on_board - set(finished))
    with open(args.out, "w") as f:
        json.dump(result, f, ensure_ascii=False)
    print("   crash boards: %s" % json.dumps({k: v for k, v in result.items() if k != "board_problems"},
                                              ensure_ascii=False))
    for p in result["board_problems"]:
        print("     problem: %s" % json.dumps(p, ensure_ascii=False))


def main():
    import argparse
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("burst")
    b.add_argument("base"), b.add_argument("items"), b.add_argument("out")
    b.add_argument("--codes"), b.add_argument("--connections", type=int, default=32), b.add_argument("--started")
    c = sub.add_parser("checkin")
    for a in ("base", "db_port", "items", "burst", "out"):
        c.add_argument(a)
    c.add_argument("--codes", required=True), c.add_argument("--connections", type=int, default=32)
    q = sub.add_parser("contest")
    for a in ("base", "db_port", "items", "burst", "out", "contest_id"):
        q.add_argument(a)
    q.add_argument("--connections", type=int, default=32)
    o = sub.add_parser("boards")
    for a in ("db_port", "redis_port", "members", "contest_id", "out"):
        o.add_argument(a)
    o.add_argument("--timeout", type=float, default=120)
    m = sub.add_parser("merge")
    m.add_argument("out"), m.add_argument("parts", nargs="+")
    args = p.parse_args()
    if args.cmd == "burst":
        items = load_jsonl(args.items)
        codes = None
        if args.codes:
            codes = Codes(args.base, args.codes, [it["path"].split("/")[2] for it in items if it.get("body") == "{code}"])
        records = send_all(args.base, items, args.connections, codes, args.started)
        if codes:
            codes.stop.set()
        write_jsonl(args.out, records)
        by_status, refused = summary(records)
        print("   %s: %d items, answers %s (%d refused: the service was down)" % (
            os.path.basename(args.out), len(items), json.dumps(by_status), refused))
    elif args.cmd == "checkin":
        check_checkin(args)
    elif args.cmd == "contest":
        check_contest(args)
    elif args.cmd == "boards":
        check_boards(args)
    else:
        merged = {}
        for part in args.parts:
            if os.path.exists(part):
                merged.update(json.load(open(part)))
        merged["killed_mid_burst"] = all(merged.get(k, 0) > 0 for k in (
            "answered_2xx", "unanswered", "submit_answered_2xx", "submit_unanswered"))
        merged["passed"] = merged["killed_mid_burst"] and all(merged.get(k) is True for k in ("checkin_passed", "submit_passed", "boards_passed"))
        with open(args.out, "w") as f:
            json.dump(merged, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
