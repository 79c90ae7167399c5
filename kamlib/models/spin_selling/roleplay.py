"""A role-play buyer for practising SPIN questions: deterministic, driven by a scenario file.

A scenario (``kamlib/data/spin_selling_scenarios/*.yaml``; the format is documented at the top of
``cement_open_gear.yaml``) describes a fictional buyer: topics with cue words,
hidden facts, and needs. The buyer follows the SPIN flow of the lecture (OUTLINE §4):

* a **situation** question on a topic reveals its next hidden fact; past the
  scenario's ``situation_limit`` the buyer gets bored (goodwill drops);
* a **problem** question on a topic surfaces its **implied need** (隐含需求);
* an **implication** question on a surfaced need makes it feel serious;
* a **need-payoff** question on a developed need makes the buyer state it as an
  **explicit need** (明确需求);
* a seller **statement** that pitches the product before any explicit need is
  voiced is flagged as an early feature pitch (the buyer objects, goodwill drops);
  after an explicit need, a pitch that answers it is a **benefit** (利益).

The buyer reacts the way buyers do: repeated and off-topic questions cost goodwill; an
insult gets a reply in kind and ends the sale; a leading question ("Don't you agree…")
costs goodwill and uncovers nothing; keyword salad ("grease problem?") is not understood
and counts for no topic; of a multi-part question only the first part is answered;
questions about the decision process (who signs, a trial, a tender) uncover the
scenario's ``sale.decision`` facts.

:meth:`RolePlayCall.end` gives one of Rackham's call outcomes: *order* (only where the
scenario says the buyer can order alone, and the seller asked how the decision is made),
*advance* (the scenario's next step: a trial, a survey, a meeting), *continuation* or
*no-sale*. :meth:`RolePlayCall.debrief` gives the question mix, needs uncovered and
missed, the turns where a feature was pitched too early and the call metrics
(:class:`CallMetrics`, Gong-style). The same script always gives the same replies and
outcome: there is no randomness. The buyer is written to reward the SPIN flow: it
encodes Rackham's hypothesis, it does not test it.

Scenarios are loaded, validated and started by the data layer
(:func:`kamlib.data.spin_selling.start_call`, top-level ``kamlib.start_call``).

How to use it
-------------
>>> from kamlib import start_call
>>> call = start_call("cement_open_gear", language="en")
>>> reply = call.ask("How much grease does each kiln drive use per year?")
>>> reply.type, reply.topic, reply.uncovered
('S', 'grease_consumption', ('fact:graphite_grease',))
>>> call.ask("Are you happy with the grease consumption?").uncovered
('implied:cut_grease',)
>>> call.say("Our grease is a transparent synthetic fluid.").flags
('early_pitch',)
>>> call.end().name
'continuation'
>>> call.debrief().early_pitches
[3]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from kamlib.i18n import check_language, get_language
from kamlib.models.spin_selling.classifier import (
    _EN_REQUEST,
    _ZH_REQUEST,
    SPIN_TYPES,
    classify_question,
    fab_label,
    is_question,
)
from kamlib.text import Text

__all__ = [
    "OUTCOMES",
    "NEED_STATES",
    "DEFAULT_RULES",
    "DEFAULT_ADVANCE",
    "DEFAULT_REPLIES",
    "Persona",
    "Topic",
    "Need",
    "Scenario",
    "Reply",
    "Outcome",
    "Debrief",
    "CallMetrics",
    "METRIC_BENCHMARKS",
    "RolePlayCall",
    "CallTranscript",
    "is_rude",
    "is_real_question",
]

OUTCOMES = ("order", "advance", "continuation", "no-sale")
# a need moves hidden -> implied (problem Q) -> developed (implication Q)
# -> explicit (need-payoff Q) -> met (a benefit statement answers it)
NEED_STATES = ("hidden", "implied", "developed", "explicit", "met")

DEFAULT_RULES = {
    "goodwill_start": 8,
    "goodwill_max": 10,
    "repeat_cost": 2,
    "off_topic_cost": 1,
    "situation_limit": 5,
    "situation_cost": 1,
    "early_pitch_cost": 2,
    "unlinked_pitch_cost": 1,
    "benefit_gain": 1,
    "order_explicit_needs": 2,
    "order_benefits": 1,
    "order_goodwill": 6,
    "advance_explicit_needs": 1,
    "advance_goodwill": 4,
    "continuation_implied_needs": 1,
    "continuation_goodwill": 1,
    "rude_cost": 4,
    "leading_cost": 1,
    "unclear_cost": 1,
}

#: the longest seller line the engine accepts (characters)
MAX_CHARS = 2000

DEFAULT_REPLIES = {
    "off_topic": Text("I'm not sure how that relates to our plant. What exactly do you want to know?",
                      "我不太明白这和我们厂有什么关系。你具体想了解什么？"),
    "repeat": Text("You asked me that already.", "这个你刚才已经问过了。"),
    "already": Text("As I said: ", "我刚才说过了："),
    "no_more_facts": Text("I think I've told you all there is about {topic}.", "关于{topic}，我能说的都已经说了。"),
    "no_problem": Text("No, {topic} is not really a problem for us.", "没有，{topic}对我们来说不算什么问题。"),
    "premature_implication": Text("Consequences of what? I haven't said there is a problem with {topic}.",
                                  "什么后果？我可没说{topic}有问题。"),
    "premature_payoff": Text("It would be nice, I suppose, but it's not a big enough issue to spend money on.",
                             "也许吧，不过这个问题还没严重到要花钱去解决。"),
    "bored": Text("(glances at the clock) We've spent a lot of time on background. ",
                  "（看了看表）背景情况已经谈了不少了。"),
    "early_pitch": Text("Every supplier tells me their product is better. What does it cost per kilo?",
                        "每个供应商都说自己的产品更好。一公斤多少钱？"),
    "unlinked_pitch": Text("Maybe. But how is that different from what we use now, and what will it cost?",
                           "也许吧。可这和我们现在用的有什么不同？要多花多少钱？"),
    "benefit": Text("That is what I need. What would a trial look like?", "这正是我需要的。试用的话怎么安排？"),
    "small_talk": Text("Mm-hm. Go on.", "嗯，你接着说。"),
    "rude": Text("I don't talk to suppliers like that, and I don't expect them to talk to me like that. "
                 "I think we're done here.",
                 "我不会这样跟供应商说话，也不希望供应商这样跟我说话。我看今天就到这儿吧。"),
    "leading": Text("You're putting words in my mouth. I'll decide for myself what our problems are.",
                    "你这是替我下结论。我们有什么问题，我自己会判断。"),
    "unclear": Text("Sorry, I don't follow. Could you ask that as a proper question?",
                    "不好意思，我没听懂。你能把问题说完整吗？"),
    "multi_part": Text("One thing at a time. On the first point: ", "一个一个来。先说第一个："),
    "no_decision": Text("I've told you how we decide.", "我们怎么做决定，我已经跟你说了。"),
}

#: what a call can end in where the scenario says nothing about the decision (a large sale)
DEFAULT_ADVANCE = Text("a next meeting to plan a trial", "约下一次会面，商量试用方案")

# decision-process questions: who signs, trial, tender (generic; a scenario adds its own facts)
_DECISION_CUES = {
    "en": ("who signs", "who decides", "who makes the decision", "who approves", "approv", "sign off",
           "signs off", "sign-off", "trial", "tender", "decision", "decide", "procurement process", "buying process",
           "purchasing process", "next step", "who would need", "who needs to", "budget holder"),
    "zh": ("谁签", "谁拍板", "谁决定", "谁来决定", "谁批", "审批", "批准", "试用", "试验", "招标", "决策", "流程",
           "签字", "下一步", "谁说了算"),
}
# words no buyer takes from a supplier (whole words in English)
_RUDE_EN = ("stupid", "idiot", "idiots", "idiotic", "dumb", "moron", "morons", "incompetent", "useless", "lazy",
            "clueless", "pathetic", "rubbish", "garbage", "crap", "shut up", "liar", "liars", "fool", "fools",
            "damn", "hell", "shit", "bloody", "ridiculous", "amateur", "amateurs")
_RUDE_ZH = ("笨", "蠢", "傻", "白痴", "废物", "垃圾", "闭嘴", "骗子", "无能", "懒", "混蛋", "可笑", "胡说", "外行")
_RUDE = re.compile(r"(?<![a-z])(" + "|".join(re.escape(w) for w in _RUDE_EN) + r")(?![a-z])")
# questions that push the buyer to agree instead of asking
_LEADING = re.compile(
    r"\b(don'?t you (agree|think|see)|wouldn'?t you (agree|say)|isn'?t it (true|obvious|clear)|surely you|"
    r"you(?:'d| would| must| have to) (?:agree|admit)|you agree that|obviously,? you|of course you)\b|"
    r"难道|你不觉得|你不认为|你肯定同意|你一定同意|你得承认|显然你")
# a real English question has a question word or an auxiliary, not only topic words
_EN_QUESTION_WORD = re.compile(
    r"\b(how|what|which|who|whom|whose|when|where|why|do|does|did|is|are|was|were|have|has|had|can|could|would|"
    r"will|should|shall|may|might|if|whether)\b")
_ZH_QUESTION_FORM = re.compile(r"吗|呢|还是|能否|可否|是否|什么|多[少久大远长高重快难]|怎么|怎样|如何|是否|哪|谁|为什么|几|"
                               r"(\w)[不没]\1|吧[？?]")
_CJK = re.compile(r"[\u3400-\u9fff]")

_GENERIC_PITCH_CUES = {
    "en": ("our product", "our grease", "our oil", "our lubricant", "our range", "our ", "we offer",
           "we supply", "we can", "we could", "we will", "we'll", "ours ", "we recommend", "i recommend", "this product",
           "this grease", "this oil", "this lubricant", "synthetic", "viscosity", "additive", "nlgi",
           "iso vg", "thickener", "registered"),
    "zh": ("我们的", "我们公司", "我们提供", "我们可以", "我们能", "我们会", "推荐", "这款", "本产品", "合成", "粘度", "添加剂"),
}


# --- the scenario ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Persona:
    """The (fictional) buyer: name, role, company and opening words."""

    name: Text
    role: Text
    company: Text
    opening: Text


@dataclass(frozen=True)
class Topic:
    """What the buyer can talk about; ``cues`` are words that point a question to it."""

    id: str
    name: Text
    cues: tuple[str, ...]
    facts: tuple[tuple[str, Text], ...]
    replies: Mapping[str, Text] = field(default_factory=dict)


@dataclass(frozen=True)
class Need:
    """A need hidden behind a topic, in the words the buyer uses at each stage."""

    id: str
    topic: str
    implied: Text
    implication: Text
    explicit: Text
    benefit: Text | None = None


@dataclass(frozen=True)
class Scenario:
    """A role-play scenario, as read by :func:`kamlib.data.spin_selling.load_scenario`."""

    id: str
    title: Text
    sector: str
    buyer: Persona
    topics: tuple[Topic, ...]
    needs: tuple[Need, ...]
    rules: Mapping[str, int]
    replies: Mapping[str, Text]
    suggested_questions: tuple[Text, ...]
    pitch_cues: tuple[str, ...]
    examples: Mapping[str, tuple[Text, ...]] = field(default_factory=dict)
    #: whether this buyer can place the order alone (Rackham: in a large sale one call ends in an advance at best)
    can_order: bool = False
    #: what an advance is here: the next step the buyer agrees to (a trial on two trucks, a survey ...)
    advance: Text = DEFAULT_ADVANCE
    #: what questions about the decision process (who signs, trial, tender) uncover, in order
    decision: tuple[tuple[str, Text], ...] = ()

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    @property
    def example_calls(self) -> dict[str, tuple[str, ...]]:
        """The scripted calls (``'good'``, ``'poor'``), the seller's lines in English."""
        return {kind: tuple(line.en for line in lines) for kind, lines in self.examples.items()}

    def example_lines(self, kind: str, language: str | None = None) -> list[str]:
        """The seller's lines of the scripted call ``kind`` (``'good'`` or ``'poor'``) in
        ``language`` (default: :func:`kamlib.get_language`; zh falls back to en)."""
        if not isinstance(kind, str) or kind not in self.examples:
            raise ValueError(f"kind must be one of {sorted(self.examples)}, got {kind!r}"[:300])
        language = get_language() if language is None else check_language(language)
        return [line.get(language) for line in self.examples[kind]]


@dataclass(frozen=True)
class CallTranscript:
    """A seller's side of a call, to replay through the role-play engine (the
    lecture's bad example, 坏的例子): the buyer's replies come from
    ``RolePlayCall(scenario, language).play(transcript.lines(language))``."""

    id: str
    title: Text
    scenario: str
    seller: Text
    note: Text
    turns: tuple[Text, ...]

    def lines(self, language: str | None = None) -> list[str]:
        """The seller's lines in ``language`` ('en' or 'zh', default: :func:`kamlib.get_language`;
        zh falls back to en)."""
        language = get_language() if language is None else check_language(language)
        return [turn.get(language) for turn in self.turns]


# --- the call -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """One turn of the call: what the seller said and how the buyer answered.

    ``kind`` is ``'question'`` or ``'statement'``; ``type`` the SPIN type of a
    question (None for a statement); ``uncovered`` what the turn brought out
    (``'fact:<id>'``, ``'implied:<need>'``, ``'developed:<need>'``,
    ``'explicit:<need>'``, ``'met:<need>'``, ``'decision:<fact>'``); ``flags`` what went wrong or right
    (``repeat``, ``off_topic``, ``too_many_situation``, ``early_pitch``,
    ``unlinked_pitch``, ``benefit``, ``rude``, ``leading``, ``unclear``, ``multi_part``);
    ``goodwill`` the buyer's goodwill after it.
    """

    turn: int
    text: str
    kind: str
    type: str | None
    topic: str | None
    buyer: str
    uncovered: tuple[str, ...]
    goodwill: int
    goodwill_change: int
    flags: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """The call's result, one of Rackham's outcomes, with the reasons for it."""

    name: str
    reasons: tuple[str, ...]
    goodwill: int
    implied_needs: int
    explicit_needs: int
    benefits: int
    next_step: str = ""

    @property
    def key(self) -> str:
        """Glossary id of the outcome's label (``outcome_no_sale`` ...)."""
        return "outcome_" + self.name.replace("-", "_")

    def __str__(self) -> str:
        return self.name


#: What conversation-analytics vendors report for B2B discovery calls: practitioner claims [P], not
#: research. Gong Labs (2016, 25,537 recorded B2B sales calls, https://www.gong.io/resources/labs/
#: talk-to-listen-conversion-ratio/): top performers talk about 43 % of the time, average reps 65-75 %;
#: Gong Labs on discovery calls: 11-14 questions go with success. Rackham (R12): successful sellers ask
#: more implication and need-payoff questions and pitch features late; no percentage is given, so none is here.
METRIC_BENCHMARKS = {
    "talk_share": (0.43, Text("top reps ~43 % (Gong Labs [P])", "顶尖销售约 43%（Gong Labs [P]）")),
    "questions": ((11, 14), Text("11-14 on a discovery call (Gong Labs [P])", "探询拜访 11-14 个（Gong Labs [P]）")),
    "share_i_n": (None, Text("higher is better (Rackham R12); no target figure",
                             "越高越好（Rackham R12）；没有目标数字")),
    "longest_monologue": (None, Text("Gong tracks it [P]; keep it short", "Gong 会统计它 [P]；越短越好")),
    "early_pitches": (0, Text("0 (Rackham R12: features early draw objections)",
                              "0（Rackham R12：过早谈产品特征招来异议）")),
    "needs": (None, Text("uncovered → explicit → met", "发掘 → 明确 → 满足")),
}


def _words(text: str) -> int:
    """Words in ``text``: English words, and each Chinese character counted as one unit."""
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’.,-]*", text)) + len(_CJK.findall(text))


@dataclass(frozen=True)
class CallMetrics:
    """A call measured the way conversation-analytics tools (Gong, Chorus) measure one.

    ``talk_share`` is the seller's share of the words spoken (Chinese: characters), the buyer's
    opening included; ``longest_monologue`` the seller's longest turn in words; ``share_i_n``
    the share of implication and need-payoff questions among SPIN questions asked.
    """

    questions: int
    mix: dict[str, int]
    share_i_n: float
    seller_words: int
    buyer_words: int
    talk_share: float
    longest_monologue: int
    early_pitches: int
    needs_total: int
    needs_uncovered: int
    needs_explicit: int
    needs_met: int
    language: str = "en"

    def scorecard(self, language: str | None = None) -> list[tuple[str, str, str]]:
        """Rows (metric, this call, what practitioners report [P])."""
        lang = self.language if language is None else check_language(language)
        unit = Text("words", "字").get(lang)
        rows = [
            (Text("questions asked", "提问数").get(lang), str(self.questions), METRIC_BENCHMARKS["questions"][1]),
            (Text("implication + need-payoff share", "暗示性+解决性问题占比").get(lang), f"{self.share_i_n:.0%}",
             METRIC_BENCHMARKS["share_i_n"][1]),
            (Text("your talk share", "你的说话占比").get(lang), f"{self.talk_share:.0%}",
             METRIC_BENCHMARKS["talk_share"][1]),
            (Text("longest monologue", "最长独白").get(lang), f"{self.longest_monologue} {unit}",
             METRIC_BENCHMARKS["longest_monologue"][1]),
            (Text("early pitches", "过早推介").get(lang), str(self.early_pitches), METRIC_BENCHMARKS["early_pitches"][1]),
            (Text("needs: uncovered → explicit → met", "需求：发掘 → 明确 → 满足").get(lang),
             f"{self.needs_uncovered} → {self.needs_explicit} → {self.needs_met} / {self.needs_total}",
             METRIC_BENCHMARKS["needs"][1]),
        ]
        return [(m, v, b.get(lang)) for m, v, b in rows]


@dataclass(frozen=True)
class Debrief:
    """What a trainee reviews after the call.

    ``mix`` counts questions by SPIN type; ``needs_uncovered`` lists needs that
    surfaced (implied or further), ``needs_explicit`` those the buyer stated
    explicitly, ``needs_missed`` those never surfaced; ``early_pitches``,
    ``benefits``, ``repeats`` and ``off_topic`` are turn numbers (1 = first).
    """

    scenario: str
    turns: int
    mix: dict[str, int]
    statements: int
    facts_learned: list[str]
    facts_total: int
    needs_uncovered: list[str]
    needs_explicit: list[str]
    needs_met: list[str]
    needs_missed: list[str]
    early_pitches: list[int]
    benefits: list[int]
    repeats: list[int]
    off_topic: list[int]
    goodwill: list[int]
    outcome: Outcome
    tips: list[str]
    decision_learned: list[str] = field(default_factory=list)
    metrics: CallMetrics | None = None

    def scorecard(self, language: str | None = None) -> list[tuple[str, str, str]]:
        """The call metrics as rows (metric, your call, what practitioners report)."""
        return self.metrics.scorecard(language) if self.metrics else []


def _cue_in(cue: str, lowered: str) -> bool:
    """A Chinese cue anywhere; an English cue at the start of a word."""
    pattern = _cue_pattern(cue)
    return cue in lowered if pattern is None else pattern.search(lowered) is not None


@cache
def _cue_pattern(cue: str) -> re.Pattern | None:
    """None for a Chinese cue (found as it is), else the pattern of an English cue at the start of a word."""
    if re.search(r"[\u3400-\u9fff]", cue):
        return None
    return re.compile(r"(?<![a-z0-9])" + re.escape(cue))


def is_rude(text: str) -> bool:
    """True for an insult or a swear word (English or Chinese): the buyer answers in kind.

    >>> is_rude("Are your fitters too lazy to clean the guards?"), is_rude("Is dust a problem in the guards?")
    (True, False)
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    return bool(_RUDE.search(text.lower())) or any(word in text for word in _RUDE_ZH)


def is_real_question(text: str) -> bool:
    """True for a question the buyer can answer, False for keyword salad or a statement.

    >>> is_real_question("grease problem?"), is_real_question("Is dust in the gear guards a problem?")
    (False, True)
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    return is_question(text) and _real_question(text)


def _real_question(text: str) -> bool:
    """A question a buyer can answer: in English four words or more with a question word or an
    auxiliary; in Chinese six characters or more with a question form. Keyword salad
    ("grease problem?", "grease cost affect?") is not."""
    if _CJK.search(text):
        return len(_CJK.findall(text)) >= 6 and bool(_ZH_QUESTION_FORM.search(text) or _ZH_REQUEST.search(text))
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    lowered = text.lower().replace("’", "'")
    # "Any oil leaking from the gearbox?", "Tell me about the filtration ...", "Graphite grease or a
    # transparent lubricant on the girth gears?" are questions a buyer answers too
    return len(words) >= 4 and bool(_EN_QUESTION_WORD.search(lowered) or _EN_REQUEST.match(lowered)
                                    or re.match(r"any\b", lowered)
                                    or (len(words) >= 6 and re.search(r"\bor\b", lowered) and text.rstrip().endswith("?")))


def _question_parts(text: str) -> list[str]:
    """The questions in one turn: several question marks, each closing a real question."""
    pieces = [p.strip() for p in re.findall(r"[^?？]+[?？]", text)]
    return pieces if len(pieces) > 1 and all(_real_question(p) for p in pieces) else [text]


def _normalise(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


class RolePlayCall:
    """One sales call with a scenario's buyer. Use :func:`start_call` to begin one.

    Parameters
    ----------
    scenario : Scenario
        From :func:`kamlib.data.spin_selling.load_scenario`.
    language : {'en', 'zh'}, optional
        The buyer's language; default: :func:`kamlib.get_language`.
    """

    def __init__(self, scenario: Scenario, language: str | None = None):
        if not isinstance(scenario, Scenario):
            raise TypeError(f"scenario must be a Scenario (see load_scenario), got {type(scenario).__name__}")
        language = get_language() if language is None else check_language(language)
        self.scenario = scenario
        self.language = language
        self.rules = dict(scenario.rules)
        self.goodwill = self.rules["goodwill_start"]
        self.history: list[Reply] = []
        self.need_state = {n.id: "hidden" for n in scenario.needs}
        self.facts_told = {t.id: 0 for t in scenario.topics}
        self.decision_told = 0
        self.ended: Outcome | None = None
        self._pitch_cues = tuple(_GENERIC_PITCH_CUES["en"] + _GENERIC_PITCH_CUES["zh"] + scenario.pitch_cues)

    # -- public ----------------------------------------------------------------

    @property
    def opening(self) -> str:
        """The buyer's first words."""
        return self.scenario.buyer.opening.get(self.language)

    def ask(self, text: str) -> Reply:
        """Say ``text`` to the buyer. A question is classified S/P/I/N and answered;
        anything that is not a question is handled like :meth:`say`."""
        text = self._check(text)
        if is_rude(text):
            return self._react(text, "rude", "question" if is_question(text) else "statement")
        if not is_question(text):
            return self._statement(text)
        if not _real_question(text):
            return self._react(text, "unclear", "question")
        if _LEADING.search(text.lower()):
            return self._react(text, "leading", "question")
        parts = _question_parts(text)
        if len(parts) > 1:
            return self._question(parts[0], said=text, multi=True)
        return self._question(text)

    def say(self, text: str) -> Reply:
        """Make a statement (for example a product pitch) rather than ask."""
        text = self._check(text)
        if is_rude(text):
            return self._react(text, "rude", "statement")
        return self._statement(text)

    def play(self, lines) -> list[Reply]:
        """:meth:`ask` each of ``lines`` (a list of str) in turn; the replies.

        >>> from kamlib import start_call
        >>> call = start_call("mining_haul_trucks", language="en")
        >>> [r.type for r in call.play(["How many haul trucks do you run?", "Our grease is synthetic."])]
        ['S', None]
        """
        if isinstance(lines, str) or not hasattr(lines, "__iter__"):
            raise TypeError(f"lines must be a list of str, got {type(lines).__name__}")
        return [self.ask(line) for line in lines]

    def end(self) -> Outcome:
        """End the call and get its outcome; calling it again gives the same outcome."""
        if self.ended is None:
            self.ended = self._assess()
        return self.ended

    def debrief(self) -> Debrief:
        """The call reviewed: question mix, needs uncovered and missed, early pitches.

        Before :meth:`end` its outcome is the one the call would have if ended now.
        """
        outcome = self.ended or self._assess()
        mix = dict.fromkeys(SPIN_TYPES, 0)
        for r in self.history:
            if r.type:
                mix[r.type] += 1
        order = [n.id for n in self.scenario.needs]
        rank = {s: i for i, s in enumerate(NEED_STATES)}
        state = self.need_state
        uncovered = [n for n in order if rank[state[n]] >= rank["implied"]]
        explicit = [n for n in order if rank[state[n]] >= rank["explicit"]]
        met = [n for n in order if state[n] == "met"]
        missed = [n for n in order if state[n] == "hidden"]
        facts = [u.split(":", 1)[1] for r in self.history for u in r.uncovered if u.startswith("fact:")]

        def turns(flag):
            return [r.turn for r in self.history if flag in r.flags]

        tips = self._tips(mix, uncovered, explicit, met, missed, turns("early_pitch"))
        return Debrief(
            scenario=self.scenario.id, turns=len(self.history), mix=mix,
            statements=sum(r.kind == "statement" for r in self.history),
            facts_learned=facts, facts_total=sum(len(t.facts) for t in self.scenario.topics),
            needs_uncovered=uncovered, needs_explicit=explicit, needs_met=met, needs_missed=missed,
            early_pitches=turns("early_pitch"), benefits=turns("benefit"), repeats=turns("repeat"),
            off_topic=turns("off_topic"),
            goodwill=[self.rules["goodwill_start"], *(r.goodwill for r in self.history)],
            outcome=outcome, tips=tips,
            decision_learned=[u.split(":", 1)[1] for r in self.history for u in r.uncovered
                              if u.startswith("decision:")],
            metrics=self.metrics(),
        )

    def metrics(self) -> CallMetrics:
        """The call measured like a conversation-analytics tool would (see :class:`CallMetrics`)."""
        mix = dict.fromkeys(SPIN_TYPES, 0)
        for r in self.history:
            if r.type:
                mix[r.type] += 1
        asked = sum(mix.values())
        seller = [_words(r.text) for r in self.history]
        buyer = _words(self.opening) + sum(_words(r.buyer) for r in self.history)
        rank = {s: i for i, s in enumerate(NEED_STATES)}
        states = list(self.need_state.values())
        return CallMetrics(
            questions=asked, mix=mix, share_i_n=(mix["I"] + mix["N"]) / asked if asked else 0.0,
            seller_words=sum(seller), buyer_words=buyer,
            talk_share=sum(seller) / (sum(seller) + buyer) if seller else 0.0,
            longest_monologue=max(seller, default=0),
            early_pitches=sum("early_pitch" in r.flags for r in self.history),
            needs_total=len(states), needs_uncovered=sum(rank[x] >= rank["implied"] for x in states),
            needs_explicit=sum(rank[x] >= rank["explicit"] for x in states),
            needs_met=sum(x == "met" for x in states), language=self.language,
        )

    def need_text(self, need_id: str, stage: str = "explicit") -> str:
        """What the buyer says for a need at ``stage`` ('implied', 'implication' or 'explicit')."""
        need = next((n for n in self.scenario.needs if n.id == need_id), None)
        if need is None:
            raise ValueError(f"need_id must be one of {', '.join(n.id for n in self.scenario.needs)}, got {need_id!r}")
        if stage not in ("implied", "implication", "explicit"):
            raise ValueError(f"stage must be 'implied', 'implication' or 'explicit', got {stage!r}")
        return getattr(need, stage).get(self.language)

    # -- internals -------------------------------------------------------------

    def _check(self, text: object) -> str:
        if not isinstance(text, str):
            raise TypeError(f"text must be a str (a question or statement to the buyer), got {type(text).__name__}")
        if not text.strip():
            raise ValueError(f"text must be a non-empty question or statement, got {text!r}")
        if len(text) > MAX_CHARS:
            raise ValueError(f"text must be at most {MAX_CHARS:,} characters (one question or statement), "
                             f"got {len(text):,}")
        if self.ended is not None:
            raise RuntimeError("the call has ended; start a new call with start_call(...) (or ↺ in the widget)")
        return text.strip()

    def _reply_text(self, kind: str, topic: Topic | None = None) -> str:
        source = (topic.replies.get(kind) if topic else None) or self.scenario.replies.get(kind)
        text = (source or DEFAULT_REPLIES[kind]).get(self.language)
        name = topic.name.get(self.language) if topic else ""
        return text.replace("{topic}", name)

    def _topic(self, text: str, qtype: str | None) -> Topic | None:
        lowered = text.lower().replace("-", " ")
        scores = []
        for order, topic in enumerate(self.scenario.topics):
            matched = [cue for cue in topic.cues if _cue_in(cue, lowered)]
            if matched:
                # most cues wins; then the topic where this question makes progress;
                # then longer (more specific) cues; then the scenario's order
                length = sum(len(c) for c in matched)
                scores.append((-len(matched), 0 if self._progress(topic, qtype) else 1, -length, order, topic))
        return min(scores, key=lambda x: x[:4])[4] if scores else None

    def _needs_on(self, topic: Topic) -> list[Need]:
        return [n for n in self.scenario.needs if n.topic == topic.id]

    def _progress(self, topic: Topic, qtype: str | None) -> bool:
        wanted = {"S": None, "P": "hidden", "I": "implied", "N": "developed"}.get(qtype)
        if qtype == "S":
            return self.facts_told[topic.id] < len(topic.facts)
        if qtype is None:
            return any(self.need_state[n.id] == "explicit" for n in self._needs_on(topic))
        return any(self.need_state[n.id] == wanted for n in self._needs_on(topic))

    def _record(self, text, kind, qtype, topic, buyer, uncovered, change, flags, reasons) -> Reply:
        before = self.goodwill
        self.goodwill = max(0, min(self.rules["goodwill_max"], self.goodwill + change))
        reply = Reply(len(self.history) + 1, text, kind, qtype, topic.id if topic else None, buyer,
                      tuple(uncovered), self.goodwill, self.goodwill - before, tuple(flags), tuple(reasons))
        self.history.append(reply)
        return reply

    def _react(self, text: str, kind: str, what: str) -> Reply:
        """A rude, leading or unclear line: goodwill drops, the buyer answers in kind, nothing is uncovered."""
        why = {"rude": "an insult: the buyer answers in kind",
               "leading": "a leading question: it tells the buyer what to think instead of asking",
               "unclear": "not a real question (keyword salad or too short): the buyer does not follow"}[kind]
        return self._record(text, what, None, None, self._reply_text(kind), [], -self.rules[f"{kind}_cost"],
                            [kind], [why])

    def _decision_question(self, text: str) -> bool:
        lowered = text.lower().replace("-", " ")
        return bool(self.scenario.decision) and any(
            _cue_in(cue, lowered) for cue in _DECISION_CUES["en"] + _DECISION_CUES["zh"])

    def _question(self, text: str, said: str | None = None, multi: bool = False) -> Reply:
        c = classify_question(text)
        qtype, rules = c.type, self.rules
        said = text if said is None else said
        flags, uncovered, change = (["multi_part"] if multi else []), [], 0
        parts = [self._reply_text("multi_part")] if multi else []
        said_before = _normalise(said) in {_normalise(r.text) for r in self.history}
        if self._decision_question(text) and not said_before:
            if self.decision_told < len(self.scenario.decision):
                did, fact = self.scenario.decision[self.decision_told]
                self.decision_told += 1
                parts.append(fact.get(self.language))
                uncovered.append(f"decision:{did}")
            else:
                flags.append("repeat")
                change -= rules["repeat_cost"]
                parts.append(self._reply_text("no_decision"))
            return self._record(said, "question", qtype, None, "".join(parts), uncovered, change, flags,
                                (*c.explain(self.language), "a question about the decision process"))
        topic = self._topic(text, qtype)
        if qtype == "S" and sum(r.type == "S" for r in self.history) >= rules["situation_limit"]:
            flags.append("too_many_situation")
            change -= rules["situation_cost"]
            parts.append(self._reply_text("bored", topic))
        if said_before:
            flags.append("repeat")
            change -= rules["repeat_cost"]
            parts.append(self._reply_text("repeat", topic))
        elif topic is None:
            flags.append("off_topic")
            change -= rules["off_topic_cost"]
            parts.append(self._reply_text("off_topic"))
        else:
            answer, found, repeat = self._answer(qtype, topic)
            parts.append(answer)
            uncovered.extend(found)
            if repeat:
                flags.append("repeat")
                change -= rules["repeat_cost"]
        return self._record(said, "question", qtype, topic, "".join(parts), uncovered, change, flags,
                            c.explain(self.language))

    def _answer(self, qtype: str, topic: Topic) -> tuple[str, list[str], bool]:
        """(buyer's words, what was uncovered, whether it was a repeat)."""
        if qtype == "S":
            told = self.facts_told[topic.id]
            if told < len(topic.facts):
                fid, fact = topic.facts[told]
                self.facts_told[topic.id] += 1
                return fact.get(self.language), [f"fact:{fid}"], False
            return self._reply_text("no_more_facts", topic), [], True
        needs = self._needs_on(topic)
        step = {"P": ("hidden", "implied", "implied"),
                "I": ("implied", "developed", "implication"),
                "N": ("developed", "explicit", "explicit")}[qtype]
        before, after, words = step
        for need in needs:
            if self.need_state[need.id] == before:
                self.need_state[need.id] = after
                return getattr(need, words).get(self.language), [f"{after}:{need.id}"], False
        states = [self.need_state[n.id] for n in needs]
        if not needs:
            return self._reply_text("no_problem", topic), [], False
        rank = {s: i for i, s in enumerate(NEED_STATES)}
        if all(rank[s] >= rank[after] for s in states):
            # asked again in other words: the buyer repeats what was said, a little tired
            last = max(needs, key=lambda n: rank[self.need_state[n.id]])
            return self._reply_text("already", topic) + getattr(last, words).get(self.language), [], True
        if qtype == "I":  # needs still hidden: nothing to have consequences yet
            return self._reply_text("premature_implication", topic), [], False
        if qtype == "N" and any(s == "implied" for s in states):
            return self._reply_text("premature_payoff", topic), [], False
        return self._reply_text("no_problem", topic), [], False

    def _is_pitch(self, text: str) -> bool:
        lowered = text.lower().replace("-", " ")
        return any(_cue_in(cue, lowered) for cue in self._pitch_cues)

    def _statement(self, text: str) -> Reply:
        rules = self.rules
        topic = self._topic(text, None)
        if not self._is_pitch(text):
            return self._record(text, "statement", None, topic, self._reply_text("small_talk"), [], 0, [],
                                ["no product cue: not a pitch"])
        explicit = [n for n in self.scenario.needs if self.need_state[n.id] == "explicit"]
        if not any(self.need_state[n.id] in ("explicit", "met") for n in self.scenario.needs):
            return self._record(text, "statement", None, topic, self._reply_text("early_pitch", topic), [],
                                -rules["early_pitch_cost"], ["early_pitch"],
                                ["a product pitch before the buyer has stated any explicit need"])
        for need in explicit:
            needs_text = [need.explicit.en] + ([need.explicit.zh] if need.explicit.zh else [])
            on_topic = topic is not None and topic.id == need.topic
            if on_topic or fab_label(text, needs_text) == "benefit":
                self.need_state[need.id] = "met"
                words = need.benefit.get(self.language) if need.benefit else self._reply_text("benefit", topic)
                return self._record(text, "statement", None, topic, words, [f"met:{need.id}"],
                                    rules["benefit_gain"], ["benefit"],
                                    [f"answers the explicit need {need.id!r}: a benefit"])
        return self._record(text, "statement", None, topic, self._reply_text("unlinked_pitch", topic), [],
                            -rules["unlinked_pitch_cost"], ["unlinked_pitch"],
                            ["a pitch that answers none of the explicit needs still open: an advantage"])

    def _assess(self) -> Outcome:
        r = self.rules
        rank = {s: i for i, s in enumerate(NEED_STATES)}
        states = list(self.need_state.values())
        implied = sum(rank[s] >= rank["implied"] for s in states)
        explicit = sum(rank[s] >= rank["explicit"] for s in states)
        benefits = sum(s == "met" for s in states)
        mix = {t: sum(h.type == t for h in self.history) for t in SPIN_TYPES}
        asked = sum(mix.values())
        early = sum("early_pitch" in h.flags for h in self.history)
        summary = Text(
            f"goodwill {self.goodwill}/{r['goodwill_max']}; needs: {implied} uncovered, {explicit} explicit, "
            f"{benefits} met by a benefit; questions S{mix['S']} P{mix['P']} I{mix['I']} N{mix['N']}"
            + (f"; {early} early pitch(es)" if early else ""),
            f"好感度 {self.goodwill}/{r['goodwill_max']}；需求：发掘出 {implied} 个，明确的 {explicit} 个，"
            f"{benefits} 个已用利益满足；提问 S{mix['S']} P{mix['P']} I{mix['I']} N{mix['N']}"
            + (f"；过早推介 {early} 次" if early else ""))
        sc = self.scenario
        knows_decision = self.decision_told > 0 or not sc.decision
        rude = any("rude" in h.flags for h in self.history)
        order_ready = (explicit >= r["order_explicit_needs"] and benefits >= r["order_benefits"]
                       and self.goodwill >= r["order_goodwill"])
        if self.goodwill <= 0 or rude:
            name, why = "no-sale", Text("the buyer lost patience" + (" after an insult" if rude else " (goodwill 0)"),
                                        "客户失去了耐心" + ("（被冒犯了）" if rude else "（好感度 0）"))
        elif asked == 0:
            name, why = "no-sale", Text("no questions were asked: nothing was learned about the buyer's needs",
                                        "一个问题都没问：对客户的需求一无所知")
        elif order_ready and sc.can_order and knows_decision:
            name, why = "order", Text(f"{explicit} explicit needs, {benefits} answered with a benefit, "
                                      f"goodwill >= {r['order_goodwill']}, and this buyer can order alone",
                                      f"{explicit} 个明确性需求，{benefits} 个已用利益满足，"
                                      f"好感度 >= {r['order_goodwill']}，而且这位客户自己就能下单")
        elif explicit >= r["advance_explicit_needs"] and self.goodwill >= r["advance_goodwill"]:
            if order_ready and not sc.can_order:
                limit = (" An order is not possible in one call here: this buyer cannot decide alone.",
                         "这里一次拜访拿不到订单：这位客户不能自己拍板。")
            elif order_ready:
                limit = (" An order needs the decision process first: ask who signs.",
                         "要拿到订单，先要弄清决策流程：问问谁签字。")
            else:
                limit = ("", "")
            name, why = "advance", Text(
                f"the buyer stated {explicit} explicit need(s) and agrees to a next step: {sc.advance.en}." + limit[0],
                f"客户陈述出 {explicit} 个明确性需求，同意推进下一步：{sc.advance.get('zh')}。" + limit[1])
        elif implied >= r["continuation_implied_needs"] and self.goodwill >= r["continuation_goodwill"]:
            name, why = "continuation", Text("problems surfaced, but no explicit need was stated: "
                                             "the buyer agrees to 'keep in touch', nothing more",
                                             "问题浮出来了，但客户没有陈述出明确性需求：只答应“保持联系”，仅此而已")
        else:
            name, why = "no-sale", Text("no need surfaced: the buyer sees no reason to change supplier",
                                        "没有发掘出任何需求：客户看不出有什么理由换供应商")
        why, summary = why.get(self.language), summary.get(self.language)
        step = {"order": Text("the order", "下单"), "advance": sc.advance,
                "continuation": Text("keep in touch", "保持联系"), "no-sale": Text("none", "无")}[name]
        return Outcome(name, (why, summary), self.goodwill, implied, explicit, benefits, step.get(self.language))

    def _tips(self, mix, uncovered, explicit, met, missed, early) -> list[str]:
        tips: list[Text] = []
        if early:
            turns = ", ".join(map(str, early))
            tips.append(Text(f"Turn(s) {turns}: you pitched the product before the buyer had "
                             "stated an explicit need; features this early tend to draw price objections.",
                             f"第 {turns} 回合：客户还没有陈述出明确性需求，你就推介了产品；"
                             "这么早谈产品特征，往往会招来价格异议。"))
        if mix["S"] > self.rules["situation_limit"]:
            tips.append(Text(f"{mix['S']} situation questions: ask fewer, and only those you need; "
                             "too many bore the buyer.",
                             f"问了 {mix['S']} 个情境性问题：少问一些，只问必要的；问多了客户会烦。"))
        if missed:
            tips.append(Text(f"Needs never surfaced: {', '.join(missed)}. Ask problem questions on more topics.",
                             f"没有发掘出的需求：{', '.join(missed)}。在更多话题上问探究性问题。"))
        stuck = [n for n in uncovered if n not in explicit]
        if stuck:
            tips.append(Text(f"Needs left implied: {', '.join(stuck)}. Develop them with implication questions, "
                             "then let the buyer state the value with need-payoff questions.",
                             f"停留在隐藏性需求的：{', '.join(stuck)}。用暗示性问题把它们展开，"
                             "再用解决性问题让客户自己说出价值。"))
        unmet = [n for n in explicit if n not in met]
        if unmet:
            tips.append(Text(f"Explicit needs not yet answered with a benefit: {', '.join(unmet)}.",
                             f"还没有用利益去满足的明确性需求：{', '.join(unmet)}。"))
        reacted = [(f, [r.turn for r in self.history if f in r.flags]) for f in ("rude", "leading", "unclear")]
        for flag, turns in reacted:
            if turns:
                where = ", ".join(map(str, turns))
                tips.append({
                    "rude": Text(f"Turn(s) {where}: an insult. Buyers remember it; the call is lost.",
                                 f"第 {where} 回合：出言冒犯。客户会记住，这次拜访就此失败。"),
                    "leading": Text(f"Turn(s) {where}: a leading question tells the buyer what to think; ask instead.",
                                    f"第 {where} 回合：诱导性问题是在替客户下结论；应当真正去问。"),
                    "unclear": Text(f"Turn(s) {where}: not a real question (keywords only). Ask in full sentences.",
                                    f"第 {where} 回合：不是真正的问题（只有关键词）。请用完整的句子提问。"),
                }[flag])
        if self.scenario.decision and not self.decision_told and uncovered:
            tips.append(Text("You never asked how the decision is made (who signs, a trial, a tender): "
                             "without it you cannot plan the advance.",
                             "你没有问决策流程（谁签字、要不要试用、是否招标）：不了解这些，就没法规划下一步推进。"))
        if not tips:
            tips.append(Text("A well-built call: problems found, developed, and turned into explicit needs you met.",
                             "一次扎实的拜访：发现了问题，展开了问题，并把它们变成了你已满足的明确性需求。"))
        return [tip.get(self.language) for tip in tips]
