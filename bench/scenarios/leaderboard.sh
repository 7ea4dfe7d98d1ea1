# Leaderboard reads (排行榜): my rank with neighbours, and the top 20, on the committee's all-time board holding every
# seeded member (1 000 000 by default). The board is built the way production builds it after a Redis loss: from the
# MySQL ledger, through POST /admin/leaderboards/rebuild, a background job followed with
# GET /admin/leaderboards/rebuilds/{id} until DONE (timed from the start to DONE, to the second).
case "$1" in
  setup)
    $SQL vanguard -e "INSERT INTO points_entry (member_id, branch_id, action, reference, requested, points,
        business_date, created_at_ms)
      SELECT id, branch_id, 'CHECK_IN', 'bench:seed', 1 + MOD(id * 7919, 500), 1 + MOD(id * 7919, 500),
        CURDATE(), 1700000000000 + id FROM member"
    # The boards' figures every award keeps beside the ledger (V104), for the seeded entries.
    $SQL vanguard -e "INSERT INTO points_board_day (member_id, business_date, branch_id, points, reached_at_ms)
      SELECT member_id, business_date, branch_id, SUM(points), MAX(created_at_ms) FROM points_entry
      WHERE reference = 'bench:seed' GROUP BY member_id, business_date, branch_id;
      INSERT INTO points_board_total (member_id, branch_id, points, reached_at_ms)
      SELECT member_id, branch_id, SUM(points), MAX(created_at_ms) FROM points_entry
      WHERE reference = 'bench:seed' GROUP BY member_id, branch_id"
    # The rebuild is a background job: start it, then follow it every second until DONE (fail on FAILED or after
    # 30 minutes). Member 1 (the system admin) signs in again before, and every 10 minutes while following, so the
    # 15-minute access token cannot run out.
    admin_token() {
      curl -sf -X POST "http://127.0.0.1:$APP_PORT/auth/login" -H 'Content-Type: application/json' \
        -d '{"phone":"13900000001","password":"bench-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
    }
    ADMIN=$(admin_token)
    SIGNED_IN=$(date +%s)
    START=$(date +%s.%N)
    JOB=$(curl -sf -m 60 -X POST "http://127.0.0.1:$APP_PORT/admin/leaderboards/rebuild" -H "Authorization: Bearer $ADMIN" \
      -H 'Content-Type: application/json' -d '{}' -D "$WORK/results/rebuild-headers.txt" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') \
      || { echo "   leaderboard: the rebuild did not start: $(head -1 "$WORK/results/rebuild-headers.txt" 2>/dev/null)"; exit 1; }
    while true; do
      sleep 1
      if [ $(( $(date +%s) - SIGNED_IN )) -ge 600 ]; then ADMIN=$(admin_token); SIGNED_IN=$(date +%s); fi
      # A status read may answer 503 while Redis is busy (a client retries): give up after 30 failures in a row.
      if ! curl -sf -m 30 "http://127.0.0.1:$APP_PORT/admin/leaderboards/rebuilds/$JOB" -H "Authorization: Bearer $ADMIN" \
        >"$WORK/results/rebuild.json.next"; then
        FAILED_READS=$(( ${FAILED_READS:-0} + 1 ))
        [ "$FAILED_READS" -lt 30 ] && continue
        echo "   leaderboard: could not read rebuild job $JOB 30 times in a row"; exit 1
      fi
      FAILED_READS=0
      mv "$WORK/results/rebuild.json.next" "$WORK/results/rebuild.json"
      STATE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["state"])' "$WORK/results/rebuild.json")
      [ "$STATE" = DONE ] && break
      if [ "$STATE" = FAILED ]; then echo "   leaderboard: rebuild FAILED: $(cat "$WORK/results/rebuild.json")"; exit 1; fi
      if [ "$(echo "$(date +%s.%N) - $START > 1800" | bc)" = 1 ]; then
        echo "   leaderboard: rebuild still $STATE after 30 minutes: $(cat "$WORK/results/rebuild.json")"; exit 1
      fi
    done
    echo "$(date +%s.%N) - $START" | bc >"$WORK/results/rebuild-seconds.txt"
    echo "   leaderboard: ledger of $MEMBERS entries rebuilt into the boards in $(cat "$WORK/results/rebuild-seconds.txt") s: $(cat "$WORK/results/rebuild.json")"
    ;;
  run)
    run_wrk leaderboard-me get.lua "/leaderboards/1/me?period=ALL"
    run_wrk leaderboard-top get.lua "/leaderboards/1?period=ALL&top=20"
    ;;
esac
