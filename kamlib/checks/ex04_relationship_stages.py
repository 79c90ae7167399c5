"""Exercise 04, *Relationship stages, bow-tie and diamond* (大客户关系发展阶段): the questions, declared once.

Each trainee gets a **casebook** (:func:`variant`): six accounts described as a KAM would describe
them (q1), a colleague's account with its contact network today, the news that will change it, and
four links the team could build (q2, q3), five accounts whose contacts run through one channel
(q4), and a running-case account in early-KAM to plan for (q5). The answers are the trainee's
judgements; kamlib is the calculator (``contact_network``, ``add_links``, ``remove_contact``,
``exposure``). No expected answer is computed here: the grader marks the answers against the
instructor's key (``exercises/keys/ex04_relationship_stages.py``).

The self-checks catch a malformed answer and answers that cannot be right whatever the casebook
(the person who leaves named as someone the relationship hangs on after they have gone, say);
they never compute the right answer.

>>> my = variant("demo")
>>> len(my.vignettes), len(my.people), len(my.options), len(my.accounts)
(6, 12, 4, 5)
>>> q4.evaluate([a.id for a in my.accounts], trainee="demo", keys=False).outcome
'not yet'
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

from kamlib.checks.framework import Ids, Labels, Mistake, OneOf, Question, trainee_id, variant_rng
from kamlib.data.course import load_text_pool
from kamlib.data.schema import data_path, read_yaml
from kamlib.models.key_accounts import STAGES
from kamlib.models.relationship_stages import Contact, contact_network
from kamlib.text import Text, TextItem

__all__ = ["EXERCISE", "Item", "Option", "Casebook", "vignettes", "profiles", "cases", "variant", "q1", "q2", "q3",
           "q4", "QUESTIONS", "try_it", "TRY_IT_ACCOUNT"]

EXERCISE = "ex04_relationship_stages"

_SELLER_NAMES = (("Zhao Min", "赵敏"), ("Sun Hao", "孙浩"), ("Zhou Ting", "周婷"), ("Wu Gang", "吴刚"),
                 ("Xu Li", "徐丽"), ("Ma Jun", "马骏"), ("Hu Yan", "胡燕"), ("Guo Peng", "郭鹏"))
_BUYER_NAMES = (("Li Wei", "李伟"), ("Wang Fang", "王芳"), ("Zhang Qiang", "张强"), ("Liu Na", "刘娜"),
                ("Chen Gang", "陈刚"), ("Yang Xue", "杨雪"), ("Huang Bo", "黄波"), ("Lin Hui", "林慧"))
_ID_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


Item = TextItem  # a described account (q1, q4): a pool entry {id, en, zh}


@dataclass(frozen=True)
class Option:
    """q3: a link the team could build, between two people of the casebook's network."""

    id: str
    ends: tuple[str, str]
    text: Text


@lru_cache(maxsize=1)
def vignettes() -> tuple[Item, ...]:
    """q1's pool: accounts described as a KAM would (relationship_stages_vignettes.yaml)."""
    return load_text_pool("relationship_stages_vignettes")


@lru_cache(maxsize=1)
def profiles() -> tuple[Item, ...]:
    """q4's pool: accounts whose contacts run through one channel (relationship_stages_accounts.yaml)."""
    return load_text_pool("relationship_stages_accounts")


@lru_cache(maxsize=1)
def cases() -> dict:
    """q2 and q3's pool, as read: {'seller': [...], 'seller_links': [...], 'buyer': [...],
    'buyer_links': [...], 'cases': [...]} (relationship_stages_cases.yaml)."""
    from kamlib.data.schema import require_keys

    source = "relationship_stages_cases.yaml"
    raw = read_yaml(data_path(source))
    require_keys(raw, ("seller", "seller_links", "buyer", "buyer_links", "cases"), source)
    for i, case in enumerate(raw["cases"], 1):
        require_keys(case, ("id", "account", "cross", "news", "options"), f"{source}, case {i}")
    return raw


# --- the trainee's casebook ----------------------------------------------------------------------


@dataclass(frozen=True)
class Casebook:
    """One trainee's variant."""

    trainee: str
    vignettes: tuple[Item, ...]
    account: Text
    people: tuple[Contact, ...]
    links: tuple[tuple[str, str], ...]
    news: tuple[Text, ...]
    leaves: str
    new_links: tuple[tuple[str, str], ...]
    options: tuple[Option, ...]
    accounts: tuple[Item, ...]
    plan_account: str
    plan_account_name: Text

    def network(self):
        """The colleague's account's contact network today (a networkx Graph)."""
        return contact_network(self.people, self.links)

    def _repr_html_(self) -> str:
        heads = {
            "you": Text(f"Your casebook (trainee {self.trainee})", f"你的题目（学员 {self.trainee}）"),
            "q1": Text("q1: six accounts, as their KAMs describe them", "q1：六个客户，按其大客户经理的描述"),
            "q2": Text(f"q2 and q3: your colleague's account, {self.account.en}: the people",
                       f"q2 和 q3：同事负责的客户（{self.account.zh}）：相关人员"),
            "links": Text("Who works with whom today (my.links)", "目前谁和谁对接（my.links）"),
            "news": Text("The news (my.news)", "最新消息（my.news）"),
            "options": Text("Links the team could build (my.options)", "团队可以建立的联系（my.options）"),
            "q4": Text("q4: five accounts whose contacts run through one channel today",
                       "q4：目前只通过一条通道联系的五个客户"),
            "q5": Text(f"q5: your plan is for {self.plan_account_name.en} ({self.plan_account})",
                       f"q5：你的计划针对{self.plan_account_name.zh}（{self.plan_account}）"),
        }
        role = {c.id: c.role for c in self.people}

        def head(key):
            return f"<p><b>{html.escape(str(heads[key]))}</b></p>"

        def bullets(items):
            return "<ul>" + "".join(f"<li><b>{i.id}</b>: {html.escape(str(i.text))}</li>" for i in items) + "</ul>"

        people = "<ul>" + "".join(f"<li><b>{c.id}</b>: {html.escape(str(c.role))} · <code>{c.level}</code></li>"
                                  for c in self.people) + "</ul>"
        links = "<ul>" + "".join(f"<li>{html.escape(str(role[a]))} ↔ {html.escape(str(role[b]))}</li>"
                                 for a, b in self.links) + "</ul>"
        news = "<ol>" + "".join(f"<li>{html.escape(str(n))}</li>" for n in self.news) + "</ol>"
        return (head("you") + head("q1") + bullets(self.vignettes) + head("q2") + people + head("links") + links
                + head("news") + news + head("options") + bullets(self.options) + head("q4")
                + bullets(self.accounts) + head("q5"))


def _ids(rng, n: int, taken: list[str] | None = None) -> list[str]:
    """``n`` different short ids, in the order drawn (a list: a set's order differs between processes)."""
    found: list[str] = list(taken or [])
    start = len(found)
    while len(found) < start + n:
        new = rng.choice(_ID_LETTERS) + str(rng.randrange(1, 10)) + rng.choice(_ID_LETTERS)
        if new not in found:
            found.append(new)
    return found[start:]


def _network(rng):
    """A case drawn from the pool, with this trainee's names and ids."""
    raw = cases()
    case = rng.choice(raw["cases"])
    roster = [(p, "seller") for p in raw["seller"]] + [(p, "buyer") for p in raw["buyer"]]
    pools = [i.id for i in (*vignettes(), *profiles())]  # people's ids never look like an account's
    ids = dict(zip([p["id"] for p, _ in roster], _ids(rng, len(roster), pools), strict=True))
    names = dict(zip([p["id"] for p in raw["seller"]], rng.sample(_SELLER_NAMES, len(raw["seller"])), strict=True))
    names.update(zip([p["id"] for p in raw["buyer"]], rng.sample(_BUYER_NAMES, len(raw["buyer"])), strict=True))
    roles = {p["id"]: Text(f"{names[p['id']][0]} ({p['en']})", f"{names[p['id']][1]}（{p['zh']}）") for p, _ in roster}
    people = tuple(Contact(ids[p["id"]], side, p["level"], roles[p["id"]]) for p, side in roster)

    def pair(ends):
        return (ids[ends[0]], ids[ends[1]])

    def fill(text: str, language: str) -> str:
        for key, role in roles.items():
            text = text.replace("{" + key + "}", role.get(language))
        return text

    links = tuple(pair(e) for e in [*raw["seller_links"], *raw["buyer_links"], *case["cross"]])
    news = tuple(Text(fill(n["en"], "en"), fill(n["zh"], "zh")) for n in case["news"])
    leaves = next(ids[n["leaves"]] for n in case["news"] if "leaves" in n)
    new_links = tuple(pair(n["link"]) for n in case["news"] if "link" in n)
    option_ids = _ids(rng, len(case["options"]), [*pools, *ids.values()])
    options = [Option(option_ids[i], pair(ends), Text(f"{roles[ends[0]].en} ↔ {roles[ends[1]].en}",
                                                      f"{roles[ends[0]].zh} ↔ {roles[ends[1]].zh}"))
               for i, ends in enumerate(case["options"])]
    rng.shuffle(options)
    return Text(case["account"]["en"], case["account"]["zh"]), people, links, news, leaves, new_links, tuple(options)


def variant(trainee: str | None = None) -> Casebook:
    """The trainee's casebook: the same trainee always gets the same one."""
    from kamlib.data.key_accounts import load_accounts

    trainee = trainee or trainee_id()
    rng = variant_rng(EXERCISE, trainee)
    chosen = rng.sample(vignettes(), 6)
    account, people, links, news, leaves, new_links, options = _network(rng)
    accounts = rng.sample(profiles(), 5)
    plan = rng.choice([a for a in load_accounts() if a.stage == "early" and a.served == "direct"])
    return Casebook(trainee, tuple(chosen), account, people, links, news, leaves, new_links, options,
                    tuple(accounts), plan.id, Text(plan.name, plan.name_zh))


# --- q1: which stage? -------------------------------------------------------------------------------

q1 = Question(
    id="q1", exercise=EXERCISE,
    summary=Text("each account's relationship stage, from how its KAM describes it",
                 "根据大客户经理的描述，判断每个客户所处的关系阶段"),
    form=Labels(lambda my: [v.id for v in my.vignettes], STAGES),
    variant=variant,
    hints=(
        Text("Read who meets whom and how the customer buys. Pre-KAM: no business yet, signals only. Early-KAM: "
             "several suppliers, one channel (the KAM and the buyer), talk of product and price.",
             "看谁和谁见面、客户怎样采购。探索期：还没有生意，只是互相试探。初期：客户有好几家供应商，只有一条通道（大客户经理"
             "和采购），谈的是产品和价格。"),
        Text("Mid-KAM: contacts spread beyond the buyer, trust grows, a preferred supplier, but the customer keeps "
             "alternatives. Partnership-KAM: sole or main supplier, shared information, joint problem-solving.",
             "中期：接触扩展到采购以外，信任加深，成为优选供应商，但客户仍保留其他选择。伙伴期：唯一或主要供应商，共享信息，"
             "共同解决问题。"),
        Text("Synergistic-KAM: joint teams and one plan, as one company. Uncoupling-KAM: the relationship is being "
             "wound down, after a breach of trust or a change of strategy, whatever stage it had reached.",
             "协同期：联合团队、一份规划，像一家公司一样。解体期：关系正在解除，原因是信任破裂或战略改变，不论之前到了哪个阶段。"),
    ),
    mistakes=(
        Mistake("all alike", Text("You gave every account the same stage; they were chosen to differ.",
                                  "你给每个客户都标了同一个阶段；这些客户是特意挑选成各不相同的。"),
                lambda value, my: len(set(value.values())) == 1),
    ),
)


# --- q2: who does it hang on, after the news? ------------------------------------------------------


def _names_the_leaver(value, my) -> bool:
    return my.leaves in value


q2 = Question(
    id="q2", exercise=EXERCISE,
    summary=Text("after the news, the people whose loss alone would cut the two companies apart",
                 "消息落实之后，哪些人一旦离开，两家公司就会断开"),
    form=Ids(lambda my: [c.id for c in my.people]),
    variant=variant,
    hints=(
        Text("Judge the network as it will be, not as it is: apply every piece of news first (a person who leaves "
             "takes their links with them; a new link is added).",
             "要看消息落实之后的网络，而不是现在的网络：先把每条消息都反映进去（离开的人会带走他的所有联系；新的联系要加上）。"),
        Text("kamlib has the tools: add_links(g, pairs) and remove_contact(g, id) give a changed copy; exposure(g) "
             "measures it.",
             "kamlib 里有现成的工具：add_links(g, 联系列表) 和 remove_contact(g, 编号) 返回修改后的副本；exposure(g) 用来计算。"),
        Text("A person the relationship hangs on is one whose loss alone leaves no path from Harbourlight's people "
             "to the customer's people.",
             "“关系所系之人”是指：只要此人一走，港光的人和客户的人之间就再也没有任何联系路径。"),
    ),
    mistakes=(
        Mistake("the leaver", Text("You named the person who leaves: after the news they are gone, so the "
                                   "relationship cannot hang on them any more. Apply the news first.",
                                   "你写了要离开的那个人：消息落实之后他已经不在了，关系不可能再系于他。先把消息反映进网络。"),
                _names_the_leaver),
        Mistake("no one", Text("You named no one. After the news the relationship does hang on someone: apply the "
                               "news and measure again.",
                               "你一个人都没写。消息落实之后，这段关系确实系于某些人：把消息反映进网络，再算一次。"),
                lambda value, my: len(value) == 0),
    ),
)


# --- q3: the one link that removes the risk ------------------------------------------------------


def _inside_one_company(value, my) -> bool:
    side = {c.id: c.side for c in my.people}
    ends = next(o.ends for o in my.options if o.id == value)
    return side[ends[0]] == side[ends[1]]


q3 = Question(
    id="q3", exercise=EXERCISE,
    summary=Text("the one link, of the four, that leaves no single person the relationship hangs on after the news",
                 "四条联系中，哪一条能让消息落实之后的关系不再系于任何一个人"),
    form=OneOf(lambda my: [o.id for o in my.options]),
    variant=variant,
    hints=(
        Text("Start from the network after the news (q2), not today's.", "从消息落实之后的网络（q2）出发，而不是现在的网络。"),
        Text("A link only helps if it gives Harbourlight a second way into the customer that avoids the people the "
             "relationship hangs on, at both ends.",
             "一条联系要有用，就必须给港光开辟第二条通往客户的路径，而且两端都要绕开关系所系之人。"),
        Text("Try each option with add_links and exposure: exactly one leaves key_people empty.",
             "用 add_links 和 exposure 逐一试每个选项：恰好只有一个能让 key_people 变为空。"),
    ),
    mistakes=(
        Mistake("inside", Text("That link joins two people of the same company: it adds no path between the "
                               "companies.",
                               "这条联系连接的是同一家公司的两个人：它没有在两家公司之间增加任何路径。"),
                _inside_one_company),
    ),
)


# --- q4: should it become a diamond at all? ---------------------------------------------------------

q4 = Question(
    id="q4", exercise=EXERCISE,
    summary=Text("which of the five accounts you would move towards a diamond", "五个客户中，你会把哪几个向钻石型推进"),
    form=Ids(lambda my: [a.id for a in my.accounts]),
    variant=variant,
    hints=(
        Text("The diamond costs many people's time on both sides. It pays where the customer wants joint work and "
             "shares information, and where the account is worth investing in.",
             "钻石型要占用双方很多人的时间。只有在客户愿意共同工作、共享信息，并且这个客户值得投入时，才划算。"),
        Text("A bow-tie is right where the customer buys on price or by tender, forbids or does not want other "
             "contacts, or where the account is managed for cash.",
             "客户按价格或招标采购，禁止或不需要其他接触，或者这个客户属于“控制投入、保利润”的，领结型就是合适的结构。"),
        Text("Match the contact structure to the relationship the customer wants (a practitioner rule [P]).",
             "让接触结构与客户想要的关系相匹配（业内经验 [P]）。"),
    ),
    mistakes=(
        Mistake("all", Text("You would move every account towards a diamond; the diamond does not suit every "
                            "account.",
                            "你要把每个客户都向钻石型推进；钻石型并不适合所有客户。"),
                lambda value, my: len(value) == len(my.accounts)),
    ),
)

QUESTIONS = (q1, q2, q3, q4)


# --- the lecture's Try it (practice, not graded: it may carry its answer) -------------------------

#: The account the lecture's Try it describes (not in q1's pool).
TRY_IT_ACCOUNT = Text(
    "Greyhill Cement Group's buyer has introduced Harbourlight's engineer to the kiln maintenance team. Meetings "
    "now end with a list of actions for both sides, and the plant shares its shutdown dates. Greyhill still asks "
    "two other suppliers for prices every year.",
    "灰山水泥集团的采购把港光的工程师介绍给了回转窑设备团队。现在每次会面结束时都会列出双方的行动清单，工厂也会告知停机"
    "检修日期。但灰山每年仍会向另外两家供应商询价。")


def _still_one_channel(value, _data) -> bool:
    return value in ("pre", "early")


def _beyond(value, _data) -> bool:
    return value in ("partnership", "synergistic")


try_it = Question(
    id="try_it", exercise="lec04_relationship_stages",
    summary=Text("Greyhill's relationship stage", "灰山水泥的关系阶段"),
    form=OneOf(STAGES),
    variant=lambda trainee: None,
    practice_answer=lambda _data: "mid",
    hints=(
        Text("Who meets whom? Is the buyer still the only door?", "谁和谁见面？采购还是唯一的入口吗？"),
        Text("Doors opened by the main contact, actions after each meeting, more openness, but other suppliers "
             "still asked: the slide's text for one stage.",
             "主要接触人开始引荐、每次会后有行动、更加公开，但仍向其他供应商询价：这正是幻灯片上某一阶段的描述。"),
    ),
    mistakes=(
        Mistake("one channel", Text("The buyer has opened a door to the maintenance team: contact no longer runs "
                                    "through one channel only.",
                                    "采购已经为设备团队“开了门”：联系不再只通过一条通道。"), _still_one_channel),
        Mistake("beyond", Text("Greyhill still asks two other suppliers every year: Harbourlight is not yet its "
                               "sole or main partner.",
                               "灰山每年仍向另外两家供应商询价：港光还不是它唯一或主要的合作伙伴。"), _beyond),
    ),
)
