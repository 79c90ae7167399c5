"""Build a 90-day action plan in a form: pick the account, type a goal and watch its SMART cues
and the plan's problems update as you type, add it, and export the plan as a one-page HTML or
Markdown document. ``render_action_plan`` does the work; the widget only wires it.

>>> goal = {"text": "Li Wei: KA04 share of wallet from 45 % to 50 % by day 90", "owner": "Li Wei",
...         "metric": "share_of_wallet_pct", "baseline": 45, "target": 50, "deadline_days": 90}
>>> view = render_action_plan("KA04", [goal], draw=False)
>>> view.problems, "Invest selectively" in view.html
((), True)
>>> render_action_plan("KA04", [dict(goal, deadline_days=120)], draw=False).problems
('goals[0].deadline_days: 120 days: a deadline must be 1 to 90 days from the start',)
"""

from __future__ import annotations

import html as _html
from collections.abc import Mapping, Sequence

from kamlib.models import arguments as check
from kamlib.models.action_plan import (
    LINK_KINDS,
    METRICS,
    SMART_LETTERS,
    Goal,
    account_links,
    make_plan,
    plan_consistency,
    plan_problems,
    smart_cues,
)
from kamlib.text import Text
from kamlib.widgets.view import View, show

__all__ = ["render_action_plan", "action_plan_explorer"]

_FIGSIZE = (6.4, 2.6)
_MARGINS = (0.16, 0.3, 0.97, 0.88)
_TERMS = {"S": "smart_specific", "M": "smart_measurable", "A": "smart_assignable", "R": "smart_realistic",
          "T": "smart_time_related"}


_PICTURES: dict[tuple, bytes] = {}


def _grid_png(cues: list, canvas) -> bytes:
    """The SMART grid's PNG; it depends only on which cues were found, so a keystroke that
    changes no cue reuses the last drawing (the form stays quick as you type)."""
    from kamlib.plots.action_plan import plot_smart_cues
    from kamlib.plots.style import plot_language
    from kamlib.widgets.figure import canvas_or_new

    key = (tuple(tuple(c[x].found for x in SMART_LETTERS) for c in cues), plot_language())
    if key not in _PICTURES:
        canvas = canvas_or_new(canvas, _FIGSIZE, _MARGINS)
        plot_smart_cues(cues, [f"{Text.term('plan_goal')} {i + 1}" for i in range(len(cues))], ax=canvas.clear())
        if len(_PICTURES) >= 64:
            _PICTURES.pop(next(iter(_PICTURES)))
        _PICTURES[key] = canvas.png()
    return _PICTURES[key]


def render_action_plan(account: str, goals: Sequence[Mapping | Goal], links: Mapping[str, str] | None = None,
                       canvas=None, draw: bool = True) -> View:
    """Check a draft plan for ``account`` (an id of the running case): every goal's SMART cues
    (a table), the plan's problems naming the field (:func:`~kamlib.models.action_plan.plan_problems`),
    where it disagrees with the account's data, and the SMART grid. A problem is shown, not
    raised, so the form can update as you type; the cell and stage links come from the account
    when not given."""
    check.flag(draw, "draw")
    from kamlib.data.action_plan import goal_vocabulary
    from kamlib.data.key_accounts import load_accounts

    accounts = load_accounts()
    goals = check.items(goals, "goals", "a list of goals (Goal or dict)")
    problems = [f"{where}: {message}" for where, message in plan_problems(account, goals, accounts, links)]
    if any(p.startswith("account:") for p in problems):
        return View(html=f"<b style='color:#b3261e'>{Text.term('plan_problems')}</b><ul>"
                         + "".join(f"<li>{_html.escape(p)}</li>" for p in problems) + "</ul>",
                    problems=tuple(problems))
    owners = [(g.owner if isinstance(g, Goal) else str(g.get("owner", ""))) for g in goals]
    vocabulary = goal_vocabulary()
    cues = [smart_cues(str(g.text if isinstance(g, Goal) else g.get("text", "")) or "-", names=vocabulary,
                       owners=[o for o in owners if o.strip()]) for g in goals]
    marks = {True: "✔", False: "✘", None: "?"}
    head = "".join(f"<th title='{_html.escape(str(Text.term(_TERMS[x])))}'>{x}</th>" for x in SMART_LETTERS)
    rows = ""
    for i, (goal, found) in enumerate(zip(goals, cues, strict=True)):
        text = goal.text if isinstance(goal, Goal) else str(goal.get("text", ""))
        tips = "".join(f"<td title='{_html.escape(str(found[x].cue))}'>{marks[found[x].found]}</td>"
                       for x in SMART_LETTERS)
        rows += f"<tr><td>{i + 1}</td><td>{_html.escape(text)}</td>{tips}</tr>"
    cue_notes = "".join(f"<li><b>{x}</b> {_html.escape(str(Text.term(_TERMS[x])))}: "
                        f"{_html.escape(str(found_cue.cue))}</li>" for x, found_cue in cues[0].items()) if cues else ""
    table = (f"<table><tr><th>#</th><th>{Text.term('plan_goal')}</th>{head}</tr>{rows}</table>"
             f"<details><summary>{Text.term('smart_goal')}</summary><ul>{cue_notes}</ul></details>")
    links = dict(links or {})  # checked by plan_problems
    defaults = account_links(account, accounts)
    merged = {**defaults, **{k: v for k, v in links.items() if v.strip()}}
    picture = None
    if draw and cues:
        picture = _grid_png(cues, canvas)
    link_list = "".join(f"<li><b>{_html.escape(str(LINK_KINDS[k]))}</b>: {_html.escape(v)}</li>"
                        for k, v in merged.items() if k in LINK_KINDS)
    if problems:
        status = (f"<b style='color:#b3261e'>{Text.term('plan_problems')}</b><ul>"
                  + "".join(f"<li>{_html.escape(p)}</li>" for p in problems) + "</ul>")
    else:
        plan = make_plan(account, goals, accounts, links=merged)
        disagreements = [f"{where}: {message}" for where, message in plan_consistency(plan, accounts)]
        problems = disagreements
        status = (f"<b style='color:#1b6e31'>{Text.term('plan_ready')}</b>" if not disagreements else
                  f"<b style='color:#b3261e'>{Text.term('plan_problems')}</b><ul>"
                  + "".join(f"<li>{_html.escape(p)}</li>" for p in disagreements) + "</ul>")
    return View(html=table + status + f"<ul>{link_list}</ul>", png=picture, problems=tuple(problems))


def action_plan_explorer(example: bool = True):
    """The plan form: the account, a goal being typed (text, owner, metric, baseline, target,
    deadline), Add / Remove last, the links to earlier modules, and Export (HTML or Markdown,
    English or Chinese, to the path you type). Every keystroke re-checks the plan. With
    ``example`` the form starts from the running case's worked plan (Li Wei at KA04);
    ``example=False`` starts empty, for your own account."""
    import ipywidgets as w

    from kamlib.data.action_plan import export_action_plan, load_example_plan
    from kamlib.data.key_accounts import load_accounts
    from kamlib.widgets.figure import Canvas

    accounts = load_accounts()
    pick = w.Dropdown(options=[(f"{a.id} {a.name}", a.id) for a in accounts],
                      value="KA04",
                      description=str(Text("Account", "客户")))
    wide = w.Layout(width="560px")
    goal_text = w.Text(description=str(Text.term("plan_goal")), continuous_update=True, layout=wide)
    owner = w.Text(description=str(Text("Owner", "负责人")), continuous_update=True)
    metric = w.Dropdown(options=[(str(label), key) for key, (label, _, _) in METRICS.items()], value="volume_t",
                        description=str(Text("Metric", "指标")))
    baseline = w.FloatText(value=0.0, description=str(Text("Baseline", "基线")), continuous_update=True)
    target = w.FloatText(value=0.0, description=str(Text("Target", "目标值")), continuous_update=True)
    deadline = w.BoundedIntText(value=90, min=0, max=400, description=str(Text("Deadline (days)", "期限（天）")),
                                continuous_update=True)
    add, remove = w.Button(description=str(Text("Add goal", "添加目标"))), w.Button(description=str(
        Text("Remove last", "删除最后一个")))
    link_boxes = {k: w.Text(description="", placeholder=str(label), layout=wide) for k, label in LINK_KINDS.items()
                  if k not in ("cell", "stage")}
    path = w.Text(value="my_action_plan.html", description=str(Text("File", "文件")))
    language = w.Dropdown(options=[("English", "en"), ("中文", "zh")], value="en", description="")
    export, status = w.Button(description=str(Text.term("export_plan")), icon="download"), w.HTML()
    canvas = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
    image, out = w.Image(format="png", layout=w.Layout(width=f"{canvas.width_px}px")), w.HTML()
    added: list[dict] = []
    if check.flag(example, "example"):
        worked = load_example_plan()
        added += [{name: getattr(g, name) for name in ("text", "owner", "metric", "baseline", "target",
                                                       "deadline_days")} for g in worked.goals]
        for kind, box in link_boxes.items():
            box.value = worked.links.get(kind, "")

    def draft() -> dict:
        return {"text": goal_text.value, "owner": owner.value, "metric": metric.value, "baseline": baseline.value,
                "target": target.value, "deadline_days": deadline.value}

    def goals() -> list[dict]:
        return added + ([draft()] if goal_text.value.strip() else [])

    def links() -> dict:
        return {k: box.value for k, box in link_boxes.items()}

    def update(_change=None):
        show(render_action_plan(pick.value, goals(), links(), canvas=canvas), image, out)

    def on_add(_button):
        if goal_text.value.strip():
            added.append(draft())
            goal_text.value = ""  # triggers update

    def on_remove(_button):
        if added:
            added.pop()
            update()

    def on_export(_button):
        try:
            plan = make_plan(pick.value, goals(), accounts,
                             links={**account_links(pick.value, accounts), **{k: v for k, v in links().items() if v}})
            written = export_action_plan(plan, path.value, language.value)
            status.value = f"✔ {_html.escape(str(written))}"
        except (TypeError, ValueError) as err:
            status.value = f"<span style='color:#b3261e'>{_html.escape(str(err))}</span>"

    for control in (pick, goal_text, owner, metric, baseline, target, deadline, *link_boxes.values()):
        control.observe(update, names="value")
    add.on_click(on_add)
    remove.on_click(on_remove)
    export.on_click(on_export)
    update()
    form = w.VBox([pick, goal_text, w.HBox([owner, metric]), w.HBox([baseline, target]), deadline,
                   w.HBox([add, remove]), *link_boxes.values(), w.HBox([path, language, export]), status])
    return w.VBox([form, image, out])
