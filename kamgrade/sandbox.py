"""The grading kernel in a box: bubblewrap, resource limits, no network, a private folder.

:class:`SandboxKernelManager` starts each kernel as

    prlimit (memory, processes, file size, CPU time, open files)
    bwrap (no network; its own pid, ipc and uts namespaces)
    [setpriv to a uid of its own, when the grader is root]

* The file system is read-only; ``/tmp``, the grader's home, the course folder
  (``source/``, ``keys/``, the gradebook, every other trainee), the repository's
  ``exercises/``, ``solutions/`` and ``kamgrade/`` are hidden.
* The kernel's working folder is a size-limited tmpfs at the submission's path,
  holding read-only copies of the submission's regular files: nothing the kernel
  writes reaches the course, and there is nothing to link through.
* The kernel talks to the grader over Unix sockets in a private folder (``ipc``
  transport), so it needs no network at all.
* The environment is cleared: ``PYTHONSAFEPATH`` keeps the working folder off
  ``sys.path`` (with ``IPKernelApp.ignore_cwd``), so a copy of kamlib shipped beside
  the notebook is never imported by accident; ``KAMLAB_TRAINEE`` is the student id
  nbgrader grades.

Exceeding a limit kills the kernel or fails the trainee's code; the grader reports
the submission *ungraded* with the reason (:mod:`kamgrade.execute`).
"""

from __future__ import annotations

import functools
import glob
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Integer, List, Unicode

from kamgrade.submission import inspect_tree

__all__ = ["sandbox_available", "SandboxKernelManager", "LIMITS", "REPO"]

REPO = Path(__file__).resolve().parents[1]

#: The limits and why (docs/instructor.md repeats them).
LIMITS = {
    # an ipykernel with kamlib, matplotlib, pandas and networkx maps ~1.3 GB of address space
    "memory_bytes": 3 * 2**30,
    # ipykernel runs ~10 threads, which count as processes
    "processes": 128,
    # no exercise writes more than a small export; a 1 GiB file is refused
    "file_bytes": 64 * 2**20,
    # the working folder and /tmp together
    "scratch_bytes": 256 * 2**20,
    "cpu_seconds": 300,
    "open_files": 512,
}


@functools.lru_cache(maxsize=1)
def sandbox_available() -> str | None:
    """None when bubblewrap can start a sandbox here, else why not."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return "bwrap (bubblewrap) is not installed (apt-get install bubblewrap)"
    probe = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all",
             "--die-with-parent", "true"]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"bwrap could not run: {err}"
    return None if done.returncode == 0 else f"bwrap cannot create a sandbox here: {done.stderr.strip()}"


def _user_tasks(uid: int) -> int:
    """Processes and threads of ``uid`` now (what RLIMIT_NPROC counts)."""
    count = 0
    for status in glob.glob("/proc/[0-9]*/status"):
        try:
            text = Path(status).read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if int(fields.get("Uid", "-1").split()[0]) == uid:
            count += int(fields.get("Threads", "1").strip() or 1)
    return count


class SandboxKernelManager(AsyncKernelManager):
    """Starts the kernel inside bubblewrap with limits (see the module docstring)."""

    sandbox = Bool(True, help="Run the kernel under bubblewrap (refuse to grade when bwrap fails).").tag(config=True)
    hide = List(Unicode(), help="Folders (or files) the kernel must not see.").tag(config=True)
    memory_bytes = Integer(LIMITS["memory_bytes"]).tag(config=True)
    processes = Integer(LIMITS["processes"]).tag(config=True)
    file_bytes = Integer(LIMITS["file_bytes"]).tag(config=True)
    scratch_bytes = Integer(LIMITS["scratch_bytes"]).tag(config=True)
    cpu_seconds = Integer(LIMITS["cpu_seconds"]).tag(config=True)
    trainee = Unicode("", help="The student id whose submission runs (set per notebook).")
    submission = Unicode("", help="The folder whose regular files the kernel sees (set per notebook).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._private = Path(tempfile.mkdtemp(prefix="kamlab-kernel-"))
        self._uid = None
        if self.sandbox:
            self.transport = "ipc"
            self.connection_file = str(self._private / "connection.json")
            self.ip = str(self._private / "kernel-ipc")
            if os.geteuid() == 0:  # root grades: the kernel runs as a uid of its own
                self._uid = 61000 + os.getpid() % 4000

    # --- the command -----------------------------------------------------------------------------

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        if not self.sandbox:
            return cmd
        problem = sandbox_available()
        if problem:
            raise RuntimeError(f"KAM Lab refuses to grade without its sandbox: {problem}. "
                               "Set KAMLAB_SANDBOX=off only to grade your own trusted notebooks.")
        self._prepare_private()
        return [*self._limit_args(), "sh", "-c", 'trap "" INT; exec "$0" "$@"', *self._bwrap_args(),
                *self._owner_args(), *cmd, "--IPKernelApp.ignore_cwd=True"]

    def _owner_args(self) -> list[str]:
        """As root, bwrap mounts with root's rights, then the kernel drops to a uid of its own
        (so the process limit holds: it does not apply to root)."""
        if self._uid is None:
            return []
        return ["setpriv", f"--reuid={self._uid}", f"--regid={self._uid}", "--clear-groups", "--inh-caps=-all", "--"]

    def _limit_args(self) -> list[str]:
        processes = self.processes if self._uid is not None else _user_tasks(os.getuid()) + self.processes
        return ["prlimit", f"--as={self.memory_bytes}", f"--nproc={processes}", f"--fsize={self.file_bytes}",
                f"--cpu={self.cpu_seconds}", f"--nofile={LIMITS['open_files']}", "--core=0", "--"]

    def _prepare_private(self) -> None:
        """The ipc sockets, connection file and matplotlib's font cache, owned by the kernel's uid."""
        mpl = self._private / "mpl"
        mpl.mkdir(exist_ok=True)
        try:
            import matplotlib

            for cache in Path(matplotlib.get_cachedir()).glob("fontlist-*.json"):
                shutil.copy(cache, mpl / cache.name)
        except Exception:  # no cache yet: the kernel builds its own in the scratch folder
            pass
        if self._uid is not None:
            for path in [self._private, *self._private.rglob("*")]:
                os.chown(path, self._uid, self._uid, follow_symlinks=False)

    def _bwrap_args(self) -> list[str]:
        cwd = Path(self._launch_args.get("cwd") or os.getcwd()).resolve()
        submission = Path(self.submission or cwd)
        hidden = [Path("/tmp"), Path.home().resolve(), Path("/root"), *(Path(p).resolve() for p in self.hide if p),
                  REPO / "exercises", REPO / "solutions", REPO / "kamgrade"]
        args = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
        done: list[Path] = []
        for path in hidden:
            if any(path == d or d in path.parents for d in done) or not path.exists():
                continue
            if path.is_dir():
                args += ["--perms", "1777" if path == Path("/tmp") else "0755"]
                args += ["--size", str(self.scratch_bytes)] if path == Path("/tmp") else []
                args += ["--tmpfs", str(path)]
            else:
                args += ["--ro-bind", "/dev/null", str(path)]
            done.append(path)
        for needed in sorted({Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), REPO / "kamlib",
                              *_python_path(hidden[3:])}):
            cover = next((d for d in done if d in needed.parents), None)
            if cover is not None:
                for parent in reversed(needed.parents):
                    if cover in parent.parents:
                        args += ["--perms", "0755", "--dir", str(parent)]
                args += ["--ro-bind", str(needed), str(needed)]
        args += ["--perms", "1777", "--size", str(self.scratch_bytes), "--tmpfs", str(cwd)]
        top = sorted({rel.split("/")[0] for rel in inspect_tree(submission).files}) if submission.is_dir() else []
        for name in top:  # the submission's own files, read-only; links were refused before
            args += ["--ro-bind", str(submission / name), str(cwd / name)]
        args += ["--bind", str(self._private), str(self._private), "--perms", "1777", "--dir", "/tmp/home",
                 "--clearenv"]
        env = {
            "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp/home",
            "LANG": "C.UTF-8", "TMPDIR": "/tmp", "PYTHONSAFEPATH": "1", "PYTHONDONTWRITEBYTECODE": "1",
            "MPLCONFIGDIR": str(self._private / "mpl"), "IPYTHONDIR": "/tmp/home/.ipython",
            "KAMLAB_TRAINEE": self.trainee or "unknown", "KAMLAB_NO_KEYS": "1",
            "KAMLAB_PROGRESS": "/tmp/home/progress.json", "NBGRADER_EXECUTION": "autograde",
            "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        }
        if os.environ.get("PYTHONPATH"):  # a grader whose packages are found through PYTHONPATH
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        if os.environ.get("LD_LIBRARY_PATH"):  # ... and its interpreter's libpython (JupyterHub, docs/hub.md)
            env["LD_LIBRARY_PATH"] = os.environ["LD_LIBRARY_PATH"]
        for name, value in env.items():
            args += ["--setenv", name, value]
        if self._uid is None:  # an unprivileged grader: bwrap needs a user namespace
            args += ["--unshare-all", "--cap-drop", "ALL"]
        else:
            args += ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                     "--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
        args += ["--die-with-parent", "--chdir", str(cwd), "--"]
        return args

    # --- clean up ----------------------------------------------------------------------------------

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self._private, ignore_errors=True)


def _python_path(secret: list[Path]) -> list[Path]:
    """The grader's PYTHONPATH folders the kernel must see to import its packages (a venv's
    site-packages under /tmp, say), leaving out any folder that holds something it must not see."""
    found = []
    for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep):
        path = Path(entry).resolve() if entry else None
        if path is None or not path.is_dir():
            continue
        if any(path == s or path in s.parents for s in secret):
            continue  # e.g. the repository itself: its kamlib is bound on its own
        found.append(path)
    return found
