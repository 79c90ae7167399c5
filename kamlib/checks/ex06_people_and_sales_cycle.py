"""Exercise 06, *People and the sales cycle* (人员特征与销售循环): the questions, declared once.

Each trainee gets a **casebook** (:func:`variant`): eight people described by what they do
(q1), five moments of one sales conversation out of order (q2), two contacts at an account with
their social styles and five ways to open a meeting (q3), a running-case account and five team
members who could lead it (q4), and a pitch to rewrite (q5). The answers are the trainee's
judgements; kamlib has the models (``SOCIAL_STYLES``, ``SALES_CYCLE``, ``CALL_STAGES``). No expected
answer is computed here: the grader marks the answers against the instructor's key
(``exercises/keys/ex06_people_and_sales_cycle.py``).

The self-checks catch a malformed answer and answers that cannot be right whatever the casebook
(the same opening for two people of different styles, say); they never compute the right answer.

>>> my = variant("demo")
>>> len(my.people), len(my.moments), len(my.contacts), len(my.openings), len(my.candidates)
(8, 5, 2, 5, 5)
>>> q4.evaluate({c.id: "fits" for c in my.candidates}, trainee="demo", keys=False).outcome
'not yet'
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

from kamlib.checks.framework import (
    Ids,
    Labels,
    Mistake,
    OneOf,
    Parts,
    Question,
    trainee_id,
    variant_rng,
)
from kamlib.data.course import read_records, text_items
from kamlib.models.people_and_sales_cycle import SOCIAL_STYLES
from kamlib.text import Text, TextItem

__all__ = ["EXERCISE", "CULTURES", "CULTURE_NAMES", "REGION_NAMES", "STAFFING", "MAX_ACCOUNTS", "Item", "Contact", "Candidate",
           "Casebook", "people", "conversations", "opening_sets", "pitches", "variant", "q1", "q2", "q3", "q4",
           "QUESTIONS", "try_it", "TRY_IT_PERSON"]

EXERCISE = "ex06_people_and_sales_cycle"
#: The branch's rule (fictional): a lead KAM holds fewer than this many key accounts already.
MAX_ACCOUNTS = 6

#: The running case's regions, named.
REGION_NAMES = {
    "north": Text("North China", "华北"), "northeast": Text("the North-east", "东北"), "east": Text("East China", "华东"),
    "central": Text("Central China", "华中"), "south": Text("South China", "华南"),
    "southwest": Text("the South-west", "西南"), "northwest": Text("the North-west", "西北"),
}
#: How an account is run: the culture a lead KAM must be at home in (the lecture's "culture and
#: operating traits"; these three kinds are the course's illustration).
CULTURES = {
    "soe": Text("a state-owned group: formal, decisions through committees and tenders",
                "国有集团：作风正式，决策要经过委员会和招标"),
    "private": Text("privately owned: the owner decides, fast and personally", "民营企业：老板拍板，决定快，看重个人关系"),
    "jv": Text("a Sino-foreign joint venture: global procurement rules, reports in English",
               "中外合资企业：执行全球采购规则，用英文汇报"),
}
#: Short names of the three kinds, for the team's CVs.
CULTURE_NAMES = {"soe": Text("state-owned groups", "国有集团"), "private": Text("private companies", "民营企业"),
                 "jv": Text("joint ventures", "合资企业")}
#: q4's labels: a candidate fits, or the first of the branch's staffing rules they break.
STAFFING = {
    "fits": Text("fits: knows the industry, is based in the region, is at home in the culture, has room",
                 "合适：懂行业、常驻该区域、熟悉这种企业文化、还有精力"),
    "industry": Text("does not know the account's industry", "不懂这个客户的行业"),
    "region": Text("is not based in the account's region", "不在这个客户所在的区域"),
    "culture": Text("has not worked with this kind of organisation", "没有和这类企业打过交道"),
    "capacity": Text(f"already holds {MAX_ACCOUNTS} or more key accounts", f"手上已有 {MAX_ACCOUNTS} 个或更多大客户"),
}

_NAMES = (("Wang Lei", "王磊"), ("Chen Jing", "陈静"), ("Liu Yang", "刘洋"), ("Zhao Min", "赵敏"), ("Sun Hao", "孙浩"),
          ("Zhou Ting", "周婷"), ("Wu Gang", "吴刚"), ("Xu Li", "徐丽"), ("Ma Jun", "马骏"), ("Hu Yan", "胡燕"),
          ("Guo Peng", "郭鹏"), ("Lin Xue", "林雪"))
_ROLES = (Text("the maintenance manager", "设备经理"), Text("the buyer", "采购"), Text("the plant director", "厂长"),
          Text("the reliability engineer", "设备可靠性工程师"))
_ID_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


Item = TextItem  # a pool entry {id, en, zh} (kamlib.data.course.text_items)


@lru_cache(maxsize=1)
def people() -> tuple[Item, ...]:
    """q1's pool: people described by what they do (people_and_sales_cycle_people.yaml)."""
    source = "people_and_sales_cycle_people.yaml"
    return text_items(read_records(source, "people"), source)


@lru_cache(maxsize=1)
def conversations() -> dict:
    """q2's pool: conversation id -> (account id, who is talking (Text), its moments in no order)."""
    from kamlib.data.schema import require_keys

    source = "people_and_sales_cycle_conversations.yaml"
    found = {}
    for i, record in enumerate(read_records(source, "conversations"), 1):
        where = f"{source}, conversation {i}"
        require_keys(record, ("id", "account", "en", "zh", "moments"), where)
        found[record["id"]] = (record["account"], Text(record["en"], record["zh"]), text_items(record["moments"], where))
    return found


@lru_cache(maxsize=1)
def opening_sets() -> dict:
    """q3's pool: set id -> its five openings (people_and_sales_cycle_openings.yaml)."""
    from kamlib.data.schema import require_keys

    source = "people_and_sales_cycle_openings.yaml"
    found = {}
    for i, record in enumerate(read_records(source, "opening sets"), 1):
        where = f"{source}, set {i}"
        require_keys(record, ("id", "openings"), where)
        found[record["id"]] = text_items(record["openings"], where)
    return found


@lru_cache(maxsize=1)
def pitches() -> tuple[Item, ...]:
    """q5's pool: feature pitches to rewrite (people_and_sales_cycle_pitches.yaml)."""
    source = "people_and_sales_cycle_pitches.yaml"
    return text_items(read_records(source, "pitches"), source)


# --- the trainee's casebook ----------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    """q3: a person at the account, with the social style a colleague placed them in."""

    id: str
    role: Text
    style: str


@dataclass(frozen=True)
class Candidate:
    """q4: a team member who could lead the account."""

    id: str
    name: Text
    sectors: tuple[str, ...]
    region: str
    cultures: tuple[str, ...]
    accounts: int

    def describe(self) -> Text:
        from kamlib.data.lubricant_industry import load_sectors

        sectors = load_sectors()
        en = ", ".join(sectors[s].name.en for s in self.sectors)
        zh = "、".join(sectors[s].name.zh for s in self.sectors)
        c_en = " and ".join(CULTURE_NAMES[c].en for c in self.cultures)
        c_zh = "、".join(CULTURE_NAMES[c].zh for c in self.cultures)
        region = REGION_NAMES[self.region]
        plural = "" if self.accounts == 1 else "s"
        return Text(f"{self.name.en}: knows {en}; based in {region.en}; has worked with {c_en}; holds {self.accounts} "
                    f"key account{plural}",
                    f"{self.name.zh}：懂{zh}；常驻{region.zh}；打过交道的企业：{c_zh}；手上有 {self.accounts} 个大客户")


@dataclass(frozen=True)
class Casebook:
    """One trainee's variant."""

    trainee: str
    people: tuple[Item, ...]
    conversation: Text
    moments: tuple[Item, ...]
    account: str
    account_name: Text
    sector: str
    region: str
    culture: str
    contacts: tuple[Contact, ...]
    openings: tuple[Item, ...]
    candidates: tuple[Candidate, ...]
    pitch: Item

    def account_brief(self) -> Text:
        from kamlib.data.lubricant_industry import load_sectors

        sector, region, culture = load_sectors()[self.sector].name, REGION_NAMES[self.region], CULTURES[self.culture]
        return Text(f"{self.account_name.en} ({self.account}): {sector.en}, in {region.en}; {culture.en}.",
                    f"{self.account_name.zh}（{self.account}）：{sector.zh}，位于{region.zh}；{culture.zh}。")

    def _repr_html_(self) -> str:
        from kamlib.data.people_and_sales_cycle import load_styles

        styles = load_styles()
        heads = {
            "you": Text(f"Your casebook (trainee {self.trainee})", f"你的题目（学员 {self.trainee}）"),
            "q1": Text("q1: eight people, as you met them", "q1：你见过的八个人"),
            "q2": Text(f"q2: {self.conversation.en}, five moments out of order",
                       f"q2：{self.conversation.zh}，五个片段（顺序已打乱）"),
            "q3": Text(f"q3 and q4: {self.account_brief().en}", f"q3 和 q4：{self.account_brief().zh}"),
            "contacts": Text("Contacts, as your colleague placed them", "联系人（同事判断的风格）"),
            "openings": Text("Five ways to open the meeting", "五种开场方式"),
            "q4": Text(f"q4: who could lead it (the branch's rule: fewer than {MAX_ACCOUNTS} key accounts each)",
                       f"q4：谁来负责这个客户（分公司规定：每人手上的大客户少于 {MAX_ACCOUNTS} 个）"),
            "q5": Text("q5: the pitch to rewrite", "q5：要改写的推介词"),
        }

        def head(key):
            return f"<p><b>{html.escape(str(heads[key]))}</b></p>"

        def bullets(items):
            return "<ul>" + "".join(f"<li><b>{i.id}</b>: {html.escape(str(i.text))}</li>" for i in items) + "</ul>"

        contacts = "<ul>" + "".join(f"<li><b>{c.id}</b>: {html.escape(str(c.role))} · {html.escape(str(styles[c.style].name))}"
                                    f" (<code>{c.style}</code>)</li>" for c in self.contacts) + "</ul>"
        team = "<ul>" + "".join(f"<li><b>{c.id}</b>: {html.escape(str(c.describe()))}</li>" for c in self.candidates)
        return (head("you") + head("q1") + bullets(self.people) + head("q2") + bullets(self.moments) + head("q3")
                + head("contacts") + contacts + head("openings") + bullets(self.openings) + head("q4") + team
                + "</ul>" + head("q5") + f"<p>{html.escape(str(self.pitch.text))}</p>")


def _ids(rng, n: int) -> list[str]:
    """``n`` different short ids, in the order drawn (a list, not a set: a set's order would differ
    between the trainee's kernel and the grader's process)."""
    found: list[str] = []
    while len(found) < n:
        new = rng.choice(_ID_LETTERS) + str(rng.randrange(1, 10)) + rng.choice(_ID_LETTERS)
        if new not in found:
            found.append(new)
    return found


def _candidates(rng, sector: str, region: str, culture: str) -> tuple[Candidate, ...]:
    """Five team members: one meets all the branch's rules, each of the others breaks exactly one."""
    from kamlib.data.lubricant_industry import load_sectors

    others = [s for s in sorted(load_sectors()) if s != sector]
    regions = [r for r in REGION_NAMES if r != region]
    cultures = [c for c in CULTURES if c != culture]
    names = rng.sample(_NAMES, 5)
    ids = _ids(rng, 5)

    def member(i, breaks):
        sectors = tuple(rng.sample(others, 2)) if breaks == "industry" else (sector, rng.choice(others))
        home = rng.choice(regions) if breaks == "region" else region
        worked = ((rng.choice(cultures),) if breaks == "culture" else
                  tuple(dict.fromkeys((culture, rng.choice(cultures)))) if rng.random() < 0.5 else (culture,))
        load = rng.randrange(MAX_ACCOUNTS, MAX_ACCOUNTS + 3) if breaks == "capacity" else rng.randrange(1, MAX_ACCOUNTS)
        order = list(sectors)
        rng.shuffle(order)
        return Candidate(ids[i], Text(*names[i]), tuple(order), home, worked, load)

    cast = [member(i, breaks) for i, breaks in enumerate(("fits", "industry", "region", "culture", "capacity"))]
    rng.shuffle(cast)
    return tuple(cast)


def variant(trainee: str | None = None) -> Casebook:
    """The trainee's casebook: the same trainee always gets the same one."""
    from kamlib.data.key_accounts import load_accounts

    trainee = trainee or trainee_id()
    rng = variant_rng(EXERCISE, trainee)
    who = tuple(rng.sample(people(), 8))
    talk = conversations()[rng.choice(sorted(conversations()))]
    moments = list(talk[2])
    rng.shuffle(moments)
    account = rng.choice([a for a in load_accounts() if a.served == "direct"])
    culture = rng.choice(sorted(CULTURES))
    styles = rng.sample(SOCIAL_STYLES, 2)
    roles = rng.sample(_ROLES, 2)
    contact_ids = _ids(rng, 2)
    contacts = tuple(Contact(contact_ids[i], roles[i], styles[i]) for i in range(2))
    openings = list(opening_sets()[rng.choice(sorted(opening_sets()))])
    rng.shuffle(openings)
    return Casebook(trainee, who, talk[1], tuple(moments), account.id, Text(account.name, account.name_zh),
                    account.sector, account.region, culture, contacts, tuple(openings),
                    _candidates(rng, account.sector, account.region, culture), rng.choice(pitches()))


# --- q1: where on the grid? ------------------------------------------------------------------------

q1 = Question(
    id="q1", exercise=EXERCISE,
    summary=Text("each person's social style, from what they do", "根据每个人的行为，判断其社交风格"),
    form=Labels(lambda my: [p.id for p in my.people], SOCIAL_STYLES),
    variant=variant,
    hints=(
        Text("Place each person on two scales. Assertiveness: do they tell (decide, direct, challenge) or ask "
             "(question, consult, let you lead)? Responsiveness: do they show feelings (stories, warmth, small talk) "
             "or control them (facts, agenda, a neutral face)?",
             "在两个维度上给每个人定位。果断性：他们是“表达”（拍板、主导、质疑）还是“询问”（提问、商量、让你主导）？"
             "回应性：他们是外露感情（讲故事、热情、寒暄）还是克制感情（谈事实、按议程、面无表情）？"),
        Text("Tell + controls: Driver. Tell + emotes: Expressive. Ask + emotes: Amiable. Ask + controls: Analytical.",
             "表达 + 克制：驾驭型。表达 + 外露：表现型。询问 + 外露：亲切型。询问 + 克制：分析型。"),
        Text("Many questions are not warmth: a person who asks for the test method and keeps a neutral face asks "
             "and controls.",
             "问题多不等于热情：要试验方法、面无表情的人，是“询问 + 克制”。"),
    ),
    mistakes=(
        Mistake("all alike", Text("You gave every person the same style; they were chosen to differ.",
                                  "你给每个人都标了同一种风格；这些人是特意挑选成各不相同的。"),
                lambda value, my: len(set(value.values())) == 1),
    ),
)


# --- q2: the order of the sales cycle ---------------------------------------------------------------

q2 = Question(
    id="q2", exercise=EXERCISE,
    summary=Text("the five moments of the conversation in the order of the sales cycle",
                 "按销售循环的顺序排列这次谈话的五个片段"),
    form=Ids(lambda my: [m.id for m in my.moments], count=5, ordered=True),
    variant=variant,
    hints=(
        Text("The lecture's cycle: build trust → discover needs → sell the product → satisfy the need. Selling has "
             "two moments in Rackham's call stages: demonstrating capability, then obtaining commitment.",
             "讲义中的循环：建立信任 → 发掘需要 → 销售产品 → 满足需求。在 Rackham 的拜访阶段里，“销售”包含两个片段："
             "先证明能力，再获得承诺。"),
        Text("Questions about their plant discover needs; evidence and results demonstrate capability; a proposal "
             "they agree to is a commitment; what happens after the delivery satisfies the need.",
             "问对方工厂的情况是发掘需要；拿出证据和结果是证明能力；对方同意的提议是获得承诺；交付之后的跟进是满足需求。"),
    ),
)


# --- q3: the opening that fits ---------------------------------------------------------------------


def _same_opening(value, my) -> bool:
    return len(set(value.values())) < len(value)


q3 = Question(
    id="q3", exercise=EXERCISE,
    summary=Text("the opening that fits each contact's social style", "与每位联系人的社交风格相符的开场方式"),
    form=Parts({"first": OneOf(lambda my: [o.id for o in my.openings]),
                "second": OneOf(lambda my: [o.id for o in my.openings])}),
    variant=variant,
    hints=(
        Text("Driver: brief, the result and a choice. Expressive: the big picture, people, stories. Amiable: "
             "personal, unhurried, low risk. Analytical: data, method, time to check.",
             "驾驭型：简短，讲结果，给选择。表现型：大局、人、故事。亲切型：从个人话题开始，不着急，低风险。"
             "分析型：数据、方法、留时间核实。"),
        Text("One of the five openings fits no one: a list of features before any need is known.",
             "五种开场中有一种谁都不适合：在还不了解任何需求时就罗列产品特点。"),
    ),
    mistakes=(
        Mistake("same opening", Text("You chose the same opening for both contacts, but they have different styles.",
                                     "两位联系人的风格不同，你却给他们选了同一种开场。"),
                _same_opening),
    ),
)


# --- q4: who leads the account? --------------------------------------------------------------------

q4 = Question(
    id="q4", exercise=EXERCISE,
    summary=Text("for each team member, whether they fit as the account's lead or which rule they break",
                 "对每位团队成员，判断是否适合担任这个客户的负责人，或违反了哪条规定"),
    form=Labels(lambda my: [c.id for c in my.candidates], tuple(STAFFING)),
    variant=variant,
    hints=(
        Text("The slide's principle: staff people by industry, region, culture and operating traits. Check each "
             "member against the account: its sector, its region, how it is run, and how many key accounts the "
             "member already holds.",
             "讲义的原则：按行业、区域、文化和经营特点配备人员。拿每位成员逐项对照这个客户：行业、区域、企业文化，以及"
             "该成员手上已有多少个大客户。"),
        Text("Exactly one member meets every rule; each of the others breaks one.",
             "恰好有一位成员符合所有规定；其余每人各违反一条。"),
    ),
    mistakes=(
        Mistake("several fit", Text("More than one member labelled 'fits': exactly one meets every rule.",
                                    "你标了不止一位“合适”：只有一位符合所有规定。"),
                lambda value, my: list(value.values()).count("fits") > 1),
        Mistake("all alike", Text("You gave every member the same label; they were chosen to differ.",
                                  "你给每位成员都标了同一个标签；这些成员是特意挑选成各不相同的。"),
                lambda value, my: len(set(value.values())) == 1),
    ),
)

QUESTIONS = (q1, q2, q3, q4)


# --- the lecture's Try it (practice, not graded: it may carry its answer) -------------------------

#: The person the lecture's Try it describes (not in q1's pool).
TRY_IT_PERSON = Text(
    "Ms Han, Northbridge Steel Works' new general manager, spends the first ten minutes telling you, with a lot of "
    "laughter, about the steel fair she has just come back from. She wants Northbridge to be 'the mill everyone "
    "visits', and asks whether you could hold a lubrication open day there together.",
    "北桥钢铁新上任的总经理韩女士，头十分钟都在谈她刚参加完的钢铁展会，笑声不断。她希望北桥成为“大家都来参观的钢厂”，"
    "还问你能不能和他们一起在厂里办一次润滑开放日。")


def _asks(value, _data) -> bool:
    return value in ("amiable", "analytical")


def _controls(value, _data) -> bool:
    return value in ("driver", "analytical")


try_it = Question(
    id="try_it", exercise="lec06_people_and_sales_cycle",
    summary=Text("Ms Han's social style", "韩女士的社交风格"),
    form=OneOf(SOCIAL_STYLES),
    variant=lambda trainee: None,
    practice_answer=lambda _data: "expressive",
    hints=(
        Text("Does she tell or ask? Does she show feelings or keep them back?", "她是“表达”还是“询问”？是外露感情还是克制感情？"),
        Text("Setting the goal and proposing the open day herself is telling; laughter and a story are showing feelings.",
             "自己定目标、自己提议办开放日，这是“表达”；笑声和讲故事，是外露感情。"),
    ),
    mistakes=(
        Mistake("asks", Text("She does not wait to be asked: she sets the goal and proposes the next step. Look at the "
                             "tell end of assertiveness.",
                             "她没有等别人来问：她自己定目标、提出下一步。看果断性中“表达”的一端。"), _asks),
        Mistake("controls", Text("Laughter and a story about the fair: she shows her feelings. Look at the emotes end "
                                 "of responsiveness.",
                                 "又是笑声又是讲展会见闻：她在外露感情。看回应性中“外露”的一端。"), _controls),
    ),
)
