"""SPIN widgets: a role-play call with a scenario's buyer (:func:`spin_selling_explorer`),
and a question-type explorer (:func:`spin_selling_classifier_explorer`).

Each is a thin view over a plain render function that returns a
:class:`~kamlib.widgets.view.View`, so it can be tested and timed without a browser:
:func:`render_spin_selling` takes the seller's next words to the buyer and shows the
call; :func:`render_spin_selling_classifier` shows a question's SPIN type and why.

>>> from kamlib.data.spin_selling import start_call
>>> call = start_call("cement_open_gear", language="en")
>>> html = render_spin_selling(call, "Are you happy with your grease consumption?").html
>>> "implied need" in html and "problem question" in html
True
"""

from __future__ import annotations

import html as _html

from kamlib.i18n import check_language, get_language
from kamlib.models.spin_selling.classifier import TYPE_KEYS, classify_question
from kamlib.models.spin_selling.roleplay import Debrief, RolePlayCall
from kamlib.text import Text
from kamlib.widgets.view import View, show

__all__ = [
    "render_spin_selling",
    "spin_selling_explorer",
    "render_spin_selling_classifier",
    "spin_selling_classifier_explorer",
]

_COLOURS = {"S": "#7f8c9a", "P": "#d08c2b", "I": "#b3261e", "N": "#1b7f3b", None: "#5b2a86"}
_FLAG_KEYS = {"early_pitch": "spin_early_pitch", "repeat": "spin_flag_repeat", "off_topic": "spin_flag_off_topic",
              "too_many_situation": "spin_flag_too_many_situation", "unlinked_pitch": "spin_flag_unlinked_pitch",
              "benefit": "spin_flag_benefit", "rude": "spin_flag_rude", "leading": "spin_flag_leading",
              "unclear": "spin_flag_unclear", "multi_part": "spin_flag_multi_part"}
_UNCOVERED_KEYS = {"implied": "implied_need", "explicit": "explicit_need", "met": "fab_benefit",
                   "fact": "spin_facts_learned", "decision": "spin_decision"}


def _esc(text: str) -> str:
    return _html.escape(text, quote=False)


def _term(key: str, language: str) -> str:
    return _esc(Text.term(key).get(language))


def _flag(flag: str, language: str) -> str:
    return Text.term(_FLAG_KEYS[flag]).get(language) if flag in _FLAG_KEYS else flag


def _uncovered(item: str, language: str) -> str:
    kind, _, what = item.partition(":")
    if kind in _UNCOVERED_KEYS:
        return f"{Text.term(_UNCOVERED_KEYS[kind]).get(language)}: {what}"
    return item  # developed: the need now feels serious


def _transcript_html(call: RolePlayCall) -> str:
    """The call so far: the buyer's opening, then each turn with the seller's words,
    their SPIN type, the buyer's reply, what it uncovered and the goodwill."""
    lang = call.language
    buyer = call.scenario.buyer
    who = _esc(f"{buyer.name.get(lang)}, {buyer.role.get(lang)}")
    rows = [f"<div style='margin:4px 0'><b>{_term('spin_buyer', lang)}</b> ({who}): {_esc(call.opening)}</div>"]
    for r in call.history:
        kind = Text.term(TYPE_KEYS[r.type] if r.type else "spin_statement").get(lang)
        badge = (f"<span style='background:{_COLOURS[r.type]};color:white;border-radius:3px;"
                 f"padding:0 4px;font-size:85%'>{_esc(r.type or '·')} {_esc(kind)}</span>")
        notes = [_flag(f, lang) for f in r.flags] + [_uncovered(u, lang) for u in r.uncovered]
        change = f" ({r.goodwill_change:+d})" if r.goodwill_change else ""
        note = f"<div style='color:#555;font-size:85%'>{_esc(' · '.join(notes))}</div>" if notes else ""
        rows.append(
            f"<div style='margin:6px 0;border-top:1px solid #ddd;padding-top:4px'>"
            f"<span style='color:#888'>{r.turn}.</span> <b>{_term('spin_seller', lang)}</b>: "
            f"{_esc(r.text)} {badge}<br><b>{_term('spin_buyer', lang)}</b>: {_esc(r.buyer)}{note}"
            f"<div style='font-size:80%;color:#1f4e79'>{_term('spin_goodwill', lang)}: "
            f"{'●' * r.goodwill}{'○' * (call.rules['goodwill_max'] - r.goodwill)} {r.goodwill}{change}</div></div>"
        )
    return "<div class='kamlib-spin-transcript'>" + "".join(rows) + "</div>"


def _debrief_html(debrief: Debrief, language: str) -> str:
    """A call's debrief: outcome, question mix, needs uncovered and missed, early pitches, tips."""
    mix = " · ".join(f"{Text.term(TYPE_KEYS[t]).get(language)} {n}" for t, n in debrief.mix.items())
    early = ", ".join(map(str, debrief.early_pitches)) or "—"
    items = [
        f"<b>{_term('spin_outcome', language)}: {_term(debrief.outcome.key, language)}</b> — "
        f"{_esc(debrief.outcome.reasons[0])}",
        f"{_term('spin_questions_asked', language)}: {_esc(mix)}",
        f"{_term('spin_needs_uncovered', language)}: {_esc(', '.join(debrief.needs_uncovered) or '—')}"
        f" ({_term('explicit_need', language)}: {_esc(', '.join(debrief.needs_explicit) or '—')})",
        f"{_term('spin_needs_missed', language)}: {_esc(', '.join(debrief.needs_missed) or '—')}",
        f"{_term('spin_facts_learned', language)}: {len(debrief.facts_learned)}/{debrief.facts_total}",
        f"{_term('spin_early_pitch', language)} ({_term('spin_turn', language)}): {_esc(early)}",
    ]
    if debrief.decision_learned:
        items.append(f"{_term('spin_decision', language)}: {_esc(', '.join(debrief.decision_learned))}")
    tips = "".join(f"<li>{_esc(t)}</li>" for t in debrief.tips)
    card = "".join(f"<tr><td>{_esc(m)}</td><td><b>{_esc(v)}</b></td><td style='color:#555'>{_esc(b)}</td></tr>"
                   for m, v, b in debrief.scorecard(language))
    card = (f"<table class='kamlib-spin-scorecard'><caption>{_term('spin_metrics_title', language)}</caption>"
            f"{card}</table>") if card else ""
    return (f"<div class='kamlib-spin-debrief'><h4>{_term('spin_debrief', language)}</h4><ul>"
            + "".join(f"<li>{i}</li>" for i in items) + f"</ul>{card}<ul>{tips}</ul></div>")


def render_spin_selling(call: RolePlayCall, said: str | None = None, end: bool = False) -> View:
    """Say ``said`` to the buyer (a question or a statement; None: nothing), end the
    call when ``end``, and show the transcript (and, once the call has ended, its
    debrief). What the engine rejects (empty words, a call already ended) comes back
    in ``problems`` and as a message above the transcript, never as a traceback."""
    if not isinstance(call, RolePlayCall):
        raise TypeError(f"call must be a RolePlayCall (from start_call), got {type(call).__name__}")
    if said is not None and not isinstance(said, str):
        raise TypeError(f"said must be the seller's words (a str) or None, got {type(said).__name__}")
    if not isinstance(end, bool):
        raise TypeError(f"end must be True or False, got {end!r}"[:300])
    problems = []
    if said is not None:
        try:
            call.ask(said)
        except (ValueError, RuntimeError) as err:
            problems.append(str(err))
    if end:
        call.end()
    parts = [f"<div style='color:#b3261e'>{_esc(p)}</div>" for p in problems]
    parts.append(_transcript_html(call))
    if call.ended is not None:
        parts.append(_debrief_html(call.debrief(), call.language))
    return View(html="".join(parts), problems=tuple(problems))


def spin_selling_explorer(scenario: str = "cement_open_gear", language: str | None = None):
    """A call with a scenario's buyer: type a question (or a statement) and Send, or
    pick a suggested one; End call shows the debrief; ↺ starts a new call.

    Parameters
    ----------
    scenario : str
        A scenario name (:func:`kamlib.data.spin_selling.list_scenarios`) or a path to a YAML file.
    language : {'en', 'zh'}, optional
        The buyer's language; default: :func:`kamlib.get_language`.
    """
    from kamlib.data.spin_selling import start_call

    state = {"call": start_call(scenario, language)}
    import ipywidgets as w

    lang = state["call"].language
    suggested = [q.get(lang) for q in state["call"].scenario.suggested_questions]
    box = w.Text(placeholder="…?", layout=w.Layout(width="520px"))
    send = w.Button(description=Text.term("spin_send").get(lang), button_style="primary")
    pick = w.Dropdown(options=[("—", "")] + [(q, q) for q in suggested],
                      description=Text.term("spin_suggested").get(lang), style={"description_width": "initial"},
                      layout=w.Layout(width="640px"))
    end = w.Button(description=Text.term("spin_end_call").get(lang), button_style="warning")
    new = w.Button(description="↺")
    title = w.HTML(f"<h4>{_esc(state['call'].scenario.title.get(lang))}</h4>")
    out = w.HTML()

    def on_send(_=None):
        show(render_spin_selling(state["call"], box.value), html=out)
        box.value = ""

    def on_pick(change):
        box.value = change["new"]

    def on_end(_=None):
        show(render_spin_selling(state["call"], end=True), html=out)

    def on_new(_=None):
        state["call"] = start_call(scenario, lang)
        show(render_spin_selling(state["call"]), html=out)

    send.on_click(on_send)
    pick.observe(on_pick, names="value")
    end.on_click(on_end)
    new.on_click(on_new)
    on_new()
    return w.VBox([title, pick, w.HBox([box, send, end, new]), out])


def render_spin_selling_classifier(text: str, language: str | None = None) -> View:
    """The SPIN type of ``text`` and the cues that decided it; when ``text`` is not a
    question, the reason is a problem (and a message), not a traceback.

    >>> render_spin_selling_classifier("Our oil is great.").problems[0][:30]
    'text must be a question (end w'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a question (a str), got {type(text).__name__}")
    language = get_language() if language is None else check_language(language)
    try:
        result = classify_question(text)
    except ValueError as err:
        return View(html=f"<div style='color:#b3261e'>{_esc(str(err))}</div>", problems=(str(err),))
    reasons = "".join(f"<li>{_esc(r)}</li>" for r in result.explain(language))
    return View(html=(f"<div><span style='background:{_COLOURS[result.type]};color:white;padding:2px 6px;"
                      f"border-radius:3px'>{result.type}</span> <b>{_term(TYPE_KEYS[result.type], language)}</b>"
                      f"<div>{_term('spin_reasons', language)}:</div><ul>{reasons}</ul></div>"))


def spin_selling_classifier_explorer(question: str = "What does an unplanned kiln stop cost you per day?",
                                     language: str | None = None):
    """Type a question, see its SPIN type and the cues that decided it."""
    first = render_spin_selling_classifier(question, language)
    language = get_language() if language is None else language
    import ipywidgets as w

    box = w.Text(value=question, description="?", layout=w.Layout(width="640px"), continuous_update=False)
    out = w.HTML(first.html)

    def update(change):
        show(render_spin_selling_classifier(change["new"], language), html=out)

    box.observe(update, names="value")
    return w.VBox([w.HTML(f"<b>{_term('spin_classifier_explorer', language)}</b>"), box, out])
