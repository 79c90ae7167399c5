"""The key-account explorer: move factor importance, watch the matrix and the
shortlist change. ``render_key_accounts`` does the work; the widget only wires it.

>>> from kamlib.data.key_accounts import load_accounts
>>> view = render_key_accounts(load_accounts(), {"budget": 1, "growth": 1, "prestige": 0, "profitability": 1},
...                            {"product_range": 1, "support": 1, "pricing": 1, "reputation": 1,
...                             "reliability": 1, "technical": 1}, draw=False)
>>> view.png is None, view.problems, "Invest for growth" in view.html
(True, (), True)
"""

from __future__ import annotations

import html as _html
from collections.abc import Mapping, Sequence

from kamlib.models import arguments as check
from kamlib.models.key_accounts import (
    ATTRACTIVENESS_FACTORS,
    DEFAULT_ATTRACTIVENESS_WEIGHTS,
    DEFAULT_STRENGTH_WEIGHTS,
    STRENGTH_FACTORS,
    Account,
    AccountScore,
    check_accounts,
    check_factor_map,
    normalise_weights,
    score_accounts,
    shortlist,
)
from kamlib.text import Text
from kamlib.widgets.view import View, show

__all__ = ["render_key_accounts", "key_accounts_explorer"]

_FIGSIZE = (7, 5.6)


def render_key_accounts(
    accounts: Sequence[Account],
    attractiveness_importance: Mapping[str, float],
    strength_importance: Mapping[str, float],
    limit: int | None = 10,
    canvas=None,
    draw: bool = True,
) -> View:
    """Score the portfolio with the given factor importance (any numbers >= 0, turned
    into weights that sum to 100), draw the selection matrix with the shortlist
    labelled (on ``canvas``, a new one when None; skipped when ``draw`` is False) and
    list the shortlist. All importance at zero on an axis is a problem, not an error:
    that is where a trainee's sliders can be. This is what every slider move calls."""
    check.flag(draw, "draw")
    accounts = check_accounts(accounts)
    importance = {
        "attractiveness_importance": check_factor_map("attractiveness_importance", attractiveness_importance,
                                                      ATTRACTIVENESS_FACTORS),
        "strength_importance": check_factor_map("strength_importance", strength_importance, STRENGTH_FACTORS),
    }
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ValueError(f"limit must be a whole number >= 1 or None, got {limit!r}"[:300])
    weights, problems = {}, []
    for name, values in importance.items():
        try:
            weights[name] = normalise_weights(values)
        except ValueError as err:
            problems.append(f"{name}: {err}")
    if problems:
        items = "".join(f"<li>{_html.escape(p)}</li>" for p in problems)
        return View(html=f"<b style='color:#b3261e'>{Text.term('weights_problem')}</b><ul>{items}</ul>",
                    problems=tuple(problems))
    a_weights, s_weights = weights["attractiveness_importance"], weights["strength_importance"]
    scores = score_accounts(accounts, a_weights, s_weights)
    chosen = shortlist(scores, limit=limit)
    picture = None
    if draw:
        from kamlib.plots.key_accounts import selection_matrix_background, selection_matrix_points
        from kamlib.plots.style import plot_language
        from kamlib.widgets.figure import canvas_or_new

        # the cells, axes and title are drawn once per language; a move redraws the points
        canvas = canvas_or_new(canvas, _FIGSIZE)
        ax = canvas.still(("selection_matrix", plot_language()), selection_matrix_background)
        picture = canvas.moving_png(selection_matrix_points(ax, scores, set(chosen), chosen))
    return View(html=_shortlist_html(accounts, a_weights, s_weights, scores, chosen), png=picture)


def _shortlist_html(accounts, a_weights, s_weights, scores: list[AccountScore], chosen: list[str]) -> str:
    names = {a.id: a.name for a in accounts}
    by_id = {s.id: s for s in scores}
    rows = "".join(
        f"<tr><td>{i}</td><td>{_html.escape(k)}</td><td>{_html.escape(names[k])}</td>"
        f"<td>{by_id[k].attractiveness:.1f}</td><td>{by_id[k].strength:.1f}</td><td>{by_id[k].cell}</td></tr>"
        for i, k in enumerate(chosen, 1)
    )
    weights = ", ".join(f"{Text.term('a_' + k)} {v}" for k, v in a_weights.items())
    strengths = ", ".join(f"{Text.term('s_' + k)} {v}" for k, v in s_weights.items())
    return (
        f"<b>{Text.term('weights')}</b> — {Text.term('account_attractiveness')}: {weights}<br>"
        f"{Text.term('relative_strength')}: {strengths}<br>"
        f"<table><tr><th>#</th><th>id</th><th>name</th><th>A</th><th>S</th><th>cell</th></tr>{rows}</table>"
    )


def key_accounts_explorer(accounts: Sequence[Account] | None = None, limit: int = 10):
    """Sliders for each factor's importance (0-10, turned into weights that sum to
    100); the selection matrix and the shortlist redraw on every move."""
    from kamlib.data.key_accounts import load_accounts
    from kamlib.widgets.figure import Canvas

    accounts = load_accounts() if accounts is None else check_accounts(accounts)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 3 <= limit <= 20:
        raise ValueError(f"limit must be a whole number from 3 to 20, got {limit!r}"[:300])
    import ipywidgets as w

    start_a = {k: v / 10 for k, v in DEFAULT_ATTRACTIVENESS_WEIGHTS.items()}
    start_s = {k: v / 5 for k, v in DEFAULT_STRENGTH_WEIGHTS.items()}

    def slider(prefix, factor, value):
        return w.FloatSlider(value=value, min=0, max=10, step=0.5, description=str(Text.term(prefix + factor)),
                             style={"description_width": "180px"}, layout=w.Layout(width="420px"),
                             continuous_update=False)

    a_sliders = {f: slider("a_", f, start_a[f]) for f in ATTRACTIVENESS_FACTORS}
    s_sliders = {f: slider("s_", f, start_s[f]) for f in STRENGTH_FACTORS}
    size = w.IntSlider(value=limit, min=3, max=20, description=str(Text.term("shortlist")),
                       continuous_update=False)
    canvas = Canvas(figsize=_FIGSIZE)
    image, table = w.Image(format="png", layout=w.Layout(width=f"{canvas.width_px}px")), w.HTML()

    def update(_change=None):
        view = render_key_accounts(accounts, {f: s.value for f, s in a_sliders.items()},
                                   {f: s.value for f, s in s_sliders.items()}, size.value, canvas)
        show(view, image, table)

    for control in [*a_sliders.values(), *s_sliders.values(), size]:
        control.observe(update, names="value")
    update()
    controls = w.VBox([
        w.HTML(f"<b>{Text.term('account_attractiveness')}</b>"), *a_sliders.values(),
        w.HTML(f"<b>{Text.term('relative_strength')}</b>"), *s_sliders.values(), size,
    ])
    return w.VBox([w.HBox([controls, image]), table])
