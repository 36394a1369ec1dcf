#!/usr/bin/env python3
"""Soak run: a mixed load at a fixed rate against the local run, errors and RSS recorded every interval.

Starts the local launcher (local-edge.jar) on free ports in a scratch directory, provisions an app, a user with a
refresh-token pool and a third-party app with an API key (bench/lib/provision.py), then runs four paced wrk
processes side by side (client_credentials token issuance, refresh rotation, bearer GET /api/v1/nodes, API-key GET
/api/v1/nodes) in back-to-back windows of --interval seconds until --duration is reached. After each window it
records the window's requests, errors (non-2xx and socket errors) and latency per scenario and the RSS of each
service, and at the end prints a summary (total errors, RSS first vs last window). Results: bench/results/soak.json.
"""
import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import procs  # noqa: E402
import provision  # noqa: E402

BENCH = os.path.dirname(HERE)
REPO = os.path.dirname(BENCH)
WRK = os.path.join(BENCH, "wrk")

# scenario -> (script, path, default requests per second). The defaults stay under the platform's own rate limits
# for one client / one API key (token endpoint 600 per minute, API-key calls 1200 per minute), so every error counts.
SCENARIOS = {
    "token": ("client_credentials.lua", "/oauth/token", 8),
    "refresh": ("refresh.lua", "/refresh", 5),
    "bearer": ("bearer_get.lua", "/api/v1/nodes?limit=20", 40),
    "api_key": ("api_key_get.lua", "/api/v1/nodes?limit=20", 15),
}


def log(message):
    print(f"[soak] {message}", file=sys.stderr, flush=True)


def free_base():
    for base in range(21000, 31000, 10):
        ok = True
        for port in range(base, base + 5):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", port))
                except OSError:
                    ok = False
                    break
        if ok:
            return base
    raise SystemExit("no free port range")


class LocalRun:
    def __init__(self, workdir, port_base):
        self.workdir, self.port_base = workdir, port_base
        self.url = f"http://localhost:{port_base}"
        self.proc = None

    def start(self, timeout=300):
        jar = os.path.join(REPO, "local-edge", "target", "local-edge.jar")
        if not os.path.isfile(jar):
            raise SystemExit(f"{jar} is missing: build first (mvn -B -q package -DskipTests)")
        env = {k: v for k, v in os.environ.items() if not k.startswith("GATEHOUSE_")}
        self.stderr = open(os.path.join(self.workdir, "launcher.log"), "w")
        self.proc = subprocess.Popen(["java", "-jar", jar, "--repo-dir", REPO, "--port-base", str(self.port_base),
                                      "--port", str(self.port_base), "--ready-timeout", "240"],
                                     cwd=self.workdir, env=env, stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        ready = threading.Event()

        def pump():
            for line in self.proc.stdout:
                if line.startswith("Gatehouse is ready at"):
                    ready.set()
        threading.Thread(target=pump, daemon=True).start()
        if not ready.wait(timeout):
            self.stop()
            raise SystemExit(f"Gatehouse not ready within {timeout} s; see {self.stderr.name}")

    def pids(self):
        return procs.tree(self.proc.pid) if self.proc else []

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                for pid in self.pids():
                    try:
                        os.kill(pid, 9)
                    except OSError:
                        pass


def service_rss(run):
    comps = procs.memory(run.pids())["components"]
    return {name: comps.get(name, {}).get("rss_mb", 0.0) for name in procs.SERVICES}


def top_up(state, pool_file, size):
    """Refresh tokens in flight when a window ends are lost (wrk stops before their answer): refill the pool."""
    with open(pool_file) as fh:
        have = sum(1 for line in fh if line.strip())
    if have < size:
        with open(pool_file, "a") as fh:
            fh.writelines(t + "\n" for t in provision.pool("gatehouse", state, size - have))


def run_window(run, state, seconds, rates, connections, pool_file, pool_out):
    """Runs every scenario for one window in parallel; returns {scenario: BENCH_JSON dict}."""
    procs_ = {}
    for name, (script, path, _) in SCENARIOS.items():
        env = dict(os.environ, BENCH_SCENARIO=script, BENCH_THREADS="1", BENCH_AUTH=state["authorization"],
                   BENCH_TOKEN=state["user_token"], BENCH_STYLE="gatehouse", BENCH_POOL_FILE=pool_file,
                   BENCH_POOL_OUT=pool_out, BENCH_API_KEY=state.get("api_key", ""),
                   BENCH_USER_ID=state.get("api_key_user_id", ""))
        # Closed-loop pacing: each connection pauses so that the scenario stays near its rate.
        delay_ms = max(0, int(connections * 1000 / rates[name]) - 5)
        env["BENCH_DELAY_MS"] = str(delay_ms)
        cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s",
               os.path.join(WRK, "paced.lua"), run.url + path]
        procs_[name] = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    results = {}
    for name, proc in procs_.items():
        out, _ = proc.communicate()
        match = re.search(r"^BENCH_JSON (.*)$", out, re.M)
        results[name] = json.loads(match.group(1)) if match else {"error": out[-500:]}
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=600, help="seconds of load in total (600)")
    parser.add_argument("--interval", type=int, default=30, help="seconds per recorded window (30)")
    parser.add_argument("--connections", type=int, default=2, help="wrk connections per scenario (2)")
    for name, (_, _, rate) in SCENARIOS.items():
        parser.add_argument(f"--{name.replace('_', '-')}-rate", type=float, default=rate,
                            help=f"{name} requests per second ({rate})")
    parser.add_argument("--out", default=os.path.join(BENCH, "results", "soak.json"))
    args = parser.parse_args()
    rates = {name: getattr(args, f"{name}_rate") for name in SCENARIOS}

    workdir = tempfile.mkdtemp(prefix="gatehouse-soak-")
    run = LocalRun(workdir, free_base())
    windows = []
    try:
        log(f"starting the local run in {workdir} on {run.url}")
        t0 = time.monotonic()
        run.start()
        log(f"ready after {time.monotonic() - t0:.1f} s; provisioning")
        state = provision.gatehouse(run.url)
        missing = [f for f in ("client_credentials", "refresh", "bearer_nodes", "api_key")
                   if not state["features"].get(f, {}).get("available")]
        if missing:
            raise SystemExit(f"cannot soak, not available: {missing}: {json.dumps(state['features'])}")
        pool_file = os.path.join(workdir, "pool.txt")
        pool_out = os.path.join(workdir, "pool-out.txt")
        open(pool_file, "w").close()
        log(f"rates/s {rates}, {args.connections} connection(s) per scenario, {args.duration} s in "
            f"{args.interval} s windows")
        started = time.monotonic()
        while time.monotonic() - started < args.duration - 1:
            seconds = int(min(args.interval, args.duration - (time.monotonic() - started)))
            if seconds < 1:
                break
            top_up(state, pool_file, args.connections + 2)
            window = run_window(run, state, seconds, rates, args.connections, pool_file, pool_out)
            if os.path.exists(pool_out) and os.path.getsize(pool_out) > 0:
                shutil.move(pool_out, pool_file)  # the rotated, unspent refresh tokens carry on
            rss = service_rss(run)
            errors = {n: (r.get("non2xx", 0) + sum(r.get("socket_errors", {}).values())) if "requests" in r else -1
                      for n, r in window.items()}
            entry = {"t_s": round(time.monotonic() - started), "rss_mb": rss, "errors": errors,
                     "requests": {n: r.get("requests", 0) for n, r in window.items()},
                     "p99_ms": {n: r.get("p99_ms") for n, r in window.items()},
                     "statuses": {n: r.get("statuses", {}) for n, r in window.items() if r.get("statuses")},
                     "failures": {n: r["error"] for n, r in window.items() if "error" in r}}
            windows.append(entry)
            log(f"t={entry['t_s']:4d}s requests {sum(entry['requests'].values()):6d} errors {errors} "
                f"RSS MB {rss}")
    finally:
        run.stop()
        # The logs stay for a post-mortem; the database files do not.
        shutil.rmtree(os.path.join(workdir, ".local-run", "pgdata"), ignore_errors=True)

    if not windows:
        raise SystemExit("no window completed")
    total_requests = sum(sum(w["requests"].values()) for w in windows)
    total_errors = sum(sum(max(e, 0) for e in w["errors"].values()) for w in windows)
    first, last = windows[0]["rss_mb"], windows[-1]["rss_mb"]
    summary = {
        "duration_s": windows[-1]["t_s"], "windows": len(windows), "requests": total_requests,
        "errors": total_errors, "target_rps": rates, "connections_per_scenario": args.connections,
        "achieved_rps": round(total_requests / max(1, windows[-1]["t_s"]), 1),
        "rss_mb_first_vs_last": {s: [first[s], last[s]] for s in procs.SERVICES},
        "machine": f"{os.cpu_count()} CPUs, load average {open('/proc/loadavg').read().split()[:3]}",
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as fh:
        json.dump({"summary": summary, "windows": windows}, fh, indent=1)
    print(f"soak: {summary['duration_s']} s, {total_requests} requests ({summary['achieved_rps']}/s), "
          f"{total_errors} errors")
    for service, (a, b) in summary["rss_mb_first_vs_last"].items():
        print(f"  {service:22s} RSS {a:7.1f} MB -> {b:7.1f} MB ({b - a:+.1f})")
    print(f"details: {args.out}; service logs: {workdir}/.local-run/logs")
    sys.exit(1 if total_errors else 0)


if __name__ == "__main__":
    main()
