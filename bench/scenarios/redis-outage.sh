# Redis outage during the reading peak (issue 15 item 11): GET /reading/today under load while Redis is stopped for
# 30 s, then started again. Expected: every answer 200 (today's reading comes from MySQL while Redis is away), p99
# bounded (no request waits on Redis: commands are refused at once and the circuit breaker fails fast), and recovery
# without a restart (the today cache fills again). Runs last (files run in name order): Redis comes back empty.
# Sourced by bench/run.sh with "setup" or "run".
case "$1" in
  setup)
    ;;
  run)
    OUTAGE_SECONDS=${BENCH_OUTAGE_SECONDS:-30}
    SAVED_SECONDS=$SECONDS_PER_RUN
    SECONDS_PER_RUN=$((OUTAGE_SECONDS + 15))
    run_wrk redis-outage-today get.lua /reading/today &
    OUTAGE_WRK=$!
    sleep 5
    redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true
    echo "   redis-outage: Redis stopped for $OUTAGE_SECONDS s"
    sleep "$OUTAGE_SECONDS"
    redis-server --port $REDIS_PORT --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
      --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log" >/dev/null
    echo "   redis-outage: Redis started again"
    wait $OUTAGE_WRK || true
    SECONDS_PER_RUN=$SAVED_SECONDS
    # Recovery without a restart: the branch's day is cached in Redis again.
    ADMIN=$(head -1 "$WORK/tokens.txt" | cut -d' ' -f1)
    curl -sf "http://127.0.0.1:$APP_PORT/reading/today" -H "Authorization: Bearer $ADMIN" >/dev/null
    echo "   redis-outage: today cache keys after recovery: $(redis-cli -p $REDIS_PORT --scan --pattern 'reading:today:*' | wc -l)"
    ;;
esac
