"""Exercise 05, *Lubricant industry characteristics* (润滑油行业特征): the questions, declared once.

Each trainee gets a **workbook** (:func:`variant`): six account vignettes (q1), a running-case
account's open girth-gear drives with a graphite grease today and Harbourlight's transparent
lubricant on offer (q2, q3), a product and five sectors of the trainee's region (q4), and three
sectors to brainstorm (q5). kamlib is the calculator (``cost_in_use``, ``compare_cost_in_use``,
``changeover_cost``, ``payback_months``); the answers are the trainee's decisions. No expected
answer is computed here: the grader marks the answers against the instructor's key
(``exercises/keys/ex05_lubricant_industry.py``).

The self-checks catch a malformed answer and answers that cannot be right whatever the
workbook (a payback of days is a price per tonne read as a price per kg); they never compute
the right answer.

>>> my = variant("demo")
>>> len(my.vignettes), my.drives.drives >= 2, len(my.opportunity.rows), len(my.brainstorm)
(6, True, 5, 3)
>>> q1.evaluate({v.id: "nsf_h1" for v in my.vignettes}, trainee="demo", keys=False).outcome
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
from kamlib.text import Text

__all__ = ["EXERCISE", "SPECS", "REASONS", "COMPETITOR", "CLEANING_STOP", "Vignette", "Drives", "Opportunity",
           "Workbook", "vignettes", "products", "variant", "q1", "q2", "q3", "q4", "QUESTIONS", "try_it"]

EXERCISE = "ex05_lubricant_industry"
#: The competitor brand on some of the trainee's drives (fictional).
COMPETITOR = Text("Northstar Lubricants", "北极星润滑油")
#: Hours a drive stops to be cleaned before a switch from graphite grease: a vendor figure
#: (World Cement 2020, "Squeaky clean"; DOMAIN.md-style tag [P]).
CLEANING_STOP = "48 h"

#: q1's labels: the spec or approval that decides a sale.
SPECS = {
    "nsf_h1": Text("NSF H1 registration (incidental food contact)", "NSF H1 注册（可能偶然接触食品）"),
    "bn40": Text("a BN40 cylinder oil for low-sulphur fuel (IMO 2020)", "适用低硫燃油的 BN40 气缸油（IMO 2020）"),
    "to4": Text("a TO-4 drivetrain and wet-brake fluid", "TO-4 传动及湿式制动油"),
    "utto": Text("a UTTO tractor transmission fluid", "UTTO 拖拉机通用传动油"),
    "iec_60296": Text("a transformer oil to IEC 60296", "符合 IEC 60296 的变压器油"),
    "wind_oem": Text("the turbine maker's approval of a synthetic ISO VG 320 gear oil",
                     "风机厂家对合成型 ISO VG 320 齿轮油的认证"),
    "demulsibility": Text("a circulating oil that sheds water fast (high demulsibility)",
                          "分水快（抗乳化性好）的循环油"),
    "engine_oem": Text("the engine maker's approval, for long drains backed by oil analysis",
                       "发动机厂家的认证，配合油液分析延长换油周期"),
}

#: q4's reasons for choosing a sector.
REASONS = {
    "wallet": Text("it buys the most of this product in total", "它这种产品的总采购量最大"),
    "share": Text("we already hold the largest share there: a reference to build on",
                  "我们在那里的份额已经最高：可以作为样板继续做大"),
    "open_volume": Text("it has the most of this product still open to us: its volume × (1 − our share)",
                        "它还有最多可争取的量：采购量 ×（1 − 我们的份额）"),
    "spec": Text("a sector with more open volume requires an approval or registration this product lacks; this is "
                 "the largest we can actually sell into",
                 "可争取量更大的行业要求这款产品没有的认证或注册；这是我们真正能卖进去的最大行业"),
}

#: The running-case accounts with open girth-gear drives (cement kilns and mills; ball mills at
#: the copper and iron-ore mines).
_GEAR_ACCOUNTS = ("KA04", "KA05", "KA06", "KA40", "KA08", "KA09")


@dataclass(frozen=True)
class Vignette:
    id: str
    text: Text


@lru_cache(maxsize=1)
def vignettes() -> tuple[Vignette, ...]:
    """The pool of account vignettes q1 draws from (kamlib/data/lubricant_industry_vignettes.yaml)."""
    from kamlib.data.schema import DataError, data_path, read_yaml, require_keys

    source = "lubricant_industry_vignettes.yaml"
    raw = read_yaml(data_path(source))
    if not isinstance(raw, list):
        raise DataError(f"{source}: expected a list of vignettes")
    pool = []
    for i, record in enumerate(raw, 1):
        require_keys(record, ("id", "en", "zh"), f"{source}, vignette {i}")
        pool.append(Vignette(record["id"], Text(record["en"].strip(), record["zh"].strip())))
    return tuple(pool)


@lru_cache(maxsize=1)
def products() -> dict:
    """q4's products (kamlib/data/lubricant_industry_products.yaml): id -> (Text, {sector: Text})."""
    from kamlib.data.lubricant_industry import load_sectors
    from kamlib.data.schema import DataError, bilingual, data_path, read_yaml, require_keys

    source = "lubricant_industry_products.yaml"
    raw = read_yaml(data_path(source))
    if not isinstance(raw, list):
        raise DataError(f"{source}: expected a list of products")
    found, sectors = {}, load_sectors()
    for i, record in enumerate(raw, 1):
        where = f"{source}, product {i}"
        require_keys(record, ("id", "en", "zh", "sectors"), where)
        needs = record["sectors"]
        if not isinstance(needs, dict) or len(needs) < 5 or not set(needs) <= set(sectors):
            raise DataError(f"{where}, key 'sectors': expected at least 5 sectors of lubricant_industry.yaml")
        found[record["id"]] = (bilingual({"en": record["en"], "zh": record["zh"]}, where),
                               {s: bilingual(t, f"{where}, sector {s!r}") for s, t in needs.items()})
    return found


# --- the trainee's workbook ----------------------------------------------------------------------


@dataclass(frozen=True)
class Drives:
    """q2 and q3: a running-case account's open girth-gear drives, per drive and year.

    ``graphite`` and ``transparent`` hold each lubricant's price, consumption, labour and stops;
    ``shared`` what both share (labour rate, disposal, what an hour's stop costs); ``cleaning``
    the contractor's fee per drive to clean a gear before the switch, ``stop`` how long that
    stops a drive, ``in_shutdown`` whether the cleaning falls in a planned shutdown,
    ``one_off`` the trial for the whole plant."""

    account: str
    name: Text
    sector: str
    drives: int
    supplier: Text
    graphite: dict
    transparent: dict
    shared: dict
    cleaning: str
    stop: str
    in_shutdown: bool
    one_off: str

    @property
    def brief(self) -> Text:
        g, t, s = self.graphite, self.transparent, self.shared
        when = (Text("The plant's annual shutdown next month leaves time to clean every drive.",
                     "工厂下个月的年度停机检修有时间把每套传动都清洗一遍。") if self.in_shutdown else
                Text("There is no planned shutdown for a year: every cleaning stop costs production.",
                     "一年内都没有计划停机：每次清洗停机都要损失产量。"))
        return Text(
            f"{self.name.en} runs {self.drives} open girth-gear drives (kilns and ball mills, about 700 mm face "
            f"width). Today they run on a graphite grease from {self.supplier.en} at {g['price']}. The maintenance "
            f"manager's records, per drive and year: {g['consumption']} of grease, {g['labour']} of housekeeping "
            f"and nozzle cleaning, {g['downtime']} of stops to clear residue. Labour costs {s['labour_rate']}, an "
            f"hour's stop {s['downtime_rate']} of lost production, disposing of spent grease {s['disposal']}. "
            f"Your offer: Harbourlight's transparent open-gear lubricant at {t['price']}; from trials, per drive "
            f"and year, {t['consumption']}, {t['labour']} of labour and {t['downtime']} of stops. Switching "
            f"means cleaning each gear once: a contractor charges {self.cleaning} per drive, and cleaning stops a "
            f"drive for about {self.stop} (a vendor figure). {when.en} A trial with oil and wear analysis costs "
            f"{self.one_off} once, for the whole plant.",
            f"{self.name.zh}有 {self.drives} 套开式大齿圈传动（回转窑和球磨机，齿宽约 700 毫米）。目前用的是"
            f"{self.supplier.zh}的石墨润滑脂，价格 {g['price']}。设备经理的记录（每套传动每年）：润滑脂 "
            f"{g['consumption']}，清理和疏通喷嘴的人工 {g['labour']}，清理残脂的停机 {g['downtime']}。人工费 "
            f"{s['labour_rate']}，每停机一小时损失产量 {s['downtime_rate']}，废脂处置费 {s['disposal']}。你的方案："
            f"港光透明开式齿轮润滑剂，价格 {t['price']}；试用结果（每套传动每年）：用量 {t['consumption']}，人工 "
            f"{t['labour']}，停机 {t['downtime']}。换油要先把每套齿轮清洗一次：承包商每套收费 {self.cleaning}，"
            f"清洗要让传动停机约 {self.stop}（供应商数据）。{when.zh}带油液和磨损分析的试用，全厂一次性费用 "
            f"{self.one_off}。")


@dataclass(frozen=True)
class Opportunity:
    """q4: a product and five sectors of the trainee's region: for each, the product family's
    volume bought in the region (t/yr), our share of it (%) and what the sector's buyers require."""

    product: str
    description: Text
    rows: tuple  # (sector id, sector name Text, volume_t, share_pct, requirement Text)

    @property
    def sectors(self) -> list[str]:
        return [r[0] for r in self.rows]

    def table(self) -> list[dict]:
        """The rows as dicts: sector, name, volume_t (t/yr), share_pct (%), requirement."""
        return [{"sector": s, "name": str(n), "volume_t": v, "share_pct": p, "requirement": str(r)}
                for s, n, v, p, r in self.rows]


@dataclass(frozen=True)
class Workbook:
    """One trainee's variant."""

    trainee: str
    vignettes: tuple[Vignette, ...]
    drives: Drives
    opportunity: Opportunity
    brainstorm: tuple[str, ...]  # three sector ids for q5

    def _repr_html_(self) -> str:
        from kamlib.data.lubricant_industry import load_sectors

        sectors = load_sectors()
        heads = {
            "you": Text(f"Your workbook (trainee {self.trainee})", f"你的题目（学员 {self.trainee}）"),
            "q1": Text("q1: six accounts", "q1：六个客户"),
            "q2": Text(f"q2, q3: {self.drives.name.en} ({self.drives.account})",
                       f"q2、q3：{self.drives.name.zh}（{self.drives.account}）"),
            "q4": Text("q4: the product and your region's sectors", "q4：产品和你所在区域的行业"),
            "q5": Text("q5: your three sectors to brainstorm", "q5：你要做头脑风暴的三个行业"),
        }

        def head(key):
            return f"<p><b>{html.escape(str(heads[key]))}</b></p>"

        cases = "".join(f"<li><b>{v.id}</b>: {html.escape(str(v.text))}</li>" for v in self.vignettes)
        cols = ("sector", "name", "volume_t", "share_pct", "requirement")
        rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(r[c]))}</td>" for c in cols) + "</tr>"
                       for r in self.opportunity.table())
        table = f"<table><tr>{''.join(f'<th>{c}</th>' for c in cols)}</tr>{rows}</table>"
        brainstorm = ", ".join(f"{html.escape(str(sectors[s].name))} (<code>{s}</code>)" for s in self.brainstorm)
        return (head("you") + head("q1") + f"<ul>{cases}</ul>" + head("q2")
                + f"<p>{html.escape(str(self.drives.brief))}</p>" + head("q4")
                + f"<p>{html.escape(str(self.opportunity.description))}</p>{table}" + head("q5")
                + f"<p>{brainstorm}</p>")


def _money(value: float, unit: str) -> str:
    return f"{value:,.0f} {unit}"


def _drives(rng) -> Drives:
    """An account's girth-gear drives. By construction the transparent lubricant costs less in
    every part (its price per kg is at most 2.2 times graphite's while it uses at most 0.44 of
    the kilograms; less labour and fewer stops), so the switch always saves something."""
    from kamlib.data.key_accounts import load_accounts

    accounts = {a.id: a for a in load_accounts()}
    account = accounts[rng.choice(_GEAR_ACCOUNTS)]
    ours = account.share_of_wallet_pct >= 40  # where we hold much of the wallet, we sell its grease too
    graphite_kg_price = rng.randrange(18, 25)
    per_tonne = not ours and rng.random() < 0.6  # the competitor's invoice is per tonne
    graphite_t = rng.randrange(45, 61) / 10
    transparent_t = rng.randrange(36, 41) / 20
    ratio = rng.randrange(18, 23) / 10
    return Drives(
        account=account.id, name=Text(account.name, account.name_zh), sector=account.sector,
        drives=rng.randrange(2, 6),
        supplier=Text("Harbourlight (us)", "港光（我们）") if ours else COMPETITOR,
        graphite={"price": _money(graphite_kg_price * 1000, "CNY/t") if per_tonne else f"{graphite_kg_price} CNY/kg",
                  "consumption": f"{graphite_t:g} t/yr", "labour": f"{rng.randrange(60, 121, 10)} h/yr",
                  "downtime": f"{rng.randrange(6, 17, 2)} h/yr"},
        transparent={"price": f"{round(graphite_kg_price * ratio)} CNY/kg", "consumption": f"{transparent_t:g} t/yr",
                     "labour": f"{rng.randrange(20, 41, 5)} h/yr", "downtime": f"{rng.randrange(0, 5)} h/yr"},
        shared={"labour_rate": f"{rng.randrange(60, 121, 10)} CNY/h",
                "disposal": f"{rng.randrange(4, 11) / 2:g} CNY/kg",
                "downtime_rate": _money(rng.randrange(800, 3001, 100), "CNY/h")},
        cleaning=_money(rng.randrange(10, 26) * 1000, "CNY"), stop=CLEANING_STOP, in_shutdown=rng.random() < 0.5,
        one_off=_money(rng.randrange(15, 31) * 1000, "CNY"))


def _opportunity(rng) -> Opportunity:
    """A product and five sectors. The sector that buys the most is one where we already hold
    much of it, so its volume still open is among the two smallest; the open volumes differ by
    at least 10 %, so a careful reading decides."""
    from kamlib.data.lubricant_industry import load_sectors

    names = load_sectors()
    product = rng.choice(sorted(products()))
    description, needs = products()[product]
    chosen = rng.sample(sorted(needs), 5)
    while True:
        big = rng.randrange(5)
        shares = [rng.randrange(11, 16) * 5 if i == big else rng.randrange(1, 9) * 5 for i in range(5)]
        volumes = [rng.randrange(200, 301) * 10 if i == big else rng.randrange(40, 190) * 10 for i in range(5)]
        open_t = [v * (1 - p / 100) for v, p in zip(volumes, shares, strict=True)]
        ranked = sorted(open_t)
        if ranked.index(open_t[big]) <= 1 and all(b >= 1.1 * a for a, b in zip(ranked, ranked[1:], strict=False)):
            break
    rows = tuple((s, names[s].name, v, p, needs[s]) for s, v, p in zip(chosen, volumes, shares, strict=True))
    return Opportunity(product, description, rows)


def variant(trainee: str | None = None) -> Workbook:
    """The trainee's workbook: the same trainee always gets the same one."""
    from kamlib.data.lubricant_industry import load_sectors

    trainee = trainee or trainee_id()
    rng = variant_rng(EXERCISE, trainee)
    cases = tuple(rng.sample(vignettes(), 6))
    drives = _drives(rng)
    opportunity = _opportunity(rng)
    brainstorm = tuple(rng.sample(sorted(load_sectors()), 3))
    return Workbook(trainee, cases, drives, opportunity, brainstorm)


# --- q1: which spec decides the sale? ------------------------------------------------------------

q1 = Question(
    id="q1", exercise=EXERCISE,
    summary=Text("the spec or approval that decides the sale at each of six accounts",
                 "六个客户各自由哪项规格或认证决定成交"),
    form=Labels(lambda my: [v.id for v in my.vignettes], tuple(SPECS)),
    variant=variant,
    hints=(
        Text("Read each account for the machine and the risk, not for the sector's name: a wind farm also has "
             "transformers, a steel works an electrical department, a mine its loaders.",
             "读每个客户时看设备和风险，而不是看行业名称：风电场也有变压器，钢厂也有电气部门，矿山也有装载机。"),
        Text("Wet brakes: TO-4 in construction and mining machines, UTTO where one oil serves a tractor's "
             "hydraulics, gearbox and brakes. Low-sulphur fuel in a two-stroke engine: the cylinder oil's base number.",
             "湿式制动：工程和矿山机械用 TO-4；拖拉机液压、变速箱和制动共用一种油时用 UTTO。二冲程发动机烧低硫燃油：看气缸油的碱值。"),
        Text("A list the customer will not leave (a turbine maker's, an engine maker's) is an approval; water in "
             "a circulating oil is demulsibility; a drip on food is NSF H1.",
             "客户不肯离开的清单（风机厂家的、发动机厂家的）就是认证；循环油进水看抗乳化性；可能滴到食品上就是 NSF H1。"),
    ),
    mistakes=(
        Mistake("all alike", Text("You gave every account the same spec; they were chosen to differ.",
                                  "你给所有客户都标了同一项规格；这些客户是特意挑选成各不相同的。"),
                lambda value, my: len(set(value.values())) == 1),
    ),
)


# --- q2: the cost-in-use for the maintenance manager ---------------------------------------------

q2 = Question(
    id="q2", exercise=EXERCISE,
    summary=Text("the plant's annual saving with the transparent lubricant, and the months to pay back the switch",
                 "换用透明润滑剂后全厂每年节省多少，以及换油成本多少个月收回"),
    form=Parts({"saving_cny": Number("CNY/yr"), "payback_months": Number("months", minimum=0)}),
    variant=variant,
    hints=(
        Text("Work out the cost-in-use of each lubricant with cost_in_use, using my.drives.graphite or "
             "my.drives.transparent and my.drives.shared, for all the plant's drives (points=...). Then "
             "compare_cost_in_use(current, proposed).saving.",
             "用 cost_in_use 分别算出两种润滑剂的使用成本：用 my.drives.graphite 或 my.drives.transparent，再加上 "
             "my.drives.shared，并且要算全厂所有传动（points=...）。然后看 compare_cost_in_use(现用, 推荐).saving。"),
        Text("The switch costs the cleaning of every drive, the production lost while each drive stops to be "
             "cleaned (unless the stop falls in a planned shutdown), and the plant's trial once: changeover_cost "
             "adds them up.",
             "换油成本包括：每套传动的清洗费；每套传动清洗停机期间损失的产量（停机安排在计划检修期间则不算）；"
             "以及全厂一次的试用费。changeover_cost 会把它们加起来。"),
        Text("payback_months(comparison, (changeover, 'CNY')) gives the months. Watch the units of each price: "
             "per kg or per tonne.",
             "payback_months(comparison, (换油成本, 'CNY')) 给出月数。注意每个价格的单位：每千克还是每吨。"),
    ),
    mistakes=(
        Mistake("no saving", Text("Your saving is zero or negative, yet here the transparent lubricant uses less, "
                                  "needs less labour and stops less: check the units of the prices.",
                                  "你算出的节省是零或负数，可这里透明润滑剂用量更少、人工更少、停机也更少：检查一下价格的单位。"),
                lambda value, my: value["saving_cny"] <= 0),
        Mistake("days", Text("A payback of days: a price per tonne read as a price per kg makes the graphite grease "
                             "a thousand times dearer. Give every price with its own unit.",
                             "回收期只有几天：把每吨的价格当成了每千克的价格，石墨润滑脂就贵了一千倍。每个价格都要带上它自己的单位。"),
                lambda value, my: value["payback_months"] < 0.5),
    ),
)


# --- q3: the volume at stake ------------------------------------------------------------------

q3 = Question(
    id="q3", exercise=EXERCISE,
    summary=Text("the t/yr of open-gear lubricant we sell to the account today and after the switch",
                 "我们现在和换油后每年卖给这个客户的开式齿轮润滑剂吨数"),
    form=Parts({"before_t": Number("t/yr", minimum=0), "after_t": Number("t/yr", minimum=0)}),
    variant=variant,
    hints=(
        Text("Who sells the graphite grease today? Read my.drives.supplier: what a competitor sells is not ours.",
             "现在的石墨润滑脂是谁卖的？看 my.drives.supplier：竞争对手卖的量不算我们的。"),
        Text("Count every drive: .t_per_year of a cost_in_use with points=my.drives.drives is the plant's t/yr.",
             "每套传动都要算：points=my.drives.drives 的 cost_in_use 结果的 .t_per_year 就是全厂每年的吨数。"),
    ),
    mistakes=(
        Mistake("same", Text("The switch changes the tonnes: the transparent lubricant is used at well under half "
                             "the rate, and who sells the grease today matters.",
                             "换油会改变吨数：透明润滑剂的用量远不到石墨润滑脂的一半，而且现在是谁在卖润滑脂也很关键。"),
                lambda value, my: abs(value["before_t"] - value["after_t"]) < 1e-9),
    ),
)


# --- q4: where is the product's opportunity largest? ---------------------------------------------

q4 = Question(
    id="q4", exercise=EXERCISE,
    summary=Text("the sector of your region where the product's opportunity is largest, and why",
                 "在你所在区域，这款产品在哪个行业的机会最大，以及原因"),
    form=Parts({"sector": OneOf(lambda my: my.opportunity.sectors), "reason": OneOf(tuple(REASONS))}),
    variant=variant,
    hints=(
        Text("The opportunity is the volume still open to us: what the sector buys of this product × (1 − our share).",
             "机会是我们还能争取的量：该行业这种产品的采购量 ×（1 − 我们的份额）。"),
        Text("A sector whose buyers require an approval or registration the product does not have is closed to "
             "it, however large: compare each requirement with what the product description says it has.",
             "如果某行业的买家要求这款产品没有的认证或注册，不管量多大，都卖不进去：把每个行业的要求和产品说明逐一对照。"),
        Text("The reason is 'spec' only when a closed sector has more open volume than the one you chose.",
             "只有当某个卖不进去的行业可争取量比你选的还大时，原因才是“spec”。"),
    ),
)

QUESTIONS = (q1, q2, q3, q4)


# --- the lecture's Try it (practice, not graded: it may carry its answer) -------------------------


@dataclass(frozen=True)
class _Tenths(Number):
    """A price in CNY/kg compared to the nearest 0.1 CNY (62.24 and 62.2 are the same answer)."""

    def normalise(self, answer, data):
        value, problem = super().normalise(answer, data)
        return (None, problem) if problem is not None else (round(value, 1), None)


def _break_even(_data) -> float:
    from kamlib.models.lubricant_industry import break_even_price, girth_gear_case

    return break_even_price(girth_gear_case())


def _lubricant_only(value, _data) -> bool:
    from kamlib.models.lubricant_industry import girth_gear_case

    case = girth_gear_case()
    return abs(value - case.current.lubricant / case.proposed.kg_per_year) < 0.06


try_it = Question(
    id="try_it", exercise="lec05_lubricant_industry",
    summary=Text("the highest price per kg at which the transparent lubricant still costs no more a year",
                 "透明润滑剂每年花费不超过现用方案时，每千克的最高价格"),
    form=_Tenths("CNY/kg", minimum=0),
    variant=lambda trainee: None,
    practice_answer=_break_even,
    hints=(
        Text("At the break-even price the two annual totals are equal.", "在盈亏平衡价格下，两种方案的年度总成本相等。"),
        Text("Keep the transparent lubricant's labour and disposal as they are; only its price per kg moves. "
             "break_even_price(case) does the sum.",
             "透明润滑剂的人工和处置费保持不变，只变动它的每千克价格。break_even_price(case) 可以直接算出。"),
    ),
    mistakes=(
        Mistake("lubricant only", Text("You compared the lubricant cost only; the break-even price must also pay for "
                                       "the labour and disposal the customer saves.",
                                       "你只比较了润滑剂本身的费用；盈亏平衡价格还要把客户节省的人工和处置费算进去。"),
                _lubricant_only),
    ),
)
