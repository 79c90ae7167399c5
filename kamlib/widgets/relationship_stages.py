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
import weakref

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
#: Each explorer canvas's people's names drawn with the still part, and where each is (pixels).
_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


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
            contact_network_inside,
            contact_network_names,
            contact_network_shapes,
            contact_network_title,
        )
        from kamlib.plots.style import plot_language
        from kamlib.widgets.figure import canvas_or_new

        # the level rows and the companies' names once per account and language; the links
        # inside each company and the people's names once per who has left; a press redraws
        # the cross-links, the people and the title, and the names they touch
        canvas = canvas_or_new(canvas, _FIGSIZE, _MARGINS)
        where = contact_positions(g)
        shown = g if leaves is None else left
        gone_ids = [] if leaves is None else [leaves]
        key = ("contact_network", plot_language(), tuple(sorted(where.items())))
        ax = canvas.still(key, lambda ax: contact_network_background(ax, where))
        links_inside = tuple(sorted(tuple(sorted(e)) for e in shown.edges
                                    if shown.nodes[e[0]]["side"] == shown.nodes[e[1]]["side"]))
        named: dict = {}

        def names_over(ax):
            named.update(contact_network_names(ax, g, where, gone_ids))
            return list(named.values())

        canvas.still_layers((key, account, leaves, links_inside), lambda ax: [contact_network_inside(ax, shown, where)],
                            names_over)
        if named:  # drawn just now: where each name is, in pixels, a little wider for antialiasing
            renderer = canvas.figure.canvas.get_renderer()
            _NAMES[canvas] = (named, {n: t.get_window_extent(renderer).padded(2) for n, t in named.items()})
        kept, boxes = _NAMES[canvas]
        shapes = contact_network_shapes(ax, shown, where, gone_ids, after, inside=False)
        dirty = _touched(ax, shapes, boxes)
        names = contact_network_names(ax, g, where, gone_ids, only=dirty)
        for node, name in kept.items():  # the figure holds each name once, as drawn (for a full draw)
            name.set_visible(node not in dirty)
        picture = canvas.moving_png([*shapes, *names.values(), contact_network_title(ax, after)],
                                    uncover=[boxes[n] for n in dirty])
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


def _touched(ax, shapes, boxes: dict) -> set:
    """The names (id -> window box) that a link or a marker among ``shapes`` touches, and
    the names whose boxes overlap those (uncovering one box uncovers its neighbours' pixels)."""
    import numpy as np

    scale = ax.figure.dpi / 72  # points -> pixels
    lines, dots = [], []  # (pixels, how far each reaches beyond them)
    for artist in shapes:
        widths = np.atleast_1d(artist.get_linewidths()) * scale
        if hasattr(artist, "get_sizes"):  # markers: a circle, or an X, inside the square of side sqrt(s)
            radius = np.sqrt(max(artist.get_sizes(), default=0)) / 2 * np.sqrt(2) * scale + max(widths) / 2 + 1
            dots += [(point, radius) for point in ax.transData.transform(artist.get_offsets())]
        else:
            lines += [(ax.transData.transform(path.vertices), max(widths) / 2 + 1) for path in artist.get_paths()]
    hit = set()
    for node, box in boxes.items():
        if any(np.hypot(max(box.x0 - x, 0, x - box.x1), max(box.y0 - y, 0, y - box.y1)) <= r for (x, y), r in dots) \
                or any(_segment_meets(p, q, box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad)
                       for line, pad in lines for p, q in zip(line[:-1], line[1:], strict=True)):
            hit.add(node)
    while True:  # a box put back erases what of other names lies in it: those are drawn again too
        more = {n for n, box in boxes.items() if n not in hit and any(box.overlaps(boxes[m]) for m in hit)}
        if not more:
            return hit
        hit |= more


def _segment_meets(p, q, x0, y0, x1, y1) -> bool:
    """Whether the segment p-q meets the rectangle (Liang-Barsky clipping)."""
    (px, py), (qx, qy) = p, q
    dx, dy = qx - px, qy - py
    low, high = 0.0, 1.0
    for step, room in ((-dx, px - x0), (dx, x1 - px), (-dy, py - y0), (dy, y1 - py)):
        if step == 0:
            if room < 0:
                return False
            continue
        t = room / step
        if step < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


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
