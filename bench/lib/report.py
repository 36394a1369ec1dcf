#!/usr/bin/env python3
"""Renders bench results: the one table run.sh prints, and bench/RESULTS.md from bench/results/*.json.

  report.py render            re-render bench/RESULTS.md from the stored results
  report.py jmh RAW.json      store JMH's JSON output as results/jmh.json and re-render
  report.py print FILE.json   print the table of one stored run
"""
import json
import os
import sys

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS_DIR = os.path.join(BENCH, "results")


def fmt(x, digits=0):
    if x is None:
        return "—"
    return f"{x:,.{digits}f}"


def cell(side):
    """(req/s, p50, p99, note) of one side of one run."""
    if side is None:
        return "—", "—", "—", None
    if "na" in side:
        if side["na"] == "—":  # a Gatehouse-only scenario
            return "—", "—", "—", None
        return "n/a", "", "", side["na"]
    if "error" in side:
        return "error", "", "", side["error"][:160]
    note = None
    if side.get("non2xx"):
        statuses = ", ".join(f"{k}×{v}" for k, v in sorted(side.get("statuses", {}).items()))
        note = f"{side['non2xx']} non-2xx ({statuses}), not counted; first: {side.get('sample') or ''}"[:220]
    if side.get("inactive"):
        note = (note + "; " if note else "") + f"{side['inactive']} answers were active:false"
    if side.get("codes_ran_out_threads"):
        note = (note + "; " if note else "") + (
            f"ran out of codes ({side['codes_ran_out_threads']} wrk thread(s) stopped early after "
            f"{side.get('codes_sent')} codes): req/s is a lower bound")
    errs = {k: v for k, v in side.get("socket_errors", {}).items() if v}
    if errs:
        note = (note + "; " if note else "") + "socket errors " + ", ".join(f"{k} {v}" for k, v in errs.items())
    return fmt(side["ok_rps"]), fmt(side["p50_ms"], 1), fmt(side["p99_ms"], 1), note


def cpu_per_request(side, system):
    """CPU ms the system's own processes spent per answered request: steadier than req/s on a shared machine."""
    if not side or "cpu_seconds" not in side or not side.get("requests"):
        return "—"
    cpu = sum(v for k, v in side["cpu_seconds"].items() if k.startswith(system + "/"))
    return f"{1000 * cpu / side['requests']:.2f}"


def ratio(gh, kc):
    try:
        if gh.get("ok_rps") is not None and kc.get("ok_rps"):
            return f"{gh['ok_rps'] / kc['ok_rps']:.2f}x"
    except AttributeError:
        pass
    return "—"


def rows(results):
    out = []
    # A "_direct" row (Gatehouse without the local edge) is compared with Keycloak's run of the same scenario.
    keycloak = {(sc["scenario"], run["connections"]): run.get("keycloak")
                for sc in results.get("scenarios", []) for run in sc["runs"]}
    for sc in results.get("scenarios", []):
        for run in sc["runs"]:
            gh, kc = run.get("gatehouse"), run.get("keycloak")
            if sc["scenario"].endswith("_direct"):
                kc = keycloak.get((sc["scenario"][:-len("_direct")], run["connections"])) or kc
            g, k = cell(gh), cell(kc)
            notes = []
            if g[3]:
                notes.append("GH: " + g[3])
            if k[3] and not (gh and "na" in gh and kc and "na" in kc and g[3] == k[3]):
                notes.append("KC: " + k[3])
            out.append([sc["scenario"], str(run["connections"]), g[0], g[1], g[2], k[0], k[1], k[2],
                        ratio(gh or {}, kc or {}), cpu_per_request(gh, "gatehouse"),
                        cpu_per_request(kc, "keycloak"), " | ".join(notes)])
    return out


HEAD = ["scenario", "conns", "GH req/s", "GH p50 ms", "GH p99 ms", "KC req/s", "KC p50 ms", "KC p99 ms", "GH/KC",
        "GH CPU ms/req", "KC CPU ms/req"]
NOTE = len(HEAD)


def text(results):
    """The one table printed at the end of a run (notes under it, numbered)."""
    table = rows(results)
    lines, notes = [], []
    widths = [max(len(HEAD[i]), *(len(r[i]) for r in table)) if table else len(HEAD[i]) for i in range(len(HEAD))]
    widths.append(5)

    def line(values):
        return "  ".join(v.rjust(w) if i > 1 else v.ljust(w) for i, (v, w) in enumerate(zip(values, widths)))
    lines.append(line(HEAD + ["note"]))
    lines.append("-" * (sum(widths) + 2 * len(widths)))
    for r in table:
        mark = ""
        if r[NOTE]:
            if r[NOTE] not in notes:
                notes.append(r[NOTE])
            mark = f"[{notes.index(r[NOTE]) + 1}]"
        lines.append(line(r[:NOTE] + [mark]))
    for i, n in enumerate(notes, 1):
        lines.append(f"  [{i}] {n}")
    lines.append("")
    lines.extend(memory_lines(results))
    lines.extend(start_lines(results))
    if results.get("scenarios"):
        lines.extend(cpu_lines(results, md=False))
    return "\n".join(lines)


def memory_lines(results, md=False):
    rss = results.get("rss", {})
    out = []
    if not rss:
        return out
    if md:
        out += ["| process tree | when | RSS MB (sum of VmRSS) | PSS MB | breakdown (RSS MB) |", "|---|---|--:|--:|---|"]
    else:
        out.append("Memory (VmRSS summed over each process tree; PSS beside it):")
    for when in ("idle", "after_load"):
        for system, m in rss.get(when, {}).items():
            parts = ", ".join(f"{k} {v['rss_mb']:.0f}" + (f" ({v['processes']} procs)" if v["processes"] > 1 else "")
                              for k, v in sorted(m["components"].items(), key=lambda kv: -kv[1]["rss_mb"]))
            if md:
                out.append(f"| {system} | {when} | {m['rss_mb']:.0f} | {m['pss_mb']:.0f} | {parts} |")
            else:
                out.append(f"  {system:10s} {when:10s} RSS {m['rss_mb']:7.0f} MB  PSS {m['pss_mb']:7.0f} MB   {parts}")
    return out + [""]


def start_lines(results, md=False):
    st = results.get("start", {})
    out = []
    if not st:
        return out
    kc_name = f"Keycloak {results['settings'].get('keycloak')} start-dev (fresh H2 data)"
    # (label, seconds, how it was measured); a system's first start (once-per-build work) is listed before the one
    # the target compares. Older results have no separate first start: their Keycloak row says if it re-augmented.
    rows = []
    for key, label in (("gatehouse_first", "Gatehouse, first run of this build (the services write their class-data "
                                           "archives when they stop)"),
                       ("gatehouse", "Gatehouse (4 services + edge + embedded PostgreSQL, fresh data directory)")):
        if key in st:
            rows.append((label, st[key]["ready_line_s"],
                         f"to the ready line, {st[key]['discovery_s']:.1f} s to discovery answering"))
    for key in ("keycloak_first", "keycloak"):
        if key in st:
            augmented = st[key].get("reaugmented")
            label = kc_name + (", re-augmented its Quarkus build (first start, or build options changed)" if augmented
                               else ", build already augmented" if augmented is not None else "")
            rows.append((label, st[key]["ready_s"], "to /realms/master answering"))
    if md:
        out += ["| system | start → ready |", "|---|--:|"]
        out += [f"| {label} | {seconds:.1f} s {how} |" for label, seconds, how in rows]
    else:
        out.append("Start to ready:")
        out += [f"  {seconds:5.1f} s  {label} ({how})" for label, seconds, how in rows]
    return out + [""]


def cpu_lines(results, md=True):
    """Cores used per component during each measured run (CPU seconds / wall seconds)."""
    out = ["| scenario | conns | system | cores used by component during the measured run (CPU s / wall s) |",
           "|---|--:|---|---|"] if md else ["CPU cores used during the measured runs (CPU s / wall s; 'other "
                                             "processes' = the rest of the machine):"]
    for sc in results.get("scenarios", []):
        for run in sc["runs"]:
            for system in ("gatehouse", "keycloak"):
                side = run.get(system)
                if not side or "cpu_seconds" not in side:
                    continue
                wall = side.get("wall_seconds") or side.get("seconds") or 1
                parts = sorted(((k.split("/", 1)[-1], v / wall) for k, v in side["cpu_seconds"].items()
                                if (k.startswith(system + "/") or k in ("wrk", "other processes"))
                                and v / wall >= 0.01),
                               key=lambda kv: -kv[1])
                joined = ", ".join(f"{k} {v:.2f}" for k, v in parts)
                if md:
                    out.append(f"| {sc['scenario']} | {run['connections']} | {system} | {joined} |")
                else:
                    out.append(f"  {sc['scenario'][:26]:26s} {run['connections']:>3} {system:9s} {joined}")
    return out + [""]


PROFILE_KINDS = ("workers", "event loops", "jit", "gc+vm", "other")


def profile_lines(results):
    """For runs made with --profile: each JVM's CPU during the measured run by kind of thread, and its JIT share."""
    out = []
    for sc in results.get("scenarios", []):
        for run in sc["runs"]:
            for system in ("gatehouse", "keycloak"):
                threads = (run.get(system) or {}).get("profile", {}).get("threads", {})
                for jvm, kinds in threads.items():
                    total = sum(kinds.values())
                    if total < 0.5:
                        continue
                    out.append(f"| {sc['scenario']} | {run['connections']} | {jvm} | {total:.1f} | "
                               + " | ".join(f"{kinds.get(k, 0.0):.1f}" for k in PROFILE_KINDS)
                               + f" | {100 * kinds.get('jit', 0.0) / total:.0f} % |")
    if not out:
        return []
    return (["### JVM CPU by kind of thread (profiled with `--profile`)", "",
             "CPU seconds of each JVM that used at least 0.5 s during the measured run. The profiler itself costs "
             "throughput, so this run's req/s are not the table of record.", "",
             "| scenario | conns | JVM | CPU s | " + " | ".join(PROFILE_KINDS) + " | JIT share |",
             "|---|--:|---|--:|" + "--:|" * (len(PROFILE_KINDS) + 1)] + out + [""])


def http_section(results, title):
    s = results["settings"]
    m = results["machine"]
    out = [f"## {title}", "",
           f"- Date: {results['date']}; command: `{results['command']}`",
           f"- wrk {s['threads']} threads, warm-up {s['warmup_s']} s then measured {s['duration_s']} s per cell, "
           f"connections {', '.join(map(str, s['connections']))}, loopback; req/s counts 2xx answers only, "
           "p50/p99 are wrk's latency distribution of all answers.",
           f"- Gatehouse at commit {s.get('gatehouse_commit')}"
           + (" plus uncommitted work in progress of the other services" if s.get("gatehouse_worktree_dirty") else "")
           + f"; services' JVM options ({s.get('gatehouse_jvm_opts_source')}): `{s.get('gatehouse_jvm_opts')}`"
           + (("; jars built at " + ", ".join(f"{k} {v}" for k, v in s["gatehouse_jars_built_at"].items()))
              if s.get("gatehouse_jars_built_at") else ""),
           (f"- Keycloak {s['keycloak']} `start-dev` (H2, kc.sh's default JVM options: G1, -Xms64m -Xmx512m)"
            if "keycloak" in results.get("start", {}) else "- Keycloak not run (`--no-keycloak`)"),
           f"- Load average at start {' '.join(m.get('loadavg', []))}, at end {' '.join(m.get('loadavg_end', []))}",
           ""]
    table = rows(results)
    out.append("| " + " | ".join(HEAD) + " |")
    out.append("|" + "---|" * 2 + "--:|" * (len(HEAD) - 2))
    notes = []
    for r in table:
        mark = ""
        if r[NOTE]:
            if r[NOTE] not in notes:
                notes.append(r[NOTE])
            mark = f" [{notes.index(r[NOTE]) + 1}]"
        out.append("| " + " | ".join(r[:8]) + f" | {r[8]}{mark} | " + " | ".join(r[9:NOTE]) + " |")
    out.append("")
    for i, n in enumerate(notes, 1):
        out.append(f"{i}. {n}")
    out.append("")
    out += ["### Memory", ""] + memory_lines(results, md=True)
    out += ["### Start to ready", ""] + start_lines(results, md=True)
    out += ["### CPU during the measured runs", ""] + cpu_lines(results)
    out += profile_lines(results)
    return out


def growth_section(results):
    g = results.get("growth") or {}
    out = ["## Growth (bench/growth.sh)", "", f"- Date: {results['date']}; command: `{results['command']}`",
           f"- wrk {results['settings']['threads']} threads, {g.get('connections')} connections, warm-up "
           f"{results['settings']['warmup_s']} s, measured {results['settings']['duration_s']} s", ""]
    for note in g.get("notes", []):
        out.append(f"- {note}")
    out += ["", "| rows pre-loaded | scenario | GH req/s | p50 ms | p99 ms | note |", "|--:|---|--:|--:|--:|---|"]
    for step in g.get("steps", []):
        for name, side in step["runs"].items():
            c = cell(side)
            out.append(f"| {step['label']} | {name} | {c[0]} | {c[1]} | {c[2]} | {c[3] or ''} |")
    out.append("")
    for step in g.get("steps", []):
        if not step.get("explain"):
            continue
        out += [f"### Hot queries with {step['label']} rows", ""]
        for e in step["explain"]:
            out += [f"{e['title']}:", "", "```sql", e["sql"], "```", "", "```", e["plan"], "```", ""]
    return out


def jmh_section(jmh):
    out = ["## JWS primitives (JMH, jose4j) — the ceiling for the HTTP figures", "",
           f"- Date: {jmh['date']}; command: `{jmh['command']}`; {jmh.get('settings', '')}",
           "- One thread; on this 2-core machine shared with builds the error bars are wide: read the order of "
           "magnitude and the ratios, not the last digit.", "",
           "| algorithm | JCA provider | sign ops/s | verify ops/s |", "|---|---|--:|--:|"]
    by = {}
    for b in jmh["benchmarks"]:
        # Runs stored before the provider parameter existed used the JDK's providers.
        by.setdefault((b["algorithm"], b.get("provider", "JDK")), {})[b["op"]] = b
    for (alg, provider), ops in by.items():
        def v(op):
            b = ops.get(op)
            return f"{b['score']:,.0f} ± {b['error']:,.0f}" if b else "—"
        out.append(f"| {alg} | {provider} | {v('sign')} | {v('verify')} |")
    return out + [""]


def experiment_section(results_by_label):
    """Runs made with --label (e.g. the services' JVM options A/B): Gatehouse figures side by side."""
    out = ["## Experiments (`--label` runs)", "",
           "| label | services' JVM options | scenario | conns | GH req/s | p50 ms | p99 ms | GH CPU ms/req | "
           "busiest service CPU ms/req | warm-up / measured | other processes (cores) |",
           "|---|---|---|--:|--:|--:|--:|--:|--:|---|--:|"]
    for label, r in sorted(results_by_label.items()):
        s = r["settings"]
        for sc in r.get("scenarios", []):
            for run in sc["runs"]:
                gh = run.get("gatehouse") or {}
                c = cell(gh)
                cpu = {k: v for k, v in gh.get("cpu_seconds", {}).items() if k.startswith("gatehouse/")}
                busiest = max(cpu.items(), key=lambda kv: kv[1]) if cpu else None
                per = (f"{busiest[0].split('/', 1)[1]} {1000 * busiest[1] / gh['requests']:.2f}"
                       if busiest and gh.get("requests") else "—")
                other = gh.get("cpu_seconds", {}).get("other processes")
                wall = gh.get("wall_seconds") or 1
                out.append(f"| {label} | `{s.get('gatehouse_jvm_opts')}` | {sc['scenario']} | {run['connections']} | "
                           f"{c[0]} | {c[1]} | {c[2]} | {cpu_per_request(gh, 'gatehouse')} | {per} | "
                           f"{s['warmup_s']} s / {s['duration_s']} s | "
                           f"{'—' if other is None else f'{other / wall:.2f}'} |")
    return out + [""]


def load(name):
    path = os.path.join(RESULTS_DIR, name)
    if os.path.exists(path):
        with open(path) as fh:
            return json.load(fh)
    return None


def write_results_md():
    full, quick, growth, jmh = load("full.json"), load("quick.json"), load("growth.json"), load("jmh.json")
    # Quiet full runs, newest first: results/latest.json (renamed from its --label; the run it replaced is the labelled
    # results/session5.json), then --label final, then the issue-8 re-run of the changed scenarios after the
    # verified-token caches and the new launcher JVM options.
    latest, final, after = load("latest.json"), load("final.json"), load("after.json")
    first = full or quick or growth
    out = ["# Gatehouse vs Keycloak — benchmark results", "",
           "Generated by `bench/lib/report.py` from `bench/results/*.json` (each section says the command that "
           "produced it); the observations at the end are written by hand (`bench/observations.md`).", ""]
    if first:
        m = first["machine"]
        out += ["## Machine", "", f"- {m.get('uname')}, {m.get('cpu', '').strip()}, nproc {m.get('nproc')}, {m.get('wrk')}",
                "", "```", m.get("free", ""), "```", "", "```", m.get("java", ""), "```", "",
                "**Noise warning**: 2 cores shared by several developers' Maven builds and test runs while these "
                "numbers were taken; wrk runs on the same 2 cores as both servers. Expect ±20–30 % between runs; "
                "compare Gatehouse and Keycloak within one run, not across runs.", ""]
    if latest:
        out += http_section(latest, "Latest run, quiet machine (trained class-data archives, compile thresholds ×3; first start timed on its own)")
    if final:
        out += http_section(final, "Previous quiet run (trusted-proxies DNS fix, service-token and client caches)")
    if after:
        out += http_section(after, "After the issue-8 performance work (verified-token caches, launcher JVM options)")
    if full:
        out += http_section(full, "Full run" + (" (before the issue-8 performance work)" if after else ""))
    if quick:
        out += http_section(quick, "Quick smoke run (`--quick`: short warm-up and runs, numbers are indicative only)")
    if growth:
        out += growth_section(growth)
    if jmh:
        out += jmh_section(jmh)
    labelled = {}
    for name in sorted(os.listdir(RESULTS_DIR)) if os.path.isdir(RESULTS_DIR) else []:
        if name.endswith(".json") and name[:-5] not in ("full", "quick", "growth", "jmh", "after", "final", "latest"):
            r = load(name)
            # Only bench.py's HTTP runs; soak.sh's results/soak.json has another shape (summary, windows).
            if isinstance(r, dict) and "settings" in r and "scenarios" in r:
                labelled[name[:-5]] = r
    # A labelled run with Keycloak beside Gatehouse (e.g. one scenario measured on its own) gets its own table; runs of
    # Gatehouse alone (JVM-option A/B tests) share the Experiments table.
    side_by_side = {k: r for k, r in labelled.items() if "keycloak" in r.get("start", {})}
    for label, r in sorted(side_by_side.items()):
        out += http_section(r, f"Run `--label {label}`")
    experiments = {k: r for k, r in labelled.items() if k not in side_by_side}
    if experiments:
        out += experiment_section(experiments)
    obs = os.path.join(BENCH, "observations.md")
    if os.path.exists(obs):
        with open(obs) as fh:
            out += [fh.read().rstrip(), ""]
    with open(os.path.join(BENCH, "RESULTS.md"), "w") as fh:
        fh.write("\n".join(out))


def store_jmh(raw_path, command, settings):
    with open(raw_path) as fh:
        raw = json.load(fh)
    import datetime
    benchmarks = [{"algorithm": b["params"]["algorithm"], "provider": b["params"].get("provider", "JDK"),
                   "op": b["benchmark"].rsplit(".", 1)[1],
                   "score": b["primaryMetric"]["score"],
                   "error": b["primaryMetric"].get("scoreError") if b["primaryMetric"].get("scoreError") == b["primaryMetric"].get("scoreError") else 0.0}
                  for b in raw]
    os.makedirs(RESULTS_DIR, exist_ok=True)
    with open(os.path.join(RESULTS_DIR, "jmh.json"), "w") as fh:
        json.dump({"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "command": command,
                   "settings": settings, "benchmarks": benchmarks}, fh, indent=1)
    for b in benchmarks:
        print(f"  {b['algorithm']:6s} {b['provider']:4s} {b['op']:6s} {b['score']:12,.0f} ops/s  ± {b['error'] or 0:,.0f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["render"]:
        write_results_md()
    elif sys.argv[1:2] == ["jmh"]:
        store_jmh(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "bench/run.sh --jmh",
                  sys.argv[4] if len(sys.argv) > 4 else "")
        write_results_md()
    elif sys.argv[1:2] == ["print"]:
        with open(sys.argv[2]) as fh:
            print(text(json.load(fh)))
    else:
        sys.exit(__doc__)
