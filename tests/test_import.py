"""`import kamlib` stays light, and its top-level names come from the topic modules'
``__all__``: each name from exactly one module, found without importing anything."""

import subprocess
import sys
from pathlib import Path

import pytest

import kamlib

HEAVY = ("matplotlib", "networkx", "ipywidgets", "pandas", "nbformat", "numpy", "yaml")


def test_import_kamlib_loads_no_heavy_module():
    code = f"import sys, kamlib; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", f"import kamlib pulled in {done.stdout.strip()}"


def test_listing_the_names_imports_no_topic_module():
    code = "import sys, kamlib; names = dir(kamlib); print(len(names), sorted(m for m in sys.modules if m.startswith('kamlib')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, modules = done.stdout.split(" ", 1)
    assert int(count) > 100
    assert modules.strip() == "['kamlib']", modules


def test_every_name_resolves_to_the_module_that_declares_it():
    table = kamlib._names()
    assert sorted(table) == kamlib.__all__ == dir(kamlib)
    for name, module in table.items():
        value = getattr(kamlib, name)
        assert value is not None, name
        if callable(value) and hasattr(value, "__module__") and name not in ("____",):
            assert value.__module__ == module, f"{name}: from {value.__module__}, table says {module}"
    assert kamlib.weighted_score.__module__ == "kamlib.models.key_accounts"
    assert kamlib.start_call.__module__ == "kamlib.data.spin_selling"
    assert {"____", "progress", "Text", "set_language", "load_supplier"} <= set(table)


def test_every_topic_module_declares_all_and_defines_it():
    import importlib

    modules = kamlib._topic_modules()
    assert {"kamlib.models.key_accounts", "kamlib.models.spin_selling.roleplay", "kamlib.data.course",
            "kamlib.widgets.channel_maps", "kamlib.text"} <= {m for m, _ in modules}
    for module, path in modules:
        names = kamlib._declared_all(path.read_text(encoding="utf-8"), str(path))
        assert names, f"{path} has no __all__"
        loaded = importlib.import_module(module)
        assert names == list(loaded.__all__), f"{path}: __all__ read by ast differs from the module's"
        assert [n for n in names if not hasattr(loaded, n)] == [], f"{path}: __all__ names what it lacks"


def test_a_name_exported_by_two_modules_is_an_error():
    one = "__all__ = ['load_accounts', 'REGIONS']\n"
    two = "from x import y\n__all__ = [\n    'plot_pareto',\n    'load_accounts',\n]\n"
    with pytest.raises(ValueError, match="'load_accounts' is exported by both kamlib.data.a and kamlib.plots.b"):
        kamlib._name_table([("kamlib.data.a", one), ("kamlib.plots.b", two)])
    assert kamlib._name_table([("kamlib.data.a", one)])["REGIONS"] == "kamlib.data.a"


def test_the_real_table_has_no_clash_and_shadows_no_subpackage():
    table = kamlib._name_table([(m, p.read_text(encoding="utf-8")) for m, p in kamlib._topic_modules()])
    root = Path(kamlib.__file__).parent
    subpackages = {p.stem for p in root.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
    assert not set(table) & subpackages


def test_a_package_exports_only_the_submodules_its_init_re_exports(tmp_path):
    """The SPIN classifier's learned weights (a 6,000-entry table) stay in their module."""
    assert not hasattr(kamlib, "SPIN_LEARNED_WEIGHTS") and "SPIN_LEARNED_WEIGHTS" not in dir(kamlib)
    from kamlib.models.spin_selling.learned_weights import SPIN_LEARNED_WEIGHTS

    assert len(SPIN_LEARNED_WEIGHTS) > 1000
    assert hasattr(kamlib, "classify_question") and hasattr(kamlib, "RolePlayCall")
    init = tmp_path / "__init__.py"
    init.write_text("from kamlib.models.x.a import *  # noqa: F403\nfrom kamlib.models.x.a import __all__ as _a\n"
                    "from .b import *\nimport kamlib.models.x.c\n", encoding="utf-8")
    assert kamlib._reexported(init, "kamlib.models.x") == ["a", "b"]


def test_unknown_names_raise_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        kamlib.nope  # noqa: B018
    assert not hasattr(kamlib, "lecture_channel_map")
