"""SPIN selling: classify questions as S/P/I/N, and label needs and FAB statements (DOMAIN.md M8).

Rackham's SPIN model (SPIN Selling, 1988; Huthwaite's research: ~35,000 calls over
~12 years; proprietary, not peer-reviewed) sorts a seller's questions into four types:

====  ============================  ====================================================
S     situation 背景问题             facts and background
P     problem 难点问题               difficulties, dissatisfaction
I     implication 暗示问题           consequences and effects of a problem
N     need-payoff 需求-效益问题      the value or usefulness of a solution
====  ============================  ====================================================

The classifier here is a set of transparent rules plus a small model learned from the
``tune`` split of the question bank. Both add evidence for each type to one tally, and the
highest total wins:

* word cues, in families ("symptom", "dissatisfaction", "consequence", "what a problem
  does", "value of a solution", ...), each family counted once, shown with the words it
  matched (weights 1-4);
* frames, the shape of the question read on its clauses: a yes/no question about a
  symptom (P); a condition that names a problem and asks what follows, "if the pinion
  pits, how long ..." (I); a condition that names the problem solved, "who else would
  gain if the filters lasted ..." (N); in Chinese, 如果/要是…, 一…就…, …的时候 and
  "先说问题，再问多少" with plain patterns (no segmenter);
* learned cues: a multinomial logistic regression (plain Python, trained once on the tune
  split by ``python -m tools.spin_model``; the weights ship in ``learned_weights.py``) over
  English words and word pairs, Chinese characters and character pairs and triples, and
  the names of the rule cues that fired. ``reasons`` names the n-grams that pushed hardest
  ("learned cue “would” → need-payoff (+5.6)") and what it learned to give the fired rules;
* S is the fallback: when no P, I or N evidence is strong enough, the question only asks
  for facts, and ``reasons`` says so ("no cue fired" when no rule cue fired at all).

Each :class:`Classification` lists the cues and frames that decided it, so a trainee can
see *why* and argue with it. The rules were written and the model trained on the ``tune``
split only; :func:`classifier_scores` reports accuracy, per-type precision/recall and
macro-F1 on the ``heldout`` split (and its parts, ``'heldout-old'`` and the frozen
``'heldout-v3'``) beside the tune split, in English and Chinese. Measured (2026-12-02,
``python -m benchmarks.spin_classifier``): held-out, old part, en 90 % (macro-F1 0.90),
zh 88 % (0.88); frozen v3 part, written by a helper who had not seen the classifier, en
85 % (0.85), zh 89 % (0.89); 5-fold cross-validation inside tune 96 % en, 94 % zh; tune
itself 100 % -- fitted, and says nothing about new questions. It misreads about one
question in eight or nine that it has never seen; treat its label as a second opinion.

How to use it
-------------
>>> c = classify_question("What does an unplanned kiln stop cost you per day?")
>>> c.type, c.name
('I', 'implication')
>>> c.reasons[0]
'cue "cost you" (consequence) points to implication (+3)'
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

import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kamlib.i18n import check_language, get_language
from kamlib.text import Text

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
    "classifier_scores",
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

    ``split`` is ``'tune'`` (the classifier's rules and learned layer may be fitted
    on it) or ``'heldout'`` (never used to fit; only to measure). ``zh`` may be ``None``.
    ``part`` is ``'v3'`` for the questions written for the v3 classifier (their held-out
    ones are the frozen split v3), else ``None``.
    """

    id: str
    type: str
    sector: str
    topic: str
    en: str
    zh: str | None
    split: str
    part: str | None = None

    def text(self, language: str = "en") -> str | None:
        """The question in ``language`` (``'en'`` or ``'zh'``); None if not written."""
        check_language(language)
        return self.en if language == "en" else self.zh


@dataclass(frozen=True)
class BuyerStatement:
    """Something a buyer says, labelled ``'implied'`` or ``'explicit'`` need; ``text`` is
    a :class:`~kamlib.text.Text` in English and Chinese (``str(text)``: the current language).
    The rules of :func:`need_label` read the English (``text.en``)."""

    id: str
    label: str
    sector: str
    text: Text


@dataclass(frozen=True)
class SellerStatement:
    """Something a seller says, labelled ``'feature'``, ``'advantage'`` or ``'benefit'``.

    ``context`` holds the explicit needs the buyer had stated before it (maybe none):
    a benefit, in Rackham's sense, answers one of them. ``text`` and each need are a
    :class:`~kamlib.text.Text`; the rules of :func:`fab_label` read the English.
    """

    id: str
    label: str
    sector: str
    context: tuple[Text, ...]
    text: Text


@dataclass(frozen=True)
class StatementBank:
    """Buyer statements (implied / explicit) and seller statements (F / A / B)."""

    buyer: tuple[BuyerStatement, ...]
    seller: tuple[SellerStatement, ...]


# --- the rules ------------------------------------------------------------------------------
#
# Three kinds of evidence, each with a name that shows up in ``reasons``:
#
# * word cues: a family of words or phrases ("symptom", "consequence", "value", ...), each
#   family counted once, with the words it matched;
# * frames: the shape of the question, read on its clauses: a yes/no question about a
#   symptom (P); a condition that describes a problem and asks what follows (I); a
#   condition that describes the problem solved and asks what it would bring (N);
# * S is the fallback: a question with no P, I or N evidence asks for facts.

_CJK = re.compile(r"[\u3400-\u9fff]")
MAX_CHARS = 2000


@dataclass(frozen=True)
class _Cue:
    type: str
    name: str
    pattern: re.Pattern
    weight: int


def _cue(type_: str, name: str, pattern: str, weight: int) -> _Cue:
    return _Cue(type_, name, re.compile(pattern), weight)


# --- English word cues (regex on lower-case text, straight apostrophes) ---

# words that describe a symptom or a failure: evidence for P on their own, and the
# "problem" side of a condition (if the gear keeps running hot, ...) for the I frame
_EN_SYMPTOM = (
    r"\b(?:fail\w*|burst\w*|seiz\w*|pits|pitted|pitting|micropitting|trip(?:s|ped|ping)?|stuck|(?<!solid )stick(?! lubric)|sticks|sticking|sticky|"
    r"leak\w*|seep\w*|drip\w*|block(?:s|ed|ing|age|ages)?|clog\w*|foam\w*|smell\w*|"
    r"milky|emulsif\w*|spoil\w*|mist(?:ing)?|deposits?|varnish|sludge|"
    r"corro\w*|particles?|particle counts?|metal in|wear(?:ing)?|worn|scuff\w*|overheat\w*|"
    r"hot(?:ter)?(?! strip| rolling| dip)|warm(?:er)?|temperatures?|vibrat\w*|acid number|"
    r"washes (?:out|off)|losing (?:their |its )?(?:grease|oil)|burn(?:ing|s)? "
    r"(?:more )?oil|drink oil|creeping up|rising|keeps? rising|dust (?:in|into|get\w*)|"
    r"water|dust|late|wrong|contaminat\w*|rejected|missed|runs? (?:out|low|dry|short)|"
    r"won't turn over|(?:goes|went|is|are) down|downtime|breakdowns?|faults?|"
    r"slips?|drops?|skin irritation|idle|stops|stopped|break(?:s|ing)?|broke|broken|"
    r"overrun\w*|running behind|early\b(?! warning)|comes? off|alarms?|thicken\w*|builds? up|building up|"
    r"drags? on|dragging|dirty|escap\w*|let (?:oil|water|dust|grease) (?:out|in)|be down|dry(?:ing)? out|runs? dry|rough|cloudy|hazy|harden\w*|grinding sounds?|knock\w*|squeal\w*|dilut\w*|"
    r"no (?:oil|grease|lubrication)|short of|starv\w*|ending up on|thrown|fling\w*|metal|shown up|findings?|slow\w*|poor|"
    r"weep\w*|splitting|unstable|unsteady|var(?:y|ies|ied)|swing\w*|going dark|acidic|grief|painful|worrying|"
    r"stop working|holes in|wash(?:es)? out|above \d+)\b"
)
_EN_CUES = (
    # situation: facts, background, the current set-up (weak on purpose: fact words also
    # open implication and need-payoff questions, whose own evidence is stronger)
    _cue("S", "how many / how much", r"\bhow (?:many|much)\b", 1),
    _cue("S", "how often/old/far/long/big do…", r"\bhow (?:often|old|far|long|big) (?:do|does|is|are|has|have|was)\b", 2),
    _cue("S", "which/who/where/when opening",
         r"^(?!if |when |suppose )(?:[^:,?]{0,40}[:,] )?(?:which|who|where|in which|when (?=is|was|are|were|do|does|did|will))\b", 2),
    _cue("S", "what is / what type of", r"\bwhat(?:'s| is| are) the\b|\bwhat (?:brand|type|kind|grade|make|mix|types)s?\b", 2),
    _cue("S", "do you use/run/have…",
         r"\b(?:do|does) (?:you|they|the \w+) (?:currently |now )?(?:use|run|have(?! to)|sample|stock|buy|pay|keep|hold|take|service)\b",
         2),
    _cue("S", "tell me / walk me through", r"\btell me about\b|\bdescribe\b|"
         r"\bcould you tell me\b|\bi'd like to know\b", 2),
    _cue("S", "either-or choice", r"\b(?:or|or only|or through|or at|or on|or by) [\w -]{2,30}\?$", 1),
    _cue("S", "currently / per year / installed",
         r"\b(?:currently|at the moment|at present|today|now|per year|annual|installed|capacity)\b", 1),
    _cue("S", "what … do you", r"^what \w+ (?:do|does) (?:you|they)\b", 1),
    # problem: difficulties, dissatisfaction, symptoms
    _cue("P", "dissatisfaction", r"\b(?:satisfied|happy with|confident|content with|unhappy|"
         r"bother\w*|a pain|headaches?|patience|frustrat\w*|worr(?:y|ies|ied)|concern(?:ed|s)?|complain\w*|grumble\w*|"
         r"struggl\w*|uneasy|problems?|troubles?|difficult\w*|issues?|hard(?:est)?|tight|unreliable|"
         r"let you down|(?:don't|do not) (?:you )?like|dislike|easy to)\b", 3),
    _cue("P", "symptom", _EN_SYMPTOM, 2),
    _cue("P", "worse than expected",
         r"\b(?:more|less|\w+er) than (?:you|expected|planned|before|it should|they should|they used|"
         r"last year|the oem|usual|it did)|\b(?:more|less|\w+er) than [\w ]{0,25}(?:says|said|"
         r"expected|should)\b|\bas (?:\w+ )?as (?:it|they) should\b|\bthere should be\b", 3),
    _cue("P", "reliable / too short / higher than", r"\breliab\w*|\btoo (?:short|long|often|high|much|slow)\b|"
         r"\b(?:higher|worse|faster|shorter|more often) than\b|\btoo \w+\b|\b\w+er than (?:agreed|planned|expected)\b", 2),
    # phrasings of the buyers' implied needs in spin_selling_statements.yaml (b01-b24)
    _cue("P", "as buyers describe trouble", r"\bstains?\b|\bmore and more\b|\bkeeps? getting\b|\bshowing up\b|"
         r"\bcan't (?:always )?get\b|\bdon't come out\b|\bfar too\b|\bnot lasting\b|\bmake sense of\b|"
         r"\bdisappear\w* faster\b|\bfreez\w*|\bdirt\b", 2),
    _cue("P", "getting worse", r"\b(?:getting|going|becoming|turning|growing) (?:\w+er|more|less|worse|cloudy|"
         r"hard|thick|thin|\w+y)\b", 2),
    _cue("P", "have you had/seen any", r"\bhave you (?:had|seen|noticed|found)\b|\bhas there been\b|"
         r"\bany signs? of\b", 3),
    _cue("P", "how well / how quickly", r"\bhow (?:well|quickly|clear|reliable|easy|clean)\b|"
         r"\b(?:clean|good|fast|quick|well) enough\b|\bholding up\b|\bkeep(?:ing)? pace\b|\bup to the job\b|"
         r"\bhold(?:ing)? up under\b", 2),
    _cue("P", "the most dust / trouble", r"\bthe most (?:dust|trouble)\b|\blet in the most\b", 2),
    # implication: consequences, effects, cost of the problem
    _cue("I", "consequence", r"\bcost(?:s)? (?:you|the|us|in)\b|\bcost(?:s)?\b|\bset you back\b|"
         r"\blos(?:e|es|t)\b|\bloss(?:es)?\b|\baffect\w*|\bimpact\w*|\beffects?\b|\bconsequences?\b|"
         r"\blead(?:s)? to\b|\bresult in\b|\bknock-on\b|\bwhat (?:happens|would happen|could happen)\b|"
         r"\bpenalt\w*|\bfines\b|\breputation\b|\brework\w*|\bcut back\b|\btake (?:away|off the)\b|\brecall\b|\bscrap\w*|"
         r"\b(?:customer )?claims\b|\bat risk\b|\brisk of\b|\bfire risk\b|"
         r"\boff hire\b|\boff (?:charter|the road|line)\b|\bsit idle\b|"
         r"\bquarantin\w*|\bmiss(?:es|ed)? (?:its|their|the)\b|\bwho pays\b|"
         r"\bwho ends up\b|\bend(?:s)? up\b|\bsick days\b|\bover budget\b|"
         r"\bgive up\b|\bgoes? unproduced\b|\bwait\w*\b|\bslip with it\b|"
         r"\bgo without\b|\b(?:does|do|did|will) [\w' -]+ mean for\b|\bdo to\b|"
         r"\bhow soon\b", 3),
    # what issue 12 names as the things a problem does damage to
    _cue("I", "output / safety / schedule / workload", r"\b(?:output|safety|schedule|workload|equipment life|life)\b", 1),
    _cue("I", "extra / how many more", r"\bhow (?:many|much) extra\b|\bextra (?:\w+ )?(?:hours|days|shifts|costs?|work|"
         r"climbs|rounds|changes|litres|trips|stock|money|top-ups|grease)\b|\bhow (?:many|much) more\b|"
         r"\bmore (?:\w+ )?(?:often|litres|hours|days|shifts|spending)\b|\bspend\w* \w+ing\b", 2),
    _cue("I", "has to be checked / time it takes", r"\b(?:has|have) to be (?:checked|binned|redone|replaced|"
         r"thrown)\b|\bhow much of (?:your|the) (?:week|day|time|batch|output)\b|\bhours? (?:go|goes) into\b|"
         r"\bstand without\b|\bgo short\b", 2),
    _cue("I", "because of / caused by", r"\bbecause of\b|\bcaused by\b|\bdue to\b|\bfrom the (?:water|dust|leaks?)\b", 2),
    # issue 12 (v3): yes/no questions that ask what a problem does ("does the foaming create slip
    # hazards?", "does that overload the drive motors?") are implication, not problem
    _cue("I", "what a problem does (cause, damage, hazard)",
         r"\bcaus(?:e|es|ing)\b|\bcreat(?:e|es|ing)\b|\boverload\w*|\bstretch\w*|\blengthen\w*|"
         r"\bfeeds? (?:\w+ )?(?:through|into)\b|\bhold(?:s|ing)? up (?:the|your)\b|\bshow(?:s)? up in\b|"
         r"\bdamag\w*|\binjur\w*|\bhazards?\b|\bsuffer\w*|\baccidents?\b|(?<![\w-])fires?(?![\w-])|"
         r"\bahead of schedule\b|\brebuilds?\b|\bclaimed against\b|\bdropped (?:your|the|our)\b|"
         r"\bunplanned outage\b", 3),
    # need-payoff: the value or usefulness of a solution
    _cue("N", "value of a solution", r"\bworth\b|\bvalu(?:e|able)\b|\buseful\b|\bbenefit\w*|\bgain\b|\bhelp\w*|"
         r"\bsav(?:e|ed|es|ing|ings)\b|\beasier\b|\bsimpler\b|\bsafer\b|\bpeace of mind\b|\bwelcome\b|"
         r"\bsleep better\b|\bdifference\b|"
         r"\bfree up\b|\bmean to you\b|\bimportant (?:to|for) (?:you|your)\b|\bdo for (?:you|your)\b|"
         r"\blet (?:you|your)\b|\bnotice\b|\bof (?:any )?use\b|\bhow would [\w' ]+ look\b|"
         r"\bwhat would you do with\b|\bgo to (?:other|instead)\b|\bgo to instead\b|"
         r"\bhow much (?:quicker|calmer|simpler|easier)\b|\bhow many more\b.*\bcould\b|\bchange (?:how|your)\b|"
         r"\bfit with\b|\bdo for\b|\btake care of\b|\bmake life\b|\bmake your\b", 3),
    _cue("N", "would it matter / be of interest", r"\bof interest\b|\bmatter to (?:you|your)\b|"
         r"\bwhat would change\b|\bhow much could (?:that|it|this) (?:lift|raise|cut|bring)\b|\bby half\b", 3),
    _cue("N", "if we could / if … improved", r"\bif (?:we|you) could\b|\bif .+ (?:went up|improved|were halved|doubled)\b", 2),
    _cue("N", "halve / extend / longer / fewer", r"\b(?:halv\w*|extend\w*|longer|fewer|lower|clearer|cleaner)\b|"
         r"\bwithout an? \b", 1),
)

# what solves or improves: the "solution" side of a condition (if the oil lasted ..., if
# there were no stoppages ...) for the N frame
_EN_IMPROVED = re.compile(
    r"\b(?:no longer|never|shorter|stopped|trouble-free|problem-free|free of|(?:were|was) gone|steady|without(?! (?:the |a |an )?(?:right|proper|correct|enough))|fewer|less|halv\w*|twice|doubl\w*|no(?! oil| grease| lubric)|cooler|cleaner|clean|"
    r"longer|lasted|last(?:s|ed)? (?:a|the|twice|longer|to)|stay(?:s|ed)? (?:clean|put|on)|"
    r"holds? (?:its|full)|reached|full|always|first time|"
    r"within|copes?|resists?|"
    r"fire-resistant|automatic|better|improv\w*|tolerat\w*|reduc\w*|extend\w*|went up|came down|designed for|"
    r"separat\w*(?: \w+)? (?:cleanly|faster|quickly)|disappear\w*|kept|keeps? (?:\w+ ){0,3}out|"
    r"(?:to|could|would) stop|avoid|nobody|warn\w*|drops? the water|early warning|clear(?:er)?|single|"
    r"audit-ready|could|on call|slower|lower|catch)\b"
)
_EN_SYMPTOM_RE = re.compile(_EN_SYMPTOM)
_EN_PROBLEM_RE = re.compile("|".join(c.pattern.pattern for c in _EN_CUES if c.type == "P"))
# a condition or time clause: if / suppose / picture ... , or when / each time / since ...
_EN_IF = re.compile(r"(?<!wonder )(?<!wondering )(?<!know )(?<!understand )(?<!ask )\b(?:if|suppose|supposing|imagine|"
                    r"picture|say)\b([^,:;?]*)")
_EN_WHEN = re.compile(r"\b(?:when|whenever|each time|every time|after|once|while|since)\b"
                      r"(?!\s+(?:is|was|are|were|do|does|did|will|has|have)\b)([^,:;?]*)")
# "Is the oil foaming?", "Are the drives coming back early?": an ongoing state, usually a symptom
_EN_ONGOING = re.compile(r"^(?:is|are|isn't|aren't) (?:the |your |some |any |it |there )?(?:[\w-]+ ){0,5}\w+ing\b"
                         r"(?! (?:lines?|machines?|hall|shop|shed|section|plant|centres?|oil|systems?|units?|rooms?|mill))")
_EN_HYPOTHETICAL = re.compile(r"\b(?:would|could)\b(?! like| not)")
_EN_YES_NO = re.compile(r"^(?:[^:?]{0,40}: |so, |and |be honest, )?(?:is|are|do|does|did|has|have|had|was|were|"
                        r"any|could you say|isn't|aren't|don't|doesn't|haven't|hasn't)\b|"
                        r"\b(?:whether|wondering|wonder if|know if|understand if)\b")

# --- Chinese word cues (plain substrings or simple patterns; no segmentation needed) ---

_ZH_SYMPTOM = (r"过热|温度|噪音|振动|漏|堵|起泡|乳化|发白|进灰|混进|磨损|点蚀|擦伤|拉伤|"
               r"沉积|漆膜|油雾|颗粒|金属|卡涩|跳机|跳闸|坏|冲掉|烧机油|氧化|酸值|"
               r"超标|断油|过敏|故障|偏多|拒赔|堵塞|泄漏|爆|抱死|"
               r"抱缸|(?<![加预])热(?!轧)|脏|抖|吸水|变差|(?:启动|转|用)不了|停机|停线|停下|停了|拖(?!拉)|断了|断裂|干了|干磨|异响|浑浊|油泥|油滴|滴到|甩|变硬|"
               r"稀释|缺油|没来油|油温|温高|跳停|冲下|冲走|变稠|看错|搞错|错了|加了错|慢|上升|涨|不足|油位.低|没被发现|污染|加错|没带|发现项|"
               r"恼火|拿错|发黄|不好使|沉不下|返修")
_ZH_CUES = (
    _cue("S", "多少台/几台/哪种", r"多少台|多少种|多少辆|多少公里|几台|几条|几个|几种|哪家|哪种|哪些|哪个|哪几|"
         r"什么时候|用的是|是什么|多大|多久|多长时间|多远", 2),
    _cue("S", "谁负责/由谁", r"谁负责|由谁|谁签字|谁(?!来出|去|付|受益|会)", 2),
    _cue("S", "还是 (either-or)", r"还是", 1),
    _cue("S", "目前/现在/每年", r"目前|现在|每年|一般|多少|介绍|说说", 1),
    _cue("P", "不满 (dissatisfaction)", r"满意|有把握|头疼|麻烦|担心|不满|抱怨|毛病|不对劲|困难|"
         r"跟不上|跟得上吗|撑得住吗|够干净吗|闹心|老是|耐心|头大|不放心|胜任|好用吗|不太稳定|难(?!以)|问题|可靠|(?<!更)容易", 3),
    _cue("P", "症状 (symptom)", _ZH_SYMPTOM, 2),
    _cue("P", "太短/太多/经常/会不会", r"比预期|太短|太长|太高|太多|有没有出现|经常|太[\u4e00-\u9fff]{1,4}了|比约定|"
         r"有没有发现|是不是[^，。？]{0,12}了", 2),
    _cue("P", "比…多/快/高 (worse than expected)", r"比[^，。？]{0,10}(?:多|快|高|短|大|严重|差|早|低|勤)|越来越|达不到|越\w越(?:多|少|大|高|差|快)", 3),
    _cue("I", "后果 (consequence)", r"损失|影响|后果|导致|造成|代价|罚|耽误|少产|少发|少收|报废|索赔|风险|"
         r"干等|怎么办|会怎样|泡汤|还管不管|谁来出|付还是|"
         r"付出|连锁|错过|病假|工时|承担|降产|降等|少灌|少装|少出|返工|危害|停租|口碑|成本增加|增加多少|要多少钱|跟着|"
         r"会怎么样|着火|多久就得|要停|得停|停多久|返修|花多少|整改", 3),
    _cue("I", "产量/安全/进度/工作量", r"产量|安全(?!记录)|进度|工作量|寿命|花在", 1),
    _cue("I", "因为 (because of)", r"因为", 1),
    _cue("I", "占用/继续", r"占用|继续", 2),
    # issue 12 (v3): 会不会影响…、有没有因此… ask what a problem leads to
    _cue("I", "会不会让/有没有因此 (what a problem leads to)",
         r"会不会[让使]|会不会因此|有没有因此|因此|不得不|是不是得|引起|伤到|事故|落空|买单|拉长|退过货|"
         r"出什么问题|磨坏|烧瓦|转去|不再代理", 2),
    _cue("I", "多备/多换 (extra)", r"多(?:备|补|买|换|跑|爬|花|付|耗)|额外|多用的|多出来", 3),
    _cue("N", "重要/能帮/有什么用", r"重要|能帮|有什么用", 3),
    _cue("N", "会怎么看/谁会高兴 (who values a solution)", r"会怎么看|谁会最?高兴|谁会感谢|感谢您|(?<!不)放心|意义有多大|解决掉|"
         r"花在哪些|花到哪些", 3),
    _cue("N", "如果能/减半/延长", r"如果能|减半|延长|更长|减少|提高|不用", 1),
    _cue("N", "价值/好处 (value of a solution)", r"值多少|值不值|这值|价值|好处|受益|帮助|有用|用处|轻松|安心|"
         r"欢迎|踏实|意味着|怎么说|不同|变化|省下|省出|用到哪里|"
         r"打算怎么安排|(?<!产)能多|能少|多用多久|更安全|节省|感觉到|最先|更容易|能不能帮|用满|撑满|省事|省多少|能省", 3),
)
_ZH_IMPROVED = re.compile(r"不再|没有了|不用|不漏|不过热|不起泡|零|减半|减少|降低|降到|降下来|翻倍|"
                          r"能|保持|更(?!换|新)|延长|没有|提高|经得住|扛得住|只有|只用|全部是|恢复|清楚|提前|自动|"
                          r"顺畅|干净|抗燃|小时内|分钟内|很快|同一家|信得过|靠得住|一次打着|都能|阻止|变慢|缩短|一半|不变|"
                          r"不出|挡在")
_ZH_SYMPTOM_RE = re.compile(_ZH_SYMPTOM)
_ZH_PROBLEM_RE = re.compile("|".join(c.pattern.pattern for c in _ZH_CUES if c.type == "P"))
_ZH_IF = re.compile(r"(?:如果|要是|假如|假设|设想|万一|一旦|若是?)([^，,。？?：:]*)")
_ZH_WHEN = re.compile(r"([^，,。？?]*?)(?:的时候|之后|以后|后，)|一(?![个台次年天种套辆条周月直些点般批箱整])"
                      r"([\u4e00-\u9fff]{1,4})(?:就|，)")
_ZH_YES_NO = re.compile(r"是不是|会不会|有没有|吗|是否|能不能|难不难|多不多")
_ZH_PRODUCT = re.compile(r"(?:一种|一套|有一种|这种)([^，。？]*?)的")
_ZH_CHANGE = re.compile(r"会不会|是不是会|是不是[^，。？]{1,12}了")
_ZH_WH = re.compile(r"多少|多久|多长|什么|哪|谁|怎么|几")

_EN_INTERROGATIVE = re.compile(
    r"^(how|what|which|who|whom|whose|when|where|why|do|does|did|is|are|was|were|have|has|had|"
    r"can|could|would|will|should|shall|may|might|must|isn't|aren't|don't|doesn't|didn't|"
    r"haven't|hasn't|won't|wouldn't|couldn't|if)\b"
)
_ZH_INTERROGATIVE = re.compile(
    r"吗|呢|什么|多少|多久|多大|多远|哪|谁|怎么|怎样|如何|是否|有没有|是不是|会不会|能不能|难不难|"
    r"可不可以|为什么|几[台种个次年天]"
)
# a request that asks the buyer to tell: "Tell me a bit about ...", "Walk me through ...",
# "I'd like to understand ...", "我想了解一下……", "请您说说……" -- a question without "?".
# The seller's own telling ("Let me tell you about our grease") is not one.
_EN_REQUEST = re.compile(
    r"^(?:(?:so|and|ok(?:ay)?|now|first|then|also|finally|right|please)[,:]? )*(?:please )?"
    r"(?:(?:tell|show|give) me\b|walk me (?:through|round|around)|talk me (?:through|round)|take me through|"
    r"help me (?:understand|see|picture)|explain\b|describe\b|run me through|fill me in|share (?:with me )?(?:how|what|why|when|where|which|who|whether|if|a bit|some)|"
    r"(?:i'd|i would|i want to|i'm keen to|i am keen to|i'm trying to|we'd|we would) (?:\w+ )?(?:like to |love to )?"
    r"(?:understand|know|learn|hear|ask|get a (?:sense|feel|picture))\b|"
    r"i(?:'m| am) (?:curious|wondering|interested to (?:know|hear)|keen to (?:know|hear|understand))\b|"
    r"i wonder\b|let me ask\b|can i ask\b|may i ask\b)"
)
_ZH_REQUEST = re.compile(
    r"^(?:那|那么|好的?|先|再|最后|另外|还有)?[，,]?(?:请您?|麻烦您?|劳驾)?"
    r"(?:我想|我很想|我希望|想|我们想)?(?:先|再)?(?:了解|知道|请教|问问|问一下|听听|弄清楚|搞清楚)|"
    r"^(?:那|那么|好的?|先|再|最后|另外|还有)?[，,]?(?:请您?|麻烦您?|您|你)?(?:先|再|能)?(?:跟我|给我|帮我|和我)?"
    r"(?:说说|讲讲|谈谈|聊聊|介绍一下|描述一下|解释一下|讲一下|说一下|说明一下|举个例子)|请问|我很好奇|想请您"
)

# weight of the frame "if ... (a problem / the problem solved)"
_IF_WEIGHT = 4

# when two types score the same, the more specific (later-stage) type wins
_TIE_ORDER = ("I", "N", "P", "S")


@dataclass(frozen=True)
class Classification:
    """A question's SPIN type and the cues that decided it.

    ``type`` is one of ``'S'``, ``'P'``, ``'I'``, ``'N'``; ``reasons`` are
    human-readable cues, strongest first, then the tally, in the current language
    (:func:`kamlib.set_language`; ``explain(language)`` for a given one); ``scores`` the
    summed weight per type; ``language`` the question's language.
    """

    text: str
    type: str
    explained: tuple[Text, ...] = ()
    scores: dict[str, int] = field(default_factory=dict)
    language: str = "en"

    @property
    def reasons(self) -> list[str]:
        """The cues that decided, strongest first, then the tally (current language)."""
        return self.explain()

    def explain(self, language: str | None = None) -> list[str]:
        """``reasons`` in ``language`` ('en' or 'zh'; default: the current one)."""
        return [reason.get(language) for reason in self.explained]

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
    if len(stripped) > MAX_CHARS:
        raise ValueError(f"{name} must be at most {MAX_CHARS:,} characters (one question), got {len(stripped):,}")
    return stripped


def question_language(text: str) -> str:
    """``'zh'`` when ``text`` contains Chinese characters, else ``'en'``.

    >>> question_language("你们的空压机油多久换一次？"), question_language("Any issues?")
    ('zh', 'en')
    """
    return "zh" if _CJK.search(_check_text(text)) else "en"


def is_question(text: str) -> bool:
    """True when ``text`` reads as a question: a question mark (``?`` or ``？``),
    an English interrogative opening (how, what, do, are, would, ...), a Chinese
    interrogative form (吗, 什么, 多少, 是否, 有没有, ...), or a request that asks the
    buyer to tell ("Tell me a bit about ...", "Walk me through ...", "I'd like to
    understand ...", "我想了解一下……", "请您说说……"): trainees ask those too.

    >>> is_question("How many trucks run on site")
    True
    >>> is_question("Our grease is fully synthetic.")
    False
    >>> is_question("现场有多少台矿卡")
    True
    >>> [is_question(t) for t in ("Tell me a bit about your kiln drives.", "Walk me through a filter change.",
    ...                           "I'd like to understand how the oil is sampled.", "我想了解一下换油的流程。",
    ...                           "请您说说齿轮箱的情况。")]
    [True, True, True, True, True]
    >>> [is_question(t) for t in ("Our grease lasts longer.", "Let me tell you about our grease.",
    ...                           "I'd like to show you our new grease.", "我们的润滑脂更耐用。")]
    [False, False, False, False]
    """
    stripped = _check_text(text)
    if "?" in stripped or "？" in stripped:
        return True
    lowered = stripped.lower().replace("’", "'")
    if _EN_INTERROGATIVE.match(lowered) or _EN_REQUEST.match(lowered):
        return True
    return bool(_ZH_INTERROGATIVE.search(stripped) or _ZH_REQUEST.search(stripped))


def _names(type_: str) -> str:
    return TYPE_NAMES[type_]


def _zh_names(type_: str) -> str:
    return Text.term(TYPE_KEYS[type_]).zh or TYPE_NAMES[type_]


def _polarity(clause: str, improved: re.Pattern, symptom: re.Pattern) -> tuple[str, str] | None:
    """('N', word) when a clause describes the problem solved or a better state, ('I', word)
    when it describes the problem, else None. "Solved" is read first: "if trips stopped"."""
    found = improved.search(clause)
    if found:
        return "N", found.group(0)
    found = symptom.search(clause)
    return ("I", found.group(0)) if found else None


def _frames_en(t: str, fired: set[str]) -> list[tuple[str, str, int]]:
    """The structural cues of an English question: (type, how it is shown, weight)."""
    frames = []
    for match in _EN_IF.finditer(t):
        side = _polarity(match.group(1), _EN_IMPROVED, _EN_PROBLEM_RE)
        if side is None:
            continue
        kind, word = side
        frames.append(("N", f'if … the problem solved ("{word}"): asks what it would bring', 4) if kind == "N"
                      else ("I", f'if … a problem ("{word}"): asks what follows', 4))
        break
    if not frames:
        for match in _EN_WHEN.finditer(t):
            found = _EN_SYMPTOM_RE.search(match.group(1))
            rest = t[:match.start()] + t[match.end():]
            if found and not (_EN_YES_NO.search(rest) and _EN_PROBLEM_RE.search(rest)):
                frames.append(("I", f'when/after … a problem ("{found.group(0)}"): asks what follows', 3))
                break
    if not frames and _EN_HYPOTHETICAL.search(t):
        side = _polarity(_EN_HYPOTHETICAL.sub(" ", t), _EN_IMPROVED, _EN_SYMPTOM_RE)
        if side is not None:
            kind, word = side
            frames.append(("N", f'would … a better state ("{word}"): the value of a solution', 2) if kind == "N"
                          else ("I", f'would … a problem ("{word}"): a consequence', 2))
    if _EN_YES_NO.search(t) and "P" in fired and not fired & {"I", "N"} and not frames:
        frames.append(("P", "yes/no question about a symptom or dissatisfaction", 2))
    elif _EN_ONGOING.search(t) and not fired & {"I", "N", "S"} and not frames:
        frames.append(("P", "yes/no about an ongoing state (is/are … -ing)", 2))
    return frames


def _frames_zh(t: str, fired: set[str]) -> list[tuple[str, str, int]]:
    """The structural cues of a Chinese question: (type, how it is shown, weight)."""
    frames = []
    for match in _ZH_IF.finditer(t):
        side = _polarity(match.group(1), _ZH_IMPROVED, _ZH_SYMPTOM_RE)
        if side is None:
            continue
        kind, word = side
        frames.append(("N", f"如果…问题解决了（“{word}”）：问能带来什么", 4) if kind == "N"
                      else ("I", f"如果…出了问题（“{word}”）：问会怎样", 4))
        break
    if not frames:
        for match in _ZH_WHEN.finditer(t):
            clause = match.group(1) or match.group(2) or ""
            found = _ZH_SYMPTOM_RE.search(clause)
            rest = t[:match.start()] + t[match.end():]
            if found and not (_ZH_YES_NO.search(rest) and _ZH_PROBLEM_RE.search(rest)):
                frames.append(("I", f"一…就/…的时候 + 问题（“{found.group(0)}”）：问会怎样", 3))
                break
    if not frames:
        for match in _ZH_PRODUCT.finditer(t):
            found = _ZH_IMPROVED.search(match.group(1))
            if found:
                frames.append(("N", f"一种…（“{found.group(0)}”）的产品：问解决方案的价值", 3))
                break
    if not frames:
        head, comma, tail = (re.split(r"([，,])", t, maxsplit=1) + ["", ""])[:3]
        found = _ZH_SYMPTOM_RE.search(head)
        if comma and found and not _ZH_IMPROVED.search(head) and not _ZH_YES_NO.search(tail) and _ZH_WH.search(tail):
            frames.append(("I", f"先说问题（“{found.group(0)}”），再问多少/多久/什么：问后果", 3))
    if _ZH_YES_NO.search(t) and "P" in fired and not fired & {"I", "N"} and not frames:
        frames.append(("P", "是不是/有没有 + 症状：问有没有难点", 2))
    elif _ZH_CHANGE.search(t) and not fired & {"I", "N"} and not frames:
        frames.append(("P", "会不会…/是不是…了：问有没有出状况", 2))
    return frames


# --- the learned layer -----------------------------------------------------------------------
#
# A multinomial logistic regression over the question's n-grams (English word unigrams and
# bigrams after light suffix stripping; Chinese characters, character bigrams and trigrams) and the names
# of the rule cues and frames that fired, trained on the ``tune`` split of the bank only
# (:func:`train_weights`, plain Python, seeded: the same bank gives the same weights). The
# weights ship as ``kamlib/models/spin_selling/learned_weights.py``, generated by
# ``python -m tools.spin_model``; a test fails when they are out of date. A feature's weight for
# a type (centred on the four types' mean), times ``_LEARNED_WEIGHT``, adds to the rule score in
# one tally, and the largest contributions are named in ``reasons``
# ("learned cue “worth” → need-payoff (+1.9)").

_EN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
# settings, chosen by 5-fold cross-validation inside the tune split (python -m tools.spin_model --cv)
_LEARNED_WEIGHT = 2.0      # scale of the model's evidence in the tally (rule cues weigh 1-4)
_MIN_COUNT = 2             # a feature seen in fewer tune texts is dropped
_RULE_FEATURES = True      # the names of the fired rule cues and frames are features too
_EPOCHS, _RATE, _L2 = 15, 0.2, 1e-4
_SHOWN_CONTRIBUTION = 0.3  # learned cues smaller than this are not named in reasons


def _stem(word: str) -> str:
    """Light suffix stripping: leaks/leaked/leaking -> leak; batteries -> battery; 2 -> <n>."""
    if word.isdigit():
        return "<n>"
    word = word.removesuffix("'s")
    if len(word) > 4 and word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith(("ss", "us", "is")):
            return word[: -len(suffix)]
    return word


def _features(lowered: str, language: str, names: Sequence[str] = (), frames: Sequence[tuple] = ()) -> set[str]:
    """The learned layer's features of a normalised question (a set: each counts once)."""
    out = set()
    if language == "zh":
        for run in _CJK_RUN.findall(lowered):
            out.update(run)
            out.update(run[i:i + 2] for i in range(len(run) - 1))
            out.update(run[i:i + 3] for i in range(len(run) - 2))
    else:
        words = ["<s>", *(_stem(w) for w in _EN_WORD.findall(lowered))]
        out.update(words[1:])
        out.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    if _RULE_FEATURES:
        out.update(f"rule: {name}" for name in names)
        out.update(f"rule: frame {type_}" for type_, _, _ in frames)
    return out


def _training_texts(questions: Iterable[SpinQuestion]) -> list[tuple[frozenset[str], int]]:
    rows = []
    for q in questions:
        for text in (q.en, q.zh):
            if text:
                language = "zh" if _CJK.search(text) else "en"
                lowered = _normalise(text)
                _, _, names, frames, _ = _rules(lowered, language)
                rows.append((frozenset(_features(lowered, language, names, frames)), SPIN_TYPES.index(q.type)))
    return rows


def train_weights(questions: Iterable[SpinQuestion], min_count: int | None = None, epochs: int | None = None,
                  rate: float | None = None, l2: float | None = None) -> dict[str, tuple[float, ...]]:
    """Train the learned layer on ``questions`` (their English and Chinese texts): a multinomial
    logistic regression by stochastic gradient descent, in plain Python, with a fixed seed.

    Returns ``{feature: (S, P, I, N)}``: weights centred on their mean, rounded to 3 decimals;
    ``"<bias>"`` is the intercept. Features in fewer than ``min_count`` texts are left out.

    >>> bank = [SpinQuestion("q1", "N", "mining", "t", "Would that be worth it?", None, "tune"),
    ...         SpinQuestion("q2", "S", "mining", "t", "How many trucks run?", None, "tune")]
    >>> weights = train_weights(bank, min_count=1)
    >>> weights["worth"][3] > 0 > weights["worth"][0]
    True
    """
    from math import exp
    from random import Random

    min_count = _MIN_COUNT if min_count is None else min_count
    epochs = _EPOCHS if epochs is None else epochs
    rate = _RATE if rate is None else rate
    l2 = _L2 if l2 is None else l2
    rows = _training_texts(questions)
    seen: dict[str, int] = {}
    for features, _ in rows:
        for feature in features:
            seen[feature] = seen.get(feature, 0) + 1
    rows = [(sorted(f for f in features if seen[f] >= min_count) + ["<bias>"], label) for features, label in rows]
    weights: dict[str, list[float]] = {}
    order = list(range(len(rows)))
    random = Random(12)
    for _ in range(epochs):
        random.shuffle(order)
        for i in order:
            features, label = rows[i]
            vectors = [weights.setdefault(f, [0.0, 0.0, 0.0, 0.0]) for f in features]
            z = [sum(v[k] for v in vectors) for k in range(4)]
            top = max(z)
            e = [exp(x - top) for x in z]
            total = sum(e)
            gradient = [e[k] / total - (k == label) for k in range(4)]
            for v in vectors:
                for k in range(4):
                    v[k] -= rate * (gradient[k] + l2 * v[k])
    out = {}
    for feature in sorted(weights):
        w = weights[feature]
        mean = sum(w) / 4
        out[feature] = tuple(round(x - mean, 3) + 0.0 for x in w)
    return out


class _Model:
    """The learned layer: centred weights per feature (see :func:`train_weights`), scaled."""

    def __init__(self, weights: dict[str, tuple[float, ...]], scale: float = _LEARNED_WEIGHT):
        self.weights = weights
        self.scale = scale

    def evidence(self, features: Iterable[str]) -> tuple[dict[str, float], list[tuple[str, str, float]]]:
        """The summed evidence per type, and (feature, type, contribution) for every positive one."""
        features = sorted(features)  # contributions in a stable order
        contributions = [(feature, SPIN_TYPES[i], self.scale * value)
                         for feature in features for i, value in enumerate(self.weights.get(feature, ())) if value > 0]
        return self.totals(features), contributions

    def totals(self, features: Iterable[str]) -> dict[str, float]:
        """The summed evidence per type. ``math.fsum`` makes the sum exact, so it does not depend
        on the order of ``features`` (a set's order follows the process's string hashing, which
        let a tally shown to one decimal differ between two kernels)."""
        rows = [self.weights.get("<bias>", (0.0, 0.0, 0.0, 0.0)), *filter(None, map(self.weights.get, features))]
        return {t: self.scale * math.fsum(column) for t, column in zip(SPIN_TYPES, zip(*rows, strict=True), strict=True)}


def _telling(feature: str) -> bool:
    """A learned n-gram worth showing a trainee: not one Chinese character on its own (的, 不),
    which counts in the tally but explains nothing."""
    shown = _shown_feature(feature).strip("^#")
    return not (len(shown) == 1 and _CJK.match(shown))


def _shown_feature(feature: str) -> str:
    return feature.replace("<s> ", "^").replace("<n>", "#").removeprefix("rule: ")


@functools.cache
def _default_model() -> _Model:
    from kamlib.models.spin_selling.learned_weights import SPIN_LEARNED_WEIGHTS as WEIGHTS

    return _Model(WEIGHTS)


def classify_question(text: str) -> Classification:
    """Classify one question as S, P, I or N, with the cues that decided it.

    Parameters
    ----------
    text : str
        A question in English or Chinese, at most 2,000 characters. It must read as a
        question: a question mark, an interrogative opening (how, what, are, would, ...)
        or a Chinese interrogative form (吗, 什么, 多少, 是否, ...).

    Returns
    -------
    Classification
        ``.type`` in ``SPIN_TYPES`` and ``.reasons``, the cues that decided it: word
        cues (a family of words, with the words matched) and frames (the shape of the
        question: a yes/no about a symptom, a condition that names a problem, a
        condition that names the problem solved), then the learned cues that pushed
        hardest to the winner and the tally (``.scores``: rule weights plus learned
        evidence, per type). A question where no problem, implication or need-payoff
        evidence is strong enough counts as a situation question, and ``reasons`` says so.

    Examples
    --------
    >>> c = classify_question("Are you satisfied with gearbox oil life?")
    >>> c.type, c.reasons[0]
    ('P', 'cue "satisfied" (dissatisfaction) points to problem (+3)')
    >>> classify_question("Does the girth gear run hotter than you'd like?").type
    'P'
    >>> c = classify_question("If the pinion pits, how long is the kiln down?")
    >>> c.type, c.reasons[0]
    ('I', 'frame "if … a problem ("pits"): asks what follows" points to implication (+4)')
    >>> classify_question("Who else would gain if the filters lasted a full service interval?").type
    'N'
    >>> classify_question("How many haul trucks run, and on what drain interval?").type
    'S'
    >>> classify_question("窑意外停机一天会给你们造成多少损失？").type
    'I'
    >>> print(classify_question("Where is the plant?").reasons[-1])
    no problem, implication or need-payoff cue fired, and the learned cues for problem, implication or
    need-payoff are not strong enough: a question that only asks for facts counts as situation
    >>> classify_question("   ")
    Traceback (most recent call last):
    ...
    ValueError: text must be a non-empty question, got '   '
    >>> classify_question("Our grease lasts longer.")
    Traceback (most recent call last):
    ...
    ValueError: text must be a question (end with '?' or '？', or open with how/what/which/do/are/would..., or use 吗/什么/多少/是否...), got 'Our grease lasts longer.'
    """
    return _classify(_checked_question(text), _default_model())


def _checked_question(text: str) -> str:
    stripped = _check_text(text)
    if not is_question(stripped):
        shown = stripped if len(stripped) <= 80 else stripped[:77] + "..."
        raise ValueError(
            "text must be a question (end with '?' or '？', or open with how/what/which/do/are/"
            f"would..., or use 吗/什么/多少/是否...), got {shown!r}"
        )
    return stripped


def _question_type(text: str) -> str:
    """``classify_question(text).type`` without building its reasons (scoring a whole bank)."""
    stripped = _checked_question(text)
    language = "zh" if _CJK.search(stripped) else "en"
    lowered = _normalise(stripped)
    scores, _, names, frames, _ = _rules(lowered, language)
    model = _default_model()
    evidence = model.totals(_features(lowered, language, names, frames))
    return _winner({t: round(scores[t] + evidence[t], 1) for t in SPIN_TYPES})


def _winner(tally: dict[str, float]) -> str:
    """The type with the highest (rounded) tally; a tie goes to the later SPIN stage."""
    best = max(tally.values())
    return next(t for t in _TIE_ORDER if tally[t] == best)


def _normalise(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("‘", "'").split())


def _rules(lowered: str, language: str):
    """The rule evidence of a normalised question: (scores, hits, fired cue names, frames, premise)."""
    cues = _ZH_CUES + _EN_CUES if language == "zh" else _EN_CUES
    scores = dict.fromkeys(SPIN_TYPES, 0)
    hits: list[tuple] = []
    fired: set[str] = set()
    names: list[str] = []
    for order, cue in enumerate(cues):
        found = cue.pattern.search(lowered)
        if found:
            scores[cue.type] += cue.weight
            fired.add(cue.type)
            names.append(cue.name)
            hits.append((-cue.weight, order, "cue", (found.group(0).strip(), cue.name, cue.type, cue.weight)))
    frames = _frames_zh(lowered, fired) if language == "zh" else _frames_en(lowered, fired)
    premise = bool(any(type_ in ("I", "N") for type_, _, _ in frames) and scores["P"])
    if premise:  # "if trips from oil problems stopped, ...": the problem words are the condition's premise
        scores["P"] = 0
    for order, (type_, shown, weight) in enumerate(frames):
        scores[type_] += weight
        hits.append((-weight, -1 - order, "frame", (shown, type_, weight)))
    return scores, hits, names, frames, premise


def _classify(stripped: str, model: _Model | None) -> Classification:
    """Rules + the learned layer (``model``; None: rules only) in one tally."""
    language = "zh" if _CJK.search(stripped) else "en"
    lowered = _normalise(stripped)
    scores, hits, names, frames, premise = _rules(lowered, language)
    reasons = [_reason(kind, detail, premise) for _, _, kind, detail in sorted(hits, key=lambda hit: hit[:2])]
    rule_fired = any(scores[t] for t in ("P", "I", "N"))
    if model is None:
        tally = {t: float(scores[t]) for t in SPIN_TYPES}
        if not rule_fired:  # rules alone: S is the fallback when no P/I/N cue fired
            tally["S"] = max(tally["S"], 1.0)
    else:
        evidence, contributions = model.evidence(_features(lowered, language, names, frames))
        tally = {t: scores[t] + evidence[t] for t in SPIN_TYPES}
        winner = _winner(tally)
        # the learned n-grams that pushed hardest to the winner, then what the model learned to
        # give the rule cues that fired (how far the tune split says they can be trusted)
        shown = sorted((c for c in contributions if c[1] == winner and c[2] >= _SHOWN_CONTRIBUTION
                        and not c[0].startswith("rule: ") and _telling(c[0])), key=lambda c: (-c[2], c[0]))[:3]
        for feature, type_, weight in shown:
            reasons.append(Text(f"learned cue “{_shown_feature(feature)}” → {_names(type_)} (+{weight:.1f})",
                                f"学到的提示“{_shown_feature(feature)}” → {_zh_names(type_)}（+{weight:.1f}）"))
        trust = sum(c[2] for c in contributions if c[1] == winner and c[0].startswith("rule: "))
        if trust >= _SHOWN_CONTRIBUTION:
            reasons.append(Text(f"learned weight of the rule cues that fired → {_names(winner)} (+{trust:.1f})",
                                f"学到的已触发规则提示的权重 → {_zh_names(winner)}（+{trust:.1f}）"))
    tally = {t: round(v, 1) for t, v in tally.items()}
    best = max(tally.values())
    tied = [t for t in _TIE_ORDER if tally[t] == best]
    if model is not None or rule_fired:
        reasons.append(Text("scores: " + ", ".join(f"{_names(t)} {_number(tally[t])}" for t in SPIN_TYPES),
                            "得分：" + "，".join(f"{_zh_names(t)} {_number(tally[t])}" for t in SPIN_TYPES)))
        if len(tied) > 1:
            reasons.append(Text(f"tie between {' and '.join(map(_names, tied))}: the later SPIN stage wins",
                                f"{'与'.join(map(_zh_names, tied))}同分：取 SPIN 流程中靠后的一类"))
    if tied[0] == "S" and not rule_fired:
        learned = ("" if model is None else
                   ", and the learned cues for problem, implication or need-payoff are not strong enough")
        learned_zh = "" if model is None else "，学到的探究性、暗示性或解决性提示也不够强"
        reasons.append(Text((("no problem, implication or need-payoff cue fired" if hits else "no cue fired")
                             + learned + ": a question that only asks for facts counts as situation"),
                            ("没有探究性、暗示性或解决性提示词" if hits else "没有任何提示词")
                            + learned_zh + "：只问事实的问题算作情境性问题"))
    elif tied[0] == "S":
        reasons.append(Text("no problem, implication or need-payoff evidence strong enough: a question that "
                            "only asks for facts counts as situation",
                            "探究性、暗示性或解决性的证据都不够强：只问事实的问题算作情境性问题"))
    return Classification(stripped, tied[0], tuple(reasons), tally, language)


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _reason(kind: str, detail: tuple, premise: bool) -> Text:
    """One decided cue or frame as a bilingual reason."""
    if kind == "frame":
        shown, type_, weight = detail
        return Text(f'frame "{shown}" points to {_names(type_)} (+{weight})',
                    f"句式“{shown}”指向{_zh_names(type_)}（+{weight}）")
    word, family, type_, weight = detail
    if premise and type_ == "P":
        return Text(f'cue "{word}" ({family}) is the premise of the condition, not counted',
                    f"提示词“{word}”（{family}）是条件的前提，不计分")
    return Text(f'cue "{word}" ({family}) points to {_names(type_)} (+{weight})',
                f"提示词“{word}”（{family}）指向{_zh_names(type_)}（+{weight}）")


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
    """How well the classifier labels a set of questions.

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

    def per_type_precision(self) -> dict[str, float]:
        """For each predicted type, the share that truly is of that type (0 when never predicted)."""
        out = {}
        for t in SPIN_TYPES:
            column = sum(self.confusion[true][t] for true in SPIN_TYPES)
            out[t] = self.confusion[t][t] / column if column else 0.0
        return out

    def per_type_f1(self) -> dict[str, float]:
        """For each type, the harmonic mean of its precision and recall."""
        precision, recall = self.per_type_precision(), self.per_type_recall()
        return {t: 2 * precision[t] * recall[t] / (precision[t] + recall[t]) if precision[t] + recall[t] else 0.0
                for t in SPIN_TYPES}

    @property
    def macro_f1(self) -> float:
        """The unweighted mean of the four types' F1, 0-1 (each type counts the same)."""
        return sum(self.per_type_f1().values()) / len(SPIN_TYPES)

    def heading(self, language: str | None = None) -> str:
        """Which questions, in which language: ``'held-out questions, English'`` / ``'留出题，中文'``.

        In ``language`` (``'en'`` or ``'zh'``; default: kamlib's current one), with the
        glossary's names for the split and the language.

        >>> report = ClassifierReport("tune", "zh", 4, 3, {t: dict.fromkeys(SPIN_TYPES, 0) for t in SPIN_TYPES}, [])
        >>> report.heading("en"), report.heading("zh")
        ('tune questions, Chinese', '调规则用的题，中文')
        """
        language = get_language() if language is None else check_language(language)
        key = _SPLIT_TERMS.get(self.split)
        split = Text.term(key).get(language) if key else str(self.split)
        name = Text.term(f"language_{self.language}").get(language) if self.language in ("en", "zh") \
            else str(self.language)
        return f"{split}，{name}" if language == "zh" else f"{split}, {name}"

    def summary(self, language: str | None = None) -> str:
        """One line: :meth:`heading`, accuracy (right of all) and macro-F1, in ``language``
        (``'en'`` or ``'zh'``; default: kamlib's current one).

        >>> confusion = {t: dict.fromkeys(SPIN_TYPES, 0) for t in SPIN_TYPES}
        >>> confusion["S"]["S"], confusion["P"]["S"] = 3, 1
        >>> report = ClassifierReport("heldout", "en", 4, 3, confusion, [])
        >>> report.summary("en")
        'held-out questions, English: accuracy 75.0% (3 of 4), macro-F1 0.21'
        >>> report.summary("zh")
        '留出题，英文：准确率 75.0%（3/4），宏平均F1 0.21'
        """
        language = get_language() if language is None else check_language(language)
        accuracy, macro_f1 = Text.term("spin_accuracy").get(language), Text.term("spin_macro_f1").get(language)
        if language == "zh":
            return (f"{self.heading(language)}：{accuracy} {self.accuracy:.1%}（{self.correct}/{self.n}），"
                    f"{macro_f1} {self.macro_f1:.2f}")
        return (f"{self.heading(language)}: {accuracy} {self.accuracy:.1%} ({self.correct} of {self.n}), "
                f"{macro_f1} {self.macro_f1:.2f}")

    def __str__(self) -> str:
        recall, precision, f1 = self.per_type_recall(), self.per_type_precision(), self.per_type_f1()
        zh = get_language() == "zh"
        title = self.summary()
        corner, recall_name, precision_name = (("实际 \\ 判为", "召回率", "精确率") if zh else
                                               ("true \\ predicted", "recall", "precision"))
        lines = [title, f"{corner:>17}" + "".join(f"{t:>6}" for t in SPIN_TYPES) + f"  {recall_name}"]
        for t in SPIN_TYPES:
            lines.append(f"{t:>17}" + "".join(f"{self.confusion[t][p]:>6}" for p in SPIN_TYPES) + f"{recall[t]:>8.2f}")
        lines.append(f"{precision_name:>17}" + "".join(f"{precision[t]:>6.2f}" for t in SPIN_TYPES))
        lines.append(f"{'F1':>17}" + "".join(f"{f1[t]:>6.2f}" for t in SPIN_TYPES))
        return "\n".join(lines)


_SPLITS = ("heldout", "heldout-old", "heldout-v3", "tune", "all")
# glossary ids of the splits' names (ClassifierReport.heading)
_SPLIT_TERMS = {"heldout": "spin_split_heldout", "heldout-old": "spin_split_heldout_old",
                "heldout-v3": "spin_split_heldout_v3", "tune": "spin_split_tune", "all": "spin_split_all"}


def _in_split(q: SpinQuestion, split: str) -> bool:
    if split == "all":
        return True
    name, _, part = split.partition("-")
    if q.split != name:
        return False
    return not part or (q.part == "v3") == (part == "v3")


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
    split : {'heldout', 'heldout-old', 'heldout-v3', 'tune', 'all'}
        Which questions to score. Report ``'heldout'``: neither the rules nor the learned
        layer were fitted on it. ``'heldout-v3'`` is its frozen part v3 (``part == 'v3'``),
        ``'heldout-old'`` the rest (the v1 and v2 parts).
    language : {'en', 'zh'}
        Score the English text, or the Chinese text of the questions that have one.

    Examples
    --------
    >>> from kamlib import load_spin_questions
    >>> report = evaluate_classifier(load_spin_questions(), split="heldout", language="en")
    >>> report.n, 0 <= report.macro_f1 <= 1, sorted(report.per_type_precision()) == sorted(SPIN_TYPES)
    (304, True, True)
    >>> sorted(report.confusion) == sorted(SPIN_TYPES)
    True
    """
    if split not in _SPLITS:
        raise ValueError(f"split must be one of {', '.join(map(repr, _SPLITS))}, got {split!r}"[:300])
    check_language(language)
    if isinstance(questions, (str, bytes)) or not isinstance(questions, Iterable):
        raise TypeError(f"questions must be a list of SpinQuestion, got {type(questions).__name__}")
    confusion = {t: dict.fromkeys(SPIN_TYPES, 0) for t in SPIN_TYPES}
    misses, n, correct = [], 0, 0
    for q in questions:
        if not isinstance(q, SpinQuestion):
            raise TypeError(f"questions must hold SpinQuestion objects, got {type(q).__name__}")
        if not _in_split(q, split):
            continue
        text = q.text(language)
        if text is None:
            continue
        predicted = _question_type(text)
        confusion[q.type][predicted] += 1
        n += 1
        if predicted == q.type:
            correct += 1
        else:
            misses.append((q.id, q.type, predicted, text))
    if n == 0:
        raise ValueError(f"no questions with {language} text in split {split!r}")
    return ClassifierReport(split, language, n, correct, confusion, misses)


def classifier_scores(
    questions: Iterable[SpinQuestion],
    splits: Sequence[str] = ("tune", "heldout"),
    languages: Sequence[str] = ("en", "zh"),
) -> list[ClassifierReport]:
    """One :class:`ClassifierReport` per split and language, in that order: the table the
    lecture shows (tune beside held-out, English beside Chinese).

    Each report has ``accuracy``, ``macro_f1``, ``per_type_precision()``,
    ``per_type_recall()`` and ``per_type_f1()``. Only the held-out numbers are evidence:
    the rules were written while reading the tune split, and the learned layer was trained
    on it. ``splits`` may also name the held-out parts, ``'heldout-old'`` and ``'heldout-v3'``.

    Examples
    --------
    >>> from kamlib import load_spin_questions
    >>> reports = classifier_scores(load_spin_questions())
    >>> [(r.split, r.language) for r in reports]
    [('tune', 'en'), ('tune', 'zh'), ('heldout', 'en'), ('heldout', 'zh')]
    >>> all(r.accuracy >= 0.7 and r.macro_f1 >= 0.7 for r in reports)
    True
    >>> classifier_scores(load_spin_questions(), splits=("test",))
    Traceback (most recent call last):
    ...
    ValueError: splits entries must be one of heldout, heldout-old, heldout-v3, tune, all; got 'test'
    """
    if isinstance(questions, (str, bytes)) or not isinstance(questions, Iterable):
        raise TypeError(f"questions must be a list of SpinQuestion, got {type(questions).__name__}")
    questions = list(questions)
    for name, value, allowed in (("splits", splits, _SPLITS), ("languages", languages, ("en", "zh"))):
        if isinstance(value, str) or not isinstance(value, Sequence) or not value:
            raise TypeError(f"{name} must be a non-empty list of str, got {type(value).__name__}")
        for item in value:
            if not isinstance(item, str) or item not in allowed:
                raise ValueError(f"{name} entries must be one of {', '.join(allowed)}; got {str(item)[:40]!r}")
    return [evaluate_classifier(questions, split, language) for split in splits for language in languages]


# --- needs and FAB ----------------------------------------------------------------------------

_EXPLICIT = re.compile(
    r"\b(we|i) (really )?(need|want|must have|would like)\b|\b(we|i)'d like\b|"
    r"\b(we|i)('m|'re| am| are) (looking for|after)\b|\bwhat we want\b|\bideally\b"
)


_EXPLICIT_ZH = re.compile(r"(我们|我)(真的|就|一直|现在)?(需要|想要|要求|希望|必须|得要)|(我们|我)(在|正在)找|最好(能|是)|理想的")


def need_label(text: str) -> str:
    """``'explicit'`` when a buyer states a specific want ("we need", "I want",
    "we're looking for", 我们需要, 我们希望, ...), otherwise ``'implied'`` (a problem or
    dissatisfaction).

    >>> need_label("The grease on the girth gear disappears faster every year.")
    'implied'
    >>> need_label("We need a grease that lasts a full kiln campaign.")
    'explicit'
    >>> need_label("大齿圈上的润滑脂一年比一年消耗得快。"), need_label("我们需要一种能撑过整个窑期的润滑脂。")
    ('implied', 'explicit')
    """
    lowered = _check_text(text).lower().replace("’", "'")
    explicit = _EXPLICIT_ZH if _CJK.search(lowered) else _EXPLICIT
    return "explicit" if explicit.search(lowered) else "implied"


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


_REFERENCE_ZH = re.compile(r"您(刚才|之前|上次)?(说|提到|讲|要求|希望|想要|需要)|正如您|满足您|符合您|您要的|您想要的|您需要的")
_ADVANTAGE_ZH = re.compile(r"所以|因此|能够|可以|让您|帮您|帮助|减少|节省|降低|延长|避免|从而|不用|无需|省去")
_STOP_ZH = {"我们", "你们", "您的", "这个", "一种", "这款", "一个", "就是", "还是", "已经", "可以", "需要", "想要", "希望"}


def _stems(text: str) -> set[str]:
    """Content words (English, first five letters) and Chinese character pairs."""
    lowered = text.lower().replace("’", "'")
    words = re.findall(r"[a-z][a-z0-9-]+", lowered)
    pairs = {run[i:i + 2] for run in _CJK_RUN.findall(lowered) for i in range(len(run) - 1)}
    return {w[:5] for w in words if w not in _STOP and len(w) > 2} | (pairs - _STOP_ZH)


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
    >>> [fab_label(s, ["我们需要一种零下三十度还能泵送的润滑脂。"]) for s in (
    ...     "这是一款锂基复合润滑脂。", "它的换油周期更长，所以停机更少。",
    ...     "您刚才说需要零下三十度还能泵送的润滑脂：这款正好能做到。")]
    ['feature', 'advantage', 'benefit']
    """
    text = _check_text(statement, "statement")
    if isinstance(explicit_needs, str) or not isinstance(explicit_needs, Iterable):
        raise TypeError(f"explicit_needs must be a list of str, got {type(explicit_needs).__name__}")
    needs = [_check_text(n, "explicit_needs item") for n in explicit_needs]
    lowered = text.lower().replace("’", "'")
    words = _stems(text)
    chinese = bool(_CJK.search(lowered))
    reference, advantage = (_REFERENCE_ZH, _ADVANTAGE_ZH) if chinese else (_REFERENCE, _ADVANTAGE)
    for need in needs:
        overlap = len(words & _stems(need))
        if overlap >= 3 or (overlap >= 1 and reference.search(lowered)):
            return "benefit"
    return "advantage" if advantage.search(lowered) else "feature"
