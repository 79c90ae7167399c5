"""The plan form: render checks as you type, the widget wires and exports."""

from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from kamlib.i18n import using_language  # noqa: E402
from kamlib.widgets.action_plan import action_plan_explorer, render_action_plan  # noqa: E402

GOAL = {"text": "Li Wei: KA04 share of wallet from 45 % to 50 % by day 90", "owner": "Li Wei",
        "metric": "share_of_wallet_pct", "baseline": 45, "target": 50, "deadline_days": 90}


def test_a_good_plan_passes_with_its_links_and_grid():
    view = render_action_plan("KA04", [GOAL])
    assert view.problems == () and view.png[:4] == b"\x89PNG"
    assert "Invest selectively" in view.html and "passes the checks" in view.html
    with using_language("zh"):
        assert "计划通过检查" in render_action_plan("KA04", [GOAL], draw=False).html


def test_problems_name_the_field_and_the_data():
    view = render_action_plan("KA04", [dict(GOAL, target=45)], draw=False)
    assert view.problems == ("goals[0].target: equals the baseline (45): a goal must change something",)
    view = render_action_plan("KA04", [dict(GOAL, baseline=40)], draw=False)
    assert view.problems[0].startswith("goals[0].baseline: 40, but KA04's data says 45")
    assert render_action_plan("KA99", [GOAL]).problems[0].startswith("account: an account id")
    assert render_action_plan("KA04", []).problems == ("goals: add at least one goal",)


def test_the_explorer_checks_as_you_type_and_exports(tmp_path):
    widget = action_plan_explorer(example=False)
    form, image, out = widget.children
    pick, goal_text, row1, row2, deadline, row3, *rest = form.children
    (owner, metric), (baseline, target), (add, remove) = row1.children, row2.children, row3.children
    *links, row4, status = rest
    path, language, export = row4.children
    goal_text.value = "Li Wei: KA04 share of wallet from 45 % to 50 % by day 90"
    assert "equals the baseline" in out.value
    owner.value, metric.value, baseline.value, target.value = "Li Wei", "share_of_wallet_pct", 45, 50
    assert "passes the checks" in out.value and image.value
    deadline.value = 120
    assert "1 to 90 days" in out.value
    deadline.value = 60
    add.click()
    assert goal_text.value == "" and "passes the checks" in out.value
    path.value, language.value = str(tmp_path / "plan.md"), "zh"
    export.click()
    assert (tmp_path / "plan.md").read_text(encoding="utf-8").startswith("# 90 天行动计划") and "✔" in status.value
    path.value = str(tmp_path / "plan.pdf")
    export.click()
    assert "path must end in" in status.value
    remove.click()
    assert "add at least one goal" in out.value


@pytest.mark.slow
def test_an_update_is_quick():
    widget = action_plan_explorer()
    goal_text = widget.children[0].children[1]
    assert "passes the checks" in widget.children[2].value  # the worked plan
    times = []
    for i in range(20):
        start = time.perf_counter()
        goal_text.value = f"Li Wei: KA04 to 50 % by day {i + 1}"
        times.append(time.perf_counter() - start)
    assert sorted(times)[int(0.95 * len(times)) - 1] < 0.1
