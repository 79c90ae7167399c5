"""What each buyer said, counted by the slide's two lists."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from kamlib.data.goals_and_needs import load_buyer_quotes, load_buyers  # noqa: E402
from kamlib.models.goals_and_needs import needs_profile  # noqa: E402
from kamlib.plots.goals_and_needs import plot_needs_profile  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _profiles():
    quotes = load_buyer_quotes()
    return {b.name.en: needs_profile(quotes, b.id) for b in load_buyers().values()}


def test_ten_categories_business_on_top_one_bar_set_per_person():
    ax = plot_needs_profile(_profiles(), highlight=["cost", "survival"])
    labels = [t.get_text() for t in ax.texts][:10]  # the categories, top to bottom
    assert labels[:2] == ["volume", "cost"] and labels[-1] == "survival"
    assert [round(t.get_position()[1], 1) for t in ax.texts[:10]] == sorted(round(t.get_position()[1], 1)
                                                                              for t in ax.texts[:10])
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # the first category at the top
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Luo Bin", "Tang Yu", "Deng Qiang"]
    assert ax.get_xlabel() == "number of quotes" and "business needs and personal wishes" in ax.get_title()
    assert sum(p.get_width() for p in ax.patches if p.get_fill()) == len(load_buyer_quotes())


def test_bad_profiles_are_named():
    with pytest.raises(ValueError, match="profiles must map each person to a needs_profile"):
        plot_needs_profile({"Luo Bin": {"cost": 1}})
    assert not [p for p in plot_needs_profile().patches if p.get_width()]  # nothing heard yet: an empty chart
    with pytest.raises(ValueError, match="highlight item must be one of"):
        plot_needs_profile(_profiles(), highlight=["price"])


def test_the_chinese_edition_draws_every_label(recwarn):
    from kamlib.i18n import using_language
    from kamlib.plots.style import plot_language

    with using_language("zh"):
        if plot_language() != "zh":
            pytest.skip("no CJK font on this machine")
        quotes = load_buyer_quotes()
        ax = plot_needs_profile({b.name: needs_profile(quotes, b.id) for b in load_buyers().values()})
        ax.figure.canvas.draw()
        assert ax.texts[0].get_text() == "销量" and "罗斌" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert not [w for w in recwarn if "missing from" in str(w.message)]
