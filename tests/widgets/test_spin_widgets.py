"""SPIN widgets: plain render functions (testable and timed without a browser) and the wiring."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

pytest.importorskip("ipywidgets")

from kamlib.models.spin_roleplay import start_call  # noqa: E402
from kamlib.widgets import spin as spin_widgets  # noqa: E402


def test_import_displays_nothing():
    out = subprocess.run([sys.executable, "-c", "import kamlib.widgets.spin"], capture_output=True, text=True,
                         check=True)
    assert out.stdout == "" and out.stderr == ""


def test_render_transcript_shows_types_flags_and_goodwill():
    call = start_call("cement_open_gear", language="en")
    call.play(["Are you happy with your grease consumption?", "Our grease is synthetic.",
               "Are you happy with your grease consumption?"])
    html = spin_widgets.render_transcript(call)
    assert "problem question" in html and "implied need: cut_grease" in html
    assert "feature pitched too early" in html and "repeated" in html
    assert "goodwill" in html and "(-2)" in html
    assert "Zhou Min" in html


def test_render_transcript_escapes_html():
    call = start_call("cement_open_gear", language="en")
    html = spin_widgets.roleplay_turn(call, "<script>alert(1)</script> any problems?")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_roleplay_turn_turns_errors_into_messages():
    call = start_call("cement_open_gear", language="en")
    assert "non-empty" in spin_widgets.roleplay_turn(call, "   ")
    call.end()
    assert "the call has ended" in spin_widgets.roleplay_turn(call, "Any problems?")


def test_render_debrief_in_both_languages():
    call = start_call("mining_haul_trucks", language="zh")
    call.play(["你们有多少台矿卡和电铲？", "我们的润滑脂是1号复合锂基脂。"])
    html_zh = spin_widgets.render_debrief(call.debrief(), "zh")
    assert "复盘" in html_zh and "过早推介产品特征" in html_zh
    assert "no-sale" in spin_widgets.render_debrief(call.debrief(), "en")
    with pytest.raises(TypeError, match="debrief must be a Debrief"):
        spin_widgets.render_debrief("call")


def test_render_classification():
    html = spin_widgets.render_classification("What does a kiln stop cost you?")
    assert "implication question" in html and "cost you" in html
    assert "text must be a question" in spin_widgets.render_classification("Our oil is great.")


def test_render_is_fast():
    call = start_call("cement_open_gear", language="en")
    lines = list(call.scenario.example_calls["good"])
    start = time.perf_counter()
    for line in lines:
        spin_widgets.roleplay_turn(call, line)
    per_turn = (time.perf_counter() - start) / len(lines)
    assert per_turn < 0.05, f"{per_turn * 1000:.1f} ms per turn"


def test_spin_roleplay_widget_wiring():
    widget = spin_widgets.spin_roleplay("cement_open_gear", language="en")
    title, transcript, pick, row, debrief = widget.children
    box, send, end, new = row.children
    pick.value = pick.options[4][1]
    assert box.value == "Are you happy with your grease consumption?"
    send.click()
    assert box.value == "" and "implied need: cut_grease" in transcript.value
    end.click()
    assert "continuation" in debrief.value
    new.click()
    assert debrief.value == "" and "cut_grease" not in transcript.value


def test_question_classifier_explorer():
    widget = spin_widgets.question_classifier_explorer()
    _, box, out = widget.children
    box.value = "How would halving grease consumption help your budget?"
    assert "need-payoff question" in out.value
