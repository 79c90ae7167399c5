"""A class logging in at once: N trainees on a JupyterHub on this machine (run as root).

    sudo .venv/bin/python benchmarks/hub_load.py [--trainees 20] [--lecture course/lec02_key_accounts.ipynb]
                                                 [--json results.json]

Creates N trainee accounts and an instructor (homes in a temp folder), starts the hub with
``python -m tools.hub start`` (the proxy from npm, the trainee bundle), and with the hub's
admin token (its REST API):

1. one trainee alone: spawn the server, Run All of the lecture through a kernel (the baseline);
2. the N trainees at once: spawn every server, then Run All in every server's kernel at the
   same moment;

and reports spawn time and Run-All time (p50, p95, max; Run All against one trainee alone),
errors (cells that raised, servers that did not start), and memory per trainee (RSS of the
server and of its kernel, read from /proc while the kernels are alive). Then it stops the
hub by its process id, ends the accounts' processes and removes the accounts, also when
interrupted. Every server listens on 127.0.0.1; requests go nowhere else.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.hub import Settings, add_users, end_processes_of, free_port, remove_users  # noqa: E402
from tools.hubclient import HubClient, code_cells  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def rss_by_role(user: str) -> dict[str, float]:
    """MB of resident memory of ``user``'s server and kernel processes."""
    import pwd

    uid = str(pwd.getpwnam(user).pw_uid)
    found = {"server": 0.0, "kernel": 0.0, "other": 0.0}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("Uid", "").split()[:1] != [uid]:
            continue
        rss = int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
        role = "server" if "jupyterhub.singleuser" in cmdline else "kernel" if "ipykernel" in cmdline else "other"
        found[role] += rss
    return found


def machine_memory_mb() -> tuple[float, float]:
    info = dict(line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines())
    total = int(info["MemTotal"].split()[0]) / 1024
    available = int(info["MemAvailable"].split()[0]) / 1024
    return total, available


async def trainee_round(client: HubClient, user: str, cells: list[str]) -> dict:
    """Run All in ``user``'s server; the kernel is left running (memory is read after)."""
    record = {"user": user, "errors": []}
    try:
        kernel = await client.start_kernel(user)
        record["kernel"] = kernel
        start = time.monotonic()
        results = await client.run_cells(user, cells, kernel_id=kernel, stop_on_error=False)
        record["run_all_s"] = time.monotonic() - start
        record["errors"] += [r.error for r in results if r.error]
    except Exception as error:  # noqa: BLE001 - counted, reported
        record["errors"].append(f"{type(error).__name__}: {error}")
    return record


async def spawn(client: HubClient, user: str) -> dict:
    try:
        return {"user": user, "spawn_s": await client.spawn(user), "errors": []}
    except Exception as error:  # noqa: BLE001 - counted, reported
        return {"user": user, "errors": [f"spawn: {type(error).__name__}: {error}"]}


async def measure(client: HubClient, trainees: list[str], cells: list[str]) -> dict:
    alone, class_ = trainees[0], trainees[1:] or trainees
    solo_spawn = await spawn(client, alone)
    solo = await trainee_round(client, alone, cells)
    solo_memory = rss_by_role(alone)
    await client.shutdown_kernel(alone, solo.get("kernel", ""))
    await client.stop(alone)

    t0 = time.monotonic()
    spawns = await asyncio.gather(*(spawn(client, u) for u in class_))
    all_spawned_s = time.monotonic() - t0
    ready = [s["user"] for s in spawns if not s["errors"]]
    t0 = time.monotonic()
    rounds = await asyncio.gather(*(trainee_round(client, u, cells) for u in ready))
    all_ran_s = time.monotonic() - t0
    memory = {u: rss_by_role(u) for u in ready}
    total_mb, available_mb = machine_memory_mb()
    await asyncio.gather(*(client.shutdown_kernel(r["user"], r.get("kernel", "")) for r in rounds))
    await asyncio.gather(*(client.stop(u) for u in ready))
    return {"solo_spawn": solo_spawn, "solo": solo, "solo_memory": solo_memory, "spawns": spawns,
            "all_spawned_s": all_spawned_s, "rounds": rounds, "all_ran_s": all_ran_s, "memory": memory,
            "machine_total_mb": total_mb, "machine_available_mb_at_peak": available_mb}


def report(result: dict, trainees: int, lecture: str) -> dict:
    spawn_times = [s["spawn_s"] for s in result["spawns"] if "spawn_s" in s]
    run_times = [r["run_all_s"] for r in result["rounds"] if "run_all_s" in r]
    errors = [e for s in result["spawns"] for e in s["errors"]] + [e for r in result["rounds"] for e in r["errors"]]
    solo_run = result["solo"].get("run_all_s", float("nan"))
    servers = [m["server"] for m in result["memory"].values()]
    kernels = [m["kernel"] for m in result["memory"].values()]
    per_trainee = [m["server"] + m["kernel"] + m["other"] for m in result["memory"].values()]
    summary = {
        "trainees": trainees, "lecture": lecture, "cores": os.cpu_count(),
        "solo_spawn_s": round(result["solo_spawn"].get("spawn_s", float("nan")), 2),
        "solo_run_all_s": round(solo_run, 2),
        "spawn_p50_s": round(percentile(spawn_times, 0.5), 2), "spawn_p95_s": round(percentile(spawn_times, 0.95), 2),
        "spawn_max_s": round(max(spawn_times, default=float("nan")), 2),
        "all_spawned_s": round(result["all_spawned_s"], 2),
        "run_all_p50_s": round(percentile(run_times, 0.5), 2), "run_all_p95_s": round(percentile(run_times, 0.95), 2),
        "run_all_max_s": round(max(run_times, default=float("nan")), 2),
        "run_all_p50_vs_alone": round(percentile(run_times, 0.5) / solo_run, 1) if run_times else None,
        "all_ran_s": round(result["all_ran_s"], 2),
        "errors": len(errors), "error_examples": errors[:5],
        "server_rss_mb_median": round(statistics.median(servers), 1) if servers else None,
        "kernel_rss_mb_median": round(statistics.median(kernels), 1) if kernels else None,
        "per_trainee_rss_mb_median": round(statistics.median(per_trainee), 1) if per_trainee else None,
        "per_trainee_rss_mb_max": round(max(per_trainee), 1) if per_trainee else None,
        "solo_rss_mb": {k: round(v, 1) for k, v in result["solo_memory"].items()},
        "machine_total_mb": round(result["machine_total_mb"]),
        "machine_available_mb_at_peak": round(result["machine_available_mb_at_peak"]),
    }
    rows = [
        ("trainees at once", f"{trainees - 1 if trainees > 1 else 1} (+1 measured alone first), {summary['cores']} cores"),
        ("spawn, one alone", f"{summary['solo_spawn_s']} s"),
        ("spawn, all at once p50 / p95 / max", f"{summary['spawn_p50_s']} / {summary['spawn_p95_s']} / {summary['spawn_max_s']} s"),
        ("Run All, one alone", f"{summary['solo_run_all_s']} s"),
        ("Run All, all at once p50 / p95 / max", f"{summary['run_all_p50_s']} / {summary['run_all_p95_s']} / {summary['run_all_max_s']} s"
                                                 f" (p50 = {summary['run_all_p50_vs_alone']}x alone)"),
        ("errors", f"{summary['errors']}"),
        ("RSS per trainee, median (server + kernel)", f"{summary['per_trainee_rss_mb_median']} MB "
                                                      f"({summary['server_rss_mb_median']} + {summary['kernel_rss_mb_median']})"),
        ("machine memory available at peak", f"{summary['machine_available_mb_at_peak']} of {summary['machine_total_mb']} MB"),
    ]
    print(f"\nhub_load: {lecture}")
    print("| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    if errors:
        print("errors, first ones:", *errors[:5], sep="\n  ")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trainees", type=int, default=20, help="trainees in the class (>= 1)")
    parser.add_argument("--lecture", default="course/lec02_key_accounts.ipynb")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here too")
    parser.add_argument("--timeout", type=float, default=900, help="seconds for one spawn or one cell")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("hub_load: run as root (the hub spawns each trainee's server as that account)", file=sys.stderr)
        return 2
    lecture = ROOT / args.lecture
    cells = code_cells(json.loads(lecture.read_text()))
    base = Path(tempfile.mkdtemp(prefix="kamlab-load-"))
    base.chmod(0o755)
    (base / "homes").mkdir(mode=0o755)
    tag = uuid.uuid4().hex[:4]
    instructor = f"kl{tag}teach"
    trainees = [f"kl{tag}t{i:03d}" for i in range(1, args.trainees + 2)]  # +1: the one alone
    process = None
    try:
        add_users([instructor, *trainees], base / "homes")
        port = free_port()
        log = base / "hub.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "tools.hub", "start", "--state", str(base / "state"), "--port", str(port),
                 "--instructor", instructor, "--trainees", ",".join(trainees), "--spawn-limit", "0"],
                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the hub exited:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/hub/api", timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the hub did not answer:\n{log.read_text()[-3000:]}") from None
                time.sleep(0.5)
        settings = Settings.load(base / "state")
        client = HubClient(settings.url(), settings.admin_token_file.read_text().strip(), timeout=args.timeout)
        result = asyncio.run(measure(client, trainees, cells))
        summary = report(result, args.trainees + 1, args.lecture)
        if args.json:
            args.json.write_text(json.dumps(summary, indent=2) + "\n")
        return 0 if summary["errors"] == 0 else 1
    finally:
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        end_processes_of([instructor, *trainees])
        remove_users([instructor, *trainees])
        import shutil

        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
