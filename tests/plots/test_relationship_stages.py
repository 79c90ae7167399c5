"""The contact network with the companies facing each other, and the stages on their axes."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from kamlib.data.relationship_stages import load_contact_network  # noqa: E402
from kamlib.plots.relationship_stages import plot_contact_network, plot_stages  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_the_network_names_both_companies_every_level_and_its_shape():
    ax = plot_contact_network(load_contact_network("KA05"))
    written = {t.get_text() for t in ax.texts}
    assert {"selling company", "buying company", "director", "manager", "expert", "operator", "staff",
            "key-account manager (KAM)", "purchasing manager"} <= written
    assert ax.get_title().endswith("bow-tie")
    rings = [w for c in ax.collections if c.get_offsets().shape[0] > 1 for w in c.get_linewidths() if w == 3]
    assert len(rings) == 2  # the KAM and the buyer: the relationship hangs on them


def test_the_diamond_has_no_ring():
    ax = plot_contact_network(load_contact_network("KA10"))
    assert ax.get_title().endswith("diamond")
    assert not [w for c in ax.collections if c.get_offsets().shape[0] > 1 for w in c.get_linewidths() if w == 3]


def test_the_stages_with_counts():
    ax = plot_stages({"early": 3, "mid": 2})
    written = " ".join(t.get_text() for t in ax.texts)
    assert "Early-KAM\n3 accounts" in written and "Uncoupling-KAM" in written and "Synergistic-KAM\n0" in written
    assert "transactional" in ax.get_xlabel()
    with pytest.raises(ValueError, match="counts must be one of"):
        plot_stages({"late": 1})


def test_the_network_draws_in_zh_without_missing_glyphs(caplog):
    """tests/plots/test_style.py needs an example for a plot with a required argument; this is it."""
    import kamlib
    from tests.plots.test_style import INSTALL_HINT, cjk_installed, draw_and_collect_missing_glyphs

    if not cjk_installed():
        pytest.skip(INSTALL_HINT)
    kamlib.set_language("zh")
    try:
        ax = plot_contact_network(load_contact_network("KA01"))
        assert "采购企业" in {t.get_text() for t in ax.texts} and "过渡型" in ax.get_title()
        assert draw_and_collect_missing_glyphs(ax.figure, caplog) == []
    finally:
        kamlib.set_language("en")


def test_a_person_who_left_keeps_their_place_crossed_out():
    g = load_contact_network("KA01")
    ax = plot_contact_network(g, ["b_buy"])
    labels = {t.get_text(): t for t in ax.texts}
    assert labels["purchasing manager"].get_color() == "#999999"  # still there, greyed
    assert ax.get_title().endswith("bow-tie") and "b_buy" in g  # KAM and maintenance manager left; the caller's network is untouched
    with pytest.raises(ValueError, match="left must be people of the network"):
        plot_contact_network(g, ["nobody"])
