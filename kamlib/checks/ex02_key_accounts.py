"""Exercise 02, *What is a key account?* (大客户的定义): the questions, declared once.

Each trainee gets a **portfolio** of eight running-case accounts and six account
situations (:func:`variant`); kamlib is the calculator (``abc_classes``,
``score_accounts``, ``matrix_cell``, ``band``), the answers are the trainee's
decisions. No expected answer is computed here: the grader marks the answers
against the instructor's key (``exercises/keys/ex02_key_accounts.py``).

The self-checks catch a malformed answer and answers that cannot be right whatever
the portfolio (an account that joins the A list must be an A account by potential,
say); they never compute the right answer.

>>> my = variant("demo")
>>> len(my.accounts), len(my.situations)
(8, 6)
>>> q3.evaluate({"join": [], "drop": []}, trainee="demo", keys=False).outcome
'complete'
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from kamlib.checks.framework import (
    Assign,
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
from kamlib.models.key_accounts import (
    ATTRACTIVENESS_FACTORS,
    CELLS,
    Account,
    abc_classes,
    score_accounts,
)
from kamlib.text import Text, TextItem

__all__ = ["EXERCISE", "DEFINITIONS", "Situation", "Portfolio", "situations", "variant",
           "q1", "q2", "q3", "q4", "QUESTIONS", "try_it"]

EXERCISE = "ex02_key_accounts"
PORTFOLIO_SIZE = 8

#: The lecture's four questions about a key account (OUTLINE.md §1.2), as q1's labels.
DEFINITIONS = {
    "large": Text("a customer of large scale", "规模大的客户"),
    "future_profit": Text("a customer that will bring profit in the future", "未来能带来利润的客户"),
    "direction": Text("a customer that leads us in the direction we want", "能够将企业引向期望方向的客户"),
    "must_not_lose": Text("a customer we must not lose", "一定不能失去的客户"),
}


Situation = TextItem  # an account situation of q1's pool


def situations() -> tuple[Situation, ...]:
    """The pool of account situations q1 draws from (kamlib/data/key_accounts_situations.yaml)."""
    from kamlib.data.course import load_text_pool

    return load_text_pool("key_accounts_situations")


_HEADINGS = {
    "variant": Text("Your variant (trainee {who})", "你的题目版本（学员 {who}）"),
    "situations": Text("Situations for q1", "q1 的情境"),
    "weights": Text("Your manager's attractiveness weights (q4):", "经理的客户吸引力权重（q4）："),
}


@dataclass(frozen=True)
class Portfolio:
    """One trainee's variant: eight accounts, six situations, the manager's weights."""

    trainee: str
    accounts: tuple[Account, ...]
    situations: tuple[Situation, ...]
    manager_weights: dict

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.accounts]

    def volumes(self) -> dict[str, float]:
        """What each account buys from us now, t/yr."""
        return {a.id: a.volume_t for a in self.accounts}

    def potentials(self) -> dict[str, float]:
        """The annual volume open to us in three years, t/yr."""
        return {a.id: a.potential_3y_t for a in self.accounts}

    def _repr_html_(self) -> str:
        head = ("id", "name", "sector", "volume_t", "potential_3y_t", "share_of_wallet_pct", "stage")

        def cell(a: Account, h: str) -> str:
            value = Text(a.name, a.name_zh) if h == "name" else getattr(a, h)
            return f"<td>{html.escape(str(value))}</td>"

        rows = "".join("<tr>" + "".join(cell(a, h) for h in head) + "</tr>" for a in self.accounts)
        cases = "".join(f"<li><b>{s.id}</b>: {html.escape(str(s.text))}</li>" for s in self.situations)
        weights = ", ".join(f"{k} {v}" for k, v in self.manager_weights.items())
        who = f"<code>{html.escape(self.trainee)}</code>"
        return (f"<p><b>{_HEADINGS['variant'].format(who=who)}</b></p>"
                f"<table><tr>{''.join(f'<th>{h}</th>' for h in head)}</tr>{rows}</table>"
                f"<p><b>{_HEADINGS['situations']}</b></p><ul>{cases}</ul>"
                f"<p><b>{_HEADINGS['weights']}</b> {html.escape(weights)}</p>")


def variant(trainee: str | None = None) -> Portfolio:
    """The trainee's portfolio: the same trainee always gets the same one.

    Drawn so that each question has something to decide: the portfolio spans at
    least three sectors and several matrix cells, and ranking it by potential
    changes its A list.
    """
    from kamlib.data.key_accounts import load_accounts

    trainee = trainee or trainee_id()
    rng = variant_rng(EXERCISE, trainee)
    accounts = sorted(load_accounts(), key=lambda a: a.id)
    while True:
        chosen = tuple(sorted(rng.sample(accounts, PORTFOLIO_SIZE), key=lambda a: a.id))
        if _interesting(chosen):
            break
    return Portfolio(trainee, chosen, tuple(rng.sample(situations(), 6)), _manager_weights(rng))


def _manager_weights(rng) -> dict:
    """A manager who cares most about one factor: it gets 40-60 of the 100 points."""
    factors = list(ATTRACTIVENESS_FACTORS)
    favourite = rng.choice(factors)
    top = rng.choice((40, 50, 60))
    rest = [f for f in factors if f != favourite]
    cuts = sorted(rng.sample(range(1, 100 - top), len(rest) - 1))
    shares = [b - a for a, b in zip([0, *cuts], [*cuts, 100 - top], strict=True)]
    weights = {favourite: top, **dict(zip(rest, shares, strict=True))}
    return {f: weights[f] for f in factors}


def _interesting(accounts) -> bool:
    a_now = _a_list({a.id: a.volume_t for a in accounts})
    a_later = _a_list({a.id: a.potential_3y_t for a in accounts})
    return len({a.sector for a in accounts}) >= 3 and a_now != a_later


def _a_list(volumes: dict) -> set:
    return {k for k, c in abc_classes(volumes).items() if c == "A"}


# --- q1: which definition? -------------------------------------------------------------------------

q1 = Question(
    id="q1", exercise=EXERCISE,
    summary=Text("which of the lecture's four questions makes each situation a key account",
                 "每个情境主要对应课上四个问题中的哪一个"),
    form=Labels(lambda my: [s.id for s in my.situations], tuple(DEFINITIONS)),
    variant=variant,
    hints=(
        Text("Read each situation for what makes it matter: size today, profit later, where it takes "
             "us, or what losing it would cost.",
             "逐条读情境，问自己：这个客户重要在哪里？是眼下的规模、将来的利润、能把我们带到哪里，还是丢了它的代价？"),
        Text("'Future profit' is about growth of this account; 'direction' is about a market, product or "
             "approval the account opens for us.",
             "“未来能带来利润”看的是这个客户自身的增长；“引向期望方向”看的是它能为我们打开的新市场、新产品或新认证。"),
        Text("'Must not lose' is about dependence and risk: a high share of wallet, a reference site, a "
             "competitor at the door, a relationship hanging on one person.",
             "“一定不能失去”看的是依赖和风险：采购份额高、样板客户、竞争对手找上门、关系全系在一个人身上。"),
    ),
    mistakes=(
        Mistake("all alike", Text("You gave every situation the same label; they were chosen to differ.",
                                  "你给所有情境选了同一个标签；这些情境是特意挑得各不相同的。"),
                lambda value, my: len(set(value.values())) == 1),
    ),
)


# --- q2: volume still open (share of wallet) ---------------------------------------------------------

def _open_total_consistent(value, my) -> bool:
    """False when the total is not the open volume of the two accounts chosen."""
    chosen = [a for a in my.accounts if a.id in value["accounts"]]
    wallet_minus_ours = sum(a.volume_t * 100 / a.share_of_wallet_pct - a.volume_t for a in chosen
                            if a.share_of_wallet_pct > 0)
    return abs(value["open_t"] - wallet_minus_ours) <= max(1.0, 0.01 * wallet_minus_ours)


q2 = Question(
    id="q2", exercise=EXERCISE,
    summary=Text("the two accounts with the most volume still open to us, and that volume",
                 "可争取量最大的两个客户，以及两者合计的可争取量"),
    form=Parts({"accounts": Ids(lambda my: my.ids, count=2), "open_t": Number("t/yr", minimum=0)}),
    variant=variant,
    hints=(
        Text("An account's wallet is all the lubricant it buys from everyone: our volume ÷ our share of wallet.",
             "客户的采购总量是它向所有供应商买的润滑油：我们的销量 ÷ 我们的采购份额。"),
        Text("The volume still open to us is the wallet minus what we already sell there.",
             "还能争取的量 = 采购总量 − 我们已经卖给它的量。"),
        Text("Work it out for each of your eight accounts, take the two largest, and add their open volumes.",
             "把你的八个客户逐一算一遍，取最大的两个，把它们的可争取量相加。"),
    ),
    mistakes=(
        Mistake("inconsistent", Text("Your total is not the open volume of the two accounts you chose: "
                                     "for each, wallet − our volume, then add.",
                                     "你的合计不等于所选两个客户的可争取量：每个客户先算“采购总量 − 我们的销量”，再相加。"),
                lambda value, my: not _open_total_consistent(value, my)),
    ),
)


# --- q3: largest now, or largest later? ------------------------------------------------------------

def _joins_outside_a(value, my) -> bool:
    return not set(value["join"]) <= _a_list(my.potentials()) or bool(set(value["join"]) & _a_list(my.volumes()))


def _drops_outside_a(value, my) -> bool:
    return not set(value["drop"]) <= _a_list(my.volumes()) or bool(set(value["drop"]) & _a_list(my.potentials()))


q3 = Question(
    id="q3", exercise=EXERCISE,
    summary=Text("which accounts join and which drop off the A list when you rank by 3-year potential",
                 "改按 3 年潜力排名时，哪些客户进入 A 类名单、哪些掉出"),
    form=Parts({"join": Ids(lambda my: my.ids), "drop": Ids(lambda my: my.ids)}),
    variant=variant,
    hints=(
        Text("Make the A list twice with abc_classes: once from my.volumes(), once from my.potentials().",
             "用 abc_classes 做两次 A 类名单：一次用 my.volumes()，一次用 my.potentials()。"),
        Text("An account joins when it is A by potential but not by volume; it drops off when it is A by "
             "volume but not by potential.",
             "按潜力是 A 类、按当前销量不是的客户“进入”（join）；按当前销量是 A 类、按潜力不是的客户“掉出”（drop）。"),
    ),
    mistakes=(
        Mistake("join", Text("An account in 'join' is either not an A account by potential or already one by "
                             "volume: it cannot join.",
                             "“join”里有客户按潜力不是 A 类，或者按当前销量已经是 A 类：它谈不上“进入”。"),
                _joins_outside_a),
        Mistake("drop", Text("An account in 'drop' is either not an A account by volume or still one by "
                             "potential: it cannot drop off.",
                             "“drop”里有客户按当前销量不是 A 类，或者按潜力仍是 A 类：它谈不上“掉出”。"),
                _drops_outside_a),
    ),
)


# --- q4: the manager's weights ----------------------------------------------------------------------

q4 = Question(
    id="q4", exercise=EXERCISE,
    summary=Text("which accounts change cell under the manager's attractiveness weights, and into which cell",
                 "换成经理的吸引力权重后，哪些客户换了格子、换到哪一格"),
    form=Assign(lambda my: my.ids, CELLS),
    variant=variant,
    hints=(
        Text("Score the portfolio twice with score_accounts: with the team's weights (the default) and with "
             "attractiveness_weights=my.manager_weights.",
             "用 score_accounts 给你的客户组合打两次分：一次用团队权重（默认），一次用 "
             "attractiveness_weights=my.manager_weights。"),
        Text("Compare each account's .cell in the two scorings. List only the accounts whose cell differs, each "
             "with its cell under the manager's weights ({} if none changes).",
             "逐个比较每个客户两次打分的 .cell。只列出换了格子的客户，写上它在经理权重下落在哪一格（都没变就写 {}）。"),
    ),
)

QUESTIONS = (q1, q2, q3, q4)


# --- the lecture's Try it (practice, not graded: it may carry its answer) -----------------------------

def _cell_of_ka07(_data) -> str:
    from kamlib.data.key_accounts import load_accounts

    (score,) = [s for s in score_accounts(load_accounts()) if s.id == "KA07"]
    return score.cell


try_it = Question(
    id="try_it", exercise="lec02_key_accounts",
    summary=Text("the cell of Deepvein Coal Mining (KA07) under the default weights",
                 "默认权重下深脉煤业（KA07）所在的格子"),
    form=OneOf(CELLS),
    variant=lambda trainee: None,
    practice_answer=_cell_of_ka07,
    hints=(
        Text("Find KA07 in the list `scores` (or on the matrix plot).", "在列表 `scores` 里（或在矩阵图上）找到 KA07。"),
        Text("Its cell is the .cell of its AccountScore; spell it as in the matrix, e.g. 'Maintain'.",
             "它所在的格子就是它那条 AccountScore 的 .cell；答案写英文格名，例如 'Maintain'（维持）。"),
    ),
)
