"""Exercise 09, *Product channel maps* (产品通路图): the questions, declared once.

Each trainee gets a **region** of Harbourlight Lubricants (:func:`variant`): its own
channel map (distributors, sub-dealers, direct key-account sales, OEMs and their
service dealers, end-user segments, influencers), a colleague's sales notes with the
map the colleague drew from them, and six parties met in the field. kamlib is the
calculator (``inflows``, ``route_volumes``, ``edge_volumes``, ``plot_channel_map``);
the answers are the trainee's decisions. No expected answer is computed here: the
grader marks the answers against the instructor's key
(``exercises/keys/ex09_channel_maps.py``).

The self-checks catch a malformed answer and answers that cannot be right whatever
the region (a partner that does not resell our oil cannot get the distributor fund,
say); they never compute the right answer.

>>> my = variant("demo")
>>> my.map().nodes["harbourlight"]["kind"], len(my.notes), len(my.parties)
('supplier', 11, 6)
>>> q4.evaluate({p.id: "user" for p in my.parties}, trainee="demo", keys=False).outcome
'not yet'
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

from kamlib.checks.framework import (
    Assign,
    Labels,
    Mistake,
    Number,
    OneOf,
    Parts,
    Question,
    trainee_id,
    variant_rng,
)
from kamlib.text import Text, TextItem

__all__ = ["EXERCISE", "SUPPLIER", "COMPETITOR", "RESELLERS", "ROLES", "SLIPS", "Note", "Party", "Region",
           "parties", "variant", "q1", "q2", "q3", "q4", "QUESTIONS", "TRY_IT_ROUTE", "try_it"]

EXERCISE = "ex09_channel_maps"
SUPPLIER = "harbourlight"
#: The competitor brand one of the trainee's distributors also carries (fictional).
COMPETITOR = Text("Northstar Lubricants", "北极星润滑油")
#: Node kinds that resell our oil: what the distributor development fund may back.
RESELLERS = ("distributor", "dealer")

#: q4's labels: a party's role on a channel map.
ROLES = {
    "user": Text("uses our oil in its own machines (an end user)", "在自己的设备上使用我们的油（终端用户）"),
    "channel": Text("passes our oil on to others (a distributor, dealer, OEM first fill …)",
                    "我们的油经它转到别人手里（经销商、二级经销商、主机厂初装油……）"),
    "influencer": Text("moves none of our oil but sways which oil is bought", "不经手我们的油，但能左右客户买哪种油"),
}

#: q3's labels: how a drawn link can disagree with the sales notes.
SLIPS = {
    "missing": Text("the note's link is not on the map", "记录里的这条连线，图上没有画"),
    "share": Text("the share does not match the note's tonnes", "占比和记录里的吨数对不上"),
    "direction": Text("the arrow points the wrong way", "箭头方向画反了"),
    "kind": Text("a sale drawn as influence, or an influence drawn as a sale (supply edge)",
                 "把销售画成了影响连线，或把影响画成了供货连线"),
    "channel": Text("first fill and aftermarket mixed up", "初装油和售后换油标混了"),
}

# --- the region's cast (all fictional) ---------------------------------------------------------

_REGIONS = (("the central region", "华中区"), ("the south-west region", "西南区"), ("the north-west region", "西北区"),
            ("the coastal region", "沿海区"), ("the north-east region", "东北区"), ("the river delta", "长三角区"))
_DISTRIBUTORS = (
    ("xishan", "Xishan Distributors", "西山商贸"),
    ("nanhu", "Nanhu Industrial Oils", "南湖工业油品"),
    ("jinsha", "Jinsha Lube Trading", "金沙润滑油贸易"),
    ("huaxing", "Huaxing Machinery Supply", "华兴机电供应"),
    ("tianhe", "Tianhe Lubricants", "天河润滑油"),
    ("qinling", "Qinling Industrial Supply", "秦岭工业供应"),
    ("baiyun", "Baiyun Oil Trading", "白云油品贸易"),
    ("lijiang", "Lijiang Equipment Supply", "漓江设备供应"),
)
#: (stem, name en, name zh, the segments its machines work in)
_OEMS = (
    ("jinpeng", "Jinpeng Loaders", "金鹏装载机", ("construction", "mining")),
    ("yuanzheng", "Yuanzheng Heavy Trucks", "远征重卡", ("fleets", "mining")),
    ("feiyang", "Feiyang Wind Turbines", "飞扬风机", ("wind",)),
    ("haiyun", "Haiyun Marine Engines", "海韵船机", ("marine",)),
    ("jinlu", "Jinlu Rail Equipment", "金路轨道装备", ("rail",)),
)
_LABS = (("mingjing", "Mingjing Oil Analysis Lab", "明镜油液检测实验室"), ("zhengxin", "Zhengxin Oil Lab", "正信油液实验室"))
_GENERAL = ("steel", "cement", "power", "paper", "food", "metalworking", "mining", "fleets")


@lru_cache(maxsize=1)
def _sectors() -> dict:
    from kamlib.data.lubricant_industry import load_sectors

    return load_sectors()


def _split(rng, total: int, n: int, low: int, step: int = 1) -> list[int]:
    """``n`` different whole numbers, multiples of ``step``, each at least ``low``, adding up to ``total``
    (real shares are seldom equal, and equal ones would make ties)."""
    if n == 1:
        return [total]
    while True:
        cuts = sorted(rng.sample(range(step, total, step), n - 1))
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        if min(parts) >= low and len(set(parts)) == n:
            return parts


# --- the trainee's region --------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """One line of the colleague's sales notes (q3): a link and its tonnes a year
    (``None`` for an influence: it moves no oil)."""

    id: str
    source: str
    target: str
    tonnes: float | None
    first_fill: bool
    text: Text


Party = TextItem  # a party the channel team met (q4)

@dataclass(frozen=True)
class Region:
    """One trainee's variant: a region's channel map, a colleague's notes and drawn map, six parties."""

    trainee: str
    name: Text
    nodes: tuple  # (node id, attributes)
    edges: tuple  # edge dicts: from, to, share, kind, channel
    switching: str  # the distributor that also carries COMPETITOR and may switch (q2)
    colleague: Text  # the colleague's region (q3)
    colleague_names: tuple  # (node id, en, zh) in the colleague's notes
    notes: tuple[Note, ...]
    drawn: tuple  # the colleague's edge table: dicts from, to, share, kind, channel
    parties: tuple[Party, ...]

    def map(self):
        """The region's channel map, a fresh networkx DiGraph (shares of each node's outflow)."""
        from kamlib.models.channel_maps import build_channel_map

        return build_channel_map([dict(e) for e in self.edges], nodes={n: dict(a) for n, a in self.nodes})

    def drawn_map(self):
        """The colleague's drawn map as a DiGraph (not validated: it may have problems)."""
        from kamlib.models.channel_maps import build_channel_map

        return build_channel_map([{k: v for k, v in row.items() if v is not None} for row in self.drawn],
                                 validate=False)

    @property
    def partners(self) -> list[str]:
        """Every node but the supplier: what q1 may name."""
        return [n for n, a in self.nodes if a["kind"] != "supplier"]

    @property
    def segments(self) -> list[str]:
        """The end-user segments of the region."""
        return [n for n, a in self.nodes if a["kind"] == "end_user"]

    def name_of(self, node: str) -> str:
        attrs = dict(self.nodes)[node]
        return str(Text(attrs["en"], attrs["zh"]))

    def partner_table(self) -> list[dict]:
        """Who is who on the map: id, name, kind and, for resellers, the brands they carry."""
        return [{"id": n, "name": str(Text(a["en"], a["zh"])), "kind": a["kind"],
                 "brands": str(a["brands"]) if "brands" in a else ""}
                for n, a in self.nodes if a["kind"] not in ("end_user",)]

    def edge_table(self) -> list[dict]:
        """The region's edges: from, to, share (of what ``from`` sends out), kind, channel."""
        return [dict(e) for e in self.edges]

    def _repr_html_(self) -> str:
        def table(rows, head):
            body = "".join("<tr>" + "".join(f"<td>{html.escape('' if r.get(h) is None else str(r.get(h)))}</td>"
                                            for h in head) + "</tr>" for r in rows)
            return f"<table><tr>{''.join(f'<th>{h}</th>' for h in head)}</tr>{body}</table>"

        supply = dict(self.nodes)[SUPPLIER]["volume_t"]
        notes = "".join(f"<li><b>{n.id}</b>: {html.escape(str(n.text))}</li>" for n in self.notes)
        cast = ", ".join(f"<code>{i}</code> = {html.escape(str(Text(en, zh)))}" for i, en, zh in self.colleague_names)
        people = "".join(f"<li><b>{p.id}</b>: {html.escape(str(p.text))}</li>" for p in self.parties)
        heads = {
            "region": Text(f"Your region, {self.name.en} (trainee {self.trainee}): Harbourlight puts {supply:,.0f} "
                           "t/yr into it.",
                           f"你的区域：{self.name.zh}（学员 {self.trainee}）。港光每年向该区域供货 {supply:,.0f} 吨。"),
            "partners": Text("Who is who (q1, q2)", "通路上的各方（q1、q2）"),
            "edges": Text("The map's edges (share = the fraction of what 'from' sends out)",
                          "通路图的连线（share 占比 = from 一方全部出货量中流向 to 的比例）"),
            "switching": Text(f"q2: {self.switching} ({dict(self.nodes)[self.switching]['en']}) may switch to "
                              f"{COMPETITOR.en}.",
                              f"q2：{self.switching}（{dict(self.nodes)[self.switching]['zh']}）可能转投{COMPETITOR.zh}。"),
            "notes": Text(f"q3: your colleague's sales notes, {self.colleague.en}", f"q3：同事的销售记录（{self.colleague.zh}）"),
            "drawn": Text("q3: the map your colleague drew from them", "q3：同事根据这些记录画出的通路图"),
            "parties": Text("q4: the parties your team met", "q4：你的团队走访过的各方"),
        }

        def head(key):
            return f"<p><b>{html.escape(str(heads[key]))}</b></p>"

        return (head("region") + head("partners") + table(self.partner_table(), ("id", "name", "kind", "brands"))
                + head("edges") + table(self.edge_table(), ("from", "to", "share", "kind", "channel"))
                + head("switching") + head("notes") + f"<p>{cast}</p><ul>{notes}</ul>"
                + head("drawn") + table(self.drawn, ("from", "to", "share", "kind", "channel"))
                + head("parties") + f"<ul>{people}</ul>")


def _node(en: str, zh: str, kind: str, **extra) -> dict:
    return {"kind": kind, "en": en, "zh": zh, **extra}


def _region_map(rng):
    """(nodes, edges, switching distributor) of a plausible lubricant region."""
    sectors = _sectors()
    volume = rng.randrange(16, 41) * 1000
    dists = rng.sample(_DISTRIBUTORS, rng.choice((2, 3)))
    oems = rng.sample(_OEMS, rng.choice((1, 2)))
    general = rng.sample(_GENERAL, rng.choice((3, 4)))
    oem_segments = [s for oem in oems for s in oem[3]]
    segments = list(dict.fromkeys([*general, *oem_segments]))
    owner, switching = rng.choice(dists), rng.choice(dists)
    lab = rng.choice(_LABS)

    nodes = {SUPPLIER: _node("Harbourlight Lubricants", "港光润滑油", "supplier", volume_t=float(volume)),
             "ka_direct": _node("Direct key-account sales", "直供大客户", "key_account")}
    ours = Text("Harbourlight only", "只经营港光")
    both = Text(f"Harbourlight + {COMPETITOR.en}", f"港光 + {COMPETITOR.zh}")
    for stem, en, zh in dists:
        nodes[f"dist_{stem}"] = _node(en, zh, "distributor", brands=both if stem == switching[0] else ours)
    sub = f"dealers_{owner[0]}"
    nodes[sub] = _node(f"{owner[1].split()[0]} sub-dealers", f"{owner[2][:2]}二级经销商", "dealer", brands=ours)
    for stem, en, zh, _ in oems:
        nodes[f"oem_{stem}"] = _node(en, zh, "oem")
        nodes[f"service_{stem}"] = _node(f"{en.split()[0]} service dealers", f"{zh}服务站", "dealer", brands=ours)
    nodes[f"lab_{lab[0]}"] = _node(lab[1], lab[2], "influencer")
    nodes[f"approvals_{oems[0][0]}"] = _node(f"{oems[0][1]} approval list", f"{oems[0][2]}认证清单", "influencer")
    for s in segments:
        nodes[s] = _node(sectors[s].name.en, sectors[s].name.zh, "end_user")

    edges = []

    def supply(u, targets, percents, channel=None):
        for v, pct in zip(targets, percents, strict=True):
            edges.append({"from": u, "to": v, "share": pct / 100, "kind": "supply", "channel": channel})

    ka_pct = rng.randint(24, 38)
    oem_pcts = [rng.randint(5, 12) for _ in oems]
    dist_pcts = _split(rng, 100 - ka_pct - sum(oem_pcts), len(dists), 12)
    supply(SUPPLIER, ["ka_direct", *(f"dist_{d[0]}" for d in dists), *(f"oem_{o[0]}" for o in oems)],
           [ka_pct, *dist_pcts, *oem_pcts])
    fed = set()
    second = rng.choice([d for d in dists if d != owner]) if rng.random() < 0.5 else None
    for stem, _, _ in dists:
        targets = rng.sample(general, min(len(general), rng.choice((2, 3))))
        fed.update(targets)
        if stem == owner[0]:
            to_sub = rng.randint(20, 35)
            supply(f"dist_{stem}", [sub, *targets], [to_sub, *_split(rng, 100 - to_sub, len(targets), 10)])
        elif second is not None and stem == second[0]:
            to_sub = rng.randint(10, 20)
            supply(f"dist_{stem}", [sub, *targets], [to_sub, *_split(rng, 100 - to_sub, len(targets), 10)])
        else:
            supply(f"dist_{stem}", targets, _split(rng, 100, len(targets), 10))
    sub_targets = rng.sample(general, 2)
    fed.update(sub_targets)
    supply(sub, sub_targets, _split(rng, 100, 2, 20))
    for stem, _, _, works_in in oems:
        first_fill = rng.randint(55, 80)
        supply(f"oem_{stem}", list(works_in), _split(rng, first_fill, len(works_in), 15), channel="first_fill")
        supply(f"oem_{stem}", [f"service_{stem}"], [100 - first_fill], channel="aftermarket")
        supply(f"service_{stem}", list(works_in), _split(rng, 100, len(works_in), 20))
        fed.update(works_in)
    ka_targets = list(dict.fromkeys([*rng.sample(general, rng.choice((2, 3))), *(s for s in general if s not in fed)]))
    supply("ka_direct", ka_targets, _split(rng, 100, len(ka_targets), 8))
    for v in rng.sample(segments, 2):
        edges.append({"from": f"lab_{lab[0]}", "to": v, "share": None, "kind": "influence", "channel": None})
    for v in oems[0][3]:
        edges.append({"from": f"approvals_{oems[0][0]}", "to": v, "share": None, "kind": "influence", "channel": None})
    return tuple(nodes.items()), tuple(edges), f"dist_{switching[0]}"


# --- q3's material: the colleague's notes and drawn map ----------------------------------------


def _colleague_notes(rng, used: set):
    """(region, cast, notes, drawn rows) for the colleague's region."""
    sectors = _sectors()
    region = rng.choice(_REGIONS)
    stem, d_en, d_zh = rng.choice([d for d in _DISTRIBUTORS if f"dist_{d[0]}" not in used])
    o_stem, o_en, o_zh, works_in = rng.choice([o for o in _OEMS if f"oem_{o[0]}" not in used])
    lab = rng.choice(_LABS)
    segs = rng.sample([s for s in _GENERAL if s not in works_in], 3)
    oem_seg = works_in[0]
    names = {
        "Harbourlight": ("Harbourlight's regional office", "港光润滑油区域办事处"),
        d_en.split()[0]: (d_en, d_zh),
        "Sub-dealers": (f"{d_en.split()[0]}'s sub-dealers", f"{d_zh[:2]}的二级经销商"),
        "Direct KA": ("our direct key-account team", "我们的直供大客户团队"),
        o_en.split()[0]: (o_en, o_zh),
        "Lab": (lab[1], lab[2]),
        **{sectors[s].name.en: (sectors[s].name.en, sectors[s].name.zh) for s in [*segs, oem_seg]},
    }
    dist, oem = d_en.split()[0], o_en.split()[0]
    seg = [sectors[s].name.en for s in segs]
    oem_target = sectors[oem_seg].name.en
    total = rng.choice((4000, 8000, 12000))
    p_sup = _split(rng, 100, 3, 15, 5)
    p_dist = _split(rng, 100, 3, 15, 5)
    p_ka = _split(rng, 100, 2, 20, 5)
    t_dist, t_ka, t_oem = (total * p / 100 for p in p_sup)
    t_seg1, t_seg2, t_sub = (t_dist * p / 100 for p in p_dist)
    t_ka1, t_ka3 = (t_ka * p / 100 for p in p_ka)
    lab_target = rng.choice([*seg, oem_target])

    def zh(node):
        return f"{names[node][1]}（{node}）"

    links = [  # (from, to, t/yr, first fill, en, zh)
        ("Harbourlight", dist, t_dist, False, f"Harbourlight ships about {t_dist:,.0f} t a year of our oil to {dist}.",
         f"港光（Harbourlight）每年给{zh(dist)}发货约 {t_dist:,.0f} 吨我们的油。"),
        ("Harbourlight", "Direct KA", t_ka, False,
         f"Harbourlight delivers about {t_ka:,.0f} t a year through Direct KA, the direct key-account team.",
         f"港光（Harbourlight）每年通过直供大客户团队（Direct KA）供货约 {t_ka:,.0f} 吨。"),
        ("Harbourlight", oem, t_oem, False, f"Harbourlight sells about {t_oem:,.0f} t a year to {oem}, an OEM.",
         f"港光（Harbourlight）每年卖给主机厂{zh(oem)}约 {t_oem:,.0f} 吨。"),
        (dist, seg[0], t_seg1, False, f"{dist} sells about {t_seg1:,.0f} t a year to {seg[0]} customers.",
         f"{zh(dist)}每年卖给{zh(seg[0])}行业的客户约 {t_seg1:,.0f} 吨。"),
        (dist, seg[1], t_seg2, False, f"{dist} sells about {t_seg2:,.0f} t a year to {seg[1]} customers.",
         f"{zh(dist)}每年卖给{zh(seg[1])}行业的客户约 {t_seg2:,.0f} 吨。"),
        (dist, "Sub-dealers", t_sub, False, f"{dist} sells the rest, about {t_sub:,.0f} t a year, to its Sub-dealers.",
         f"{zh(dist)}把剩下的约 {t_sub:,.0f} 吨卖给它的二级经销商（Sub-dealers）。"),
        ("Sub-dealers", seg[2], t_sub, False,
         f"The Sub-dealers sell all of theirs, about {t_sub:,.0f} t a year, to {seg[2]} customers.",
         f"二级经销商（Sub-dealers）把这约 {t_sub:,.0f} 吨全部卖给{zh(seg[2])}行业的客户。"),
        ("Direct KA", seg[0], t_ka1, False, f"Direct KA delivers about {t_ka1:,.0f} t a year to {seg[0]} plants.",
         f"直供大客户团队（Direct KA）每年给{zh(seg[0])}行业的大客户直供约 {t_ka1:,.0f} 吨。"),
        ("Direct KA", seg[2], t_ka3, False, f"Direct KA delivers about {t_ka3:,.0f} t a year to {seg[2]} plants.",
         f"直供大客户团队（Direct KA）每年给{zh(seg[2])}行业的大客户直供约 {t_ka3:,.0f} 吨。"),
        (oem, oem_target, t_oem, True,
         f"{oem} fills all of it, about {t_oem:,.0f} t a year, into new machines it sells to {oem_target} "
         "customers (first fill).",
         f"{zh(oem)}把这约 {t_oem:,.0f} 吨全部作为初装油，加注到它卖给{zh(oem_target)}行业客户的新设备里。"),
        ("Lab", lab_target, None, False,
         f"The Lab tests the {lab_target} customers' used oil and tells them which oil to buy; it buys no oil.",
         f"实验室（Lab）为{zh(lab_target)}行业的客户检测在用油，并告诉他们该买哪种油；它自己不买油。"),
    ]
    rng.shuffle(links)
    notes = tuple(Note(f"N{i}", u, v, t, ff, Text(en, zh_text)) for i, (u, v, t, ff, en, zh_text) in enumerate(links, 1))

    sent: dict = {}
    for note in notes:
        if note.tonnes is not None:
            sent[note.source] = sent.get(note.source, 0.0) + note.tonnes
    rows = {}
    for note in notes:
        if note.tonnes is None:
            rows[note.id] = {"from": note.source, "to": note.target, "share": None, "kind": "influence", "channel": None}
        else:
            rows[note.id] = {"from": note.source, "to": note.target, "share": round(note.tonnes / sent[note.source], 3),
                             "kind": "supply", "channel": "first_fill" if note.first_fill else None}
    # the colleague's slips: two or three notes drawn differently from what they say
    for note in rng.sample(notes, rng.choice((2, 3))):
        row = rows[note.id]
        if note.tonnes is None:
            slip = rng.choice(("missing", "kind"))
        elif note.source == "Harbourlight":
            slip = "missing"
        elif note.first_fill:
            slip = rng.choice(("missing", "share", "channel"))
        else:
            slip = rng.choice(("missing", "share", "direction", "channel"))
        if slip == "missing":
            del rows[note.id]
        elif slip == "kind":
            row.update(share=1.0, kind="supply")
        elif slip == "share":
            row["share"] = round(note.tonnes / total, 2)
        elif slip == "direction":
            row["from"], row["to"] = row["to"], row["from"]
        else:
            row["channel"] = None if note.first_fill else "first_fill"
    drawn = tuple(sorted(rows.values(), key=lambda r: (r["from"], r["to"])))
    cast = tuple((node, en, zh_name) for node, (en, zh_name) in names.items())
    return Text(*region), cast, notes, drawn


# --- q4's material ------------------------------------------------------------------------------


def parties() -> tuple[Party, ...]:
    """The pool of parties q4 draws from (kamlib/data/channel_maps_parties.yaml)."""
    from kamlib.data.course import load_text_pool

    return load_text_pool("channel_maps_parties")


def variant(trainee: str | None = None) -> Region:
    """The trainee's region: the same trainee always gets the same one."""
    trainee = trainee or trainee_id()
    rng = variant_rng(EXERCISE, trainee)
    name = Text(*rng.choice(_REGIONS))
    nodes, edges, switching = _region_map(rng)
    colleague, cast, notes, drawn = _colleague_notes(rng, {n for n, _ in nodes})
    return Region(trainee, name, nodes, edges, switching, colleague, cast, notes, drawn,
                  tuple(rng.sample(parties(), 6)))


# --- q1: which partner gets the fund? ------------------------------------------------------------


def _kind(my, node) -> str:
    return dict(my.nodes)[node]["kind"]


def _not_a_reseller(value, my) -> bool:
    return _kind(my, value["partner"]) not in RESELLERS


def _dual_brand(value, my) -> bool:
    return COMPETITOR.en in dict(my.nodes)[value["partner"]].get("brands", Text("-", "-")).en


def _flow_inconsistent(value, my) -> bool:
    from kamlib.models.channel_maps import inflows

    flow = inflows(my.map())[value["partner"]]
    return abs(value["t_yr"] - flow) > max(1.0, 0.01 * flow)


q1 = Question(
    id="q1", exercise=EXERCISE,
    summary=Text("which partner gets the distributor development fund, and how many t/yr flow through it",
                 "经销商发展基金给哪家伙伴，以及每年有多少吨我们的油流入它"),
    form=Parts({"partner": OneOf(lambda my: my.partners), "t_yr": Number("t/yr", minimum=0)}),
    variant=variant,
    hints=(
        Text("The fund backs a reseller that sells only our brand: look at the kind and the brands columns of "
             "the partner table. Our own key-account team, OEMs, end users and influencers cannot get it.",
             "这笔基金只给专营我们品牌的经销类伙伴（kind 为 distributor 或 dealer）：看伙伴表里的 kind 和 brands "
             "两列。我们自己的直供大客户团队、主机厂、终端用户和影响者都拿不到。"),
        Text("Among those, back the one where the most of our oil passes: inflows(my.map()) gives each node's "
             "t/yr. The map's leverage point is not always a partner you may back.",
             "在这些伙伴里，扶持我们的油流经最多的那家：inflows(my.map()) 给出每个节点每年的流入吨数。"
             "通路图的杠杆点不一定是基金能扶持的伙伴。"),
    ),
    mistakes=(
        Mistake("not a reseller", Text("The fund backs a reseller (a distributor or a dealer); the party you named "
                                       "does not resell our oil.",
                                       "这笔基金只扶持经销类伙伴（经销商或二级经销商）；你选的这一方并不转卖我们的油。"),
                _not_a_reseller),
        Mistake("dual brand", Text(f"The partner you chose also sells {COMPETITOR.en}; the fund backs partners that "
                                   "sell our brand only.",
                                   f"你选的伙伴同时在卖{COMPETITOR.zh}；这笔基金只扶持专营我们品牌的伙伴。"),
                _dual_brand),
        Mistake("flow", Text("Your t/yr is not the volume that flows into the partner you chose: read it from "
                             "inflows(my.map()).",
                             "你填的吨数不是流入所选伙伴的量：请从 inflows(my.map()) 里读取。"),
                _flow_inconsistent),
    ),
)


# --- q2: a distributor may switch brand --------------------------------------------------------


def _no_route(value, my) -> bool:
    import networkx as nx

    return not nx.has_path(my.map(), my.switching, value["segment"])


def _too_much(value, my) -> bool:
    from kamlib.models.channel_maps import inflows

    flow = inflows(my.map())
    most = min(flow[my.switching], flow[value["segment"]])
    return value["t_yr"] > most + max(1.0, 0.01 * most)


q2 = Question(
    id="q2", exercise=EXERCISE,
    summary=Text("which segment to visit first if the switching distributor drops us, and our tonnes at stake there",
                 "如果那家经销商转投竞品，先拜访哪个终端行业，以及那里有多少吨我们的油面临风险"),
    form=Parts({"segment": OneOf(lambda my: my.segments), "t_yr": Number("t/yr", minimum=0)}),
    variant=variant,
    hints=(
        Text("Our oil reaches a segment through the switching distributor on every route that passes through it: "
             "straight from the distributor, or through the sub-dealers it supplies.",
             "我们的油经这家经销商到达某个终端行业，所有经过它的路线都要算：经销商直接供货的，以及经它的二级经销商转卖的。"),
        Text("route_volumes(my.map()) lists every route with its t/yr. Add up, segment by segment, the routes "
             "that contain my.switching; the segment is the last node of a route.",
             "route_volumes(my.map()) 列出每条路线及其每年的吨数。把包含 my.switching 的路线按终端行业（路线的最后一个节点）"
             "分别加总。"),
        Text("Visit the segment with the most of our tonnes through that distributor; the number is that segment's "
             "total, not everything the segment gets from us.",
             "先拜访经这家经销商拿到我们的油最多的终端行业；要填的就是这部分吨数，而不是该行业从我们这里拿到的全部量。"),
    ),
    mistakes=(
        Mistake("no route", Text("The segment you named gets none of our oil through the switching distributor: "
                                 "no route from it leads there.",
                                 "你选的终端行业没有经这家经销商拿到我们的油：从这家经销商出发，没有路线通到那里。"),
                _no_route),
        Mistake("too much", Text("Your t/yr is more than the switching distributor handles in all, or more than the "
                                 "segment gets from us: only the routes through the distributor count.",
                                 "你填的吨数比这家经销商的全部经手量还多，或比该行业从我们这里拿到的总量还多："
                                 "只算经过这家经销商的路线。"),
                _too_much),
    ),
)


# --- q3: check a colleague's map against the notes ---------------------------------------------


def _linked(my, note) -> bool:
    return any({row["from"], row["to"]} == {note.source, note.target} for row in my.drawn)


def _missing_but_linked(value, my) -> bool:
    notes = {n.id: n for n in my.notes}
    return any(label == "missing" and _linked(my, notes[k]) for k, label in value.items())


def _turned_but_absent(value, my) -> bool:
    notes = {n.id: n for n in my.notes}
    return any(label != "missing" and not _linked(my, notes[k]) for k, label in value.items())


def _every_note(value, my) -> bool:
    return len(value) == len(my.notes)


q3 = Question(
    id="q3", exercise=EXERCISE,
    summary=Text("which of the colleague's notes the drawn map gets wrong, and how",
                 "同事的通路图把哪几条销售记录画错了，错在哪里"),
    form=Assign(lambda my: [n.id for n in my.notes], tuple(SLIPS)),
    variant=variant,
    hints=(
        Text("Go through the notes one by one and find each note's link in the drawn table: is it there, pointing "
             "from the seller to the buyer, with the right kind and channel?",
             "逐条看销售记录，在同事的连线表里找到对应的连线：画了没有？箭头是不是从卖方指向买方？连线类型和初装油/售后换油的标记对不对？"),
        Text("A share is a fraction of everything the upstream node sends out: add up the tonnes of all the notes "
             "leaving that node, then share = tonnes ÷ that total. Compare with the drawn share.",
             "占比是上游节点全部出货量中的比例：先把从该节点出发的所有记录的吨数加起来，占比 = 吨数 ÷ 这个合计，"
             "再和图上的占比比较。"),
        Text("Answer only the notes the map gets wrong, each with one label ({} if the map is right).",
             "只填图上画错的记录，每条配一个标签（如果全都画对了，就写 {}）。"),
    ),
    mistakes=(
        Mistake("every note", Text("You flagged every note; most of the colleague's map is right.",
                                   "你把每条记录都判成了错的；同事的图大部分是对的。"),
                _every_note),
        Mistake("missing but linked", Text("A note you call missing has a link between its two parties in the drawn "
                                           "table; check that link's direction, share, kind or channel instead.",
                                           "你判为“缺失”的某条记录，在同事的连线表里其实有这两方之间的连线；"
                                           "请改查这条线的方向、占比、类型或初装油/售后换油标记。"),
                _missing_but_linked),
        Mistake("absent", Text("A note you flag for its direction, share, kind or channel has no link at all in the "
                               "drawn table: a link that is not there is missing.",
                               "你按方向、占比、类型或初装油/售后换油标记判错的某条记录，在同事的连线表里根本没有连线：没画出来的线属于“缺失”。"),
                _turned_but_absent),
    ),
)


# --- q4: user, channel or influencer? ------------------------------------------------------------

q4 = Question(
    id="q4", exercise=EXERCISE,
    summary=Text("each party's role on a channel map: user, channel or influencer",
                 "每一方在通路图上的角色：终端用户、通路还是影响者"),
    form=Labels(lambda my: [p.id for p in my.parties], tuple(ROLES)),
    variant=variant,
    hints=(
        Text("Follow the oil: does it stop at this party (burnt, drained, worn out in its own machines), go on to "
             "someone else, or never pass through it?",
             "跟着油走：油是在这一方停下来（在它自己的设备里用掉、换下来），还是继续转到别人手里，或者根本不经过它？"),
        Text("Oil that reaches the user inside a new machine passed through the machine maker: first fill is a "
             "channel. A maker that only approves oils moves none.",
             "随新设备到达用户手里的油，是经过了主机厂的：初装油属于通路。只做油品认证的主机厂并不经手油。"),
        Text("Who pays does not decide the role: a service company that includes the oil in its price still "
             "passes the oil on.",
             "谁付款并不决定角色：把油费打包进服务价格的服务公司，仍然是把油转到了别人手里。"),
    ),
    mistakes=(
        Mistake("all alike", Text("You gave every party the same role; they were chosen to differ.",
                                  "你给每一方都标了同一个角色；这几方是特意挑来、角色各不相同的。"),
                lambda value, my: len(set(value.values())) == 1),
    ),
)

QUESTIONS = (q1, q2, q3, q4)


# --- the lecture's Try it (practice, not graded: it may carry its answer) -------------------------

#: The route the lecture's Try it asks about: Harbourlight → Donghai → Donghai's dealers → metalworking.
TRY_IT_ROUTE = ("harbourlight", "dist_east", "dealer_east", "metalworking")


def _running_case():
    from kamlib.data.channel_maps import load_channel_map

    return load_channel_map("running_case")


def _route_volume(_data) -> float:
    from kamlib.models.channel_maps import route_volumes

    return route_volumes(_running_case())[TRY_IT_ROUTE]


def _near(value: float, other: float) -> bool:
    return abs(value - other) <= max(1.0, 0.01 * abs(other))


def _summed_shares(value, _data) -> bool:
    g = _running_case()
    total = float(g.nodes[SUPPLIER]["volume_t"]) * sum(
        g.edges[u, v]["share"] for u, v in zip(TRY_IT_ROUTE, TRY_IT_ROUTE[1:], strict=False))
    return _near(value, total)


def _segment_total(value, _data) -> bool:
    from kamlib.models.channel_maps import inflows

    return _near(value, inflows(_running_case())[TRY_IT_ROUTE[-1]])


@dataclass(frozen=True)
class _WholeTonnes(Number):
    """A number of t/yr, compared to the nearest tonne (1,900.8 and 1,901 are the same answer)."""

    def normalise(self, answer, data):
        value, problem = super().normalise(answer, data)
        return (None, problem) if problem is not None else (float(round(value)), None)


try_it = Question(
    id="try_it", exercise="lec09_channel_maps",
    summary=Text("the volume of the route Harbourlight → Donghai → Donghai sub-dealers → metalworking",
                 "港光 → 东海 → 东海二级经销商 → 金属加工这条路线每年的吨数"),
    form=_WholeTonnes("t/yr", minimum=0),
    variant=lambda trainee: None,
    practice_answer=_route_volume,
    hints=(
        Text("Read the three shares along the route from the edge table above (`edges`).",
             "从上面的连线表（`edges`）里读出这条路线上的三个占比。"),
        Text("Multiply: 36,000 × share × share × share. The answer is in tonnes per year, a number.",
             "相乘：36,000 × 占比 × 占比 × 占比。答案是每年的吨数，填一个数字。"),
    ),
    mistakes=(
        Mistake("summed", Text("You added the shares; multiply them along the route.", "你把占比加起来了；应该沿路线相乘。"),
                _summed_shares),
        Mistake("segment", Text("That is everything metalworking gets (from all routes); the question asks for one route.",
                                "这是金属加工从所有路线得到的总量；题目问的是其中一条路线。"),
                _segment_total),
    ),
)
