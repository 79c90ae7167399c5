"""Exercise 08, *Organisation and the decision chain* (组织结构与决策链): the questions, declared once.

Each trainee gets a **casebook** (:func:`variant`): a steel mill or a power plant; eight of its
people described by what they do in a change of lubricant (q1); that customer's organisation
chart with everyone's roles, its decision chain, Harbourlight's contact matrix and a note from
the account file (q2, q3); and another customer's decision chain in five steps out of order (q4).
The answers are the trainee's judgements; kamlib is the calculator (``role_holders``,
``uncovered_roles``, ``route_to`` ...). No expected answer is computed here: the grader marks the
answers against the instructor's key (``exercises/keys/ex08_organisation_and_decision_chain.py``).

>>> my = variant("demo")
>>> len(my.personas), len(my.steps), my.matrix.ours
(8, 5, ('kam', 'tse', 'rsm', 'css'))
>>> q1.evaluate({p.id: "user" for p in my.personas}, trainee="demo", keys=False).outcome
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
from kamlib.models.organisation_and_decision_chain import (
    ROLES,
    WORKING,
    ContactMatrix,
    contact_matrix,
    role_holders,
)
from kamlib.text import Text

__all__ = ["EXERCISE", "CASES", "REASONS", "Item", "Casebook", "personas", "chains", "variant", "q1", "q2", "q3",
           "q4", "QUESTIONS", "try_it"]

EXERCISE = "ex08_organisation_and_decision_chain"
#: The two customers of the exercise: persona pool -> the organisation on file.
CASES = {"steel": "ironvale", "power": "eastgate"}
#: q3's reasons for choosing the next contact.
REASONS = {
    "first_gap": Text("they are at the first step of the decision chain where we have no working relationship: "
                      "the change stops there", "他处在决策链上我们第一个没有工作关系的环节：换油会卡在那里"),
    "top": Text("they are the most senior person: decisions come from the top", "他职位最高：决定都是上面做的"),
    "warm": Text("we already know them a little, so it is the easiest call", "我们已经认识他，这个电话最好打"),
    "roles": Text("they hold the most roles in the buying centre", "他在采购中心里担任的角色最多"),
}
_LEAVING = (
    Text("retires at the end of this month; no successor has been named", "月底退休，接替的人还没有定"),
    Text("moves to the group's new plant next month, for good", "下个月调往集团的新工厂，不再回来"),
    Text("has resigned and leaves in two weeks", "已经辞职，两周后离开"),
)


@dataclass(frozen=True)
class Item:
    """A persona (q1) or a step of a decision chain (q4)."""

    id: str
    text: Text


@lru_cache(maxsize=1)
def personas() -> dict[str, tuple[Item, ...]]:
    """q1's pool: case -> people described by what they do (organisation_and_decision_chain_personas.yaml)."""
    from kamlib.data.schema import DataError, data_path, read_yaml, require_keys

    source = "organisation_and_decision_chain_personas.yaml"
    raw = read_yaml(data_path(source))
    if not isinstance(raw, dict) or sorted(raw) != sorted(CASES):
        raise DataError(f"{source}: expected the cases {', '.join(CASES)}")
    found = {}
    for case, records in raw.items():
        items = []
        for i, record in enumerate(records, 1):
            require_keys(record, ("id", "en", "zh"), f"{source}, {case} {i}")
            items.append(Item(record["id"], Text(record["en"].strip(), record["zh"].strip())))
        found[case] = tuple(items)
    return found


@lru_cache(maxsize=1)
def chains() -> dict[str, tuple[Text, tuple[Item, ...]]]:
    """q4's pool: chain id -> (whose change, its five steps in no order)."""
    from kamlib.data.schema import DataError, data_path, read_yaml, require_keys

    source = "organisation_and_decision_chain_chains.yaml"
    raw = read_yaml(data_path(source))
    if not isinstance(raw, list):
        raise DataError(f"{source}: expected a list of chains")
    found = {}
    for i, record in enumerate(raw, 1):
        where = f"{source}, chain {i}"
        require_keys(record, ("id", "en", "zh", "steps"), where)
        steps = []
        for j, step in enumerate(record["steps"], 1):
            require_keys(step, ("id", "en", "zh"), f"{where}, step {j}")
            steps.append(Item(step["id"], Text(step["en"], step["zh"])))
        found[record["id"]] = (Text(record["en"], record["zh"]), tuple(steps))
    return found


@dataclass(frozen=True)
class Casebook:
    """One trainee's variant. ``chart`` and ``matrix`` go straight into kamlib's functions."""

    trainee: str
    case: str
    personas: tuple[Item, ...]
    customer: object  # kamlib.data.organisation_and_decision_chain.Organisation
    matrix: ContactMatrix
    leaving: str
    leaving_note: Text
    chain_name: Text
    steps: tuple[Item, ...]

    @property
    def chart(self):
        return self.customer.chart

    @property
    def chain(self) -> tuple[str, ...]:
        return self.customer.chain

    def _repr_html_(self) -> str:
        from kamlib.data.organisation_and_decision_chain import load_team

        c = self.customer
        e = html.escape

        def head(en, zh):
            return f"<p><b>{e(str(Text(en, zh)))}</b></p>"

        people = "".join(
            f"<tr><td><code>{p}</code></td><td>{e(str(c.person(p).name))}</td><td>{e(str(c.titles[p]))}</td>"
            f"<td>{e(', '.join(c.person(p).roles))}</td><td>{c.person(p).reports_to or '–'}</td></tr>" for p in c.chart)
        chain = " → ".join(f"<code>{p}</code> {e(str(s))}" for p, s in zip(c.chain, c.steps, strict=True))
        team = {m.id: m for m in load_team()}
        cells = "".join(f"<th><code>{t}</code></th>" for t in self.matrix.theirs)
        rows = "".join(f"<tr><td><code>{o}</code> {e(str(team[o].name))}, {e(str(team[o].title))}</td>"
                       + "".join(f"<td style='text-align:center'>{s}</td>" for s in row) + "</tr>"
                       for o, row in zip(self.matrix.ours, self.matrix.strengths, strict=True))
        return (head(f"Your casebook (trainee {self.trainee})", f"你的题目（学员 {self.trainee}）")
                + head("q1: eight people at a customer, in a change of lubricant", "q1：某客户的八个人，在一次换油中")
                + "<ul>" + "".join(f"<li><b>{i.id}</b>: {e(str(i.text))}</li>" for i in self.personas) + "</ul>"
                + head(f"q2 and q3: {c.name.en}'s organisation (my.chart)", f"q2 和 q3：{c.name.zh}的组织结构（my.chart）")
                + "<table><tr><th>id</th><th></th><th></th><th>roles</th><th>reports to</th></tr>" + people
                + "</table>" + head("Decision chain for a change of lubricant (my.chain)", "换油的决策链（my.chain）")
                + f"<p>{chain}</p>"
                + head("Contact matrix, 0 none · 1 name only · 2 working · 3 trusted (my.matrix)",
                       "客户接触矩阵：0 无 · 1 只认识 · 2 有工作关系 · 3 信任（my.matrix）")
                + f"<table><tr><th></th>{cells}</tr>{rows}</table>"
                + head("From the account file", "客户档案记录")
                + f"<p>{e(str(c.person(self.leaving).name))} (<code>{self.leaving}</code>, "
                  f"{e(str(c.titles[self.leaving]))}) {e(str(self.leaving_note))}</p>"
                + head(f"q4: {self.chain_name.en}, five steps out of order",
                       f"q4：{self.chain_name.zh}，五个步骤（顺序已打乱）")
                + "<ul>" + "".join(f"<li><b>{i.id}</b>: {e(str(i.text))}</li>" for i in self.steps) + "</ul>")


def _kept(rng, chart, chain) -> set:
    """The people who get a working contact: a draw of two or three roles is left to everyone
    else, so that each of the other roles keeps a holder here, someone in the chain is left out,
    and at least two people are left out, one of them outside the chain (the one who is leaving)."""
    holders = role_holders(chart)
    roles = sorted(holders)
    while True:
        drawn = set(rng.sample(roles, rng.choice((2, 3))))
        kept = {p for p in sorted(chart) if not set(chart.nodes[p]["person"].roles) & drawn}
        held = {r for p in kept for r in chart.nodes[p]["person"].roles}
        others = [p for p in sorted(chart) if p not in kept]
        if (set(roles) - drawn <= held and any(p in chain for p in others) and len(others) >= 2
                and any(p not in chain for p in others)):
            return kept


def _matrix(rng, customer, team) -> tuple[ContactMatrix, str]:
    """The trainee's contact matrix and the contact who is leaving."""
    chart, chain = customer.chart, customer.chain
    kept = _kept(rng, chart, chain)
    others = [p for p in sorted(chart) if p not in kept]
    leaving = rng.choice([p for p in others if p not in chain])
    strengths = {o: {} for o in team}
    for p in sorted(chart):
        if p in kept:
            strengths[rng.choice(team)][p] = rng.choice((2, 3))
            if rng.random() < 0.4:
                strengths[rng.choice(team)].setdefault(p, rng.choice((1, 2)))
        elif p == leaving:
            strengths[rng.choice(team)][p] = 3
        elif rng.random() < 0.6:
            strengths[rng.choice(team)][p] = 1
    return contact_matrix(strengths, chart), leaving


def variant(trainee: str | None = None) -> Casebook:
    """The trainee's casebook: the same trainee always gets the same one."""
    from kamlib.data.organisation_and_decision_chain import load_organisation, load_team

    trainee = trainee or trainee_id()
    rng = variant_rng(EXERCISE, trainee)
    case = rng.choice(sorted(CASES))
    people = tuple(rng.sample(personas()[case], 8))
    customer = load_organisation(CASES[case])
    matrix, leaving = _matrix(rng, customer, [m.id for m in load_team()])
    name, steps = chains()[rng.choice(sorted(chains()))]
    steps = list(steps)
    rng.shuffle(steps)
    return Casebook(trainee, case, people, customer, matrix, leaving, rng.choice(_LEAVING), name, tuple(steps))


# --- q1: who plays which role? ----------------------------------------------------------------------

q1 = Question(
    id="q1", exercise=EXERCISE,
    summary=Text("the buying-centre role each person plays in the change", "每个人在这次换油中担任的采购中心角色"),
    form=Labels(lambda my: [p.id for p in my.personas], ROLES),
    variant=variant,
    hints=(
        Text("Ask what the person does in this change: starts it (initiator), works with the product (user), "
             "sways the choice without deciding it (influencer), runs the purchase (buyer), says yes or no to the "
             "change (decider), signs off afterwards (approver), or controls what reaches the others (gatekeeper).",
             "问一问这个人在这次换油中做什么：发起（发起者）、天天用这个产品（使用者）、影响选择但不拍板（影响者）、"
             "负责采购（采购者）、决定换不换（决策者）、事后审批签字（批准者），还是控制信息和人能不能到别人那里（把关者）。"),
        Text("Outside experts (an OEM, a lab, an institute) decide nothing but sway the choice. Someone who only "
             "controls the flow of papers, samples or visits is a gatekeeper, however junior.",
             "外部专家（主机厂、实验室、研究院）不做决定，却能左右选择。只管资料、样品或拜访能不能递上去的人，职位再低"
             "也是把关者。"),
        Text("Decider and approver differ: the decider chooses the product; the approver signs the money or the "
             "contract after the choice.", "决策者和批准者不同：决策者选定产品；批准者在选定之后批钱或签合同。"),
    ),
    mistakes=(
        Mistake("all alike", Text("You gave every person the same role; they were chosen to differ.",
                                  "你给每个人都标了同一个角色；这些人是特意挑选成各不相同的。"),
                lambda value, my: len(set(value.values())) == 1),
    ),
)


# --- q2: which roles does nobody cover? -------------------------------------------------------------


def _not_held(value, my) -> bool:
    return bool(set(value) - set(role_holders(my.chart)))


q2 = Question(
    id="q2", exercise=EXERCISE,
    summary=Text("the buying-centre roles we do not cover with a working relationship", "我们没有以工作关系覆盖的采购中心角色"),
    form=Ids(lambda my: list(ROLES)),
    variant=variant,
    hints=(
        Text("A role is covered when one of our people has a working relationship (2 or more) with someone who "
             "holds it. Knowing a name (1) covers nothing.",
             "只有我方有人和担任这个角色的某个人有工作关系（2 及以上），这个角色才算覆盖。只认识（1）不算覆盖。"),
        Text("Read the note from the account file: a contact who is leaving will not carry the role next month.",
             "看一看客户档案记录：要离开的人，下个月就担不起这个角色了。"),
        Text("uncovered_roles(my.chart, my.matrix) counts any contact, and it cannot know who is leaving.",
             "uncovered_roles(my.chart, my.matrix) 把任何接触都算上，而且它不知道谁要离开。"),
    ),
    mistakes=(
        Mistake("not in the chart", Text("You named a role nobody in this customer's chart holds.",
                                         "你列出的角色，在这个客户的组织结构图里没有人担任。"), _not_held),
    ),
)


# --- q3: the best next contact ----------------------------------------------------------------------

q3 = Question(
    id="q3", exercise=EXERCISE,
    summary=Text("the person to build a relationship with next, and why", "下一步要建立关系的人，以及理由"),
    form=Parts({"who": OneOf(lambda my: list(my.chart)), "why": OneOf(tuple(REASONS))}),
    variant=variant,
    hints=(
        Text("A change of lubricant passes the people of the decision chain (my.chain) in order; it stops at the "
             "first one who is not on our side.", "换油要按顺序经过决策链（my.chain）上的人；它会停在第一个我们没有争取到的人那里。"),
        Text("Walk the chain from the start and stop at the first person with no working relationship (2 or more).",
             "从决策链的起点往下走，停在第一个没有工作关系（2 及以上）的人那里。"),
    ),
    mistakes=(
        Mistake("covered already", Text("We already have a working relationship with the person you chose.",
                                        "你选的人，我们已经和他有工作关系了。"),
                lambda value, my: my.matrix.best(value["who"]) >= WORKING and value["who"] != my.leaving),
    ),
)


# --- q4: the order of the decision chain ------------------------------------------------------------

q4 = Question(
    id="q4", exercise=EXERCISE,
    summary=Text("the five steps of the customer's decision chain in order", "按顺序排列客户决策链的五个步骤"),
    form=Ids(lambda my: [s.id for s in my.steps], count=5, ordered=True),
    variant=variant,
    hints=(
        Text("A change of lubricant usually runs: someone raises a problem → a trial → a recommendation from the "
             "people who ran it → the decider approves → procurement tenders (and someone signs).",
             "换油通常是这样走的：有人提出问题 → 试用 → 负责试用的人提出建议 → 决策者批准 → 采购部门招标（再有人签字）。"),
        Text("Procurement tenders a product that has already been chosen; it rarely starts the change.",
             "采购部门招标的是已经选定的产品；换油很少是从采购开始的。"),
    ),
)

QUESTIONS = (q1, q2, q3, q4)


# --- the lecture's Try it (practice, not graded: it may carry its answer) -------------------------

try_it = Question(
    id="try_it", exercise="lec08_organisation_and_decision_chain",
    summary=Text("the uncovered role that stops Northbridge's change first", "最先卡住北桥钢铁换油的未覆盖角色"),
    form=OneOf(ROLES),
    variant=lambda trainee: None,
    practice_answer=lambda _data: "decider",
    hints=(
        Text("Which roles have no working relationship (2 or more) in Northbridge's matrix?",
             "在北桥钢铁的接触矩阵里，哪些角色没有工作关系（2 及以上）？"),
        Text("Of those, which comes first in the decision chain re → lf → mm → pm → pc → gm?",
             "其中哪一个在决策链 re → lf → mm → pm → pc → gm 上排在前面？"),
    ),
    mistakes=(
        Mistake("covered", Text("Northbridge's matrix already has a working relationship for that role.",
                                "在北桥钢铁的接触矩阵里，这个角色已经有工作关系了。"),
                lambda value, _data: value in ("initiator", "user", "influencer", "buyer", "gatekeeper")),
        Mistake("approver", Text("The approver is uncovered too, but the GM signs after the tender: the chain stops "
                                 "earlier.", "批准者也没有覆盖，但总经理是在招标之后才签字：决策链在更早的地方就卡住了。"),
                lambda value, _data: value == "approver"),
    ),
)
