# Crash test (issue 17): kill -9 the service in the middle of a check-in burst and of a contest submit burst, restart
# it, and check that nothing answered was lost or counted twice. Runs after every other scenario (bench/run.sh orders
# it last: it restarts the service) on meetings and a contest of its own, so the other scenarios' checks stay exact.
#  1. Check-in: BENCH_CRASH_MEMBERS (4000) members of ordinary branches (not the check-in scenario's big ones) check
#     in at meetings of their branches with the current rotating codes; bench/crash.py records every answer (status
#     and body; a connection error is "no answer"). BENCH_CRASH_KILL_AFTER (1.5) s into the burst the service is
#     killed (kill -9) and started again (start_service in run.sh). Then: every 2xx has exactly one attendance row
#     and one CHECK_IN points entry, the answer names that row (same checkedInAt); no (meeting, member) holds two
#     rows or entries, no row lacks its entry; the unanswered ones that were recorded anyway are counted, and every
#     request not answered 2xx is retried: the retry answers 2xx, a recorded one 200 with the same record and no
#     second row or entry.
#  2. Contest submit: the same members start an attempt at a contest of their own (no crash), then submit 10
#     answers each in a burst killed the same way. Then: every 2xx submit is a finished attempt whose stored answers
#     equal what was sent, once; retries of the rest answer 2xx and change nothing already finished.
#  3. Boards: once the catch-up has reached the ledger's last entry (watermark lb:{meta}:w, at most
#     BENCH_CRASH_CATCHUP_TIMEOUT (120) s), every day, week, month and all-time board of those members (their branch
#     and each ancestor) equals the sums of the MySQL ledger, and the contest's live board holds every finished
#     attempt's member with its stored score.
# Writes results/crash-check.json ("passed" only if the kill landed mid-burst both times and every check held);
# bench/report.py prints it as the "Crash test" section. Sourced by bench/run.sh with "setup" or "run".
CRASH_MEMBERS=${BENCH_CRASH_MEMBERS:-4000}
CRASH_KILL_AFTER=${BENCH_CRASH_KILL_AFTER:-1.5}
CRASH_BIG_BRANCHES=${BENCH_MEETINGS:-50} # seed.sql's big branches (the check-in scenario's): left alone
case "$1" in
  setup)
    # Ordinary branches in id order until they hold CRASH_MEMBERS members; their members sign in.
    $SQL -N vanguard -e "SELECT branch_id, COUNT(*) FROM member WHERE enabled AND branch_id BETWEEN 2 AND
        $((1 + BRANCHES - CRASH_BIG_BRANCHES)) GROUP BY branch_id ORDER BY branch_id" \
      | awk -v want="$CRASH_MEMBERS" '{print $1; n += $2; if (n >= want) exit}' >"$WORK/crash-branches.txt"
    $SQL -N vanguard -e "SELECT id, branch_id FROM member WHERE enabled AND branch_id IN
        ($(paste -sd, "$WORK/crash-branches.txt")) ORDER BY id" \
      | python3 bench/login.py "http://127.0.0.1:$APP_PORT" "$WORK/crash-members.txt"
    cut -d' ' -f2 "$WORK/crash-members.txt" >"$WORK/crash-member-ids.txt"
    echo "   crash: $(wc -l <"$WORK/crash-members.txt") members of $(wc -l <"$WORK/crash-branches.txt") branches signed in"
    ;;
  run)
    ADMIN=$(head -1 "$WORK/tokens.txt" | cut -d' ' -f1)
    BASE="http://127.0.0.1:$APP_PORT"
    # Runs bench/crash.py's burst NAME over ITEMS (further arguments passed on), kills the service with kill -9
    # CRASH_KILL_AFTER s after the first request went out, waits for the client (at most 60 s), restarts the service.
    crash_burst() {
      local name=$1 items=$2 client; shift 2
      rm -f "$WORK/$name.started"
      python3 bench/crash.py burst "$BASE" "$items" "$WORK/results/$name.jsonl" --connections "$CONNECTIONS" \
        --started "$WORK/$name.started" "$@" &
      client=$!
      for _ in $(seq 600); do { [ -e "$WORK/$name.started" ] || ! kill -0 $client 2>/dev/null; } && break; sleep 0.1; done
      sleep "$CRASH_KILL_AFTER"
      kill -9 "$APP_PID" 2>/dev/null || true
      wait "$APP_PID" 2>/dev/null || true
      echo "   $name: service killed (kill -9) $CRASH_KILL_AFTER s into the burst"
      for _ in $(seq 600); do kill -0 $client 2>/dev/null || break; sleep 0.1; done
      kill $client 2>/dev/null || true
      wait $client 2>/dev/null || true
      local t0; t0=$(date +%s.%N)
      if start_service; then
        echo "   $name: service restarted, answering /ping after $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s"
      else
        echo "   $name: the service did not answer /ping within ${BENCH_START_TIMEOUT:-180} s of its restart"
      fi
    }
    CRASH_FAILED=0

    # 1. Check-in: a meeting in each crash branch, opening now (check-in opens 30 min before the start).
    STARTS=$(date -u -d '+10 minutes' +%Y-%m-%dT%H:%M:%SZ); ENDS=$(date -u -d '+100 minutes' +%Y-%m-%dT%H:%M:%SZ)
    : >"$WORK/crash-meetings.txt"
    for b in $(cat "$WORK/crash-branches.txt"); do
      curl -sf -X POST "$BASE/branches/$b/meetings" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
        -d "{\"type\":\"THEMED_PARTY_DAY\",\"topic\":\"崩溃测试主题党日\",\"startsAt\":\"$STARTS\",\"endsAt\":\"$ENDS\"}" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"], sys.argv[1])' "$b" >>"$WORK/crash-meetings.txt" \
        || echo "   crash: no meeting for branch $b"
    done
    python3 - "$WORK/crash-meetings.txt" "$WORK/crash-members.txt" >"$WORK/crash-checkin.items" <<'PY'
import json, random, sys
meeting = {b: m for m, b in (line.split() for line in open(sys.argv[1]) if line.strip())}
items = [{"token": t, "method": "POST", "path": "/meetings/%s/check-in" % meeting[b], "body": "{code}",
          "meeting": meeting[b], "member": m}
         for t, m, b in (line.split() for line in open(sys.argv[2]) if line.strip()) if b in meeting]
random.Random(17).shuffle(items)
for it in items:
    print(json.dumps(it))
PY
    echo "   crash: check-in burst of $(wc -l <"$WORK/crash-checkin.items") members at $(wc -l <"$WORK/crash-meetings.txt") meetings"
    crash_burst crash-checkin "$WORK/crash-checkin.items" --codes "$ADMIN"
    python3 bench/crash.py checkin "$BASE" "$DB_PORT" "$WORK/crash-checkin.items" "$WORK/results/crash-checkin.jsonl" \
      "$WORK/results/crash-part-checkin.json" --codes "$ADMIN" --connections "$CONNECTIONS" || CRASH_FAILED=1

    # 2. Contest: 40 questions of its own, one attempt each, opening 2 s after it is created.
    python3 - >"$WORK/crash-questions.csv" <<'PY'
print("type,stem,A,B,C,D,answer,difficulty")
for i in range(1, 41):
    print("SINGLE_CHOICE,崩溃测试题%d：党的根本宗旨是？,选项一,选项二,选项三,选项四,%s,EASY" % (i, "ABCD"[(i + 1) % 4]))
PY
    curl -sf -X POST "$BASE/orgs/1/questions/import" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: text/csv' \
      --data-binary @"$WORK/crash-questions.csv" >/dev/null || echo "   crash: question import failed"
    NOW_S=$(date +%s)
    CRASH_CONTEST=$(curl -sf -X POST "$BASE/orgs/1/contests" -H "Authorization: Bearer $ADMIN" \
      -H 'Content-Type: application/json' -d "{\"title\":\"崩溃测试竞赛\",
        \"startsAt\":\"$(date -u -d "@$((NOW_S + 2))" +%Y-%m-%dT%H:%M:%SZ)\",
        \"endsAt\":\"$(date -u -d "@$((NOW_S + 3 * 3600))" +%Y-%m-%dT%H:%M:%SZ)\",\"timeLimitSeconds\":3600,
        \"questionCount\":10,\"pointsPerQuestion\":10,\"attemptsAllowed\":1,\"revealAnswers\":false}" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') || CRASH_CONTEST=0
    sleep 3
    awk -v c="$CRASH_CONTEST" '{printf "{\"token\": \"%s\", \"method\": \"POST\", \"path\": \"/contests/%s/attempts\", \"body\": \"\", \"member\": \"%s\"}\n", $1, c, $2}' \
      "$WORK/crash-members.txt" >"$WORK/crash-start.items"
    python3 bench/crash.py burst "$BASE" "$WORK/crash-start.items" "$WORK/results/crash-start.jsonl" \
      --connections "$CONNECTIONS" || true
    $SQL -N vanguard -e "SELECT member_id, id FROM quiz_attempt WHERE contest_id = $CRASH_CONTEST" | python3 -c '
import json, random, sys
tokens = {m: t for t, m, b in (line.split() for line in open(sys.argv[1]) if line.strip())}
items = []
for line in sys.stdin:
    member, attempt = line.split()
    answers = {str(p): "ABCD"[(int(member) * 7 + p) % 4] for p in range(1, 11)}
    body = json.dumps({"answers": [{"position": int(p), "answer": a} for p, a in answers.items()]})
    items.append({"token": tokens[member], "method": "POST", "body": body, "member": member, "attempt": attempt,
                  "path": "/contests/%s/attempts/%s/submit" % (sys.argv[2], attempt), "answers": answers})
random.Random(17).shuffle(items)
for it in items:
    print(json.dumps(it))
' "$WORK/crash-members.txt" "$CRASH_CONTEST" >"$WORK/crash-submit.items"
    echo "   crash: contest $CRASH_CONTEST, submit burst of $(wc -l <"$WORK/crash-submit.items") attempts"
    crash_burst crash-submit "$WORK/crash-submit.items"
    python3 bench/crash.py contest "$BASE" "$DB_PORT" "$WORK/crash-submit.items" "$WORK/results/crash-submit.jsonl" \
      "$WORK/results/crash-part-contest.json" "$CRASH_CONTEST" --connections "$CONNECTIONS" || CRASH_FAILED=1

    # 3. Boards against the ledger, after the catch-up. After the Redis-outage scenario Redis has lost its data: the
    # boards come back only through a full rebuild from the ledger, and a kill -9 during it starts it again once its
    # lease lapses. So the wait allows three setup rebuilds (rebuild-seconds.txt) plus a minute, at least 120 s; the
    # report gives how long the boards actually took.
    CATCHUP_TIMEOUT=${BENCH_CRASH_CATCHUP_TIMEOUT:-$(python3 -c '
import sys
try:
    print(max(120, round(3 * float(open(sys.argv[1]).read()) + 60)))
except (OSError, ValueError):
    print(120)' "$WORK/results/rebuild-seconds.txt")}
    python3 bench/crash.py boards "$DB_PORT" "$REDIS_PORT" "$WORK/crash-member-ids.txt" "$CRASH_CONTEST" \
      "$WORK/results/crash-part-boards.json" --timeout "$CATCHUP_TIMEOUT" || CRASH_FAILED=1

    # The service's own account of live-board updates it gave up on (Redis timeouts, open circuit): these members are
    # put back by the contest board catch-up (vanguard.quiz.board-catch-up-interval) or earlier by a retry.
    echo "{\"contest_board_updates_given_up_in_log\": $(grep -c "Could not update the board of contest $CRASH_CONTEST " \
      "$WORK/service.log" || true)}" >"$WORK/results/crash-part-log.json"
    python3 bench/crash.py merge "$WORK/results/crash-check.json" "$WORK/results"/crash-part-*.json || CRASH_FAILED=1
    echo "   crash check: passed $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["passed"])' \
      "$WORK/results/crash-check.json" 2>/dev/null || echo false)$([ $CRASH_FAILED = 0 ] || echo ', a check did not run to its end')"
    ;;
esac
