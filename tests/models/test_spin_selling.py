"""SPIN models: the question classifier, need / FAB labelling, and the role-play buyer."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kamlib.models.spin_selling.classifier as spin
from kamlib.data.spin_selling import (
    list_scenarios,
    load_scenario,
    load_spin_questions,
    load_spin_statements,
    start_call,
)
from kamlib.i18n import using_language
from kamlib.models.spin_selling.classifier import (
    SPIN_TYPES,
    Classification,
    classify_question,
    classify_questions,
    evaluate_classifier,
    fab_label,
    is_question,
    need_label,
)
from kamlib.models.spin_selling.roleplay import OUTCOMES, RolePlayCall

# Measured on the whole held-out split (old v1/v2 part + frozen v3 part; never used to fit the rules or
# the learned layer; cue words that only it contains are kept out by test_no_cue_is_fitted_to_the_heldout_split):
# v3 hybrid, 2026-12-02: en 268/304 = 0.882, zh 242/273 = 0.886. Below issue 12's target of 0.90 on the
# v3 part in English: these thresholds guard against regressions, with a margin; they are not the target.
HELDOUT_MIN = {"en": 0.86, "zh": 0.86}
BANK = load_spin_questions()

# --- classifier -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh"])
def test_heldout_accuracy(language):
    report = evaluate_classifier(BANK, split="heldout", language=language)
    # plain numbers in the asserts: a failure shows the confusion matrix, never a held-out text
    accuracy, macro_f1, table = report.accuracy, report.macro_f1, str(report)
    assert accuracy >= HELDOUT_MIN[language], table
    assert sum(sum(row.values()) for row in report.confusion.values()) == report.n
    assert set(report.confusion) == set(SPIN_TYPES)
    assert all(set(row) == set(SPIN_TYPES) for row in report.confusion.values())
    assert len(report.misses) == report.n - report.correct
    assert macro_f1 >= HELDOUT_MIN[language] - 0.02, table


def test_heldout_sizes():
    assert evaluate_classifier(BANK, split="heldout", language="en").n == len(load_spin_questions("heldout"))
    assert evaluate_classifier(BANK, split="heldout", language="zh").n >= 16


def test_classifier_is_rules_not_a_lookup_of_the_bank():
    """The cue tables hold short cues (word families, split on |), and no bank question
    (or a piece of one)."""
    patterns = [c.pattern.pattern.lower() for c in spin._EN_CUES + spin._ZH_CUES]
    patterns += [p.pattern.lower() for p in (spin._EN_IMPROVED, spin._ZH_IMPROVED, spin._EN_IF, spin._EN_WHEN,
                                             spin._ZH_IF, spin._ZH_WHEN, spin._EN_YES_NO, spin._ZH_YES_NO)]
    assert max(len(alternative) for p in patterns for alternative in p.split("|")) < 90
    for q in load_spin_questions():
        assert not any(q.en.lower()[:25] in p for p in patterns), q.id
        assert q.zh is None or not any(q.zh[:8] in p for p in patterns), q.id
    assert not any(isinstance(v, dict) and len(v) > 20 for k, v in vars(spin).items() if not k.startswith("__"))


# Cue words that match held-out questions but no tune question. Each was either in the v1
# rules (written before the frozen split v2) or is named in issue 12 ("a late delivery", "how
# would X look if", "whether") or comes from the buyers' implied needs in spin_selling_statements.yaml
# ("stains", b23); any other such cue would have been fitted to the held-out split.
HELDOUT_ONLY_ALLOWED = {
    r"\b(?:currently)\b", r"\b(?:clog\w*)\b", r"\b(?:smell\w*)\b", r"\b(?:late)\b", r"\breliab\w*",
    r"\btoo (?:short|long|often|high|much|slow)\b", r"\bpenalt\w*", r"\brework\b", r"\bsav(?:e|ed|es|ing|ings)\b",
    r"\bsimpler\b", r"\bimportant (?:to|for) (?:you|your)\b", r"\bhow would [\w' ]+ look\b", "多远", "可靠", "堵塞",
    "太短", "罚", "耽误", "占用", "重要", "节省", r"\b(?:whether)\b", r"\b(?:wondering)\b", r"\bstains?\b",
    # cues of the v2 rules that match no tune question but some of the frozen split v3, written after them
    r"\b(?:downtime)\b", r"\b(?:fling\w*)\b", r"\b(?:uneasy)\b", r"\bover budget\b", "多不多",
}


def _split_top(pattern: str) -> list[str]:
    out, depth, cur, escaped, in_class = [], 0, "", False, False
    for ch in pattern:
        if escaped or in_class:
            cur += ch
            escaped, in_class = False, in_class and ch != "]"
            continue
        if ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return out + [cur]


def _alternatives(pattern: str) -> list[str]:
    result = []
    for alternative in _split_top(pattern):
        m = re.fullmatch(r"(\\b|\^)?\(\?:(.*)\)(\\b)?", alternative, re.S)
        if m and len(_split_top(m.group(2))) > 1:
            result += [(m.group(1) or "") + f"(?:{b})" + (m.group(3) or "") for b in _split_top(m.group(2))]
        else:
            result.append(alternative)
    return result


def test_no_cue_is_fitted_to_the_heldout_split():
    def norm(text):
        return " ".join(text.lower().replace("’", "'").split())

    tune = [norm(t) for q in BANK if q.split == "tune" for t in (q.en, q.zh) if t]
    held = [norm(t) for q in BANK if q.split == "heldout" for t in (q.en, q.zh) if t]
    patterns = [c.pattern.pattern for c in spin._EN_CUES + spin._ZH_CUES]
    patterns += [p.pattern for p in (spin._EN_IMPROVED, spin._ZH_IMPROVED, spin._EN_YES_NO, spin._ZH_YES_NO)]
    fitted = set()
    for pattern in patterns:
        for alternative in _alternatives(pattern):
            regex = re.compile(alternative)
            if not any(regex.search(t) for t in tune) and any(regex.search(t) for t in held):
                fitted.add(alternative)
    assert fitted <= HELDOUT_ONLY_ALLOWED, fitted - HELDOUT_ONLY_ALLOWED


@pytest.mark.parametrize(
    "text, expected",
    [
        # DOMAIN.md M8's four lubricant examples
        ("How many haul trucks, and what drain interval?", "S"),
        ("Are you satisfied with gearbox oil life?", "P"),
        ("What does an unplanned kiln stop cost per day?", "I"),
        ("How would halving grease consumption help your budget?", "N"),
        # paraphrases that are in no data file
        ("What brand of hydraulic oil is in the press?", "S"),
        ("Is the gearbox running hot?", "P"),
        ("What happens to output when the mill stops?", "I"),
        ("Would a longer drain interval be worth something to you?", "N"),
        ("你们的液压油多久换一次？", "S"),
        ("液压油经常泄漏吗？", "P"),
        ("停机对交货有什么影响？", "I"),
        ("这对你们有什么好处？", "N"),
    ],
)
def test_classifies_examples(text, expected):
    assert classify_question(text).type == expected


def test_reasons_name_the_deciding_cue():
    c = classify_question("What does an unplanned kiln stop cost you per day?")
    assert isinstance(c, Classification)
    assert c.reasons[0] == 'cue "cost you" (consequence) points to implication (+3)'
    assert c.name == "implication"
    assert any(r.startswith("scores:") for r in c.reasons)
    plain = classify_question("Where is the plant?")
    assert plain.type == "S"
    assert plain.reasons  # never empty


def test_reasons_follow_the_language():
    from kamlib.i18n import using_language

    c = classify_question("What does an unplanned kiln stop cost you per day?")
    assert c.explain("zh")[0] == "提示词“cost you”（consequence）指向暗示性问题（+3）"
    assert c.explain("zh")[-1].startswith("得分：情境性问题")
    with using_language("zh"):
        assert c.reasons == c.explain("zh")
        assert classify_question("Where is the plant?").reasons[-1] == (
            "没有探究性、暗示性或解决性提示词，学到的探究性、暗示性或解决性提示也不够强：只问事实的问题算作情境性问题")
    assert c.reasons == c.explain("en")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_debrief_speaks_the_call_language(language):
    call = start_call("cement_open_gear", language=language)
    call.ask("How many kilns and mills run on open girth gears?")
    outcome, tips = call.end(), call.debrief().tips
    chinese = [any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in (*outcome.reasons, *tips)]
    assert all(chinese) if language == "zh" else not any(chinese)


@pytest.mark.parametrize("bad", ["", "   ", "\n\t"])
def test_empty_text_is_a_value_error_naming_text(bad):
    with pytest.raises(ValueError, match="text must be a non-empty question"):
        classify_question(bad)


@pytest.mark.parametrize("statement", ["Our grease lasts longer.", "我们的润滑脂寿命更长。", "Thanks for your time"])
def test_statement_is_not_a_question(statement):
    with pytest.raises(ValueError, match=r"text must be a question \(end with '\?' or '？'"):
        classify_question(statement)


@pytest.mark.parametrize("bad", [None, 42, b"How many?", ["How many?"]])
def test_non_str_is_a_type_error(bad):
    with pytest.raises(TypeError, match="text must be a str"):
        classify_question(bad)


def test_classify_questions_names_the_bad_item():
    assert [c.type for c in classify_questions(("How many?", "Any problems?"))] == ["S", "P"]
    with pytest.raises(ValueError, match=r"texts\[1\]: text must be a question"):
        classify_questions(["How many?", "Our oil is good."])
    with pytest.raises(TypeError, match=r"texts\[0\] must be a str"):
        classify_questions([3])
    with pytest.raises(TypeError, match="texts must be a list of str"):
        classify_questions("How many?")


def test_evaluate_classifier_checks_arguments():
    with pytest.raises(ValueError, match="split must be one of 'heldout', 'heldout-old', 'heldout-v3', 'tune', 'all'"):
        evaluate_classifier(BANK, split="test")
    with pytest.raises(ValueError, match="language must be one of 'en', 'zh'"):
        evaluate_classifier(BANK, language="fr")
    with pytest.raises(TypeError, match="questions must hold SpinQuestion"):
        evaluate_classifier(["How many?"])


def test_precision_recall_f1_and_macro_f1_from_the_confusion_matrix():
    confusion = {"S": {"S": 8, "P": 0, "I": 0, "N": 0}, "P": {"S": 2, "P": 6, "I": 0, "N": 0},
                 "I": {"S": 0, "P": 0, "I": 4, "N": 0}, "N": {"S": 0, "P": 0, "I": 4, "N": 0}}
    report = spin.ClassifierReport("heldout", "en", 24, 18, confusion, [])
    assert report.per_type_recall() == {"S": 1.0, "P": 0.75, "I": 1.0, "N": 0.0}
    assert report.per_type_precision() == {"S": 0.8, "P": 1.0, "I": 0.5, "N": 0.0}
    f1 = report.per_type_f1()
    assert f1["S"] == pytest.approx(2 * 0.8 / 1.8) and f1["N"] == 0.0
    assert report.macro_f1 == pytest.approx(sum(f1.values()) / 4)
    assert "macro-F1" in str(report) and "precision" in str(report)


def test_summary_line_follows_kamlibs_language_both_ways():
    """The lecture prints ``report.summary()`` per split: Chinese in the zh edition, with the
    glossary's names for the split and the language, and English again after switching back."""
    report = evaluate_classifier(BANK, split="heldout", language="zh")
    numbers = f"{report.accuracy:.1%}", f"{report.macro_f1:.2f}"
    with using_language("zh"):
        zh = report.summary()
        assert str(report).splitlines()[0] == zh
    assert zh.startswith("留出题，中文：准确率 ") and f"（{report.correct}/{report.n}），宏平均F1 " in zh
    assert not re.search(r"[A-Za-z]{3,}", zh.replace("F1", ""))  # no English word left
    en = report.summary()
    assert en.startswith("held-out questions, Chinese: accuracy ") and f"({report.correct} of {report.n})" in en
    assert not re.search(r"[\u3400-\u9fff]", en)
    assert all(n in en and n in zh for n in numbers)
    assert (report.summary("zh"), report.summary("en")) == (zh, en)  # an explicit language wins
    with using_language("zh"):
        assert report.summary("en") == en
    tune = spin.classifier_scores(BANK, splits=("tune",), languages=("en",))[0]
    assert (tune.heading("zh"), tune.heading("en")) == ("调规则用的题，英文", "tune questions, English")
    with pytest.raises(ValueError, match="language must be one of 'en', 'zh'"):
        report.summary("fr")


def test_classifier_scores_is_tune_and_heldout_in_both_languages():
    reports = spin.classifier_scores(BANK)
    assert [(r.split, r.language) for r in reports] == [("tune", "en"), ("tune", "zh"), ("heldout", "en"),
                                                       ("heldout", "zh")]
    assert reports[2].n == len(load_spin_questions("heldout"))
    with pytest.raises(ValueError, match="languages entries must be one of en, zh"):
        spin.classifier_scores(BANK, languages=["fr"])
    with pytest.raises(TypeError, match="splits must be a non-empty list"):
        spin.classifier_scores(BANK, splits="tune")


def test_heldout_parts_old_and_v3_add_up():
    old, v3 = (evaluate_classifier(BANK, split=s, language="en") for s in ("heldout-old", "heldout-v3"))
    assert (old.n, v3.n) == (184, 120)
    assert old.n + v3.n == evaluate_classifier(BANK, split="heldout", language="en").n
    assert evaluate_classifier(BANK, split="heldout-v3", language="zh").n == 120
    reports = spin.classifier_scores(BANK, splits=("heldout-old", "heldout-v3"), languages=("zh",))
    assert [(r.split, r.n) for r in reports] == [("heldout-old", 153), ("heldout-v3", 120)]


# --- the learned layer --------------------------------------------------------------------------


def test_learned_weights_are_up_to_date_and_trained_on_the_tune_split():
    """learned_weights.py is what ``python -m tools.spin_model`` writes from the tune split today."""
    from tools.spin_model import TARGET, render

    assert TARGET.read_text(encoding="utf-8") == render(spin.train_weights(load_spin_questions("tune"))), (
        "kamlib/models/spin_selling/learned_weights.py is out of date: run python -m tools.spin_model")


def test_learned_layer_has_no_feature_only_the_heldout_split_holds():
    from kamlib.models.spin_selling.learned_weights import SPIN_LEARNED_WEIGHTS as WEIGHTS

    tune_features = {"<bias>"}
    for q in load_spin_questions("tune"):
        for text in (q.en, q.zh):
            if text:
                language = spin.question_language(text)
                lowered = spin._normalise(text)
                _, _, names, frames, _ = spin._rules(lowered, language)
                tune_features |= spin._features(lowered, language, names, frames)
    assert set(WEIGHTS) <= tune_features
    assert len(WEIGHTS) > 1000 and all(len(w) == 4 and abs(sum(w)) < 0.01 for w in WEIGHTS.values())


def test_reasons_name_the_learned_cues_in_both_languages():
    c = classify_question("Would a grease that lasts the whole campaign be worth something to you?")
    assert c.type == "N"
    learned = [r for r in c.explain("en") if r.startswith("learned cue “")]
    assert learned and all("→ need-payoff (+" in r for r in learned), c.reasons
    assert any(r.startswith("学到的提示“") and spin._zh_names("N") in r for r in c.explain("zh"))
    assert not any("rule:" in r for r in c.reasons)
    assert any(r.startswith("scores:") for r in c.reasons)


def test_rules_alone_and_the_learned_layer_share_one_tally():
    text = "Does the coolant foaming create slip hazards on the shop floor?"
    rules_only = spin._classify(text, None)
    hybrid = classify_question(text)
    assert rules_only.scores["I"] >= 3  # cue "create" / "hazards": what a problem does
    assert hybrid.type == "I"
    assert hybrid.scores != rules_only.scores


def test_scoring_a_bank_gives_the_types_classify_question_gives():
    # evaluate_classifier takes the short path (no reasons); it must decide as the long one does
    texts = [t for q in BANK for t in (q.en, q.zh) if t]
    assert [spin._question_type(t) for t in texts] == [classify_question(t).type for t in texts]


def test_tallies_do_not_depend_on_the_kernels_string_hashing():
    # the learned features are a set, whose order follows PYTHONHASHSEED; the shown tally must not
    import json
    import os
    import subprocess
    import sys

    script = ("import json; from kamlib import classify_question, load_spin_questions; "
              "print(json.dumps([classify_question(t).scores for q in load_spin_questions()[:150] "
              "for t in (q.en, q.zh) if t]))")
    runs = {seed: subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                                 env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")}
    assert len(json.loads(runs["1"])) > 200
    assert runs["1"] == runs["2"] == runs["3"]


def test_one_question_classifies_in_under_5_ms_after_the_first():
    import time

    texts = [t for q in BANK[:100] for t in (q.en, q.zh) if t]
    classify_question(texts[0])
    start = time.perf_counter()
    for text in texts:
        classify_question(text)
    assert (time.perf_counter() - start) / len(texts) < 0.005


def test_text_over_2000_characters_is_a_value_error_naming_text():
    with pytest.raises(ValueError, match="text must be at most 2,000 characters"):
        classify_question("How many trucks? " * 200)
    assert classify_question("How many trucks run on site" + " really" * 270 + "?").type == "S"


@pytest.mark.parametrize(
    "text, expected, cue",
    [
        ("Does the gearbox run hotter than you'd like?", "P", "worse than expected"),
        ("Is the hydraulic oil foaming?", "P", "yes/no question about a symptom"),
        ("If the pinion pits, how long is the kiln down?", "I", "a problem"),
        ("When a filter blocks, how many hours does the machine run slow?", "I", "a problem"),
        ("Who else would gain if the filters lasted twice as long?", "N", "the problem solved"),
        ("If trips from oil problems stopped, what would that mean for your bonus?", "N", "the problem solved"),
        ("如果滤芯寿命翻倍，对你们值多少？", "N", "问题解决了"),
        ("滤芯一堵，纸机要慢多久？", "I", "一…就"),
        ("齿轮箱是不是有漏油？", "P", "是不是/有没有"),
    ],
)
def test_frames_decide_and_are_named_in_reasons(text, expected, cue):
    c = classify_question(text)
    assert c.type == expected, c.reasons
    assert any(cue in r for r in c.reasons), c.reasons


def test_situation_is_the_fallback_and_says_no_cue_fired():
    c = classify_question("Is the plant on one shift?")
    assert c.type == "S"
    assert c.reasons[-1].startswith("no cue fired")


question_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=80
).map(lambda s: s + "?")
words = st.lists(
    st.sampled_from(["how", "many", "cost", "you", "help", "problem", "satisfied", "grease", "kiln",
                     "would", "的", "多少", "损失", "帮助", "满意", "吗", "if", "we", "could", "影响"]),
    min_size=1, max_size=12,
).map(lambda ws: " ".join(ws) + "?")


@settings(max_examples=200, deadline=None)
@given(st.one_of(question_text, words))
def test_classification_is_deterministic_and_always_a_spin_type(text):
    first = classify_question(text)
    second = classify_question(text)
    assert first.type in SPIN_TYPES
    assert first == second
    assert first.reasons


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_any_text_either_classifies_or_raises_a_clear_value_error(text):
    try:
        result = classify_question(text)
    except ValueError as err:
        assert str(err).startswith("text must be")
    else:
        assert result.type in SPIN_TYPES
        assert is_question(text)


# --- needs and FAB ----------------------------------------------------------------------------


# statements the bank keeps on purpose because the rules misread them (see its comments)
NEED_LABEL_MISSES = {"b45", "b46"}
FAB_LABEL_MISSES = {"n12"}


def test_need_label_on_the_statement_bank():
    bank = load_spin_statements()
    wrong = {s.id for s in bank.buyer if need_label(s.text.en) != s.label}
    assert wrong == NEED_LABEL_MISSES


def test_fab_label_on_the_statement_bank():
    bank = load_spin_statements()
    wrong = {s.id for s in bank.seller if fab_label(s.text.en, [c.en for c in s.context]) != s.label}
    assert wrong == FAB_LABEL_MISSES


def test_fab_depends_on_the_stated_need():
    sentence = "You said you need to halve grease use: this lubricant needs under half the grease, so you save."
    assert fab_label(sentence, []) == "advantage"
    assert fab_label(sentence, ["We need to halve our grease use."]) == "benefit"
    assert fab_label(sentence, ["We need faster deliveries."]) == "advantage"
    assert fab_label("The grease is NLGI grade 2.", ["We need NLGI grade 2 grease."]) == "benefit"
    assert fab_label("The grease is NLGI grade 2.") == "feature"


def test_fab_label_checks_input():
    with pytest.raises(TypeError, match="explicit_needs must be a list of str"):
        fab_label("Our oil is synthetic.", "we need oil")
    with pytest.raises(ValueError, match="statement must be a non-empty"):
        fab_label(" ")


# --- role-play engine -------------------------------------------------------------------------


def _play(name, lines, language="en"):
    call = start_call(name, language=language)
    call.play(lines)
    return call


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("name", list_scenarios())
def test_good_call_ends_in_order_or_advance(name, language):
    call = _play(name, load_scenario(name).example_lines("good", language), language)
    outcome = call.end()
    assert outcome.name in ("order", "advance"), outcome.reasons
    debrief = call.debrief()
    assert debrief.early_pitches == []
    assert debrief.needs_explicit
    assert min(debrief.mix[t] for t in "PIN") >= 1


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("name", list_scenarios())
def test_feature_dumping_call_ends_badly_with_pitches_flagged(name, language):
    lines = load_scenario(name).example_lines("poor", language)
    call = _play(name, lines, language)
    outcome = call.end()
    assert outcome.name in ("no-sale", "continuation"), outcome.reasons
    debrief = call.debrief()
    pitches = [i for i, line in enumerate(lines, 1) if not is_question(line)]
    assert debrief.early_pitches == pitches
    assert debrief.needs_explicit == []
    early = {"en": "pitched the product before", "zh": "就推介了产品"}[language]
    assert any(early in tip for tip in debrief.tips)


@pytest.mark.parametrize(
    "name, lines",
    [
        ("cement_open_gear", ["有多少台窑和磨机是开式大齿圈传动？", "每台窑的传动一年用多少润滑脂？",
                              "你对现在的润滑脂用量满意吗？", "多用的润滑脂对维修预算有什么影响？",
                              "润滑脂用量减半对你的预算有什么帮助？", "齿面有没有出现点蚀或磨损？",
                              "齿轮故障导致意外停窑，一天会损失多少？", "大修之间也能看到齿面，对你有多大用处？",
                              "你说需要把用量减半：我们的润滑剂在类似传动上用脂量通常不到现在的一半。"]),
        ("mining_haul_trucks", ["你们有多少台矿卡和电铲？", "冬天集中润滑系统可靠吗？", "集中润滑管路堵了，销轴会怎样？",
                                "一种零下三十度还能泵送的润滑脂，冬天对你有什么帮助？", "你对这里的润滑脂送货满意吗？",
                                "断货让你们损失了多少产量？", "在矿上设寄售库存，对你们的计划人员有什么帮助？",
                                "我们可以在矿区门口为你们设寄售库存。"]),
    ],
)
def test_good_call_in_chinese(name, lines):
    call = _play(name, lines, language="zh")
    # a large sale: this buyer cannot order alone, so one good call ends in the scenario's advance
    assert call.end().name == "advance"
    assert call.end().next_step == call.scenario.advance.get("zh")
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in r.buyer) for r in call.history)


def test_same_script_same_call():
    lines = list(load_scenario("cement_open_gear").example_calls["good"]) + ["Are you happy with the price?"]
    a, b = _play("cement_open_gear", lines), _play("cement_open_gear", lines)
    assert a.history == b.history
    assert a.end() == b.end()
    assert a.debrief() == b.debrief()


def test_repeated_question_costs_goodwill():
    call = start_call("cement_open_gear", language="en")
    first = call.ask("Are you happy with your grease consumption?")
    again = call.ask("Are you happy with your grease consumption?")
    assert first.goodwill_change == 0
    assert "repeat" in again.flags and again.goodwill_change < 0
    # asked again in other words: the buyer repeats the need, and it still costs
    reworded = call.ask("Is grease consumption higher than you expected?")
    assert "repeat" in reworded.flags and reworded.goodwill_change < 0
    assert reworded.buyer.startswith("As I said:")
    assert call.debrief().repeats == [2, 3]


def test_off_topic_question_costs_goodwill():
    call = start_call("cement_open_gear", language="en")
    off = call.ask("Did you watch the football last night?")
    assert off.flags == ("off_topic",) and off.goodwill_change == -1
    assert call.debrief().off_topic == [1]


def test_too_many_situation_questions_cost_goodwill():
    call = start_call("cement_open_gear", language="en")
    situation = ["How many kilns run?", "How long does the shutdown last?", "How much grease does each drive use per year?",
                 "Where does spent grease go?", "How old is the pinion?", "How dusty is the raw-mill area?"]
    replies = call.play(situation)
    assert [r.type for r in replies] == ["S"] * 6
    assert [r.flags for r in replies[:5]] == [()] * 5
    assert "too_many_situation" in replies[5].flags and replies[5].goodwill_change < 0
    assert replies[5].uncovered == ("fact:raw_mill_dust",)


def test_needs_surface_only_in_spin_order():
    call = start_call("cement_open_gear", language="en")
    early_n = call.ask("How would halving grease consumption help your budget?")
    assert early_n.type == "N" and early_n.uncovered == ()
    early_i = call.ask("How does the extra grease affect your maintenance budget?")
    assert early_i.type == "I" and early_i.uncovered == ()
    assert call.ask("Are you happy with your grease consumption?").uncovered == ("implied:cut_grease",)
    lukewarm = call.ask("What would halving grease consumption be worth to you?")
    assert lukewarm.uncovered == () and "not a big enough issue" in lukewarm.buyer
    assert call.ask("What does the extra grease cost you each year?").uncovered == ("developed:cut_grease",)
    assert call.ask("How valuable would halving grease consumption be?").uncovered == ("explicit:cut_grease",)


def test_pitch_after_explicit_need_is_a_benefit_or_an_unlinked_pitch():
    call = start_call("cement_open_gear", language="en")
    call.play(["Are you happy with your grease consumption?",
               "How does the extra grease affect your maintenance budget?",
               "How would halving grease consumption help your budget?"])
    unlinked = call.say("Our product is approved by the major mill makers.")
    assert unlinked.flags == ("unlinked_pitch",)
    benefit = call.say("You need to halve grease use: our lubricant typically needs under half the grease.")
    assert benefit.flags == ("benefit",) and benefit.uncovered == ("met:cut_grease",)
    small_talk = call.say("Thanks, that is helpful.")
    assert small_talk.flags == () and small_talk.goodwill_change == 0


def test_end_is_final_and_idempotent():
    call = start_call("mining_haul_trucks", language="en")
    call.ask("How reliable are the auto-lube systems in winter?")
    outcome = call.end()
    assert outcome.name in OUTCOMES and outcome.name == "continuation"
    assert call.end() is outcome
    with pytest.raises(RuntimeError, match="the call has ended"):
        call.ask("Anything else?")


def test_silent_call_is_no_sale():
    call = start_call("mining_haul_trucks", language="en")
    assert call.end().name == "no-sale"
    assert call.debrief().needs_missed == [n.id for n in call.scenario.needs]


def test_goodwill_zero_is_no_sale():
    call = start_call("cement_open_gear", language="en")
    call.play(["Are you happy with your grease consumption?"] + ["Our grease is synthetic."] * 5)
    assert call.goodwill == 0
    assert call.end().name == "no-sale"


def test_debrief_counts_the_mix():
    call = _play("cement_open_gear", load_scenario("cement_open_gear").example_calls["good"])
    debrief = call.debrief()
    assert debrief.mix == {"S": 3, "P": 2, "I": 2, "N": 2}
    assert debrief.statements == 2
    assert debrief.needs_missed == ["dust_paste"]
    assert debrief.decision_learned == ["approval"]
    assert debrief.benefits == [10, 11]
    assert len(debrief.goodwill) == debrief.turns + 1


def test_call_input_errors():
    call = start_call("cement_open_gear", language="en")
    with pytest.raises(TypeError, match="text must be a str"):
        call.ask(None)
    with pytest.raises(ValueError, match="text must be a non-empty question or statement"):
        call.say("  ")
    with pytest.raises(TypeError, match="scenario must be a Scenario"):
        RolePlayCall("cement_open_gear")
    with pytest.raises(ValueError, match="language must be one of 'en', 'zh'"):
        start_call("cement_open_gear", language="fr")
    with pytest.raises(TypeError, match="lines must be a list of str"):
        call.play("How many kilns?")


# --- buyer realism: outcomes, reactions, metrics ------------------------------------------------


def test_every_scenario_states_its_advance_and_orders_only_where_allowed():
    for name in list_scenarios():
        scenario = load_scenario(name)
        assert scenario.advance.en and scenario.advance.zh and scenario.decision, name
        for language in ("en", "zh"):
            call = _play(name, scenario.example_lines("good", language), language)
            outcome = call.end()
            assert outcome.name == ("order" if scenario.can_order else "advance"), (name, language, outcome.reasons)
            if outcome.name == "advance":
                assert outcome.next_step == scenario.advance.get(language)


def test_decision_process_questions_uncover_facts_in_order():
    call = start_call("cement_open_gear", language="en")
    first = call.ask("Who signs off a change of lubricant here?")
    assert first.uncovered == ("decision:approval",) and "plant manager" in first.buyer
    assert call.ask("Is there a trial before a new product is accepted?").uncovered == ("decision:group_contract",)
    again = call.ask("And who decides in the end?")
    assert again.uncovered == () and "repeat" in again.flags
    assert call.debrief().decision_learned == ["approval", "group_contract"]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_keyword_salad_is_not_a_question_about_the_topic(language):
    salad = {"en": ["grease problem?", "grease cost affect?", "grease halving help?"],
             "zh": ["润滑脂问题？", "润滑脂成本影响？", "用量减半帮助？"]}[language]
    call = start_call("cement_open_gear", language=language)
    replies = call.play(salad)
    assert all(r.flags == ("unclear",) and r.uncovered == () and r.topic is None for r in replies)
    assert all(r.goodwill_change < 0 for r in replies)
    assert call.debrief().needs_uncovered == [] and call.end().name == "no-sale"


@pytest.mark.parametrize("line, flag", [
    ("Are your fitters too lazy to clean the gear guards?", "rude"),
    ("你们的钳工是不是太懒了，护罩都不清理吗？", "rude"),
    ("Don't you agree that your grease consumption is far too high?", "leading"),
    ("难道你不觉得润滑脂用量太高了吗？", "leading"),
])
def test_rude_and_leading_lines_cost_goodwill_and_get_a_reply_in_kind(line, flag):
    call = start_call("cement_open_gear", language="zh" if "\u4e00" <= line[0] <= "\u9fff" else "en")
    reply = call.ask(line)
    assert reply.flags == (flag,) and reply.uncovered == () and reply.goodwill_change < 0
    assert reply.buyer == call._reply_text(flag)


def test_an_insult_ends_in_no_sale_whatever_came_before():
    scenario = load_scenario("cement_open_gear")
    call = _play("cement_open_gear", [*scenario.example_lines("good", "en"), "Frankly, your plant is a rubbish tip."])
    assert call.end().name == "no-sale"


def test_a_multi_part_question_gets_the_first_part_answered():
    call = start_call("cement_open_gear", language="en")
    reply = call.ask("Are you happy with your grease consumption? And how old is the girth gear?")
    assert "multi_part" in reply.flags and reply.uncovered == ("implied:cut_grease",)
    assert reply.buyer.startswith("One thing at a time.")


def test_order_only_where_the_buyer_can_decide_alone():
    import dataclasses

    scenario = load_scenario("cement_open_gear")
    lines = scenario.example_lines("good", "en")
    assert _play(scenario, lines).end().name == "advance"
    alone = dataclasses.replace(scenario, can_order=True)
    assert _play(alone, lines).end().name == "order"  # the good call asks who signs
    no_decision = [line for line in lines if "signs" not in line and "trial" not in line.lower()]
    assert _play(alone, no_decision).end().name == "advance"


def test_call_metrics_and_scorecard():
    scenario = load_scenario("cement_open_gear")
    good = _play("cement_open_gear", scenario.example_lines("good", "en")).debrief().metrics
    poor = _play("cement_open_gear", scenario.example_lines("poor", "en")).debrief().metrics
    assert good.questions == sum(good.mix.values()) and good.share_i_n > poor.share_i_n
    assert 0 < good.talk_share < poor.talk_share < 1
    assert good.early_pitches == 0 and poor.early_pitches == 3
    assert (good.needs_uncovered, good.needs_explicit, good.needs_met) == (2, 2, 2)
    assert good.longest_monologue == max(len(line.split()) for line in scenario.example_lines("good", "en"))
    rows = _play("cement_open_gear", scenario.example_lines("good", "zh"), "zh").debrief().scorecard()
    assert len(rows) == 6 and all(any("\u4e00" <= ch <= "\u9fff" for ch in row[0]) for row in rows)
    assert any("[P]" in row[2] for row in rows)


@pytest.mark.parametrize("bad, error, match", [
    ("", ValueError, "text must be a non-empty"),
    (42, TypeError, "text must be a str"),
    ("Is the grease a problem? " * 90, ValueError, "text must be at most 2,000 characters"),
])
def test_bad_questions_name_the_argument(bad, error, match):
    with pytest.raises(error, match=match):
        start_call("cement_open_gear", language="en").ask(bad)


def test_six_scenarios_across_the_running_cases_sectors_and_the_zh_buyer_speaks_chinese():
    names = list_scenarios()
    assert len(names) >= 6
    assert {load_scenario(n).sector for n in names} >= {"cement", "mining", "steel", "power", "food", "fleets", "wind"}
    assert any(load_scenario(n).can_order for n in names) and not all(load_scenario(n).can_order for n in names)
    for name in names:
        call = _play(name, load_scenario(name).example_lines("good", "zh"), "zh")
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in r.buyer) for r in call.history), name
        assert all(r.uncovered or r.flags for r in call.history if r.type in ("P", "I", "N")), name


def test_no_question_of_the_bank_reads_as_keyword_salad():
    from kamlib.models.spin_selling.roleplay import is_real_question

    texts = [t for q in load_spin_questions() for t in (q.en, q.zh) if t]
    assert len(texts) > 1000
    assert [t for t in texts if is_question(t) and not is_real_question(t)] == []
