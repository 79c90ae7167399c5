"""A released exercise in JupyterLab: nbgrader's Validate button answers with its
results dialog (the trainee's "check my whole notebook" before submitting)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .jlab import check, close_notebook, open_notebook, run_with_retry

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def first_release() -> Path | None:
    found = sorted((ROOT / "exercises" / "release").glob("*/*.ipynb"))
    return found[0] if found else None


@pytest.mark.timeout(300)
def test_validate_button_opens_results_dialog(pages, lab, artifacts, request):
    notebook = first_release()
    if notebook is None:
        pytest.skip("no exercises/release/*/*.ipynb yet")
    relative = notebook.relative_to(ROOT).as_posix()

    def body(page):
        from .jlab import validate

        panel = open_notebook(page, relative)
        dialog = validate(page, panel)
        page.keyboard.press("Escape")
        check(dialog["title"].strip() == "Validation Results", f"unexpected dialog: {dialog}")
        check("Cannot" not in dialog["body"], f"validation could not run: {dialog}")
        check(dialog["body"].strip(), "the validation dialog is empty")
        print(f"Validate on {relative}: {dialog['body'][:300]!r}")
        close_notebook(page, panel)

    run_with_retry(request.node.name, pages, lab, relative, notebook, artifacts, body)
