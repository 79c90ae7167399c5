"""SPIN plots: return the Axes, never show, label in en and zh without missing glyphs."""

from __future__ import annotations

import warnings

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

import kamlib  # noqa: E402
from kamlib.data.spin_selling import start_call  # noqa: E402
from kamlib.models.spin_selling.classifier import evaluate_classifier  # noqa: E402
from kamlib.plots import spin_selling as spin_plots  # noqa: E402
from kamlib.plots.style import cjk_font  # noqa: E402

BANK = kamlib.load_spin_questions()


@pytest.fixture(autouse=True)
def _no_show_and_english(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("plots must not call show()")

    monkeypatch.setattr(plt, "show", boom)
    yield
    kamlib.set_language("en")
    plt.close("all")


def _debrief():
    call = start_call("cement_open_gear", language="en")
    call.play(["How many kilns run?", "Our grease is synthetic.", "Are you happy with your grease consumption?"])
    return call.debrief()


def _draw_all():
    return [
        spin_plots.plot_spin_flow(),
        spin_plots.plot_confusion(evaluate_classifier(BANK, split="heldout")),
        spin_plots.plot_question_mix(_debrief()),
    ]


def test_plots_return_axes_with_titles():
    for ax in _draw_all():
        assert isinstance(ax, matplotlib.axes.Axes)
        assert ax.get_title()


def test_plots_draw_on_a_given_axes():
    _, axs = plt.subplots(1, 3)
    assert spin_plots.plot_spin_flow(ax=axs[0]) is axs[0]
    assert spin_plots.plot_confusion(evaluate_classifier(BANK), ax=axs[1]) is axs[1]
    assert spin_plots.plot_question_mix(_debrief(), ax=axs[2]) is axs[2]


def test_flow_has_seven_steps_in_order():
    ax = spin_plots.plot_spin_flow()
    labels = [t.get_text().replace("\n", " ") for t in ax.texts]
    for step in ("situation question", "problem question", "implied need", "implication question",
                 "need-payoff question", "explicit need", "benefit"):
        assert step in labels
    assert [n for n, _, _ in spin_plots.FLOW_NODES] == ["S", "P", "implied", "I", "N", "explicit", "benefit"]


def test_question_mix_marks_early_pitches():
    ax = spin_plots.plot_question_mix(_debrief())
    assert [round(b.get_height()) for b in ax.patches] == [1, 1, 0, 0]
    assert any("feature pitched too early" in t.get_text() and "2" in t.get_text() for t in ax.texts)
    assert "continuation" in ax.get_title()


def test_bad_input_is_a_type_error():
    with pytest.raises(TypeError, match="report must be a ClassifierReport"):
        spin_plots.plot_confusion({"S": {}})
    with pytest.raises(TypeError, match="debrief must be a Debrief"):
        spin_plots.plot_question_mix(None)


@pytest.mark.skipif(cjk_font() is None, reason="no CJK font installed: apt-get install fonts-wqy-microhei")
def test_chinese_labels_without_missing_glyphs():
    kamlib.set_language("zh")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        axes = _draw_all()
        for ax in axes:
            ax.figure.canvas.draw()
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing
    assert "解决性问题" in [t.get_text() for t in axes[0].texts]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_call_metrics_plot_compares_calls_in_both_languages(language):
    from kamlib.data.spin_selling import load_scenario

    kamlib.set_language(language)
    debriefs = []
    for kind in ("good", "poor"):
        call = start_call("cement_open_gear", language=language)
        call.play(load_scenario("cement_open_gear").example_lines(kind, language))
        debriefs.append(call.debrief())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no missing glyphs
        ax = spin_plots.plot_call_metrics(debriefs, labels=["good", "poor"])
        ax.figure.canvas.draw()
    assert len(ax.patches) == 10 and ax.get_title()
    assert any("43" in t.get_text() for t in ax.get_legend().get_texts())
    with pytest.raises(TypeError, match="debriefs must be a Debrief"):
        spin_plots.plot_call_metrics("call")
    with pytest.raises(ValueError, match="labels must be a list of 2 str"):
        spin_plots.plot_call_metrics(debriefs, labels=["one"])
