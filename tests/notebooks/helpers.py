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


def execute(path: Path, allow_errors: bool = False, timeout: int = 180):
    """Execute a notebook in its own folder; return the executed notebook."""
    nb = nbformat.read(path, as_version=4)
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
