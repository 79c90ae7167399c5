"""SPIN widgets: plain render functions (testable and timed without a browser) and the wiring."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

pytest.importorskip("ipywidgets")

from kamlib.data.spin_selling import start_call  # noqa: E402
from kamlib.widgets import spin_selling as spin_widgets  # noqa: E402


def test_import_displays_nothing():
    out = subprocess.run([sys.executable, "-c", "import kamlib.widgets.spin_selling"], capture_output=True,
                         text=True, check=True)
    assert out.stdout == "" and out.stderr == ""


def test_transcript_shows_types_flags_and_goodwill():
    call = start_call("cement_open_gear", language="en")
    call.play(["Are you happy with your grease consumption?", "Our grease is synthetic.",
               "Are you happy with your grease consumption?"])
    html = spin_widgets.render_spin_selling(call).html
    assert "problem question" in html and "implied need: cut_grease" in html
    assert "feature pitched too early" in html and "repeated" in html
    assert "goodwill" in html and "(-2)" in html
    assert "Zhou Min" in html


def test_transcript_escapes_html():
    call = start_call("cement_open_gear", language="en")
    html = spin_widgets.render_spin_selling(call, "<script>alert(1)</script> any problems?").html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_rejected_words_come_back_as_problems():
    call = start_call("cement_open_gear", language="en")
    view = spin_widgets.render_spin_selling(call, "   ")
    assert "non-empty" in view.problems[0] and "non-empty" in view.html
    spin_widgets.render_spin_selling(call, end=True)
    view = spin_widgets.render_spin_selling(call, "Any problems?")
    assert "the call has ended" in view.problems[0]
    with pytest.raises(TypeError, match="call must be a RolePlayCall"):
        spin_widgets.render_spin_selling("call")


def test_debrief_in_both_languages():
    call = start_call("mining_haul_trucks", language="zh")
    call.play(["你们有多少台矿卡和电铲？", "我们的润滑脂是1号复合锂基脂。"])
    html_zh = spin_widgets.render_spin_selling(call, end=True).html
    assert "复盘" in html_zh and "过早推介产品特征" in html_zh
    english = start_call("mining_haul_trucks", language="en")
    english.play(["你们有多少台矿卡和电铲？", "我们的润滑脂是1号复合锂基脂。"])
    assert "no-sale" in spin_widgets.render_spin_selling(english, end=True).html


def test_render_classifier():
    view = spin_widgets.render_spin_selling_classifier("What does a kiln stop cost you?", "en")
    assert "implication question" in view.html and "cost you" in view.html and view.problems == ()
    view = spin_widgets.render_spin_selling_classifier("Our oil is great.")
    assert "text must be a question" in view.html and view.problems


def test_render_is_fast():
    call = start_call("cement_open_gear", language="en")
    lines = list(call.scenario.example_calls["good"])
    start = time.perf_counter()
    for line in lines:
        spin_widgets.render_spin_selling(call, line)
    per_turn = (time.perf_counter() - start) / len(lines)
    assert per_turn < 0.05, f"{per_turn * 1000:.1f} ms per turn"


def test_spin_selling_explorer_wiring():
    widget = spin_widgets.spin_selling_explorer("cement_open_gear", language="en")
    title, pick, row, out = widget.children
    box, send, end, new = row.children
    pick.value = pick.options[4][1]
    assert box.value == "Are you happy with your grease consumption?"
    send.click()
    assert box.value == "" and "implied need: cut_grease" in out.value
    end.click()
    assert "continuation" in out.value
    new.click()
    assert "continuation" not in out.value and "cut_grease" not in out.value


def test_spin_selling_classifier_explorer():
    widget = spin_widgets.spin_selling_classifier_explorer()
    _, box, out = widget.children
    box.value = "How would halving grease consumption help your budget?"
    assert "need-payoff question" in out.value


def test_debrief_shows_the_call_metrics_scorecard():
    from kamlib.data.spin_selling import load_scenario, start_call

    call = start_call("steel_hot_strip_mill", language="zh")
    call.play(load_scenario("steel_hot_strip_mill").example_lines("good", "zh"))
    html = spin_widgets.render_spin_selling(call, end=True).html
    assert "kamlib-spin-scorecard" in html and "你的说话占比" in html and "Gong Labs [P]" in html
    assert "决策流程" in html
