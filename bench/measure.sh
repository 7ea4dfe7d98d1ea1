# Measurement around one scenario, sourced by bench/run.sh: what limits it, from measurement rather than guesses.
#   measure_begin NAME   before the load starts
#   measure_end NAME     after it stops; writes results/NAME.measure.json
# Collected for the service, MariaDB and Redis: CPU seconds each process used (from /proc), the statements MariaDB
# executed (SHOW GLOBAL STATUS), the connection pool's busy/waiting connections (Micrometer's HikariCP gauges,
# sampled every second, and its acquire/usage timers: checkouts, time waiting for a connection, time holding one),
# and a JFR recording of the service (CPU samples, socket reads) that bench/profile.py turns into where the
# service's CPU goes and how many round trips it makes to MySQL.

proc_cpu_ticks() { # pid -> utime + stime of the process and its threads, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0
}
proc_sys_ticks() { # pid -> stime alone (kernel: sockets, context switches)
  awk '{print $15}' "/proc/$1/stat" 2>/dev/null || echo 0
}

db_status() {
  $SQL -N vanguard -e "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_select', 'Com_insert',
    'Com_update', 'Com_delete', 'Com_commit', 'Com_rollback', 'Com_begin', 'Com_set_option', 'Com_insert_select',
    'Innodb_row_lock_waits', 'Innodb_row_lock_time', 'Innodb_data_fsyncs', 'Innodb_os_log_fsyncs')"
}

pool_timers() { # HikariCP's acquire and usage timers: "checkouts acquire_seconds usage_seconds"
  curl -s "http://127.0.0.1:$APP_PORT/prometheus" | awk '
    /^hikaricp_connections_acquire_seconds_count\{/ {n=$2} /^hikaricp_connections_acquire_seconds_sum\{/ {a=$2}
    /^hikaricp_connections_usage_seconds_sum\{/ {u=$2} END {print n+0, a+0, u+0}'
}

pool_sampler() { # writes "active pending" lines until killed; once a second (a /prometheus scrape is not free: at five a
  # second it was 4.6 % of the service's CPU in a check-in run)
  while true; do
    curl -s "http://127.0.0.1:$APP_PORT/prometheus" | awk '
      /^hikaricp_connections_active\{/ {a=$2} /^hikaricp_connections_pending\{/ {p=$2}
      END {print a+0, p+0}'
    sleep 1
  done
}

measure_begin() {
  local name=$1 dir=$WORK/results
  db_status >"$dir/$name.db-before"
  echo "$(proc_cpu_ticks "$APP_PID") $(proc_cpu_ticks "$DB_PID") $(proc_cpu_ticks "$(cat "$WORK/redis.pid")")" \
    >"$dir/$name.cpu-before"
  proc_sys_ticks "$APP_PID" >"$dir/$name.sys-before"
  pool_timers >"$dir/$name.pool-before"
  date +%s.%N >"$dir/$name.t-before"
  jcmd "$APP_PID" JFR.start name="$name" settings="$ROOT/bench/profile.jfc" >/dev/null
  pool_sampler >"$dir/$name.pool" 2>/dev/null &
  POOL_SAMPLER_PID=$!
}

measure_end() {
  local name=$1 dir=$WORK/results
  kill "$POOL_SAMPLER_PID" 2>/dev/null; wait "$POOL_SAMPLER_PID" 2>/dev/null || true
  date +%s.%N >"$dir/$name.t-after"
  pool_timers >"$dir/$name.pool-after"
  echo "$(proc_cpu_ticks "$APP_PID") $(proc_cpu_ticks "$DB_PID") $(proc_cpu_ticks "$(cat "$WORK/redis.pid")")" \
    >"$dir/$name.cpu-after"
  proc_sys_ticks "$APP_PID" >"$dir/$name.sys-after"
  db_status >"$dir/$name.db-after"
  jcmd "$APP_PID" JFR.stop name="$name" filename="$dir/$name.jfr" >/dev/null
  BENCH_DB_PORT=$DB_PORT python3 "$ROOT/bench/profile.py" "$dir" "$name" "$(getconf CLK_TCK)" >"$dir/$name.measure.json" \
    || echo "   (profile of $name failed)"
  [ -n "${BENCH_KEEP_JFR:-}" ] || rm -f "$dir/$name.jfr"
}
