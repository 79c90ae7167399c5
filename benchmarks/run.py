"""KAM Lab performance harness: ``.venv/bin/python benchmarks/run.py`` (or ``make bench``).

Measures, on this machine, in one run:

* ``import kamlib`` in fresh interpreters (median of N), and which heavy packages it
  pulled in (none of matplotlib, networkx, ipywidgets, pandas, nbformat may be);
* every ``course/lec*.ipynb`` and ``course/zh/lec*.ipynb`` (the Chinese edition) executed
  headless by nbclient, against the one-figure reference notebook (pyplot imported, one
  line plotted, its inline PNG) run the same way in the same run (before every 13
  lectures), as a ratio; a trivial notebook (the kernel-start floor) is shown too.
  Ratios, not seconds, are the targets: other work on a shared machine slows every
  notebook of a run alike. Kernels cache byte-code as a trainee's do (see cache_bytecode);
* widget update latency for every explorer in ``kamlib/widgets/*.py`` (the widget
  contract: ``<stem>_explorer(...)`` over ``render_<stem>(...) -> View``): each explorer
  is built with its defaults, each control is moved repeatedly and every update is
  timed (inside an IPython shell with the inline backend); the ``render_*`` function(s)
  that explorer called are then replayed directly with the arguments it called them
  with, and the update's p95 is compared with theirs (the ratio: what the widget adds
  on top of its own render call);
* ``nbgrader autograde`` per submission for each assignment in exercises/source/,
  in a temp copy of the course (generate -> release copied as a submission -> autograde).

Targets: import <= 50 ms; every lecture <= 1.5x the one-figure reference notebook;
widget update p95 <= 100 ms and <= 3x the p95 of its own render call.
Prints a markdown table (PASS / MISS per row) and writes it to benchmarks/README.md.
``--check`` exits 1 on any MISS. Discovery is by glob, so new lectures, widgets and
exercises are measured as they land.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import inspect
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = Path(__file__).resolve().parent / "README.md"
HEAVY = ("matplotlib", "networkx", "ipywidgets", "pandas", "nbformat")
IMPORT_TARGET_MS = 50.0
NOTEBOOK_TARGET_RATIO = 1.5  # x the one-figure reference notebook, same run
WIDGET_TARGET_P95_MS = 100.0
WIDGET_TARGET_RATIO = 3.0  # update p95 / its render call's p95, same run
RATIO_FLOOR_MS = 5.0  # an update p95 below this is not judged by the ratio


@dataclass
class Row:
    section: str
    what: str
    measured: str
    target: str
    ok: bool | None  # None: informational or skipped
    ratio: str = ""  # against the run's own reference (notebooks) or render call (widgets)

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "MISS", None: "—"}[self.ok]


def median(values):
    return statistics.median(values) if values else float("nan")


def percentile(values, q):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- import ------------------------------------------------------------------------------

IMPORT_PROBE = (
    "import sys, time, json\n"
    "t = time.perf_counter()\n"
    "import kamlib\n"
    "t = time.perf_counter() - t\n"
    f"heavy = sorted(m for m in {HEAVY!r} if m in sys.modules)\n"
    "print(json.dumps({'seconds': t, 'heavy': heavy}))\n"
)


def bench_import(runs: int) -> list[Row]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    seconds, heavy = [], set()
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", IMPORT_PROBE], capture_output=True,
                              text=True, cwd=tempfile.gettempdir(), env=env, check=True)
        probe = json.loads(done.stdout.strip().splitlines()[-1])
        seconds.append(probe["seconds"])
        heavy.update(probe["heavy"])
    # -X importtime: kamlib's cumulative time and its slowest imports (one more run).
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import kamlib"],
                          capture_output=True, text=True, cwd=tempfile.gettempdir(), check=True)
    entries = []  # (self us, cumulative us, depth, name), children listed before parents
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            entries.append((int(match[1]), int(match[2]), len(match[3]), match[4]))
    at = next((i for i, e in enumerate(entries) if e[3] == "kamlib"), None)
    kamlib_cumulative, subtree = None, []
    if at is not None:
        kamlib_cumulative, depth = entries[at][1], entries[at][2]
        i = at
        while i > 0 and entries[i - 1][2] > depth:
            i -= 1
        subtree = entries[i:at + 1]
    heavy.update(m for m in HEAVY if any(e[3].split(".")[0] == m for e in subtree))
    slowest = sorted(subtree, reverse=True)[:3]
    ms = median(seconds) * 1000
    rows = [
        Row("import", f"`import kamlib`, fresh interpreter (median of {runs})",
            f"{ms:.1f} ms", f"≤ {IMPORT_TARGET_MS:.0f} ms", ms <= IMPORT_TARGET_MS),
        Row("import", "heavy packages imported by `import kamlib`",
            ", ".join(sorted(heavy)) or "none", "none of " + ", ".join(HEAVY), not heavy),
    ]
    if kamlib_cumulative is not None:
        top = ", ".join(f"{name} {self_us / 1000:.1f}" for self_us, _, _, name in slowest)
        rows.append(Row("import", "`-X importtime`: kamlib cumulative (slowest self, ms)",
                        f"{kamlib_cumulative / 1000:.1f} ms ({top})", "", None))
    return rows


# --- notebooks -----------------------------------------------------------------------

def execute_notebook(path: Path, timeout: int = 600) -> float:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute(stderr=subprocess.DEVNULL)  # the kernel's start-up chatter
    elapsed = time.perf_counter() - start
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        raise RuntimeError(f"{path.name}: {errors[0].get('ename')}: {errors[0].get('evalue')}")
    SLOWEST[lecture_name(path)] = max((cell_seconds(c), c.source.strip().splitlines()[0][:40])
                             for c in notebook.cells if c.cell_type == "code" and c.source.strip())
    return elapsed


SLOWEST: dict[str, tuple[float, str]] = {}  # notebook -> (seconds, first line) of its slowest cell


def lecture_name(path: Path) -> str:
    """``lec02_key_accounts.ipynb``, or ``zh/lec02_key_accounts.ipynb`` for the Chinese edition."""
    return path.relative_to(ROOT / "course").as_posix() if path.is_relative_to(ROOT / "course") else path.name


def cell_seconds(cell) -> float:
    """A cell's run time from nbclient's timing metadata (0 when absent)."""
    timing = cell.get("metadata", {}).get("execution", {})
    try:
        start = dt.datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
        end = dt.datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return 0.0
    return (end - start).total_seconds()


def trivial_notebook(directory: Path, source: str = "1 + 1", name: str = "floor") -> Path:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(source)]
    path = directory / f"{name}.ipynb"
    nbformat.write(notebook, path)
    return path


# What any lecture with a figure pays before its own content: pyplot and one inline PNG.
ONE_PLOT = "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3]);"


@contextlib.contextmanager
def cache_bytecode(directory: Path):
    """Let the kernels this run starts cache byte-code, as a trainee's kernels do, in a folder of
    this run, with kamlib compiled into it first.

    kamlib is installed in editable mode, so its modules are compiled when first imported.
    Where the environment turns the cache off (``PYTHONDONTWRITEBYTECODE``, as this project's
    CI machines do), every kernel would compile kamlib from source again, about 0.2 s a
    lecture, while the reference notebook imports only site-packages that pip compiled at
    install: the ratio would measure the environment, not the lecture.
    """
    saved = {k: os.environ.get(k) for k in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(directory)
    try:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kamlib")], check=True)
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def bench_notebooks(runs: int, only: tuple[str, ...] = ()) -> list[Row]:
    """Every lecture of both editions (course/ and course/zh/), or those whose file name
    contains one of ``only``."""
    lectures = [path for edition in ("course", "course/zh") for path in sorted((ROOT / edition).glob("lec*.ipynb"))
                if not only or any(part in path.name for part in only)]
    if not lectures:
        return [Row("notebooks", "course/lec*.ipynb", "none yet", "", None)]
    with tempfile.TemporaryDirectory() as tmp, cache_bytecode(Path(tmp) / "pycache"):
        floor_path = trivial_notebook(Path(tmp))
        plot_path = trivial_notebook(Path(tmp), ONE_PLOT, "one_plot")
        times: dict[str, list[float]] = {"floor": [], "one_plot": []}
        failures: dict[str, str] = {}
        for run in range(runs):
            log(f"notebooks: run {run + 1}/{runs}")
            for index, path in enumerate(lectures):
                if index % 13 == 0:
                    # The reference again every 13 lectures (once per edition), so that a
                    # run as long as two editions is compared with its own stretch of load.
                    times["floor"].append(execute_notebook(floor_path))
                    times["one_plot"].append(execute_notebook(plot_path))
                name = lecture_name(path)
                if name in failures:
                    continue
                # Executed in its own folder, so relative links and data behave as in class.
                try:
                    times.setdefault(name, []).append(execute_notebook(path))
                except Exception as error:  # noqa: BLE001 - reported as a row
                    failures[name] = str(error)[:200]
    floor = median(times["floor"])
    one_plot = median(times["one_plot"])
    target = f"≤ {NOTEBOOK_TARGET_RATIO:g}× reference"
    samples = len(times["one_plot"])
    rows = [Row("notebooks", f"trivial notebook (kernel start + 1 cell; floor, median of {samples})",
                f"{floor:.2f} s", "", None, "1.00× floor"),
            Row("notebooks", "**reference**: one-figure notebook (pyplot import + one line plot + its inline "
                f"PNG: what any lecture with a figure pays first; median of {samples})",
                f"{one_plot:.2f} s", "", None, f"1.00× ref · {one_plot / floor:.2f}× floor")]
    for path in lectures:
        name = lecture_name(path)
        if name in failures:
            rows.append(Row("notebooks", f"`{name}`", f"error: {failures[name]}", target, False))
            continue
        seconds = median(times[name])
        ratio = seconds / one_plot
        slow_s, slow_line = SLOWEST.get(name, (0.0, ""))
        rows.append(Row("notebooks", f"`{name}` (median of {runs}; slowest cell "
                        f"{slow_s:.2f} s: `{slow_line.replace('|', '/')}`)",
                        f"{seconds:.2f} s", target, ratio <= NOTEBOOK_TARGET_RATIO,
                        f"{ratio:.2f}× ref · {seconds / floor:.2f}× floor"))
    return rows


# --- widgets -------------------------------------------------------------------------

def ipython_shell():
    """An IPython shell with the inline backend, so display(fig) renders a PNG."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import select_figure_formats

    shell = InteractiveShell.instance()
    select_figure_formats(shell, {"png"})  # what the inline backend registers
    return shell


def controls_of(widget) -> list:
    """Every enabled input control under ``widget`` (buttons excluded: they change
    state in ways a generic driver cannot undo)."""
    import ipywidgets as w

    passive = (w.HTML, w.HTMLMath, w.Label, w.Image, w.Output, w.Valid, w.Button)
    found, stack, seen = [], [widget], set()
    while stack:
        node = stack.pop(0)
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.extend(getattr(node, "children", ()) or ())
        if isinstance(node, w.ValueWidget) and not isinstance(node, passive):
            if not getattr(node, "disabled", False):
                found.append(node)
    return found


def next_value(control, step: int):
    """A different valid value for ``control`` (alternating so it stays in range)."""
    value = control.value
    if hasattr(control, "options") and hasattr(control, "index") and not isinstance(control.index, tuple):
        count = len(control.options)
        current = -1 if control.index is None else control.index  # a menu with nothing chosen yet
        return ("index", (current + 1) % count) if count > 1 else None
    if isinstance(value, bool):
        return ("value", not value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        delta = getattr(control, "step", None) or 1
        lo, hi = getattr(control, "min", None), getattr(control, "max", None)
        up = value + delta
        down = value - delta
        if hi is not None and up > hi:
            return ("value", down)
        if lo is not None and down < lo:
            return ("value", up)
        return ("value", up if step % 2 == 0 else down)
    if isinstance(value, str):
        return ("value", value + " " if step % 2 == 0 else value.rstrip(" ") or value + ".")
    return None


def public_functions(module):
    names = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
    for name in names:
        value = getattr(module, name, None)
        if inspect.isfunction(value) and value.__module__ == module.__name__:
            yield name, value


def no_required_args(function) -> bool:
    return all(p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
               for p in inspect.signature(function).parameters.values())


def recorder(function, calls: dict, name: str):
    """``function``, also keeping the arguments of the first 50 calls it gets while an
    explorer is driven, in ``calls[name]`` (``calls`` is replaced per explorer)."""
    def wrapper(*args, **kwargs):
        store = calls["now"].setdefault(name, [])
        if len(store) < 50:
            store.append((args, kwargs))
        return function(*args, **kwargs)
    return wrapper


def replay(function, recorded: list, replays: int) -> tuple[list[float], list[str]]:
    samples, errors = [], []
    with contextlib.redirect_stdout(io.StringIO()):
        for i in range(replays):
            args, kwargs = recorded[i % len(recorded)]
            start = time.perf_counter()
            try:
                function(*args, **kwargs)
            except Exception as error:  # noqa: BLE001
                errors.append(repr(error))
                continue
            samples.append(time.perf_counter() - start)
    return samples, errors


def bench_widgets(moves: int, replays: int) -> list[Row]:
    try:
        import ipywidgets as w
    except ImportError:
        return [Row("widgets", "ipywidgets", "not installed", "", None)]
    import kamlib

    ipython_shell()
    language = kamlib.get_language()
    rows: list[Row] = []
    modules = sorted(p.stem for p in (ROOT / "kamlib" / "widgets").glob("*.py") if not p.stem.startswith("_"))
    for stem in modules:
        module = importlib.import_module(f"kamlib.widgets.{stem}")
        renders = {n: f for n, f in public_functions(module) if n.startswith("render_")}
        calls: dict = {"now": {}}
        replayed: set[str] = set()

        for name, function in renders.items():
            setattr(module, name, recorder(function, calls, name))
        try:
            for name, factory in public_functions(module):
                if not name.endswith("_explorer") or not no_required_args(factory):
                    continue
                calls["now"] = {}
                with contextlib.redirect_stdout(io.StringIO()):
                    start = time.perf_counter()
                    try:
                        widget = factory()
                    except Exception as error:  # noqa: BLE001 - reported as a row
                        rows.append(Row("widgets", f"`{stem}.{name}()`", f"error: {error!r}"[:120],
                                        "", False))
                        continue
                    build = time.perf_counter() - start
                if not isinstance(widget, w.Widget):
                    continue
                samples, errors = [], []
                controls = controls_of(widget)
                for control in controls:
                    for step in range(moves):
                        change = next_value(control, step)
                        if change is None:
                            break
                        with contextlib.redirect_stdout(io.StringIO()):
                            start = time.perf_counter()
                            try:
                                setattr(control, *change)
                            except Exception as error:  # noqa: BLE001
                                errors.append(repr(error))
                                continue
                            samples.append(time.perf_counter() - start)
                kamlib.set_language(language)
                widget.close_all() if hasattr(widget, "close_all") else widget.close()
                # its own render call(s), replayed with the arguments this explorer passed
                own = {n: recorded for n, recorded in calls["now"].items() if recorded}
                calls["now"] = {}
                direct: dict[str, list[float]] = {}
                direct_rows = []
                for render, recorded in own.items():
                    times, failed = replay(renders[render], recorded, replays)
                    kamlib.set_language(language)
                    direct[render] = times
                    replayed.add(render)
                    direct_rows.append(widget_row(f"`{stem}.{render}` direct, as `{name}()` calls it "
                                                  f"({len(times)} calls)", times, failed))
                rows.append(widget_row(f"`{stem}.{name}()` update ({len(controls)} controls, "
                                       f"{len(samples)} moves; build {build * 1000:.0f} ms)",
                                       samples, errors, direct))
                rows += direct_rows
            for name in renders:
                if name not in replayed:
                    rows.append(Row("widgets", f"`{stem}.{name}` direct", "not called by any explorer "
                                    "with default arguments", "", None))
        finally:
            for name, function in renders.items():
                setattr(module, name, function)
            import matplotlib.pyplot as plt

            plt.close("all")
    if not rows:
        rows.append(Row("widgets", "kamlib/widgets/*.py", "no explorers yet", "", None))
    return rows


def widget_row(what: str, samples: list[float], errors: list[str],
               direct: dict[str, list[float]] | None = None) -> Row:
    """An update row (``direct``: its render calls' times, for the ratio) or a direct row."""
    target = f"p95 ≤ {WIDGET_TARGET_P95_MS:.0f} ms"
    if direct is not None:
        target += f", ≤ {WIDGET_TARGET_RATIO:g}× render"
    if not samples:
        detail = f"no timed updates{': ' + errors[0] if errors else ''}"
        return Row("widgets", what, detail[:160], target, None)
    p50, p95 = percentile(samples, 50) * 1000, percentile(samples, 95) * 1000
    measured = f"p50 {p50:.1f} ms · p95 {p95:.1f} ms"
    if errors:
        measured += f" ({len(errors)} errors: {errors[0][:60]})"
    ok = p95 <= WIDGET_TARGET_P95_MS and not errors
    ratio = ""
    if direct is not None:
        # the slowest of its render calls (an explorer that calls two pays at least that one)
        own = max((percentile(t, 95) * 1000 for t in direct.values() if t), default=None)
        if own:
            ratio = f"{p95 / own:.2f}× render (p95 {own:.1f} ms)"
            # under RATIO_FLOOR_MS an update does not redraw: timer noise, not overhead
            ok = ok and (p95 <= WIDGET_TARGET_RATIO * own or p95 <= RATIO_FLOOR_MS)
        elif p95 > 1.0:  # it redraws but no render call was seen: nothing to compare with
            ratio = "no render call seen"
    return Row("widgets", what, measured, target, ok, ratio)


# --- nbgrader ------------------------------------------------------------------------

def nbgrader(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    # nbgrader runs `alembic` from PATH: put this interpreter's bin/ first.
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent),
                                                  os.environ.get("PATH", "")])}
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{done.stderr[-1500:]}")
    return elapsed


def bench_nbgrader(submissions: int) -> list[Row]:
    source = ROOT / "exercises" / "source"
    assignments = sorted(p.name for p in source.glob("*") if p.is_dir() and any(p.glob("*.ipynb")))
    if not assignments or not (ROOT / "exercises" / "nbgrader_config.py").exists():
        return [Row("nbgrader", "exercises/source/*", "no assignment yet", "", None)]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "exercises"
        course.mkdir()
        shutil.copy2(ROOT / "exercises" / "nbgrader_config.py", course)
        shutil.copytree(source, course / "source")
        if (ROOT / "exercises" / "keys").is_dir():  # the grader's side: hidden tests read the keys
            shutil.copytree(ROOT / "exercises" / "keys", course / "keys")
        for assignment in assignments:
            log(f"nbgrader: {assignment}")
            try:
                nbgrader(["generate_assignment", assignment, "--force"], course)
                for k in range(submissions):
                    target = course / "submitted" / f"trainee{k + 1}" / assignment
                    shutil.copytree(course / "release" / assignment, target)
                seconds = [
                    nbgrader(["autograde", assignment, "--student", f"trainee{k + 1}", "--force"], course)
                    for k in range(submissions)
                ]
            except Exception as error:  # noqa: BLE001 - reported as a row
                last = [line for line in str(error).splitlines() if line.strip()][-3:]
                rows.append(Row("nbgrader", f"`{assignment}`", "error: " + " / ".join(last)[-200:].replace("|", "/"),
                                "", False))
                continue
            rows.append(Row("nbgrader", f"`nbgrader autograde {assignment}`, one unanswered "
                            f"submission (median of {submissions})",
                            f"{median(seconds):.2f} s", "", None))
    return rows


# --- report --------------------------------------------------------------------------

def table(rows: list[Row]) -> str:
    lines = ["| section | measurement | result | ratio | target | verdict |", "|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row.section} | {row.what} | {row.measured} | {row.ratio} | {row.target} "
                     f"| {row.verdict} |")
    return "\n".join(lines)


def machine() -> str:
    return (f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
            f"{os.cpu_count()} CPUs")


WHY_NOTEBOOKS_MISS = """\
## What sets a lecture's ratio

The *reference* row is the floor of any notebook with a figure: pyplot imported in the
kernel and one inline PNG. A lecture pays that once, then its own cells: every inline figure
is laid out and drawn by the inline backend (a layout pass, then the PNG), each explorer
renders its first state, and every package it imports is loaded at start and torn down when
the kernel shuts down (pandas about 0.5 s in all, networkx about 0.2 s). The slowest cell is
named in each row. Both editions are measured (`zh/` rows); the reference is run again before
each edition. Kernels cache byte-code as a trainee's do: kamlib is installed editable, and where
the environment sets `PYTHONDONTWRITEBYTECODE` (this project's CI does) the harness gives the
kernels a private byte-code folder with kamlib compiled into it; without it every lecture
compiled kamlib from source again (about 0.2 s) while the reference imports only packages pip
compiled at install.

Done in the lectures (docs/writing-a-module.md, *Run-time budget*): each view is shown once
(where an explorer opens on the chart a static plot showed, the explorer takes its place:
lec01, lec02, lec04, lec05, lec07, lec08, lec11; lec04's change of person is read in the
explorer it opens on); what the text compares is one figure of several panels framed by fixed
margins, `kamlib.plots.style.panels` (lec02, lec10, lec11: no constrained-layout pass; the
notebook tests check each fits); tables are `kamlib.table(rows)`, an HTML table without pandas
(pandas stays the tool for analysis: `accounts_frame()`, `sectors_frame()`, the exercises);
lec09 shows its routes, inflows and segment channels as tables of the numbers its takeaways
quote; lec10 scores the classifier on the held-out split only (the fitted split is in
`python -m benchmarks.spin_classifier`) and prints its confusion matrices instead of drawing
them again, the question bank is scored without building the reasons it does not show, and
the bank is a CSV file (1,087 rows read in ~8 ms; as YAML it took 45-100 ms).

Done in kamlib: under the inline backend pyplot's unseen after-cell draw is skipped (about a
third of a figure's cost) and the PNG is packed by zlib level 1 instead of 6 (same pixels,
~10 % more bytes, half the encoding time of a large figure); a figure laid out by a
constrained engine, as every kamlib figure is, is printed with `bbox_inches=None` instead of
the inline backend's 'tight' (chosen per figure, so a trainee's `plt.plot` keeps the crop;
`tests/plots/test_style.py` checks that nothing lies outside the canvas); channel-map arrows
are cut at their boxes by two vectorised passes and kept out of the layout passes; YAML goes
through libyaml; widgets draw into a fixed Agg canvas at screen resolution. Figure DPI was
tried and left alone: at 67 dpi instead of 100 the running-case map cost the same (text
layout, not pixels, is the cost).

What is left is matplotlib's text layout and glyph drawing (a kamlib figure costs 0.2-0.6 s
after the first; the running-case channel map, about 70 labelled boxes and 48 arrows, is the
costliest), networkx's import where a lecture draws a graph (lec04, lec07, lec08, lec09), the
explorers' first render (with ipywidgets' import, ~0.06 s), and the kernel's shutdown: it takes
longer the more a lecture imported (~0.28 s after the reference, ~0.36 s after lec09, most of it
the interpreter's teardown and IPython's final `gc.collect()`), and nbclient polls for it every
0.1 s, so a lecture often pays one poll more than the reference. A machine shared with
other builds (see the load average) makes the seconds several times a quiet machine's and
the ratios noisy: compare ratios within one run and repeat.
"""


def merged_with_readme(rows: list[Row], sections: set[str]) -> list[Row]:
    """``rows`` for the sections just run, the README's rows for the others, in section
    order (ratios are only ever taken within one section, so they stay same-run)."""
    kept: list[Row] = []
    if README.exists():
        for line in README.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) == 6 and cells[0] in {"import", "notebooks", "widgets", "nbgrader"} \
                    and cells[0] not in sections:
                ok = {"PASS": True, "MISS": False}.get(cells[5])
                kept.append(Row(cells[0], cells[1], cells[2], cells[4], ok, cells[3]))
    order = ["import", "notebooks", "widgets", "nbgrader"]
    return sorted(kept + rows, key=lambda r: order.index(r.section) if r.section in order else 9)


def write_readme(rows: list[Row], seconds: float, sections: set[str] | None = None) -> None:
    README.write_text(
        "# Benchmarks\n\n"
        "Rerun on any machine: `make bench` (or `.venv/bin/python benchmarks/run.py`; "
        "`--help` for options, `--check` to fail on a MISS). What is measured and how is in "
        "the docstring of `benchmarks/run.py`; lectures, widgets and exercises are found by "
        "glob, so new ones are measured as they land.\n\n"
        "Targets: `import kamlib` ≤ 50 ms with no heavy package imported; every lecture "
        "notebook ≤ 1.5× the one-figure reference notebook (pyplot, one line plot, its inline "
        "PNG) executed in the same run; every widget update p95 ≤ 100 ms and ≤ 3× the p95 of "
        "its own `render_*` call replayed in the same run (not judged when the update's p95 is "
        f"under {RATIO_FLOOR_MS:g} ms: such moves do not redraw). Ratios are the targets because "
        "a shared machine slows a whole run alike; the seconds are shown to read them.\n\n"
        "Reading the table: an explorer's *update* row times one control move end to end "
        "(callback, model, drawing and, for a displayed figure, the PNG the inline backend "
        "makes); a *direct* row replays its `render_*` function with the arguments the "
        "explorer passed (model, drawing and its PNG, without the widget; the update row's ratio is "
        "against it). A p50 near 0 ms means most moves of that "
        "widget's controls do not redraw (e.g. an empty or invalid text field).\n\n"
        f"Last run: {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}, {machine()}, "
        f"took {seconds:.0f} s"
        + (f" (sections: {', '.join(sorted(sections))}; the other rows are from the run before)"
           if sections and sections != {"import", "notebooks", "widgets", "nbgrader"} else "")
        + f"; load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs.\n\n" + table(rows) + "\n\n" + WHY_NOTEBOOKS_MISS,
        encoding="utf-8",
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="import,notebooks,widgets,nbgrader",
                        help="comma-separated sections to run (default: all)")
    parser.add_argument("--import-runs", type=int, default=7)
    parser.add_argument("--notebook-runs", type=int, default=3)
    parser.add_argument("--lectures", default="",
                        help="comma-separated parts of lecture file names to run (default: every lecture, "
                             "both editions); implies --no-write")
    parser.add_argument("--moves", type=int, default=10, help="moves per widget control")
    parser.add_argument("--replays", type=int, default=30, help="direct calls per render_*")
    parser.add_argument("--submissions", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="do not update benchmarks/README.md")
    parser.add_argument("--check", action="store_true", help="exit 1 if any row is a MISS")
    args = parser.parse_args(argv)
    sections = {s.strip() for s in args.only.split(",") if s.strip()}
    # Self-checks in the lectures record progress: keep it out of the user's ~/.kamlab.
    progress = tempfile.TemporaryDirectory(prefix="kamlab-bench-")
    os.environ["KAMLAB_PROGRESS"] = str(Path(progress.name) / "progress.json")

    start = time.perf_counter()
    rows: list[Row] = []
    if "import" in sections:
        log("import ...")
        rows += bench_import(max(5, args.import_runs))
    if "notebooks" in sections:
        log("notebooks ...")
        rows += bench_notebooks(args.notebook_runs,
                                tuple(p.strip() for p in args.lectures.split(",") if p.strip()))
    if "widgets" in sections:
        log("widgets ...")
        rows += bench_widgets(args.moves, args.replays)
    if "nbgrader" in sections:
        log("nbgrader ...")
        rows += bench_nbgrader(args.submissions)
    elapsed = time.perf_counter() - start

    print(f"\nKAM Lab benchmarks — {machine()} — {elapsed:.0f} s\n")
    print(table(rows))
    misses = [r for r in rows if r.ok is False]
    print(f"\n{len(misses)} MISS, {sum(r.ok is True for r in rows)} PASS")
    if not args.no_write and not args.lectures:
        if sections != {"import", "notebooks", "widgets", "nbgrader"}:
            rows = merged_with_readme(rows, sections)  # the other sections' rows as last written
        write_readme(rows, elapsed, sections)
        print(f"written to {README.relative_to(ROOT)}")
    return 1 if (args.check and misses) else 0


if __name__ == "__main__":
    sys.exit(main())
