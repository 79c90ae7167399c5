"""Chinese labels in plots: drawn in a CJK font, or English with one notice; never boxes.

Every ``plot_*`` function in ``kamlib/plots/*.py`` is checked (found by glob, so new
plots are covered when they land). A plot whose required arguments are not known
here fails with a message naming EXAMPLES below (a new plot cannot go untested).
"""

from __future__ import annotations

import importlib
import inspect
import logging
import os
import re
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import kamlib  # noqa: E402
from kamlib.plots import style  # noqa: E402
from tests.plots.fit import misfits  # noqa: E402

PLOTS = Path(style.__file__).parent
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
GLYPH_MISSING = re.compile(r"Glyph \d+ .*missing from (current )?font", re.IGNORECASE)
INSTALL_HINT = "no CJK font installed: apt-get install fonts-wqy-microhei"


def _scores():
    from kamlib.data.key_accounts import load_accounts
    from kamlib.models.key_accounts import score_accounts

    return score_accounts(load_accounts())


def _accounts():
    from kamlib.data.key_accounts import load_accounts

    return load_accounts()


# plot function name -> () -> (args, kwargs), for plots with required arguments.
EXAMPLES = {
    "plot_selection_matrix": lambda: ((_scores(),), {"highlight": ["KA01"]}),
    "plot_pareto": lambda: ((_accounts(),), {}),
    "plot_staircase": lambda: ((), {"current": 2}),
    "plot_channel_map": lambda: ((_running_case_map(),), {}),
    "plot_inflows": lambda: ((_running_case_map(),), {}),
    "plot_segment_channels": lambda: ((_running_case_map(),), {}),
    "plot_top_routes": lambda: ((_running_case_map(),), {}),
    "plot_confusion": lambda: ((importlib.import_module("kamlib.models.spin_selling.classifier").evaluate_classifier(importlib.import_module("kamlib.data.spin_selling").load_spin_questions()),), {}),
    "plot_question_mix": lambda: ((_spin_debrief(),), {}),
    "plot_contact_network": lambda: ((_contact_network(),), {}),
    "plot_five_forces": lambda: ((_five_forces(),), {}),
    "plot_competitor_shares": lambda: _competitor_shares(),
    "plot_org_chart": lambda: _organisation("chart"),
    "plot_contact_matrix": lambda: _organisation("matrix"),
    "plot_control_chain": lambda: _bad_example("chain"),
    "plot_contacts": lambda: _bad_example("contacts"),
    "plot_action_plan": lambda: ((importlib.import_module("kamlib.data.action_plan").load_example_plan(),), {}),
    "plot_smart_cues": lambda: (([importlib.import_module("kamlib").smart_cues("Li Wei: KA04 to 50 % by day 60")],), {}),
    "plot_call_metrics": lambda: ((_spin_debrief(),), {}),
}


def _bad_example(which: str):
    data = importlib.import_module("kamlib.data.bad_example")
    if which == "chain":
        case = data.load_turbine_oil_case()
        return (case.stages, list(case.controls.values())), {}
    bowtie = data.load_bowtie_case()
    return (bowtie.seller, bowtie.buyer, bowtie.links["diamond"]), {"leaving": "du"}


def _organisation(which: str):
    case = importlib.import_module("kamlib.data.organisation_and_decision_chain").load_organisation()
    if which == "chart":
        return (case.chart, case.chain, case.matrix), {}
    return (case.matrix, case.chart), {}


def _five_forces():
    models = importlib.import_module("kamlib.models.background_analysis")
    return models.five_forces_pressure(dict.fromkeys(models.FORCES, 3))


def _competitor_shares():
    data = importlib.import_module("kamlib.data.background_analysis")
    models = importlib.import_module("kamlib.models.background_analysis")
    g = data.load_market_map()
    return (models.junction_shares(g, data.competitor_volumes()),), {}


def _contact_network():
    data = importlib.import_module("kamlib.data.relationship_stages")
    return data.load_contact_network(data.list_contact_networks()[0])


def _running_case_map():
    return importlib.import_module("kamlib.data.channel_maps").load_channel_map("running_case")


def _spin_debrief():
    from kamlib.data.spin_selling import start_call

    call = start_call("cement_open_gear", language="en")
    call.play(["How many kilns run?", "Our grease is synthetic.", "Are you happy with your grease consumption?"])
    return call.debrief()


def plot_functions() -> list[tuple[str, str]]:
    """(module, function) for every public plot_* defined in kamlib/plots/*.py."""
    found = []
    for path in sorted(PLOTS.glob("*.py")):
        if path.stem.startswith("_") or path.stem == "style":
            continue
        module = importlib.import_module(f"kamlib.plots.{path.stem}")
        for name, value in vars(module).items():
            if name.startswith("plot_") and inspect.isfunction(value) and value.__module__ == module.__name__:
                found.append((module.__name__, name))
    return found


def call_plot(module: str, name: str):
    function = getattr(importlib.import_module(module), name)
    if name in EXAMPLES:
        args, kwargs = EXAMPLES[name]()
    else:
        required = [
            p.name for p in inspect.signature(function).parameters.values()
            if p.default is inspect.Parameter.empty
            and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
        ]
        if required:
            pytest.fail(f"{name} needs {required}: add an example to EXAMPLES in {__file__}")
        args, kwargs = (), {}
    ax = function(*args, **kwargs)
    assert ax is not None, f"{name} must return its Axes"
    return ax.figure


def texts(figure) -> list[Text]:
    return [t for t in figure.findobj(Text) if t.get_text().strip()]


def draw_and_collect_missing_glyphs(figure, caplog) -> list[str]:
    """Draw ``figure``; every 'Glyph ... missing' message (warning or log record)."""
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        figure.canvas.draw()
    messages = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]
    return [m for m in messages if GLYPH_MISSING.search(m)]


def cjk_installed() -> bool:
    names = {f.name for f in font_manager.fontManager.ttflist}
    if any(family in names for family in style.CJK_FONTS):
        return True
    style.cjk_font.cache_clear()
    return style.cjk_font() is not None


@pytest.fixture(autouse=True)
def _restore_state():
    language = kamlib.get_language()
    families = list(matplotlib.rcParams["font.sans-serif"])
    yield
    kamlib.set_language(language)
    matplotlib.rcParams["font.sans-serif"] = families
    style.cjk_font.cache_clear()
    plt.close("all")


@pytest.fixture
def no_cjk_font(monkeypatch):
    """The machine as if no CJK font were installed, with the notice not yet shown."""
    style.cjk_font.cache_clear()
    monkeypatch.setattr(style, "cjk_font", lambda: None)
    monkeypatch.setitem(style._noticed, "fallback", False)


PLOT_IDS = [f"{m.rsplit('.', 1)[-1]}.{n}" for m, n in plot_functions()]


def test_plots_exist():
    assert plot_functions(), "no plot_* functions found in kamlib/plots/*.py"


# --- with a CJK font -------------------------------------------------------------------

def test_zh_selects_the_installed_cjk_font():
    if not cjk_installed():
        pytest.skip(INSTALL_HINT)
    kamlib.set_language("zh")
    assert style.plot_language() == "zh"
    family = style.cjk_font()
    assert matplotlib.rcParams["font.sans-serif"][0] == family
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_tiny_figure_zh_label_draws_without_missing_glyphs(caplog):
    if not cjk_installed():
        pytest.skip(INSTALL_HINT)
    kamlib.set_language("zh")
    figure, ax = plt.subplots()
    ax.set_title(style.text("key_account"))
    assert CJK.search(ax.get_title()), f"expected a Chinese title, got {ax.get_title()!r}"
    assert draw_and_collect_missing_glyphs(figure, caplog) == []


@pytest.mark.parametrize(("module", "name"), plot_functions(), ids=PLOT_IDS)
def test_plot_in_zh_uses_the_cjk_font(module, name, caplog):
    if not cjk_installed():
        pytest.skip(INSTALL_HINT)
    kamlib.set_language("zh")
    figure = call_plot(module, name)
    missing = draw_and_collect_missing_glyphs(figure, caplog)
    assert missing == [], f"{name} drew boxes: {missing[:3]}"
    chinese = [t for t in texts(figure) if CJK.search(t.get_text())]
    assert chinese, f"{name} in zh has no Chinese text: {[t.get_text() for t in texts(figure)][:8]}"
    expected = font_manager.FontProperties(family=style.cjk_font())
    want = font_manager.findfont(expected, fallback_to_default=False)
    for t in chinese:
        got = font_manager.findfont(t.get_fontproperties())
        assert got == want, f"{name}: {t.get_text()!r} is drawn with {got}, not {want}"


# --- without a CJK font ----------------------------------------------------------------

def test_zh_without_font_falls_back_to_english_with_one_notice(no_cjk_font, capsys, caplog):
    kamlib.set_language("zh")
    assert style.plot_language() == "en"
    assert style.text("key_account") == kamlib.label("key_account", "en")
    figure, ax = plt.subplots()
    ax.set_title(style.text("key_account"))
    assert draw_and_collect_missing_glyphs(figure, caplog) == []
    style.plot_language()
    out = capsys.readouterr().out
    assert out.count("no Chinese (CJK) font found") == 1, out
    assert "fonts-wqy-microhei" in out


@pytest.mark.parametrize(("module", "name"), plot_functions(), ids=PLOT_IDS)
def test_plot_in_zh_without_font_is_english(module, name, no_cjk_font, capsys, caplog):
    kamlib.set_language("zh")
    figure = call_plot(module, name)
    labels = [t.get_text() for t in texts(figure)]
    assert not [s for s in labels if CJK.search(s)], f"{name} fell back but shows Chinese: {labels}"
    assert draw_and_collect_missing_glyphs(figure, caplog) == []
    # once per kernel, however many plots ask (the test above asks twice)
    assert capsys.readouterr().out.count("no Chinese (CJK) font found") == 1


@pytest.mark.parametrize(("module", "name"), plot_functions(), ids=PLOT_IDS)
def test_plot_in_en_has_no_chinese(module, name):
    kamlib.set_language("en")
    labels = [t.get_text() for t in texts(call_plot(module, name))]
    assert not [s for s in labels if CJK.search(s)], labels


# --- a font installed after matplotlib built its cache ----------------------------------

STALE_CACHE = textwrap.dedent(
    """
    import warnings
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import font_manager
    import matplotlib.pyplot as plt
    from kamlib.plots import style

    manager = font_manager.fontManager
    # Forget the CJK fonts, as a cache built before `apt-get install` would.
    cjk_files = {f.fname for f in manager.ttflist if f.name in style.CJK_FONTS}
    manager.ttflist = [f for f in manager.ttflist if f.fname not in cjk_files]
    manager._findfont_cached.cache_clear()
    style.cjk_font.cache_clear()

    # As every plot does: the figure (and so the renderer) first, then the labels.
    fig, ax = plt.subplots()
    import kamlib
    kamlib.set_language("zh")
    assert style.plot_language() == "zh", "the rescan did not find the CJK font"
    ax.set_title(style.text("key_account"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing
    print("OK")
    """
)


def test_font_installed_after_cache_was_built_is_used(tmp_path):
    """cjk_font() rescans once when the cache does not know a CJK font; the rescanned
    fonts must reach the renderer too (which holds matplotlib's original manager)."""
    if not cjk_installed():
        pytest.skip(INSTALL_HINT)
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path), "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, "-c", STALE_CACHE], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0 and "OK" in done.stdout, done.stderr[-2000:]


def test_the_unseen_inline_draw_is_skipped_and_the_png_packed_fast(monkeypatch):
    """Under IPython, pyplot's after-cell hook is replaced in place (its order kept) by one that
    skips the draw under the inline backend only; the inline backend's PNG uses zlib level 1."""
    import types

    from matplotlib_inline.config import InlineBackend

    calls = []
    monkeypatch.setattr(plt, "_draw_all_if_interactive", lambda: calls.append("draw"))
    first, last = object(), object()
    hooks = [first, plt._draw_all_if_interactive, last]
    shell = types.SimpleNamespace(events=types.SimpleNamespace(callbacks={"post_execute": hooks}))
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))
    monkeypatch.setitem(style._hook, "replaced", False)
    config = InlineBackend.instance()
    monkeypatch.setattr(config, "print_figure_kwargs", {"bbox_inches": "tight"})

    style._skip_unseen_inline_draw()
    assert hooks == [first, style._draw_all_unless_inline, last]
    assert config.print_figure_kwargs == {"bbox_inches": "tight", "pil_kwargs": {"compress_level": 1}}
    style._skip_unseen_inline_draw()  # once only
    assert hooks.count(style._draw_all_unless_inline) == 1

    monkeypatch.setattr(matplotlib, "get_backend", lambda: "module://matplotlib_inline.backend_inline")
    style._draw_all_unless_inline()
    assert calls == []
    monkeypatch.setattr(matplotlib, "get_backend", lambda: "qtagg")
    style._draw_all_unless_inline()
    assert calls == ["draw"]


def test_the_inline_png_is_left_alone_when_the_user_chose_pil_options(monkeypatch):
    from matplotlib_inline.config import InlineBackend

    config = InlineBackend.instance()
    chosen = {"bbox_inches": "tight", "pil_kwargs": {"compress_level": 9}}
    monkeypatch.setattr(config, "print_figure_kwargs", dict(chosen))
    style._fast_inline_png()
    assert config.print_figure_kwargs == chosen


# --- the inline backend's PNG: no tight crop for figures that fit by their layout ----------


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.slow  # prints every plot in both languages
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize(("module", "name"), plot_functions(), ids=PLOT_IDS)
def test_plot_fits_its_canvas_so_the_inline_png_needs_no_tight_crop(module, name, language):
    """Every kamlib plot, printed as the inline backend prints it (IPython's print_figure with
    its 'tight' default, wrapped as :func:`style.axes` wraps it), is the whole canvas, and
    nothing of it lies outside: its tight bounding box is inside the figure."""
    from functools import partial

    from IPython.core.pylabtools import print_figure

    if language == "zh" and not cjk_installed():
        pytest.skip(INSTALL_HINT)
    kamlib.set_language(language)
    figure = call_plot(module, name)
    assert style._fits_by_layout(figure), f"{name} is not laid out by a constrained engine"
    printer = style._LaidOutUncropped(partial(print_figure, fmt="png", base64=False, bbox_inches="tight"))
    width, height = _png_size(printer(figure))
    assert (width, height) == tuple(round(v) for v in figure.get_size_inches() * figure.dpi)

    found = misfits(figure)
    assert not found, f"{name} ({language}): {'; '.join(found)}"


def test_a_figure_without_a_layout_engine_keeps_the_tight_crop():
    from functools import partial

    from IPython.core.pylabtools import print_figure

    figure, ax = plt.subplots(figsize=(4, 3))
    ax.plot([1, 2, 3])
    ax.set_ylabel("litres")
    assert not style._fits_by_layout(figure)
    printer = style._LaidOutUncropped(partial(print_figure, fmt="png", base64=False, bbox_inches="tight"))
    assert _png_size(printer(figure)) != (400, 300)  # cropped to its content
    figure.set_layout_engine("constrained")
    assert _png_size(printer(figure)) == (400, 300)


INLINE_SHELL = textwrap.dedent(
    """
    from IPython.core.interactiveshell import InteractiveShell
    from matplotlib.figure import Figure

    shell = InteractiveShell.instance()
    shell.run_cell(
        "import matplotlib.pyplot as plt\\n"
        "from kamlib.plots import style\\n"
        "kam = style.axes(figsize=(8, 3.6)).figure\\n"
        "plain, ax = plt.subplots(figsize=(4, 3))\\n"
        "ax.plot([1, 2, 3])\\n"
    ).raise_error()
    png = shell.display_formatter.formatters["image/png"]
    assert type(png.type_printers[Figure]).__name__ == "_LaidOutUncropped", png.type_printers[Figure]

    def size(fig):
        import base64
        data = base64.b64decode(png(fig))
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")

    assert size(shell.user_ns["kam"]) == (800, 360), size(shell.user_ns["kam"])
    assert size(shell.user_ns["plain"]) < (400, 300), size(shell.user_ns["plain"])
    # Formats chosen anew (here by the user, through the inline backend's settings): the
    # after-cell hook wraps the new printer again; a bbox_inches the user chose is kept.
    shell.run_cell("%config InlineBackend.figure_formats = ['retina']").raise_error()
    shell.run_cell("1").raise_error()
    assert type(png.type_printers[Figure]).__name__ == "_LaidOutUncropped", png.type_printers[Figure]
    shell.run_cell("%config InlineBackend.print_figure_kwargs = {'bbox_inches': None}").raise_error()
    shell.run_cell("1").raise_error()
    assert type(png.type_printers[Figure]).__name__ == "partial", png.type_printers[Figure]
    print("OK")
    """
)


def test_the_inline_backend_prints_kamlib_figures_uncropped_and_others_cropped(tmp_path):
    """In an IPython shell on the inline backend (a fresh process, as in a kernel)."""
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path), "MPLBACKEND": "module://matplotlib_inline.backend_inline",
           "IPYTHONDIR": str(tmp_path / "ipython")}
    done = subprocess.run(
        [sys.executable, "-c", INLINE_SHELL], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0 and "OK" in done.stdout, (done.stdout + done.stderr)[-3000:]


def test_panels_frame_a_figure_that_fits_and_the_check_sees_what_does_not():
    left, right = style.panels(2, figsize=(8, 3), margins=(0.1, 0.15, 0.95, 0.85), wspace=0.3)
    figure = left.figure
    assert style._fits_by_layout(figure) and figure.get_layout_engine() is None  # framed, no layout pass
    for ax in (left, right):
        ax.plot([1, 2, 3])
        ax.set_ylabel("tonnes a year")
    assert misfits(figure) == []

    right.set_yticks([1, 3], ["a tick label long enough to reach into the left panel", "3"])
    assert any("overlap" in m for m in misfits(figure))
    right.set_yticks([1, 3], ["1", "3"])
    figure.suptitle("a title set where the panels are", y=0.8)
    assert any("overlap" in m and "a title" in m for m in misfits(figure))
    figure.suptitle("")
    left.set_xlabel("cut at the bottom", fontsize=40)
    assert any("outside the canvas on the bottom" in m for m in misfits(figure))
    plt.close(figure)


@pytest.mark.parametrize(("arguments", "error"), [
    ({"count": 1}, ValueError), ({"count": "2"}, TypeError), ({"count": 2, "figsize": "wide"}, TypeError),
    ({"count": 2, "figsize": (0, 3)}, ValueError), ({"count": 2, "margins": (0.1, 0.1, 0.9)}, TypeError),
    ({"count": 2, "margins": (0.9, 0.1, 0.1, 0.9)}, ValueError), ({"count": 2, "wspace": -1}, ValueError),
])
def test_panels_refuses_bad_arguments_by_name(arguments, error):
    with pytest.raises(error, match=next(iter(arguments)) if len(arguments) == 1 else list(arguments)[1]):
        style.panels(**arguments)


def test_axes_framed_by_margins_shares_the_panels_frame_and_its_checks():
    ax = style.axes(figsize=(40, 35), margins=(0.01, 0.01, 0.99, 0.95))  # a very large map still draws
    assert style._fits_by_layout(ax.figure) and tuple(ax.figure.get_size_inches()) == (40, 35)
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="margins must be"):
        style.axes(margins=(0.5, 0.1, 0.4, 0.9))
