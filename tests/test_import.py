"""`import kamlib` stays light: no plotting, graph, widget, table or notebook stack."""

import subprocess
import sys

HEAVY = ("matplotlib", "networkx", "ipywidgets", "pandas", "nbformat", "numpy", "yaml")


def test_import_kamlib_loads_no_heavy_module():
    code = f"import sys, kamlib; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", f"import kamlib pulled in {done.stdout.strip()}"


def test_lazy_names_resolve_to_their_modules():
    import kamlib

    for name in kamlib.__all__:
        assert getattr(kamlib, name) is not None, name
    assert kamlib.weighted_score.__module__ == "kamlib.models.accounts"
