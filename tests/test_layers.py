"""kamlib's layers go one way, checked by reading every module's imports with ``ast``.

    core     kamlib/i18n.py, kamlib/text.py, kamlib/tables.py: nothing else from kamlib
    models   models, core
    data     data, models, core
    plots    plots, models, core
    widgets  widgets, plots, models, data, core
    checks   checks, models, data, core (never plots or widgets)

Every import counts, also one inside a function (kamlib imports heavy or optional
things where they are used) and ``importlib.import_module("kamlib...")`` with a
literal name. ``kamlib/__init__.py`` is the package's front door and may name any
module. The same walk checks the layout: every module of a layer is a topic (a stem
of ``kamlib/data/modules.yaml``) or one of the few shared helpers listed here, and
every topic module of models/ and data/ has its test file, ``tests/<layer>/test_<stem>.py``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KAMLIB = ROOT / "kamlib"
CORE = {"kamlib.i18n", "kamlib.text", "kamlib.tables"}
ALLOWED = {
    "core": {"core"},
    "models": {"models", "core"},
    "data": {"data", "models", "core"},
    "plots": {"plots", "models", "core"},
    "widgets": {"widgets", "plots", "models", "data", "core"},
    "checks": {"checks", "models", "data", "core"},
}
ALLOWED_PACKAGES = tuple(f"kamlib.{layer}" for layer in ALLOWED if layer != "core")
# Modules of a layer that belong to no topic: shared helpers (and the lead's grading
# material, which is moving out of kamlib).
SHARED = {
    "kamlib.data.schema", "kamlib.data.course", "kamlib.data.gradebook",
    "kamlib.models.grading", "kamlib.models.arguments",
    "kamlib.plots.style",
    "kamlib.widgets.figure", "kamlib.widgets.view",
    "kamlib.checks.framework", "kamlib.checks.cells", "kamlib.checks.progress",
}


def module_name(path: Path, root: Path = KAMLIB) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(name: str) -> str | None:
    """'core', a layer name, or None for the package itself (kamlib/__init__.py)."""
    if name in CORE:
        return "core"
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


def imported(tree: ast.AST, name: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, module) for every kamlib module the code imports, however it does it."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if is_package else name.split(".")[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, base] if base else package)
            # `from kamlib.models import key_accounts` imports kamlib.models.key_accounts
            found += [(node.lineno, f"{base}.{alias.name}" if base in ("kamlib", *ALLOWED_PACKAGES)
                       else base) for alias in node.names]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module" and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.append((node.lineno, node.args[0].value))
    return [(line, target) for line, target in found if target == "kamlib" or target.startswith("kamlib.")]



def violations(sources: dict[str, tuple[str, bool]]) -> list[str]:
    """Every import that breaks the layer rule: ``'kamlib/x.py:12: models imports plots
    (kamlib.plots.key_accounts)'``. ``sources``: module name -> (source, is_package)."""
    problems = []
    for name, (source, is_package) in sorted(sources.items()):
        layer = layer_of(name)
        if layer is None:
            continue
        where = name.replace(".", "/") + ("/__init__.py" if is_package else ".py")
        for line, target in imported(ast.parse(source), name, is_package):
            other = layer_of(target)
            if other is None or other not in ALLOWED[layer]:
                what = other or "the kamlib package"
                problems.append(f"{where}:{line}: {layer} imports {what} ({target}); "
                                f"{layer} may import only {', '.join(sorted(ALLOWED[layer]))}")
    return problems


def kamlib_sources() -> dict[str, tuple[str, bool]]:
    return {module_name(p): (p.read_text(encoding="utf-8"), p.name == "__init__.py")
            for p in sorted(KAMLIB.rglob("*.py"))}


def test_every_kamlib_module_imports_only_lower_layers():
    sources = kamlib_sources()
    assert len(sources) > 20
    problems = violations(sources)
    assert not problems, "layer rule broken:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        ("kamlib.models.key_accounts", "from kamlib.plots.key_accounts import plot_pareto\n",
         "kamlib/models/key_accounts.py:1: models imports plots (kamlib.plots.key_accounts)"),
        ("kamlib.models.key_accounts", "def f():\n    from kamlib.data.key_accounts import load_accounts\n",
         "kamlib/models/key_accounts.py:2: models imports data (kamlib.data.key_accounts)"),
        ("kamlib.i18n", "def glossary():\n    from kamlib.data.course import load_glossary\n",
         "kamlib/i18n.py:2: core imports data (kamlib.data.course)"),
        ("kamlib.checks.ex02_key_accounts", "import kamlib.widgets.key_accounts\n",
         "kamlib/checks/ex02_key_accounts.py:1: checks imports widgets"),
        ("kamlib.checks.lec00_welcome", "from kamlib.plots import welcome\n",
         "kamlib/checks/lec00_welcome.py:1: checks imports plots (kamlib.plots.welcome)"),
        ("kamlib.plots.channel_maps", "import importlib\nimportlib.import_module('kamlib.data.channel_maps')\n",
         "kamlib/plots/channel_maps.py:2: plots imports data (kamlib.data.channel_maps)"),
        ("kamlib.models.spin_selling.roleplay", "from ...data import spin_selling\n",
         "kamlib/models/spin_selling/roleplay.py:1: models imports data (kamlib.data.spin_selling)"),
        ("kamlib.data.course", "from kamlib import start_call\n",
         "kamlib/data/course.py:1: data imports the kamlib package"),
    ],
)
def test_the_checker_reports_a_bad_import(name, source, expected):
    problems = violations({name: (source, False)})
    assert len(problems) == 1 and problems[0].startswith(expected), problems


@pytest.mark.parametrize(
    ("name", "source", "is_package"),
    [
        ("kamlib.widgets.key_accounts", "from kamlib.data.key_accounts import load_accounts\n"
                                        "from kamlib.plots.key_accounts import plot_pareto\n", False),
        ("kamlib.data.spin_selling", "from kamlib.models.spin_selling.roleplay import Scenario\n", False),
        ("kamlib.text", "from kamlib.i18n import get_language\n", False),
        ("kamlib.models.spin_selling", "from .classifier import classify_question\n", True),
        ("kamlib", "import importlib\nimportlib.import_module('kamlib.widgets.welcome')\n", True),
    ],
)
def test_the_checker_accepts_what_the_rule_allows(name, source, is_package):
    assert violations({name: (source, is_package)}) == []


def topic_stems() -> set[str]:
    text = (KAMLIB / "data" / "modules.yaml").read_text(encoding="utf-8")
    return set(re.findall(r"\bstem:\s*(\w+)", text))


def test_every_layer_module_is_a_topic_or_shared():
    stems = topic_stems()
    assert {"welcome", "key_accounts", "channel_maps", "spin_selling"} <= stems
    strays = []
    for name in kamlib_sources():
        parts = name.split(".")
        if layer_of(name) in (None, "core") or len(parts) < 3 or name in SHARED:
            continue
        stem = parts[2]
        if parts[1] == "checks":
            stem = re.sub(r"^(ex|lec)\d\d_", "", stem)
        if stem not in stems:
            strays.append(name)
    assert not strays, f"not named after a topic stem of modules.yaml (nor listed as shared): {strays}"


@pytest.mark.parametrize("layer", ["models", "data"])
def test_topic_modules_have_their_test_file(layer):
    stems = topic_stems()
    missing = [f"tests/{layer}/test_{p.stem}.py" for p in (KAMLIB / layer).iterdir()
               if p.stem in stems and not (ROOT / "tests" / layer / f"test_{p.stem}.py").exists()]
    assert not missing, f"missing test files: {missing}"
