"""Fixtures for the browser tests: a JupyterLab server on 127.0.0.1 serving a temp
copy of the course, and Debian's Chromium driven by Playwright.

Everything they write stays in temporary folders: the server, its kernels and Chromium
run with HOME, KAMLAB_PROGRESS, the Jupyter, IPython, matplotlib and XDG folders
under a temp folder, and the session fails if the real ``~/.kamlab`` changed.

Every test here is marked ``browser``. Without /usr/bin/chromium (or the playwright
package) they are skipped with the reason, and the run's summary says so in one line.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tools.lab import lab_command

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("KAMLAB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
HERE = Path(__file__).parent


def skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"Chromium not installed ({CHROMIUM} missing): apt-get install chromium"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright not installed: pip install -e '.[dev]'"
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    reason = skip_reason()
    for item in items:
        if Path(str(item.fspath)).is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter):
    skipped = [
        r for r in terminalreporter.stats.get("skipped", [])
        if "tests/browser/" in getattr(r, "nodeid", "")
    ]
    if skipped:
        reasons = sorted({str(r.longrepr[-1]) if isinstance(r.longrepr, tuple) else str(r.longrepr)
                          for r in skipped})
        terminalreporter.write_sep("!", f"BROWSER TESTS SKIPPED ({len(skipped)})", yellow=True)
        for reason in reasons:
            terminalreporter.write_line(f"  {reason.removeprefix('Skipped: ')}")


# --- server ------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_status(base_url: str, token: str, process: subprocess.Popen, log: Path,
                    timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited ({process.returncode}):\n{tail(log)}")
        try:
            request = urllib.request.Request(f"{base_url}/api/status",
                                             headers={"Authorization": f"token {token}"})
            with urllib.request.urlopen(request, timeout=5) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"JupyterLab did not answer /api/status in {timeout:.0f}s:\n{tail(log)}")


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def stop(process: subprocess.Popen, group: bool = False) -> None:
    """Stop a server we started, by its pid (or its own process group)."""
    if process.poll() is not None:
        return
    import signal

    send = (lambda sig: os.killpg(process.pid, sig)) if group else process.send_signal
    send(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        send(signal.SIGKILL)
        process.wait(timeout=10)


def lab_env(home: Path) -> dict[str, str]:
    """Per-run state in ``home`` (a temp folder): no saved workspace or user setting leaks
    in, and nothing the server, its kernels or the browser write reaches the real HOME
    (a self-check in a lecture records progress in ``KAMLAB_PROGRESS``)."""
    env = dict(os.environ)
    for name, sub in [
        ("JUPYTERLAB_SETTINGS_DIR", "user-settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("IPYTHONDIR", "ipython"),
        ("MPLCONFIGDIR", "matplotlib"),
        ("XDG_CACHE_HOME", "xdg-cache"),
        ("XDG_CONFIG_HOME", "xdg-config"),
        ("XDG_DATA_HOME", "xdg-data"),
    ]:
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / sub)
    env["HOME"] = str(home)
    env["KAMLAB_PROGRESS"] = str(home / ".kamlab" / "progress.json")
    env.pop("MPLBACKEND", None)
    return env


def snapshot(folder: Path) -> dict[str, tuple[int, int]] | None:
    """Every file under ``folder``: relative path -> (size, mtime in ns); None if absent."""
    if not folder.exists():
        return None
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="package", autouse=True)
def real_kamlab_untouched():
    """Fails if the real ~/.kamlab changed while the browser tests ran: JupyterLab, its
    kernels and Chromium must write into temp folders. The servers and the browser are
    package fixtures too, so they have stopped when this checks. (Another KAM Lab run
    on the same account at the same moment could change ~/.kamlab as well: the
    message lists what changed, so that can be told apart.)"""
    real = Path(os.path.expanduser("~")) / ".kamlab"
    before = snapshot(real)
    yield
    after = snapshot(real)
    assert after == before, (
        f"the browser tests' time changed {real} (before: {before}, after: {after}; now: "
        f"{(real / 'progress.json').read_text(errors='replace')[:2000] if (real / 'progress.json').exists() else '-'}); "
        "JupyterLab, its kernels and Chromium must run with HOME and KAMLAB_PROGRESS in a temp folder"
    )


def copy_course(target: Path) -> None:
    """What a trainee has: course/, the released exercises and nbgrader's config."""
    if (ROOT / "course").is_dir():
        shutil.copytree(ROOT / "course", target / "course",
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (target / "exercises").mkdir(exist_ok=True)
    if (ROOT / "exercises" / "release").is_dir():
        shutil.copytree(ROOT / "exercises" / "release", target / "exercises" / "release",
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    config = ROOT / "exercises" / "nbgrader_config.py"
    if config.exists():
        shutil.copy2(config, target / "exercises" / "nbgrader_config.py")
    extra = os.environ.get("KAMLAB_BROWSER_LECTURES")  # dev: draft lectures from elsewhere
    if extra:
        for path in sorted(Path().glob(extra) if not Path(extra).is_absolute()
                           else Path(extra).parent.glob(Path(extra).name)):
            (target / "course").mkdir(exist_ok=True)
            shutil.copy2(path, target / "course" / path.name)


class Lab:
    def __init__(self, base_url: str, token: str, root: Path, log: Path, home: Path):
        self.base_url, self.token, self.root, self.log, self.home = base_url, token, root, log, home

    @property
    def progress_file(self) -> Path:
        """Where the lab's kernels record self-check outcomes (KAMLAB_PROGRESS)."""
        return self.home / ".kamlab" / "progress.json"

    def url(self, path: str = "lab") -> str:
        return f"{self.base_url}/{path}?token={self.token}"

    def api(self, method: str, path: str):
        import json

        request = urllib.request.Request(f"{self.base_url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=15) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        for session in self.api("GET", "/api/sessions") or []:
            try:
                self.api("DELETE", f"/api/sessions/{session['id']}")
            except urllib.error.URLError:
                pass

    def restore(self, relative: str, original: Path) -> None:
        """Put a pristine copy of a notebook back (a failed attempt may have saved it)."""
        shutil.copy2(original, self.root / relative)


def start_lab(tmp_path_factory, language: str = "en"):
    """JupyterLab on 127.0.0.1 serving a temp copy of the course; ``language="zh"`` shows
    its menus in Chinese, as ``make lab-zh`` does (the zh-CN language pack)."""
    from tools.lab import language_arguments

    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    root = tmp_path_factory.mktemp(f"labroot-{language}")
    home = tmp_path_factory.mktemp(f"labhome-{language}")
    copy_course(root)
    port, token = free_port(), secrets.token_hex(16)
    log = home / "jupyterlab.log"
    command = lab_command(root, port, token, "--no-browser", "--LabApp.expose_app_in_browser=True",
                          *language_arguments(language, settings_root=home))
    env = {**lab_env(home), "KAMLAB_LANGUAGE": language}
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_for_status(base_url, token, process, log)
        yield Lab(base_url, token, root, log, home)
    finally:
        stop(process)


@pytest.fixture(scope="package")
def lab(tmp_path_factory):
    yield from start_lab(tmp_path_factory, "en")


@pytest.fixture(scope="package")
def lab_zh(tmp_path_factory):
    yield from start_lab(tmp_path_factory, "zh")


@pytest.fixture(scope="package")
def browser_context(tmp_path_factory):
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    home = tmp_path_factory.mktemp("chromium-home")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=False, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000}, timeout=60_000,
            env={**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"),
                 "XDG_CONFIG_HOME": str(home / "config")},
        )
        context.set_default_timeout(30_000)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    """Screenshots: a temp folder (its path is printed), or KAMLAB_ARTIFACTS when set."""
    folder = Path(os.environ["KAMLAB_ARTIFACTS"]) if os.environ.get("KAMLAB_ARTIFACTS") else \
        tmp_path_factory.mktemp("artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"browser screenshots: {folder}")
    return folder


@pytest.fixture(scope="package")
def pages(browser_context, lab):
    """One JupyterLab page shared by the tests, replaced after a failure."""
    from .jlab import Pages

    holder = Pages(browser_context, lab)
    yield holder
    holder.reset()


@pytest.fixture(scope="package")
def pages_zh(browser_context, lab_zh):
    """The same for the Chinese JupyterLab."""
    from .jlab import Pages

    holder = Pages(browser_context, lab_zh)
    yield holder
    holder.reset()
