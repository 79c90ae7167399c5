"""The sales cycle beside Rackham's call stages, and placing people on the social-style grid."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamlib.models.people_and_sales_cycle import (
    CALL_STAGES,
    CYCLE_CALL_STAGES,
    SALES_CYCLE,
    STYLE_GRID,
    Behaviour,
    place_person,
    social_style,
)
from kamlib.text import Text

B = [Behaviour("tell", "assertiveness", 1, Text("tells", "表达")), Behaviour("ask", "assertiveness", -1, Text("asks", "询问")),
     Behaviour("emote", "responsiveness", 1, Text("emotes", "外露")),
     Behaviour("control", "responsiveness", -1, Text("controls", "克制"))]


def test_the_cycle_and_the_call_stages_line_up_in_order():
    assert SALES_CYCLE == ("build_trust", "discover_needs", "sell", "satisfy")
    ordered = [stage for step in SALES_CYCLE for stage in CYCLE_CALL_STAGES[step]]
    assert tuple(ordered) == CALL_STAGES and CYCLE_CALL_STAGES["satisfy"] == ()


@pytest.mark.parametrize(("observed", "style"), [
    (["tell", "control"], "driver"), (["tell", "emote"], "expressive"), (["ask", "emote"], "amiable"),
    (["ask", "control"], "analytical")])
def test_the_four_quadrants(observed, style):
    assert place_person(observed, B).style == style


def test_too_little_or_balanced_observation_places_no_one():
    assert place_person(["tell"], B).style is None and place_person(["tell"], B).responsiveness is None
    balanced = place_person(["tell", "ask", "emote"], B)
    assert balanced.assertiveness == 0 and balanced.style is None
    assert place_person(["tell", "tell", "emote"], B).observed == ("tell", "emote")


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="observed must be behaviour ids"):
        place_person(["shouts"], B)
    with pytest.raises(ValueError, match="responsiveness must be a number from -1"):
        social_style(0.5, 2)
    with pytest.raises(ValueError, match="sign must be one of 1, -1"):
        Behaviour("x", "assertiveness", 0, Text("x", "x"))


@given(a=st.floats(-1, 1).filter(lambda v: v != 0), r=st.floats(-1, 1).filter(lambda v: v != 0))
def test_the_style_is_the_quadrant_of_the_signs(a, r):
    assert STYLE_GRID[social_style(a, r)] == (1 if a > 0 else -1, 1 if r > 0 else -1)
