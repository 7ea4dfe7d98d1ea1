#!/usr/bin/env bash
# The load benchmark, end to end: builds the service, starts it on 127.0.0.1 against real MariaDB and Redis
# (Debian's packages, installed when absent), loads a fixed-seed data set, measures the floors and every scenario
# with wrk, and writes bench/results.md plus the results table in README.md.
#
#   bench/run.sh                 # full run (a few minutes)
#   BENCH_SECONDS=5 bench/run.sh # shorter runs per scenario
#
# All traffic goes to 127.0.0.1 only; every scenario stops by itself after BENCH_SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$ROOT/bench/work
SECONDS_PER_RUN=${BENCH_SECONDS:-15}
MEMBERS=${BENCH_MEMBERS:-100000}
BRANCHES=${BENCH_BRANCHES:-2000}
TOKENS=${BENCH_TOKENS_COUNT:-2000}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
# Ports overridable so two checkouts can run the benchmark side by side (BENCH_DB_PORT, BENCH_REDIS_PORT, BENCH_APP_PORT).
DB_PORT=${BENCH_DB_PORT:-3406}
REDIS_PORT=${BENCH_REDIS_PORT:-6390}
APP_PORT=${BENCH_APP_PORT:-8089}
WECHAT_PORT=${BENCH_WECHAT_PORT:-8095}
rm -rf "$WORK" && mkdir -p "$WORK/results"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need mariadbd || ! need redis-server || ! need redis-benchmark || ! need mariadb-slap; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk mariadb-server mariadb-client redis-server redis-tools >/dev/null
fi

cleanup() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "${WECHAT_PID:-}" ] && kill "$WECHAT_PID" 2>/dev/null || true
  redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true
  [ -n "${DB_PID:-}" ] && kill "$DB_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

echo "== build"
./mvnw -B -q -DskipTests clean package
git rev-parse --short HEAD >"$WORK/commit.txt" 2>/dev/null || true
JAR=$(ls target/vanguard-*.jar | grep -v original | head -1)

echo "== MariaDB and Redis on 127.0.0.1"
mkdir -p "$WORK/mariadb"
mariadb-install-db --no-defaults --user=root --datadir="$WORK/mariadb" --auth-root-authentication-method=normal >/dev/null
mariadbd --no-defaults --user=root --datadir="$WORK/mariadb" --port=$DB_PORT --bind-address=127.0.0.1 \
  --socket="$WORK/mariadb.sock" --skip-ssl --max-connections=500 --innodb-buffer-pool-size=1G \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci >"$WORK/mariadb.log" 2>&1 &
DB_PID=$!
redis-server --port $REDIS_PORT --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --pidfile "$WORK/redis.pid" \
  --logfile "$WORK/redis.log" >/dev/null
for _ in $(seq 60); do mariadb --no-defaults -uroot -h127.0.0.1 -P$DB_PORT -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.5; done
SQL="mariadb --no-defaults -uroot -h127.0.0.1 -P$DB_PORT"
$SQL -e "CREATE DATABASE vanguard CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

echo "== WeChat stub on 127.0.0.1:$WECHAT_PORT (bench/wechat_stub.py: counts the subscribe messages it receives)"
python3 bench/wechat_stub.py $WECHAT_PORT >"$WORK/wechat-stub.log" 2>&1 &
WECHAT_PID=$!
for _ in $(seq 20); do curl -sf "http://127.0.0.1:$WECHAT_PORT/count" >/dev/null && break; sleep 0.25; done

echo "== service"
export DB_URL="jdbc:mysql://127.0.0.1:$DB_PORT/vanguard?useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&rewriteBatchedStatements=true"
export DB_USER=root DB_PASSWORD= REDIS_URI="redis://127.0.0.1:$REDIS_PORT" PORT=$APP_PORT
export JWT_SECRET="benchmark-secret-0123456789abcdef0123456789" BCRYPT_COST=4
export IDENTITY_HASH_KEY="benchmark-identity-key-0123456789abcdef0123"
export VANGUARD_AUTH_LOGIN_MAX_ATTEMPTS_PER_IP=100000000 ACCESS_TOKEN_SECONDS=7200
# Notifications go to the WeChat stub; only the meeting-scheduled kind has a template (so only it is pushed), the
# sender runs at its default interval, and quiet hours are off (from = until) so a run at night pushes at once.
export WECHAT_API_BASE_URL="http://127.0.0.1:$WECHAT_PORT" WECHAT_APP_ID=bench-app WECHAT_APP_SECRET=bench-app-secret
export WECHAT_TEMPLATE_MEETING_SCHEDULED=tpl-MEETING_SCHEDULED NOTIFICATION_SENDER_ENABLED=true
export VANGUARD_NOTIFICATION_QUIET_FROM=00:00 VANGUARD_NOTIFICATION_QUIET_UNTIL=00:00
# Starts the service in the background (APP_PID) and waits up to BENCH_START_TIMEOUT (180) s for /ping; appends to
# service.log, so a restart (bench/scenarios/crash.sh, after kill -9) keeps the first run's log. Returns 1 if it
# never answered (or exited).
start_service() {
  java -Xmx2g -jar "$JAR" >>"$WORK/service.log" 2>&1 &
  APP_PID=$!
  local deadline=$((SECONDS + ${BENCH_START_TIMEOUT:-180}))
  while [ $SECONDS -lt $deadline ] && kill -0 "$APP_PID" 2>/dev/null; do
    curl -sf -m 2 "http://127.0.0.1:$APP_PORT/ping" >/dev/null && return 0
    sleep 0.25
  done
  return 1
}
start_service || echo "   the service did not answer /ping within ${BENCH_START_TIMEOUT:-180} s"

echo "== data: $MEMBERS members in $BRANCHES branches"
HASH=$(java -cp "$JAR" bench/HashPassword.java bench-password 4)
$SQL --abort-source-on-error vanguard -e "SET @branches=$BRANCHES, @members=$MEMBERS, @hash='$HASH',
  @big_branches=${BENCH_MEETINGS:-50}, @big_size=${BENCH_MEETING_SIZE:-300}; SOURCE bench/seed.sql;"
# The first $TOKENS members sign in (member 1 is the system admin): the reading and leaderboard scenarios' callers.
$SQL -N vanguard -e "SELECT id, branch_id FROM member ORDER BY id LIMIT $TOKENS" \
  | python3 bench/login.py "http://127.0.0.1:$APP_PORT" "$WORK/tokens.txt"
# BENCH_SCENARIOS="contest checkin" runs only those (default: every bench/scenarios/*.sh).
# Files run in name order, except crash.sh, which runs last: it kills the service (kill -9) and restarts it.
scenario_files() {
  for f in $(ls bench/scenarios/*.sh | grep -v '/crash\.sh$') bench/scenarios/crash.sh; do
    [ -f "$f" ] || continue
    [ -z "${BENCH_SCENARIOS:-}" ] || [[ " $BENCH_SCENARIOS " == *" $(basename "$f" .sh) "* ]] && echo "$f"
  done
}
for f in $(scenario_files); do source "$f" setup; done

source bench/measure.sh
# wrk one scenario for SECONDS_PER_RUN, measured (bench/measure.sh): name, lua script, path[, threads (default 2)]
run_wrk() {
  local name=$1 script=$2 path=$3 threads=${4:-2}
  measure_begin "$name"
  BENCH_PATH=$path BENCH_OUT="$WORK/results/$name.json" BENCH_TOKENS="$WORK/tokens.txt" \
    wrk -t"$threads" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "bench/lua/$script" "http://127.0.0.1:$APP_PORT" \
    >"$WORK/results/$name.txt" 2>"$WORK/results/$name.err"; head -3 "$WORK/results/$name.err" | sed "s/^/   /"
  measure_end "$name"
  echo "   $name: $(cat "$WORK/results/$name.json")"
}
# A burst where each of BENCH_ITEMS is sent once (bench/lua/once.lua): wrk is interrupted (and reports) as soon as
# both its threads have every item answered, or after BENCH_BURST_LIMIT s.
run_wrk_once() { # name (BENCH_ITEMS and BENCH_KEY in the environment)
  local name=$1 out="$WORK/results/$1.json"
  measure_begin "$name"
  BENCH_OUT="$out" BENCH_TOKENS="$WORK/tokens.txt" BENCH_THREADS=2 \
    wrk -t2 -c"$CONNECTIONS" -d"${BENCH_BURST_LIMIT:-300}s" --latency -s bench/lua/once.lua "http://127.0.0.1:$APP_PORT" \
    >"$WORK/results/$name.txt" 2>"$WORK/results/$name.err" &
  local wrk_pid=$!
  while kill -0 $wrk_pid 2>/dev/null && [ "$(ls "$out".finished.* 2>/dev/null | wc -l)" -lt 2 ]; do sleep 0.05; done
  kill -INT $wrk_pid 2>/dev/null || true
  wait $wrk_pid || true
  head -3 "$WORK/results/$name.err" | sed "s/^/   /"
  measure_end "$name"
  echo "   $name: $(cat "$out") $(tr -d '\n' <"$out.threads")"
}

echo "== warm-up"
BENCH_SECONDS_SAVED=$SECONDS_PER_RUN; SECONDS_PER_RUN=5
run_wrk warmup-ping anonymous.lua /ping >/dev/null; run_wrk warmup-me get.lua /me >/dev/null
run_wrk warmup-jwt get.lua /ping/auth >/dev/null
SECONDS_PER_RUN=$BENCH_SECONDS_SAVED

echo "== floors"
run_wrk floor-anonymous anonymous.lua /ping
run_wrk floor-jwt get.lua /ping/auth
redis_floor() { # name, command...: keeps redis-benchmark's final line only
  local name=$1; shift
  redis-benchmark -p $REDIS_PORT -c 50 -n 200000 -q "$@" | tr '\r' '\n' | grep 'requests per second' | tail -1 \
    >"$WORK/results/floor-redis-$name.txt"
}
redis_floor zadd -r 1000000 ZADD bench:board __rand_int__ m:__rand_int__
redis_floor zrevrank -r 1000000 ZREVRANK bench:board m:__rand_int__
redis_floor zrevrange ZREVRANGE bench:board 0 19 WITHSCORES
$SQL vanguard -e "CREATE TABLE bench_insert (id BIGINT AUTO_INCREMENT PRIMARY KEY, member_id BIGINT, v INT)"
( time mariadb-slap --no-defaults -uroot -h127.0.0.1 -P$DB_PORT --create-schema=vanguard --concurrency=$CONNECTIONS \
    --number-of-queries=$((CONNECTIONS * 1000)) --query="INSERT INTO bench_insert (member_id, v) VALUES (1, 1)" ) \
  >"$WORK/results/floor-db-insert.txt" 2>&1
cat "$WORK/results"/floor-redis-*.txt

echo "== scenarios"
run_wrk profile-read get.lua /me
for f in $(scenario_files); do source "$f" run; done

python3 bench/report.py "$WORK/results" "$CONNECTIONS" "$SECONDS_PER_RUN" "$MEMBERS" "$BRANCHES" > bench/results.md
python3 bench/readme.py bench/results.md README.md
cat bench/results.md
