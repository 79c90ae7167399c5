"""Building a contact network link by link: render does the work, the widget wires."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from kamlib.i18n import using_language  # noqa: E402
from kamlib.widgets.relationship_stages import (  # noqa: E402
    relationship_stages_explorer,
    render_relationship_stages,
)

DIAMOND = [("s_kam", "b_buy"), ("s_gm", "b_gm"), ("s_tech", "b_rel"), ("s_lab", "b_lube")]


def test_render_goes_from_bow_tie_to_diamond():
    view = render_relationship_stages("KA05")
    assert view.problems == () and view.png[:4] == b"\x89PNG" and "bow-tie" in view.html
    assert "purchasing manager" in view.html  # a person it hangs on
    assert "<h4>diamond" in render_relationship_stages("KA05", DIAMOND, draw=False).html
    with using_language("zh"):
        assert "领结型" in render_relationship_stages("KA05", draw=False).html


def test_a_person_leaving_shows_what_is_left():
    html = render_relationship_stages("KA05", leaves="b_buy", draw=False).html
    assert "without the purchasing manager" in html and "apart" in html
    still = render_relationship_stages("KA05", DIAMOND, leaves="b_buy", draw=False).html
    assert "without the purchasing manager: diamond" in still


def test_no_cross_link_is_a_problem_and_bad_input_is_named():
    assert render_relationship_stages("KA01", [], draw=False).problems[0].startswith("links: no cross-link")
    with pytest.raises(ValueError, match="leaves must be a person in the network"):
        render_relationship_stages("KA05", leaves="nobody")
    with pytest.raises(ValueError, match="links must join contacts"):
        render_relationship_stages("KA05", [("s_kam", "nobody")])


def test_explorer_redraws_on_a_press():
    widget = relationship_stages_explorer("KA05")
    row, image = widget.children
    controls, out = row.children
    leaves, *boxes = controls.children
    assert boxes[0].value and not any(b.value for b in boxes[1:])  # today's one link is pressed
    before = out.value
    for box in boxes[1:]:
        box.value = True
    assert out.value != before and "diamond" in out.value and image.value
    leaves.value = "s_kam"
    assert "without the key-account manager (KAM)" in out.value


def _pixels(png: bytes):
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.slow  # a sweep of full draws; make test runs it
def test_a_press_draws_the_same_pixels_as_a_full_draw():
    """Rows, labels and names drawn once; links, people, the names they touch and the title on
    every press: the picture must be plot_contact_network's, pixel for pixel."""
    from kamlib.data.relationship_stages import load_network_case
    from kamlib.models.relationship_stages import add_links, contact_network
    from kamlib.plots.relationship_stages import plot_contact_network
    from kamlib.widgets.figure import Canvas
    from kamlib.widgets.relationship_stages import _FIGSIZE, _MARGINS, _cross

    case = load_network_case("KA05")
    inside, across = _cross(case)
    canvas = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
    people = [c.id for c in case.contacts]  # everyone leaving in turn: names copied or drawn again
    for links, leaves in ((None, None), (DIAMOND, "b_buy"), (DIAMOND, None), (None, "s_kam"),
                          *((DIAMOND, p) for p in people), (None, None)):
        view = render_relationship_stages("KA05", links, leaves, canvas=canvas)
        g = add_links(contact_network(case.contacts, inside), across if links is None else links)
        full = Canvas(figsize=_FIGSIZE, margins=_MARGINS)
        plot_contact_network(g, [] if leaves is None else [leaves], ax=full.ax)
        assert (_pixels(view.png) == _pixels(full.png())).all()
        assert (_pixels(canvas.png()) == _pixels(full.png())).all()  # the figure holds what was drawn
