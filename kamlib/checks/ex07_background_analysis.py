"""Exercise 07, *Background and competition analysis* (背景与竞争分析): the questions, declared once.

Each trainee gets a **market file** (:func:`variant`): eight facts about a lubricant market to sort
into PEST (q1), five facts about the market for an industrial lubricant to put under one of Porter's
five forces (q2), five segments of Harbourlight's market map (module 09's running-case channel map)
with the volumes of three competitors there and a sales note on each (q3), and a colleague's draft
SWOT of Harbourlight against one competitor (q4, and the manual q5). kamlib is the calculator
(``junction_volumes``, ``junction_shares``, ``swot_quadrant``); the answers are the trainee's
judgements. No expected answer is computed here: the grader marks the answers against the
instructor's key (``exercises/keys/ex07_background_analysis.py``).

The self-checks catch a malformed answer and answers that cannot be right whatever the file
(more tonnes than the competitors sell in a segment, say); they never compute the right answer.

>>> my = variant("demo")
>>> len(my.facts), len(my.force_facts), len(my.segments), len(my.notes), len(my.swot)
(8, 5, 5, 15, 6)
>>> q1.evaluate({f.id: "political" for f in my.facts}, trainee="demo", keys=False).outcome
'not yet'
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

from kamlib.checks.framework import (
    Labels,
    Mistake,
    Number,
    OneOf,
    Parts,
    Question,
    trainee_id,
    variant_rng,
)
from kamlib.models.background_analysis import FORCES, PEST, SWOT
from kamlib.text import Text, TextItem

__all__ = ["EXERCISE", "Item", "Note", "MarketFile", "facts", "force_facts", "swot_items", "notes", "variant",
           "q1", "q2", "q3", "q4", "QUESTIONS", "try_it", "TRY_IT_FACT"]

EXERCISE = "ex07_background_analysis"
_COMPETITORS = ("tiancheng", "norhaven", "jinhe")


Item = TextItem  # a pool entry {id, en, zh} (kamlib.data.course.load_text_pool)


@dataclass(frozen=True)
class Note:
    """q3: a sales note about one competitor's volume at one segment."""

    id: str
    segment: str
    competitor: str
    tonnes: int
    text: Text


def _items(source: str, what: str) -> tuple[Item, ...]:
    """The pool ``source`` (a YAML list of {id, en, zh} in kamlib/data) of ``what``."""
    from kamlib.data.course import load_text_pool

    return load_text_pool(source.removesuffix(".yaml"))


@lru_cache(maxsize=1)
def facts() -> tuple[Item, ...]:
    """q1's pool: facts about a lubricant market (background_analysis_facts.yaml)."""
    return _items("background_analysis_facts.yaml", "facts")


@lru_cache(maxsize=1)
def force_facts() -> tuple[Item, ...]:
    """q2's pool: facts about the market for an industrial lubricant (background_analysis_force_facts.yaml)."""
    return _items("background_analysis_force_facts.yaml", "facts")


@lru_cache(maxsize=1)
def swot_items() -> tuple[Item, ...]:
    """q4's pool: items of a colleague's SWOT (background_analysis_swot_items.yaml)."""
    return _items("background_analysis_swot_items.yaml", "SWOT items")


@lru_cache(maxsize=1)
def notes() -> tuple[Item, ...]:
    """q3's pool: sales notes, ``{c}`` standing for the competitor (background_analysis_notes.yaml)."""
    return _items("background_analysis_notes.yaml", "notes")


@dataclass(frozen=True)
class MarketFile:
    """One trainee's variant."""

    trainee: str
    facts: tuple[Item, ...]
    force_facts: tuple[Item, ...]
    segments: tuple[str, ...]
    competitors: dict
    notes: tuple[Note, ...]
    rival: str
    focus: str
    swot: tuple[Item, ...]
    draft: dict

    def map(self):
        """Module 09's running-case channel map (a fresh copy): our volume at each junction."""
        from kamlib.data.channel_maps import load_channel_map

        return load_channel_map("running_case")

    def name_of(self, node: str) -> Text:
        from kamlib.data.background_analysis import load_competitors

        known = load_competitors()
        if node in known:
            return known[node].name
        attrs = self.map().nodes[node]
        return Text(attrs["en"], attrs["zh"])

    def _repr_html_(self) -> str:
        from kamlib.models.background_analysis import junction_volumes

        volumes = junction_volumes(self.map(), self.competitors)
        heads = {
            "you": Text(f"Your market file (trainee {self.trainee})", f"你的市场资料（学员 {self.trainee}）"),
            "q1": Text("q1: eight facts about your market", "q1：关于你所在市场的八条事实"),
            "q2": Text("q2: five facts about the market for industrial gear oil", "q2：关于工业齿轮油市场的五条事实"),
            "q3": Text("q3: five segments of the market map, t/yr (Harbourlight's from the channel map)",
                       "q3：市场地图上的五个终端行业，吨/年（港光的数据来自产品通路图）"),
            "notes": Text("Sales notes on the competitors' volumes", "关于竞争对手销量的销售记录"),
            "q4": Text(f"q4 and q5: a colleague's draft SWOT of Harbourlight against {self.name_of(self.rival).en} in "
                       f"{self.name_of(self.focus).en}",
                       f"q4 和 q5：同事起草的港光对{self.name_of(self.rival).zh}的 SWOT（{self.name_of(self.focus).zh}行业）"),
        }

        def head(key):
            return f"<p><b>{html.escape(str(heads[key]))}</b></p>"

        def bullets(items):
            return "<ul>" + "".join(f"<li><b>{i.id}</b>: {html.escape(str(i.text))}</li>" for i in items) + "</ul>"

        players = ["harbourlight", *self.competitors]
        table = ("<table><tr><th></th>" + "".join(f"<th>{html.escape(str(self.name_of(p)))}</th>" for p in players)
                 + "</tr>")
        for s in self.segments:
            table += (f"<tr><td><b>{s}</b> {html.escape(str(self.name_of(s)))}</td>"
                      + "".join(f"<td>{volumes[s][p]:,.0f}</td>" for p in players) + "</tr>")
        table += "</table>"
        unit = Text("t/yr", "吨/年")
        said = "<ul>" + "".join(f"<li><b>{n.segment}</b> · {html.escape(str(self.name_of(n.competitor)))} "
                                f"({n.tonnes:,} {unit}): {html.escape(str(n.text))}</li>" for n in self.notes) + "</ul>"
        draft = "<ul>" + "".join(f"<li><b>{i.id}</b> [{self.draft[i.id]}]: {html.escape(str(i.text))}</li>"
                                 for i in self.swot) + "</ul>"
        return (head("you") + head("q1") + bullets(self.facts) + head("q2") + bullets(self.force_facts)
                + head("q3") + table + head("notes") + said + head("q4") + draft)


def variant(trainee: str | None = None) -> MarketFile:
    """The trainee's market file: the same trainee always gets the same one."""
    from kamlib.data.channel_maps import load_channel_map

    trainee = trainee or trainee_id()
    rng = variant_rng(EXERCISE, trainee)
    g = load_channel_map("running_case")
    ends = sorted(n for n, kind in g.nodes(data="kind") if kind == "end_user")
    segments = tuple(rng.sample(ends, 5))
    competitors: dict = {c: {} for c in _COMPETITORS}
    said = []
    pool = notes()
    for s in segments:
        for c in _COMPETITORS:
            tonnes = 100 * rng.randrange(4, 40)
            competitors[c][s] = tonnes
            note = rng.choice(pool)
            said.append(Note(note.id, s, c, tonnes, Text(note.text.en.replace("{c}", _name(c).en),
                                                         note.text.zh.replace("{c}", _name(c).zh))))
    rng.shuffle(said)
    swot = tuple(rng.sample(swot_items(), 6))
    draft = {i.id: rng.choice(SWOT) for i in swot}
    return MarketFile(trainee, tuple(rng.sample(facts(), 8)), tuple(rng.sample(force_facts(), 5)), segments,
                      competitors, tuple(said), rng.choice(_COMPETITORS), rng.choice(segments), swot, draft)


def _name(competitor: str) -> Text:
    from kamlib.data.background_analysis import load_competitors

    return load_competitors()[competitor].name


def _all_alike(value, my) -> bool:
    return len(set(value.values())) == 1


# --- q1: PEST ---------------------------------------------------------------------------------------

q1 = Question(
    id="q1", exercise=EXERCISE,
    summary=Text("the PEST category of each fact", "每条事实属于 PEST 的哪一类"),
    form=Labels(lambda my: [f.id for f in my.facts], PEST),
    variant=variant,
    hints=(
        Text("Ask who or what drives the change. A law, a standard, a government target or a public procurement "
             "rule is political; prices, exchange rates, output and investment are economic; what people do, want "
             "or protest about is social; a new product, machine or method is technological.",
             "问一问：是谁、是什么推动了这个变化？法律、标准、政府目标、公共采购规定属于政治；价格、汇率、产量和投资属于经济；"
             "人们的行为、期望和抗议属于社会；新产品、新设备、新方法属于技术。"),
        Text("A rule about emissions is political even though it changes the oil; the oil that meets it would be "
             "technological.",
             "排放法规即使会改变润滑油，它本身仍属于政治；为满足它而开发的新油才属于技术。"),
        Text("Each category holds some of your eight facts: if one category is empty, look again at the facts you "
             "put in its neighbour.",
             "每一类都能分到你这八条里的一部分：如果某一类是空的，回头看看你放进相邻类别的那几条。"),
    ),
    mistakes=(
        Mistake("all alike", Text("You gave every fact the same category; the facts were chosen to differ.",
                                  "你给每条事实都标了同一类；这些事实是特意挑选成各不相同的。"), _all_alike),
    ),
)


# --- q2: five forces ----------------------------------------------------------------------------------

q2 = Question(
    id="q2", exercise=EXERCISE,
    summary=Text("the force of Porter's five each fact bears on", "每条事实作用于波特五力中的哪一种力"),
    form=Labels(lambda my: [f.id for f in my.force_facts], FORCES),
    variant=variant,
    hints=(
        Text("Place yourself as the seller of industrial gear oil. Who gains power over your price: the companies "
             "you already compete with (rivalry), someone who could start selling (new entrants), something that "
             "makes oil unnecessary (substitutes), your customers (buyer power) or the companies you buy from "
             "(supplier power)?",
             "把自己放在工业齿轮油卖方的位置。是谁对你的价格更有话语权：已经在和你竞争的公司（现有竞争）、可能开始卖油的人"
             "（潜在进入者）、让油变得不再需要的东西（替代品）、你的客户（买方议价能力），还是你采购的对象（供应商议价能力）？"),
        Text("A machine that needs no oil is a substitute, not a competitor; a new brand entering the region is a "
             "new entrant, even if it is a big company elsewhere.",
             "不需要油的设备是替代品，不是竞争对手；首次进入本地区的品牌是潜在进入者，哪怕它在别处是大公司。"),
    ),
    mistakes=(
        Mistake("all alike", Text("You put every fact under the same force; they were chosen to differ.",
                                  "你把每条事实都归到同一种力；这些事实是特意挑选成各不相同的。"), _all_alike),
    ),
)


# --- q3: where can share be won? ----------------------------------------------------------------------


def _too_much(value, my) -> bool:
    held = sum(volumes.get(value["segment"], 0) for volumes in my.competitors.values())
    return value["t_yr"] > held + 1


q3 = Question(
    id="q3", exercise=EXERCISE,
    summary=Text("the segment where Harbourlight can win the most tonnes from competitors next year, and how many",
                 "港光明年在哪个终端行业能从竞争对手手里夺得最多吨数，以及是多少吨"),
    form=Parts({"segment": OneOf(lambda my: list(my.segments)), "t_yr": Number("t/yr", minimum=0)}),
    variant=variant,
    hints=(
        Text("junction_volumes(my.map(), my.competitors) gives every player's t/yr in your five segments, and "
             "junction_shares the shares. A low share of ours is not yet a tonne we can win.",
             "junction_volumes(my.map(), my.competitors) 给出你这五个终端行业里每家的年吨数，junction_shares 给出份额。"
             "我们份额低，并不等于就有吨数可以夺。"),
        Text("Read the sales notes: a competitor's volume under a running multi-year contract, in first fill chosen "
             "by the equipment maker, or tied to a warranty approval cannot be won next year. Count only the rest.",
             "看销售记录：竞争对手签了尚未到期的多年合同的量、由设备厂决定的初装油、与质保认证绑定的量，明年都夺不过来。"
             "只算其余的量。"),
        Text("Add up, segment by segment, the competitors' volumes you can contest; the answer is the segment with "
             "the largest sum, and that sum.",
             "按终端行业把可以争夺的竞争对手销量加总；答案是加总最大的那个行业，以及这个加总数。"),
    ),
    mistakes=(
        Mistake("too much", Text("Your t/yr is more than all the competitors together sell in the segment you "
                                 "named: only their volume can be won.",
                                 "你填的吨数比所选行业里所有竞争对手的销量加起来还多：能夺的只有他们的量。"), _too_much),
    ),
)


# --- q4: is it really a strength? ---------------------------------------------------------------------

q4 = Question(
    id="q4", exercise=EXERCISE,
    summary=Text("the quadrant each item of the colleague's SWOT really belongs in", "同事 SWOT 中每一项真正属于哪个象限"),
    form=Labels(lambda my: [i.id for i in my.swot], SWOT),
    variant=variant,
    hints=(
        Text("Two questions per item: is it inside Harbourlight (something we have, do or lack) or in the market "
             "(customers, competitors, prices, policy)? Does it help us or hurt us?",
             "每一项问两个问题：它是在港光内部（我们有的、做的或缺的），还是在市场上（客户、竞争对手、价格、政策）？"
             "它对我们有利还是不利？"),
        Text("swot_quadrant(internal, helpful) turns the two answers into the quadrant. A good thing happening in "
             "the market is an opportunity, not a strength, until we have done something about it.",
             "swot_quadrant(internal, helpful) 把这两个回答换算成象限。市场上发生的好事是机会，不是优势，除非我们已经"
             "做了什么把它变成自己的能力。"),
        Text("The competitor's moves are external: its good offer is a threat to us, its unhappy distributor an "
             "opportunity.",
             "竞争对手的动作属于外部：它的优惠条件对我们是威胁，它的经销商不满对我们是机会。"),
    ),
    mistakes=(
        Mistake("all alike", Text("You put every item in the same quadrant; they were chosen to differ.",
                                  "你把每一项都放进了同一个象限；这些条目是特意挑选成各不相同的。"), _all_alike),
    ),
)

QUESTIONS = (q1, q2, q3, q4)


# --- the lecture's Try it (practice, not graded: it may carry its answer) -------------------------

#: The fact the lecture's Try it asks about (not in q1's pool).
TRY_IT_FACT = Text(
    "The city government will allow only electric or gas-powered buses from next year.",
    "市政府规定，从明年起只允许电动或燃气公交车上路。")

try_it = Question(
    id="try_it", exercise="lec07_background_analysis",
    summary=Text("the PEST category of the city's bus rule", "市政府公交车规定属于 PEST 的哪一类"),
    form=OneOf(PEST),
    variant=lambda trainee: None,
    practice_answer=lambda _data: "political",
    hints=(
        Text("Who decides the change?", "这个变化由谁决定？"),
        Text("A government rule is political, even when the machines it calls for are new technology.",
             "政府的规定属于政治，即使它要求的设备是新技术。"),
    ),
    mistakes=(
        Mistake("technology", Text("Electric buses are technology, but what changes the market here is the city's "
                                   "rule: ask who decides.",
                                   "电动公交车是技术，但这里改变市场的是市政府的规定：问问是谁做的决定。"),
                lambda value, _data: value == "technological"),
    ),
)
