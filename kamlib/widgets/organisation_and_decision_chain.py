"""Edit the contact matrix (客户接触矩阵) of the running case's customer and watch role coverage,
the roles nobody covers, the KAM's route to the decider and the single points of failure update.
``render_organisation_and_decision_chain`` does the work; the widget only wires it.

>>> view = render_organisation_and_decision_chain(draw=False)
>>> view.problems, "decider" in view.html, "71 %" in view.html
((), True, True)
>>> "100 %" in render_organisation_and_decision_chain({"kam": {"pm": 2, "gm": 2}}, draw=False).html
False
"""

from __future__ import annotations

import html as _html
from collections.abc import Mapping

from kamlib.models import arguments as check
from kamlib.models.organisation_and_decision_chain import (
    WORKING,
    contact_matrix,
    coverage_share,
    role_holders,
    route_to,
    single_points_of_failure,
    uncovered_roles,
)
from kamlib.text import Text
from kamlib.widgets.view import View

__all__ = ["render_organisation_and_decision_chain", "organisation_and_decision_chain_explorer"]



def render_organisation_and_decision_chain(strengths: Mapping[str, Mapping[str, int]] | None = None,
                                           threshold: int = WORKING, customer: str = "northbridge",
                                           draw: bool = True) -> View:
    """The running case with the contact matrix ``strengths`` (``{our person: {their person: 0-3}}``;
    None: the matrix on file; a cell left out is 0): the heatmap (``draw``), the share of buying-centre roles
    we reach at ``threshold`` or more, the roles nobody covers, the shortest route from the KAM to
    the decider, and our single points of failure. A decider out of reach is a problem in the view."""
    check.flag(draw, "draw")
    from kamlib.data.organisation_and_decision_chain import load_organisation, load_team

    case = load_organisation(customer)
    threshold = check.whole_number(threshold, "threshold", 1, 3)
    if strengths is None:
        strengths = case.matrix.as_dict()
    matrix = contact_matrix(strengths, case.chart)
    names = {m.id: m.name for m in load_team()}
    heat = _heatmap(matrix, case, names) if draw else ""
    share = coverage_share(case.chart, matrix, threshold)
    gaps = uncovered_roles(case.chart, matrix, threshold)
    holders = role_holders(case.chart)
    problems = []
    start = "kam" if "kam" in matrix.ours else matrix.ours[0]
    routes = []
    for decider in holders.get("decider", ()):
        route = route_to(case.chart, matrix, start, decider, threshold)
        if route:
            routes.append(" → ".join(str(case.label(p)) for p in route))
        else:
            problems.append(str(Text(f"no route from {case.label(start).en} to the decider {case.label(decider).en} "
                                     f"at strength {threshold} or more",
                                     f"在强度 {threshold} 及以上，从{case.label(start).zh}到决策者"
                                     f"{case.label(decider).zh}没有路径")))
    spof = single_points_of_failure(case.chart, matrix, threshold)
    none = str(Text.term("none_label"))

    def role(r):
        return f"{Text.term('role_' + r)} ({', '.join(str(case.person(p).name) for p in holders[r])})"

    rows = [
        (Text.term("role_coverage_label"), f"<b>{share * 100:.0f} %</b> ({len(holders) - len(gaps)}/{len(holders)}, "
                                           f"≥ {threshold})"),
        (Text.term("uncovered_label"), _html.escape("; ".join(role(r) for r in gaps) or none)),
        (Text.term("route_label"), _html.escape(" | ".join(routes) or str(Text.term("no_route")))),
        (Text.term("spof_label"), _html.escape("; ".join(
            f"{case.label(o)}: {', '.join(str(case.person(t).name) for t in ts)}" for o, ts in spof.items()) or none)),
    ]
    table = "<table>" + "".join(f"<tr><td style='padding-right:12px'>{_html.escape(str(k))}</td><td>{v}</td></tr>"
                                for k, v in rows) + "</table>"
    if problems:
        table += "<ul style='color:#b3261e'>" + "".join(f"<li>{_html.escape(p)}</li>" for p in problems) + "</ul>"
    return View(html=heat + table, problems=tuple(problems))


_GREENS = ("#f4f9f4", "#c7e9c0", "#74c476", "#238b45")


def _heatmap(matrix, case, names) -> str:
    """The contact matrix as a heatmap in HTML (a table redraws in a millisecond, a figure in a
    tenth of a second): our people down, their people across with their roles, 0-3 in each cell,
    and our best contact with each of their people in the last row."""
    def cell(s, bold=False):
        colour = "white" if s >= 2 else "#333"
        weight = "bold" if bold else "normal"
        return (f"<td style='background:{_GREENS[s]};color:{colour};text-align:center;width:46px;"
                f"font-weight:{weight}'>{s}</td>")

    head = "".join(f"<th style='font-size:80%;font-weight:normal;padding:2px'>{_html.escape(str(case.person(t).name))}"
                   f"<br><i>{_html.escape('/'.join(str(Text.term('role_' + r)) for r in case.person(t).roles))}</i></th>"
                   for t in matrix.theirs)
    body = "".join(f"<tr><td style='padding-right:8px'>{_html.escape(str(names.get(o, o)))}</td>"
                   + "".join(cell(s) for s in row) + "</tr>" for o, row in zip(matrix.ours, matrix.strengths, strict=True))
    best = (f"<tr><td style='padding-right:8px'><i>{_html.escape(str(Text('best', '最强')))}</i></td>"
            + "".join(cell(matrix.best(t), True) for t in matrix.theirs) + "</tr>")
    title = _html.escape(str(Text.term("contact_matrix_title")))
    return f"<p><b>{title}</b></p><table style='border-collapse:collapse'><tr><th></th>{head}</tr>{body}{best}</table>"


def organisation_and_decision_chain_explorer(customer: str = "northbridge"):
    """A grid of the contact matrix (our people × their people, each 0-3) and the threshold for a
    working relationship; the heatmap, coverage, gaps, route and single points of failure update
    on every change."""
    import ipywidgets as w

    from kamlib.data.organisation_and_decision_chain import load_organisation, load_team
    from kamlib.widgets.view import show

    case = load_organisation(customer)
    names = {m.id: m.name for m in load_team()}
    cells = {(o, t): w.Dropdown(options=[0, 1, 2, 3], value=case.matrix.strength(o, t), layout=w.Layout(width="52px"))
             for o in case.matrix.ours for t in case.matrix.theirs}
    level = w.Dropdown(options=[(str(Text("working from 2", "从 2 起算有工作关系")), 2),
                                (str(Text("any contact (1)", "任何接触（1）")), 1)], value=WORKING,
                       description=str(Text.term("contact_strength")), style={"description_width": "initial"})
    out = w.HTML()

    def update(_change=None):
        strengths = {o: {t: cells[o, t].value for t in case.matrix.theirs} for o in case.matrix.ours}
        show(render_organisation_and_decision_chain(strengths, level.value, customer), html=out)

    for box in [*cells.values(), level]:
        box.observe(update, names="value")
    update()
    head = [w.Label("", layout=w.Layout(width="90px"))] + [
        w.Label(str(case.person(t).name), layout=w.Layout(width="52px")) for t in case.matrix.theirs]
    grid = [w.HBox(head)] + [w.HBox([w.Label(str(names.get(o, o)), layout=w.Layout(width="90px"))]
                                    + [cells[o, t] for t in case.matrix.theirs]) for o in case.matrix.ours]
    return w.VBox([level, w.VBox(grid), out])
