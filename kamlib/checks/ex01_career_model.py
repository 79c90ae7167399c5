"""Exercise 01, *The personal career model* (个人职业发展模型): the questions, declared once.

Each trainee gets a **casebook** (:func:`variant`): eight people described by how they earn (q1),
a person's income by source (q2), seven working habits of key-account managers (q3), and one of
the running case's accounts with its volume by order route (q4). The answers are the trainee's
judgements; kamlib is the calculator (``share_of`` adds up the streams you choose). No expected
answer is computed here: the grader marks the answers against the instructor's key
(``exercises/keys/ex01_career_model.py``).

The self-checks catch a malformed answer and answers that cannot be right whatever the casebook
(a share that does not match the streams you chose, say); they never compute the right answer.

>>> my = variant("demo")
>>> len(my.people), len(my.income), len(my.habits), len(my.routes)
(8, 5, 7, 5)
>>> q2.evaluate({"keeps_coming": [], "share_pct": 40}, trainee="demo", keys=False).outcome
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
    Number,
    OneOf,
    Parts,
    Question,
    trainee_id,
    variant_rng,
)
from kamlib.models.career_model import QUADRANTS, Stream, share_of
from kamlib.text import Text, TextItem

__all__ = ["EXERCISE", "REASONS", "Item", "Casebook", "people", "income_sources", "habits", "routes", "variant",
           "q1", "q2", "q3", "q4", "QUESTIONS", "try_it", "TRY_IT_PERSON"]

EXERCISE = "ex01_career_model"

#: q3's reasons: why a KAM needs the habits you picked (one is the lecture's point).
REASONS = {
    "commission": Text("they raise the KAM's own commission fastest", "它们能最快地提高大客户经理自己的提成"),
    "lock_in": Text("they make the KAM the customer's only contact, so the customer cannot leave",
                    "它们让大客户经理成为客户唯一的联系人，客户就走不了"),
    "system": Text("the account keeps delivering for both companies when the KAM is away or moves on: it rests on a "
                   "system, not on one person",
                   "大客户经理不在或调走时，这个客户照样为双方创造价值：它靠的是一套系统，而不是某一个人"),
    "proven": Text("research proves that business owners earn more than employees",
                   "研究证明业主比雇员挣得多"),
}

_NAMES = (("Mr Tang", "唐先生"), ("Ms Feng", "冯女士"), ("Mr Qian", "钱先生"), ("Ms Luo", "罗女士"),
          ("Mr Deng", "邓先生"), ("Ms Xie", "谢女士"), ("Mr Pan", "潘先生"), ("Ms Jiang", "蒋女士"))


Item = TextItem  # a pool entry {id, en, zh} (kamlib.data.course.load_text_pool)


def _items(source: str, what: str) -> tuple[Item, ...]:
    """The pool ``source`` (a YAML list of {id, en, zh} in kamlib/data) of ``what``."""
    from kamlib.data.course import load_text_pool

    return load_text_pool(source.removesuffix(".yaml"))


@lru_cache(maxsize=1)
def people() -> tuple[Item, ...]:
    """q1's pool: people described by how they earn (career_model_people.yaml)."""
    return _items("career_model_people.yaml", "people")


@lru_cache(maxsize=1)
def income_sources() -> tuple[Item, ...]:
    """q2's pool: sources of income (career_model_income.yaml)."""
    return _items("career_model_income.yaml", "income sources")


@lru_cache(maxsize=1)
def habits() -> tuple[Item, ...]:
    """q3's pool: working habits of key-account managers (career_model_habits.yaml)."""
    return _items("career_model_habits.yaml", "habits")


@lru_cache(maxsize=1)
def routes() -> tuple[Item, ...]:
    """q4's pool: ways orders reach Harbourlight from an account (career_model_routes.yaml)."""
    return _items("career_model_routes.yaml", "order routes")


# --- the trainee's casebook ----------------------------------------------------------------------


@dataclass(frozen=True)
class Casebook:
    """One trainee's variant: ``income`` (CNY/yr) and ``routes`` (t/yr) are
    :class:`~kamlib.models.career_model.Stream` lists for ``share_of``."""

    trainee: str
    people: tuple[Item, ...]
    person: Text
    income: tuple[Stream, ...]
    habits: tuple[Item, ...]
    account: str
    account_name: Text
    routes: tuple[Stream, ...]

    def _repr_html_(self) -> str:
        heads = {
            "you": Text(f"Your casebook (trainee {self.trainee})", f"你的题目（学员 {self.trainee}）"),
            "q1": Text("q1: eight people, by how they earn", "q1：八个人，看他们怎样挣钱"),
            "q2": Text(f"q2: {self.person.en}'s income, CNY a year", f"q2：{self.person.zh}的收入（元/年）"),
            "q3": Text("q3: seven habits of key-account managers", "q3：大客户经理的七种工作习惯"),
            "reasons": Text("q3: the reasons to choose from", "q3：可选的理由"),
            "q4": Text(f"q4: {self.account_name.en} ({self.account}), volume by order route, t a year",
                       f"q4：{self.account_name.zh}（{self.account}）各订单来源的销量（吨/年）"),
        }

        def head(key):
            return f"<p><b>{html.escape(str(heads[key]))}</b></p>"

        def bullets(items):
            return "<ul>" + "".join(f"<li><b>{i.id}</b>: {html.escape(str(i.text))}</li>" for i in items) + "</ul>"

        def streams(items, unit):
            return "<ul>" + "".join(f"<li><b>{s.id}</b>: {html.escape(str(s.text))}: {s.per_year:,.0f} {unit}</li>"
                                    for s in items) + "</ul>"

        reasons = "<ul>" + "".join(f"<li><code>{k}</code>: {html.escape(str(v))}</li>" for k, v in REASONS.items())
        return (head("you") + head("q1") + bullets(self.people) + head("q2") + streams(self.income, "CNY/yr")
                + head("q3") + bullets(self.habits) + head("reasons") + reasons + "</ul>" + head("q4")
                + streams(self.routes, "t/yr"))


def _split(rng, total: int, parts: int, step: int) -> list[int]:
    """``total`` split into ``parts`` positive multiples of ``step`` (a little rounding aside)."""
    weights = [rng.randrange(1, 6) for _ in range(parts)]
    found = [max(step, round(total * w / sum(weights) / step) * step) for w in weights]
    return found


def variant(trainee: str | None = None) -> Casebook:
    """The trainee's casebook: the same trainee always gets the same one."""
    from kamlib.data.key_accounts import load_accounts

    trainee = trainee or trainee_id()
    rng = variant_rng(EXERCISE, trainee)
    who = tuple(rng.sample(people(), 8))
    name = Text(*rng.choice(_NAMES))
    income = tuple(Stream(i.id, i.text, rng.randrange(2, 31) * 10_000) for i in rng.sample(income_sources(), 5))
    picked = tuple(rng.sample(habits(), 7))
    account = rng.choice([a for a in load_accounts() if a.served == "direct"])
    chosen = rng.sample(routes(), 5)
    volumes = _split(rng, int(account.volume_t), 5, 5)
    flows = tuple(Stream(r.id, r.text, v, "t/yr") for r, v in zip(chosen, volumes, strict=True))
    return Casebook(trainee, who, name, income, picked, account.id, Text(account.name, account.name_zh), flows)


# --- q1: which position? ---------------------------------------------------------------------------

q1 = Question(
    id="q1", exercise=EXERCISE,
    summary=Text("the position each person works from", "每个人所处的位置"),
    form=Labels(lambda my: [p.id for p in my.people], QUADRANTS),
    variant=variant,
    hints=(
        Text("Ask two questions of each person. Who does the work: they themselves, or a system and other people? "
             "Who set up the work: someone else (an employer) or they themselves?",
             "对每个人问两个问题：活是谁干的？是他本人，还是一套系统和别人？这份工作是谁设定的？是别人（雇主），还是他自己？"),
        Text("E: someone else's job, for a salary. S: their own job; the income stops when they stop. B: a system "
             "others work in; it runs without them. I: money or property works; they do not run it.",
             "E：替别人干、拿工资。S：自己的活，人一停收入就停。B：一套别人在其中工作的系统，没有他也能运转。"
             "I：钱或资产在工作，他本人不经营。"),
        Text("Owning a business is not enough for B: a shop that closes when its owner is ill is S. Ask what happens "
             "when the person takes three months off.",
             "光是拥有一家企业还不算 B：老板一生病就关门的店是 S。问一问：这个人休息三个月会怎样？"),
    ),
    mistakes=(
        Mistake("all alike", Text("You gave every person the same position; they were chosen to differ.",
                                  "你给每个人都标了同一个位置；这些人是特意挑选成各不相同的。"),
                lambda value, my: len(set(value.values())) == 1),
    ),
)


# --- q2: what keeps coming? ------------------------------------------------------------------------


def _share_mismatch(streams_of):
    def matches(value, my) -> bool:
        return abs(share_of(streams_of(my), value["keeps_coming"]) - value["share_pct"]) > 1.0

    return matches


q2 = Question(
    id="q2", exercise=EXERCISE,
    summary=Text("which income sources keep coming when the person stops working, and their share of the income",
                 "人停下来以后哪些收入还会继续，以及它们占全部收入的比例"),
    form=Parts({"keeps_coming": Ids(lambda my: [s.id for s in my.income]),
                "share_pct": Number("%", minimum=0, maximum=100)}),
    variant=variant,
    hints=(
        Text("For each source ask: if the person stopped working for six months, would it still be paid? Pay for "
             "hours, days, courses or orders they do themselves stops.",
             "对每一项收入问：如果这个人六个月不工作，这笔钱还会付吗？按小时、按天、按课、按自己拿下的订单计的钱，都会停。"),
        Text("Money from something others run (a manager, an agent, franchisees), or from money itself (rent, "
             "dividends, interest, royalties), keeps coming.",
             "来自别人经营的东西（店长、代理、加盟商）或来自资金本身（房租、分红、利息、版税）的收入，会继续。"),
        Text("Then let kamlib add up: share_of(my.income, [the ids you chose]) gives the share in %.",
             "然后让 kamlib 来加总：share_of(my.income, [你选的编号]) 给出百分比。"),
    ),
    mistakes=(
        Mistake("share mismatch", Text("Your share does not match the sources you chose: add up just those "
                                       "(share_of(my.income, ...)).",
                                       "你的比例与你选的收入来源对不上：只把这几项加起来（share_of(my.income, ...)）。"),
                _share_mismatch(lambda my: my.income)),
    ),
)


# --- q3: the owner-like habits ---------------------------------------------------------------------

q3 = Question(
    id="q3", exercise=EXERCISE,
    summary=Text("the owner-like habits a key-account manager needs, and why", "大客户经理需要哪些“业主式”习惯，以及为什么"),
    form=Parts({"habits": Ids(lambda my: [h.id for h in my.habits]), "reason": OneOf(tuple(REASONS))}),
    variant=variant,
    hints=(
        Text("The lecture's point: run the account like the owner of a system (B), not like someone who owns a job "
             "(S) or waits to be told (E). Which habits build something that works without you?",
             "讲义的观点：像业主经营一套系统（B）那样经营客户，而不是像“拥有一份工作”的人（S）那样事事亲为，或像等人"
             "吩咐的人（E）那样被动。哪些习惯建起的是没有你也能运转的东西？"),
        Text("A habit that makes the account depend on you alone is S, however hard you work at it; a habit that "
             "waits for instructions is E.",
             "让客户只依赖你一个人的习惯是 S，不管你多努力；等别人指示的习惯是 E。"),
        Text("For the reason, remember where the quadrant comes from: a self-help book, used for reflection.",
             "选理由时，别忘了这个象限的出处：一本励志类图书，用来自我反思。"),
    ),
    mistakes=(
        Mistake("all habits", Text("You picked every habit: some of them make the account depend on you alone.",
                                   "你把所有习惯都选上了：其中有些会让客户只依赖你一个人。"),
                lambda value, my: len(set(value["habits"])) == len(my.habits)),
    ),
)


# --- q4: the account's volume that keeps coming ----------------------------------------------------

q4 = Question(
    id="q4", exercise=EXERCISE,
    summary=Text("which order routes keep coming while you are away for three months, and their share of the volume",
                 "你离开三个月期间哪些订单来源还会继续，以及它们占销量的比例"),
    form=Parts({"keeps_coming": Ids(lambda my: [r.id for r in my.routes]),
                "share_pct": Number("%", minimum=0, maximum=100)}),
    variant=variant,
    hints=(
        Text("For each route ask: who makes the order happen? If it is you, your calls, your visits, your "
             "friendship, it stops while you are away.",
             "对每个订单来源问：是谁让这张订单发生的？如果是你本人、你的电话、你的拜访、你的交情，你一离开它就停。"),
        Text("A contract, a reorder point, a catalogue listing, a trained team or the customer's own routine keeps "
             "ordering without you: that is the account run as a system.",
             "合同、再订货点、采购目录、培训过的团队或客户自己的制度，没有你也会继续下单：这就是把客户当作一套系统来经营。"),
        Text("Then: share_of(my.routes, [the ids you chose]).", "然后：share_of(my.routes, [你选的编号])。"),
    ),
    mistakes=(
        Mistake("share mismatch", Text("Your share does not match the routes you chose: add up just those "
                                       "(share_of(my.routes, ...)).",
                                       "你的比例与你选的订单来源对不上：只把这几项加起来（share_of(my.routes, ...)）。"),
                _share_mismatch(lambda my: my.routes)),
    ),
)

QUESTIONS = (q1, q2, q3, q4)


# --- the lecture's Try it (practice, not graded: it may carry its answer) -------------------------

#: The person the lecture's Try it describes (not in q1's pool).
TRY_IT_PERSON = Text(
    "Mr Lu owns a small lubricant distributorship. He visits every customer himself, writes every quote and does "
    "the books at night. When he spent two weeks in hospital, the orders stopped.",
    "陆先生开了一家小型润滑油经销公司。每个客户都是他亲自拜访，每份报价都是他亲手写，晚上还自己记账。他住院两周，订单就停了。")


try_it = Question(
    id="try_it", exercise="lec01_career_model",
    summary=Text("the position Mr Lu works from", "陆先生所处的位置"),
    form=OneOf(QUADRANTS),
    variant=lambda trainee: None,
    practice_answer=lambda _data: "S",
    hints=(
        Text("What happened to the orders when he was away?", "他不在的时候，订单怎么样了？"),
        Text("He owns the company, but does it run without him?", "公司是他的，可是没有他，公司转得动吗？"),
    ),
    mistakes=(
        Mistake("owner", Text("He owns the company, but it is not a system yet: the orders stopped when he was in "
                              "hospital. Owning a job is S.",
                              "公司是他的，但还不是一套系统：他一住院，订单就停了。“拥有一份工作”是 S。"),
                lambda value, _data: value == "B"),
        Mistake("employee", Text("Nobody employs him: he set up the business himself.", "没有人雇他：生意是他自己做起来的。"),
                lambda value, _data: value == "E"),
    ),
)
