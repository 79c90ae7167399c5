"""Exercise 10, *SPIN selling*: the questions, declared once.

q1-q3 are labelling tasks: the trainee returns a dict of labels for questions and
statements taken from the course's SPIN bank, and the expected labels are the
bank's own (:mod:`kamlib.data.spin`). Their hidden tests re-check the same labels
through a freshly imported checker, with exact types: there is nothing unseen to
test, and a trainee should not have to write a classifier to show they can hear
the difference between a problem and its consequences.

q4 is a call script, graded by replaying it through the role-play engine
(:mod:`kamlib.models.spin_roleplay`): visibly, the buyer must state an explicit
need and the call must end in *order* or *advance*; the hidden test replays it
in a fresh engine and also refuses a feature dump (a product pitch before the
buyer's first explicit need) and more situation questions than the buyer will
sit through.

>>> q1.evaluate(lambda: {k: "S" for k in Q1_IDS}).outcome
'incorrect'
>>> q4.evaluate(lambda: list(example_call("poor"))).message.startswith("That is a feature dump")
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from kamlib.checks.framework import Case, Mistake, Question

__all__ = [
    "Q1_IDS", "Q2_IDS", "Q3_IDS", "Q1_KEYS", "Q2_KEYS", "Q3_KEYS", "SCENARIO", "MAX_LINES",
    "q1_questions", "q2_statements", "q3_statements", "example_call", "replay",
    "q1", "q2", "q3", "q4", "QUESTIONS", "try_it",
]

# q1: 16 questions, four of each type, in a mixed order. p06, p15 and i12 are
# held-out questions the classifier gets wrong: copying classify_question fails.
Q1_IDS = ("p25", "s12", "n01", "i25", "p06", "s24", "n25", "i12",
          "p24", "i11", "s25", "n24", "p15", "n12", "s09", "i24")
# q2: 12 buyer statements; b09, b17 and b18 are strong complaints, still implied needs.
Q2_IDS = ("b25", "b01", "b09", "b28", "b04", "b17", "b44", "b18", "b45", "b06", "b46", "b27")
# q3: 12 seller statements; f04 and a04 come after an explicit need they do not answer.
Q3_IDS = ("a01", "n01", "f01", "f04", "a04", "n03", "n02", "a03", "f03", "a02", "f02", "n12")
# The trainee sees neutral ids (Q01, B01, M01): the bank's ids start with the answer.
Q1_KEYS = {f"Q{i:02d}": bank_id for i, bank_id in enumerate(Q1_IDS, 1)}
Q2_KEYS = {f"B{i:02d}": bank_id for i, bank_id in enumerate(Q2_IDS, 1)}
Q3_KEYS = {f"M{i:02d}": bank_id for i, bank_id in enumerate(Q3_IDS, 1)}
SCENARIO = "cement_open_gear"
MAX_LINES = 12
_FAB_LETTERS = {"feature": "F", "advantage": "A", "benefit": "B"}


# --- the material ---------------------------------------------------------------------------------

def _bank():
    from kamlib.data.spin import load_spin_questions

    return {q.id: q for q in load_spin_questions()}


def _statements():
    from kamlib.data.spin import load_spin_statements

    bank = load_spin_statements()
    return {s.id: s for s in (*bank.buyer, *bank.seller)}


def q1_questions() -> dict[str, str]:
    """The 16 questions of q1: ``{id: question}`` (ids Q01-Q16)."""
    bank = _bank()
    return {key: bank[qid].en for key, qid in Q1_KEYS.items()}


def q2_statements() -> dict[str, str]:
    """The 12 buyer statements of q2: ``{id: what the buyer says}``."""
    found = _statements()
    return {key: found[sid].text for key, sid in Q2_KEYS.items()}


def q3_statements() -> dict[str, dict]:
    """The 12 seller statements of q3: ``{id: {"needs_stated": [...], "seller": text}}``;
    ``needs_stated`` are the explicit needs the buyer had stated before (maybe none)."""
    found = _statements()
    return {key: {"needs_stated": list(found[sid].context), "seller": found[sid].text} for key, sid in Q3_KEYS.items()}


def example_call(kind: str = "good", scenario: str = SCENARIO) -> tuple[str, ...]:
    """A scenario's scripted call: ``'good'`` (a model SPIN call) or ``'poor'`` (a feature dump)."""
    from kamlib.data.spin import load_scenario

    if kind not in ("good", "poor"):
        raise ValueError(f"kind must be 'good' or 'poor', got {kind!r}")
    return load_scenario(scenario).example_calls[kind]


def replay(lines, scenario: str = SCENARIO, language: str = "en", show: bool = True):
    """Play ``lines`` (a list of str) to the scenario's buyer; print each turn and the
    debrief, return the :class:`~kamlib.models.spin_roleplay.Debrief`. q4 is graded
    the same way."""
    from kamlib.models.spin_roleplay import start_call

    call = start_call(scenario, language=language)
    replies = call.play(list(lines))
    debrief = call.debrief()
    if show:
        print(f"Buyer: {call.opening}")
        for r in replies:
            kind = r.type or "statement"
            notes = ", ".join([*r.flags, *r.uncovered])
            print(f"{r.turn:>2} [{kind}] {r.text}\n   Buyer: {r.buyer}" + (f"\n   ({notes})" if notes else ""))
        print(f"Outcome: {call.end().name}. Explicit needs: {debrief.needs_explicit or 'none'}; "
              f"early pitches at turns: {debrief.early_pitches or 'none'}.")
        for tip in debrief.tips:
            print(" -", tip)
    return debrief


# --- judging a dict of labels ----------------------------------------------------------------------

def _kind(value) -> str:
    names = {dict: "a dict", list: "a list", tuple: "a tuple", str: "a str", int: "a whole number",
             float: "a number", type(None): "None"}
    return names.get(type(value), f"a {type(value).__name__}")


def _label_judge(allowed: tuple[str, ...], confusions: dict[tuple[str, str], str]):
    """judge(expected, got) for ``{id: label}`` answers: None when right, else a reason
    naming the kind of mistake and how many labels are off, never which or what."""

    def judge(expected: dict, got) -> str | None:
        if type(got) is not dict:
            return f"expected a dict {{id: label}}, got {_kind(got)}"
        if any(type(k) is not str for k in got):
            return "the keys of your dict must be the ids as strings, e.g. 'Q01'"
        missing = [k for k in expected if k not in got]
        extra = [k for k in got if k not in expected]
        if missing or extra:
            parts = ([f"missing {', '.join(missing[:5])}"] if missing else []) + (
                [f"unexpected {', '.join(extra[:5])}"] if extra else [])
            return "your dict has " + "; ".join(parts)
        bad = [k for k in expected if type(got[k]) is not str or got[k] not in allowed]
        if bad:
            return (f"every label must be one of {', '.join(map(repr, allowed))} (check "
                    f"{', '.join(bad[:4])})")
        wrong = Counter((expected[k], got[k]) for k in expected if got[k] != expected[k])
        if not wrong:
            return None
        n = sum(wrong.values())
        head = f"{n} of {len(expected)} labels {'is' if n == 1 else 'are'} not right yet"
        for pair, _ in wrong.most_common():
            if pair in confusions:
                return f"{head}. {confusions[pair].rstrip('.')}"
        return head

    return judge


def _relabel(reference: dict, change: dict[str, str], only: set[str] | None = None) -> dict:
    return {k: change.get(v, v) if only is None or k in only else v for k, v in reference.items()}


# --- q1: S / P / I / N -----------------------------------------------------------------------------

def q1_reference() -> dict[str, str]:
    """The bank's type of each q1 question."""
    bank = _bank()
    return {key: bank[qid].type for key, qid in Q1_KEYS.items()}


def _classifier_labels() -> dict[str, str]:
    from kamlib.models.spin import classify_question

    return {qid: classify_question(text).type for qid, text in q1_questions().items()}


Q1_CONFUSIONS = {
    ("I", "P"): "You labelled consequence questions as problem questions: a question about what a problem "
                "costs, causes or leads to is an implication question (暗示问题).",
    ("P", "I"): "You labelled questions about a difficulty itself as implication questions: an implication "
                "question asks about the problem's consequences; one that asks whether there is a problem "
                "is a problem question (难点问题).",
    ("N", "I"): "You labelled questions about the value of a solution as implication questions: when the "
                "question asks how solving it would help or what it would be worth, it is a need-payoff "
                "question (需求-效益问题).",
    ("I", "N"): "You labelled questions about a problem's cost as need-payoff questions: need-payoff "
                "questions ask about the value of a solution, not the cost of the problem.",
    ("P", "S"): "You labelled questions about difficulties or dissatisfaction as situation questions: a "
                "question that asks whether something goes wrong is a problem question (难点问题), even when "
                "it asks for a fact.",
    ("S", "P"): "You labelled fact-finding questions as problem questions: a question about the set-up "
                "(how many, which, who, when) is a situation question (背景问题).",
    ("N", "P"): "You labelled need-payoff questions as problem questions: a question about how useful or "
                "important a solution would be is a need-payoff question.",
    ("I", "S"): "You labelled consequence questions as situation questions: a question about what a problem "
                "does to cost, output or people is an implication question, even when it asks for a number.",
}

q1 = Question(
    id="q1",
    summary="label 16 questions S / P / I / N",
    answer_name="q1_labels",
    reference=q1_reference,
    cases=lambda: [Case()],
    kind="function",
    judge=_label_judge(("S", "P", "I", "N"), Q1_CONFUSIONS),
    hints=(
        "Ask what each question is about: facts and set-up (S), a difficulty or dissatisfaction (P), the "
        "consequences of a problem (I), or the value of a solution (N).",
        "Words like cost, affect, lead to, lose, what happens point to implication; help, worth, useful, "
        "important to you, benefit point to need-payoff. But read the whole question: 'What does dust do "
        "to pin replacements?' asks about a consequence.",
        "classify_question(text) is right on most of these, not all: read its .reasons and decide. A "
        "question that asks whether something goes wrong ('Do you see stains that do not wash out?') is "
        "a problem question even if it sounds like a fact.",
    ),
    mistakes=(
        Mistake("copied the classifier",
                "These are exactly the classifier's labels, and the classifier is wrong on some of these "
                "questions. Read each one and its reasons (classify_question(text).reasons), and decide yourself.",
                _classifier_labels),
        Mistake("I as P", Q1_CONFUSIONS[("I", "P")], lambda: _relabel(q1_reference(), {"I": "P"})),
        Mistake("N as I", Q1_CONFUSIONS[("N", "I")], lambda: _relabel(q1_reference(), {"N": "I"})),
        Mistake("P as S", Q1_CONFUSIONS[("P", "S")], lambda: _relabel(q1_reference(), {"P": "S"})),
    ),
)


# --- q2: implied / explicit ------------------------------------------------------------------------

def q2_reference() -> dict[str, str]:
    """The bank's label of each q2 buyer statement."""
    found = _statements()
    return {key: found[sid].label for key, sid in Q2_KEYS.items()}


# "I'm not happy", "that bothers me", "a constant headache"
_STRONG = {key for key, sid in Q2_KEYS.items() if sid in ("b09", "b17", "b18")}
Q2_CONFUSIONS = {
    ("implied", "explicit"): "You labelled a complaint as an explicit need. However strongly it is felt, a "
                             "problem or dissatisfaction is an implied need (隐含需求); an explicit need "
                             "(明确需求) states a specific want ('we need…', 'I'd like…').",
    ("explicit", "implied"): "You labelled a specific want as an implied need: when the buyer says what they "
                             "want or need ('we need…', 'we're looking for…', 'ideally…'), it is an explicit need.",
}

q2 = Question(
    id="q2",
    summary="label 12 buyer statements implied / explicit",
    answer_name="q2_labels",
    reference=q2_reference,
    cases=lambda: [Case()],
    kind="function",
    judge=_label_judge(("implied", "explicit"), Q2_CONFUSIONS),
    hints=(
        "An implied need (隐含需求) is a problem, difficulty or dissatisfaction. An explicit need (明确需求) "
        "is a specific want or wish the buyer states.",
        "Look for the buyer asking for something: 'we need', 'I want', 'we're looking for', 'I'd like', "
        "'ideally'. Without that, it is implied, however strong the words.",
        "'I'm not happy with…' and '…is a constant headache' are strong, but they describe a problem: implied.",
    ),
    mistakes=(
        Mistake("strong complaints explicit", Q2_CONFUSIONS[("implied", "explicit")],
                lambda: _relabel(q2_reference(), {"implied": "explicit"}, _STRONG)),
        Mistake("explicit as implied", Q2_CONFUSIONS[("explicit", "implied")],
                lambda: _relabel(q2_reference(), {"explicit": "implied"})),
    ),
)


# --- q3: F / A / B ---------------------------------------------------------------------------------

def q3_reference() -> dict[str, str]:
    """The bank's label (as F, A or B) of each q3 seller statement, given its context."""
    found = _statements()
    return {key: _FAB_LETTERS[found[sid].label] for key, sid in Q3_KEYS.items()}


Q3_CONFUSIONS = {
    ("A", "B"): "A benefit needs an explicit need the buyer stated — this is an advantage: it says how the "
                "product helps, but answers no need the buyer has voiced (check needs_stated).",
    ("B", "A"): "You labelled as an advantage a statement that meets an explicit need the buyer stated: in "
                "Rackham's sense that is a benefit (利益).",
    ("F", "A"): "You labelled a plain fact about the product as an advantage: a feature (特征) only describes "
                "the product; an advantage (优点) says how it can be used or helps.",
    ("A", "F"): "You labelled as a feature a statement that says how the product helps or can be used: that "
                "is an advantage (优点).",
    ("F", "B"): "You labelled a plain fact about the product as a benefit: a fact is a feature, even when the "
                "buyer has stated a need, unless it shows how that need is met.",
}

q3 = Question(
    id="q3",
    summary="label 12 seller statements F / A / B given the buyer's stated needs",
    answer_name="q3_labels",
    reference=q3_reference,
    cases=lambda: [Case()],
    kind="function",
    judge=_label_judge(("F", "A", "B"), Q3_CONFUSIONS),
    hints=(
        "Rackham's sense: F, a fact about the product; A, how it can be used or helps; B, how it meets an "
        "explicit need the buyer has stated.",
        "Read needs_stated first. Empty? Then nothing can be a benefit yet: it is F or A. Not empty? A "
        "benefit must answer *that* need, not another one.",
        "The same sentence can be an advantage in one call and a benefit in another: 'your fitters can "
        "inspect the teeth' is an advantage until the buyer has said they need to see the teeth.",
    ),
    mistakes=(
        Mistake("advantages as benefits", Q3_CONFUSIONS[("A", "B")],
                lambda: _relabel(q3_reference(), {"A": "B"})),
        Mistake("benefits as advantages", Q3_CONFUSIONS[("B", "A")],
                lambda: _relabel(q3_reference(), {"B": "A"})),
        Mistake("features as advantages", Q3_CONFUSIONS[("F", "A")],
                lambda: _relabel(q3_reference(), {"F": "A"})),
    ),
)


# --- q4: a call script, replayed through the role-play engine ------------------------------------

Q4_MESSAGES = {
    "feature_dump": "That is a feature dump: you pitched the product before the buyer had stated any need, "
                    "and no problem surfaced. Ask problem questions first, and keep the product for later",
    "no_problem": "No problem surfaced: the buyer gave you facts but no implied need. Ask a problem question "
                  "on a topic the buyer cares about (grease consumption, gear wear, dust)",
    "stuck_implied": "The buyer revealed a problem (an implied need) but never stated an explicit need: develop "
                     "it with an implication question (what it costs or leads to), then ask a need-payoff question",
    "stuck_developed": "The buyer felt the problem was serious but never stated an explicit need: follow the "
                       "implication question with a need-payoff question about the value of solving it",
    "lost_goodwill": "The buyer stated an explicit need, but the call did not end in order or advance: the "
                     "buyer's goodwill ran low. Avoid repeated and off-topic questions and early pitches",
    "early_pitch": "The buyer states an explicit need, but you pitched the product before that (turn {turns}): "
                   "a call that gets there after a feature dump does not count. Keep product talk until the "
                   "buyer has stated what they need",
    "too_many_situation": "Too many situation questions ({n}; the buyer gets bored after {limit}): ask only "
                          "the ones you need",
}


def q4_reference() -> list[str]:
    """A model answer: the scenario's scripted good call."""
    return list(example_call("good"))


def _script_judge(strict: bool):
    def judge(expected, got) -> str | None:  # expected (a model call) is not compared: the replay decides
        if type(got) is not list:
            return f"expected a list of str (your lines, in order), got {_kind(got)}"
        if not 1 <= len(got) <= MAX_LINES:
            return f"expected 1 to {MAX_LINES} lines, got {len(got)}"
        for i, line in enumerate(got, 1):
            if type(line) is not str or not line.strip():
                return f"line {i} should be a non-empty str, got {_kind(line)}"
            if len(line) > 300:
                return f"line {i} is over 300 characters: one question or statement per line"
        from kamlib.data.spin import load_scenario
        from kamlib.models.spin_roleplay import start_call

        call = start_call(SCENARIO, language="en")
        call.play(list(got))
        debrief = call.debrief()
        states = set(call.need_state.values())
        if not debrief.needs_explicit:
            if not debrief.needs_uncovered:
                return Q4_MESSAGES["feature_dump" if debrief.early_pitches else "no_problem"]
            return Q4_MESSAGES["stuck_developed" if "developed" in states else "stuck_implied"]
        if call.end().name not in ("order", "advance"):
            return Q4_MESSAGES["lost_goodwill"]
        if strict:
            if debrief.early_pitches:
                return Q4_MESSAGES["early_pitch"].format(turns=", ".join(map(str, debrief.early_pitches)))
            limit = load_scenario(SCENARIO).rules["situation_limit"]
            if debrief.mix["S"] > limit:
                return Q4_MESSAGES["too_many_situation"].format(n=debrief.mix["S"], limit=limit)
        return None

    return judge


@dataclass(frozen=True)
class ReplayQuestion(Question):
    """A question whose hidden test judges more strictly than its self-check
    (``hidden_judge``); both are stated to the trainee in the exercise."""

    hidden_judge: Callable | None = None

    def grade(self, answer) -> None:
        strict = replace(self, judge=self.hidden_judge or self.judge, hidden_judge=None)
        Question.grade(strict, answer)


def _only_situation():
    return list(example_call("poor")[:3])


def _stops_at_problem():
    return ["How much grease does each kiln drive use per year?", "Are you happy with your grease consumption?",
            "Have you seen any pitting or wear on the gear teeth?"]


def _no_need_payoff():
    return ["Are you happy with your grease consumption?",
            "How does the extra grease affect your maintenance budget?",
            "Have you seen any pitting or wear on the gear teeth?",
            "What would an unplanned kiln stop from gear failure cost you per day?"]


q4 = ReplayQuestion(
    id="q4",
    summary="a call script that gets the cement buyer to state an explicit need",
    answer_name="q4_script",
    reference=q4_reference,
    cases=lambda: [Case()],
    kind="function",
    judge=_script_judge(strict=False),
    hidden_judge=_script_judge(strict=True),
    hints=(
        "Follow the flow: a problem question surfaces an implied need; an implication question makes it "
        "feel serious; a need-payoff question lets the buyer state the explicit need.",
        "Pick one topic the buyer cares about, e.g. grease consumption: ask whether they are happy with "
        "it, then what it costs or affects, then how solving it would help.",
        "Keep product talk until after the explicit need, and ask at most five situation questions. Run "
        "replay(q4_script()) to see each turn, the needs and the debrief.",
    ),
    mistakes=(
        Mistake("feature dump", Q4_MESSAGES["feature_dump"] + ".", lambda: list(example_call("poor"))),
        Mistake("situation only", Q4_MESSAGES["no_problem"] + ".", _only_situation),
        Mistake("stops at problem", Q4_MESSAGES["stuck_implied"] + ".", _stops_at_problem),
        Mistake("no need-payoff", Q4_MESSAGES["stuck_developed"] + ".", _no_need_payoff),
    ),
)

QUESTIONS = (q1, q2, q3, q4)


# --- the lecture's Try it (not graded) ---------------------------------------------------------------

try_it = Question(
    id="try_it",
    summary="the type of a question the classifier gets wrong",
    answer_name="answer",
    kind="value",
    reference=lambda qid: _bank()[qid].type,
    cases=lambda: [Case(("p06",))],
    hints=(
        "Ignore the classifier for a moment: is the seller asking for a fact, a difficulty, a consequence "
        "or the value of a solution?",
        "Liner wear and deposits are trouble. A question that asks whether trouble has shown up is a "
        "problem question, whatever its grammar. Answer with one letter: 'S', 'P', 'I' or 'N'.",
    ),
)
