"""Business needs and personal wishes: the slide's two lists, profiles of what buyers said, and
judging a value statement against what one person has shown."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamlib.models.goals_and_needs import (
    BUSINESS_NEEDS,
    FRAMEWORKS,
    NEED_CATEGORIES,
    PERSONAL_WISHES,
    VERDICTS,
    BuyerQuote,
    kind_of,
    needs_profile,
    value_statement,
)
from kamlib.text import Text


def test_the_slides_two_lists_in_order():
    assert BUSINESS_NEEDS == ("volume", "cost", "profit", "safety", "image")
    assert PERSONAL_WISHES == ("achievement", "status", "friendship", "security", "survival")
    assert [kind_of(c) for c in NEED_CATEGORIES] == ["business"] * 5 + ["personal"] * 5
    assert FRAMEWORKS["webster_wind"][2] == "E" and FRAMEWORKS["miller_heiman"][2] == "P"


def test_safety_is_the_companys_and_security_the_persons():
    """Both are 安全 in Chinese: 安全 (safety) is a business need, 安全感 (security) a personal wish."""
    assert kind_of("safety") == "business" and kind_of("security") == "personal"


def test_a_profile_counts_every_category_for_one_person_or_all():
    quotes = [BuyerQuote("a", "x", Text("a", "a"), "cost"), BuyerQuote("b", "x", Text("b", "b"), "cost"),
              BuyerQuote("c", "y", Text("c", "c"), "status")]
    assert list(needs_profile(quotes)) == list(NEED_CATEGORIES)
    assert needs_profile(quotes, "x")["cost"] == 2 and needs_profile(quotes, "x")["status"] == 0
    assert sum(needs_profile(quotes).values()) == 3 and sum(needs_profile([]).values()) == 0


@pytest.mark.parametrize(("business", "personal", "verdict"), [
    ("cost", "friendship", "both"), ("cost", "status", "business_only"), ("volume", "friendship", "personal_only"),
    ("volume", "status", "neither"), (None, None, "neither"), ("cost", None, "business_only")])
def test_the_verdict_reads_what_the_person_showed(business, personal, verdict):
    assert value_statement(business, personal, ["cost", "image"], ["friendship", "survival"]).verdict == verdict


def test_bad_input_names_the_argument_and_what_is_accepted():
    with pytest.raises(ValueError, match="category must be one of 'volume'"):
        kind_of("price")
    with pytest.raises(ValueError, match="business must be one of 'volume', 'cost'.*None; got 'status'"):
        value_statement("status", None, [], [])  # a personal wish in the business slot
    with pytest.raises(ValueError, match="needs item must be one of 'volume'"):
        value_statement("cost", None, ["security"], [])
    with pytest.raises(TypeError, match="wishes must be a list of personal wishes"):
        value_statement("cost", None, [], "security")
    with pytest.raises(ValueError, match="category must be one of"):
        BuyerQuote("a", "x", Text("a", "a"), "money")
    with pytest.raises(ValueError, match=r"person must be one of the quotes' people \(x\)"):
        needs_profile([BuyerQuote("a", "x", Text("a", "a"), "cost")], "z")


@given(b=st.sampled_from((*BUSINESS_NEEDS, None)), p=st.sampled_from((*PERSONAL_WISHES, None)),
       needs=st.lists(st.sampled_from(BUSINESS_NEEDS)), wishes=st.lists(st.sampled_from(PERSONAL_WISHES)))
def test_a_statement_serves_a_side_exactly_when_its_choice_was_shown(b, p, needs, wishes):
    judged = value_statement(b, p, needs, wishes)
    assert judged.verdict in VERDICTS
    assert judged.serves_business == (b in needs) and judged.serves_personal == (p in wishes)
