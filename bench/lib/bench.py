#!/usr/bin/env python3
"""Gatehouse vs Keycloak, side by side on this machine. Started by bench/run.sh (which installs wrk, builds
Gatehouse when needed and fetches Keycloak); see bench/README.md. Python standard library only.

Per run: starts Gatehouse (local launcher, isolated working directory) and Keycloak (start-dev) one after the
other, timing each from process start to ready; provisions both through their APIs; measures idle RSS; drives
every scenario with wrk (warm-up, then a measured run) at each connection count; measures RSS after load; prints
one table and writes bench/results/<mode>.json, from which bench/lib/report.py renders bench/RESULTS.md.
"""
import argparse
import datetime
import json
import math
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import provision  # noqa: E402
import jvmprofile  # noqa: E402
import procs  # noqa: E402
import report  # noqa: E402

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(BENCH)
WRK_DIR = os.path.join(BENCH, "wrk")
KC_VERSION = "26.7.3"

NA_MISSING = "n/a (not implemented yet)"

# (name, title, Gatehouse side, Keycloak side). Each side is built from the provisioned state by the functions below.
SCENARIOS = [
    ("client_credentials", "client_credentials token (client_secret_basic)"),
    ("client_credentials_direct", "client_credentials, GH straight to token-service (no local edge)"),
    ("refresh", "refresh-token rotation (fresh token each request)"),
    ("authorization_code", "authorization-code redemption"),
    ("userinfo", "bearer GET: userinfo, user token"),
    ("userinfo_direct", "userinfo, GH straight to resource-service (no local edge)"),
    ("app_bearer", "bearer GET, app token (GH verify_credentials / KC userinfo)"),
    ("introspect", "token introspection"),
    ("introspect_direct", "introspection, GH straight to token-service (no local edge)"),
    ("bearer_nodes", "bearer GET /api/v1/nodes (GH only)"),
    ("api_key", "X-API-Key + X-User-ID GET /api/v1/nodes (GH only)"),
]

# authorization_code: codes minted per run = the expected redemptions (rate × seconds) × this margin. The first
# warm-up guesses the rate; each later run uses the rate measured just before it on the same system.
CODE_MARGIN = 2
CODE_RATE_GUESS = 1500
MIN_CODES = 2000
MINT_CONNECTIONS = 16


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def http_ok(url, timeout=2):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status == 200
    except Exception:
        return False


def free_port(port):
    import socket
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do: TIME_WAIT is not "in use"
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


# ---------------------------------------------------------------- the two systems

SERVICES = ("registration-service", "authorization-service", "token-service", "resource-service")


def newest_mtime(paths):
    newest = 0.0
    for top in paths:
        for root, _, files in os.walk(top):
            for f in files:
                try:
                    newest = max(newest, os.stat(os.path.join(root, f)).st_mtime)
                except OSError:
                    pass
    return newest


def snapshot(workdir):
    """Copies the packaged platform (the four quarkus-app directories and the launcher) out of the work tree, so a
    developer rebuilding a service in the middle of a run cannot pull its jars from under the benchmark.
    Returns (snapshot checkout, {service: build time of its quarkus-run.jar})."""
    dest = os.path.join(workdir, "snapshot")
    sources = [os.path.join(REPO, m, "target", "quarkus-app") for m in SERVICES] + \
              [os.path.join(REPO, "local-edge", "target")]
    for attempt in range(4):
        before = newest_mtime(sources)
        shutil.rmtree(dest, ignore_errors=True)
        os.makedirs(dest)
        shutil.copy2(os.path.join(REPO, "pom.xml"), dest)
        for m in SERVICES:
            # Not the class-data archives a local run trained there: they name the jars at their old path, and each
            # run times the first start (which trains them) on its own.
            shutil.copytree(os.path.join(REPO, m, "target", "quarkus-app"), os.path.join(dest, m, "target", "quarkus-app"),
                            ignore=shutil.ignore_patterns("gatehouse-*.jsa*"))
        os.makedirs(os.path.join(dest, "local-edge", "target"))
        shutil.copy2(os.path.join(REPO, "local-edge", "target", "local-edge.jar"), os.path.join(dest, "local-edge", "target"))
        shutil.copytree(os.path.join(REPO, "local-edge", "target", "lib"), os.path.join(dest, "local-edge", "target", "lib"))
        if newest_mtime(sources) == before and time.time() - before > 10:
            break
        log("a service was being rebuilt while copying it; copying again in 20 s")
        time.sleep(20)
    built = {m: time.strftime("%H:%M:%S", time.localtime(os.stat(
        os.path.join(dest, m, "target", "quarkus-app", "quarkus-run.jar")).st_mtime)) for m in SERVICES}
    return dest, built


class Gatehouse:
    def __init__(self, workdir, port_base, jvm_opts, checkout):
        self.checkout = checkout
        self.workdir = os.path.join(workdir, "gatehouse")
        os.makedirs(self.workdir, exist_ok=True)
        self.port_base = port_base
        self.url = f"http://127.0.0.1:{port_base}"
        self.jvm_opts = jvm_opts
        self.proc = None
        self.pg_port = None
        self.pg_data = None
        self.ready_line_s = None
        self.discovery_s = None
        self.training = False

    def start(self, timeout=300):
        self.ready_line_s = self.discovery_s = None
        env = dict(os.environ)
        if self.jvm_opts:
            env["GATEHOUSE_SERVICE_JVM_OPTS"] = self.jvm_opts
        # One client, key and account drive every scenario: lift the per-client/per-key budgets (Keycloak has none)
        # so the limiter's own cost stays measured but it never answers 429.
        for route in ("TOKEN_ENDPOINT", "AUTHENTICATE_ACCOUNT", "AUTHENTICATE_IP", "SIGNUP_IP", "CLIENT_REGISTRATION_IP",
                      "API_KEY"):
            env.setdefault(f"GATEHOUSE_RATE_LIMIT_ROUTES_{route}_CAPACITY", "1000000000")
        # Codes are minted before each run and redeemed during it: live as long as Keycloak's (provision.py sets the
        # realm's accessCodeLifespan to the same value). The launcher passes its environment on to the services.
        env.setdefault("AUTHORIZATION_CODE_LIFETIME", f"PT{provision.CODE_LIFETIME_S}S")
        self.stderr_path = os.path.join(self.workdir, "launcher.err")
        cmd = ["java", "-jar", os.path.join(self.checkout, "local-edge", "target", "local-edge.jar"),
               "--repo-dir", self.checkout, "--port-base", str(self.port_base), "--ready-timeout", "240",
               "--exit-with-parent"]
        log("starting Gatehouse: " + " ".join(cmd) + f"  (cwd {self.workdir})")
        err = open(self.stderr_path, "a")
        err.write(f"--- start at {time.strftime('%H:%M:%S')}\n")
        err.flush()
        t0 = time.monotonic()
        self.proc = subprocess.Popen(cmd, cwd=self.workdir, env=env, stdout=subprocess.PIPE, stderr=err,
                                     text=True, start_new_session=True)
        ready = threading.Event()

        def read_stdout():
            for line in self.proc.stdout:
                if line.startswith("Gatehouse is ready at") and not ready.is_set():
                    self.ready_line_s = time.monotonic() - t0
                    ready.set()
        threading.Thread(target=read_stdout, daemon=True).start()
        discovery = f"{self.url}/.well-known/openid-configuration"
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise SystemExit(f"Gatehouse exited with {self.proc.returncode}; see {self.stderr_path}")
            if self.discovery_s is None and http_ok(discovery, 1):
                self.discovery_s = time.monotonic() - t0
            if ready.is_set() and self.discovery_s is not None:
                break
            time.sleep(0.1)
        else:
            raise SystemExit(f"Gatehouse not ready within {timeout} s; see {self.stderr_path}")
        with open(self.stderr_path) as fh:
            text = fh.read().rsplit("--- start at", 1)[-1]
        # The first run of a build trains each service's class-data archive (written when the services stop).
        self.training = "first run of this build" in text
        m = re.search(r"embedded PostgreSQL on port (\d+), data in (\S+)", text)
        if m:
            self.pg_port, self.pg_data = int(m.group(1)), m.group(2)
        log(f"Gatehouse ready line after {self.ready_line_s:.1f} s, discovery answering after {self.discovery_s:.1f} s")

    def set_aside_state(self):
        """Keeps the stopped run's logs but not its database, so the next start begins from a fresh one."""
        state = os.path.join(self.workdir, ".local-run")
        shutil.rmtree(os.path.join(state, "pgdata"), ignore_errors=True)
        os.rename(state, state + "-first-start")

    def tree(self):
        """The launcher (edge), its four service JVMs and the embedded PostgreSQL, which pg_ctl daemonises
        (so it is not the launcher's child): found through its postmaster.pid."""
        if not self.proc:
            return []
        pids = procs.tree(self.proc.pid)
        try:
            with open(os.path.join(self.pg_data, "postmaster.pid")) as fh:
                pids += procs.tree(int(fh.readline().strip()))
        except (OSError, TypeError, ValueError):
            pass
        return pids

    def stop(self):
        if self.proc and self.proc.poll() is None:
            log("stopping Gatehouse")
            self.proc.send_signal(signal.SIGTERM)  # its shutdown hook stops the services and PostgreSQL
            try:
                self.proc.wait(120)  # a training run writes the class-data archives on the way out
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


class Keycloak:
    def __init__(self, workdir, port, home):
        self.home = home
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = os.path.join(workdir, "keycloak.log")
        self.proc = None
        self.ready_s = None
        self.augmented = False
        self.admin = ("admin", "bench-" + os.urandom(6).hex())

    def start(self, timeout=600):
        # start-dev keeps an H2 database under data/: start each run from none, like Gatehouse's fresh pgdata.
        shutil.rmtree(os.path.join(self.home, "data"), ignore_errors=True)
        env = dict(os.environ, KC_BOOTSTRAP_ADMIN_USERNAME=self.admin[0], KC_BOOTSTRAP_ADMIN_PASSWORD=self.admin[1])
        cmd = [os.path.join(self.home, "bin", "kc.sh"), "start-dev", "--http-port", str(self.port),
               "--http-host", "127.0.0.1", "--http-management-port", str(self.port + 1)]
        log("starting Keycloak: " + " ".join(cmd))
        out = open(self.log_path, "w")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(cmd, cwd=self.home, env=env, stdout=out, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise SystemExit(f"Keycloak exited with {self.proc.returncode}; see {self.log_path}")
            if http_ok(f"{self.url}/realms/master", 1):
                self.ready_s = time.monotonic() - t0
                break
            time.sleep(0.1)
        else:
            raise SystemExit(f"Keycloak not ready within {timeout} s; see {self.log_path}")
        with open(self.log_path) as fh:
            self.augmented = "Updating the configuration" in fh.read()
        log(f"Keycloak answering /realms/master after {self.ready_s:.1f} s"
            + (" (including a Quarkus re-augmentation)" if self.augmented else ""))

    def tree(self):
        return procs.tree(self.proc.pid) if self.proc else []

    def stop(self):
        if self.proc and self.proc.poll() is None:
            log("stopping Keycloak")
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


# ---------------------------------------------------------------- wrk

class Runner:
    def __init__(self, args, workdir):
        self.args = args
        self.workdir = workdir
        self.pools = {}
        self.code_rates = {}  # system -> last measured authorization-code redemptions/s
        self.mints = 0

    def wrk(self, url, script, env, seconds, connections, trees, profiled=None):
        """One wrk run; returns its BENCH_JSON plus CPU seconds per component of the given process trees. With
        --profiler-lib, `profiled` = (label, system) profiles that system's JVMs for the span of the run."""
        session = None
        if profiled and self.args.profiler_lib:
            label, system = profiled
            session = jvmprofile.Session(self.args.profiler_lib, os.path.join(self.workdir, "profiles"), label,
                                         system, trees[system]())
            session.start()
        cmd = ["wrk", "-t", str(self.args.threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
               "-s", os.path.join(WRK_DIR, script), url]
        full_env = dict(os.environ, BENCH_THREADS=str(self.args.threads), **env)
        before = {name: procs.cpu_by_component(tree_fn()) for name, tree_fn in trees.items()}
        machine_before = procs.machine_busy_seconds()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out, err = proc.communicate()
        wall = time.monotonic() - t0
        after = {name: procs.cpu_by_component(tree_fn()) for name, tree_fn in trees.items()}
        profiled_run = session.stop() if session else None
        done = resource.getrusage(resource.RUSAGE_CHILDREN)
        machine_busy = procs.machine_busy_seconds() - machine_before
        wrk_cpu = (done.ru_utime - children.ru_utime) + (done.ru_stime - children.ru_stime)
        match = re.search(r"^BENCH_JSON (.*)$", out, re.M)
        if proc.returncode != 0 or not match:
            return {"error": f"wrk failed ({proc.returncode}): {(err or out)[-400:]}"}
        result = json.loads(match.group(1))
        cpu = {"wrk": round(wrk_cpu, 2)}
        for name in trees:
            for comp, secs in after[name].items():
                cpu[f"{name}/{comp}"] = round(secs - before[name].get(comp, 0.0), 2)
        # CPU the rest of the machine (other developers' builds) took during the run: the noise on this figure.
        cpu["other processes"] = round(max(0.0, machine_busy - sum(cpu.values())), 2)
        result["cpu_seconds"] = cpu
        result["wall_seconds"] = round(wall, 2)
        if profiled_run:
            result["profile"] = profiled_run
            for line in jvmprofile.summary(profiled_run["threads"]):
                log("  profile: " + line)
            if profiled_run["failed"]:
                log("  profile: async-profiler could not attach to " + ", ".join(profiled_run["failed"]))
        return result


def refresh_pool(runner, system, state, connections):
    """Tops the refresh-token pool of `system` up so that a run at `connections` cannot run dry."""
    path = runner.pools.get(system) or os.path.join(runner.workdir, f"pool-{system}.txt")
    runner.pools[system] = path
    have = sum(1 for line in open(path) if line.strip()) if os.path.exists(path) else 0
    need = 2 * connections + 16
    if have < need:
        log(f"issuing {need - have} refresh tokens for {system}")
        provision.main(["pool", system, state["_state_file"], str(need - have), path])
    return path


def side(system, scenario, state, runner):
    """(url, script, env) for a scenario on one system, or None with a reason when it cannot run there."""
    if scenario == "authorization_code":
        flow = state.get("code_flow") or {"available": False, "reason": "not provisioned"}
        if not flow.get("available"):
            return None, (NA_MISSING if system == "gatehouse" else "n/a") + f" — {flow.get('reason')}"
        return (flow["token_endpoint"], "authorization_code.lua",
                {"BENCH_AUTH": flow["authorization"], "BENCH_BODY_PREFIX": flow["body_prefix"]}), None
    if system == "gatehouse":
        f = state["features"]
        feature = f.get(scenario.replace("_direct", ""), {"available": False, "reason": "not provisioned"})
        if not feature.get("available"):
            return None, NA_MISSING + (f" — {feature.get('reason')}" if feature.get("reason") else "")
        url = state["url"]
        if scenario.endswith("_direct"):
            # The local edge stands in for the Kubernetes Ingress; these rows show what it costs. Keycloak is
            # measured direct in every row.
            offset = 4 if scenario == "userinfo_direct" else 3
            url = f"http://127.0.0.1:{runner.args.port_base + offset}"
            scenario = scenario[:-len("_direct")]
        if scenario == "client_credentials":
            return (f"{url}/oauth/token", "client_credentials.lua", {"BENCH_AUTH": state["authorization"]}), None
        if scenario == "refresh":
            return (f"{url}/refresh", "refresh.lua", {"BENCH_STYLE": "gatehouse"}), None
        if scenario == "userinfo":
            return (f"{url}/oauth/userinfo", "bearer_get.lua", {"BENCH_TOKEN": state["user_token"]}), None
        if scenario == "app_bearer":
            return (f"{url}/api/v1/apps/verify_credentials", "bearer_get.lua", {"BENCH_TOKEN": state["app_token"]}), None
        if scenario == "introspect":
            return (f"{url}/oauth/introspect", "introspect.lua",
                    {"BENCH_AUTH": state["authorization"], "BENCH_TOKEN": state["app_token"]}), None
        if scenario == "bearer_nodes":
            return (f"{url}/api/v1/nodes?limit=20", "bearer_get.lua", {"BENCH_TOKEN": state["user_token"]}), None
        if scenario == "api_key":
            return (f"{url}/api/v1/nodes?limit=20", "api_key_get.lua",
                    {"BENCH_API_KEY": state["api_key"], "BENCH_USER_ID": state["api_key_user_id"]}), None
    else:
        if scenario in ("bearer_nodes", "api_key") or scenario.endswith("_direct"):
            return None, "—"
        if scenario == "client_credentials":
            return (state["token_endpoint"], "client_credentials.lua", {"BENCH_AUTH": state["authorization"]}), None
        if scenario == "refresh":
            return (state["token_endpoint"], "refresh.lua",
                    {"BENCH_STYLE": "oauth", "BENCH_AUTH": state["authorization"]}), None
        if scenario == "userinfo":
            return (state["userinfo_endpoint"], "bearer_get.lua", {"BENCH_TOKEN": state["user_token"]}), None
        if scenario == "app_bearer":
            return (state["userinfo_endpoint"], "bearer_get.lua", {"BENCH_TOKEN": state["app_token"]}), None
        if scenario == "introspect":
            return (state["introspection_endpoint"], "introspect.lua",
                    {"BENCH_AUTH": state["authorization"], "BENCH_TOKEN": state["app_token"]}), None
    return None, "unknown scenario"


def run_scenario(runner, system, scenario, state, connections, trees):
    spec, reason = side(system, scenario, state, runner)
    if spec is None:
        return {"na": reason}
    url, script, env = spec
    a = runner.args
    env = dict(env)
    if scenario == "authorization_code":
        return run_authorization_code(runner, system, state, url, script, env, connections, trees)
    if scenario == "refresh":
        try:
            pool = refresh_pool(runner, system, state, connections)
        except Exception as e:  # a failing login endpoint must not cost the other scenarios
            log(f"  -> could not issue refresh tokens: {e}")
            return {"error": f"issuing the refresh-token pool failed: {e}"}
        nxt = pool + ".next"
        env.update(BENCH_POOL_FILE=pool, BENCH_POOL_OUT=nxt)
    log(f"{scenario} on {system}, {connections} connections: warm-up {a.warmup} s")
    warm = runner.wrk(url, script, env, a.warmup, connections, trees)
    if scenario == "refresh" and "error" not in warm:
        os.replace(env["BENCH_POOL_OUT"], env["BENCH_POOL_FILE"])
        try:
            refresh_pool(runner, system, state, connections)
        except Exception as e:
            return {"error": f"topping the refresh-token pool up failed: {e}"}
    log(f"{scenario} on {system}, {connections} connections: measured {a.duration} s")
    result = runner.wrk(url, script, env, a.duration, connections, trees,
                        profiled=(f"{scenario}-{connections}", system))
    if scenario == "refresh" and "error" not in result:
        os.replace(env["BENCH_POOL_OUT"], env["BENCH_POOL_FILE"])
    result["warmup"] = {k: warm.get(k) for k in ("ok_rps", "non2xx", "error") if k in warm}
    if "error" not in result:
        log(f"  -> {result['ok_rps']:.0f} req/s (2xx), p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, "
            f"non-2xx {result['non2xx']}")
    else:
        log("  -> " + result["error"])
    return result


def mint_codes(runner, system, state, count):
    """Mints `count` fresh authorization codes on `system` with wrk (wrk/mint_codes.lua: GET /authorize with one of
    the signed-in sessions' cookies, in turn, answers 302 with a code) and writes them to a file, one per line.
    Returns (path, facts)."""
    flow = state["code_flow"]
    threads = runner.args.threads
    runner.mints += 1
    path = os.path.join(runner.workdir, f"codes-{system}-{runner.mints}.txt")
    cmd = ["wrk", "-t", str(threads), "-c", str(max(threads, MINT_CONNECTIONS)), "-d", "900s", "--timeout", "10s",
           "-s", os.path.join(WRK_DIR, "mint_codes.lua"), flow["authorize_url"]]
    cookies = os.path.join(runner.workdir, f"sessions-{system}.txt")
    with open(cookies, "w") as fh:
        fh.writelines(c + "\n" for c in flow["cookies"])
    env = dict(os.environ, BENCH_COOKIES_FILE=cookies, BENCH_MINT_QUOTA=str(math.ceil(count / threads)),
               BENCH_MINT_OUT=path)
    parts = [f"{path}.{i}" for i in range(threads)]
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while proc.poll() is None:
        if all(os.path.exists(p) for p in parts):
            # Every thread has its quota and has stopped; wrk itself would sleep out -d: interrupt it (again if the
            # signal reached a worker thread that was just exiting).
            for _ in range(10):
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(2)
                    break
                except subprocess.TimeoutExpired:
                    pass
            break
        time.sleep(0.1)
    proc.wait()
    seconds = time.monotonic() - t0
    codes, errors = [], []
    for p in parts:
        if os.path.exists(p):
            with open(p) as fh:
                codes += [line.strip() for line in fh if line.strip()]
            os.remove(p)
        if os.path.exists(p + ".err"):
            with open(p + ".err") as fh:
                errors.append(fh.read().strip()[:200])
            os.remove(p + ".err")
    if len(set(codes)) != len(codes):
        raise RuntimeError(f"{system} minted {len(codes) - len(set(codes))} duplicate codes")
    with open(path, "w") as fh:
        fh.writelines(c + "\n" for c in codes)
    facts = {"minted": len(codes), "asked": count, "mint_seconds": round(seconds, 1),
             "mint_per_s": round(len(codes) / seconds) if seconds else None}
    if errors:
        facts["mint_errors"] = errors
    log(f"  minted {len(codes)} codes on {system} in {seconds:.1f} s ({facts['mint_per_s']}/s)"
        + (f"; answers without a code, first: {errors[0]}" if errors else ""))
    if len(codes) < count:
        log(f"  WARNING: asked for {count} codes, got {len(codes)}")
    return path, facts


def run_authorization_code(runner, system, state, url, script, env, connections, trees):
    """Warm-up and measured run of authorization-code redemption. Codes are minted before each of the two (never
    during one), sized from the last rate measured on this system; wrk sends each code once. A measured run that
    ran out of codes is repeated once with twice as many; if it runs out again the table flags it."""
    a = runner.args
    rate = runner.code_rates.get(system, CODE_RATE_GUESS)
    warm_count = max(MIN_CODES, math.ceil(rate * a.warmup * CODE_MARGIN))
    try:
        codes, warm_mint = mint_codes(runner, system, state, warm_count)
    except Exception as e:
        return {"error": f"minting codes failed: {e}"}
    log(f"authorization_code on {system}, {connections} connections: warm-up {a.warmup} s")
    warm = runner.wrk(url, script, dict(env, BENCH_CODES_FILE=codes), a.warmup, connections, trees)
    os.remove(codes)
    if "error" not in warm:
        rate = warm["ok_rps"]
        if warm.get("codes_ran_out_threads"):
            rate = max(rate, warm_mint["minted"] / a.warmup) * 2  # only a lower bound: the warm-up ran dry
    count = max(MIN_CODES, math.ceil(rate * a.duration * CODE_MARGIN) + 4 * connections)
    for attempt in (1, 2):
        try:
            codes, mint = mint_codes(runner, system, state, count)
        except Exception as e:
            return {"error": f"minting codes failed: {e}"}
        log(f"authorization_code on {system}, {connections} connections: measured {a.duration} s"
            + (" (again, with twice as many codes)" if attempt > 1 else ""))
        result = runner.wrk(url, script, dict(env, BENCH_CODES_FILE=codes), a.duration, connections, trees,
                            profiled=(f"authorization_code-{connections}-{attempt}", system))
        os.remove(codes)
        if "error" in result or not result.get("codes_ran_out_threads"):
            break
        log(f"  -> ran out of codes ({count} minted)")
        count *= 2
    result["codes"] = dict(mint, attempts=attempt, warmup_minted=warm_mint["minted"])
    result["warmup"] = {k: warm.get(k) for k in ("ok_rps", "non2xx", "error", "codes_ran_out_threads") if k in warm}
    if "error" not in result:
        runner.code_rates[system] = result["ok_rps"]
        log(f"  -> {result['ok_rps']:.0f} req/s (2xx), p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, "
            f"non-2xx {result['non2xx']}, {result['codes_sent']} codes sent, {result['codes_left']} left"
            + (", RAN OUT OF CODES" if result.get("codes_ran_out_threads") else ""))
    else:
        log("  -> " + result["error"])
    return result


# ---------------------------------------------------------------- machine facts

def machine():
    def sh(cmd):
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20).stdout.strip()
        except Exception as e:
            return str(e)
    return {"nproc": sh("nproc"), "free": sh("free -h"), "java": sh("java -version 2>&1"),
            "uname": sh("uname -srm"), "cpu": sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"),
            "wrk": sh("wrk -v 2>&1 | head -1; true"), "loadavg": open("/proc/loadavg").read().split()[:3]}


def launcher_default_jvm_opts(checkout=REPO):
    try:
        text = subprocess.run(["java", "-jar", os.path.join(checkout, "local-edge/target/local-edge.jar"), "--help"],
                              capture_output=True, text=True, timeout=30)
        m = re.search(r"\(default: (.*?)\)", (text.stdout + text.stderr).replace("\n", " "))
        return re.sub(r"\s+", " ", m.group(1)).strip() if m else None
    except Exception:
        return None


# ---------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--quick", action="store_true", help="smoke run: 3 s warm-up, 5 s measured")
    p.add_argument("--warmup", type=int)
    p.add_argument("--duration", type=int)
    p.add_argument("--connections", default="16,64")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--scenarios", default=",".join(s for s, _ in SCENARIOS))
    p.add_argument("--port-base", type=int, default=18080, help="Gatehouse edge port; services on +1..+4")
    p.add_argument("--kc-port", type=int, default=18180, help="Keycloak HTTP port (+1: management)")
    p.add_argument("--no-keycloak", action="store_true", help="Gatehouse only")
    p.add_argument("--jvm-opts", default=os.environ.get("GATEHOUSE_SERVICE_JVM_OPTS"),
                   help="services' JVM options (GATEHOUSE_SERVICE_JVM_OPTS; default: the launcher's)")
    p.add_argument("--profiler-lib", help="async-profiler's libasyncProfiler.so: profile the JVMs of the system "
                   "under load during each measured run (bench/run.sh --profile fetches it)")
    p.add_argument("--growth", action="store_true", help="growth mode (see bench/growth.sh)")
    p.add_argument("--growth-sizes", default="10000,1000000")
    p.add_argument("--label", help="name of the results file (default: quick, full, growth)")
    p.add_argument("--keep-running", action="store_true", help="leave both systems up at the end (debugging)")
    a = p.parse_args()
    a.warmup = a.warmup if a.warmup is not None else (3 if a.quick else 10)
    a.duration = a.duration if a.duration is not None else (5 if a.quick else 30)
    conns = [int(c) for c in a.connections.split(",")]
    scenarios = [s for s in a.scenarios.split(",") if s]
    mode = a.label or ("growth" if a.growth else "quick" if a.quick else "full")

    stamp = time.strftime("%Y%m%d-%H%M%S")
    workdir = os.path.join(BENCH, ".work", stamp)
    os.makedirs(workdir, exist_ok=True)
    log(f"working directory {workdir}")
    ports = [a.port_base + i for i in range(5)] + ([] if a.no_keycloak else [a.kc_port, a.kc_port + 1])
    busy = [str(x) for x in ports if not free_port(x)]
    if busy:
        raise SystemExit(f"ports in use: {', '.join(busy)} (choose --port-base / --kc-port)")

    results = {"mode": mode, "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
               "machine": machine(), "command": os.environ.get("BENCH_COMMAND", "bench/run.sh " + " ".join(sys.argv[1:])).strip(),
               "settings": {"warmup_s": a.warmup, "duration_s": a.duration, "connections": conns,
                            "threads": a.threads, "keycloak": KC_VERSION,
                            "gatehouse_jvm_opts": a.jvm_opts or launcher_default_jvm_opts(),
                            "gatehouse_jvm_opts_source": "GATEHOUSE_SERVICE_JVM_OPTS" if a.jvm_opts else "launcher default",
                            "gatehouse_commit": subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                                                               capture_output=True, text=True).stdout.strip(),
                            "gatehouse_worktree_dirty": bool(subprocess.run(
                                ["git", "-C", REPO, "status", "--porcelain", "--", ":!bench"],
                                capture_output=True, text=True).stdout.strip())},
               "scenarios": [], "rss": {}, "start": {}}
    log("copying the packaged platform out of the work tree")
    checkout, built = snapshot(workdir)
    results["settings"]["gatehouse_jars_built_at"] = built
    gh = Gatehouse(workdir, a.port_base, a.jvm_opts, checkout)
    kc = None if a.no_keycloak else Keycloak(workdir, a.kc_port,
                                              os.path.join(BENCH, ".cache", f"keycloak-{KC_VERSION}"))
    stop = lambda *_: (gh.stop(), kc and kc.stop())
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        # Each system's first start does once-per-build work: Gatehouse's services write class-data archives when
        # they stop, Keycloak re-augments its Quarkus build. Both are timed, then the start measured against each
        # other is the next one, from a fresh database, as a deployment restarts.
        gh.start()
        gh_start = lambda: {"ready_line_s": round(gh.ready_line_s, 2), "discovery_s": round(gh.discovery_s, 2)}
        if gh.training:
            results["start"]["gatehouse_first"] = gh_start()
            log("first run of this build: stopping Gatehouse so its services write their class-data archives")
            gh.stop()
            gh.set_aside_state()
            gh.start()
        results["start"]["gatehouse"] = gh_start()
        if kc:
            kc.start()
            if kc.augmented:
                results["start"]["keycloak_first"] = {"ready_s": round(kc.ready_s, 2), "reaugmented": True}
                kc.stop()
                kc.start()
            results["start"]["keycloak"] = {"ready_s": round(kc.ready_s, 2), "reaugmented": kc.augmented}

        log("provisioning Gatehouse")
        gh_state = provision.gatehouse(gh.url)
        gh_state["_state_file"] = os.path.join(workdir, "gatehouse.json")
        json.dump(gh_state, open(gh_state["_state_file"], "w"), indent=1)
        kc_state = None
        if kc:
            log("provisioning Keycloak")
            kc_state = provision.keycloak(kc.url, "bench", *kc.admin)
            kc_state["_state_file"] = os.path.join(workdir, "keycloak.json")
            json.dump(kc_state, open(kc_state["_state_file"], "w"), indent=1)
        results["features"] = gh_state["features"]

        settle = 5 if a.quick else 15
        log(f"idle {settle} s, then RSS")
        time.sleep(settle)
        results["rss"]["idle"] = {"gatehouse": procs.memory(gh.tree()), **(
            {"keycloak": procs.memory(kc.tree())} if kc else {})}

        trees = {"gatehouse": gh.tree, **({"keycloak": kc.tree} if kc else {})}
        runner = Runner(a, workdir)
        if a.growth:
            import growth
            if kc:
                kc.stop()
            results["growth"] = growth.run(runner, gh, gh_state, a, {"gatehouse": gh.tree})
        else:
            for name, title in SCENARIOS:
                if name not in scenarios:
                    continue
                row = {"scenario": name, "title": title, "runs": []}
                for c in conns:
                    run = {"connections": c,
                           "gatehouse": run_scenario(runner, "gatehouse", name, gh_state, c, trees)}
                    if kc:
                        run["keycloak"] = run_scenario(runner, "keycloak", name, kc_state, c, trees)
                    row["runs"].append(run)
                results["scenarios"].append(row)
            time.sleep(2)
            results["rss"]["after_load"] = {"gatehouse": procs.memory(gh.tree()), **(
                {"keycloak": procs.memory(kc.tree())} if kc else {})}
        results["machine"]["loadavg_end"] = open("/proc/loadavg").read().split()[:3]
    finally:
        if not a.keep_running:
            stop()
            # The embedded database of a run is throw-away (up to ~1 GB after growth), so is the copy of the
            # platform; the logs stay.
            shutil.rmtree(os.path.join(gh.workdir, ".local-run", "pgdata"), ignore_errors=True)
            shutil.rmtree(checkout, ignore_errors=True)
    os.makedirs(os.path.join(BENCH, "results"), exist_ok=True)
    out = os.path.join(BENCH, "results", f"{mode}.json")
    with open(out, "w") as fh:
        json.dump(results, fh, indent=1)
    print(report.text(results))
    report.write_results_md()
    log(f"results: {out}; RESULTS.md: {os.path.join(BENCH, 'RESULTS.md')}")


if __name__ == "__main__":
    main()
