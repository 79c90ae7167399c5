"""The organisation chart with the decision chain, and the contact-matrix heatmap."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from kamlib.data.organisation_and_decision_chain import load_organisation, load_team  # noqa: E402
from kamlib.i18n import using_language  # noqa: E402
from kamlib.plots.organisation_and_decision_chain import plot_contact_matrix, plot_org_chart  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_the_chart_numbers_the_chain_and_shows_roles_and_levels():
    case = load_organisation()
    ax = plot_org_chart(case.chart, case.chain, case.matrix, case.titles)
    written = " ".join(t.get_text() for t in ax.texts)
    assert "1. Liu Fang" in written and "4. Dong Wei" in written and "[decider]" in written
    assert {"director", "staff"} <= {t.get_text() for t in ax.texts}
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "decision chain" in labels and "no contact (0)" in labels
    with using_language("zh"):
        zh = " ".join(t.get_text() for t in plot_org_chart(case.chart, case.chain).texts)
    assert "决策者" in zh or "decider" in zh  # English when no CJK font is installed


def test_the_heatmap_shows_every_cell():
    case = load_organisation()
    ax = plot_contact_matrix(case.matrix, case.chart, {m.id: m.name for m in load_team()})
    assert len(ax.texts) == len(case.matrix.ours) * len(case.matrix.theirs)
    assert ax.get_yticklabels()[0].get_text() == "Li Na"
    assert len(ax.figure.axes) == 2  # the colour bar


def test_bad_arguments_are_named():
    case = load_organisation()
    with pytest.raises(TypeError, match="chart must be an organisation chart"):
        plot_org_chart("chart")
    with pytest.raises(ValueError, match=r"steps\[0\]: 'ceo' is not a person in the chart"):
        plot_org_chart(case.chart, ["ceo"])
    with pytest.raises(TypeError, match="matrix must be a ContactMatrix"):
        plot_contact_matrix({"kam": {}}, case.chart)


@pytest.mark.parametrize("which", ["chart", "matrix"])
def test_both_plots_draw_in_chinese_without_a_missing_glyph(which, caplog):
    """The same check as tests/plots/test_style.py, kept here so that file needs no entry for this module."""
    from tests.plots.test_style import cjk_installed, draw_and_collect_missing_glyphs

    if not cjk_installed():
        pytest.skip("no CJK font installed")
    case = load_organisation()
    with using_language("zh"):
        ax = (plot_org_chart(case.chart, case.chain, case.matrix, case.titles) if which == "chart"
              else plot_contact_matrix(case.matrix, case.chart, {m.id: m.name for m in load_team()}))
        assert draw_and_collect_missing_glyphs(ax.figure, caplog) == []
        assert any("决策者" in t.get_text() for t in ax.figure.findobj(matplotlib.text.Text))
