"""The key-account explorer: render_key_accounts scores, draws and lists; the widget wires."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from kamlib.data.key_accounts import load_accounts  # noqa: E402
from kamlib.models.key_accounts import (  # noqa: E402
    DEFAULT_ATTRACTIVENESS_WEIGHTS,
    DEFAULT_STRENGTH_WEIGHTS,
    score_accounts,
    shortlist,
)
from kamlib.widgets.key_accounts import key_accounts_explorer, render_key_accounts  # noqa: E402


def test_render_lists_the_models_shortlist_and_draws():
    accounts = load_accounts()
    view = render_key_accounts(accounts, DEFAULT_ATTRACTIVENESS_WEIGHTS, DEFAULT_STRENGTH_WEIGHTS, limit=5)
    chosen = shortlist(score_accounts(accounts), limit=5)
    assert view.problems == () and view.png[:4] == b"\x89PNG"
    assert all(f"<td>{k}</td>" in view.html for k in chosen)


def test_all_importance_at_zero_is_a_problem_not_an_error():
    zero = dict.fromkeys(DEFAULT_ATTRACTIVENESS_WEIGHTS, 0)
    view = render_key_accounts(load_accounts(), zero, DEFAULT_STRENGTH_WEIGHTS)
    assert view.png is None
    assert view.problems == ("attractiveness_importance: importance must not be all zero, got "
                             "{'budget': 0, 'growth': 0, 'prestige': 0, 'profitability': 0}",)


def test_bad_arguments_name_themselves():
    with pytest.raises(ValueError, match="strength_importance must have exactly the factors"):
        render_key_accounts(load_accounts(), DEFAULT_ATTRACTIVENESS_WEIGHTS, {"support": 1})
    with pytest.raises(ValueError, match="limit must be a whole number >= 1 or None"):
        render_key_accounts(load_accounts(), DEFAULT_ATTRACTIVENESS_WEIGHTS, DEFAULT_STRENGTH_WEIGHTS, limit=0)


def test_explorer_redraws_on_a_slider_move():
    widget = key_accounts_explorer()
    row, table = widget.children
    controls, image = row.children
    before = table.value
    sliders = [c for c in controls.children if hasattr(c, "max")]
    sliders[0].value = 0.0  # budget no longer matters
    sliders[1].value = 10.0
    assert image.value and table.value != before


def _pixels(png: bytes):
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.slow  # a sweep of full draws; make test runs it
def test_a_move_draws_the_same_pixels_as_a_full_draw():
    """The explorer draws the matrix once and the points on every move: the picture must be
    plot_selection_matrix's, pixel for pixel, also after moving back."""
    from kamlib.models.key_accounts import normalise_weights
    from kamlib.plots.key_accounts import plot_selection_matrix
    from kamlib.widgets.figure import Canvas
    from kamlib.widgets.key_accounts import _FIGSIZE

    accounts, canvas = load_accounts(), Canvas(figsize=_FIGSIZE)
    for prestige, limit in ((0, 10), (8, 4), (0, 10)):
        a = {**DEFAULT_ATTRACTIVENESS_WEIGHTS, "prestige": prestige}
        view = render_key_accounts(accounts, a, DEFAULT_STRENGTH_WEIGHTS, limit, canvas=canvas)
        scores = score_accounts(accounts, normalise_weights(a), normalise_weights(DEFAULT_STRENGTH_WEIGHTS))
        chosen = shortlist(scores, limit=limit)
        full = Canvas(figsize=_FIGSIZE)
        plot_selection_matrix(scores, ax=full.ax, highlight=chosen, annotate=chosen)
        assert (_pixels(view.png) == _pixels(full.png())).all()
        assert (_pixels(canvas.png()) == _pixels(full.png())).all()  # the figure holds what was drawn
