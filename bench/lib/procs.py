"""Process trees, memory and CPU from /proc (Linux only, no dependencies).

RSS is VmRSS from /proc/<pid>/status summed over a process tree, as asked; PSS (smaps_rollup) is reported beside it
because PostgreSQL's backends share its buffers, which a plain RSS sum counts once per backend.
"""
import os

SERVICES = ("registration-service", "authorization-service", "token-service", "resource-service")
TICK = os.sysconf("SC_CLK_TCK")


def children_map():
    kids = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            kids.setdefault(ppid, []).append(int(entry))
        except (OSError, ValueError):
            pass
    return kids


def tree(root):
    """root and every descendant still alive."""
    kids, out, todo = children_map(), [], [root]
    while todo:
        pid = todo.pop()
        if os.path.exists(f"/proc/{pid}"):
            out.append(pid)
            todo.extend(kids.get(pid, []))
    return out


def component(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read().replace(b"\0", b" ").decode("utf-8", "replace")
        with open(f"/proc/{pid}/comm") as fh:
            comm = fh.read().strip()
    except OSError:
        return None
    for service in SERVICES:
        if f"{service}/target/quarkus-app" in cmd:
            return service
    if "local-edge.jar" in cmd:
        return "edge+launcher"
    if comm.startswith("postgres") or "/bin/postgres" in cmd or "postgres:" in cmd:
        return "postgres"
    if "io.quarkus.bootstrap.runner.QuarkusEntryPoint" in cmd or "keycloak" in cmd.lower() and comm == "java":
        return "keycloak-java"
    if comm in ("kc.sh", "bash", "sh"):
        return "kc.sh"
    return comm


def _kb(path, key):
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory(pids):
    """{"rss_mb", "pss_mb", "components": {name: {"rss_mb", "pss_mb", "processes"}}} over the given pids."""
    comps = {}
    for pid in pids:
        name = component(pid)
        if name is None:
            continue
        c = comps.setdefault(name, {"rss_mb": 0.0, "pss_mb": 0.0, "processes": 0})
        c["rss_mb"] += _kb(f"/proc/{pid}/status", "VmRSS:") / 1024
        c["pss_mb"] += _kb(f"/proc/{pid}/smaps_rollup", "Pss:") / 1024
        c["processes"] += 1
    for c in comps.values():
        c["rss_mb"], c["pss_mb"] = round(c["rss_mb"], 1), round(c["pss_mb"], 1)
    return {"rss_mb": round(sum(c["rss_mb"] for c in comps.values()), 1),
            "pss_mb": round(sum(c["pss_mb"] for c in comps.values()), 1), "components": comps}


def cpu_seconds(stat_path):
    """CPU seconds (user + system) so far of the process or thread whose /proc stat file this is; None once gone."""
    try:
        with open(stat_path) as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def cpu_by_component(pids):
    """CPU seconds (user + system) consumed so far, per component. Exited PostgreSQL backends are lost, which
    undercounts PostgreSQL slightly; its connections are pooled, so backends live as long as the services."""
    out = {}
    for pid in pids:
        secs = cpu_seconds(f"/proc/{pid}/stat")
        if secs is not None:
            name = component(pid)
            out[name] = out.get(name, 0.0) + secs
    return out


def machine_busy_seconds():
    """CPU seconds all CPUs spent not idle since boot (from /proc/stat)."""
    with open("/proc/stat") as fh:
        fields = [int(x) for x in fh.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    # guest time is already counted in user time
    return (sum(fields[:8]) - idle) / TICK
