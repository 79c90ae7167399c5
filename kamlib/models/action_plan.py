"""The after-class action plan (课后行动计划): a 90-day plan for one account, its goals read
against SMART, checked against the account's data, and written out as a one-page document.

SMART (DOMAIN.md M10, R21) [E]: Doran (1981) wrote **S**\\ pecific, **M**\\ easurable,
**A**\\ ssignable, **R**\\ ealistic, **T**\\ ime-related (具体 / 可衡量 / 可分配 / 现实 / 有时限);
later versions write *Achievable* for A and *Relevant* for R.

:func:`smart_cues` reads a goal as written and reports, per letter, the **cue** it looked for
and what it found. Cues are words and numbers, so they are necessary signs, not proof: a goal
can carry a number that measures nothing ("within 60 days"), and no cue can tell whether a
target is realistic (R is always left to your judgement, with the account's data:
:func:`plan_consistency`).

A plan is one account, up to a few goals, each with an owner, a metric, baseline → target and
a deadline of at most 90 days, and links to what the earlier modules produced (the
selection-matrix cell, the relationship stage, contact gaps, the cost-in-use argument, the SPIN
questions to ask). :func:`make_plan` builds it and raises a ValueError naming the field that is
wrong; :func:`plan_problems` lists every problem without raising (the form's "as you type").

>>> cues = smart_cues("Zhao Min raises Greyhill's gear-oil volume from 270 to 300 t/yr by day 90",
...                   names=["Greyhill", "gear"], owners=["Zhao Min"])
>>> [letter for letter, cue in cues.items() if cue.found is False]
[]
>>> cues["R"].found is None
True
>>> missing_letters(smart_cues("We will grow the business within 60 days"))
['S', 'A']
"""

from __future__ import annotations

import html as _html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kamlib.models import arguments as check
from kamlib.models.key_accounts import Account, check_accounts, score_accounts
from kamlib.text import Text

__all__ = [
    "SMART_LETTERS",
    "SMART_WORDS",
    "MAX_DAYS",
    "METRICS",
    "LINK_KINDS",
    "Cue",
    "Goal",
    "ActionPlan",
    "smart_cues",
    "missing_letters",
    "goal_problems",
    "plan_problems",
    "make_plan",
    "account_links",
    "plan_consistency",
    "plan_markdown",
    "plan_html",
]

#: The five letters, in order.
SMART_LETTERS = ("S", "M", "A", "R", "T")
#: Each letter's words: Doran's (1981) first, then the later variant where there is one.
SMART_WORDS = {
    "S": (Text("Specific", "具体"),),
    "M": (Text("Measurable", "可衡量"),),
    "A": (Text("Assignable", "可分配"), Text("Achievable", "可实现")),
    "R": (Text("Realistic", "现实"), Text("Relevant", "相关")),
    "T": (Text("Time-related", "有时限"),),
}
#: The plan's horizon: every deadline within 90 days of the start.
MAX_DAYS = 90

#: What a goal may measure: metric id -> (label, the account's field it starts from or None,
#: the most it can be or None). ``other`` is any measure the trainee names in the goal text.
METRICS = {
    "volume_t": (Text("volume bought from us (t/yr)", "从我方采购量（吨/年）"), "volume_t", None),
    "share_of_wallet_pct": (Text("share of wallet (%)", "钱包份额（%）"), "share_of_wallet_pct", 100.0),
    "gross_margin_pct": (Text("gross margin (%)", "毛利率（%）"), "gross_margin_pct", 100.0),
    "product_families": (Text("product families supplied", "供应的产品系列数"), "products", None),
    "contacts": (Text("people met in the decision chain", "决策链中见过的人数"), None, None),
    "other": (Text("another measure (named in the goal)", "其他指标（在目标中写明）"), None, None),
}
#: What a plan links to from the earlier modules: kind -> label.
LINK_KINDS = {
    "cell": Text("selection-matrix cell (module 02)", "客户选择矩阵中的位置（第 02 模块）"),
    "stage": Text("relationship stage (module 04)", "关系发展阶段（第 04 模块）"),
    "contact_gaps": Text("contact gaps to close", "要补上的接触空白"),
    "cost_in_use": Text("cost-in-use argument (module 05)", "使用成本论据（第 05 模块）"),
    "spin_questions": Text("SPIN questions to ask (module 10)", "要问的 SPIN 问题（第 10 模块）"),
}

# --- the cues, one per letter (transparent: each says what it looks for) ----------------
_NUMBER = re.compile(r"(?<![A-Za-z\d.])\d+(?:[.,]\d+)?")
_ACCOUNT_ID = re.compile(r"\bKA\d{2}\b")
_TIME = re.compile(
    r"(\b(by|before|within|in|until)\s+(day\s+\d+|\d+\s*(days?|weeks?|months?)|(the\s+)?end\s+of|"
    r"\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}|(January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Q[1-4])\b)|\b\d{4}-\d{2}-\d{2}\b|\d+\s*(天|周|个月)内|第\s*\d+\s*天|"
    r"\d+\s*月\s*\d*\s*日?(底)?(前|之前)|(季度|月)底前)",
)
_GROUP = re.compile(r"\b(we|us|our team|the team|everyone|somebody|someone|sales)\b|我们|团队|大家|有人|销售部",
                    re.IGNORECASE)
_CUES = {
    "S": Text("names the account (id or name) or what is sold (a product)", "写明客户（编号或名称）或所售产品"),
    "M": Text("holds a number", "含有数字"),
    "A": Text("names a person who owns it, not 'we' or 'the team'", "写明负责人，而不是“我们”或“团队”"),
    "R": Text("no word can show it: judge it against the account's data", "文字无法判断：要对照客户数据来判断"),
    "T": Text("names a date or a time limit ('by day 60', 'within 8 weeks')", "写明日期或期限（“第 60 天前”“8 周内”）"),
}


@dataclass(frozen=True)
class Cue:
    """What :func:`smart_cues` looked for under one letter: ``found`` is True, False, or None
    when no cue can decide (R); ``evidence`` the words that matched ('' when none)."""

    letter: str
    cue: Text
    found: bool | None
    evidence: str = ""


def _words(value: object, name: str) -> list[str]:
    return [w for w in check.texts(value, name, "a list of words (str)") if w.strip()]


def smart_cues(goal: str, names: Iterable[str] = (), owners: Iterable[str] = ()) -> dict[str, Cue]:
    """Read a goal as written and report each SMART letter's cue: S, the account or a product is
    named (``names``: account names, ids, products; an id like KA04 always counts); M, a number;
    A, a person from ``owners`` and no group word ("we", "the team"); R, never decided by words
    (``found`` None); T, a date or a time limit.

    The cues are necessary signs, not proof: read the goal yourself.

    >>> cue = smart_cues("Lift KA04 share of wallet to 50 % by day 60", owners=["Li Wei"])["A"]
    >>> cue.found, cue.cue.en
    (False, "names a person who owns it, not 'we' or 'the team'")
    >>> smart_cues("Li Wei: 3 visits to KA04 within 6 weeks", owners=["Li Wei"])["T"].evidence
    'within 6 weeks'
    """
    text = check.text(goal, "goal", "the goal as written")
    names, owners = _words(names, "names"), _words(owners, "owners")
    lowered = text.lower().replace("-", " ")  # "gear-oil" names gear oil
    found: dict[str, tuple[bool | None, str]] = {}
    named = [n for n in names if n.lower().replace("-", " ") in lowered] + _ACCOUNT_ID.findall(text)
    found["S"] = (bool(named), ", ".join(dict.fromkeys(named)))
    number = _NUMBER.search(text)
    found["M"] = (number is not None, number.group(0) if number else "")
    owner = [o for o in owners if o.lower() in lowered]
    group = _GROUP.search(text)
    found["A"] = (bool(owner) and group is None, ", ".join(owner) if owner and group is None else
                  (group.group(0) if group else ""))
    found["R"] = (None, "")
    time = _TIME.search(text)
    found["T"] = (time is not None, time.group(0).strip() if time else "")
    return {letter: Cue(letter, _CUES[letter], *found[letter]) for letter in SMART_LETTERS}


def missing_letters(cues: Mapping[str, Cue]) -> list[str]:
    """The letters whose cue was not found (R, never decided by a cue, is not among them).

    >>> missing_letters(smart_cues("Li Wei: 3 visits to KA04", owners=["Li Wei"]))
    ['T']
    """
    check.mapping(cues, "cues", "the dict smart_cues returns")
    if set(cues) != set(SMART_LETTERS) or not all(isinstance(c, Cue) for c in cues.values()):
        raise ValueError("cues must be the dict smart_cues returns (S, M, A, R, T -> Cue)")
    return [letter for letter in SMART_LETTERS if cues[letter].found is False]


# --- a plan's goals ------------------------------------------------------------------------

@dataclass(frozen=True)
class Goal:
    """One line of the plan: the goal as written, who owns it, what it measures (a key of
    :data:`METRICS`), where it starts (``baseline``) and where it should be (``target``), and
    the deadline in days from the plan's start (1 to :data:`MAX_DAYS`, checked by
    :func:`plan_problems`). Types are checked here; the plan's rules there."""

    text: str
    owner: str
    metric: str
    baseline: float
    target: float
    deadline_days: int

    def __post_init__(self):
        check.text(self.text, "text", "the goal as written", nonempty=False)
        check.text(self.owner, "owner", "the owner's name", nonempty=False)
        check.one_of(self.metric, "metric", METRICS)
        check.number(self.baseline, "baseline", finite=True)
        check.number(self.target, "target", finite=True)
        check.whole_number(self.deadline_days, "deadline_days")


_GOAL_FIELDS = ("text", "owner", "metric", "baseline", "target", "deadline_days")


def _as_goal(value: object, where: str) -> Goal:
    if isinstance(value, Goal):
        return value
    record = check.mapping(value, where, "a Goal or a dict with " + ", ".join(_GOAL_FIELDS))
    missing = [k for k in _GOAL_FIELDS if k not in record]
    extra = [k for k in record if k not in _GOAL_FIELDS]
    if missing or extra:
        raise ValueError(f"{where} must have the keys {', '.join(_GOAL_FIELDS)}; "
                         + (f"missing {', '.join(missing)}" if missing else f"unknown {check.shown(extra)}"))
    try:
        return Goal(**record)
    except (TypeError, ValueError) as err:
        raise type(err)(f"{where}.{err}") from None


def _account(account: object, accounts: Sequence[Account]) -> Account:
    if isinstance(account, Account):
        return account
    check.text(account, "account", "an account id (e.g. 'KA04')")
    known = {a.id: a for a in accounts}
    if account not in known:
        shown = ", ".join(list(known)[:12]) + (" ..." if len(known) > 12 else "")
        raise ValueError(f"account must be an account id of the portfolio ({shown}); got {check.shown(account)}")
    return known[account]


def goal_problems(goal: Goal, index: int = 0) -> list[tuple[str, Text]]:
    """Everything wrong with one goal against the plan's rules, as (field, message): an empty
    goal text or owner, baseline equal to target, a deadline outside 1-90 days, a target beyond
    what the metric can be (more than 100 %). The field is written ``goals[index].<field>``.

    >>> goal = Goal("Raise KA04 grease volume", "Li Wei", "volume_t", 270, 270, 120)
    >>> [f for f, _ in goal_problems(goal, 1)]
    ['goals[1].target', 'goals[1].deadline_days']
    """
    if not isinstance(goal, Goal):
        raise TypeError(f"goal must be a Goal, got {type(goal).__name__}")
    check.whole_number(index, "index", minimum=0)
    where = f"goals[{index}]"
    problems = []
    if not goal.text.strip():
        problems.append((f"{where}.text", Text("write the goal", "请写出目标")))
    if not goal.owner.strip():
        problems.append((f"{where}.owner", Text("name the person who owns the goal", "写明目标的负责人")))
    if goal.baseline == goal.target:
        problems.append((f"{where}.target", Text(f"equals the baseline ({goal.baseline:g}): a goal must change "
                                                 "something", f"与基线（{goal.baseline:g}）相同：目标必须带来变化")))
    ceiling = METRICS[goal.metric][2]
    for name in ("baseline", "target"):
        value = getattr(goal, name)
        if value < 0 or (ceiling is not None and value > ceiling):
            limit = f"0 to {ceiling:g}" if ceiling is not None else ">= 0"
            problems.append((f"{where}.{name}", Text(f"{value:g} is outside what {goal.metric} can be ({limit})",
                                                     f"{value:g} 超出 {goal.metric} 的可能范围（{limit}）")))
    if not 1 <= goal.deadline_days <= MAX_DAYS:
        problems.append((f"{where}.deadline_days",
                         Text(f"{goal.deadline_days} days: a deadline must be 1 to {MAX_DAYS} days from the start",
                              f"{goal.deadline_days} 天：期限必须在开始后 1 到 {MAX_DAYS} 天之内")))
    return problems


@dataclass(frozen=True)
class ActionPlan:
    """A checked 90-day plan: the account, its goals, the links to the earlier modules
    (kind of :data:`LINK_KINDS` -> what the trainee wrote), who wrote it and when it starts."""

    account: Account
    goals: tuple[Goal, ...]
    links: Mapping[str, str] = field(default_factory=dict)
    author: str = ""
    start: str = ""


def _links(links: object) -> dict[str, str]:
    found = dict(check.mapping({} if links is None else links, "links", "a dict of link kind -> text"))
    for kind, value in found.items():
        check.text(kind, "links", "a dict of link kind (str) -> text")
        check.text(value, f"links[{kind!r}]", "what you link to", nonempty=False)
    return found


def plan_problems(account: object, goals: Iterable[object], accounts: Iterable[Account],
                  links: Mapping[str, str] | None = None) -> list[tuple[str, Text]]:
    """Every problem of a draft plan, as (field, message), without raising: an unknown
    account, no goal, each goal's problems (:func:`goal_problems`), an unknown link kind.
    The form shows these as you type; :func:`make_plan` raises the first.

    >>> from kamlib.data.key_accounts import load_accounts
    >>> plan_problems("KA99", [], load_accounts())[0][0]
    'account'
    """
    accounts = check_accounts(accounts)
    problems: list[tuple[str, Text]] = []
    try:
        _account(account, accounts)
    except ValueError as err:
        problems.append(("account", Text(str(err).split(" must be ", 1)[-1], "不是客户组合中的客户编号")))
    goals = check.items(goals, "goals", "a list of goals (Goal or dict)")
    if not goals:
        problems.append(("goals", Text("add at least one goal", "至少添加一个目标")))
    for i, goal in enumerate(goals):
        problems += goal_problems(_as_goal(goal, f"goals[{i}]"), i)
    for kind in _links(links):
        if kind not in LINK_KINDS:
            problems.append((f"links[{kind!r}]", Text("not a link kind: " + ", ".join(LINK_KINDS),
                                                      "不是可用的关联类型：" + "、".join(LINK_KINDS))))
    return problems


def make_plan(account: object, goals: Iterable[object], accounts: Iterable[Account],
              links: Mapping[str, str] | None = None, author: str = "", start: str = "") -> ActionPlan:
    """A checked :class:`ActionPlan` for ``account`` (an id of ``accounts``, or an Account):
    a ValueError naming the field (``account``, ``goals[1].deadline_days``, ...) when the plan
    breaks a rule of :func:`plan_problems`.

    >>> from kamlib.data.key_accounts import load_accounts
    >>> goal = {"text": "Li Wei: grease trial at KA04 by day 45", "owner": "Li Wei", "metric": "volume_t",
    ...         "baseline": 270, "target": 285, "deadline_days": 45}
    >>> make_plan("KA04", [goal], load_accounts()).account.name
    'Greyhill Cement Group'
    >>> make_plan("KA04", [dict(goal, deadline_days=120)], load_accounts())
    Traceback (most recent call last):
    ...
    ValueError: goals[0].deadline_days: 120 days: a deadline must be 1 to 90 days from the start
    """
    accounts = check_accounts(accounts)
    check.text(author, "author", "your name", nonempty=False)
    check.text(start, "start", "the plan's start date (e.g. 2026-01-05)", nonempty=False)
    links = _links(links)
    goals = check.items(goals, "goals", "a list of goals (Goal or dict)")
    found = _account(account, accounts)  # unknown account: ValueError naming it
    problems = plan_problems(found, goals, accounts, links)
    if problems:
        where, message = problems[0]
        raise ValueError(f"{where}: {message.en}")
    return ActionPlan(found, tuple(_as_goal(g, f"goals[{i}]") for i, g in enumerate(goals)), links, author, start)


def account_links(account: object, accounts: Iterable[Account]) -> dict[str, str]:
    """The links a plan can take straight from the account's data: its selection-matrix cell
    (default weights, scored within ``accounts``) and its relationship stage. The rest (contact
    gaps, cost-in-use argument, SPIN questions) is the trainee's own work.

    >>> from kamlib.data.key_accounts import load_accounts
    >>> sorted(account_links("KA04", load_accounts()))
    ['cell', 'stage']
    """
    accounts = check_accounts(accounts)
    found = _account(account, accounts)
    cell = next(s.cell for s in score_accounts(accounts) if s.id == found.id)
    return {"cell": cell, "stage": found.stage}


def _account_value(account: Account, source: str) -> float:
    value = getattr(account, source)
    return float(len(value)) if source == "products" else float(value)


def plan_consistency(plan: ActionPlan, accounts: Iterable[Account] | None = None) -> list[tuple[str, Text]]:
    """Where the plan disagrees with the account's data, as (field, message): a baseline that is
    not the account's figure (within 1 %), a volume target above the account's 3-year potential,
    and, when ``accounts`` (the portfolio it was scored in) is given, a cell or stage link that is
    not the account's. Whether the goals suit the cell's strategy is your judgement, not a cue.

    >>> from kamlib.data.key_accounts import load_accounts
    >>> goal = Goal("Li Wei: KA04 volume 300 t/yr by day 90", "Li Wei", "volume_t", 250, 300, 90)
    >>> plan = make_plan("KA04", [goal], load_accounts(), links={"stage": "early"})
    >>> [f for f, _ in plan_consistency(plan, load_accounts())]
    ['goals[0].baseline', 'links.stage']
    """
    if not isinstance(plan, ActionPlan):
        raise TypeError(f"plan must be an ActionPlan (from make_plan), got {type(plan).__name__}")
    account = plan.account
    problems = []
    for i, goal in enumerate(plan.goals):
        source = METRICS[goal.metric][1]
        if source is None:
            continue
        actual = _account_value(account, source)
        if not math.isclose(goal.baseline, actual, rel_tol=0.01, abs_tol=1e-9):
            problems.append((f"goals[{i}].baseline",
                             Text(f"{goal.baseline:g}, but {account.id}'s data says {actual:g} ({goal.metric})",
                                  f"{goal.baseline:g}，但 {account.id} 的数据是 {actual:g}（{goal.metric}）")))
        if goal.metric == "volume_t" and goal.target > account.potential_3y_t:
            problems.append((f"goals[{i}].target",
                             Text(f"{goal.target:g} t/yr is above {account.id}'s 3-year potential "
                                  f"({account.potential_3y_t:g} t/yr)",
                                  f"{goal.target:g} 吨/年 高于 {account.id} 的三年潜力（{account.potential_3y_t:g} 吨/年）")))
    if accounts is not None:
        expected = account_links(account, accounts)
        for kind in ("cell", "stage"):
            if kind in plan.links and plan.links[kind].strip() and plan.links[kind] != expected[kind]:
                problems.append((f"links.{kind}", Text(f"{plan.links[kind]!r}, but {account.id}'s is {expected[kind]!r}",
                                                       f"{plan.links[kind]!r}，但 {account.id} 的是 {expected[kind]!r}")))
    return problems


# --- the one-page document -----------------------------------------------------------------

def _lang(language: object) -> str:
    from kamlib.i18n import check_language, get_language

    return get_language() if language is None else check_language(language)


_LABELS = {
    "title": Text("90-day action plan", "90 天行动计划"),
    "account": Text("Account", "客户"),
    "author": Text("Written by", "制定人"),
    "start": Text("Start", "开始日期"),
    "goals": Text("Goals", "目标"),
    "goal": Text("Goal", "目标"),
    "owner": Text("Owner", "负责人"),
    "metric": Text("Metric", "指标"),
    "from_to": Text("Baseline → target", "基线 → 目标值"),
    "deadline": Text("Deadline", "期限"),
    "day": Text("day {n}", "第 {n} 天"),
    "smart": Text("SMART cues found", "SMART 线索"),
    "links": Text("What this plan builds on", "本计划的依据"),
    "sector": Text("sector", "行业"),
    "stage": Text("stage", "阶段"),
    "volume": Text("buys from us", "从我方采购"),
    "footer": Text("Harbourlight Lubricants (fictional running case) · KAM Lab",
                   "港光润滑油（虚构案例）· KAM Lab"),
}


def _rows(plan: ActionPlan, lang: str) -> list[list[str]]:
    rows = []
    for goal in plan.goals:
        cues = smart_cues(goal.text or "-", names=[plan.account.id, plan.account.name, plan.account.name_zh],
                          owners=[goal.owner] if goal.owner.strip() else [])
        letters = "".join(letter if cues[letter].found else "·" for letter in SMART_LETTERS if letter != "R")
        rows.append([goal.text, goal.owner, METRICS[goal.metric][0].get(lang), f"{goal.baseline:g} → {goal.target:g}",
                     _LABELS["day"].format(n=goal.deadline_days).get(lang), letters])
    return rows


def _header(plan: ActionPlan, lang: str) -> list[tuple[str, str]]:
    a = plan.account
    name = a.name_zh if lang == "zh" else a.name
    facts = (f"{a.id} {name} · {_LABELS['sector'].get(lang)} {a.sector} · {_LABELS['stage'].get(lang)} {a.stage} · "
             f"{_LABELS['volume'].get(lang)} {a.volume_t:g} t/yr")
    found = [(_LABELS["account"].get(lang), facts)]
    if plan.author:
        found.append((_LABELS["author"].get(lang), plan.author))
    if plan.start:
        found.append((_LABELS["start"].get(lang), plan.start))
    return found


def _columns(lang: str) -> list[str]:
    return [_LABELS[k].get(lang) for k in ("goal", "owner", "metric", "from_to", "deadline", "smart")]


def plan_markdown(plan: ActionPlan, language: str | None = None) -> str:
    """The plan as a one-page Markdown document in ``language`` ('en' or 'zh'; default the
    current one): the account, a table of goals, the links.

    >>> from kamlib.data.key_accounts import load_accounts
    >>> goal = Goal("Li Wei: KA04 volume 300 t/yr by day 90", "Li Wei", "volume_t", 270, 300, 90)
    >>> print(plan_markdown(make_plan("KA04", [goal], load_accounts()), "en").splitlines()[0])
    # 90-day action plan: Greyhill Cement Group
    """
    if not isinstance(plan, ActionPlan):
        raise TypeError(f"plan must be an ActionPlan (from make_plan), got {type(plan).__name__}")
    lang = _lang(language)

    def cell(value: str) -> str:
        return value.replace("|", "\\|").replace("\n", " ")

    name = plan.account.name_zh if lang == "zh" else plan.account.name
    sep = "：" if lang == "zh" else ": "
    out = [f"# {_LABELS['title'].get(lang)}{sep}{name}", ""]
    out += [f"- **{label}**{sep}{cell(value)}" for label, value in _header(plan, lang)]
    out += ["", f"## {_LABELS['goals'].get(lang)}", "", "| " + " | ".join(_columns(lang)) + " |",
            "|" + "---|" * len(_columns(lang))]
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in _rows(plan, lang)]
    if plan.links:
        out += ["", f"## {_LABELS['links'].get(lang)}", ""]
        out += [f"- **{LINK_KINDS[k].get(lang)}**{sep}{cell(v)}" for k, v in plan.links.items() if v.strip()]
    out += ["", f"_{_LABELS['footer'].get(lang)}_", ""]
    return "\n".join(out)


def plan_html(plan: ActionPlan, language: str | None = None) -> str:
    """The plan as a one-page HTML document (A4, prints on one sheet) in ``language``.

    >>> from kamlib.data.key_accounts import load_accounts
    >>> goal = Goal("Li Wei: KA04 volume 300 t/yr by day 90", "Li Wei", "volume_t", 270, 300, 90)
    >>> "<h1>90 天行动计划：灰山水泥集团</h1>" in plan_html(make_plan("KA04", [goal], load_accounts()), "zh")
    True
    """
    if not isinstance(plan, ActionPlan):
        raise TypeError(f"plan must be an ActionPlan (from make_plan), got {type(plan).__name__}")
    lang = _lang(language)
    e = _html.escape
    name = plan.account.name_zh if lang == "zh" else plan.account.name
    sep = "：" if lang == "zh" else ": "
    head = "".join(f"<li><b>{e(label)}</b>{sep}{e(value)}</li>" for label, value in _header(plan, lang))
    table = "<tr>" + "".join(f"<th>{e(c)}</th>" for c in _columns(lang)) + "</tr>"
    table += "".join("<tr>" + "".join(f"<td>{e(v)}</td>" for v in row) + "</tr>" for row in _rows(plan, lang))
    links = "".join(f"<li><b>{e(LINK_KINDS[k].get(lang))}</b>{sep}{e(v)}</li>" for k, v in plan.links.items()
                    if v.strip())
    style = ("@page{size:A4;margin:15mm}body{font-family:sans-serif;font-size:11pt;max-width:180mm;margin:auto}"
             "table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:4px;text-align:left;"
             "vertical-align:top}th{background:#dce9f7}footer{color:#666;font-size:9pt;margin-top:12px}")
    return (f"<!DOCTYPE html>\n<html lang=\"{'zh-CN' if lang == 'zh' else 'en'}\"><head><meta charset=\"utf-8\">"
            f"<title>{e(_LABELS['title'].get(lang))}{sep}{e(name)}</title><style>{style}</style></head><body>"
            f"<h1>{e(_LABELS['title'].get(lang))}{sep}{e(name)}</h1><ul>{head}</ul>"
            f"<h2>{e(_LABELS['goals'].get(lang))}</h2><table>{table}</table>"
            + (f"<h2>{e(_LABELS['links'].get(lang))}</h2><ul>{links}</ul>" if links else "")
            + f"<footer>{e(_LABELS['footer'].get(lang))}</footer></body></html>\n")
