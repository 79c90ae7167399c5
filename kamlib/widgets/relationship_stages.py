"""Build a running-case account's contact network link by link, let one person leave, and watch
the shape (bow-tie → widening → diamond) and the exposure figures. ``render_relationship_stages``
does the work; the widget only wires it.

>>> view = render_relationship_stages("KA05", draw=False)
>>> view.problems, "bow-tie" in view.html
((), True)
>>> "apart" in render_relationship_stages("KA05", leaves="s_kam", draw=False).html
True
>>> render_relationship_stages("KA05", links=[], draw=False).problems[0][:40]
'links: no cross-link between the compani'
"""

from __future__ import annotations

import html as _html

from kamlib.models import arguments as check
from kamlib.models.relationship_stages import (
    LEVELS,
    add_links,
    contact_network,
    exposure,
    remove_contact,
)
from kamlib.text import Text
from kamlib.widgets.view import View, show

__all__ = ["render_relationship_stages", "relationship_stages_explorer"]

_FIGSIZE = (9.0, 5.0)
_MARGINS = (0.01, 0.02, 0.99, 0.93)


def _cross(case) -> tuple[list, list]:
    sides = {c.id: c.side for c in case.contacts}
    inside = [pair for pair in case.links if sides[pair[0]] == sides[pair[1]]]
    across = [pair for pair in case.links if sides[pair[0]] != sides[pair[1]]]
    return inside, across


def _figures(found, g) -> str:
    role = {n: str(g.nodes[n]["role"]) for n in g}
    key = ", ".join(_html.escape(role[n]) for n in found.key_people) or "—"
    levels = " · ".join(f"{Text.term('level_' + lv)} {found.cross_links_by_level[lv]}" for lv in LEVELS)
    rows = [
        (Text.term("key_people"), key),
        (Text.term("people_to_cut"), found.people_to_cut),
        (Text.term("links_to_cut"), found.links_to_cut),
        (Text.term("cross_links"), f"{found.cross_links} ({_html.escape(levels)})"),
        (Text.term("levels_reached"), f"{found.levels_reached} / {len(LEVELS)}"),
        (Text.term("buyer_reached"), f"{found.buyer_reached} / {found.buyer_people}"),
    ]
    body = "".join(f"<tr><td>{_html.escape(str(k))}</td><td><b>{v}</b></td></tr>" for k, v in rows)
    return f"<table>{body}</table>"


def render_relationship_stages(account: str = "KA05", links=None, leaves: str | None = None, canvas=None,
                               draw: bool = True) -> View:
    """The contact network of the running-case ``account`` (see ``list_contact_networks``) with the
    cross-links ``links`` (pairs of contact ids; None: today's), without the person ``leaves`` (a
    contact id, or None), drawn, with its shape and exposure figures. No cross-link at all is a
    problem in the view, not an error."""
    from kamlib.data.relationship_stages import load_network_case

    case = load_network_case(account)
    inside, across = _cross(case)
    g = contact_network(case.contacts, inside)
    g = add_links(g, across if links is None else links)
    check.flag(draw, "draw")
    before = exposure(g)
    problems = []
    if before.cross_links == 0:
        problems.append(str(Text("links: no cross-link between the companies yet: add one to start a relationship",
                                 "links：两家公司之间还没有跨公司联系：先加一条，关系才开始")))
    after, gone = before, None
    if leaves is not None:
        check.text(leaves, "leaves", "a contact id (or None: nobody leaves)")
        if leaves not in g:
            raise ValueError(f"leaves must be a person in the network ({', '.join(sorted(g))}) or None; "
                             f"got {check.shown(leaves)}")
        left = remove_contact(g, leaves)
        after, gone = exposure(left), str(g.nodes[leaves]["role"])
    picture = None
    if draw:
        from kamlib.models.relationship_stages import contact_positions
        from kamlib.plots.relationship_stages import (
            contact_network_background,
            contact_network_moving,
        )
        from kamlib.plots.style import plot_language
        from kamlib.widgets.figure import canvas_or_new

        # the level rows and the companies' names once per account and language; a press
        # redraws the links, the people and the title
        canvas = canvas_or_new(canvas, _FIGSIZE, _MARGINS)
        where = contact_positions(g)
        key = ("contact_network", plot_language(), tuple(sorted(where.items())))
        ax = canvas.still(key, lambda ax: contact_network_background(ax, where))
        gone_ids = [] if leaves is None else [leaves]
        picture = canvas.moving_png(contact_network_moving(ax, g if leaves is None else left, g, where, gone_ids,
                                                           after))
    head = f"<h4>{_html.escape(str(Text.term('shape_' + before.shape)))}</h4>"
    if gone is not None:
        head = (f"<h4>{_html.escape(str(Text.term('shape_' + before.shape)))} → "
                f"{_html.escape(str(Text(f'without the {gone}', f'没有了{gone}')))}: "
                f"{_html.escape(str(Text.term('shape_' + after.shape)))}</h4>")
    html = head + f"<b>{Text.term('exposure_figures')}</b>" + _figures(after, g if leaves is None else left)
    if problems:
        items = "".join(f"<li>{_html.escape(p)}</li>" for p in problems)
        html += f"<b style='color:#b3261e'>{Text.term('network_problem')}</b><ul>{items}</ul>"
    return View(html=html, png=picture, problems=tuple(problems))


def relationship_stages_explorer(account: str = "KA05"):
    """Press the cross-links you want (today's are pressed; the others are links you could build)
    and pick who leaves; the network, its shape and the exposure figures update on every press."""
    import ipywidgets as w

    from kamlib.data.relationship_stages import load_network_case
    from kamlib.widgets.figure import Canvas

    case = load_network_case(account)
    role = {c.id: c.role for c in case.contacts}
    _, across = _cross(case)
    boxes = {}
    for pair in [*across, *case.possible]:
        label = f"{role[pair[0]]} ↔ {role[pair[1]]}"
        boxes[pair] = w.ToggleButton(value=pair in across, description=label, tooltip=label, icon="check",
                                     layout=w.Layout(width="380px"))
    leaves = w.Dropdown(options=[(str(Text.term("nobody_leaves")), None)]
                        + [(str(c.role), c.id) for c in case.contacts], description=str(Text.term("who_leaves")))
    canvas = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
    image, out = w.Image(format="png", layout=w.Layout(width=f"{canvas.width_px}px")), w.HTML()

    def update(_change=None):
        show(render_relationship_stages(account, [p for p, box in boxes.items() if box.value], leaves.value,
                                        canvas=canvas), image, out)

    for control in [*boxes.values(), leaves]:
        control.observe(update, names="value")
    update()
    return w.VBox([w.HBox([w.VBox([leaves, *boxes.values()]), out]), image])
