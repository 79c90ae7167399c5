"""Driving JupyterLab 4 through ``window.jupyterapp`` (the server runs with
``--LabApp.expose_app_in_browser=True``), with the keyboard as a fallback.

Every wait has a timeout: a promise awaited inside ``page.evaluate`` has none, so
long-running app calls are started in the page and polled with ``wait_for_function``.
"""

from __future__ import annotations

import re
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\w+Error: ", re.MULTILINE)
GLYPH_MISSING = re.compile(r"Glyph \d+ .*missing from font", re.IGNORECASE)
NEWS = re.compile(r"\bnews\b", re.IGNORECASE)
WIDGET_ERRORS = ("Error displaying widget", "Error rendering output", "Javascript Error")

_PANEL = """
const panelById = (id) => {
  for (const w of window.jupyterapp.shell.widgets('main')) { if (w.id === id) return w; }
  return null;
};
"""


class StepTimeout(AssertionError):
    """A step of the browser test did not finish in time."""


def start_async(page: Page, key: str, body: str, arg=None, timeout: float = 60) -> object:
    """Run ``async (arg) => { body }`` in the page; wait at most ``timeout`` s for it."""
    page.evaluate(
        """([key, body, arg]) => {
          window.__kam = window.__kam || {};
          delete window.__kam[key];
          const fn = new Function('arg', 'return (async () => {' + body + '})();');
          fn(arg).then(v => { window.__kam[key] = {ok: true, value: v === undefined ? null : v}; },
                       e => { window.__kam[key] = {ok: false, error: String(e && e.stack || e)}; });
        }""",
        [key, _PANEL + body, arg],
    )
    try:
        page.wait_for_function(
            "(key) => window.__kam && window.__kam[key] !== undefined", arg=key,
            timeout=timeout * 1000, polling=200,
        )
    except PlaywrightError as error:
        raise StepTimeout(f"{key}: no answer within {timeout:.0f}s") from error
    outcome = page.evaluate("(key) => window.__kam[key]", key)
    if not outcome["ok"]:
        raise AssertionError(f"{key} failed in the page: {outcome['error'][:1500]}")
    return outcome["value"]


def open_lab(page: Page, url: str, timeout: float = 90) -> None:
    """Load JupyterLab and wait until the app is restored."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
    try:
        page.wait_for_function("() => window.jupyterapp !== undefined",
                               timeout=timeout * 1000, polling=200)
    except PlaywrightError as error:
        raise StepTimeout(
            "window.jupyterapp never appeared: is the server run with "
            "--LabApp.expose_app_in_browser=True?"
        ) from error
    start_async(page, "restored", "await window.jupyterapp.restored; return true;", timeout=timeout)


def news_toasts(page: Page) -> list[str]:
    """Texts of the notification toasts that mention news."""
    texts = page.evaluate(
        "() => [...document.querySelectorAll('.Toastify__toast, .jp-Notification-Toast')]"
        ".map(n => n.textContent)"
    )
    return [t for t in texts if NEWS.search(t)]


def open_notebook(page: Page, path: str, timeout: float = 90) -> str:
    """Open ``path`` (relative to the server root) as a notebook; its panel id once the
    kernel is idle."""
    panel_id = start_async(
        page,
        "open",
        """
        const app = window.jupyterapp;
        const w = await app.commands.execute('docmanager:open', {path: arg, factory: 'Notebook'});
        await w.context.ready;
        app.shell.activateById(w.id);
        await w.sessionContext.ready;
        return w.id;
        """,
        path,
        timeout=timeout,
    )
    wait_idle(page, panel_id, timeout=timeout, require_prompts_done=False)
    return panel_id


def notebook_state(page: Page, panel_id: str) -> dict:
    return page.evaluate(
        "(id) => {" + _PANEL + """
          const w = panelById(id);
          if (!w) return {missing: true};
          const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
          const prompts = [...w.node.querySelectorAll('.jp-InputArea-prompt')].map(n => n.textContent);
          return {status: kernel ? kernel.status : 'none',
                  queued: prompts.filter(t => t.includes('*')).length};
        }""",
        panel_id,
    )


def wait_idle(page: Page, panel_id: str, timeout: float, require_prompts_done: bool = True,
              settle: float = 0.8) -> None:
    """Wait until the kernel is idle and no cell shows ``[*]``, twice ``settle`` s apart."""
    deadline = time.monotonic() + timeout
    calm_since = None
    state: dict = {}
    while time.monotonic() < deadline:
        state = notebook_state(page, panel_id)
        if state.get("missing"):
            raise AssertionError(f"notebook panel {panel_id} was closed")
        if state["status"] == "dead":
            raise AssertionError("the kernel died")
        calm = state["status"] == "idle" and (not require_prompts_done or state["queued"] == 0)
        if calm:
            calm_since = calm_since or time.monotonic()
            if time.monotonic() - calm_since >= settle:
                return
        else:
            calm_since = None
        time.sleep(0.2)
    raise StepTimeout(f"kernel not idle after {timeout:.0f}s (last state: {state})")


def run_all(page: Page, panel_id: str, timeout: float = 150) -> None:
    """Run All through the command registry, else through the keyboard (command palette)."""
    has_command = page.evaluate(
        "() => !!(window.jupyterapp && window.jupyterapp.commands.hasCommand('notebook:run-all-cells'))"
    )
    if has_command:
        start_async(
            page,
            "runall",
            """
            const app = window.jupyterapp;
            app.shell.activateById(arg);
            // Not awaited: completion is judged by the kernel state below, with a timeout.
            app.commands.execute('notebook:run-all-cells');
            return true;
            """,
            panel_id,
            timeout=30,
        )
    else:  # pragma: no cover - only when the app is not exposed
        page.keyboard.press("Control+Shift+C")
        page.keyboard.type("Run All Cells")
        page.keyboard.press("Enter")
    time.sleep(0.5)
    wait_idle(page, panel_id, timeout=timeout)


def check(condition: object, message: str) -> None:
    """Fail with ``message`` alone (no assertion-rewriting dump of the operands)."""
    if not condition:
        raise AssertionError(message)


@dataclass
class Outputs:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unexecuted: list[int] = field(default_factory=list)


def collect_outputs(page: Page, panel_id: str) -> Outputs:
    """Errors in the notebook model and in the rendered page."""
    model = page.evaluate(
        "(id) => {" + _PANEL + """
          const w = panelById(id);
          const cells = [];
          w.content.widgets.forEach((cell, i) => {
            if (cell.model.type !== 'code') return;
            const outputs = [];
            for (let j = 0; j < cell.model.outputs.length; j++) outputs.push(cell.model.outputs.get(j).toJSON());
            cells.push({index: i, source: cell.model.sharedModel.getSource(),
                        count: cell.model.executionCount, outputs});
          });
          const dom = {
            stderr: [...w.node.querySelectorAll(
              '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')].map(n => n.textContent),
            errors: [...w.node.querySelectorAll('.jp-RenderedText[data-mime-type*=error]')].map(n => n.textContent),
            text: w.node.textContent,
          };
          return {cells, dom};
        }""",
        panel_id,
    )
    found = Outputs()
    for cell in model["cells"]:
        where = f"cell {cell['index']}"
        if cell["source"].strip() and cell["count"] is None:
            found.unexecuted.append(cell["index"])
        for output in cell["outputs"]:
            kind = output.get("output_type")
            if kind == "error":
                found.errors.append(f"{where}: {output.get('ename')}: {output.get('evalue')}")
            elif kind == "stream" and output.get("name") == "stderr":
                text = "".join(output.get("text", ""))
                if TRACEBACK.search(text) or GLYPH_MISSING.search(text):
                    found.errors.append(f"{where} stderr: {text.strip()[:600]}")
                elif text.strip():
                    found.warnings.append(f"{where} stderr: {text.strip()[:300]}")
    dom = model["dom"]
    if not found.errors:  # what the page shows, in case the model missed it
        for text in dom["stderr"]:
            if TRACEBACK.search(text):
                found.errors.append(f"rendered stderr: {text.strip()[:600]}")
        for text in dom["errors"]:
            found.errors.append(f"rendered error: {text.strip()[:600]}")
    for marker in WIDGET_ERRORS:
        if marker in dom["text"]:
            found.errors.append(f"page shows {marker!r}")
    return found


SIGNATURE = "(id) => {" + _PANEL + """
  const w = panelById(id);
  const parts = [];
  w.node.querySelectorAll('.jp-OutputArea-output img').forEach(e => parts.push('img:' + e.src));
  w.node.querySelectorAll('.widget-output, .widget-html-content, .jp-OutputArea-output svg')
    .forEach(e => parts.push(e.innerHTML));
  const s = parts.join('\\u0000');
  let h = 5381;
  for (let i = 0; i < s.length; i++) h = ((h * 33) ^ s.charCodeAt(i)) >>> 0;
  return h.toString(16) + ':' + s.length + ':' + parts.length;
}"""

CONTROLS = [
    # (kind, selector) in the order they are tried
    ("slider", ".widget-slider .noUi-handle"),
    ("dropdown", ".widget-dropdown select"),
    ("select", ".widget-select select"),
    ("toggle", ".widget-toggle-button"),
    ("number", ".widget-text input[type=number]"),
    ("text", ".widget-textarea textarea, .widget-text input[type=text]"),
    ("button", ".widget-button"),  # last: e.g. Send after a suggested question was picked
]


def output_signature(page: Page, panel_id: str) -> str:
    return page.evaluate(SIGNATURE, panel_id)


def count_controls(page: Page, panel_id: str) -> dict[str, int]:
    panel = page.locator(f"#{panel_id}")
    return {kind: panel.locator(selector).count() for kind, selector in CONTROLS}


def interact(page: Page, panel_id: str, timeout: float = 8, tries: int = 8) -> str:
    """Move controls until an output changes; a description of what changed it.

    Raises AssertionError when the notebook shows controls but none changes an output.
    """
    panel = page.locator(f"#{panel_id}")
    attempts = []
    for kind, selector in CONTROLS:
        controls = panel.locator(selector)
        for index in range(min(controls.count(), 3)):
            if len(attempts) >= tries:
                break
            control = controls.nth(index)
            before = output_signature(page, panel_id)
            control.scroll_into_view_if_needed(timeout=10_000)
            if kind == "slider":
                control.focus()
                for key in ("ArrowRight", "ArrowLeft", "ArrowLeft"):
                    page.keyboard.press(key)
                    if _changed(page, panel_id, before, timeout / 3):
                        return f"slider #{index} ({key})"
            elif kind in ("dropdown", "select"):
                options = control.evaluate("s => [s.options.length, s.selectedIndex]")
                if options[0] < 2:
                    continue
                control.select_option(index=(options[1] + 1) % options[0])
                if _changed(page, panel_id, before, timeout):
                    return f"{kind} #{index}"
            elif kind == "number":
                control.focus()
                page.keyboard.press("ArrowUp")
                page.keyboard.press("Enter")
                if _changed(page, panel_id, before, timeout):
                    return f"{kind} #{index} (ArrowUp)"
            elif kind == "text":
                control.focus()
                page.keyboard.press("End")
                page.keyboard.type(" x")
                page.keyboard.press("Tab")  # blur: commits when continuous_update=False
                if _changed(page, panel_id, before, timeout):
                    return f"{kind} #{index}"
            else:
                control.click()
                if _changed(page, panel_id, before, timeout):
                    return f"{kind} #{index}"
            attempts.append(f"{kind} #{index}")
    raise AssertionError(
        f"no output changed after moving {attempts or 'no control (none found)'}"
    )


def _changed(page: Page, panel_id: str, before: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if output_signature(page, panel_id) != before:
            wait_idle(page, panel_id, timeout=max(5.0, deadline - time.monotonic()))
            # let the redraw land, then confirm it differs still
            return output_signature(page, panel_id) != before
        time.sleep(0.2)
    return False


def close_notebook(page: Page, panel_id: str, timeout: float = 30) -> None:
    """Shut the kernel down and close the panel without saving."""
    start_async(
        page,
        "close",
        """
        const w = panelById(arg);
        if (!w) return true;
        try { await w.sessionContext.shutdown(); } catch (e) {}
        w.dispose();
        return true;
        """,
        panel_id,
        timeout=timeout,
    )


def scroll_to_first_figure(page: Page, panel_id: str) -> None:
    page.evaluate(
        "(id) => { const n = document.getElementById(id);"
        " const img = n && n.querySelector('.jp-OutputArea-output img, .widget-slider');"
        " if (img) img.scrollIntoView({block: 'center'}); }",
        panel_id,
    )


def screenshot(page: Page, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), timeout=15_000)
    except PlaywrightError:
        pass


def validate(page: Page, panel_id: str, timeout: float = 120) -> dict:
    """Press nbgrader's Validate toolbar button; the dialog's title and text."""
    button = page.locator(f"#{panel_id} .validate-button")
    button.first.wait_for(state="visible", timeout=30_000)
    button.first.locator("jp-button, button").first.click()
    dialog = page.locator(".jp-Dialog")
    try:
        dialog.first.wait_for(state="visible", timeout=timeout * 1000)
    except PlaywrightError as error:
        raise StepTimeout(f"no dialog within {timeout:.0f}s of pressing Validate") from error
    return {
        "title": dialog.first.locator(".jp-Dialog-header").inner_text(timeout=5000),
        "body": dialog.first.locator(".jp-Dialog-body").inner_text(timeout=5000),
    }


class Pages:
    """One JupyterLab page reused across tests; replaced after a failure."""

    def __init__(self, context, lab):
        self.context, self.lab, self.page = context, lab, None

    def get(self):
        if self.page is None or self.page.is_closed():
            self.page = self.context.new_page()
            open_lab(self.page, self.lab.url("lab"))
        return self.page

    def reset(self):
        if self.page is not None and not self.page.is_closed():
            self.page.close()
        self.page = None


def run_with_retry(name, pages, lab, relative, original, artifacts, body):
    """``body(page)``, once more on a fresh page if it fails; a screenshot of each
    failure in ``artifacts``. ``original`` (a notebook) is copied back to ``relative``
    under the server root before the retry."""
    failures = []
    for attempt in (1, 2):
        page = None
        try:
            page = pages.get()
            body(page)
        except Exception as error:  # noqa: BLE001 - any failure gets a screenshot and a retry
            shot = page or pages.page
            if shot is not None and not shot.is_closed():
                screenshot(shot, artifacts / f"{name}.png")
                if attempt == 1:
                    screenshot(shot, artifacts / f"{name}-attempt1.png")
            failures.append(f"attempt {attempt}: {type(error).__name__}: {error}")
            pages.reset()
            lab.shutdown_kernels()
            if original is not None:
                lab.restore(relative, original)
            continue
        if failures:
            warnings.warn(f"{name} passed on retry after: {failures[0][:500]}", stacklevel=1)
        return
    pytest.fail(f"{name} failed twice (screenshot: {artifacts / name}.png):\n\n"
                + "\n\n".join(failures), pytrace=False)
