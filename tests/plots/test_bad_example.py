"""The control chain and the contacts plot: titles, the catch marked, zh labels drawn."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from kamlib.data.bad_example import load_bowtie_case, load_turbine_oil_case  # noqa: E402
from kamlib.i18n import using_language  # noqa: E402
from kamlib.plots.bad_example import plot_contacts, plot_control_chain  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _chain(in_place=()):
    case = load_turbine_oil_case()
    return case.stages, list(case.controls.values()), list(in_place)


def test_nothing_in_place_ends_in_a_stopped_unit_and_a_test_at_receiving_catches_it():
    ax = plot_control_chain(*_chain())
    written = {t.get_text() for t in ax.texts}
    assert ax.get_title() and "not caught: the unit stops" in written
    caught = plot_control_chain(*_chain(["incoming_test"]))
    assert "caught here" in {t.get_text() for t in caught.texts}
    assert "not caught: the unit stops" not in {t.get_text() for t in caught.texts}


def test_contacts_dash_the_links_that_leave_with_the_buyer():
    bowtie = load_bowtie_case()
    ax = plot_contacts(bowtie.seller, bowtie.buyer, bowtie.links["diamond"], leaving="du")
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(dashed) == 1 and any(t.get_text().endswith("4 / 5") for t in ax.texts)
    with pytest.raises(ValueError, match="leaving must be one of the people"):
        plot_contacts(bowtie.seller, bowtie.buyer, bowtie.links["bowtie"], leaving="zhang")


def test_chinese_labels_are_drawn(recwarn):
    with using_language("zh"):
        ax = plot_control_chain(*_chain(["pick_check"]))
        ax.figure.canvas.draw()
        bowtie = load_bowtie_case()
        plot_contacts(bowtie.seller, bowtie.buyer, bowtie.links["bowtie"], leaving="du").figure.canvas.draw()
    assert not [w for w in recwarn if "missing from" in str(w.message)]
