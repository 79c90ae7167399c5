"""``make instructor`` (python -m tools.instructor) in Chromium: Formgrader lists the course's
assignments, the exchange its config names exists (mode 1777), and Manual Grading opens a
submission. Runs on a temp copy of the course, with HOME and Jupyter's folders in temp."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.hub.conftest import ROOT, browser_reason, stop_process

ASSIGNMENT = "ex02_key_accounts"
URL = re.compile(r"http://127\.0\.0\.1:(\d+)/lab/tree/(\S+)\?token=(\w+)")
COURSE_STATE = ("exchange", "submitted", "autograded", "feedback", "gradebook.db", ".grading-*", "review",
                ".kamlab_secret", ".ipynb_checkpoints", "__pycache__")


def temp_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                      ("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
                      ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"), ("IPYTHONDIR", "ipython"),
                      ("MPLCONFIGDIR", "mpl"), ("XDG_CACHE_HOME", "cache"), ("XDG_CONFIG_HOME", "xdg")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / sub)
    env["HOME"] = str(home)
    env["KAMLAB_PROGRESS"] = str(home / "progress.json")
    env.pop("KAMLAB_EXCHANGE", None)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    return env


def seed_submission(course: Path, env: dict[str, str]) -> None:
    """One trainee's (unanswered) submission, autograded, so Manual Grading has one to open."""
    folder = course / "submitted" / "ana" / ASSIGNMENT
    folder.mkdir(parents=True)
    shutil.copy2(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", folder)
    script = (  # nbgrader's API, as formgrader's buttons call it: one process, not two slow starts
        "import sys\n"
        "from nbgrader.apps import NbGrader\n"
        "from nbgrader.apps.api import NbGraderAPI\n"
        "from nbgrader.coursedir import CourseDirectory\n"
        "app = NbGrader(); app.load_config_file()\n"
        "api = NbGraderAPI(CourseDirectory(config=app.config), config=app.config)\n"
        f"for result in (api.generate_assignment({ASSIGNMENT!r}), api.autograde({ASSIGNMENT!r}, 'ana')):\n"
        "    if not result['success']:\n"
        "        sys.exit(result.get('log', '') + result.get('error', ''))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=course, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


@pytest.mark.timeout(400)
def test_formgrader_lists_the_course_and_opens_a_submission(chromium, tmp_path, artifacts):
    reason = browser_reason()
    if reason:
        pytest.skip(reason)
    root, home = tmp_path / "repo", tmp_path / "home"
    root.mkdir()
    shutil.copytree(ROOT / "exercises", root / "exercises", ignore=shutil.ignore_patterns(*COURSE_STATE))
    if (ROOT / "course").is_dir():
        shutil.copytree(ROOT / "course", root / "course", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    course = root / "exercises"
    env = temp_env(home)
    assignments = sorted(p.name for p in (course / "source").iterdir() if p.is_dir())
    assert {"ex02_key_accounts", "ex09_channel_maps", "ex10_spin_selling"} <= set(assignments)

    seeded: dict = {}
    seeder = threading.Thread(target=lambda: seeded.setdefault("error", _try(seed_submission, course, env)))
    seeder.start()

    port = _free_port()
    log = home / "instructor.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "tools.instructor", "--root", str(root), "--course", str(course),
             "--port", str(port), "--no-browser", "--server-arg=--LabApp.expose_app_in_browser=True"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    page = None
    try:
        token = _wait_for_url(log, process)
        exchange = course / "exchange"
        assert exchange.is_dir() and stat.S_IMODE(exchange.stat().st_mode) == 0o1777
        seeder.join(timeout=300)
        assert seeded.get("error") is None, seeded["error"]
        page = chromium.new_page()
        from tests.browser.jlab import open_lab

        open_lab(page, f"http://127.0.0.1:{port}/lab?token={token}")
        page.evaluate("() => window.jupyterapp.commands.execute('nbgrader:open-formgrader')")
        frame = page.frame_locator("iframe").first
        table = frame.locator("table").first
        for name in assignments:
            table.locator(f"text={name}").first.wait_for(timeout=60_000)
        text = frame.locator("body").inner_text()
        assert "Could not" not in text and "does not exist" not in text, text[:1500]

        frame.locator("a:has-text('Manual Grading')").first.click()
        frame.locator(f"a:has-text('{ASSIGNMENT}')").first.click()
        frame.locator(f"a:has-text('{ASSIGNMENT}')").last.click()
        frame.locator("a:has-text('Submission #1')").first.click()
        graded = frame.locator("text=q5").first
        graded.wait_for(timeout=60_000)
        body = frame.locator("body").inner_text()
        assert "ana" in body or "Submission #1" in body, body[:1500]
        assert frame.locator("input.score, input[type=number]").count() > 0, body[:1500]
    except Exception:
        if page is not None:
            from tests.browser.jlab import screenshot

            screenshot(page, artifacts / "instructor-formgrader.png")
        raise
    finally:
        if page is not None:
            page.close()
        stop_process(process)
        seeder.join(timeout=300)


def _try(function, *args):
    try:
        function(*args)
    except Exception as error:  # noqa: BLE001 - reported by the test
        return error
    return None


def _free_port() -> int:
    from tools.hub import free_port

    return free_port()


def _wait_for_url(log: Path, process: subprocess.Popen, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    token = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"make instructor exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        text = log.read_text(errors="replace")
        match = URL.search(text)
        if match:
            token = match.group(3)
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{match.group(1)}/api/status",
                                                 headers={"Authorization": f"token {token}"})
                with urllib.request.urlopen(request, timeout=5) as answer:
                    if answer.status == 200:
                        return token
            except OSError:
                pass
        time.sleep(0.3)
    raise AssertionError(f"make instructor did not answer in {timeout:.0f}s:\n{log.read_text()[-3000:]}")
