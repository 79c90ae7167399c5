"""Fixtures of the hub and instructor-mode tests: Debian's Chromium through Playwright,
JupyterHub with the proxy from npm, and system accounts made and removed by the tests.

The tests that start servers and drive a browser are ``slow`` and ``browser`` (the bundle,
refusal and Kubernetes-values tests take seconds). They are skipped, with the reason, only when Chromium (or playwright), Node.js/npm, or root (for
useradd) is missing; CI installs all three (.ci/run). Everything they write is in temp
folders (the accounts' homes too), every server is bound to 127.0.0.1 and stopped by its
process id, and the accounts are removed even when a test fails.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from tools.hub import end_processes_of, pids_of  # noqa: F401 - used by the tests here

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent
CHROMIUM = Path(os.environ.get("KAMLAB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
BROWSER_FILES = ("test_instructor.py", "test_class.py")


def browser_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"Chromium not installed ({CHROMIUM} missing): apt-get install chromium"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright not installed: pip install -e '.[dev]'"
    return None


def root_reason() -> str | None:
    if os.geteuid() != 0:
        return "needs root to create and remove the test accounts (useradd)"
    for tool in ("useradd", "userdel", "runuser", "chpasswd"):
        if shutil.which(tool) is None:
            return f"{tool} missing (apt-get install passwd util-linux)"
    return None


def proxy_reason() -> str | None:
    """Installs the proxy into hub/node_modules when npm is there (the Makefile's step)."""
    from tools import hub

    if hub.PROXY.exists() and shutil.which("node"):
        return None
    if shutil.which("npm") is None or shutil.which("node") is None:
        return "Node.js/npm missing for configurable-http-proxy: apt-get install nodejs npm"
    try:
        hub.install_proxy()
    except hub.HubError as error:
        return str(error)
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.fspath))
        if path.is_relative_to(HERE) and path.name in BROWSER_FILES:
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.browser)


# --- processes and accounts ---------------------------------------------------------------

def stop_process(process: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM to the process we started, SIGKILL if it does not stop."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def pids_mentioning(text: str) -> list[int]:
    """Processes whose command line names ``text`` (a test's temp folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            except OSError:
                continue
            if text in cmdline:
                found.append(int(entry.name))
    return found


class Accounts:
    """System accounts for one test, made through ``python -m tools.hub adduser`` with
    homes in a temp folder; :meth:`remove` ends their processes and deletes them."""

    def __init__(self, base: Path, roles: dict[str, str]):
        self.base, self.roles = base, roles
        self.passwords: dict[str, str] = {}

    @property
    def names(self) -> list[str]:
        return list(self.roles.values())

    def create(self) -> None:
        from tools import hub

        homes = self.base / "homes"
        homes.mkdir(mode=0o755, exist_ok=True)
        self.passwords = hub.add_users(self.names, homes)

    def remove(self) -> None:
        from tools import hub

        end_processes_of(self.names)
        hub.remove_users(self.names)
        left = [n for n in self.names if hub.user_exists(n)]
        assert not left, f"test accounts not removed: {left}"


@pytest.fixture
def shared_tmp():
    """A temporary folder other accounts can enter (pytest's own is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="kamlab-hub-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def unique_accounts(base: Path, *roles: str) -> Accounts:
    tag = uuid.uuid4().hex[:6]
    return Accounts(base, {role: f"kam{tag}{role[:2]}" for role in roles})


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    reason = browser_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    home = tmp_path_factory.mktemp("chromium-home")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000}, timeout=60_000,
            env={**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"),
                 "XDG_CONFIG_HOME": str(home / "config")},
        )
        context.set_default_timeout(60_000)
        try:
            yield context
        finally:
            context.close()



@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    """Screenshots of a failed browser step, as tests/browser does: a temp folder (tests
    write nowhere else), or KAMLAB_ARTIFACTS when set. Per xdist worker: safe to run twice."""
    path = Path(os.environ["KAMLAB_ARTIFACTS"]) if os.environ.get("KAMLAB_ARTIFACTS") else \
        tmp_path_factory.mktemp("artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path
