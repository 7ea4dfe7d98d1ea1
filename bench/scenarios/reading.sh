# Reading peak (逐字逐句通读党章, the 8 a.m. burst): members fetch today's reading, open today's article, and finish it
# once the server-measured minimum reading time has passed. Sourced by bench/run.sh with "setup" or "run".
case "$1" in
  setup)
    ADMIN=$(head -1 "$WORK/tokens.txt" | cut -d' ' -f1)
    DOC=$(curl -sf -X POST "http://127.0.0.1:$APP_PORT/reading/documents/import?key=bench&kind=OTHER" \
      -H "Authorization: Bearer $ADMIN" -H 'Content-Type: text/plain; charset=utf-8' \
      --data-binary @src/main/resources/demo/reading-demo.md | python3 -c 'import json,sys; print(json.load(sys.stdin)["documentId"])')
    curl -sf -X PUT "http://127.0.0.1:$APP_PORT/orgs/1/reading-plan" -H "Authorization: Bearer $ADMIN" \
      -H 'Content-Type: application/json' \
      -d "{\"documentIds\":[$DOC],\"articlesPerDay\":3,\"startDate\":\"$(date +%F)\"}" >/dev/null
    read -r BENCH_ARTICLE READING_MINIMUM < <(curl -sf "http://127.0.0.1:$APP_PORT/reading/today" \
      -H "Authorization: Bearer $ADMIN" \
      | python3 -c 'import json,sys; a=json.load(sys.stdin)["articles"][0]; print(a["id"], a["minimumSeconds"])')
    export BENCH_ARTICLE
    echo "   reading: document $DOC, plan on the committee, article $BENCH_ARTICLE (minimum $READING_MINIMUM s)"
    # Members come with a reading history (BENCH_READING_HISTORY_DAYS, 180 by default: half a year of the daily
    # study, a day missed now and then), so the paths that read a member's streak pay for its length as in production.
    HISTORY_DAYS=${BENCH_READING_HISTORY_DAYS:-180}
    if [ "$HISTORY_DAYS" -gt 0 ]; then
      $SQL vanguard -e "INSERT INTO reading_day (member_id, business_date, articles, done)
        WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < $HISTORY_DAYS)
        SELECT m.id, DATE(CONVERT_TZ(NOW(), '+00:00', '+08:00')) - INTERVAL seq.n DAY, 3, MOD(m.id + seq.n, 23) <> 0
        FROM member m JOIN seq"
      # The streak rows every finish keeps (V105), for the seeded days; as the migration computes them.
      if [ -n "$($SQL -N vanguard -e "SHOW TABLES LIKE 'reading_streak'")" ]; then
        $SQL vanguard -e "INSERT INTO reading_streak (member_id, last_done, run_from, longest)
          SELECT member_id, MAX(e), SUBSTRING_INDEX(GROUP_CONCAT(s ORDER BY e DESC), ',', 1), MAX(n) FROM (
            SELECT member_id, MIN(business_date) s, MAX(business_date) e, COUNT(*) n FROM (
              SELECT member_id, business_date, DATE_SUB(business_date, INTERVAL ROW_NUMBER() OVER (
                PARTITION BY member_id ORDER BY business_date) DAY) g FROM reading_day WHERE done) d
            GROUP BY member_id, g) runs GROUP BY member_id"
      fi
      echo "   reading: $HISTORY_DAYS days of history per member ($($SQL -N vanguard -e "SELECT COUNT(*) FROM reading_day") days)"
    fi
    ;;
  run)
    run_wrk reading-today get.lua /reading/today
    run_wrk reading-open reading-open.lua /
    # Pair each member's open session with their token (from MySQL, not from response order). Only the latest one per
    # member: opening another article ends the one before (fair play), so finishing an earlier one answers 409.
    export BENCH_SESSIONS="$WORK/sessions.txt"
    $SQL -N vanguard -e "SELECT MAX(id), member_id FROM reading_session WHERE finished_at_ms IS NULL GROUP BY member_id" \
      | python3 -c '
import sys
tokens = {}
for line in open(sys.argv[1]):
    token, member, branch = line.split()
    tokens[member] = token
for line in sys.stdin:
    session, member = line.split()
    if member in tokens:
        print(session, tokens[member])' "$WORK/tokens.txt" >"$BENCH_SESSIONS"
    sleep $((READING_MINIMUM + 1))
    run_wrk reading-finish reading-finish.lua /
    ;;
esac
