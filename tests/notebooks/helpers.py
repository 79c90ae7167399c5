"""Run notebooks headless with nbclient, as a trainee's Run All would."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]


def notebooks(*patterns: str) -> list[Path]:
    found = []
    for pattern in patterns:
        found += [p for p in ROOT.glob(pattern) if ".ipynb_checkpoints" not in p.parts]
    return sorted(found)


def ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


# Run first in the kernel: every figure framed by fixed margins (kamlib.plots.style.axes(margins=...),
# panels(...)) is checked as the inline backend prints it, since no layout engine fits it.
CHECK_FRAMED_FIGURES = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import kamlib.plots.style
from tests.plots.fit import misfits
MISFITS = []
_print_figure = kamlib.plots.style._LaidOutUncropped.__call__

def _print_checked(self, figure):
    if figure in kamlib.plots.style._FRAMED:
        MISFITS.extend(f"{{figure.axes[0].get_title() or figure.get_suptitle()!r}}: {{m}}" for m in misfits(figure))
    return _print_figure(self, figure)

kamlib.plots.style._LaidOutUncropped.__call__ = _print_checked
"""
FRAMED_FIGURES_FIT = "assert not MISFITS, 'framed figures that do not fit: ' + '; '.join(MISFITS)"


def execute(path: Path, allow_errors: bool = False, timeout: int = 180, check_figures: bool = False):
    """Execute a notebook in its own folder; return the executed notebook. ``check_figures``: also
    fail when a figure framed by fixed margins reaches outside its canvas or its panels overlap
    (two cells are added around the notebook's own)."""
    nb = nbformat.read(path, as_version=4)
    if check_figures:
        nb.cells = [nbformat.v4.new_code_cell(CHECK_FRAMED_FIGURES), *nb.cells,
                    nbformat.v4.new_code_cell(FRAMED_FIGURES_FIT)]
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(path.parent)}},
        # the outputs are all a test reads: stop the kernel right after the last cell
        # instead of asking it to shut down and waiting for it
        shutdown_kernel="immediate",
    )
    client.execute()
    return nb


def errors(nb) -> list[dict]:
    return [
        output
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
