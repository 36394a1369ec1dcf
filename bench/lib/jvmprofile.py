"""Profiles the JVMs of the system under load during a measured run (bench/run.sh --profile).

async-profiler (tools.profiler:async-profiler, fetched from Maven Central by run.sh) is loaded into each running JVM
with `jcmd <pid> JVMTI.agent_load`, started before the measured run and stopped after it, writing one flame graph per
JVM. The itimer event needs no perf_events permission, so it works in containers too. Beside the flame graphs, the
CPU each JVM spent per kind of thread (/proc/<pid>/task) shows how much of a run went to compiling rather than
serving: on two cores a JVM that is still warming up competes with itself.
"""
import os
import re
import subprocess

import procs

# Thread names as HotSpot, Vert.x and Quarkus set them (/proc shows the first 15 characters).
THREAD_KINDS = (
    ("jit", re.compile(r"^C[12] CompilerThre|^Sweeper thread")),
    ("gc+vm", re.compile(r"^VM Thread|^GC Thread|^G1 |^VM Periodic|^Service Thread")),
    ("event loops", re.compile(r"^vert\.x-eventloo")),
    ("workers", re.compile(r"^executor-thread")),
)


def jvms(pids):
    """{component: pid} of the Java processes among pids (the launcher with its edge, each service, Keycloak)."""
    out = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/comm") as fh:
                if fh.read().strip() != "java":
                    continue
        except OSError:
            continue
        name = procs.component(pid)
        if name:
            out[name] = pid
    return out


def thread_kind(name):
    for kind, pattern in THREAD_KINDS:
        if pattern.search(name):
            return kind
    return "other"


def thread_cpu(pid):
    """{tid: (kind of thread, CPU seconds so far)} of one process."""
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as fh:
                name = fh.read().strip()
        except OSError:
            continue
        secs = procs.cpu_seconds(f"/proc/{pid}/task/{tid}/stat")
        if secs is not None:
            out[tid] = (thread_kind(name), secs)
    return out


def cpu_by_kind(before, after):
    """CPU seconds per kind of thread between two thread_cpu() readings, thread by thread: Quarkus ends idle worker
    threads and starts new ones, so a sum per kind could go down. A thread that ended in between is not counted."""
    out = {}
    for tid, (kind, secs) in after.items():
        out[kind] = out.get(kind, 0.0) + secs - before.get(tid, (kind, 0.0))[1]
    return {kind: round(secs, 2) for kind, secs in sorted(out.items())}


def _agent(pid, lib, command):
    """One async-profiler command through the attach API; jcmd wants the comma-separated options quoted."""
    done = subprocess.run(["jcmd", str(pid), "JVMTI.agent_load", lib, f'"{command}"'],
                          capture_output=True, text=True, timeout=60)
    return done.returncode == 0 and "return code: 0" in done.stdout


class Session:
    """Profiles every JVM of one system's process tree for the span of one measured run."""

    def __init__(self, lib, out_dir, label, system, pids):
        self.lib = lib
        self.out_dir = out_dir
        self.label = label
        self.system = system
        self.targets = jvms(pids)
        self.before = {}
        self.failed = []

    def start(self):
        os.makedirs(self.out_dir, exist_ok=True)
        for name, pid in self.targets.items():
            if not _agent(pid, self.lib, "start,event=itimer,interval=10ms"):
                self.failed.append(f"{self.system}/{name}")
            self.before[name] = thread_cpu(pid)

    def stop(self):
        """{"threads": {system/component: {kind: CPU s}}, "flamegraphs": [paths], "failed": [...]}"""
        threads, graphs = {}, []
        for name, pid in self.targets.items():
            jvm = f"{self.system}/{name}"
            threads[jvm] = cpu_by_kind(self.before.get(name, {}), thread_cpu(pid))
            path = os.path.join(self.out_dir, f"{self.label}-{self.system}-{name}.html")
            if jvm not in self.failed and _agent(pid, self.lib, f"stop,file={path}"):
                graphs.append(os.path.relpath(path, os.path.dirname(self.out_dir)))
        return {"threads": threads, "flamegraphs": graphs, "failed": self.failed}


def summary(threads):
    """One line per JVM: its CPU seconds per kind of thread, and the share that went to the JIT compilers."""
    lines = []
    for jvm, kinds in threads.items():
        total = sum(kinds.values())
        if total < 0.05:
            continue
        parts = ", ".join(f"{k} {v:.1f}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]) if v >= 0.05)
        lines.append(f"{jvm}: {total:.1f} CPU s ({parts}); JIT {100 * kinds.get('jit', 0.0) / total:.0f} %")
    return lines
