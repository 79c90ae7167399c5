"""Exercise 03, *Goals: business needs and personal wishes* (大客户管理的三大目标): the questions,
declared once.

Each trainee gets a **casebook** (:func:`variant`): eight things buyers said (q1), five claims as
they turn up in slide decks and sales talk (q2), and one person at a running-case account with
notes from a first meeting and four draft value statements (q3, q4; q5 is written for the same
account). The answers are the trainee's judgements; kamlib has the lists (``BUSINESS_NEEDS``,
``PERSONAL_WISHES``, ``VERDICTS``) and the lecture's buyers. No expected answer is computed here:
the grader marks the answers against the instructor's key (``exercises/keys/ex03_goals_and_needs.py``).

The self-checks catch a malformed answer and answers that cannot be right whatever the casebook
(one source for two of the five claims, say); they never compute the right answer.

>>> my = variant("demo")
>>> len(my.quotes), len(my.claims), len(my.case.notes), len(my.statements)
(8, 5, 3, 4)
>>> q2.evaluate({c.id: "unverified" for c in my.claims}, trainee="demo", keys=False).outcome
'not yet'
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

from kamlib.checks.framework import Labels, Mistake, OneOf, Parts, Question, trainee_id, variant_rng
from kamlib.data.course import read_records, text_items
from kamlib.models.goals_and_needs import BUSINESS_NEEDS, NEED_CATEGORIES, PERSONAL_WISHES, VERDICTS
from kamlib.text import Text, TextItem

__all__ = ["EXERCISE", "SOURCES", "Item", "Case", "Casebook", "quotes", "claim_cards", "cases", "variant",
           "q1", "q2", "q3", "q4", "QUESTIONS", "try_it", "TRY_IT_QUOTE"]

EXERCISE = "ex03_goals_and_needs"

#: q2's labels: where a claim comes from, or that no source was found for it.
SOURCES = {
    "webster_wind": Text("Webster & Wind (1972), research on organisational buying [E]",
                         "Webster & Wind（1972），组织采购研究 [E]"),
    "miller_heiman": Text("Miller Heiman, The New Strategic Selling, a practitioner method [P]",
                          "Miller Heiman《新策略销售》，业内方法 [P]"),
    "zaltman": Text("Zaltman, How Customers Think (2003), a practitioner book [P]",
                    "Zaltman《顾客如何思考》（2003），业内著作 [P]"),
    "ceb_google": Text("CEB/Google with Motista (2013), a commercial survey [P]",
                       "CEB/Google 与 Motista（2013），商业调查 [P]"),
    "unverified": Text("unverified: no source was found for the claim as stated [U]",
                       "未经证实：找不到这种说法的出处 [U]"),
}


Item = TextItem  # a pool entry {id, en, zh} (kamlib.data.course.text_items)


@dataclass(frozen=True)
class Case:
    """q3 and q4: a person at a running-case account and what they said in a first meeting."""

    id: str
    account: str
    account_name: Text
    name: Text
    role: Text
    notes: tuple[Text, ...]
    statements: tuple[Item, ...]


@lru_cache(maxsize=1)
def quotes() -> tuple[Item, ...]:
    """q1's pool: what buyers said (goals_and_needs_quotes.yaml)."""
    source = "goals_and_needs_quotes.yaml"
    return text_items(read_records(source, "quotes"), source)


@lru_cache(maxsize=1)
def claim_cards() -> dict[str, tuple[Item, ...]]:
    """q2's pool: slot -> its claim cards (goals_and_needs_claim_cards.yaml)."""
    from kamlib.data.schema import require_keys

    source = "goals_and_needs_claim_cards.yaml"
    found = {}
    for i, record in enumerate(read_records(source, "slots"), 1):
        require_keys(record, ("slot", "cards"), f"{source}, slot {i}")
        found[record["slot"]] = text_items(record["cards"], f"{source}, slot {i}")
    return found


@lru_cache(maxsize=1)
def cases() -> dict[str, Case]:
    """q3 and q4's pool: case id -> :class:`Case` (goals_and_needs_cases.yaml)."""
    from kamlib.data.key_accounts import load_accounts
    from kamlib.data.schema import bilingual, require_keys

    accounts = {a.id: a for a in load_accounts()}
    source = "goals_and_needs_cases.yaml"
    found = {}
    for i, record in enumerate(read_records(source, "cases"), 1):
        where = f"{source}, case {i}"
        require_keys(record, ("id", "account", "name", "role", "notes", "statements"), where)
        account = accounts[record["account"]]
        found[record["id"]] = Case(
            record["id"], account.id, Text(account.name, account.name_zh), bilingual(record["name"], f"{where}, name"),
            bilingual(record["role"], f"{where}, role"),
            tuple(bilingual(n, f"{where}, note {j}") for j, n in enumerate(record["notes"], 1)),
            text_items(record["statements"], where))
    return found


# --- the trainee's casebook ----------------------------------------------------------------------


@dataclass(frozen=True)
class Casebook:
    """One trainee's variant."""

    trainee: str
    quotes: tuple[Item, ...]
    claims: tuple[Item, ...]
    case: Case
    statements: tuple[Item, ...]

    @property
    def account_name(self) -> Text:
        """The account of q3-q5."""
        return self.case.account_name

    def _repr_html_(self) -> str:
        c = self.case
        heads = {
            "you": Text(f"Your casebook (trainee {self.trainee})", f"你的题目（学员 {self.trainee}）"),
            "q1": Text("q1: what eight buyers said", "q1：八位客户人员说的话"),
            "q2": Text("q2: five claims, as you met them", "q2：你听到的五种说法"),
            "q3": Text(f"q3: {c.name.en}, {c.role.en} at {c.account_name.en} ({c.account}), in your first meeting",
                       f"q3：{c.account_name.zh}（{c.account}）的{c.role.zh}{c.name.zh}，在第一次会面中说"),
            "q4": Text(f"q4: four draft value statements for {c.name.en}", f"q4：写给{c.name.zh}的四条价值陈述草稿"),
        }

        def head(key):
            return f"<p><b>{html.escape(str(heads[key]))}</b></p>"

        def bullets(items):
            return "<ul>" + "".join(f"<li><b>{i.id}</b>: {html.escape(str(i.text))}</li>" for i in items) + "</ul>"

        notes = "<ul>" + "".join(f"<li>“{html.escape(str(n))}”</li>" for n in c.notes) + "</ul>"
        return (head("you") + head("q1") + bullets(self.quotes) + head("q2") + bullets(self.claims) + head("q3")
                + notes + head("q4") + bullets(self.statements))


def variant(trainee: str | None = None) -> Casebook:
    """The trainee's casebook: the same trainee always gets the same one."""
    trainee = trainee or trainee_id()
    rng = variant_rng(EXERCISE, trainee)
    said = tuple(rng.sample(quotes(), 8))
    claims = [rng.choice(cards) for _, cards in sorted(claim_cards().items())]
    rng.shuffle(claims)
    case = cases()[rng.choice(sorted(cases()))]
    statements = list(case.statements)
    rng.shuffle(statements)
    return Casebook(trainee, said, tuple(claims), case, tuple(statements))


def _all_alike(value, my) -> bool:
    return len(set(value.values())) == 1


# --- q1: which need or wish? -----------------------------------------------------------------------

q1 = Question(
    id="q1", exercise=EXERCISE,
    summary=Text("the need or wish each buyer's words show", "每位客户人员的话所表露的需求或愿望"),
    form=Labels(lambda my: [q.id for q in my.quotes], NEED_CATEGORIES),
    variant=variant,
    hints=(
        Text("First decide whose interest it is: the company's (a business need: volume, cost, profit, safety, "
             "image) or the person's own (a personal wish: achievement, status, friendship, security, survival).",
             "先判断是谁的利益：企业的（业务需求：销量、成本、利润、安全、形象），还是这个人自己的（个人愿望：成就感、"
             "地位感、情谊感、安全感、生存感）。"),
        Text("Safety (安全) is the plant's: accidents, failures, audits, rules. Security (安全感) is the person's: "
             "not being blamed, no surprises that land on them. Survival (生存感) is keeping the job or the post.",
             "安全是工厂的：事故、故障、审核、规章。安全感是个人的：不被追责，不出落到自己头上的意外。生存感是保住"
             "饭碗或岗位。"),
        Text("Achievement is the satisfaction of the result itself; status is how others see them (a post, a "
             "council, being asked how it was done). Image is the company's name, not the person's.",
             "成就感是对成果本身的满足；地位感是别人怎么看他（职位、委员会、被人请教）。形象是企业的名声，不是个人的。"),
    ),
    mistakes=(
        Mistake("all alike", Text("You gave every quote the same label; they were chosen to differ.",
                                  "你给每条引语都标了同一个标签；这些引语是特意挑选成各不相同的。"), _all_alike),
    ),
)


# --- q2: where does the claim come from? -----------------------------------------------------------


def _same_source(value, my) -> bool:
    return len(set(value.values())) < len(value)


q2 = Question(
    id="q2", exercise=EXERCISE,
    summary=Text("the source behind each claim, or that none was found", "每种说法背后的出处，或者找不到出处"),
    form=Labels(lambda my: [c.id for c in my.claims], tuple(SOURCES)),
    variant=variant,
    hints=(
        Text("Match what the claim says, not the famous name it carries: a figure with 'Harvard' in front of it "
             "is not necessarily from anyone at Harvard.",
             "要看说法的内容，而不是它挂着的名头：数字前面写着“哈佛”，不一定真出自哈佛的任何人。"),
        Text("Zaltman's 95 % is about unconscious thought, emotion and learning, not about decisions. Task and "
             "non-task variables are Webster & Wind's words; results and wins are Miller Heiman's.",
             "Zaltman 的 95% 说的是无意识的思考、情绪和学习，不是决策。“任务变量/非任务变量”是 Webster & Wind 的"
             "说法；“结果/赢”是 Miller Heiman 的说法。"),
        Text("Each of your five claims comes from a different one of the five labels.",
             "你的五种说法各对应五个标签中不同的一个。"),
    ),
    mistakes=(
        Mistake("same source", Text("You gave two claims the same label; each of your five has a different one.",
                                    "你给两种说法标了同一个出处；你的五种说法各不相同。"), _same_source),
    ),
)


# --- q3: what must the proposal answer? ------------------------------------------------------------

q3 = Question(
    id="q3", exercise=EXERCISE,
    summary=Text("the business need and the personal wish your proposal must answer for this person",
                 "你的方案必须为此人回应的业务需求和个人愿望"),
    form=Parts({"business": OneOf(BUSINESS_NEEDS), "personal": OneOf(PERSONAL_WISHES)}),
    variant=variant,
    hints=(
        Text("Read what this person said, not what the job title suggests: a purchasing manager is not always "
             "about cost, a maintenance manager not always about uptime.",
             "看此人说了什么，而不是看职位：采购经理不一定只关心成本，设备经理也不一定只关心开动率。"),
        Text("One of the three notes rules something out. What is left of the business needs?",
             "三条记录中有一条把某个选项排除了。剩下的业务需求是哪一个？"),
        Text("The personal wish is about the person themselves: their name, their post, their standing, their "
             "relationships, their risk.",
             "个人愿望关乎此人自己：他的名字、岗位、地位、人际关系、风险。"),
    ),
)


# --- q4: what does each draft serve? ---------------------------------------------------------------

q4 = Question(
    id="q4", exercise=EXERCISE,
    summary=Text("for each draft value statement, whether it serves this person's need, wish, both or neither",
                 "每条价值陈述草稿回应的是此人的需求、愿望、两者兼顾，还是两者都没有"),
    form=Labels(lambda my: [s.id for s in my.statements], VERDICTS),
    variant=variant,
    hints=(
        Text("Take your answer to q3. For each draft: does it answer that business need? Does it answer that "
             "personal wish?",
             "用你在 q3 的答案。逐条看草稿：它回应了那项业务需求吗？它回应了那项个人愿望吗？"),
        Text("A draft that offers something this person did not ask for (or ruled out) serves nothing of theirs, "
             "however good the offer.",
             "如果草稿提供的是此人没提、甚至明确排除的东西，那么不管条件多好，都没有回应他的需求。"),
    ),
    mistakes=(
        Mistake("all alike", Text("You gave every draft the same label; they were written to differ.",
                                  "你给每条草稿都标了同一个标签；这些草稿是特意写成各不相同的。"), _all_alike),
    ),
)

QUESTIONS = (q1, q2, q3, q4)


# --- the lecture's Try it (practice, not graded: it may carry its answer) -------------------------

#: The quote the lecture's Try it asks about (not in q1's pool).
TRY_IT_QUOTE = Text(
    "Mr Luo, Cloudridge Cement's maintenance manager, a week later: \"Before anyone touches the kiln drive, I need "
    "your method statement. Our safety officer signs off every job near moving parts, no exceptions.\"",
    "一周后，云岭水泥的设备经理罗斌说：“谁要动回转窑传动，先把你们的作业方案交上来。靠近运动部件的每一项作业，都要我们的"
    "安全员签字，没有例外。”")


def _said_security(value, _data) -> bool:
    return value == "security"


def _personal(value, _data) -> bool:
    return value in PERSONAL_WISHES and value != "security"


try_it = Question(
    id="try_it", exercise="lec03_goals_and_needs",
    summary=Text("the need Mr Luo's words show", "罗斌这句话表露的需求"),
    form=OneOf(NEED_CATEGORIES),
    variant=lambda trainee: None,
    practice_answer=lambda _data: "safety",
    hints=(
        Text("Whose interest is it: the plant's, or Mr Luo's own?", "这是谁的利益：工厂的，还是罗斌自己的？"),
        Text("A sign-off rule for work near moving parts protects the plant's people and operation.",
             "靠近运动部件的作业要签字，这条规矩保护的是工厂的人员和运行。"),
    ),
    mistakes=(
        Mistake("security", Text("Security (安全感) is the person's own wish not to be blamed. Here he states the "
                                 "plant's rule for safe work: the company's safety (安全).",
                                 "安全感是个人不想被追责的愿望。这里他讲的是工厂安全作业的规矩：是企业的“安全”。"),
                _said_security),
        Mistake("personal", Text("He is not speaking about himself: the rule is the plant's. Look at the business "
                                 "needs.", "他说的不是他自己：这是工厂的规矩。看业务需求那一栏。"), _personal),
    ),
)
