"""KAM Lab's library: the models, plots, widgets and checks behind the course.

Every public name of a topic module is also a top-level name: ``from kamlib import
load_accounts, plot_pareto, key_accounts_explorer``. The topic modules are
``kamlib/{data,models,plots,widgets}/<stem>.py`` for each stem of
``kamlib/data/modules.yaml`` (for a package, the submodules its ``__init__`` re-exports),
``kamlib/data/course.py`` and the core (``kamlib/i18n.py``, ``kamlib/text.py``, ``kamlib/tables.py``); their
``__all__`` says what they export. ``____`` and ``progress`` come from :mod:`kamlib.checks`.

``import kamlib`` is cheap: on the first attribute access, the name -> module table is
built by reading each ``__all__`` from the modules' source with :mod:`ast` (nothing is
imported), then the one module that defines the name is imported (PEP 562). A name
exported by two modules is an error.

>>> import kamlib
>>> kamlib.get_language()
'en'
>>> kamlib.weighted_score.__module__
'kamlib.models.key_accounts'
"""

from __future__ import annotations

import importlib
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_LAYERS = ("data", "models", "plots", "widgets")
_CORE = ("i18n", "text", "tables")
_SHARED_TOPICS = ("course",)  # data/course.py: modules, glossary, supplier
_CHECKS = {"____": "kamlib.checks", "progress": "kamlib.checks.progress"}
_table: dict[str, str] = {}


def _stems(root: Path = _HERE) -> list[str]:
    """The topic stems of modules.yaml, read without a YAML parser (kept out of import time)."""
    import re

    text = (root / "data" / "modules.yaml").read_text(encoding="utf-8")
    return [*re.findall(r"\bstem:\s*(\w+)", text), *_SHARED_TOPICS]


def _topic_modules(root: Path = _HERE) -> list[tuple[str, Path]]:
    """(module name, file) of every module whose ``__all__`` makes top-level names."""
    found = [(f"kamlib.{name}", root / f"{name}.py") for name in _CORE]
    for layer in _LAYERS:
        for stem in _stems(root):
            module, package = root / layer / f"{stem}.py", root / layer / stem
            if module.is_file():
                found.append((f"kamlib.{layer}.{stem}", module))
            elif (package / "__init__.py").is_file():
                found += [(f"kamlib.{layer}.{stem}.{name}", package / f"{name}.py")
                          for name in _reexported(package / "__init__.py", f"kamlib.{layer}.{stem}")]
    return found


def _reexported(init: Path, package: str) -> list[str]:
    """The submodules a package's ``__init__`` re-exports (``from <package>.<name> import *``
    or ``from .<name> import *``), in order: a submodule it does not re-export (the SPIN
    classifier's learned weights) makes no top-level names."""
    import re

    text = init.read_text(encoding="utf-8")
    return re.findall(rf"^from (?:{re.escape(package)})?\.(\w+) import \*", text, re.MULTILINE)


def _declared_all(source: str, filename: str = "<module>") -> list[str]:
    """The names in a module's ``__all__ = [...]``, read from its source with ast.

    Only the assignment itself is parsed (the statement starting at ``__all__ =`` on
    a line of its own), so building the table for every topic stays quick.
    """
    import ast
    import re

    match = re.search(r"^__all__\s*(:[^=]*)?=", source, re.MULTILINE)
    if match is None:
        return []
    lines = source[match.start():].splitlines()
    for end in range(1, len(lines) + 1):
        try:
            node = ast.parse("\n".join(lines[:end]), filename).body[0]
        except SyntaxError:
            continue
        try:
            value = ast.literal_eval(node.value)
        except ValueError:
            value = None
        if not isinstance(value, (list, tuple)) or not all(isinstance(name, str) for name in value):
            raise ValueError(f"{filename}: __all__ must be a literal list of names (str)")
        return list(value)
    raise ValueError(f"{filename}: cannot read __all__")


def _name_table(modules: list[tuple[str, str]]) -> dict[str, str]:
    """Public name -> module from ``(module, source)`` pairs; a ValueError names every
    name that two modules export."""
    table: dict[str, str] = {}
    clashes = []
    for module, source in modules:
        for name in _declared_all(source, module):
            if name in table and table[name] != module:
                clashes.append(f"{name!r} is exported by both {table[name]} and {module}")
            table.setdefault(name, module)
    for name, module in _CHECKS.items():
        table.setdefault(name, module)
    if clashes:
        raise ValueError("kamlib's top-level names must be unique: " + "; ".join(clashes))
    return table


def _names() -> dict[str, str]:
    if not _table:
        _table.update(_name_table([(m, p.read_text(encoding="utf-8")) for m, p in _topic_modules()]))
    return _table


def __getattr__(name: str):
    if name == "__all__":
        value = sorted(_names())
    else:
        module = _names().get(name)
        if module is None:
            raise AttributeError(f"module 'kamlib' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(_names())
