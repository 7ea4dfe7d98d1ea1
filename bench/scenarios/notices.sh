# Meeting notices (issue 20): one branch of BENCH_NOTICE_SIZE (300) members, every one bound to WeChat; its
# secretary schedules a meeting through the API and the scenario times the schedule request until the WeChat stub
# (bench/wechat_stub.py, started by bench/run.sh) has received every expected attendee's subscribe message, then
# waits a further BENCH_NOTICE_SETTLE s (longer than the sender's interval) to count duplicates. Goal: ≤ 60 s, each
# member exactly once. Afterwards MySQL's outbox is checked. Sourced by bench/run.sh.
NOTICE_SIZE=${BENCH_NOTICE_SIZE:-300}
case "$1" in
  setup)
    # The last branch of exactly NOTICE_SIZE enabled members (seed.sql's big branches hold 300).
    NOTICE_BRANCH=$($SQL -N vanguard -e "SELECT branch_id FROM member WHERE enabled GROUP BY branch_id
      HAVING COUNT(*) = $NOTICE_SIZE ORDER BY branch_id DESC LIMIT 1")
    if [ -z "$NOTICE_BRANCH" ]; then
      echo "   notices: no branch of $NOTICE_SIZE members in this data set: skipped"
    else
      # The binding WeChat sign-in stores (auth: member.wechat_openid, what senders read, and wechat_binding).
      BOUND_AT=$(date -u +'%Y-%m-%d %H:%M:%S.%3N')
      $SQL vanguard -e "
        UPDATE member SET wechat_openid = CONCAT('bench-openid-', id) WHERE branch_id = $NOTICE_BRANCH AND enabled;
        INSERT INTO wechat_binding (member_id, openid, bound_at)
          SELECT id, wechat_openid, '$BOUND_AT' FROM member WHERE branch_id = $NOTICE_BRANCH AND enabled;"
      # Its secretary (seed.sql: the branch's first member) signs in.
      $SQL -N vanguard -e "SELECT MIN(id), $NOTICE_BRANCH FROM member WHERE branch_id = $NOTICE_BRANCH" \
        | python3 bench/login.py "http://127.0.0.1:$APP_PORT" "$WORK/notices-secretary.txt"
      echo "   notices: branch $NOTICE_BRANCH, $NOTICE_SIZE members bound to WeChat"
    fi
    ;;
  run)
    if [ -n "${NOTICE_BRANCH:-}" ]; then
      SECRETARY=$(cut -d' ' -f1 "$WORK/notices-secretary.txt")
      # Two days ahead, in the evening: clear of the check-in meetings and of any reminder falling due in the run.
      DAY=$(date -u -d '+2 days' +%F)
      STARTS=$(date -u -d "$DAY 11:30" +%Y-%m-%dT%H:%M:%SZ); ENDS=$(date -u -d "$DAY 13:30" +%Y-%m-%dT%H:%M:%SZ)
      curl -sf -X POST "http://127.0.0.1:$WECHAT_PORT/reset" >/dev/null
      SERVICE_TICKS_BEFORE=$(proc_cpu_ticks "$APP_PID")
      T0=$(date +%s.%N)
      curl -s -o "$WORK/results/notices-meeting.json" -w '%{http_code}' -X POST \
        "http://127.0.0.1:$APP_PORT/branches/$NOTICE_BRANCH/meetings" -H "Authorization: Bearer $SECRETARY" \
        -H 'Content-Type: application/json' \
        -d "{\"type\":\"BRANCH_GENERAL_MEETING\",\"topic\":\"基准支部党员大会\",\"startsAt\":\"$STARTS\",\"endsAt\":\"$ENDS\"}" \
        >"$WORK/results/notices-status.txt"
      T1=$(date +%s.%N)
      # Expected: the meeting's expected attendees who are bound to WeChat (here all of them, the secretary too).
      MEETING_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("id", ""))' "$WORK/results/notices-meeting.json" 2>/dev/null || true)
      EXPECTED=$($SQL -N vanguard -e "SELECT COUNT(*) FROM meeting_attendee a JOIN member m ON m.id = a.member_id
        WHERE a.meeting_id = ${MEETING_ID:-0} AND m.wechat_openid IS NOT NULL")
      LIMIT=${BENCH_NOTICE_LIMIT:-180}
      while :; do
        RECEIVED=$( (curl -s "http://127.0.0.1:$WECHAT_PORT/count" | python3 -c 'import json,sys; print(json.load(sys.stdin)["messages"])') 2>/dev/null || echo 0)
        T2=$(date +%s.%N)
        [ "$RECEIVED" -ge "$EXPECTED" ] && [ "$EXPECTED" -gt 0 ] && break
        python3 -c "import sys; sys.exit(0 if $T2 - $T0 > $LIMIT else 1)" && break
        sleep 0.1
      done
      SERVICE_TICKS_AFTER=$(proc_cpu_ticks "$APP_PID")
      LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
      sleep "${BENCH_NOTICE_SETTLE:-12}" # more than two sender intervals: a duplicate would have arrived by now
      curl -s "http://127.0.0.1:$WECHAT_PORT/count" >"$WORK/results/notices-stub.json"
      $SQL -N vanguard -e "SELECT COUNT(*), COALESCE(SUM(d.state = 'SENT'), 0), COALESCE(SUM(d.state = 'FAILED'), 0),
          COALESCE(SUM(d.state = 'PENDING'), 0)
        FROM notification n JOIN notification_delivery d ON d.notification_id = n.id AND d.channel = 'WECHAT'
        WHERE n.kind = 'MEETING_SCHEDULED' AND n.object_type = 'MEETING' AND n.object_id = ${MEETING_ID:-0}" \
        >"$WORK/results/notices-outbox.txt"
      read -r DELIVERIES SENT FAILED PENDING <"$WORK/results/notices-outbox.txt"
      python3 - "$WORK/results" "$T0" "$T1" "$T2" "$EXPECTED" "$(cat "$WORK/results/notices-status.txt")" \
        "$NOTICE_BRANCH" "$NOTICE_SIZE" "$DELIVERIES" "$SENT" "$FAILED" "$PENDING" "$LOAD" \
        "$(( SERVICE_TICKS_AFTER - SERVICE_TICKS_BEFORE ))" "$(getconf CLK_TCK)" <<'PY'
import json, os, sys
(results, t0, t1, t2, expected, status, branch, size, deliveries, sent, failed, pending, load, ticks, tck) = sys.argv[1:]
stub = json.load(open(os.path.join(results, "notices-stub.json")))
t0, t1, t2 = float(t0), float(t1), float(t2)
expected = int(expected)
done = stub["messages"] >= expected > 0
# The last expected message's arrival as the stub saw it (same machine clock), else when the wait stopped.
last = stub["last_at"] if done and stub["last_at"] else t2
out = {"branch": int(branch), "members": int(size), "schedule_status": int(status), "expected": expected,
       "received": stub["messages"], "distinct_openids": stub["openids"], "duplicates": stub["duplicates"],
       "access_tokens_fetched": stub["tokens"], "schedule_ms": round((t1 - t0) * 1000),
       "seconds_to_deliver_all": round(last - t0, 2) if done else None,
       "outbox_deliveries": int(deliveries), "outbox_sent": int(sent), "outbox_failed": int(failed),
       "outbox_pending": int(pending), "service_cpu_seconds": round(int(ticks) / int(tck), 2),
       "load_average_1_5_15": load, "goal_seconds": 60}
out["met"] = bool(done and out["seconds_to_deliver_all"] <= 60 and out["duplicates"] == 0
                  and out["distinct_openids"] == expected and int(status) == 201)
json.dump(out, open(os.path.join(results, "notices.json"), "w"))
print("   notices: " + json.dumps(out))
PY
    fi
    ;;
esac
