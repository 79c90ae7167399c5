"""The course as a trainee first sees it: ``make lab`` (python -m tools.lab) opens the welcome
notebook, with the course's settings in force (no "Jupyter news" pop-up)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import free_port, lab_env, stop, tail, wait_for_status
from .jlab import news_toasts, screenshot

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
WELCOME = "course/lec00_welcome.ipynb"
URL = re.compile(r"(http://127\.0\.0\.1:(\d+)/lab/tree/(\S+)\?token=(\w+))")
NOTIFICATION = "@jupyterlab/apputils-extension:notification"


def test_no_news_popup(pages, lab):
    page = pages.get()
    page.wait_for_timeout(3000)  # the consent toast shows right after start-up when asked
    assert not news_toasts(page), f"news pop-up shown: {news_toasts(page)}"
    settings = lab.api("GET", f"/lab/api/settings/{NOTIFICATION}")
    properties = settings["schema"]["properties"]
    assert properties["fetchNews"]["default"] == "false", properties["fetchNews"]
    assert properties["checkForUpdates"]["default"] is False


@pytest.mark.timeout(240)
def test_make_lab_opens_the_welcome_notebook(browser_context, tmp_path, artifacts):
    welcome = ROOT / WELCOME
    if not welcome.exists():
        pytest.skip(f"{WELCOME} not written yet")
    before = welcome.read_bytes()
    env = lab_env(tmp_path)
    # The server runs on the real repository: never autosave into it.
    docmanager = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True)
    (docmanager / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))

    log = tmp_path / "lab.log"
    port = free_port()
    with open(log, "wb") as out:
        # its own session, so stopping it by pid also stops the jupyter it started
        process = subprocess.Popen(
            [sys.executable, "-m", "tools.lab", "--no-browser", "--port", str(port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    page = None
    try:
        deadline = time.monotonic() + 30
        while not (match := URL.search(log.read_text(errors="replace"))):
            assert time.monotonic() < deadline and process.poll() is None, tail(log)
            time.sleep(0.2)
        url, url_port, path, token = match.groups()
        assert int(url_port) == port and path == WELCOME, url
        wait_for_status(f"http://127.0.0.1:{port}", token, process, log)

        page = browser_context.new_page()
        page.goto(url, wait_until="domcontentloaded", timeout=60_000)
        tab = page.locator(".lm-TabBar-tab.lm-mod-current", has_text=Path(WELCOME).name)
        tab.first.wait_for(state="visible", timeout=60_000)
        page.locator(".jp-NotebookPanel:visible .jp-Cell").first.wait_for(timeout=30_000)
        page.wait_for_timeout(3000)
        assert not news_toasts(page), f"news pop-up shown: {news_toasts(page)}"
        dialogs = page.locator(".jp-Dialog").all_inner_texts()
        assert not dialogs, f"a dialog opened with the course: {dialogs}"
    except BaseException:
        if page is not None:
            screenshot(page, artifacts / "test_make_lab_opens_the_welcome_notebook.png")
        print(tail(log))
        raise
    finally:
        if page is not None:
            page.close()
        stop(process, group=True)
    assert welcome.read_bytes() == before, f"{WELCOME} was modified by opening it"
