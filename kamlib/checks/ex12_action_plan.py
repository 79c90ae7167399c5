"""Exercise 12, *The after-class action plan* (课后行动计划): the questions, declared once.

Each trainee gets a **casebook** (:func:`variant`): eight first-draft goals, each missing one SMART
letter (q1); a plan table for one running-case account with a fault in most rows (q2); that
account's volume goal to set for 90 days (q3); six candidate goals, of which two fit the account's
place on the selection matrix, if any (q4). The answers are the trainee's judgements; kamlib is the
calculator (``smart_cues``, ``make_plan``, ``plan_consistency``, ``account_links``), and its raw
output is not the answer: cues are signs, not proof. No expected answer is computed here: the
grader marks the answers against the instructor's key (``exercises/keys/ex12_action_plan.py``).

>>> my = variant("demo")
>>> len(my.goals), len(my.table), len(my.candidates), my.account.id in my.table[0].text
(8, 6, 6, True)
>>> q1.evaluate({g.id: "S" for g in my.goals}, trainee="demo", keys=False).outcome
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
    Question,
    trainee_id,
    variant_rng,
)
from kamlib.data.course import load_text_pool
from kamlib.models.action_plan import SMART_LETTERS
from kamlib.models.key_accounts import Account
from kamlib.text import Text, TextItem

__all__ = ["EXERCISE", "FIELDS", "TEAM", "Item", "Row", "Casebook", "goal_pool", "strategy_pool", "variant",
           "q1", "q2", "q3", "q4", "QUESTIONS", "try_it", "TRY_IT_GOAL"]

EXERCISE = "ex12_action_plan"

#: q2's labels: the field of a plan row to repair, or none.
FIELDS = {
    "owner": Text("owner: not one named person", "负责人：不是一个具体的人"),
    "metric": Text("metric: not what the goal measures", "指标：与目标所衡量的不一致"),
    "baseline": Text("baseline: not the account's figure today", "基线：不是客户目前的数据"),
    "target": Text("target: not an improvement on the baseline", "目标值：没有比基线更好"),
    "none": Text("nothing to repair", "无需修改"),
}
#: Harbourlight colleagues who own goals in the casebooks (fictional).
TEAM = (("Li Wei", "李伟"), ("Chen Jie", "陈杰"), ("Zhao Min", "赵敏"), ("Sun Hao", "孙浩"), ("Zhou Ting", "周婷"),
        ("Ma Jun", "马骏"))
_TEAM_NAMES = {en for en, _ in TEAM}
_GROUPS = (("The KA team", "大客户团队"), ("Sales", "销售部"), ("We", "我们"))
#: How each metric is written in a goal (q2): metric -> words.
_PHRASES = {
    "share_of_wallet_pct": Text("share of wallet", "钱包份额"),
    "volume_t": Text("volume", "采购量"),
    "gross_margin_pct": Text("gross margin", "毛利率"),
    "product_families": Text("product families supplied", "供应的产品系列"),
}
_UNITS = {"share_of_wallet_pct": ("%", "%"), "volume_t": (" t/yr", " 吨/年"), "gross_margin_pct": ("%", "%"),
          "product_families": ("", " 个")}
_ID_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


Item = TextItem  # a goal (q1) or a candidate goal (q4): a pool entry {id, en, zh}


@dataclass(frozen=True)
class Row:
    """q2: one row of the plan table, as a KAM typed it."""

    id: str
    text: str
    text_zh: str
    owner: str
    metric: str
    baseline: float
    target: float
    deadline_days: int

    def goal(self) -> dict:
        """The row as a goal for ``make_plan`` (the English text)."""
        return {"text": self.text, "owner": self.owner, "metric": self.metric, "baseline": self.baseline,
                "target": self.target, "deadline_days": self.deadline_days}


@lru_cache(maxsize=1)
def goal_pool() -> tuple[Item, ...]:
    """q1's pool: first-draft goals, ``{owner}`` to fill (action_plan_goals.yaml)."""
    return load_text_pool("action_plan_goals")


@lru_cache(maxsize=1)
def strategy_pool() -> tuple[Item, ...]:
    """q4's pool: 90-day goals written for one place on the selection matrix (action_plan_strategies.yaml)."""
    return load_text_pool("action_plan_strategies")


@dataclass(frozen=True)
class Casebook:
    """One trainee's variant."""

    trainee: str
    goals: tuple[Item, ...]
    account: Account
    table: tuple[Row, ...]
    candidates: tuple[Item, ...]

    def _repr_html_(self) -> str:
        a = self.account
        heads = {
            "you": Text(f"Your casebook (trainee {self.trainee})", f"你的题目（学员 {self.trainee}）"),
            "q1": Text("q1: eight first-draft goals", "q1：八个目标初稿"),
            "account": Text(f"q2-q4: your account {a.id} {a.name}: {a.sector}, {a.stage} stage, buys {a.volume_t:g} "
                            f"t/yr from us ({a.share_of_wallet_pct:g} % of its wallet), 3-year potential "
                            f"{a.potential_3y_t:g} t/yr, gross margin {a.gross_margin_pct:g} %, "
                            f"{len(a.products)} product families",
                            f"q2–q4：你的客户 {a.id} {a.name_zh}：{a.sector}，{a.stage} 阶段，从我方采购 {a.volume_t:g} "
                            f"吨/年（占其钱包 {a.share_of_wallet_pct:g}%），三年潜力 {a.potential_3y_t:g} 吨/年，"
                            f"毛利率 {a.gross_margin_pct:g}%，{len(a.products)} 个产品系列"),
            "q2": Text("q2: the plan table a colleague drafted", "q2：同事起草的计划表"),
            "q4": Text("q4: six candidate goals", "q4：六个备选目标"),
        }

        def head(key):
            return f"<p><b>{html.escape(str(heads[key]))}</b></p>"

        def bullets(items):
            return "<ul>" + "".join(f"<li><b>{i.id}</b>: {html.escape(str(i.text))}</li>" for i in items) + "</ul>"

        from kamlib.i18n import get_language

        zh = get_language() == "zh"
        cols = ("id", "goal", "owner", "metric", "baseline", "target", "deadline_days")
        table = "<table><tr>" + "".join(f"<th>{c}</th>" for c in cols) + "</tr>" + "".join(
            f"<tr><td><b>{r.id}</b></td><td>{html.escape(r.text_zh if zh else r.text)}</td><td>{html.escape(r.owner)}</td>"
            f"<td><code>{r.metric}</code></td><td>{r.baseline:g}</td><td>{r.target:g}</td><td>{r.deadline_days}</td>"
            "</tr>" for r in self.table) + "</table>"
        return (head("you") + head("q1") + bullets(self.goals) + head("account") + head("q2") + table + head("q4")
                + bullets(self.candidates))


def _ids(rng, first: str, n: int) -> list[str]:
    """``n`` different short ids, in the order drawn."""
    found: list[str] = []
    while len(found) < n:
        new = first + str(rng.randrange(1, 10)) + rng.choice(_ID_LETTERS)
        if new not in found:
            found.append(new)
    return found


def _value(account: Account, metric: str) -> float:
    return float(len(account.products)) if metric == "product_families" else float(getattr(account, metric))


def _step(metric: str, value: float) -> float:
    return {"share_of_wallet_pct": 5.0, "gross_margin_pct": 1.0, "product_families": 1.0}.get(
        metric, float(round(value * 0.1 / 5) * 5 or 5))


def _row(rng, rid: str, account: Account, fault: str, metric: str, other: str) -> Row:
    """A plan row for ``account`` measuring ``metric``, with ``fault`` ('none' for a sound row)."""
    owner_en, owner_zh = rng.choice(TEAM)
    baseline = _value(account, metric)
    target = baseline + _step(metric, baseline)
    deadline = rng.choice((30, 45, 60, 75, 90))
    field = metric
    if fault == "owner":
        owner_en, owner_zh = rng.choice(_GROUPS)
    elif fault == "target":
        target = max(0.0, baseline - _step(metric, baseline))
    elif fault == "baseline":
        if metric == "product_families":
            baseline = baseline + 1 if baseline < 2 else baseline + rng.choice((-1, 1))
        else:
            baseline = round(baseline * rng.choice((0.8, 1.2)), 1)
        if baseline >= target:
            target = baseline + _step(metric, baseline)
    elif fault == "metric":
        field = other
    words, unit = _PHRASES[metric], _UNITS[metric]
    en = (f"{owner_en}: {account.id} {words.en} from {baseline:g}{unit[0]} to {target:g}{unit[0]} "
          f"by day {deadline}")
    zh = f"{owner_zh}：第 {deadline} 天前把 {account.id} 的{words.zh}从 {baseline:g}{unit[1]} 提高到 {target:g}{unit[1]}"
    return Row(rid, en, zh, owner_en, field, baseline, target, deadline)


def variant(trainee: str | None = None) -> Casebook:
    """The trainee's casebook: the same trainee always gets the same one."""
    from kamlib.data.key_accounts import load_accounts

    trainee = trainee or trainee_id()
    rng = variant_rng(EXERCISE, trainee)
    owner = rng.choice(TEAM)
    goals = tuple(Item(g.id, Text(g.text.en.replace("{owner}", owner[0]), g.text.zh.replace("{owner}", owner[1])))
                  for g in rng.sample(goal_pool(), 8))
    accounts = load_accounts()
    account = rng.choice([a for a in accounts if a.served == "direct" and a.potential_3y_t > a.volume_t])
    metrics = list(_PHRASES)
    faults = ["owner", "owner", "metric", "baseline", "target", "none"]
    rng.shuffle(faults)
    ids = _ids(rng, "R", 6)
    rows = []
    for i, fault in enumerate(faults):
        metric = rng.choice(metrics)
        other = rng.choice([m for m in metrics if m != metric])
        rows.append(_row(rng, ids[i], account, fault, metric, other))
    candidates = rng.sample(strategy_pool(), 6)
    return Casebook(trainee, goals, account, tuple(rows), tuple(candidates))


# --- q1: which letter is missing? ------------------------------------------------------------------

q1 = Question(
    id="q1", exercise=EXERCISE,
    summary=Text("the SMART letter each goal misses", "每个目标缺少的 SMART 字母"),
    form=Labels(lambda my: [g.id for g in my.goals], SMART_LETTERS),
    variant=variant,
    hints=(
        Text("Read each goal as its owner's manager would: which account? (S) what number will show it is done? (M) "
             "which one person? (A) can this account really get there, given its data? (R) by when? (T)",
             "像负责人的上级那样读每个目标：哪个客户？（S）用什么数字证明完成了？（M）具体由谁负责？（A）以这个客户的数据，"
             "真能做到吗？（R）什么时候之前？（T）"),
        Text("smart_cues reads words, not meaning: a product name is not an account, a number of managers or weeks "
             "measures nothing, and no cue can see R. Check R against the account's data (load_accounts).",
             "smart_cues 只看文字，不懂意思：产品名不等于客户，“几位厂长”“几周”这样的数字不衡量任何结果，R 更是没有线索能看出来。"
             "R 要对照客户数据判断（load_accounts）。"),
        Text("A goal without an owner names a team or a department; a goal without a time names a frequency or 'as "
             "soon as', not an end date.",
             "没有负责人的目标，写的是一个团队或部门；没有时限的目标，写的是频率或“尽快”，而不是截止日期。"),
    ),
    mistakes=(
        Mistake("all alike", Text("You gave every goal the same letter; they were chosen to miss different ones.",
                                  "你给每个目标都标了同一个字母；这些目标是特意挑选成缺少不同字母的。"),
                lambda value, my: len(set(value.values())) == 1),
    ),
)


# --- q2: repair the plan table ----------------------------------------------------------------------

q2 = Question(
    id="q2", exercise=EXERCISE,
    summary=Text("for each row of the plan table, the field to repair (or none)", "计划表每一行需要修改的字段（或无需修改）"),
    form=Labels(lambda my: [r.id for r in my.table], tuple(FIELDS)),
    variant=variant,
    hints=(
        Text("Read each row against the plan's rules (one named owner, a target that improves on the baseline) and "
             "against your account's data: the baseline is the account's figure today, in the metric the goal talks "
             "about.",
             "逐行对照计划的规则（一个具体的负责人、目标值要比基线更好）和客户数据：基线是客户今天的数据，而且要用目标所说的"
             "那个指标来衡量。"),
        Text("make_plan accepts a row whose owner is a team or whose target goes down, and plan_consistency compares the baseline with the "
             "figure of the metric field: if the metric field is wrong, the baseline looks wrong too. Which one did "
             "the KAM mistype?",
             "make_plan 会接受负责人是一个团队的行；plan_consistency 拿基线去比对指标字段所指的数据：如果指标字段填错了，"
             "基线看起来也会错。到底是哪一项填错了？"),
        Text("Each row has at most one fault, and one row is sound.", "每行最多只有一处错误，有一行是正确的。"),
    ),
    mistakes=(
        Mistake("all alike", Text("You gave every row the same label; the rows were chosen to differ.",
                                  "你给每一行都标了同一个标签；这些行是特意挑选成各不相同的。"),
                lambda value, my: len(set(value.values())) == 1),
        Mistake("team as owner", Text("A row owned by a team or a department is marked as sound: a goal needs one "
                                      "named owner (A).",
                                      "你把负责人是团队或部门的一行标为正确：目标需要一个具体的负责人（A）。"),
                lambda value, my: any(value.get(r.id) == "none" and r.owner not in _TEAM_NAMES for r in my.table)),
    ),
)


# --- q3: a realistic 90-day volume target ------------------------------------------------------------

q3 = Question(
    id="q3", exercise=EXERCISE,
    summary=Text("the account's realistic volume target for day 90 (t/yr), by the course's rule of thumb",
                 "按课程的经验法则，这个客户第 90 天的现实采购量目标（吨/年）"),
    form=Number(Text("t/yr", "吨/年"), minimum=0),
    variant=variant,
    hints=(
        Text("plan_consistency accepts any volume target up to the 3-year potential: that is three years of growth, "
             "not 90 days.",
             "plan_consistency 接受不超过三年潜力的任何采购量目标：那是三年的增长，不是 90 天的。"),
        Text("The rule of thumb in the question: the gap between today's volume and the 3-year potential closes "
             "evenly over 36 months. How many of those months fall in your 90 days?",
             "题目中的经验法则：今天的采购量与三年潜力之间的差距在 36 个月里均匀缩小。你的 90 天占其中几个月？"),
    ),
    mistakes=(
        Mistake("the potential", Text("That is the 3-year potential, the most plan_consistency accepts: three years "
                                      "of growth in one quarter is not realistic.",
                                      "这是三年潜力，也就是 plan_consistency 能接受的上限：一个季度做完三年的增长，不现实。"),
                lambda value, my: abs(value - my.account.potential_3y_t) < 0.5),
        Mistake("no growth", Text("A target at or below today's volume is no growth goal.",
                                  "目标不高于今天的采购量，就不是增长目标。"),
                lambda value, my: value <= my.account.volume_t),
    ),
)


# --- q4: goals that fit the account's cell ------------------------------------------------------------

q4 = Question(
    id="q4", exercise=EXERCISE,
    summary=Text("the candidate goals that fit the account's place on the selection matrix (none to three)",
                 "与客户在选择矩阵中的位置相符的备选目标（零到三个）"),
    form=Ids(lambda my: [c.id for c in my.candidates]),
    variant=variant,
    hints=(
        Text("First find the account's cell: account_links(my.account.id, load_accounts()) gives it (module 02's "
             "selection matrix). kamlib stops there: which goals suit the cell is your call.",
             "先找出客户所在的格子：account_links(my.account.id, load_accounts()) 会给出（第 02 模块的选择矩阵）。"
             "kamlib 只做到这一步：哪些目标适合这个格子，要你来判断。"),
        Text("Invest for growth: broaden and deepen, more people and products. Invest selectively: test one niche "
             "or close one gap before investing more. Maintain: keep and defend what you have. Manage for cash: "
             "cut the cost to serve, protect margin. Withdraw: hand over or serve at the lowest cost.",
             "重点投资发展：扩展和深化，更多的人和产品。选择性投资：先试一个细分或补一个短板，再决定是否加大投入。"
             "维持：守住并保卫现有业务。收割现金：降低服务成本，保护毛利。退出：移交出去，或以最低成本服务。"),
    ),
)

QUESTIONS = (q1, q2, q3, q4)


# --- the lecture's Try it (practice, not graded: it may carry its answer) -------------------------

#: The goal the lecture's Try it shows (not in q1's pool).
TRY_IT_GOAL = Text(
    "Zhao Min: raise Northbridge Steel Works' circulating-oil share of wallet from 35 % to 40 %, together with the "
    "roll-shop foreman.",
    "赵敏：和轧辊车间工长一起，把北桥钢铁循环油的钱包份额从 35% 提高到 40%。")

try_it = Question(
    id="try_it", exercise="lec12_action_plan",
    summary=Text("the SMART letter Zhao Min's goal misses", "赵敏的目标缺少的 SMART 字母"),
    form=OneOf(SMART_LETTERS),
    variant=lambda trainee: None,
    practice_answer=lambda _data: "T",
    hints=(
        Text("Run smart_cues on the goal: which cue is missing?", "对这个目标运行 smart_cues：缺了哪一条线索？"),
        Text("There is an account, a measure and an owner. By when?", "有客户、有指标、有负责人。什么时候之前完成？"),
    ),
    mistakes=(
        Mistake("A", Text("Zhao Min owns it; the foreman helps. Ownership is there.",
                          "赵敏是负责人，工长只是协助。负责人是有的。"), lambda value, _data: value == "A"),
        Mistake("R", Text("35 % to 40 % is a modest step for an account that buys 65 % elsewhere. Look at the time.",
                          "从 35% 到 40%，对一个 65% 在别处采购的客户来说是适度的一步。看看时间。"),
                lambda value, _data: value == "R"),
    ),
)
