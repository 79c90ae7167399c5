"""``make hub`` refuses bad input with a message saying what to fix, and leaves nothing
half-started: a taken port, a missing proxy, an account that already exists (adduser) or
does not exist (start). Nothing is written to the state folder, no process is left."""

from __future__ import annotations

import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.hub.conftest import ROOT, Accounts, pids_mentioning, proxy_reason, root_reason


def hub(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tools.hub", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def assert_nothing_started(state: Path, done: subprocess.CompletedProcess, *phrases: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    message = done.stderr.strip()
    assert message.startswith("make hub: "), message
    for phrase in phrases:
        assert phrase in message, message
    assert "Traceback" not in done.stderr, done.stderr
    assert not state.exists(), sorted(state.rglob("*"))
    assert not pids_mentioning(str(state.parent)), "a process of the refused hub is running"


def test_a_taken_port(tmp_path):
    reason = proxy_reason()
    if reason:
        pytest.skip(reason)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        state = tmp_path / "state"
        done = hub("start", "--state", str(state), "--port", str(port), "--instructor", "kamnobody1",
                   "--trainees", "kamnobody2")
    assert_nothing_started(state, done, f"port {port}", "already in use")


def test_a_missing_proxy(tmp_path):
    state = tmp_path / "state"
    missing = tmp_path / "node_modules" / ".bin" / "configurable-http-proxy"
    done = hub("start", "--state", str(state), "--port", "8000", "--instructor", "kamnobody1",
               "--trainees", "kamnobody2", "--proxy", str(missing))
    assert_nothing_started(state, done, "configurable-http-proxy not found", "npm")


@pytest.mark.skipif(root_reason() is not None, reason=str(root_reason()))
def test_an_account_that_already_exists(tmp_path):
    tmp_path.chmod(0o755)
    existing = Accounts(tmp_path, {"trainee": f"kam{uuid.uuid4().hex[:6]}ex"})
    new = f"kam{uuid.uuid4().hex[:6]}nw"
    try:
        existing.create()
        done = hub("adduser", "--instructor", new, "--trainees", existing.names[0],
                   "--home-base", str(tmp_path / "homes"))
        assert done.returncode == 2, done.stdout + done.stderr
        assert f"'{existing.names[0]}' already exists" in done.stderr, done.stderr
        assert "nothing was created" in done.stderr
        from tools.hub import user_exists

        assert not user_exists(new), "adduser created an account although it refused"
    finally:
        existing.remove()
        Accounts(tmp_path, {"new": new}).remove()


@pytest.mark.skipif(root_reason() is not None, reason=str(root_reason()))
def test_an_account_that_does_not_exist(tmp_path):
    reason = proxy_reason()
    if reason:
        pytest.skip(reason)
    state = tmp_path / "state"
    done = hub("start", "--state", str(state), "--port", "0", "--instructor", "root",
               "--trainees", f"kam{uuid.uuid4().hex[:6]}no")
    assert_nothing_started(state, done, "no system account", "make hub-users")
