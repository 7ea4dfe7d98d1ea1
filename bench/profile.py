#!/usr/bin/env python3
"""Summarises what bench/measure.sh collected around one scenario into NAME.measure.json: CPU seconds of the service,
MariaDB and Redis; MariaDB statements; pool gauges; and from the JFR recording where the service's CPU goes (by
component), its hottest own methods, and JDBC socket reads (round trips); HikariCP's timers give checkouts, the
mean wait for a connection and the mean time one is held."""
import collections
import json
import os
import subprocess
import sys

directory, name, ticks_per_second = sys.argv[1], sys.argv[2], float(sys.argv[3])


def path(suffix):
    return os.path.join(directory, name + suffix)


def read_status(suffix):
    values = {}
    for line in open(path(suffix)):
        key, value = line.split()
        values[key] = int(value)
    return values


seconds = float(open(path(".t-after")).read()) - float(open(path(".t-before")).read())
cpu_before = [int(x) for x in open(path(".cpu-before")).read().split()]
cpu_after = [int(x) for x in open(path(".cpu-after")).read().split()]
cpu = {process: (a - b) / ticks_per_second
       for process, b, a in zip(["service", "mariadb", "redis"], cpu_before, cpu_after)}
cpu["service_kernel"] = (int(open(path(".sys-after")).read()) - int(open(path(".sys-before")).read())) / ticks_per_second
before, after = read_status(".db-before"), read_status(".db-after")
statements = {key: after[key] - before.get(key, 0) for key in after}

pool = [tuple(float(x) for x in line.split()) for line in open(path(".pool")) if len(line.split()) == 2]
timers_before = [float(x) for x in open(path(".pool-before")).read().split()]
timers_after = [float(x) for x in open(path(".pool-after")).read().split()]
checkouts = timers_after[0] - timers_before[0]
pool_summary = {
    "checkouts": checkouts,
    "acquire_ms_mean": (timers_after[1] - timers_before[1]) * 1000 / checkouts if checkouts else None,
    "held_ms_mean": (timers_after[2] - timers_before[2]) * 1000 / checkouts if checkouts else None,
    "samples": len(pool),
    "max_active": max((a for a, _ in pool), default=None),
    "mean_active": sum(a for a, _ in pool) / len(pool) if pool else None,
    "max_pending": max((p for _, p in pool), default=None),
    "mean_pending": sum(p for _, p in pool) / len(pool) if pool else None,
}

# Component a CPU sample is charged to: the first frame from the leaf up outside the JDK itself.
COMPONENTS = [
    ("com.mysql.", "MySQL driver"), ("com.zaxxer.hikari.", "connection pool"),
    ("io.micronaut.data.", "Micronaut Data"), ("io.micronaut.transaction.", "Micronaut Data"),
    ("com.nimbusds.", "JWT"), ("io.micronaut.security.", "security"), ("io.lettuce.", "Redis client"),
    ("io.micronaut.serde.", "JSON"), ("com.fasterxml.jackson.", "JSON"), ("io.netty.", "HTTP/Netty"),
    ("io.micronaut.http.", "HTTP/Netty"), ("io.micronaut.validation.", "validation"),
    ("ch.qos.logback.", "logging"), ("org.slf4j.", "logging"), ("io.micrometer.", "metrics"),
    ("app.vanguard.", "app code"), ("io.micronaut.", "Micronaut core"), ("reactor.", "Reactor"),
]
JDK = ("java.", "javax.", "jdk.", "sun.", "com.sun.")


def component(frames):
    for frame in frames:
        if frame.startswith(JDK):
            continue
        for prefix, label in COMPONENTS:
            if frame.startswith(prefix):
                return label
        return "other libraries"
    return "JDK"


jfr_path = path(".jfr")
summary = {"seconds": seconds, "cpu_seconds": cpu, "statements": statements, "pool": pool_summary}
DB_PORT = os.environ.get("BENCH_DB_PORT", "3406")


def parse_jfr(text):
    """Events of `jfr print` (text): yields (type, fields, frames), frames as 'package.Class.method' from the leaf."""
    kind, fields, frames, in_stack = None, {}, [], False
    for line in text.splitlines():
        stripped = line.strip()
        if not line.startswith(" ") and stripped.endswith("{"):
            kind, fields, frames, in_stack = stripped[:-1].strip(), {}, [], False
        elif stripped == "}" and not line.startswith("  "):
            if kind:
                yield kind, fields, frames
            kind = None
        elif stripped == "stackTrace = [":
            in_stack = True
        elif in_stack:
            if stripped == "]":
                in_stack = False
            elif stripped != "...":
                frames.append(stripped.split("(", 1)[0])
        elif " = " in stripped:
            key, value = stripped.split(" = ", 1)
            fields[key] = value


def millis(text):
    number, _, unit = (text or "0 s").partition(" ")
    factor = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1000.0, "min": 60000.0}.get(unit.strip(), 0.0)
    try:
        return float(number) * factor
    except ValueError:
        return 0.0


if os.path.exists(jfr_path):
    out = subprocess.run(["jfr", "print", "--stack-depth", "48", "--events",
                          "jdk.ExecutionSample,jdk.SocketRead,jdk.JavaMonitorEnter,jdk.GarbageCollection",
                          jfr_path], capture_output=True, text=True, check=True).stdout
    components, own_methods = collections.Counter(), collections.Counter()
    samples = socket_reads = monitor_waits = 0
    socket_ms = monitor_ms = gc_ms = 0.0
    for kind, fields, frames in parse_jfr(out):
        if kind == "jdk.ExecutionSample":
            samples += 1
            components[component(frames)] += 1
            for frame in frames:  # the innermost method of our own code on the stack
                if frame.startswith("app.vanguard.") and "$" not in frame.rsplit(".", 2)[-2]:
                    own_methods[frame] += 1
                    break
        elif kind == "jdk.SocketRead":
            if fields.get("port") == DB_PORT:  # reads from MariaDB (the others are HTTP requests arriving)
                socket_reads += 1
                socket_ms += millis(fields.get("duration"))
        elif kind == "jdk.JavaMonitorEnter":
            monitor_waits += 1
            monitor_ms += millis(fields.get("duration"))
        elif kind == "jdk.GarbageCollection":
            gc_ms += millis(fields.get("duration"))
    summary["jfr"] = {
        "cpu_samples": samples,
        "components": {k: round(v / samples, 3) for k, v in components.most_common()} if samples else {},
        "app_methods": [[k, round(v / samples, 3)] for k, v in own_methods.most_common(6)] if samples else [],
        "db_socket_reads": socket_reads, "db_socket_read_ms": round(socket_ms, 1),
        "monitor_waits": monitor_waits, "monitor_wait_ms": round(monitor_ms, 1),
        "gc_pause_ms": round(gc_ms, 1),
    }
json.dump(summary, sys.stdout, indent=1)
