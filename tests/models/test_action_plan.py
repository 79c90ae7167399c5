"""The action plan's models: SMART cues per letter, the plan's rules naming the field, the
account's data, and the one-page document."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamlib.data.key_accounts import load_accounts
from kamlib.models.action_plan import (
    MAX_DAYS,
    SMART_LETTERS,
    SMART_WORDS,
    Goal,
    account_links,
    make_plan,
    missing_letters,
    plan_consistency,
    plan_html,
    plan_markdown,
    plan_problems,
    smart_cues,
)

ACCOUNTS = load_accounts()
GOAL = {"text": "Li Wei: KA04 share of wallet from 45 % to 50 % by day 90", "owner": "Li Wei",
        "metric": "share_of_wallet_pct", "baseline": 45, "target": 50, "deadline_days": 90}


def test_doran_letters_first_and_the_later_variants_after():
    assert SMART_LETTERS == ("S", "M", "A", "R", "T")
    assert [w.en for w in SMART_WORDS["A"]] == ["Assignable", "Achievable"]
    assert [w.en for w in SMART_WORDS["R"]] == ["Realistic", "Relevant"]
    assert SMART_WORDS["T"][0].en == "Time-related" and SMART_WORDS["A"][0].zh == "可分配"


@pytest.mark.parametrize(("goal", "missing"), [
    ("Li Wei: KA04 share of wallet from 45 % to 50 % by day 90", []),
    ("Raise KA04 share of wallet to 50 % by day 90", ["A"]),
    ("Li Wei: more gear oil at Greyhill by the end of March", ["M"]),
    ("Li Wei: lift the share of wallet to 50 % by day 60", ["S"]),
    ("Li Wei: KA04 share of wallet to 50 %", ["T"]),
    ("The team will grow KA04 to 50 % within 8 weeks", ["A"]),
    ("李伟：灰山水泥集团的齿轮油钱包份额 60 天内从 45% 提高到 50%", []),
    ("我们要在 3 月底前提高灰山水泥集团的份额", ["A"]),
])
def test_each_cue_names_the_letter_it_misses(goal, missing):
    names = ["Greyhill", "灰山水泥集团", "gear oil", "齿轮油"]
    assert missing_letters(smart_cues(goal, names=names, owners=["Li Wei", "李伟"])) == missing


def test_cues_are_signs_not_proof():
    cues = smart_cues("Li Wei: grow KA04 within 60 days", owners=["Li Wei"])
    assert cues["M"].found is True and cues["M"].evidence == "60"  # a number that measures nothing
    assert cues["R"].found is None and "judge" in cues["R"].cue.en
    assert cues["T"].evidence == "within 60 days" and cues["A"].evidence == "Li Wei"


def test_a_good_plan_is_made_and_links_come_from_the_account():
    plan = make_plan("KA04", [GOAL], ACCOUNTS, links=account_links("KA04", ACCOUNTS), author="Li Wei")
    assert plan.account.name == "Greyhill Cement Group" and plan.links == {"cell": "Invest selectively",
                                                                            "stage": "mid"}
    assert plan_consistency(plan, ACCOUNTS) == []


@pytest.mark.parametrize(("change", "where", "words"), [
    ({"deadline_days": 120}, "goals[0].deadline_days", "1 to 90 days"),
    ({"deadline_days": 0}, "goals[0].deadline_days", "1 to 90 days"),
    ({"target": 45}, "goals[0].target", "equals the baseline (45)"),
    ({"owner": " "}, "goals[0].owner", "name the person"),
    ({"target": 120}, "goals[0].target", "0 to 100"),
])
def test_bad_input_names_the_field(change, where, words):
    with pytest.raises(ValueError, match=rf"^{re.escape(where)}: .*{re.escape(words)}"):
        make_plan("KA04", [dict(GOAL, **change)], ACCOUNTS)


def test_unknown_account_and_bad_shapes_name_the_argument():
    with pytest.raises(ValueError, match=r"^account must be an account id of the portfolio \(KA01, .*got 'KA99'"):
        make_plan("KA99", [GOAL], ACCOUNTS)
    with pytest.raises(ValueError, match=r"goals\[0\] must have the keys .*missing deadline_days"):
        make_plan("KA04", [{k: v for k, v in GOAL.items() if k != "deadline_days"}], ACCOUNTS)
    with pytest.raises(TypeError, match=r"goals\[0\]\.baseline must be a number"):
        make_plan("KA04", [dict(GOAL, baseline="45")], ACCOUNTS)
    with pytest.raises(ValueError, match=r"goals\[0\]\.metric must be one of 'volume_t'"):
        make_plan("KA04", [dict(GOAL, metric="happiness")], ACCOUNTS)
    with pytest.raises(ValueError, match="^goals: add at least one goal"):
        make_plan("KA04", [], ACCOUNTS)


def test_plan_problems_lists_everything_without_raising():
    found = plan_problems("KA99", [dict(GOAL, target=45, deadline_days=91)], ACCOUNTS, {"mood": "x"})
    assert [f for f, _ in found] == ["account", "goals[0].target", "goals[0].deadline_days", "links['mood']"]
    assert all(message.zh for _, message in found)


def test_consistency_with_the_account_data():
    goals = [dict(GOAL, baseline=40), dict(GOAL, metric="volume_t", baseline=270, target=400,
                                           text="Li Wei: KA04 to 400 t/yr by day 90")]
    plan = make_plan("KA04", goals, ACCOUNTS, links={"cell": "Invest for growth", "stage": "mid"})
    found = dict(plan_consistency(plan, ACCOUNTS))
    assert set(found) == {"goals[0].baseline", "goals[1].target", "links.cell"}
    assert "45" in found["goals[0].baseline"].en and "300" in found["goals[1].target"].en
    assert plan_consistency(plan) == [p for p in plan_consistency(plan, ACCOUNTS) if not p[0].startswith("links")]


def test_the_document_in_both_languages():
    plan = make_plan("KA04", [GOAL, dict(GOAL, text="a | pipe\nand a line", deadline_days=30)], ACCOUNTS,
                     links={"spin_questions": "How often does the girth gear stop?"}, author="Li Wei",
                     start="2026-01-05")
    md = plan_markdown(plan, "en")
    assert md.startswith("# 90-day action plan: Greyhill Cement Group") and "| day 90 |" in md
    assert "a \\| pipe and a line" in md and "SPIN questions to ask" in md
    assert md.count("\n|") == 4  # header, rule, two goals
    zh = plan_html(plan, "zh")
    assert "<h1>90 天行动计划：灰山水泥集团</h1>" in zh and "第 30 天" in zh and "负责人" in zh
    assert "<script" not in plan_html(make_plan("KA04", [dict(GOAL, text="<script>x</script>")], ACCOUNTS))


@given(days=st.integers(-5, 200))
def test_only_deadlines_within_the_horizon_pass(days):
    ok = not plan_problems("KA04", [dict(GOAL, deadline_days=days)], ACCOUNTS)
    assert ok == (1 <= days <= MAX_DAYS)


def test_goal_checks_types():
    with pytest.raises(TypeError, match="deadline_days must be a whole number"):
        Goal("x", "y", "other", 1, 2, 9.5)
