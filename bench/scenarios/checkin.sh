# Check-in burst (三会一课): BENCH_MEETINGS (50) branch meetings of BENCH_MEETING_SIZE (300) members each check in
# at once with the rotating code. The secretaries' screens (bench/screens.py) fetch each meeting's current code
# every 3 s through GET /meetings/{id}/code; the phones (wrk) send whatever their meeting's screen shows, so codes rotate
# during the burst as they do in a hall. Afterwards MySQL is checked: one attendance row and one points entry per
# member, nothing lost. Sourced by bench/run.sh.
MEETINGS=${BENCH_MEETINGS:-50}
case "$1" in
  setup)
    ADMIN=$(head -1 "$WORK/tokens.txt" | cut -d' ' -f1)
    STARTS=$(date -u -d '+10 minutes' +%Y-%m-%dT%H:%M:%SZ); ENDS=$(date -u -d '+100 minutes' +%Y-%m-%dT%H:%M:%SZ)
    : >"$WORK/meetings.txt"
    for b in $(seq $((2 + BRANCHES - MEETINGS)) $((1 + BRANCHES))); do
      curl -sf -X POST "http://127.0.0.1:$APP_PORT/branches/$b/meetings" -H "Authorization: Bearer $ADMIN" \
        -H 'Content-Type: application/json' \
        -d "{\"type\":\"THEMED_PARTY_DAY\",\"topic\":\"基准主题党日\",\"startsAt\":\"$STARTS\",\"endsAt\":\"$ENDS\"}" \
        | python3 -c 'import json,sys; m=json.load(sys.stdin); print(m["id"], sys.argv[1])' "$b" >>"$WORK/meetings.txt"
    done
    # The members of those branches sign in; each check-in item is a member and their branch's meeting.
    $SQL -N vanguard -e "SELECT id, branch_id FROM member WHERE branch_id > 1 + $BRANCHES - $MEETINGS ORDER BY id" \
      | python3 bench/login.py "http://127.0.0.1:$APP_PORT" "$WORK/attendees.txt"
    awk 'NR == FNR {meeting[$2] = $1; next} {printf "%s\tPOST\t/meetings/%s/check-in\t{code}\n", $1, meeting[$3]}' \
      "$WORK/meetings.txt" "$WORK/attendees.txt" | shuf --random-source=<(yes) >"$WORK/checkin.items"
    echo "   check-in: $(wc -l <"$WORK/meetings.txt") meetings, $(wc -l <"$WORK/checkin.items") members signed in"
    ;;
  run)
    export BENCH_CODES="$WORK/codes.txt"
    ADMIN=$(head -1 "$WORK/tokens.txt" | cut -d' ' -f1)
    python3 bench/screens.py "http://127.0.0.1:$APP_PORT" "$ADMIN" "$WORK/meetings.txt" "$BENCH_CODES" 3 once
    python3 bench/screens.py "http://127.0.0.1:$APP_PORT" "$ADMIN" "$WORK/meetings.txt" "$BENCH_CODES" 3 &
    SCREENS_PID=$!
    BENCH_ITEMS="$WORK/checkin.items" BENCH_KEY='^{"meetingId":(%d+,"memberId":%d+)' run_wrk_once checkin
    kill $SCREENS_PID 2>/dev/null; wait $SCREENS_PID 2>/dev/null || true
    IDS=$(cut -d' ' -f1 "$WORK/meetings.txt" | paste -sd,)
    $SQL -N vanguard -e "
      SELECT COUNT(*), COUNT(DISTINCT meeting_id, member_id), COALESCE(SUM(status = 'PRESENT'), 0)
        FROM meeting_attendance WHERE meeting_id IN ($IDS);
      SELECT COUNT(*) FROM points_entry WHERE action = 'CHECK_IN'
        AND reference IN ($(cut -d' ' -f1 "$WORK/meetings.txt" | sed "s/.*/'meeting:&'/" | paste -sd,));" \
      | tr '\n' ' ' >"$WORK/check.txt"; echo >>"$WORK/check.txt"
      {
        read -r ROWS DISTINCT_ROWS PRESENT POINTS
        cat >"$WORK/results/checkin-check.json" <<JSON
{"meetings": $(wc -l <"$WORK/meetings.txt"), "members_checking_in": $(wc -l <"$WORK/checkin.items"),
 "attendance_rows": $ROWS, "distinct_member_meetings": $DISTINCT_ROWS, "present": $PRESENT, "points_entries": $POINTS}
JSON
        echo "   check-in check: $(tr -d '\n' <"$WORK/results/checkin-check.json")"
      } <"$WORK/check.txt"
    ;;
esac
