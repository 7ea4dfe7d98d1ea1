# Contest burst (知识竞赛): BENCH_CONTESTANTS (10 000) members of the committee start an attempt at one contest as
# fast as they can (the "within one minute" start), then all submit their answers in one burst (the "same ten
# seconds"). Afterwards MySQL and Redis are checked: every attempt started once, every answer stored exactly once,
# every score equal to its stored correct answers, every contestant on the live board. Sourced by bench/run.sh.
CONTESTANTS=${BENCH_CONTESTANTS:-10000}
CONTEST_QUESTIONS=10
case "$1" in
  setup)
    ADMIN=$(head -1 "$WORK/tokens.txt" | cut -d' ' -f1)
    # A bank of 40 single-choice questions (the correct option varies) on the committee.
    python3 - >"$WORK/questions.csv" <<'PY'
print("type,stem,A,B,C,D,answer,difficulty")
for i in range(1, 41):
    print("SINGLE_CHOICE,基准题%d：党的最高领导机关是？,选项一,选项二,选项三,选项四,%s,MEDIUM" % (i, "ABCD"[i % 4]))
PY
    curl -sf -X POST "http://127.0.0.1:$APP_PORT/orgs/1/questions/import" -H "Authorization: Bearer $ADMIN" \
      -H 'Content-Type: text/csv' --data-binary @"$WORK/questions.csv" >/dev/null
    NOW_S=$(date +%s)
    STARTS_AT=$(date -u -d "@$((NOW_S + 2))" +%Y-%m-%dT%H:%M:%SZ)
    ENDS_AT=$(date -u -d "@$((NOW_S + 3 * 3600))" +%Y-%m-%dT%H:%M:%SZ)
    CONTEST_ID=$(curl -sf -X POST "http://127.0.0.1:$APP_PORT/orgs/1/contests" -H "Authorization: Bearer $ADMIN" \
      -H 'Content-Type: application/json' -d "{\"title\":\"基准竞赛\",\"startsAt\":\"$STARTS_AT\",
        \"endsAt\":\"$ENDS_AT\",\"timeLimitSeconds\":3600,\"questionCount\":$CONTEST_QUESTIONS,
        \"pointsPerQuestion\":10,\"attemptsAllowed\":1,\"revealAnswers\":false}" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    export CONTEST_ID
    # Contestants: the members after the ones the reading scenario signed in.
    $SQL -N vanguard -e "SELECT id, branch_id FROM member WHERE id > $TOKENS ORDER BY id LIMIT $CONTESTANTS" \
      | python3 bench/login.py "http://127.0.0.1:$APP_PORT" "$WORK/contestants.txt"
    awk -v c="$CONTEST_ID" '{printf "%s\tPOST\t/contests/%s/attempts\t\n", $1, c}' "$WORK/contestants.txt" \
      >"$WORK/contest-start.items"
    echo "   contest: $CONTEST_ID with $CONTEST_QUESTIONS questions from a bank of 40, $(wc -l <"$WORK/contestants.txt") contestants signed in"
    ;;
  run)
    sleep 2 # the contest opens 2 s after it was created
    BENCH_ITEMS="$WORK/contest-start.items" BENCH_KEY='^{"id":(%d+)' run_wrk_once contest-start
    # Each contestant's attempt, paired by member from MySQL; answers: option A, B, C or D by member and position.
    $SQL -N vanguard -e "SELECT member_id, id FROM quiz_attempt WHERE contest_id = $CONTEST_ID" | python3 -c '
import sys
tokens = {}
for line in open(sys.argv[1]):
    token, member, branch = line.split()
    tokens[member] = token
for line in sys.stdin:
    member, attempt = line.split()
    answers = ",".join("{\"position\":%d,\"answer\":\"%s\"}" % (p, "ABCD"[(int(member) + p) % 4])
                       for p in range(1, int(sys.argv[3]) + 1))
    print("%s\tPOST\t/contests/%s/attempts/%s/submit\t{\"answers\":[%s]}" % (tokens[member], sys.argv[2], attempt, answers))
' "$WORK/contestants.txt" "$CONTEST_ID" "$CONTEST_QUESTIONS" >"$WORK/contest-submit.items"
    BENCH_ITEMS="$WORK/contest-submit.items" BENCH_KEY='^{"id":(%d+)' run_wrk_once contest-submit
    # What MySQL and Redis hold afterwards.
    $SQL -N vanguard -e "
      SELECT COUNT(*), COUNT(DISTINCT member_id), SUM(finished_at_ms IS NULL) FROM quiz_attempt WHERE contest_id = $CONTEST_ID;
      SELECT COUNT(*) FROM quiz_attempt_answer aa JOIN quiz_attempt a ON a.id = aa.attempt_id WHERE a.contest_id = $CONTEST_ID;
      SELECT COUNT(*) FROM quiz_attempt a WHERE a.contest_id = $CONTEST_ID AND (a.correct_count, a.score) <> (
        SELECT COALESCE(SUM(aa.correct), 0), 10 * COALESCE(SUM(aa.correct), 0) FROM quiz_attempt_answer aa WHERE aa.attempt_id = a.id);
      SELECT COUNT(*) FROM (SELECT attempt_id FROM quiz_attempt_answer aa JOIN quiz_attempt a ON a.id = aa.attempt_id
        WHERE a.contest_id = $CONTEST_ID GROUP BY attempt_id HAVING COUNT(*) <> $CONTEST_QUESTIONS) partial;" \
      | tr '\n' ' ' >"$WORK/check.txt"; echo >>"$WORK/check.txt"
      {
        read -r ATTEMPTS MEMBERS_STARTED OPEN ANSWERS WRONG_SCORES PARTIAL
        BOARD=$(redis-cli -p $REDIS_PORT ZCARD "{quiz:c$CONTEST_ID}:board")
        CONTESTANTS_IN=$(wc -l <"$WORK/contestants.txt")
        cat >"$WORK/results/contest-check.json" <<JSON
{"contestants": $CONTESTANTS_IN, "attempts": $ATTEMPTS, "members_with_attempt": $MEMBERS_STARTED, "unfinished": $OPEN,
 "answers_stored": $ANSWERS, "answers_sent": $((CONTESTANTS_IN * CONTEST_QUESTIONS)),
 "scores_not_matching_answers": $WRONG_SCORES, "attempts_missing_answers": $PARTIAL, "live_board_entries": $BOARD}
JSON
        echo "   contest check: $(tr -d '\n' <"$WORK/results/contest-check.json")"
      } <"$WORK/check.txt"
    ;;
esac
