"""Install the course's JupyterLab settings (overrides.json) into the venv.

    python -m tools.lab_settings

JupyterLab reads ``<sys.prefix>/share/jupyter/lab/settings/overrides.json``; the
course's copy lives in ``tools/jupyterlab/overrides.json`` (no news pop-up).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "jupyterlab" / "overrides.json"


def target() -> Path:
    """Where JupyterLab of this Python's environment reads overrides.json."""
    return Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def install() -> Path:
    """Copy the course's overrides.json to :func:`target`; return where it went."""
    path = target()
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, path)
    return path


if __name__ == "__main__":
    install()
