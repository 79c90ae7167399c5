"""The plan's timeline and the SMART-cue grid."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from kamlib.data.action_plan import load_example_plan  # noqa: E402
from kamlib.models.action_plan import smart_cues  # noqa: E402
from kamlib.plots.action_plan import plot_action_plan, plot_smart_cues  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_the_timeline_has_a_bar_per_goal_and_the_horizon():
    ax = plot_action_plan(load_example_plan("en"))
    assert len(ax.patches) == 3 and sorted(p.get_width() for p in ax.patches) == [42, 60, 90]
    assert ax.get_xlabel() == "days from the plan's start" and ax.get_title()
    assert "90-day horizon" in {t.get_text() for t in ax.texts}


def test_the_grid_marks_found_missing_and_judge():
    cues = [smart_cues("Li Wei: KA04 to 50 % by day 60", owners=["Li Wei"]), smart_cues("grow the business")]
    ax = plot_smart_cues(cues, ["good", "vague"])
    found, missing, judge = (len(c.get_offsets()) for c in ax.collections)
    assert (found, missing, judge) == (4, 4, 2)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["cue found", "cue missing", "judge it yourself"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["good", "vague"]


def test_bad_cues_are_named():
    with pytest.raises(TypeError, match="cues must hold what smart_cues returns"):
        plot_smart_cues([{"S": True}])
    with pytest.raises(ValueError, match="labels must have one label per goal"):
        plot_smart_cues([smart_cues("x")], ["a", "b"])


def test_both_plots_draw_in_chinese_without_missing_glyphs(recwarn):
    from kamlib.i18n import using_language
    from kamlib.plots.style import cjk_font

    if cjk_font() is None:
        pytest.skip("no CJK font installed: apt-get install fonts-wqy-microhei")
    with using_language("zh"):
        plan = load_example_plan()
        for ax in (plot_action_plan(plan), plot_smart_cues([smart_cues(g.text) for g in plan.goals])):
            ax.figure.canvas.draw()
            assert any(mark in ax.get_title() for mark in ("天", "线索"))
    assert not [w for w in recwarn if "missing from" in str(w.message)]
