"""Building a value statement for a running-case buyer: render does the work, the widget wires."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from kamlib.i18n import using_language  # noqa: E402
from kamlib.widgets.goals_and_needs import goals_and_needs_explorer, render_goals_and_needs  # noqa: E402


def test_render_builds_the_statement_and_judges_it_against_what_the_person_said():
    view = render_goals_and_needs("luo", "safety", "achievement")
    assert view.problems == () and view.png[:4] == b"\x89PNG"
    assert "For Cloudridge Cement, our proposal is applied without stopping" in view.html
    assert "For you, Luo Bin:" in view.html and "serves both" in view.html
    assert "it&#x27;s my name on the incident report" in view.html  # his quotes, beside the statement
    with using_language("zh"):
        assert "两者兼顾" in render_goals_and_needs("luo", "safety", "achievement", draw=False).html


def test_a_statement_for_someone_else_is_flagged():
    """The purchasing manager's stereotype (cost) fits Tang Yu; the maintenance manager's wish
    (security) does not: one side only. Volume and status serve neither: a problem in the view."""
    assert "business need only" in render_goals_and_needs("tang", "cost", "security", draw=False).html
    neither = render_goals_and_needs("tang", "volume", "status", draw=False)
    assert neither.problems and neither.problems[0].startswith("serves neither")
    assert render_goals_and_needs("deng", None, None, draw=False).problems
    with pytest.raises(ValueError, match="business must be one of 'volume'"):
        render_goals_and_needs("luo", "security", None)
    with pytest.raises(ValueError, match="person must be one of 'luo', 'tang', 'deng'"):
        render_goals_and_needs("li", "cost", None)


def test_explorer_redraws_on_a_change():
    widget = goals_and_needs_explorer()
    controls, shown = widget.children
    who, business, personal = controls.children
    image, out = shown.children
    before = out.value
    who.value = "tang"
    business.value = "cost"
    personal.value = "friendship"
    assert out.value != before and "serves both" in out.value and image.value
    business.index = 0  # (none)
    personal.index = 0
    assert business.label == "(none)" and "serves neither" in out.value


def _pixels(png: bytes):
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.slow  # a sweep of full draws; make test runs it
def test_a_choice_draws_the_same_pixels_as_a_full_draw():
    """The person's bars, names and axes drawn once per person and language, the outlines and the
    group names on every choice: the picture must be plot_needs_profile's, pixel for pixel."""
    from kamlib.data.goals_and_needs import load_buyer_quotes, load_buyers
    from kamlib.models.goals_and_needs import BUSINESS_NEEDS, PERSONAL_WISHES, needs_profile
    from kamlib.plots.goals_and_needs import plot_needs_profile
    from kamlib.widgets.figure import Canvas
    from kamlib.widgets.goals_and_needs import _FIGSIZE, _MARGINS

    buyers = load_buyers()
    canvas = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
    moves = [(person, business, personal, "en") for person in buyers
             for business, personal in ((BUSINESS_NEEDS[0], PERSONAL_WISHES[0]), (None, PERSONAL_WISHES[-1]),
                                        (BUSINESS_NEEDS[-1], None), (None, None))]
    moves += [("luo", BUSINESS_NEEDS[2], PERSONAL_WISHES[1], "zh"), ("tang", None, PERSONAL_WISHES[0], "zh"),
              ("luo", BUSINESS_NEEDS[0], PERSONAL_WISHES[0], "en")]
    for person, business, personal, language in moves:
        with using_language(language):
            view = render_goals_and_needs(person, business, personal, canvas=canvas)
            quotes = [q for q in load_buyer_quotes() if q.person == person]
            full = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
            plot_needs_profile({buyers[person].name: needs_profile(quotes)},
                               highlight=[c for c in (business, personal) if c], ax=full.ax)
            assert (_pixels(view.png) == _pixels(full.png())).all(), (person, business, personal, language)
            assert (_pixels(canvas.png()) == _pixels(full.png())).all()  # the figure holds what was drawn
