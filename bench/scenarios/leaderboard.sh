# Leaderboard reads (排行榜): my rank with neighbours, and the top 20, on the committee's all-time board holding every
# seeded member (1 000 000 by default). The board is built the way production builds it after a Redis loss: from the
# MySQL ledger, through POST /admin/leaderboards/rebuild (timed).
case "$1" in
  setup)
    $SQL vanguard -e "INSERT INTO points_entry (member_id, branch_id, action, reference, requested, points,
        business_date, created_at_ms)
      SELECT id, branch_id, 'CHECK_IN', 'bench:seed', 1 + MOD(id * 7919, 500), 1 + MOD(id * 7919, 500),
        CURDATE(), 1700000000000 + id FROM member"
    ADMIN=$(head -1 "$WORK/tokens.txt" | cut -d' ' -f1)
    START=$(date +%s.%N)
    curl -sf -m 1800 -X POST "http://127.0.0.1:$APP_PORT/admin/leaderboards/rebuild" -H "Authorization: Bearer $ADMIN" \
      -H 'Content-Type: application/json' -d '{}' >"$WORK/results/rebuild.json"
    echo "$(date +%s.%N) - $START" | bc >"$WORK/results/rebuild-seconds.txt"
    echo "   leaderboard: ledger of $MEMBERS entries rebuilt into the boards in $(cat "$WORK/results/rebuild-seconds.txt") s: $(cat "$WORK/results/rebuild.json")"
    ;;
  run)
    run_wrk leaderboard-me get.lua "/leaderboards/1/me?period=ALL"
    run_wrk leaderboard-top get.lua "/leaderboards/1?period=ALL&top=20"
    ;;
esac
