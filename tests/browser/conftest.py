"""Fixtures for the browser tests: a JupyterLab server on 127.0.0.1 serving a temp
copy of the course, and Debian's Chromium driven by Playwright.

Every test here is marked ``browser``. Without /usr/bin/chromium (or the playwright
package) they are skipped with the reason, and the run's summary says so in one line.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from lab import lab_command  # noqa: E402  (tools/ is scripts, not a package)

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
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
    """Per-run JupyterLab state, so no saved workspace or user setting leaks in."""
    env = dict(os.environ)
    for name, sub in [
        ("JUPYTERLAB_SETTINGS_DIR", "user-settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTER_CONFIG_DIR", "config"),
        ("IPYTHONDIR", "ipython"),
    ]:
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / sub)
    env.pop("MPLBACKEND", None)
    return env


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
    def __init__(self, base_url: str, token: str, root: Path, log: Path):
        self.base_url, self.token, self.root, self.log = base_url, token, root, log

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


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("labroot")
    home = tmp_path_factory.mktemp("labhome")
    copy_course(root)
    port, token = free_port(), secrets.token_hex(16)
    log = home / "jupyterlab.log"
    command = lab_command(root, port, token, "--no-browser", "--LabApp.expose_app_in_browser=True")
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=root, env=lab_env(home), stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_for_status(base_url, token, process, log)
        yield Lab(base_url, token, root, log)
    finally:
        stop(process)


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=False, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000}, timeout=60_000,
        )
        context.set_default_timeout(30_000)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def pages(browser_context, lab):
    """One JupyterLab page shared by the tests, replaced after a failure."""
    from .jlab import Pages

    holder = Pages(browser_context, lab)
    yield holder
    holder.reset()
