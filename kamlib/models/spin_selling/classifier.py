"""SPIN selling: classify questions as S/P/I/N, and label needs and FAB statements (DOMAIN.md M8).

Rackham's SPIN model (SPIN Selling, 1988; Huthwaite's research: ~35,000 calls over
~12 years; proprietary, not peer-reviewed) sorts a seller's questions into four types:

====  ============================  ====================================================
S     situation 背景问题             facts and background
P     problem 难点问题               difficulties, dissatisfaction
I     implication 暗示问题           consequences and effects of a problem
N     need-payoff 需求-效益问题      the value or usefulness of a solution
====  ============================  ====================================================

The classifier here is a set of transparent rules, not a learned model: every cue
word or phrase (English and Chinese) has a weight for one type, the weights are
summed, and the highest score wins. Each :class:`Classification` lists the cues that
decided it, so a trainee can see *why* and argue with it. It is tuned on the
``tune`` split of the question bank only; :func:`evaluate_classifier` reports its
accuracy on the ``heldout`` split, per language.

How to use it
-------------
>>> c = classify_question("What does an unplanned kiln stop cost you per day?")
>>> c.type, c.name
('I', 'implication')
>>> c.reasons[0]
'cue "cost you" points to implication (+3)'
>>> classify_question("如果润滑脂消耗减半，对你们的预算有什么帮助？").type
'N'
>>> [c.type for c in classify_questions(["How many trucks run?", "Are you satisfied with oil life?"])]
['S', 'P']
>>> fab_label("It is a fully synthetic ISO VG 320 gear oil.")
'feature'

Questions of the bank come from :func:`kamlib.data.spin_selling.load_spin_questions`
(top-level ``kamlib.load_spin_questions``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kamlib.i18n import check_language

__all__ = [
    "SPIN_TYPES",
    "TYPE_NAMES",
    "TYPE_KEYS",
    "NEED_LABELS",
    "FAB_LABELS",
    "SpinQuestion",
    "BuyerStatement",
    "SellerStatement",
    "StatementBank",
    "Classification",
    "ClassifierReport",
    "is_question",
    "question_language",
    "classify_question",
    "classify_questions",
    "evaluate_classifier",
    "need_label",
    "fab_label",
]

SPIN_TYPES = ("S", "P", "I", "N")
TYPE_NAMES = {"S": "situation", "P": "problem", "I": "implication", "N": "need-payoff"}
# glossary ids (kamlib/data/glossary.yaml) of the four types, for labels in en / zh
TYPE_KEYS = {"S": "spin_situation", "P": "spin_problem", "I": "spin_implication", "N": "spin_need_payoff"}
NEED_LABELS = ("implied", "explicit")
FAB_LABELS = ("feature", "advantage", "benefit")


# --- data records ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SpinQuestion:
    """One labelled question of the SPIN question bank.

    ``split`` is ``'tune'`` (the classifier's rules may be tuned on it) or
    ``'heldout'`` (never used to tune; only to measure). ``zh`` may be ``None``.
    """

    id: str
    type: str
    sector: str
    topic: str
    en: str
    zh: str | None
    split: str

    def text(self, language: str = "en") -> str | None:
        """The question in ``language`` (``'en'`` or ``'zh'``); None if not written."""
        check_language(language)
        return self.en if language == "en" else self.zh


@dataclass(frozen=True)
class BuyerStatement:
    """Something a buyer says, labelled ``'implied'`` or ``'explicit'`` need."""

    id: str
    label: str
    sector: str
    text: str


@dataclass(frozen=True)
class SellerStatement:
    """Something a seller says, labelled ``'feature'``, ``'advantage'`` or ``'benefit'``.

    ``context`` holds the explicit needs the buyer had stated before it (maybe none):
    a benefit, in Rackham's sense, answers one of them.
    """

    id: str
    label: str
    sector: str
    context: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class StatementBank:
    """Buyer statements (implied / explicit) and seller statements (F / A / B)."""

    buyer: tuple[BuyerStatement, ...]
    seller: tuple[SellerStatement, ...]


# --- the rules ------------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class _Cue:
    type: str
    pattern: re.Pattern
    weight: int
    show: str


def _cue(type_: str, pattern: str, weight: int, show: str | None = None) -> _Cue:
    shown = show or pattern.replace("\\b", "").replace("\\w*", "…")
    return _Cue(type_, re.compile(pattern), weight, shown)


# English cues: (type, regex on lower-case text, weight[, how the cue is shown]).
# Situation cues are weak on purpose: fact words ("how many") also open
# implication and need-payoff questions, whose own cues are stronger.
_EN_CUES = (
    # situation: facts, background, the current set-up
    _cue("S", r"\bhow many\b", 2),
    _cue("S", r"\bhow (often|old|far|long) (do|does|is|are|has|have)\b", 2, "how often/old/far/long do…"),
    _cue("S", r"\bhow much \w+ (do|does) (you|each|the|it)\b", 1, "how much … do you"),
    _cue("S", r"^(which|who|where|when)\b", 2, "which/who/where/when (opening)"),
    _cue("S", r"\bin which\b", 2),
    _cue("S", r"^what (is|are) the (capacity|rating|grade|size)\b", 2, "what is the capacity/grade…"),
    _cue("S", r"^what \w+ (do|does) (you|they)\b", 1, "what … do you"),
    _cue("S", r"^what (brand|type|kind|grade|make)s? of\b", 2, "what brand/type of"),
    _cue("S", r"\bdo (you|they) (currently |now )?(use|run|have|sample|check|stock|buy|pay)\b", 2, "do you use/run/have…"),
    _cue("S", r"\b(currently|at the moment|at present|today|now)\b", 1, "currently/today/now"),
    _cue("S", r"\b(per year|annual|installed|capacity)\b", 1, "per year/annual/installed/capacity"),
    # problem: difficulties, dissatisfaction
    _cue("P", r"\bsatisfied\b", 3),
    _cue("P", r"\bhappy with\b", 3),
    _cue("P", r"\bproblems?\b", 3, "problem"),
    _cue("P", r"\btrouble\b", 3),
    _cue("P", r"\bdifficult(y|ies)?\b", 3, "difficult"),
    _cue("P", r"\bhard(est)?\b", 2, "hard"),
    _cue("P", r"\bconcern(ed|s)?\b", 3, "concern"),
    _cue("P", r"\bworr(y|ies|ied)\b", 3, "worry"),
    _cue("P", r"\bcomplain\w*", 3, "complain"),
    _cue("P", r"\bstruggle\w*", 3, "struggle"),
    _cue("P", r"\bheadache\b", 3),
    _cue("P", r"\bissues?\b", 3, "issue"),
    _cue("P", r"\breliab\w*", 2, "reliable"),
    _cue("P", r"\b(don't|do not) (you )?like\b|\bdislike\b", 3, "don't like"),
    _cue("P", r"\b(higher|worse|faster|shorter|more often) than\b", 2, "higher/worse/faster than"),
    _cue("P", r"\btoo (short|long|often|high|much|slow)\b", 2, "too short/often…"),
    _cue("P", r"\bhave you (seen|had|noticed|found)\b", 2, "have you seen/had"),
    _cue("P", r"\bas (quickly|well|long) as it should\b", 2, "as … as it should"),
    _cue("P", r"\b(block|leak|clog|stick|smell|overheat)(s|ed|ing)?\b|\brunning hot\b", 2, "block/leak/stick"),
    _cue("P", r"\beasy to\b", 2),
    # implication: consequences, effects, cost of the problem
    _cue("I", r"\bcost (you|the|us)\b", 3, "cost you"),
    _cue("I", r"\bwhat does .+ cost\b", 3, "what does … cost"),
    _cue("I", r"\blos(e|es|ing|t)\b|\bloss(es)?\b", 3, "lose"),
    _cue("I", r"\baffect\w*", 3, "affect"),
    _cue("I", r"\b(knock-on )?effects?\b", 3, "effect"),
    _cue("I", r"\bimpact\w*", 3, "impact"),
    _cue("I", r"\bconsequences?\b", 3, "consequence"),
    _cue("I", r"\blead to\b|\bresult in\b|\bcaused by\b", 3, "lead to/result in"),
    _cue("I", r"\bwhat (happens|would happen|could happen)\b", 3, "what happens"),
    _cue("I", r"\bpenalt\w*|\breputation\b|\brework\b|\brecall\b", 2, "penalty/reputation/rework/recall"),
    _cue("I", r"\bdo(es)? (that|it|this)? ?do to\b|\bdo to (the|your)\b", 2, "do to"),
    _cue("I", r"\bmean (for|in)\b", 2, "mean for"),
    _cue("I", r"\badd to the cost\b|\btake away\b", 2, "add to the cost/take away"),
    _cue("I", r"\bif .* (continues|is late|were missed|fails|is down|is rejected)\b", 2, "if … continues/fails"),
    _cue("I", r"\bwho ends up paying\b", 3),
    # need-payoff: the value or usefulness of a solution
    _cue("N", r"\bhow would .+ help\b", 2, "how would … help"),
    _cue("N", r"\bhelp\w*", 3, "help"),
    _cue("N", r"\buseful\b", 3),
    _cue("N", r"\bvaluable\b|\bvalue\b", 3, "value"),
    _cue("N", r"\bworth\b", 3),
    _cue("N", r"\bbenefit\w*", 3, "benefit"),
    _cue("N", r"\bsav(e|ing|ings)\b", 3, "save"),
    _cue("N", r"\b(easier|safer|simpler)\b", 3, "easier/safer"),
    _cue("N", r"\bimportant (to|for) (you|your)\b", 3, "important to you"),
    _cue("N", r"\bmean to you\b", 3),
    _cue("N", r"\bif (we|you) could\b", 2, "if we could"),
    _cue("N", r"\bdo for (you|your)\b", 2, "do for you"),
    _cue("N", r"\bif .+ (went up|improved|were halved|doubled)\b", 2, "if … went up/improved"),
    _cue("N", r"\b(halv\w*|extend\w*|longer|fewer|lower|clearer|cleaner)\b", 1, "halve/extend/longer/fewer"),
    _cue("N", r"\bwithout a\b|\bwithout an\b", 1, "without a …"),
)

# Chinese cues: plain substrings, the common phrasings of each type.
_ZH_CUES = tuple(
    _cue(t, re.escape(word), w, word)
    for t, words, w in (
        ("S", ("多少台", "多少种", "多少公里", "有多少", "多久", "哪种", "哪些", "哪个", "谁", "什么时候",
               "用的是", "多远", "多长时间", "几台", "是什么"), 2),
        ("S", ("目前", "现在", "每年", "一般", "多少"), 1),
        ("P", ("满意", "问题", "困难", "麻烦", "担心", "不满", "抱怨", "可靠", "难不难", "头疼"), 3),
        ("P", ("比预期", "太短", "太长", "太高", "太多", "有没有出现", "会不会", "难", "经常", "泄漏", "堵塞",
               "故障"), 2),
        ("I", ("损失", "影响", "后果", "导致", "造成", "代价", "罚款", "会怎样", "耽误"), 3),
        ("I", ("花多少钱", "增加多少", "成本增加", "占用", "继续"), 2),
        ("N", ("帮助", "有用", "好处", "价值", "值多少", "节省", "重要", "能帮", "更安全", "意味着",
               "有什么用", "用处"), 3),
        ("N", ("如果能", "减半", "延长", "更长", "减少", "提高", "不用"), 1),
    )
    for word in words
)

_EN_INTERROGATIVE = re.compile(
    r"^(how|what|which|who|whom|whose|when|where|why|do|does|did|is|are|was|were|have|has|had|"
    r"can|could|would|will|should|shall|may|might|must|isn't|aren't|don't|doesn't|didn't|"
    r"haven't|hasn't|won't|wouldn't|couldn't|if)\b"
)
_ZH_INTERROGATIVE = re.compile(
    r"吗|呢|什么|多少|多久|多大|多远|哪|谁|怎么|怎样|如何|是否|有没有|是不是|会不会|能不能|难不难|"
    r"可不可以|为什么|几[台种个次年天]"
)

# when two types score the same, the more specific (later-stage) type wins
_TIE_ORDER = ("I", "N", "P", "S")


@dataclass(frozen=True)
class Classification:
    """A question's SPIN type and the cues that decided it.

    ``type`` is one of ``'S'``, ``'P'``, ``'I'``, ``'N'``; ``reasons`` are
    human-readable cues, strongest first, then the tally; ``scores`` the summed
    weight per type.
    """

    text: str
    type: str
    reasons: list[str] = field(default_factory=list)
    scores: dict[str, int] = field(default_factory=dict)
    language: str = "en"

    @property
    def name(self) -> str:
        """The type's English name: situation, problem, implication or need-payoff."""
        return TYPE_NAMES[self.type]

    def __str__(self) -> str:
        return f"{self.type} ({self.name}): " + "; ".join(self.reasons)


def _check_text(text: object, name: str = "text") -> str:
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a str (a question in English or Chinese), got {type(text).__name__}")
    stripped = text.strip()
    if not stripped:
        raise ValueError(f"{name} must be a non-empty question, got {text!r}")
    return stripped


def question_language(text: str) -> str:
    """``'zh'`` when ``text`` contains Chinese characters, else ``'en'``.

    >>> question_language("你们的空压机油多久换一次？"), question_language("Any issues?")
    ('zh', 'en')
    """
    return "zh" if _CJK.search(_check_text(text)) else "en"


def is_question(text: str) -> bool:
    """True when ``text`` reads as a question: a question mark (``?`` or ``？``),
    an English interrogative opening (how, what, do, are, would, ...) or a Chinese
    interrogative form (吗, 什么, 多少, 是否, 有没有, ...).

    >>> is_question("How many trucks run on site")
    True
    >>> is_question("Our grease is fully synthetic.")
    False
    >>> is_question("现场有多少台矿卡")
    True
    """
    stripped = _check_text(text)
    if "?" in stripped or "？" in stripped:
        return True
    if _EN_INTERROGATIVE.match(stripped.lower()):
        return True
    return bool(_ZH_INTERROGATIVE.search(stripped))


def _names(type_: str) -> str:
    return TYPE_NAMES[type_]


def classify_question(text: str) -> Classification:
    """Classify one question as S, P, I or N, with the cues that decided it.

    Parameters
    ----------
    text : str
        A question in English or Chinese. It must read as a question: a question
        mark, an interrogative opening (how, what, are, would, ...) or a Chinese
        interrogative form (吗, 什么, 多少, 是否, ...).

    Returns
    -------
    Classification
        ``.type`` in ``SPIN_TYPES`` and ``.reasons``, the cues that decided it.
        A question with no cue at all counts as a situation question.

    Examples
    --------
    >>> c = classify_question("Are you satisfied with gearbox oil life?")
    >>> c.type, c.reasons[0]
    ('P', 'cue "satisfied" points to problem (+3)')
    >>> classify_question("How many haul trucks run, and on what drain interval?").type
    'S'
    >>> classify_question("How would halving grease consumption help your budget?").type
    'N'
    >>> classify_question("窑意外停机一天会给你们造成多少损失？").type
    'I'
    >>> classify_question("   ")
    Traceback (most recent call last):
    ...
    ValueError: text must be a non-empty question, got '   '
    >>> classify_question("Our grease lasts longer.")
    Traceback (most recent call last):
    ...
    ValueError: text must be a question (end with '?' or '？', or open with how/what/which/do/are/would..., or use 吗/什么/多少/是否...), got 'Our grease lasts longer.'
    """
    stripped = _check_text(text)
    if not is_question(stripped):
        raise ValueError(
            "text must be a question (end with '?' or '？', or open with how/what/which/do/are/"
            f"would..., or use 吗/什么/多少/是否...), got {stripped!r}"
        )
    language = "zh" if _CJK.search(stripped) else "en"
    lowered = " ".join(stripped.lower().split())
    cues = _ZH_CUES + _EN_CUES if language == "zh" else _EN_CUES
    scores = dict.fromkeys(SPIN_TYPES, 0)
    hits: list[tuple[int, int, str]] = []
    for order, cue in enumerate(cues):
        if cue.pattern.search(lowered):
            scores[cue.type] += cue.weight
            hits.append((-cue.weight, order, f'cue "{cue.show}" points to {_names(cue.type)} (+{cue.weight})'))
    best = max(scores.values())
    if best == 0:
        reasons = ["no cue matched; a question that only asks for facts counts as situation"]
        return Classification(stripped, "S", reasons, scores, language)
    tied = [t for t in _TIE_ORDER if scores[t] == best]
    winner = tied[0]
    reasons = [r for _, _, r in sorted(hits)]
    tally = ", ".join(f"{_names(t)} {scores[t]}" for t in SPIN_TYPES)
    reasons.append(f"scores: {tally}")
    if len(tied) > 1:
        reasons.append(f"tie between {' and '.join(map(_names, tied))}: the later SPIN stage wins")
    return Classification(stripped, winner, reasons, scores, language)


def classify_questions(texts: Iterable[str]) -> list[Classification]:
    """Classify each question of ``texts`` (a list of str), in order.

    >>> [c.type for c in classify_questions(["Which grease do you use?", "What does a stop cost you?"])]
    ['S', 'I']
    """
    if isinstance(texts, str) or not isinstance(texts, Iterable):
        raise TypeError(f"texts must be a list of str, got {type(texts).__name__}")
    result = []
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"texts[{i}] must be a str, got {type(text).__name__}")
        try:
            result.append(classify_question(text))
        except ValueError as err:
            raise ValueError(f"texts[{i}]: {err}") from None
    return result


# --- evaluation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassifierReport:
    """How well the rules label a set of questions.

    ``confusion[true][predicted]`` counts questions (a 4 x 4 dict of dicts over
    ``SPIN_TYPES``); ``misses`` lists (id, true, predicted, text) for the errors.
    """

    split: str
    language: str
    n: int
    correct: int
    confusion: dict[str, dict[str, int]]
    misses: list[tuple[str, str, str, str]]

    @property
    def accuracy(self) -> float:
        """Share of questions labelled correctly, 0-1."""
        return self.correct / self.n if self.n else 0.0

    def per_type_recall(self) -> dict[str, float]:
        """For each true type, the share labelled correctly."""
        out = {}
        for t in SPIN_TYPES:
            row = sum(self.confusion[t].values())
            out[t] = self.confusion[t][t] / row if row else 0.0
        return out

    def __str__(self) -> str:
        lines = [f"{self.split} split, {self.language}: accuracy {self.accuracy:.1%} ({self.correct}/{self.n})",
                 "true \\ predicted  " + "  ".join(f"{t:>3}" for t in SPIN_TYPES)]
        for t in SPIN_TYPES:
            lines.append(f"{t:>16}   " + "  ".join(f"{self.confusion[t][p]:>3}" for p in SPIN_TYPES))
        return "\n".join(lines)


def evaluate_classifier(
    questions: Iterable[SpinQuestion],
    split: str = "heldout",
    language: str = "en",
) -> ClassifierReport:
    """Accuracy and confusion matrix of :func:`classify_question` on labelled questions.

    Parameters
    ----------
    questions : list of SpinQuestion
        Labelled questions, such as the course's question bank
        (:func:`kamlib.data.spin_selling.load_spin_questions`).
    split : {'heldout', 'tune', 'all'}
        Which questions to score. Report ``'heldout'``: the rules were never tuned on it.
    language : {'en', 'zh'}
        Score the English text, or the Chinese text of the questions that have one.

    Examples
    --------
    >>> from kamlib import load_spin_questions
    >>> report = evaluate_classifier(load_spin_questions(), split="heldout", language="en")
    >>> report.n
    184
    >>> sorted(report.confusion) == sorted(SPIN_TYPES)
    True
    """
    if split not in ("heldout", "tune", "all"):
        raise ValueError(f"split must be 'heldout', 'tune' or 'all', got {split!r}")
    check_language(language)
    if isinstance(questions, (str, bytes)) or not isinstance(questions, Iterable):
        raise TypeError(f"questions must be a list of SpinQuestion, got {type(questions).__name__}")
    confusion = {t: dict.fromkeys(SPIN_TYPES, 0) for t in SPIN_TYPES}
    misses, n, correct = [], 0, 0
    for q in questions:
        if not isinstance(q, SpinQuestion):
            raise TypeError(f"questions must hold SpinQuestion objects, got {type(q).__name__}")
        if split != "all" and q.split != split:
            continue
        text = q.text(language)
        if text is None:
            continue
        predicted = classify_question(text).type
        confusion[q.type][predicted] += 1
        n += 1
        if predicted == q.type:
            correct += 1
        else:
            misses.append((q.id, q.type, predicted, text))
    if n == 0:
        raise ValueError(f"no questions with {language} text in split {split!r}")
    return ClassifierReport(split, language, n, correct, confusion, misses)


# --- needs and FAB ----------------------------------------------------------------------------

_EXPLICIT = re.compile(
    r"\b(we|i) (really )?(need|want|must have|would like)\b|\b(we|i)'d like\b|"
    r"\b(we|i)('m|'re| am| are) (looking for|after)\b|\bwhat we want\b|\bideally\b"
)


def need_label(text: str) -> str:
    """``'explicit'`` when a buyer states a specific want ("we need", "I want",
    "we're looking for", ...), otherwise ``'implied'`` (a problem or dissatisfaction).

    >>> need_label("The grease on the girth gear disappears faster every year.")
    'implied'
    >>> need_label("We need a grease that lasts a full kiln campaign.")
    'explicit'
    """
    lowered = _check_text(text).lower().replace("’", "'")
    return "explicit" if _EXPLICIT.search(lowered) else "implied"


_STOP = set(
    "a an the and or of to in on at for with by from as is are be been it its this that these those "
    "we you i our your us my me they them their he she not no so than then there here what which who "
    "will would can could should must need want wanted like looking after lets let make makes every "
    "all any one new next each per up down out over under more less most least very just only also "
    "said told asked have has had do does did get gets at least before ideally".split()
)
_REFERENCE = re.compile(
    r"\byou (said|told me|asked|mentioned|want|wanted|need|needed)\b|\bas you (asked|said|wanted)\b|"
    r"\bexactly what you\b|\bmeets? (your|that|the) (need|goal|requirement)|\byour [\w-]+ goal\b|"
    r"\bwhat you (asked|said|want)\b|\bsince you (need|want)\b"
)
_ADVANTAGE = re.compile(
    r"\b(so|so that|which helps|which means|helps?|lets you|you can|can|without|makes?|reduces?|"
    r"protects?|saves?|easier|because)\b"
)


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z][a-z0-9-]+", text.lower().replace("’", "'"))
    return {w[:5] for w in words if w not in _STOP and len(w) > 2}


def fab_label(statement: str, explicit_needs: Sequence[str] = ()) -> str:
    """Label a seller statement ``'feature'``, ``'advantage'`` or ``'benefit'`` (Rackham).

    A rule of thumb, not an oracle: a *benefit* answers an explicit need the buyer
    has stated (it refers to it, or shares at least three content words with it); an
    *advantage* says how the product helps or can be used (so, can, helps, without,
    reduces, ...); anything else is a *feature*, a fact about the product.

    Parameters
    ----------
    statement : str
        What the seller says.
    explicit_needs : list of str
        The explicit needs the buyer has stated so far (possibly none).

    Examples
    --------
    >>> fab_label("This grease keeps pumping at minus thirty, so the lines stay clear.")
    'advantage'
    >>> fab_label("You said the grease must pump at minus thirty: this one does, so the lines stay clear.",
    ...           ["We need a grease that keeps pumping at minus thirty."])
    'benefit'
    """
    text = _check_text(statement, "statement")
    if isinstance(explicit_needs, str) or not isinstance(explicit_needs, Iterable):
        raise TypeError(f"explicit_needs must be a list of str, got {type(explicit_needs).__name__}")
    needs = [_check_text(n, "explicit_needs item") for n in explicit_needs]
    lowered = text.lower().replace("’", "'")
    words = _stems(text)
    for need in needs:
        overlap = len(words & _stems(need))
        if overlap >= 3 or (overlap >= 1 and _REFERENCE.search(lowered)):
            return "benefit"
    return "advantage" if _ADVANTAGE.search(lowered) else "feature"
