"""Exercise 10, *SPIN selling* (SPIN销售法): the questions, declared once.

Each trainee gets their own material (:func:`variant`): three of the six accounts in
``kamlib/data/spin_exercise.yaml`` (one for each of q1, q2, q3, in a mixed order) and
one of the role-play buyers for q4. The answers are a salesperson's judgements:

* q1 -- label your eight prepared questions S/P/I/N, and say which one you ask next,
  given what the buyer has just said;
* q2 -- in a call transcript, the buyer's first explicit need and the turn where the
  implied need it grew from first came up;
* q3 -- for three things the buyer may have said, the statement that is a benefit in
  Rackham's sense, or ``"none"``;
* q4 -- a call script, replayed by the grader through a fresh role-play buyer.

kamlib is the calculator (``classify_question``, ``need_label``, ``fab_label``,
:func:`replay`); none of them gives these answers. **No label or answer lives here or
in the data**: the grader marks the answers against the instructor's key
(``exercises/keys/ex10_spin_selling.py``). The self-checks catch a malformed answer and
answers that contradict themselves; they never know the right answer.

>>> my = variant("demo")
>>> len(my.q1.questions), len({my.q1.account.id, my.q2.account.id, my.q3.account.id})
(8, 3)
>>> q2.evaluate({"first_explicit": "B2", "grew_from": "B2"}, trainee="demo", keys=False).outcome
'not yet'
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

from kamlib.checks.framework import (
    Labels,
    Lines,
    Mistake,
    OneOf,
    Parts,
    Question,
    trainee_id,
    variant_rng,
)
from kamlib.models.spin_selling.classifier import SPIN_TYPES, is_question
from kamlib.models.spin_selling.roleplay import is_real_question, is_rude
from kamlib.text import Text

__all__ = ["EXERCISE", "NONE", "Item", "Turn", "Account", "Brief", "accounts", "briefs",
           "NextQuestion", "Transcript", "Pitch", "Roleplay", "Variant", "variant", "replay",
           "q1", "q2", "q3", "q4", "QUESTIONS", "try_it"]

EXERCISE = "ex10_spin_selling"
#: q3's answer for a moment where no statement is a benefit yet.
NONE = "none"
MAX_LINES = 12


# --- the material ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    """A question, a buyer's words or a seller's statement, with its neutral id."""

    id: str
    text: Text


@dataclass(frozen=True)
class Turn:
    """One exchange of a call: what the seller said, then what the buyer answered."""

    seller: Text
    buyer: Text


@dataclass(frozen=True, repr=False)
class Account:
    """An account of the exercise (fictional) and its material for q1, q2 and q3."""

    id: str
    sector: str
    company: Text
    buyer: Text
    questions: tuple[Item, ...]
    moments: tuple[Item, ...]
    call: tuple[Turn, ...]
    said: tuple[Item, ...]
    statements: tuple[Item, ...]

    def __repr__(self) -> str:
        return f"Account({self.id!r}, {self.sector!r})"


@dataclass(frozen=True)
class Brief:
    """q4: a role-play scenario and the manager's brief for the call."""

    scenario: str
    brief: Text


def _text(record, where: str) -> Text:
    from kamlib.data.schema import DataError

    if not isinstance(record, dict) or not all(isinstance(record.get(k), str) and record[k].strip()
                                               for k in ("en", "zh")):
        raise DataError(f"spin_exercise.yaml, {where}: expected {{en: text, zh: text}}, got {record!r}")
    return Text(record["en"].strip(), record["zh"].strip())


def _items(records, where: str) -> tuple[Item, ...]:
    from kamlib.data.schema import DataError, require_keys

    if not isinstance(records, list) or not records:
        raise DataError(f"spin_exercise.yaml, {where}: expected a non-empty list")
    items = []
    for i, record in enumerate(records, 1):
        require_keys(record, ("id", "en", "zh"), f"spin_exercise.yaml, {where} entry {i}")
        items.append(Item(str(record["id"]), _text(record, f"{where} entry {i}")))
    return tuple(items)


@lru_cache(maxsize=1)
def _material() -> tuple[tuple[Account, ...], tuple[Brief, ...]]:
    from kamlib.data.lubricant_industry import load_sectors
    from kamlib.data.schema import DataError, data_path, require_keys
    from kamlib.data.schema import read_yaml as load_yaml

    raw = load_yaml(data_path("spin_exercise.yaml"))
    require_keys(raw, ("accounts", "roleplay"), "spin_exercise.yaml")
    sectors = tuple(load_sectors())
    found, seen = [], set()
    for i, record in enumerate(raw["accounts"], 1):
        where = f"accounts entry {i}"
        require_keys(record, ("id", "sector", "company", "buyer", "questions", "moments", "call", "said",
                              "statements"), f"spin_exercise.yaml, {where}")
        if record["sector"] not in sectors:
            raise DataError(f"spin_exercise.yaml, {where}: sector must be one of {', '.join(sectors)}")
        call = []
        for j, turn in enumerate(record["call"], 1):
            require_keys(turn, ("seller", "buyer"), f"spin_exercise.yaml, {where}, call entry {j}")
            call.append(Turn(_text(turn["seller"], f"{where}, call {j}"), _text(turn["buyer"], f"{where}, call {j}")))
        account = Account(record["id"], record["sector"], _text(record["company"], where), _text(record["buyer"], where),
                          *(_items(record[k], f"{where}, {k}") for k in ("questions", "moments")), tuple(call),
                          *(_items(record[k], f"{where}, {k}") for k in ("said", "statements")))
        if len(account.questions) != 8 or len(account.said) < 3 or not account.call:
            raise DataError(f"spin_exercise.yaml, {where}: expected 8 questions, at least 3 'said' and a call")
        for item in (*account.questions, *account.moments, *account.said, *account.statements):
            if item.id in seen or item.id == NONE:
                raise DataError(f"spin_exercise.yaml, {where}: duplicate or reserved id {item.id!r}")
            seen.add(item.id)
        found.append(account)
    from kamlib.data.spin_selling import list_scenarios

    plays, scenarios = [], list_scenarios()
    for i, record in enumerate(raw["roleplay"], 1):
        require_keys(record, ("scenario", "brief"), f"spin_exercise.yaml, roleplay entry {i}")
        if record["scenario"] not in scenarios:
            raise DataError(f"spin_exercise.yaml, roleplay entry {i}: scenario must be one of {', '.join(scenarios)}")
        plays.append(Brief(record["scenario"], _text(record["brief"], f"roleplay entry {i}")))
    if len(found) < 3 or not plays:
        raise DataError("spin_exercise.yaml: expected at least 3 accounts and 1 role-play brief")
    return tuple(found), tuple(plays)


def accounts() -> tuple[Account, ...]:
    """The exercise's accounts (``kamlib/data/spin_exercise.yaml``)."""
    return _material()[0]


def briefs() -> tuple[Brief, ...]:
    """q4's role-play scenarios, each with the manager's brief."""
    return _material()[1]


# --- one trainee's variant -------------------------------------------------------------------------

def _esc(value) -> str:
    return html.escape(str(value))


def _head(account: Account) -> str:
    return f"{account.company}, {account.buyer}"


@dataclass(frozen=True, repr=False)
class NextQuestion:
    """q1: an account, what its buyer has just said, and your eight prepared questions."""

    account: Account
    moment: Item
    questions: tuple[Item, ...]

    @property
    def ids(self) -> list[str]:
        return [q.id for q in self.questions]

    def texts(self) -> dict[str, str]:
        """``{id: question}`` in the current language (for ``classify_question``)."""
        return {q.id: str(q.text) for q in self.questions}

    def __str__(self) -> str:
        lines = [f"q1 · {_head(self.account)}", f"{Text('The buyer has just said', '客户刚刚说')}: “{self.moment.text}”"]
        lines += [f"  {q.id}  {q.text}" for q in self.questions]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td><code>{_esc(q.id)}</code></td><td>{_esc(q.text)}</td></tr>" for q in self.questions)
        return (f"<p><b>q1 · {_esc(_head(self.account))}</b></p>"
                f"<p>{_esc(Text('The buyer has just said', '客户刚刚说'))}:</p>"
                f"<blockquote>{_esc(self.moment.text)}</blockquote>"
                f"<table><tr><th>id</th><th>{_esc(Text('your prepared question', '你准备的问题'))}</th></tr>"
                f"{rows}</table>")


@dataclass(frozen=True, repr=False)
class Transcript:
    """q2: a call, turn by turn: S1 (seller), B1 (buyer), S2, B2, ..."""

    account: Account

    @property
    def buyer_ids(self) -> list[str]:
        return [f"B{i}" for i in range(1, len(self.account.call) + 1)]

    def buyer(self) -> dict[str, str]:
        """``{turn id: what the buyer said}`` in the current language (for ``need_label``)."""
        return {f"B{i}": str(t.buyer) for i, t in enumerate(self.account.call, 1)}

    def seller(self) -> dict[str, str]:
        """``{turn id: what the seller said}`` in the current language."""
        return {f"S{i}": str(t.seller) for i, t in enumerate(self.account.call, 1)}

    def __str__(self) -> str:
        lines = [f"q2 · {_head(self.account)}"]
        for i, t in enumerate(self.account.call, 1):
            lines += [f"  S{i}  {Text('Seller', '销售')}: {t.seller}", f"  B{i}  {Text('Buyer', '客户')}: {t.buyer}"]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td><code>S{i}</code></td><td>{_esc(Text('seller', '销售'))}</td><td>{_esc(t.seller)}</td></tr>"
            f"<tr><td><code>B{i}</code></td><td><b>{_esc(Text('buyer', '客户'))}</b></td><td>{_esc(t.buyer)}</td></tr>"
            for i, t in enumerate(self.account.call, 1))
        return (f"<p><b>q2 · {_esc(_head(self.account))}</b></p>"
                f"<table><tr><th>{_esc(Text('turn', '回合'))}</th><th></th><th></th></tr>{rows}</table>")


@dataclass(frozen=True, repr=False)
class Pitch:
    """q3: three moments (what the buyer has just said, m1 to m3) and the statements you
    could make."""

    account: Account
    said: tuple[Item, ...]
    statements: tuple[Item, ...]

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.statements]

    @property
    def options(self) -> list[str]:
        """What each moment's answer may be: a statement id, or ``"none"``."""
        return [*self.ids, NONE]

    def moments(self) -> dict[str, str]:
        """``{"m1": what the buyer said, ...}`` in the current language."""
        return {f"m{i}": str(s.text) for i, s in enumerate(self.said, 1)}

    def texts(self) -> dict[str, str]:
        """``{id: statement}`` in the current language (for ``fab_label``)."""
        return {s.id: str(s.text) for s in self.statements}

    def __str__(self) -> str:
        lines = [f"q3 · {_head(self.account)}"]
        lines += [f"  m{i}  {Text('the buyer has just said', '客户刚刚说')}: “{s.text}”" for i, s in enumerate(self.said, 1)]
        lines += [f"  {s.id}  {s.text}" for s in self.statements]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        moments = "".join(f"<li><b>m{i}</b>: “{_esc(s.text)}”</li>" for i, s in enumerate(self.said, 1))
        rows = "".join(f"<tr><td><code>{_esc(s.id)}</code></td><td>{_esc(s.text)}</td></tr>" for s in self.statements)
        return (f"<p><b>q3 · {_esc(_head(self.account))}</b></p>"
                f"<p>{_esc(Text('Three moments: the buyer has just said', '三个时刻：客户刚刚说'))}</p><ul>{moments}</ul>"
                f"<table><tr><th>id</th><th>{_esc(Text('what you could say', '你可以说的话'))}</th></tr>{rows}</table>")


@dataclass(frozen=True, repr=False)
class Roleplay:
    """q4: the role-play buyer your call script is played to, and your manager's brief."""

    scenario: str
    brief: Text

    def __str__(self) -> str:
        return f"q4 · {self.scenario}: {self.brief}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return f"<p><b>q4 · <code>{_esc(self.scenario)}</code></b></p><p>{_esc(self.brief)}</p>"


@dataclass(frozen=True)
class Variant:
    """One trainee's material: ``my.q1`` ... ``my.q4``."""

    trainee: str
    q1: NextQuestion
    q2: Transcript
    q3: Pitch
    q4: Roleplay

    def __str__(self) -> str:
        return "\n\n".join(str(part) for part in (self.q1, self.q2, self.q3, self.q4))

    def __repr__(self) -> str:
        return (f"Variant(trainee={self.trainee!r}: q1 {self.q1.account.id}, q2 {self.q2.account.id}, "
                f"q3 {self.q3.account.id}, q4 {self.q4.scenario})")

    def _repr_html_(self) -> str:
        head = _esc(Text("Your variant", "你的题目版本"))
        return (f"<p><b>{head}</b> (trainee <code>{_esc(self.trainee)}</code>)</p>"
                + "<hr>".join(part._repr_html_() for part in (self.q1, self.q2, self.q3, self.q4)))


def variant(trainee: str | None = None) -> Variant:
    """The trainee's material: the same trainee always gets the same one.

    Three different accounts for q1, q2 and q3; for q1 one of the account's moments and
    the eight questions in a mixed order; for q3 three of the account's buyer statements
    and the statements in a mixed order; for q4 one of the role-play buyers.
    """
    trainee = trainee or trainee_id()
    rng = variant_rng(EXERCISE, trainee)
    first, second, third = rng.sample(sorted(accounts(), key=lambda a: a.id), 3)
    questions = list(first.questions)
    rng.shuffle(questions)
    moment = rng.choice(first.moments)
    said = tuple(rng.sample(third.said, 3))
    statements = list(third.statements)
    rng.shuffle(statements)
    play = rng.choice(briefs())
    return Variant(trainee, NextQuestion(first, moment, tuple(questions)), Transcript(second),
                   Pitch(third, said, tuple(statements)), Roleplay(play.scenario, play.brief))


def replay(lines, scenario: str | None = None, language: str | None = None, show: bool = True):
    """Play ``lines`` (your call script, a list of str) to a fresh buyer of your q4
    scenario (or of ``scenario``); print each turn and the debrief and return the
    :class:`~kamlib.models.spin_selling.roleplay.Debrief`. A rehearsal: the grader plays your
    script the same way and marks it by its own rules (see q4's prompt)."""
    from kamlib.data.spin_selling import start_call

    call = start_call(scenario or variant().q4.scenario, language=language)
    replies = call.play(list(lines))
    debrief = call.debrief()
    if show:
        print(f"{Text('Buyer', '客户')}: {call.opening}")
        for r in replies:
            kind = r.type or Text("statement", "陈述")
            notes = ", ".join([*r.flags, *r.uncovered])
            print(f"{r.turn:>2} [{kind}] {r.text}\n   {Text('Buyer', '客户')}: {r.buyer}" + (f"\n   ({notes})" if notes else ""))
        print(f"{Text('Outcome', '结果')}: {call.end().name}. "
              f"{Text('Needs uncovered', '已发掘的需求')}: {debrief.needs_uncovered or '-'}; "
              f"{Text('explicit', '明确性需求')}: {debrief.needs_explicit or '-'}; "
              f"{Text('early pitches at turns', '过早推介的回合')}: {debrief.early_pitches or '-'}.")
        for tip in debrief.tips:
            print(" -", tip)
        for metric, value, benchmark in debrief.scorecard(call.language):
            print(f"   {metric}: {value}  ({benchmark})")
    return debrief


# --- q1: your questions, and the one you ask next ---------------------------------------------------

def _next_does_not_develop(value, my) -> bool:
    return value["labels"][value["next"]] in ("S", "P")


q1 = Question(
    id="q1", exercise=EXERCISE,
    summary=Text("label your eight prepared questions S/P/I/N, and choose the one to ask next",
                 "给你准备的八个问题标注 S/P/I/N，并选出接下来要问的那一个"),
    form=Parts({"labels": Labels(lambda my: my.q1.ids, SPIN_TYPES), "next": OneOf(lambda my: my.q1.ids)}),
    variant=variant,
    hints=(
        Text("Labels: facts and set-up (S); whether something is wrong or unsatisfying (P); what a problem leads to or "
             "costs (I); the value or usefulness of solving it (N). Read the whole question: 'how many…' can ask for a "
             "fact, or count the damage a problem does.",
             "标签：事实和背景（S，情境性问题）；有没有什么不对、不满意（P，探究性问题）；问题会导致什么、造成多少损失"
             "（I，暗示性问题）；解决问题的价值和用处（N，解决性问题）。要读完整个问题：“多少……”可能问的是事实，"
             "也可能是在清点问题造成的损失。"),
        Text("Next: where is the buyer in the SPIN flow? They have just told you about a problem (an implied need), or "
             "they have already told you what it costs them and how much it matters.",
             "接下来问什么：客户现在走到了SPIN流程的哪一步？是刚刚说出一个问题（隐藏性需求），"
             "还是已经讲了这个问题让他付出什么代价、有多严重？"),
        Text("A problem just voiced is developed with an implication question on that same problem; once the buyer feels "
             "it is serious, a need-payoff question on it lets the buyer state the value (and the explicit need). "
             "Stay on the buyer's topic.",
             "刚说出的问题，用针对同一问题的暗示性问题去展开；客户感到问题严重之后，再用针对它的解决性问题，"
             "让客户自己说出价值（以及明确性需求）。不要离开客户正在说的话题。"),
    ),
    mistakes=(
        Mistake("all alike", Text("You gave all eight questions the same label; a prepared call mixes the types.",
                                  "你给八个问题都贴了同一个标签；准备好的拜访问题会包含不同类型。"),
                lambda value, my: len(set(value["labels"].values())) == 1),
        Mistake("next does not develop",
                Text("The question you would ask next is one you labelled a situation or problem question. The buyer "
                     "has just talked about a problem: the next step develops it. Check that label, or your choice.",
                     "你选的下一个问题，被你自己标成了情境性问题或探究性问题。客户刚刚谈到一个问题，"
                     "下一步应当把它展开。请检查这个标签，或者你的选择。"),
                _next_does_not_develop),
    ),
)


# --- q2: read the call ---------------------------------------------------------------------------

def _turn(value: str) -> int:
    return int(value[1:])


q2 = Question(
    id="q2", exercise=EXERCISE,
    summary=Text("in the call, the buyer's first explicit need, and the turn where the implied need it grew from came up",
                 "在这次拜访中，客户第一次说出的明确性需求，以及它由之发展而来的隐藏性需求最早出现在哪一回合"),
    form=Parts({"first_explicit": OneOf(lambda my: my.q2.buyer_ids), "grew_from": OneOf(lambda my: my.q2.buyer_ids)}),
    variant=variant,
    hints=(
        Text("An implied need (隐藏性需求) is a problem, difficulty or dissatisfaction. An explicit need (明确性需求) is a "
             "specific want the buyer states: what they want, need, are looking for, would buy.",
             "隐藏性需求是问题、困难或不满；明确性需求是客户明确说出的具体想要的东西：想要什么、需要什么、在找什么、愿意买什么。"),
        Text("Not every 'I need' is a need: 'I need to leave at ten' wants nothing from you. And a want can be stated "
             "without the words 'need' or 'want'.",
             "不是每个“我需要”都是需求：“我十点得走”并没有想从你这里得到什么。反过来，"
             "客户说出想要的东西时，也不一定用“需要”或“想要”这些词。"),
        Text("Follow the thread back: which problem did the seller develop (implication question, then need-payoff "
             "question) until the buyer stated the want? Find the turn where the buyer first mentioned that problem.",
             "顺着线索往回找：销售员展开的是哪一个问题（先暗示性问题，再解决性问题），直到客户说出想要什么？"
             "找到客户第一次提到这个问题的那一回合。"),
    ),
    mistakes=(
        Mistake("same turn", Text("An explicit need grows from an implied need voiced earlier: the two turns cannot be "
                                  "the same.",
                                  "明确性需求是从更早说出的隐藏性需求发展来的：这两个回合不可能是同一个。"),
                lambda value, my: value["first_explicit"] == value["grew_from"]),
        Mistake("order", Text("The implied need you chose comes after the explicit need: a need grows from a problem "
                              "voiced before it.",
                              "你选的隐藏性需求出现在明确性需求之后：需求是从之前说出的问题发展而来的。"),
                lambda value, my: _turn(value["grew_from"]) > _turn(value["first_explicit"])),
    ),
)


# --- q3: which statement is a benefit now? ---------------------------------------------------------

def _repeats_a_statement(value, my) -> bool:
    chosen = [v for v in value.values() if v != NONE]
    return len(chosen) != len(set(chosen))


q3 = Question(
    id="q3", exercise=EXERCISE,
    summary=Text("for each of three moments, the statement that is a benefit in Rackham's sense, or 'none'",
                 "在三个时刻，分别哪一句话是拉克姆意义上的利益；没有就写 'none'"),
    form=Parts({m: OneOf(lambda my: my.q3.options) for m in ("m1", "m2", "m3")}),
    variant=variant,
    hints=(
        Text("Rackham's sense: a feature (特征) is a fact about the product; an advantage (优点) shows how it can be used "
             "or help; a benefit (利益) shows how it meets an explicit need the buyer has stated.",
             "拉克姆的定义：特征是关于产品的事实；优点说明产品可以怎样使用、有什么帮助；"
             "利益说明产品如何满足客户已经说出的明确性需求。"),
        Text("First decide, for each moment, whether the buyer has stated an explicit need or only told you about a "
             "problem. Before an explicit need, nothing you say is a benefit yet: answer 'none'.",
             "先判断每个时刻客户说出的是明确性需求，还是只讲了一个问题。在明确性需求出现之前，"
             "你说的任何话都还不是利益：答 'none'。"),
        Text("Repeating the buyer's words does not make a benefit, and helping on the same topic is not enough: the "
             "statement must show how it meets that want.",
             "复述客户的原话并不能让一句话变成利益，在同一个话题上提供别的帮助也不够：这句话必须说明它如何满足客户说出的那个需求。"),
    ),
    mistakes=(
        Mistake("same statement", Text("You chose the same statement for two moments; each statement here meets at "
                                       "most one of the buyer's wants.",
                                       "你在两个时刻选了同一句话；这里每句话最多只满足客户的一个需求。"),
                _repeats_a_statement),
    ),
)


# --- q4: a call script, replayed by the grader ------------------------------------------------------

q4 = Question(
    id="q4", exercise=EXERCISE,
    summary=Text("a call script that gets the role-play buyer to state the need your manager's brief asks for",
                 "一份拜访脚本，让角色扮演的客户说出经理要求发掘的那个明确性需求"),
    form=Lines(minimum=1, maximum=MAX_LINES, max_chars=300),
    variant=variant,
    hints=(
        Text("Follow the flow on the brief's topic: a problem question lets the buyer reveal the implied need; an "
             "implication question makes it feel serious; a need-payoff question lets the buyer state the explicit need.",
             "围绕经理要求的话题走完流程：探究性问题让客户说出隐藏性需求；暗示性问题让问题显得真实而严重；"
             "解决性问题让客户自己说出明确性需求。"),
        Text("Write real questions, in full sentences, each on the buyer's topic: the buyer does not answer keyword "
             "salad. Keep product talk until the buyer has stated a need, and be polite.",
             "写真正的问题，用完整的句子，每句都围绕客户的话题：客户不会回答关键词拼凑。"
             "在客户说出需求之前不要谈产品，并且保持礼貌。"),
        Text("Rehearse with replay(q4_answer): it shows each turn, what it uncovered and the debrief. If a question lands "
             "on another topic, use the buyer's own words for the topic you want.",
             "用 replay(q4_answer) 排练：它会显示每一回合、发掘出了什么，以及复盘。"
             "如果某个问题被理解成了别的话题，就用客户自己谈这个话题时的说法。"),
    ),
    mistakes=(
        Mistake("few questions", Text("Your script has fewer than three questions: uncovering, developing and turning "
                                      "a need takes a problem, an implication and a need-payoff question.",
                                      "你的脚本少于三个问题：发掘、展开并转化一个需求，至少需要一个探究性问题、"
                                      "一个暗示性问题和一个解决性问题。"),
                lambda value, my: sum(is_question(line) for line in value) < 3),
        Mistake("keyword salad", Text("Some of your lines are keywords with a question mark, not questions: the buyer "
                                      "does not follow them, and they cost goodwill. Ask in full sentences.",
                                      "你有几行只是关键词加问号，不是真正的问题：客户听不懂，还会降低好感度。"
                                      "请用完整的句子提问。"),
                lambda value, my: any(is_question(line) and not is_real_question(line) for line in value)),
        Mistake("rude", Text("One of your lines is rude: no buyer takes an insult from a supplier, and the call ends.",
                             "你有一行话很无礼：没有客户会接受供应商的冒犯，拜访就此结束。"),
                lambda value, my: any(is_rude(line) for line in value)),
    ),
)

QUESTIONS = (q1, q2, q3, q4)


# --- the lecture's Try it (practice, not graded: it may carry its answer) -----------------------------

def _bank_type(question_id: str) -> str:
    from kamlib.data.spin_selling import load_spin_questions

    return next(q.type for q in load_spin_questions() if q.id == question_id)


try_it = Question(
    id="try_it", exercise="lec10_spin_selling",
    summary=Text("the SPIN type of a held-out question the classifier reads as a situation question",
                 "分类器读成情境性问题的一道留出问题，真正属于哪一类"),
    form=OneOf(SPIN_TYPES),
    variant=lambda trainee: None,
    practice_answer=lambda _data: _bank_type("p55"),
    hints=(
        Text("Ignore the classifier for a moment: is the seller asking for a fact, a difficulty, a consequence or the "
             "value of a solution?",
             "先别管分类器：销售员问的是事实、困难、后果，还是解决方案的价值？"),
        Text("Grease that gives up in the rain is trouble. A question that asks whether the current product copes "
             "is a problem question, whatever its grammar. Answer with one letter: 'S', 'P', 'I' or 'N'.",
             "润滑脂一下雨就扛不住，这就是麻烦。问现用产品“扛不扛得住”的问题就是探究性问题，不管它的句式如何。"
             "用一个字母作答：'S'、'P'、'I' 或 'N'。"),
    ),
)
