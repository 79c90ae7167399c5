"""``make hub``: a class on JupyterHub on this machine (docs/hub.md).

    python -m tools.hub start --instructor NAME --trainees A,B,... [--port 8000] [--state .hub]
    python -m tools.hub adduser --instructor NAME --trainees A,B,... [--home-base /home]
    python -m tools.hub deluser NAME ...

``start`` checks everything first (root, the proxy from npm, free ports, the accounts, an
interpreter the accounts can run) and says what to fix; only then it prepares ``--state``
and becomes JupyterHub (``exec``: its process id is the hub's; Ctrl+C or SIGTERM stops the
hub, which stops the proxy and every server it spawned). What it prepares:

* ``bundle/``: the trainee bundle (``python -m tools.bundle``) and ``trainee-site/``, kamlib
  installed from the bundle's wheel. Trainees' servers import kamlib from there and
  nothing of the repository (no kamgrade, no keys); their lectures are copied from the
  bundle into ``~/course`` on first spawn.
* ``exchange/``: nbgrader's exchange, shared by every account: the root ``1777`` (nbgrader
  needs o+rwx; the sticky bit stops anyone renaming another's entry), ``kamlab/`` owned by
  the instructor, ``inbound/`` ``3733`` (trainees can hand in but not list or read others'
  submissions, nor remove them), ``outbound/`` ``755``, ``feedback/`` ``711``. Collect is
  ``kamgrade.exchange.SafeCollect``: a submission folder that is a link, or owned by someone
  other than the trainee it names, is refused.
* the instructor's course: ``~INSTRUCTOR/kamlab``, a copy of ``exercises/`` (source, keys,
  config) made on first start, mode 700; the instructor's server loads its
  ``nbgrader_config.py``, so Formgrader lists its assignments and grading uses kamgrade.
* ``admin-token`` (mode 600): an API token of the ``kamlab-admin`` service (users, servers),
  for scripts such as ``benchmarks/hub_load.py``; the idle culler stops servers idle for
  ``--idle-timeout`` seconds.

Every account's server gets its hub user name as ``JUPYTERHUB_USER`` (kamlib's variants use
it, ``kamlib.checks.framework.trainee_id``), runs as that system account (nbgrader's
student id is the account name), and is bound to 127.0.0.1 like the hub and the proxy.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import sysconfig
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HUB = ROOT / "hub"
PROXY = HUB / "node_modules" / ".bin" / "configurable-http-proxy"
CONFIG = HUB / "jupyterhub_config.py"
DEFAULT_STATE = ROOT / ".hub"
COURSE_ID = "kamlab"
COURSE_FOLDER = "kamlab"  # the instructor's nbgrader course, in the instructor's home
#: What of exercises/ the instructor's course does not take (a class's own state).
COURSE_IGNORE = shutil.ignore_patterns("exchange", "submitted", "autograded", "feedback", "gradebook.db",
                                       "nbgrader.log", "review", ".grading-*", ".kamlab_secret",
                                       ".ipynb_checkpoints", "__pycache__", "review-*.csv", "grades.csv")
#: Server extensions and JupyterLab plugins a trainee has no use for (they would show
#: the trainee's home as a course).
TRAINEE_SERVER_CONFIG = {"ServerApp": {"jpserver_extensions": {
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
}}}
TRAINEE_PAGE_CONFIG = {"disabledExtensions": {
    "@jupyter/nbgrader:formgrader": True,
    "@jupyter/nbgrader:course-list": True,
    "@jupyter/nbgrader:create-assignment": True,
}}


class HubError(Exception):
    """Something to fix before the hub can start (said in plain words)."""


@dataclass
class Settings:
    state: str
    instructor: str
    trainees: list[str]
    port: int = 8000
    api_port: int = 0
    hub_port: int = 0
    idle_timeout: int = 3600
    proxy: str = str(PROXY)
    python: str = ""  # the interpreter every account's server runs (set by check())
    venv: str = sys.prefix
    repo: str = str(ROOT)
    extra: dict = field(default_factory=dict)

    # -- paths -----------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return Path(self.state)

    @property
    def exchange(self) -> Path:
        return self.path / "exchange"

    @property
    def bundle(self) -> Path:
        return self.path / "bundle"

    @property
    def trainee_site(self) -> Path:
        return self.path / "trainee-site"

    @property
    def bin(self) -> Path:
        return self.path / "bin"

    def config_dir(self, role: str) -> Path:
        return self.path / f"{role}-config"

    @property
    def admin_token_file(self) -> Path:
        return self.path / "admin-token"

    @property
    def venv_site(self) -> str:
        return sysconfig.get_paths(vars={"base": self.venv, "platbase": self.venv})["purelib"]

    @property
    def users(self) -> list[str]:
        return [self.instructor, *self.trainees]

    def home(self, user: str) -> Path:
        return Path(pwd.getpwnam(user).pw_dir)

    def course(self) -> Path:
        return self.home(self.instructor) / COURSE_FOLDER

    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- persistence -----------------------------------------------------------------------
    def save(self) -> None:
        (self.path / "hub.json").write_text(json.dumps(asdict(self), indent=2))

    @classmethod
    def load(cls, state: str | Path) -> Settings:
        return cls(**json.loads((Path(state) / "hub.json").read_text()))


# --- checks (nothing is started or written before all pass) ---------------------------------

def port_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _reachable(path: Path) -> bool:
    """Can every account run ``path`` (o+x on it and o+x on every folder above it)?"""
    try:
        real = path.resolve(strict=True)
    except OSError:
        return False
    return all(os.stat(p).st_mode & stat.S_IXOTH for p in [real, *real.parents])


def user_python(state: Path) -> Path:
    """The interpreter every account's server runs: this project's own Python (the .venv's
    packages are compiled for it and come through PYTHONPATH). Where its files sit in a
    folder other accounts cannot enter (a Python built under /root), it is copied into
    ``state/python`` (:func:`copy_runtime`, in prepare) and run from there."""
    base = Path(getattr(sys, "_base_executable", sys.executable)).resolve()
    if _reachable(base):
        return base
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    stdlib = Path(sys.base_prefix) / "lib" / f"python{version}"
    if not (stdlib / "os.py").exists():
        raise HubError(f"this Python ({base}) is not reachable by other accounts and its standard library "
                       f"is not at {stdlib} to copy; run make hub with a Python installed system-wide "
                       f"(make clean-venv && make hub PYTHON=/usr/local/bin/python{version})")
    return Path(state) / "python" / "bin" / f"python{version}"


def copy_runtime(settings: Settings) -> None:
    """This Python's interpreter, shared library and standard library into ``state/python``
    (about 60 MB, once), readable by every account."""
    target = Path(settings.python).parent.parent
    if not target.is_relative_to(settings.path) or Path(settings.python).exists():
        return
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    base = Path(sys.base_prefix)
    staging = target.with_name("python.partial")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "bin").mkdir(parents=True)
    shutil.copy2(Path(getattr(sys, "_base_executable", sys.executable)).resolve(), staging / "bin" / f"python{version}")
    (staging / "lib").mkdir()
    for library in (base / "lib").glob(f"libpython{version}*.so*"):
        shutil.copy2(library, staging / "lib" / library.name, follow_symlinks=True)
    shutil.copytree(base / "lib" / f"python{version}", staging / "lib" / f"python{version}", symlinks=True,
                    ignore=shutil.ignore_patterns("site-packages", "test", "idlelib", "turtledemo", "tkinter"))
    (staging / "lib" / f"python{version}" / "site-packages").mkdir()
    for path in [staging, *staging.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or path.parent.name == "bin" else 0o644)
    staging.rename(target)


def runtime_env(settings: Settings) -> dict[str, str]:
    """LD_LIBRARY_PATH for a copied interpreter (its RUNPATH names the original's folder)."""
    lib = Path(settings.python).parent.parent / "lib"
    if Path(settings.python).is_relative_to(settings.path) and any(lib.glob("libpython*")):
        return {"LD_LIBRARY_PATH": str(lib)}
    return {}


def check_proxy(proxy: Path) -> None:
    if not proxy.exists():
        raise HubError(
            f"configurable-http-proxy not found at {proxy}. `make hub` installs it with npm into "
            "hub/node_modules (install Node.js and npm first: apt-get install nodejs npm)"
        )
    if shutil.which("node") is None:
        raise HubError("configurable-http-proxy needs Node.js: apt-get install nodejs")


def install_proxy() -> Path:
    """configurable-http-proxy from npm into hub/node_modules (the lock file's version)."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise HubError("Node.js and npm are needed for configurable-http-proxy: apt-get install nodejs npm")
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HUB,
                          capture_output=True, text=True)
    if done.returncode != 0 or not PROXY.exists():
        raise HubError(f"npm could not install configurable-http-proxy into {HUB / 'node_modules'}:\n"
                       f"{done.stdout[-1500:]}{done.stderr[-1500:]}")
    return PROXY


def check_users(names: list[str]) -> None:
    missing = [n for n in names if not user_exists(n)]
    if missing:
        raise HubError(f"no system account {', '.join(map(repr, missing))}: create them first with "
                       f"`make hub-users` (python -m tools.hub adduser), or name existing accounts")
    if len(set(names)) != len(names):
        raise HubError("a name is given twice (the instructor cannot also be a trainee)")


def user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def check(settings: Settings) -> Settings:
    """Everything that must hold before anything starts; fills in ports and the interpreter."""
    check_proxy(Path(settings.proxy))
    for name, port in (("--port", settings.port), ("the proxy's API port", settings.api_port),
                       ("the hub's own port", settings.hub_port)):
        if port and not port_free(port):
            raise HubError(f"port {port} ({name}) on 127.0.0.1 is already in use: stop what uses it "
                           f"(ss -ltnp 'sport = :{port}') or choose another (make hub HUB_PORT=...)")
    if os.geteuid() != 0:
        raise HubError("the hub runs each account's server as that account, so it must run as root "
                       "(sudo make hub ...)")
    check_users(settings.users)
    settings.api_port = settings.api_port or free_port()
    settings.hub_port = settings.hub_port or free_port()
    settings.python = str(user_python(settings.path))
    return settings


# --- accounts -------------------------------------------------------------------------------

def add_users(names: list[str], home_base: Path | None = None) -> dict[str, str]:
    """Create system accounts with random passwords (name -> password). Refuses, creating
    none, when any of them exists already."""
    if os.geteuid() != 0 or shutil.which("useradd") is None:
        raise HubError("creating system accounts needs root and useradd")
    taken = [n for n in names if user_exists(n)]
    if taken:
        raise HubError(f"account {', '.join(map(repr, taken))} already exists: nothing was created. "
                       "Use existing accounts with `make hub` as they are, or choose other names")
    made, passwords = [], {}
    try:
        for name in names:
            command = ["useradd", "--create-home", "--shell", "/bin/bash"]
            if home_base is not None:
                command += ["--home-dir", str(Path(home_base) / name)]
            done = subprocess.run([*command, name], capture_output=True, text=True)
            if done.returncode != 0:
                raise HubError(f"useradd {name} failed: {done.stderr.strip()}")
            made.append(name)
            # A classmate must not read your notebooks (Debian's default home is 755).
            os.chmod(pwd.getpwnam(name).pw_dir, 0o700)
            passwords[name] = secrets.token_urlsafe(12)
            subprocess.run(["chpasswd"], input=f"{name}:{passwords[name]}\n", text=True, check=True,
                           capture_output=True)
    except BaseException:
        remove_users(made)
        raise
    return passwords


def remove_users(names: list[str]) -> None:
    for name in names:
        if user_exists(name):
            subprocess.run(["userdel", "--remove", name], capture_output=True)


def pids_of(user: str) -> list[int]:
    """Processes running as ``user`` (an account made for a class or a test: what it runs, it runs because the hub or the test started it)."""
    try:
        uid = pwd.getpwnam(user).pw_uid
    except KeyError:
        return []
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            line = next((x for x in status.splitlines() if x.startswith("Uid:")), "")
            if line.split()[1:2] == [str(uid)]:
                pids.append(int(entry.name))
    return pids


def end_processes_of(users: list[str]) -> list[int]:
    """Stop, by process id, whatever a test account still runs (a server the hub did not stop)."""
    ended = []
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = [p for u in users for p in pids_of(u)]
        for pid in pids:
            try:
                os.kill(pid, sig)
                ended.append(pid)
            except ProcessLookupError:
                pass
        if not pids:
            break
        time.sleep(1.5)
    return ended


# --- what the hub's accounts run ---------------------------------------------------------------

def user_env(settings: Settings, user: str) -> dict[str, str]:
    """The environment of ``user``'s server (and of commands run as that account): kamlib
    from the bundle for trainees, the repository (kamgrade, keys) for the instructor."""
    venv = Path(settings.venv)
    instructor = user == settings.instructor
    role = "instructor" if instructor else "trainee"
    first = settings.repo if instructor else str(settings.trainee_site)
    env = {
        "PATH": f"{settings.bin}:/usr/local/bin:/usr/bin:/bin",
        "PYTHONPATH": os.pathsep.join([first, settings.venv_site]),
        "JUPYTER_PATH": str(venv / "share" / "jupyter"),
        "JUPYTERLAB_DIR": str(venv / "share" / "jupyter" / "lab"),
        "JUPYTER_CONFIG_PATH": os.pathsep.join([str(settings.config_dir(role)), str(venv / "etc" / "jupyter")]),
        "KAMLAB_EXCHANGE": str(settings.exchange),
        "LANG": "C.UTF-8",
        **runtime_env(settings),
    }
    if instructor:
        env["KAMLAB_COURSE"] = str(settings.course())
    else:
        env["KAMLAB_NO_KEYS"] = "1"
    return env


def prepare(settings: Settings) -> None:
    """Write the state folder (after check()): bundle, trainee site, configs, exchange,
    the instructor's course, wrappers, the admin token."""
    from tools import bundle

    state = settings.path
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o755)  # every account reaches bundle/, exchange/, the configs
    copy_runtime(settings)
    bundle.build(settings.bundle)
    _install_trainee_site(settings)
    _write_configs(settings)
    _make_exchange(settings)
    _make_course(settings)
    _write_wrappers(settings)
    if not settings.admin_token_file.exists():
        settings.admin_token_file.touch(mode=0o600)
        settings.admin_token_file.write_text(secrets.token_hex(32))
    settings.save()


def _install_trainee_site(settings: Settings) -> None:
    site = settings.trainee_site
    if site.exists():
        shutil.rmtree(site)
    (wheel,) = sorted((settings.bundle / "wheels").glob("kamlib-*.whl"))
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-compile",
                           "--target", str(site), str(wheel)], capture_output=True, text=True)
    if done.returncode != 0:
        raise HubError(f"installing {wheel.name} for the trainees failed:\n{done.stderr[-2000:]}")
    for path in [site, *site.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def _write_configs(settings: Settings) -> None:
    trainee = settings.config_dir("trainee")
    instructor = settings.config_dir("instructor")
    for folder in (trainee, instructor, trainee / "labconfig"):
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o755)
    (trainee / "nbgrader_config.py").write_text(
        '"""nbgrader for a trainee of the KAM Lab hub (written by python -m tools.hub)."""\n'
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.Exchange.root = {str(settings.exchange)!r}\n"
    )
    (trainee / "jupyter_server_config.json").write_text(json.dumps(TRAINEE_SERVER_CONFIG, indent=2))
    (trainee / "labconfig" / "page_config.json").write_text(json.dumps(TRAINEE_PAGE_CONFIG, indent=2))
    (instructor / "nbgrader_config.py").write_text(
        '"""nbgrader for the instructor of the KAM Lab hub: the course in ~/kamlab (its own\n'
        'config: kamgrade\'s grading, SafeCollect), the shared exchange from KAMLAB_EXCHANGE."""\n'
        "import os\n\n"
        "c = get_config()  # noqa: F821\n"
        "load_subconfig(os.path.join(os.environ['KAMLAB_COURSE'], 'nbgrader_config.py'))  # noqa: F821\n"
    )
    for path in (*trainee.rglob("*"), *instructor.rglob("*")):
        if path.is_file():
            path.chmod(0o644)


def _make_exchange(settings: Settings) -> None:
    """nbgrader's multi-user exchange: made here, owned by the instructor where nbgrader
    expects the releaser to own it, so a trainee cannot create or replace any of it first."""
    user = pwd.getpwnam(settings.instructor)
    root = settings.exchange
    root.mkdir(exist_ok=True)
    os.chown(root, 0, 0)
    root.chmod(0o1777)
    course = root / COURSE_ID
    for path, mode in ((course, 0o755), (course / "outbound", 0o755), (course / "inbound", 0o3733),
                       (course / "feedback", 0o711)):
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            raise HubError(f"{path} is not a folder: remove it")
        path.mkdir(exist_ok=True)
        os.chown(path, user.pw_uid, user.pw_gid)
        path.chmod(mode)


def _make_course(settings: Settings) -> None:
    user = pwd.getpwnam(settings.instructor)
    course = settings.course()
    if not course.exists():
        shutil.copytree(ROOT / "exercises", course, ignore=COURSE_IGNORE)
        for path in [course, *course.rglob("*")]:
            os.chown(path, user.pw_uid, user.pw_gid, follow_symlinks=False)
    course.chmod(0o700)  # source/, keys/, the gradebook and submissions: the instructor's only
    place_lectures(settings, settings.instructor)


def place_lectures(settings: Settings, user: str) -> None:
    """The bundle's lectures into ``~user/course`` once (the trainee's own copies after that)."""
    entry = pwd.getpwnam(user)
    target = Path(entry.pw_dir) / "course"
    if target.exists() or target.is_symlink():
        return
    shutil.copytree(settings.bundle / "course", target)
    for path in [target, *target.rglob("*")]:
        os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)


def _write_wrappers(settings: Settings) -> None:
    """bin/python, bin/nbgrader, bin/jupyter, bin/alembic: the hub's interpreter for every
    account's terminal and for nbgrader's own subprocesses."""
    settings.bin.mkdir(exist_ok=True)
    settings.bin.chmod(0o755)
    for name, module in (("python", None), ("nbgrader", "nbgrader"), ("jupyter", "jupyter"),
                         ("alembic", "alembic")):  # nbgrader runs alembic for the gradebook
        run = f'exec {settings.python} "$@"' if module is None else f'exec {settings.python} -m {module} "$@"'
        path = settings.bin / name
        path.write_text(f"#!/bin/sh\n{run}\n")
        path.chmod(0o755)


def as_user(settings: Settings, user: str, *command: str, cwd: Path | None = None,
            timeout: float = 600, **extra_env: str) -> subprocess.CompletedProcess:
    """Run ``command`` as ``user`` with that account's hub environment (runuser)."""
    env = {**user_env(settings, user), "HOME": str(settings.home(user)), "USER": user, **extra_env}
    return subprocess.run([shutil.which("runuser") or "runuser", "-u", user, "--", *command],
                          cwd=cwd or settings.home(user), env=env, capture_output=True, text=True,
                          timeout=timeout)


def hub_command(settings: Settings) -> list[str]:
    return [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)]


def hub_env(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env["KAMLAB_HUB_STATE"] = str(settings.path)
    # The proxy's script starts with `#!/usr/bin/env node`.
    node = shutil.which("node")
    if node:
        env["PATH"] = f"{Path(node).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


# --- command line ------------------------------------------------------------------------------

def _names(text: str) -> list[str]:
    return [n.strip() for n in text.split(",") if n.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.hub", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("start", help="check, prepare the state folder, run JupyterHub")
    start.add_argument("--state", type=Path, default=DEFAULT_STATE)
    start.add_argument("--port", type=int, default=8000)
    start.add_argument("--instructor", required=True)
    start.add_argument("--trainees", required=True, help="comma-separated account names")
    start.add_argument("--idle-timeout", type=int, default=3600, help="seconds (idle culler)")
    start.add_argument("--proxy", type=Path, default=PROXY)
    start.add_argument("--spawn-limit", type=int, default=50,
                       help="servers starting at once; more wait their turn (0: no limit)")
    start.add_argument("--server-arg", action="append", default=[], dest="server_args",
                       help="an extra argument of every account's server (repeatable)")
    add = sub.add_parser("adduser", help="create the class's system accounts (random passwords)")
    add.add_argument("--instructor", default="")
    add.add_argument("--trainees", default="")
    add.add_argument("--home-base", type=Path, default=None)
    add.add_argument("--passwords", type=Path, default=None, help="write name:password lines here (mode 600)")
    delete = sub.add_parser("deluser", help="remove system accounts (and their homes)")
    delete.add_argument("names", nargs="+")
    args = parser.parse_args(argv)
    try:
        if args.command == "adduser":
            names = _names(args.instructor) + _names(args.trainees)
            if not names:
                raise HubError("name at least one account (--instructor, --trainees)")
            passwords = add_users(names, args.home_base)
            lines = "".join(f"{n}:{p}\n" for n, p in passwords.items())
            if args.passwords:
                args.passwords.touch(mode=0o600)
                args.passwords.write_text(lines)
                print(f"{len(names)} accounts created; passwords in {args.passwords}")
            else:
                print(f"{len(names)} accounts created (name:password):\n{lines}", end="")
            return 0
        if args.command == "deluser":
            remove_users(args.names)
            return 0
        settings = Settings(state=str(args.state.resolve()), instructor=args.instructor,
                            trainees=_names(args.trainees), port=args.port, idle_timeout=args.idle_timeout,
                            proxy=str(args.proxy), extra={"server_args": args.server_args,
                                                                "spawn_limit": args.spawn_limit})
        check(settings)
        prepare(settings)
    except HubError as error:
        print(f"make hub: {error}", file=sys.stderr)
        return 2
    print(f"\nKAM Lab on JupyterHub: {settings.url()}  (instructor {settings.instructor}, "
          f"{len(settings.trainees)} trainees; state in {settings.path})\n", flush=True)
    command = hub_command(settings)
    os.chdir(settings.path)
    os.execve(command[0], command, hub_env(settings))


if __name__ == "__main__":
    sys.exit(main())
