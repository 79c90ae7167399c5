"""Install the course's JupyterLab settings (overrides.json) into the venv.

JupyterLab reads ``<sys.prefix>/share/jupyter/lab/settings/overrides.json``; the
course's copy lives in ``tools/jupyterlab/overrides.json`` (no news pop-up).
"""

import shutil
import sys
from pathlib import Path

source = Path(__file__).parent / "jupyterlab" / "overrides.json"
target = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
target.parent.mkdir(parents=True, exist_ok=True)
shutil.copyfile(source, target)
