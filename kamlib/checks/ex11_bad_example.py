"""Exercise 11, *Case study: a bad example* (案例分析：坏的例子): the questions, declared once.

Each trainee gets a **case file** (:func:`variant`): an incident modelled on the published
turbine-oil case (a wrong oil in a drum or can that says turbine oil) at one of three points of
the channel, six controls that could have run (q1), the incident's log with the plant's figures
(q2), the channel's stages and the people who own them (q3), and five running-case accounts
with the contacts Harbourlight has there when their chief buyers leave (q4). The answers are
the trainee's judgements; kamlib is the calculator (``first_catch``, ``outage_cost``,
``links_left``, ``contact_shape``). No expected answer is computed here: the grader marks the
answers against the instructor's key (``exercises/keys/ex11_bad_example.py``).

>>> my = variant("demo")
>>> len(my.controls), len(my.accounts), my.log[-1].what.en.startswith("The unit")
(6, 5, True)
>>> q4.evaluate({"lost": [], "tonnes": 50}, trainee="demo", keys=False).outcome
'not yet'
"""

from __future__ import annotations

import html
from dataclasses import dataclass

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
from kamlib.text import Text

__all__ = ["EXERCISE", "STAGES", "OWNERS", "VERDICTS", "PEOPLE", "Incident", "ExControl", "LogEntry", "Account",
           "CaseFile", "incidents", "control_pool", "variant", "q1", "q2", "q3", "q4", "QUESTIONS", "try_it"]

EXERCISE = "ex11_bad_example"

#: The channel a drum of turbine oil passes, in order (q3's stage options).
STAGES = {
    "blending": Text("blender: filling drums", "调和厂：灌装入桶"),
    "repacking": Text("distributor: repacking bulk into drums", "经销商：散装分装入桶"),
    "dispatch": Text("distributor: picking and dispatch", "经销商：拣货发货"),
    "delivery": Text("delivery to the plant", "送货到厂"),
    "receiving": Text("plant: receiving the drums", "电厂：到货验收"),
    "lube_room": Text("plant: lube room (drums on the rack, top-up cans)", "电厂：润滑油库（货架上的油桶、补油桶）"),
    "top_up": Text("plant: topping up the reservoir", "电厂：向油箱补油"),
    "in_service": Text("plant: the unit in service", "电厂：机组运行"),
}
#: q3's owner options: who runs the practice that failed.
OWNERS = {
    "blender_qc": Text("the blender's filling-line and quality staff", "调和厂灌装线与质检人员"),
    "distributor_warehouse": Text("the distributor's warehouse supervisor", "经销商仓库主管"),
    "driver": Text("the delivery driver", "送货司机"),
    "plant_stores": Text("the plant's stores and receiving", "电厂仓库与收货人员"),
    "plant_lube_room": Text("the plant's lubrication technicians (lube room)", "电厂润滑技术员（润滑油库）"),
    "plant_reliability": Text("the plant's reliability engineer (oil analysis)", "电厂设备可靠性工程师（油液监测）"),
}
#: q1's labels: what a control, had it run, would have done about this incident.
VERDICTS = {
    "stops": Text("stops the wrong oil before it reaches the unit", "在错油进入机组之前拦下"),
    "too_late": Text("finds it, but only once it is in the unit (the unit stops all the same)",
                     "能查出，但要等油进了机组（机组照样停机）"),
    "blind": Text("cannot see this failure, however carefully it is done", "看不出这次的错，做得再认真也没用"),
    "before": Text("runs before the failure happens, so it cannot help", "在失误发生之前就做完了，帮不上忙"),
}
#: q4: the people on each side of an account's contacts.
PEOPLE = {
    "kam": Text("our key-account manager", "我方大客户经理"),
    "tech": Text("our technical service engineer", "我方技术服务工程师"),
    "director": Text("our sales director", "我方销售总监"),
    "buyer": Text("their chief buyer", "对方采购主管"),
    "engineer": Text("their maintenance engineer", "对方设备工程师"),
    "plant_manager": Text("their plant manager", "对方厂长"),
}


@dataclass(frozen=True)
class Incident:
    """What happened, told as the plant and the supplier found it out."""

    id: str
    story: Text


@dataclass(frozen=True)
class ExControl:
    """A control that could have run, at a stage of the channel."""

    id: str
    stage: str
    text: Text


@dataclass(frozen=True)
class LogEntry:
    """One line of the incident's log: day (1, 2 ...), time (hh:mm) and what happened."""

    day: int
    time: str
    what: Text


@dataclass(frozen=True)
class Account:
    """q4: a running-case account, its volume (t/yr) and who knows whom there."""

    id: str
    name: Text
    volume_t: float
    links: tuple


@dataclass(frozen=True)
class CaseFile:
    """One trainee's variant."""

    trainee: str
    incident: Incident
    controls: tuple
    log: tuple
    per_day: float
    reservoir_l: float
    price_per_l: float
    flush_fee: float
    accounts: tuple

    def _repr_html_(self) -> str:
        def esc(value) -> str:
            return html.escape(str(value))

        heads = {
            "you": Text(f"Your case file (trainee {self.trainee})", f"你的案例材料（学员 {self.trainee}）"),
            "story": Text("What happened", "事情经过"),
            "q1": Text("q1: six controls that could have run", "q1：本可以实行的六项控制措施"),
            "q2": Text("q2: the log and the plant's figures", "q2：事件记录和电厂的数据"),
            "q4": Text("q4: five accounts, and who knows whom (their chief buyers leave)",
                       "q4：五个客户，以及谁认识谁（对方采购主管都将离职）"),
        }
        stage = {k: esc(v) for k, v in STAGES.items()}
        controls = "".join(f"<li><b>{c.id}</b> ({stage[c.stage]}): {esc(c.text)}</li>" for c in self.controls)
        log = "".join(f"<li>{esc(Text(f'day {e.day}', f'第 {e.day} 天'))}, {e.time}: {esc(e.what)}</li>"
                      for e in self.log)
        figures = Text(f"Lost production while the unit stands: {self.per_day:,.0f} USD/day (the plant's figure). "
                       f"Reservoir: {self.reservoir_l:,.0f} L, refilled with new turbine oil at "
                       f"{self.price_per_l:.2f} USD/L. Flushing contractor: {self.flush_fee:,.0f} USD.",
                       f"机组停运期间的发电损失：每天 {self.per_day:,.0f} 美元（电厂的数据）。油箱：{self.reservoir_l:,.0f} 升，"
                       f"重新加注新汽轮机油，每升 {self.price_per_l:.2f} 美元。冲洗承包商费用：{self.flush_fee:,.0f} 美元。")
        accounts = "".join(
            f"<li><b>{a.id}</b> {esc(a.name)}, {a.volume_t:g} t/yr: "
            + "; ".join(f"{esc(PEOPLE[s])} ↔ {esc(PEOPLE[b])}" for s, b in a.links) + "</li>" for a in self.accounts)

        def head(key):
            return f"<p><b>{esc(heads[key])}</b></p>"

        return (head("you") + head("story") + f"<p>{esc(self.incident.story)}</p>" + head("q1")
                + f"<ul>{controls}</ul>" + head("q2") + f"<ul>{log}</ul><p>{esc(figures)}</p>" + head("q4")
                + f"<ul>{accounts}</ul>")


def incidents() -> tuple:
    """The three incidents (the pool): ids say nothing about where the failure is."""
    return (
        Incident("N4", Text(
            "At the blender, the drum-filling line had run an ISO VG 220 gear oil until mid-morning, then the turbine "
            "oil of your order, without a flush between the two. The first drums of the run held mostly gear oil. "
            "They were labelled turbine oil and given the turbine oil's batch number from the tank's record. The "
            "distributor passed the sealed drums on without opening them. At the plant they were taken into stores, "
            "and two days later one of them went into the turbine's reservoir.",
            "调和厂的灌装线上午一直在灌 ISO VG 220 齿轮油，随后直接改灌你们订的汽轮机油，中间没有冲洗。这一批最先灌的几桶里"
            "大部分是齿轮油。它们按油罐的记录贴上了汽轮机油标签和汽轮机油的批号。经销商没有开桶，原封不动转给了电厂。电厂把油桶"
            "收进仓库，两天后其中一桶被加进了汽轮机油箱。")),
        Incident("T7", Text(
            "At the distributor, a technician repacking a detergent engine oil from bulk ran out of its drums and used "
            "a few turbine-oil drums, meaning to relabel them later. He did not. The next night another technician "
            "picked the plant's urgent order of turbine oil by the labels and took one of them. At the plant the drums "
            "were taken into stores, and one went into the turbine's reservoir the same week.",
            "经销商的一名技术员把散装的清净型发动机油分装入桶时，发动机油的桶不够了，就用了几个汽轮机油桶，打算之后再换标签。"
            "他没有换。第二天夜里，另一名技术员按标签给电厂拣汽轮机油急单，拿了其中一桶。电厂把油桶收进仓库，当周就有一桶"
            "被加进了汽轮机油箱。")),
        Incident("W2", Text(
            "The drums of turbine oil arrived right and were taken into stores. In the plant's lube room, the label of "
            "a drum of gear oil had come off; it stood on the rack next to the turbine oil. A technician filled a "
            "properly labelled turbine-oil top-up can from it and topped up the turbine's reservoir.",
            "汽轮机油到货时没有问题，已经入库。电厂润滑油库里，一桶齿轮油的标签脱落了，它就放在货架上汽轮机油的旁边。一名技术员"
            "从这桶油里灌满了一个标签正确的汽轮机油补油桶，然后给汽轮机油箱补了油。")),
    )


def control_pool() -> tuple:
    """The controls (the pool), each at a stage; ids say nothing about what they would do."""
    return (
        ExControl("R4K", "blending", Text("The blender tests a retained sample from the first and last drum of every "
                                          "filling run before the drums are released.",
                                          "调和厂在放行前，对每个灌装批次的第一桶和最后一桶留样检测。")),
        ExControl("Q9B", "blending", Text("A certificate of analysis, printed from the tank's batch record, goes with "
                                          "every drum.", "每桶都随附按油罐批次记录打印的检验报告。")),
        ExControl("J2T", "repacking", Text("The distributor labels each drum at the filling point from the fill log, "
                                           "and never fills a drum printed for another product.",
                                           "经销商在灌装点按灌装记录给每桶贴标，从不使用印着别的产品的桶。")),
        ExControl("P6W", "dispatch", Text("Before dispatch, a second person checks each drum's batch number against "
                                          "the distributor's fill log.", "发货前由第二人核对每桶的批号与经销商的灌装记录。")),
        ExControl("H3N", "dispatch", Text("Dispatch checks the number of drums and their labels against the order.",
                                          "发货时按订单核对桶数和标签。")),
        ExControl("D9Q", "delivery", Text("The driver hands over the delivery note and the certificate; the plant "
                                          "signs for the number of drums.", "司机交付送货单和检验报告；电厂按桶数签收。")),
        ExControl("V5C", "receiving", Text("Stores takes a sample of every incoming drum and checks its appearance and "
                                           "viscosity before it goes on the rack.",
                                           "仓库对每桶到货取样，检查外观和黏度后再上架。")),
        ExControl("G7L", "receiving", Text("The stores clerk checks each drum's label and the order number on the "
                                           "delivery note.", "库管员核对每桶的标签和送货单上的订单号。")),
        ExControl("K1F", "lube_room", Text("Every drum on the lube-room rack stands in a marked bay; a drum without a "
                                           "readable label is set aside until it is tested.",
                                           "润滑油库货架上的每桶油都放在标明的位置；标签看不清的桶先隔离，检测后再用。")),
        ExControl("X2B", "top_up", Text("Before topping up, the technician matches the can's label to the machine's "
                                        "lubrication tag.", "补油前，技术员核对补油桶的标签与设备上的润滑标牌是否一致。")),
        ExControl("Y8S", "in_service", Text("The reliability engineer samples the turbine oil every month for oil "
                                            "analysis.", "设备可靠性工程师每月对汽轮机油取样做油液分析。")),
        ExControl("Z5H", "in_service", Text("An online sensor on the reservoir alarms when the oil's viscosity moves.",
                                            "油箱上的在线传感器在油的黏度变化时报警。")),
    )


_PATTERNS = (
    (("kam", "buyer"),),
    (("kam", "buyer"), ("kam", "engineer")),
    (("kam", "engineer"), ("kam", "buyer")),
    (("kam", "buyer"), ("tech", "buyer")),
    (("kam", "buyer"), ("tech", "engineer"), ("director", "plant_manager")),
)


def _log(rng, incident: Incident) -> tuple:
    """The incident's log: delivery, top-up, shutdown and restart, on days and hours."""
    top_day = rng.randrange(3, 6)
    shut_hour = rng.choice((2, 4, 6, 8, 14, 20))
    hours = rng.randrange(8, 25) * 6  # 2 to 6 days, in steps of 6 hours
    restart = top_day * 24 + shut_hour + hours
    return (
        LogEntry(1, "10:00", Text("The drums are delivered to the plant.", "油桶送到电厂。")),
        LogEntry(top_day - 1 if incident.id == "N4" else top_day, "23:00",
                 Text("The turbine's reservoir is topped up.", "汽轮机油箱补油。")),
        LogEntry(top_day, f"{shut_hour:02d}:00", Text("Bearing temperatures rise; the unit is shut down.",
                                                      "轴承温度升高；机组停机。")),
        LogEntry(restart // 24, f"{restart % 24:02d}:00",
                 Text("The unit is back in service after the drain, flush and refill.",
                      "放油、冲洗、重新加油之后，机组恢复运行。")),
    )


def variant(trainee: str | None = None) -> CaseFile:
    """The trainee's case file: the same trainee always gets the same one."""
    from kamlib.data.key_accounts import load_accounts

    trainee = trainee or trainee_id()
    rng = variant_rng(EXERCISE, trainee)
    incident = rng.choice(incidents())
    controls = rng.sample(control_pool(), 6)
    order = list(STAGES)
    controls.sort(key=lambda c: (order.index(c.stage), c.id))
    accounts = []
    for account in rng.sample(list(load_accounts()), 5):
        links = rng.choice(_PATTERNS)
        accounts.append(Account(account.id, Text(account.name, account.name_zh), float(account.volume_t), links))
    return CaseFile(trainee, incident, tuple(controls), _log(rng, incident), float(rng.randrange(15, 61) * 10_000),
                    float(rng.randrange(6, 25) * 1000), rng.randrange(6, 13) / 2, float(rng.randrange(4, 17) * 5000),
                    tuple(accounts))


# --- q1: which control would have caught it? -----------------------------------------------------

q1 = Question(
    id="q1", exercise=EXERCISE,
    summary=Text("for each of your six controls, what it would have done about this incident",
                 "对你的六项控制措施，逐一判断它对这次事故能起什么作用"),
    form=Labels(lambda my: [c.id for c in my.controls], tuple(VERDICTS)),
    variant=variant,
    hints=(
        Text("First find where the wrong oil entered the drum or can. A control at an earlier stage cannot help.",
             "先找出错油是在哪一环进了桶或罐。在它之前的环节上的控制措施帮不上忙。"),
        Text("A control that reads a label, a batch number copied from a record, or a delivery note sees only what "
             "was written: ask whether the writing was wrong too. A sample of the oil itself sees the oil.",
             "核对标签、照抄记录的批号或送货单的措施，只能看到写了什么：问问自己，写的东西是不是也错了。对油本身取样，才看得到油。"),
        Text("Oil analysis and sensors on the reservoir see the oil, but only once it is in the unit.",
             "油液分析和油箱上的传感器看得到油，但那时油已经在机组里了。"),
    ),
    mistakes=(
        Mistake("stops in the unit", Text("A control that runs on the unit in service cannot stop the oil before "
                                          "it reaches the unit.",
                                          "在机组运行时才做的措施，不可能在油进入机组之前把它拦下。"),
                lambda value, my: any(value[c.id] == "stops" for c in my.controls if c.stage == "in_service")),
    ),
)


# --- q2: what did it cost? ----------------------------------------------------------------------


def _too_small(value, my) -> bool:
    return value["cost"] < value["days"] * my.per_day - 0.5


q2 = Question(
    id="q2", exercise=EXERCISE,
    summary=Text("the days the unit stood and what the outage cost the plant (USD)",
                 "机组停运的天数，以及这次停运让电厂损失了多少（美元）"),
    form=Parts({"days": Number(Text("days", "天"), minimum=0, maximum=60),
                "cost": Number("USD", minimum=0, maximum=1e9)}),
    variant=variant,
    hints=(
        Text("The unit stands from the shutdown to the restart, not from the delivery or the top-up. Count the hours, "
             "then divide by 24.", "机组从停机停到恢复运行，不是从送货或补油算起。先数小时，再除以 24。"),
        Text("The cost is lost production (days × USD/day) plus what the drain, flush and refill cost: the "
             "contractor and a new charge of oil for the whole reservoir (L × USD/L).",
             "损失 = 发电损失（天数 × 美元/天）+ 放油、冲洗和重新加油的费用：承包商费用，加上整箱新油（升 × 美元/升）。"),
        Text("outage_cost(days, per_day, flush) does the sum once you know what goes into each argument.",
             "弄清每个参数该填什么之后，outage_cost(days, per_day, flush) 可以替你算总数。"),
    ),
    mistakes=(
        Mistake("below lost production", Text("Your cost is less than your own days × the lost production a day: the "
                                              "outage costs at least that.",
                                              "你的损失比你自己算的天数 × 每天发电损失还少：停运的损失至少是这么多。"),
                _too_small),
    ),
)


# --- q3: where on the channel map did quality control fail? ---------------------------------------

q3 = Question(
    id="q3", exercise=EXERCISE,
    summary=Text("the stage of the channel where the wrong oil got in, and who owns the practice that failed",
                 "错油是在通路的哪一环进去的，失效的做法归谁负责"),
    form=Parts({"stage": OneOf(tuple(STAGES)), "owner": OneOf(tuple(OWNERS))}),
    variant=variant,
    hints=(
        Text("Not where it was found: where the oil and the writing on its drum or can parted company.",
             "不是在哪儿发现的，而是在哪一环，油和桶（罐）上写的东西开始对不上。"),
        Text("The owner is the person whose routine let it happen, not the person who found it.",
             "负责人是其日常做法让错误得以发生的人，不是发现错误的人。"),
    ),
    mistakes=(
        Mistake("where it was found", Text("The unit in service is where the failure showed, not where it began.",
                                           "机组运行是问题暴露的地方，不是问题开始的地方。"),
                lambda value, my: value["stage"] == "in_service"),
    ),
)


# --- q4: the bow-tie, when the buyers leave -------------------------------------------------------


def _tonnes_do_not_add_up(value, my) -> bool:
    volumes = {a.id: a.volume_t for a in my.accounts}
    return abs(value["tonnes"] - sum(volumes[a] for a in value["lost"])) > 0.5


q4 = Question(
    id="q4", exercise=EXERCISE,
    summary=Text("the accounts left with no contact when their chief buyers leave, and the tonnes a year at stake",
                 "对方采购主管离职后，哪些客户与我们再无联系，涉及每年多少吨"),
    form=Parts({"lost": Ids(lambda my: [a.id for a in my.accounts]),
                "tonnes": Number("t/yr", minimum=0, maximum=100_000)}),
    variant=variant,
    hints=(
        Text("Take the chief buyer out of each account's contacts. Which accounts have no link left to anyone?",
             "把每个客户的联系中去掉对方采购主管。哪些客户就再也没有任何联系了？"),
        Text("A bow-tie that runs through our key-account manager is a risk when the KAM leaves; the question is "
             "about the buyer leaving. Look at who is on the account's side of each link.",
             "如果领结的结在我方大客户经理身上，风险在于大客户经理离职；这道题问的是对方采购离职。看每条联系在客户那一端是谁。"),
        Text("links_left(links, 'buyer') gives what remains; add the volumes of the accounts with nothing left.",
             "links_left(links, 'buyer') 会给出剩下的联系；把一条都不剩的客户的销量加起来。"),
    ),
    mistakes=(
        Mistake("tonnes", Text("Your tonnes are not the sum of the volumes of the accounts you listed.",
                               "你的吨数不等于你所列客户销量之和。"),
                _tonnes_do_not_add_up),
    ),
)

QUESTIONS = (q1, q2, q3, q4)


# --- the lecture's Try it (practice, not graded: it may carry its answer) -------------------------

_LECTURE_CONTROLS = ("batch_certificate", "label_at_fill", "pick_check", "delivery_papers", "incoming_test",
                     "label_read", "oil_analysis")

try_it = Question(
    id="try_it", exercise="lec11_bad_example",
    summary=Text("the one control that, added alone, stops the wrong drum at the plant before the turbine",
                 "单独加上哪一项控制措施，能在电厂、在汽轮机之前拦下错桶"),
    form=OneOf(_LECTURE_CONTROLS),
    variant=lambda trainee: None,
    practice_answer=lambda _data: "incoming_test",
    hints=(
        Text("The plant's own checks run at receiving, at the top-up and in service. Which of them looks at the oil "
             "before it goes in?", "电厂自己的检查发生在到货验收、补油和机组运行时。哪一项在油加进去之前看的是油本身？"),
    ),
    mistakes=(
        Mistake("blind", Text("That control reads what is written (a label, a delivery note): the writing said turbine "
                              "oil.", "这项措施核对的是写了什么（标签、送货单）：上面写的就是汽轮机油。"),
                lambda value, _data: value in ("delivery_papers", "label_read")),
        Mistake("too late", Text("Oil analysis finds it, but the oil is already in the turbine: the unit stops.",
                                 "油液分析能查出来，但油已在汽轮机里：机组照样停机。"),
                lambda value, _data: value == "oil_analysis"),
        Mistake("not at the plant", Text("That runs at the distributor or the blender: the question asks for the "
                                         "plant's own check.", "那是经销商或调和厂的措施：题目问的是电厂自己的检查。"),
                lambda value, _data: value in ("batch_certificate", "label_at_fill", "pick_check")),
    ),
)
