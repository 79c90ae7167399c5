"""The 简体中文 edition in a JupyterLab whose own menus are Chinese (the zh-CN language pack,
as ``make lab-zh`` starts it): every Chinese lecture runs clean, a Chinese widget redraws
when moved, and nbgrader's Validate answers on a Chinese exercise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .jlab import (
    check,
    close_notebook,
    collect_outputs,
    count_controls,
    interact,
    open_notebook,
    run_all,
    run_with_retry,
    screenshot,
    validate,
)
from .test_lectures import code_source, uses_widgets

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


def zh_lectures() -> list[Path]:
    return sorted((ROOT / "course" / "zh").glob("lec*.ipynb"))


def _params():
    found = zh_lectures()
    if not found:
        return [pytest.param(None, id="none", marks=pytest.mark.skip(reason="no course/zh/lec*.ipynb yet"))]
    return [pytest.param(path, id=f"zh-{path.stem}") for path in found]


def menu_bar(page) -> str:
    return page.locator("#jp-menu-panel, .lm-MenuBar").first.inner_text(timeout=10_000)


@pytest.mark.timeout(420)
@pytest.mark.parametrize("lecture", _params())
def test_chinese_lecture_runs_in_a_chinese_lab(lecture, pages_zh, lab_zh, artifacts, request):
    relative = f"course/zh/{lecture.name}"
    first = lecture == zh_lectures()[0]
    first_with_widget = lecture == next((p for p in zh_lectures() if uses_widgets(code_source(p))), None)

    def body(page):
        menus = menu_bar(page)
        check(CJK.search(menus) and "文件" in menus, f"JupyterLab's menus are not Chinese: {menus!r}")
        panel = open_notebook(page, relative)
        run_all(page, panel)
        found = collect_outputs(page, panel)
        check(not found.errors, "errors after Run All:\n" + "\n".join(found.errors))
        check(not found.unexecuted, f"cells not executed after Run All: {found.unexecuted}")
        if first:
            screenshot(page, artifacts / "zh_lab_menu_bar.png")
        if first_with_widget:
            check(any(count_controls(page, panel).values()), "the Chinese lecture builds no widget")
            what = interact(page, panel)
            print(f"{lecture.name} (zh): output changed after moving {what}")
            found = collect_outputs(page, panel)
            check(not found.errors, "errors after moving a widget:\n" + "\n".join(found.errors))
        close_notebook(page, panel)

    run_with_retry(request.node.name, pages_zh, lab_zh, relative, lecture, artifacts, body)


@pytest.mark.timeout(300)
def test_validate_answers_on_a_chinese_exercise(pages_zh, lab_zh, artifacts, request):
    found = sorted((ROOT / "exercises" / "release").glob("*_zh/*.ipynb"))
    if not found:
        pytest.skip("no Chinese exercise released yet")
    notebook = found[0]
    relative = notebook.relative_to(ROOT).as_posix()

    def body(page):
        panel = open_notebook(page, relative)
        dialog = validate(page, panel)
        page.keyboard.press("Escape")
        check(dialog["body"].strip() and "Cannot" not in dialog["body"], f"validation could not run: {dialog}")
        check("尚未作答" in dialog["body"] or "not attempted" in dialog["body"].lower()
              or "failed" in dialog["body"].lower(), f"an untouched exercise should not validate: {dialog}")
        close_notebook(page, panel)

    run_with_retry(request.node.name, pages_zh, lab_zh, relative, notebook, artifacts, body)
