"""Shared fixtures and the suite's parallel plan.

Self-checks record progress in a temporary file, never in ~.

``make test`` runs the suite on every core with pytest-xdist (``-n auto --dist loadgroup``).
Tests that share a costly fixture must run on one worker, or each worker would build it
again (a JupyterLab server, an nbgrader course graded once per module, a hub): every test
gets an ``xdist_group`` mark from the widest-scoped fixture it uses (package, then module or
class; a parametrized one per parameter), and the tests that start a hub or create system
accounts share one group. Session-scoped fixtures run once per worker, so they must be safe
to run twice at once (temp folders, ``exist_ok``). Without xdist the marks do nothing.

Hypothesis: the ``fast`` profile (fewer examples) is loaded for ``make test-fast``
(``-m "not slow and not browser"``) only; ``make test`` uses each test's own settings.
A test that sets ``max_examples`` itself keeps it under both.
"""

import os

import pytest

HUB_GROUP = "hub"  # these start a hub or create system accounts: one at a time
HUB_FILES = ("tests/hub/test_class.py", "tests/hub/test_instructor.py", "tests/hub/test_refusals.py")
_WIDEST = {"package": 0, "module": 1, "class": 2}
# pytest's own fixtures of wider scope are cheap and safe per worker
_BUILTIN = {"tmp_path_factory", "testrun_uid", "worker_id", "record_testsuite_property", "doctest_namespace"}

try:
    from hypothesis import settings as _hypothesis_settings

    # fewer examples; no per-example deadline (a loaded machine is not a failing property)
    _hypothesis_settings.register_profile("fast", max_examples=25, deadline=None)
except ImportError:  # pragma: no cover - hypothesis is in the dev extra
    _hypothesis_settings = None


def pytest_configure(config):
    config.addinivalue_line("markers", "xdist_group(name): run these tests on one xdist worker")
    fast = (config.getoption("markexpr", "") or "").replace(" ", "") == "notslowandnotbrowser"
    if _hypothesis_settings is not None and fast and not os.environ.get("HYPOTHESIS_PROFILE"):
        _hypothesis_settings.load_profile("fast")


def shared_group(item) -> str | None:
    """The xdist group of a test: where its widest-scoped fixture lives (None: any worker)."""
    nodeid = item.nodeid.replace("\\", "/")
    if nodeid.startswith(HUB_FILES):
        return HUB_GROUP
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return None
    best = None
    for name, defs in info.name2fixturedefs.items():
        if name in _BUILTIN or not defs:
            continue
        scope = getattr(defs[-1], "scope", "function")
        scope = getattr(scope, "value", scope)  # pytest's Scope enum or a plain str
        if scope not in _WIDEST:
            continue
        if scope == "package":
            where = defs[-1].baseid or nodeid.rsplit("/", 1)[0]
        elif scope == "module":
            where = nodeid.split("::")[0]
        else:
            where = "::".join(nodeid.split("::")[:2])
        callspec = getattr(item, "callspec", None)
        if callspec is not None and name in callspec.params:
            where += f"({callspec.params[name]})"  # no "[...]": xdist reads the group after the last "]"
        rank = (_WIDEST[scope], where)
        best = rank if best is None or rank < best else best
    return best[1] if best else None


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which turns the marks into groups
def pytest_collection_modifyitems(config, items):
    _deselect_other_editions(config, items)
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            group = shared_group(item)
            if group:
                item.add_marker(pytest.mark.xdist_group(group))
                if config.getvalue("loadgroup") if hasattr(config.option, "loadgroup") else False:
                    _group_suffix(item, group)


def _group_suffix(item, group: str) -> None:
    """What xdist's worker does with an ``xdist_group`` mark (``<nodeid>@<group>``, which its
    scheduler reads), done so that pytest 9 sees it: pytest 9 keeps the node id in ``_id``,
    and xdist (3.8) still writes ``_nodeid``, so without this every group is ignored and the
    tests sharing a fixture are spread over the workers, each building the fixture again."""
    nodeid = f"{item.nodeid}@{group}"
    if hasattr(item, "_id"):
        from _pytest.nodeid import coerce_node_id

        parsed = coerce_node_id(nodeid)
        if str(parsed) == nodeid:
            item._id = parsed
    else:
        item._nodeid = nodeid


@pytest.fixture(autouse=True)
def _progress_file(tmp_path_factory):
    # Not monkeypatch: an autouse monkeypatch here would be undone only after every
    # other fixture's teardown, so their own monkeypatches would still be in place then.
    before = os.environ.get("KAMLAB_PROGRESS")
    os.environ["KAMLAB_PROGRESS"] = str(tmp_path_factory.mktemp("progress") / "progress.json")
    yield
    if before is None:
        os.environ.pop("KAMLAB_PROGRESS", None)
    else:
        os.environ["KAMLAB_PROGRESS"] = before


def _deselect_other_editions(config, items) -> None:
    """Tests marked ``all_editions`` (the nbgrader round trip of every zh edition) run only
    when ``-m`` names that marker; otherwise they are deselected."""
    if "all_editions" in (config.getoption("markexpr") or ""):
        return
    keep = [item for item in items if item.get_closest_marker("all_editions") is None]
    if len(keep) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in keep])
        items[:] = keep
