"""SPIN widgets: a role-play chat with a scenario's buyer, and a question-type explorer.

Every widget is a thin view: its callbacks call plain functions that return HTML
(:func:`render_transcript`, :func:`render_debrief`, :func:`roleplay_turn`,
:func:`render_classification`), so they can be tested and timed without a browser.

>>> from kamlib.models.spin_roleplay import start_call
>>> call = start_call("cement_open_gear", language="en")
>>> html = roleplay_turn(call, "Are you happy with your grease consumption?")
>>> "implied need" in html and "problem question" in html
True
"""

from __future__ import annotations

import html as _html

from kamlib.i18n import label
from kamlib.models.spin import TYPE_KEYS, classify_question
from kamlib.models.spin_roleplay import Debrief, RolePlayCall, start_call

__all__ = [
    "render_transcript",
    "render_debrief",
    "roleplay_turn",
    "render_classification",
    "spin_roleplay",
    "question_classifier_explorer",
]

_COLOURS = {"S": "#7f8c9a", "P": "#d08c2b", "I": "#b3261e", "N": "#1b7f3b", None: "#5b2a86"}
_FLAG_KEYS = {"early_pitch": "spin_early_pitch"}
_FLAG_TEXT = {
    "repeat": ("repeated", "重复"),
    "off_topic": ("off topic", "离题"),
    "too_many_situation": ("too many situation questions", "背景问题过多"),
    "unlinked_pitch": ("pitch answers no explicit need", "推介未对应明确需求"),
    "benefit": ("benefit: meets an explicit need", "利益：满足明确需求"),
}
_UNCOVERED_KEYS = {"implied": "implied_need", "explicit": "explicit_need", "met": "fab_benefit"}


def _esc(text: str) -> str:
    return _html.escape(text, quote=False)


def _flag(flag: str, language: str) -> str:
    if flag in _FLAG_KEYS:
        return label(_FLAG_KEYS[flag], language)
    en, zh = _FLAG_TEXT.get(flag, (flag, flag))
    return zh if language == "zh" else en


def _uncovered(item: str, language: str) -> str:
    kind, _, what = item.partition(":")
    if kind in _UNCOVERED_KEYS:
        return f"{label(_UNCOVERED_KEYS[kind], language)}: {what}"
    if kind == "fact":
        return f"{label('spin_facts_learned', language)}: {what}"
    return item  # developed: the need now feels serious


def render_transcript(call: RolePlayCall) -> str:
    """The call so far as HTML: the buyer's opening, then each turn with the seller's
    words, their SPIN type, the buyer's reply, what it uncovered and the goodwill."""
    if not isinstance(call, RolePlayCall):
        raise TypeError(f"call must be a RolePlayCall (from start_call), got {type(call).__name__}")
    lang = call.language
    buyer = call.scenario.buyer
    who = _esc(f"{buyer.name.get(lang)}, {buyer.role.get(lang)}")
    rows = [f"<div style='margin:4px 0'><b>{_esc(label('spin_buyer', lang))}</b> ({who}): "
            f"{_esc(call.opening)}</div>"]
    for r in call.history:
        kind = label(TYPE_KEYS[r.type], lang) if r.type else label("spin_statement", lang)
        badge = (f"<span style='background:{_COLOURS[r.type]};color:white;border-radius:3px;"
                 f"padding:0 4px;font-size:85%'>{_esc(r.type or '·')} {_esc(kind)}</span>")
        notes = [_flag(f, lang) for f in r.flags] + [_uncovered(u, lang) for u in r.uncovered]
        change = f" ({r.goodwill_change:+d})" if r.goodwill_change else ""
        note = f"<div style='color:#555;font-size:85%'>{_esc(' · '.join(notes))}</div>" if notes else ""
        rows.append(
            f"<div style='margin:6px 0;border-top:1px solid #ddd;padding-top:4px'>"
            f"<span style='color:#888'>{r.turn}.</span> <b>{_esc(label('spin_seller', lang))}</b>: "
            f"{_esc(r.text)} {badge}<br><b>{_esc(label('spin_buyer', lang))}</b>: {_esc(r.buyer)}{note}"
            f"<div style='font-size:80%;color:#1f4e79'>{_esc(label('spin_goodwill', lang))}: "
            f"{'●' * r.goodwill}{'○' * (call.rules['goodwill_max'] - r.goodwill)} {r.goodwill}{change}</div></div>"
        )
    return "<div class='kamlib-spin-transcript'>" + "".join(rows) + "</div>"


def render_debrief(debrief: Debrief, language: str = "en") -> str:
    """A call's debrief as HTML: outcome, question mix, needs uncovered and missed,
    early pitches and tips."""
    if not isinstance(debrief, Debrief):
        raise TypeError(f"debrief must be a Debrief (from call.debrief()), got {type(debrief).__name__}")
    lab = lambda key: _esc(label(key, language))  # noqa: E731
    mix = " · ".join(f"{label(TYPE_KEYS[t], language)} {n}" for t, n in debrief.mix.items())
    early = ", ".join(map(str, debrief.early_pitches)) or "—"
    items = [
        f"<b>{lab('spin_outcome')}: {lab(debrief.outcome.key)}</b> — {_esc(debrief.outcome.reasons[0])}",
        f"{lab('spin_questions_asked')}: {_esc(mix)}",
        f"{lab('spin_needs_uncovered')}: {_esc(', '.join(debrief.needs_uncovered) or '—')}"
        f" ({lab('explicit_need')}: {_esc(', '.join(debrief.needs_explicit) or '—')})",
        f"{lab('spin_needs_missed')}: {_esc(', '.join(debrief.needs_missed) or '—')}",
        f"{lab('spin_facts_learned')}: {len(debrief.facts_learned)}/{debrief.facts_total}",
        f"{lab('spin_early_pitch')} ({lab('spin_turn')}): {_esc(early)}",
    ]
    tips = "".join(f"<li>{_esc(t)}</li>" for t in debrief.tips)
    return (f"<div class='kamlib-spin-debrief'><h4>{lab('spin_debrief')}</h4><ul>"
            + "".join(f"<li>{i}</li>" for i in items) + f"</ul><ul>{tips}</ul></div>")


def roleplay_turn(call: RolePlayCall, text: str) -> str:
    """Send ``text`` to the buyer (a question, or a statement) and return the new
    transcript HTML. Input the engine rejects (empty text, a call already ended)
    comes back as a message above the transcript, never as a traceback."""
    try:
        call.ask(text)
    except (ValueError, TypeError, RuntimeError) as err:
        return f"<div style='color:#b3261e'>{_esc(str(err))}</div>" + render_transcript(call)
    return render_transcript(call)


def render_classification(text: str, language: str = "en") -> str:
    """The SPIN type of ``text`` and the cues that decided it, as HTML; a message
    (not a traceback) when ``text`` is not a question."""
    try:
        result = classify_question(text)
    except (ValueError, TypeError) as err:
        return f"<div style='color:#b3261e'>{_esc(str(err))}</div>"
    name = label(TYPE_KEYS[result.type], language)
    reasons = "".join(f"<li>{_esc(r)}</li>" for r in result.reasons)
    return (f"<div><span style='background:{_COLOURS[result.type]};color:white;padding:2px 6px;"
            f"border-radius:3px'>{result.type}</span> <b>{_esc(name)}</b>"
            f"<div>{_esc(label('spin_reasons', language))}:</div><ul>{reasons}</ul></div>")


def spin_roleplay(scenario: str = "cement_open_gear", language: str | None = None):
    """A chat with a scenario's buyer: type a question (or a statement) and Send, or
    pick a suggested one; End call shows the debrief; New call starts again.

    Parameters
    ----------
    scenario : str
        A scenario name (:func:`kamlib.data.spin.list_scenarios`) or a path to a YAML file.
    language : {'en', 'zh'}, optional
        The buyer's language; default: :func:`kamlib.get_language`.
    """
    import ipywidgets as w

    state = {"call": start_call(scenario, language)}
    lang = state["call"].language
    suggested = [q.get(lang) for q in state["call"].scenario.suggested_questions]
    box = w.Text(placeholder="…?", layout=w.Layout(width="520px"))
    send = w.Button(description=label("spin_send", lang), button_style="primary")
    pick = w.Dropdown(options=[("—", "")] + [(q, q) for q in suggested],
                      description=label("spin_suggested", lang), style={"description_width": "initial"},
                      layout=w.Layout(width="640px"))
    end = w.Button(description=label("spin_end_call", lang), button_style="warning")
    new = w.Button(description="↺")
    transcript = w.HTML(render_transcript(state["call"]))
    debrief = w.HTML()
    title = w.HTML(f"<h4>{_esc(state['call'].scenario.title.get(lang))}</h4>")

    def on_send(_=None):
        transcript.value = roleplay_turn(state["call"], box.value)
        box.value = ""

    def on_pick(change):
        box.value = change["new"]

    def on_end(_=None):
        state["call"].end()
        debrief.value = render_debrief(state["call"].debrief(), lang)

    def on_new(_=None):
        state["call"] = start_call(scenario, lang)
        transcript.value = render_transcript(state["call"])
        debrief.value = ""

    send.on_click(on_send)
    pick.observe(on_pick, names="value")
    end.on_click(on_end)
    new.on_click(on_new)
    return w.VBox([title, transcript, pick, w.HBox([box, send, end, new]), debrief])


def question_classifier_explorer(question: str = "What does an unplanned kiln stop cost you per day?",
                                 language: str | None = None):
    """Type a question, see its SPIN type and the cues that decided it."""
    import ipywidgets as w

    from kamlib.i18n import get_language

    language = language or get_language()
    box = w.Text(value=question, description="?", layout=w.Layout(width="640px"),
                 continuous_update=False)
    out = w.HTML(render_classification(question, language))

    def update(change):
        out.value = render_classification(change["new"], language)

    box.observe(update, names="value")
    return w.VBox([w.HTML(f"<b>{_esc(label('spin_classifier_explorer', language))}</b>"), box, out])
