"""Build a value statement (价值陈述) for one of the running case's buyers from one business need
and one personal wish, see what the person said, and have the statement judged: does it answer a
need and a wish this person has shown, one of them, or neither? ``render_goals_and_needs`` does
the work; the widget only wires it.

>>> view = render_goals_and_needs("luo", "volume", "security", draw=False)
>>> view.problems, "serves both" in view.html
((), True)
>>> render_goals_and_needs("tang", "volume", "status", draw=False).problems[0][:22]
'serves neither: answer'
"""

from __future__ import annotations

import html as _html

from kamlib.models import arguments as check
from kamlib.models.goals_and_needs import (
    BUSINESS_NEEDS,
    PERSONAL_WISHES,
    needs_profile,
    value_statement,
)
from kamlib.text import Text
from kamlib.widgets.view import View, show

__all__ = ["render_goals_and_needs", "goals_and_needs_explorer"]

_FIGSIZE = (6.2, 4.4)
_MARGINS = (0.2, 0.12, 0.97, 0.92)
_VERDICT_COLOURS = {"both": "#1b7a3a", "business_only": "#9a6b00", "personal_only": "#9a6b00", "neither": "#b3261e"}


def statement_text(person: str, business: str | None, personal: str | None) -> Text:
    """The value statement's words: what the proposal does for the company, then for the person."""
    from kamlib.data.goals_and_needs import load_buyers, load_needs

    buyer, needs = load_buyers()[person], load_needs()
    en, zh = [], []
    if business:
        en.append(f"For Cloudridge Cement, our proposal {needs[business].offer.en}.")
        zh.append(f"对云岭水泥来说，我们的方案{needs[business].offer.zh}。")
    if personal:
        en.append(f"For you, {buyer.name.en}: {needs[personal].offer.en}.")
        zh.append(f"对{buyer.name.zh}您个人来说：{needs[personal].offer.zh}。")
    return Text(" ".join(en) or "…", "".join(zh) or "…")


def render_goals_and_needs(person: str, business: str | None, personal: str | None, canvas=None,
                           draw: bool = True) -> View:
    """The value statement for ``person`` (a running-case buyer id, see ``load_buyers``) built
    from ``business`` (one of the five business needs, or None) and ``personal`` (one of the five
    personal wishes, or None); the person's quotes by category, with the two choices outlined;
    and the verdict. A statement that serves neither, or that has nothing chosen, is a problem in
    the view, not an error."""
    from kamlib.data.goals_and_needs import buyer_needs, load_buyer_quotes, load_buyers

    buyers = load_buyers()
    check.one_of(person, "person", tuple(buyers))
    check.one_of(business, "business", (*BUSINESS_NEEDS, None))
    check.one_of(personal, "personal", (*PERSONAL_WISHES, None))
    check.flag(draw, "draw")
    buyer, quotes = buyers[person], [q for q in load_buyer_quotes() if q.person == person]
    needs, wishes = buyer_needs(person)
    judged = value_statement(business, personal, needs, wishes)
    picture = None
    if draw:
        from kamlib.plots.goals_and_needs import (
            needs_profile_bars,
            needs_profile_frame,
            needs_profile_moving,
            needs_profile_people,
        )
        from kamlib.plots.style import plot_language
        from kamlib.widgets.figure import canvas_or_new

        # the names, label and title once per language; the person's bars, scale, divider and
        # spines once per person; a choice redraws the outlines and the group names beside them
        canvas = canvas_or_new(canvas, _FIGSIZE, _MARGINS)
        people = needs_profile_people({buyer.name: needs_profile(quotes)})
        key = ("needs_profile", plot_language())

        def frame(ax):
            needs_profile_frame(ax)
            for artist in _framing(ax):  # drawn with the bars, in their place
                artist.set_visible(False)

        def bars(ax):
            drawn = needs_profile_bars(ax, people)
            for artist in _framing(ax):
                artist.set_visible(True)
            return sorted([*drawn, ax.xaxis, *ax.spines.values()], key=lambda artist: artist.get_zorder())

        ax = canvas.still(key, frame)
        canvas.still_layers((key, tuple((n, tuple(c.items())) for n, c in people)), bars, lambda ax: [])
        picture = canvas.moving_png(needs_profile_moving(ax, people, [c for c in (business, personal) if c]))
    said = "".join(f"<li>“{_html.escape(str(q.text))}” <i>({Text.term('need_' + q.category)})</i></li>" for q in quotes)
    head = (f"<b>{_html.escape(str(buyer.name))}, {_html.escape(str(buyer.role))}</b>"
            f"<ul style='margin-top:2px'>{said}</ul>")
    verdict = Text.term(f"verdict_{judged.verdict}")
    colour = _VERDICT_COLOURS[judged.verdict]
    body = (f"<p><b>{Text.term('value_statement')}</b>: {_html.escape(str(statement_text(person, business, personal)))}"
            f"</p><p style='color:{colour}'><b>{'⚠ ' if judged.verdict == 'neither' else ''}"
            f"{_html.escape(str(verdict))}</b></p>")
    problems = ()
    if judged.verdict == "neither":
        problems = (str(verdict),)
    return View(html=head + body, png=picture, problems=problems)


def _framing(ax) -> list:
    return [ax.xaxis, *ax.spines.values()]


def goals_and_needs_explorer(person: str = "luo"):
    """Pick a buyer, one business need and one personal wish; the statement, the buyer's quotes
    by category and the verdict update on every change."""
    import ipywidgets as w

    from kamlib.data.goals_and_needs import load_buyers
    from kamlib.widgets.figure import Canvas

    buyers = load_buyers()
    check.one_of(person, "person", tuple(buyers))
    none = str(Text.term("no_choice"))
    who = w.Dropdown(options=[(f"{b.name} ({b.role})", b.id) for b in buyers.values()], value=person,
                     description="", layout=w.Layout(width="320px"))
    business = w.Dropdown(options=[(none, "")] + [(str(Text.term(f"need_{c}")), c) for c in BUSINESS_NEEDS],
                          value=BUSINESS_NEEDS[0], description=str(Text.term("kind_business")),
                          style={"description_width": "110px"}, layout=w.Layout(width="320px"))
    personal = w.Dropdown(options=[(none, "")] + [(str(Text.term(f"need_{c}")), c) for c in PERSONAL_WISHES],
                          value=PERSONAL_WISHES[0], description=str(Text.term("kind_personal")),
                          style={"description_width": "110px"}, layout=w.Layout(width="320px"))
    canvas = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
    image, out = w.Image(format="png", layout=w.Layout(width=f"{canvas.width_px}px")), w.HTML()

    def update(_change=None):  # "" is the "(none)" option: a Dropdown's None would mean nothing is selected
        show(render_goals_and_needs(who.value, business.value or None, personal.value or None, canvas=canvas),
             image, out)

    for control in (who, business, personal):
        control.observe(update, names="value")
    update()
    return w.VBox([w.HBox([who, business, personal]), w.HBox([image, out])])
