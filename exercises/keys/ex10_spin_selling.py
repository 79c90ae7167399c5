"""Key to exercise 10, SPIN selling (instructor material: never released, hidden from the
grading kernel).

q1-q3: the label of every item of kamlib/data/spin_exercise.yaml (which holds none), with
the item's text as a comment so an instructor can audit it. q4: the call script is played,
here in the grader's process, to a fresh buyer of the trainee's scenario
(kamlib.models.spin_selling.roleplay); the marking rules are below, and only here.
"""

import re

from kamgrade.marking import Key, Mark, labels, one_of, parts
from kamlib.checks.ex10_spin_selling import NONE
from kamlib.models.spin_selling.classifier import is_question

# --- tables (written by the course author's generator) ---
#: q1: the SPIN type of every prepared question.
TYPES = {
    "J6C": "S",  # Which oil do the roll-neck bearings run on, and how often do you check…
    "H5Z": "P",  # Is moisture in the bearing oil a regular visitor?
    "L2Q": "I",  # With water in the oil, how many roll-neck bearings a year come out bef…
    "X2R": "N",  # Suppose the oil gave up its water in minutes: who at the mill would fe…
    "H4E": "S",  # How many hydraulic units are there around the reheating furnace, and h…
    "Z3R": "P",  # How are the hoses near the furnace coping with the heat?
    "Q7X": "I",  # If a hose let go within a metre of the hot furnace skids, what would t…
    "V5W": "N",  # What would a hydraulic fluid that won't burn change for the people wor…
    "U8U": "S",  # How old is the oil charge in unit 1, and when was its varnish potentia…
    "Y3G": "P",  # Have the servo valves or the unit done anything odd that nobody could …
    "Q6H": "I",  # Once the unit is off the grid like that, how many hours pass before it…
    "K3V": "N",  # What would it mean to you to know about varnish months before a valve …
    "D9W": "S",  # Who takes the oil samples, and which lab checks them for varnish and w…
    "J2G": "P",  # Do the lab reports tell your team what to do, or just give numbers?
    "L9R": "I",  # When a report is unclear, what does that lead to: oil changed too earl…
    "V4V": "N",  # If each report ended with one line on what to do next, what would your…
    "R2T": "S",  # Which gear oil are the two-megawatt turbines on, and what wear limits …
    "K5J": "P",  # Do the endoscope inspections find any grey staining on the gear teeth?
    "M4Z": "I",  # Say the grey staining develops further: how long would a turbine stand…
    "K6L": "N",  # How would an oil that holds off micropitting help your ten-year plan f…
    "R7X": "S",  # How often do you change the gearbox oil, and how many particles per mi…
    "G5K": "P",  # How much juggling does it take to get a crew and the oil up the tower?
    "M9G": "I",  # Every day the crew sits out the wind, how much higher is the oil-chang…
    "M2T": "N",  # Picture each gearbox skipping one oil change over its life: where woul…
    "R3J": "S",  # Which food-safety standard are the bottling lines audited against, and…
    "K9D": "P",  # When an audit is coming, how do you feel about the state of the lubric…
    "W6E": "I",  # How many engineer-days go into that paperwork before each audit, inste…
    "L9D": "N",  # Suppose the records sat ready for any audit, any day: how would your e…
    "X6M": "S",  # How many different greases and oils are in the store, and who signs of…
    "L3Y": "P",  # Are you concerned that a grease without H1 registration could end up o…
    "C2T": "I",  # Say an auditor spotted a non-H1 grease on the filler: where would that…
    "V2U": "N",  # How would your week change with just one H1 range on site?
    "D5U": "S",  # How many trucks are in the fleet, and which engine oil grade do they u…
    "L5H": "P",  # Do the drivers have to top up oil between services?
    "Y8T": "I",  # A truck low on oil on the highway: how many of that day's drops still …
    "R6Z": "N",  # What would an oil that stays at the right mark from service to service…
    "G8X": "S",  # Which depots are in the coldest regions, and how many of their trucks …
    "W5Z": "P",  # In January, how many trucks at the northern depots need more than one …
    "U9E": "I",  # How many loads leave late on a cold morning when trucks won't start?
    "W9M": "N",  # Picture every truck firing up on the first turn of the key at minus th…
    "V5E": "S",  # How big is the dryer-section circulating system, and how often do you …
    "D6U": "P",  # Do the filters make it to their planned change date?
    "C5J": "I",  # Each time a filter chokes up, how many hours does the machine crawl al…
    "R6M": "N",  # Filters that run a whole quarter: what would that change in your maint…
    "K7K": "S",  # Which grease do the press-section bearings get, and how do you keep th…
    "Y6C": "P",  # How dry do the press-section bearings stay under the showers?
    "V3C": "I",  # When a press bearing gives out, how many tonnes of paper go unmade?
    "R2H": "N",  # Where would a grease that clings on in wet bearings show up in the yea…
}

#: q1: for each moment, the question that takes the call one step on (an implied need is developed with an implication question; a developed one is turned with a need-payoff question).
NEXT = {
    "Z6V": "L2Q",  # To be honest, water keeps getting into the roll-neck bearing oil, and …
    "G8Z": "X2R",  # Every bearing that fails early costs us a roll change and about six ho…
    "H8X": "Q7X",  # The hoses near the reheating furnace leak. We wrap them, but I'm not c…
    "J7K": "V5W",  # If oil sprays onto the furnace skids it can catch fire. We had a small…
    "M6U": "Q6H",  # We had a servo valve stick on unit 1 in the spring. The lab says the o…
    "Y5C": "K3V",  # That trip cost us most of a day off the grid and a penalty from the di…
    "M7D": "L9R",  # The lab reports are twenty pages of numbers. My engineers don't know w…
    "M2Q": "V4V",  # So when in doubt we change the oil. Last year we replaced a charge tha…
    "C7R": "M4Z",  # The last round of inspections found grey staining on the high-speed ge…
    "G7Z": "K6L",  # If those gears pit, each gearbox exchange needs a 500-tonne crane and …
    "W5D": "M9G",  # Oil changes are a pain here. Everything has to go up eighty metres, an…
    "X7V": "M2T",  # Last autumn we lost eleven days to wind holding up oil changes, with a…
    "Y5E": "W6E",  # Audit prep is the worst part of my month. The lube records are on pape…
    "M8R": "L9D",  # Two engineers lose most of a week before every audit, and last time we…
    "T9X": "C2T",  # We still keep some ordinary greases in the store for the boiler house,…
    "Q8Y": "V2U",  # If one of those ended up on a filler, we'd have to hold the whole day'…
    "U2M": "Y8T",  # Some of our older trucks drink oil. The drivers add a litre here and t…
    "X6L": "R6Z",  # Last month a truck ran dry near Hami and the engine seized. A new engi…
    "Q5L": "U9E",  # In January the trucks at the northern depots often won't start first t…
    "W9G": "W9M",  # When the trucks don't start, loads leave two or three hours late, and …
    "Y3J": "C5J",  # The dryer-section filters block far too often. We're changing them eve…
    "Q5T": "R6M",  # Every blockage means running the machine slow for half a shift, and th…
    "E6L": "V3C",  # The press-section bearings take a lot of water from the showers, and t…
    "Q2V": "R2H",  # We lost two press bearings this year. Each one stopped the machine for…
}

#: q2: in each call, the buyer's first explicit need and the turn where the implied need it grew from first came up.
CALLS = {
    "northbridge": {"first_explicit": "B6", "grew_from": "B4"},
    "eastgate": {"first_explicit": "B7", "grew_from": "B4"},
    "highplain": {"first_explicit": "B7", "grew_from": "B3"},
    "clearspring": {"first_explicit": "B6", "grew_from": "B4"},
    "silkroute": {"first_explicit": "B6", "grew_from": "B3"},
    "whitepine": {"first_explicit": "B7", "grew_from": "B4"},
}

#: q3: for each thing the buyer may have said, the statement that is a benefit once it is said ('none' when it is only an implied need: nothing is a benefit yet).
BENEFIT = {
    "C8K": "M9X",  # We need a bearing oil that sheds the cooling water fast enough for the…
    "W6J": "M6V",  # I want a fire-resistant hydraulic fluid for the furnace units that our…
    "U3G": "none",  # Summer is the worst: the bearing oil turns milky within a week of a ch…
    "E7J": "none",  # There's oil on the floor under the furnace hydraulics every morning.
    "Z4W": "U8V",  # I need an early warning on varnish, months before any valve sticks.
    "U5Q": "W2J",  # We need lab reports that tell my engineers in one line what to do next.
    "M3E": "none",  # Unit 1's governor valves have been acting up since the spring.
    "D5G": "none",  # I read the lab reports twice and still can't tell whether to change th…
    "C8X": "G5M",  # We want a gear oil that stops the micropitting from getting worse befo…
    "H4K": "M8D",  # I'd like to get by with one oil change fewer over a gearbox's life.
    "Q3G": "none",  # Last month's borescope pictures worry me: there are grey patches on se…
    "V8D": "none",  # Every oil change up the tower turns into a week of waiting for calm we…
    "M2G": "Y2V",  # What I want is lubrication records that are audit-ready any day, witho…
    "R3Z": "C3T",  # We need one H1 range for the whole site, so a fitter can't pick up the…
    "V4D": "none",  # Finding the lubrication records for the auditor is always a scramble.
    "W7E": "none",  # I'm uneasy that the boiler-house grease and the line grease come in th…
    "J2J": "V7X",  # I want an engine oil the old trucks don't burn, so the drivers stop bu…
    "E5K": "X2K",  # We need trucks that start first time at minus thirty.
    "C8T": "none",  # The old trucks burn so much oil that drivers keep spare bottles in the…
    "U9D": "none",  # Cold mornings at the northern depots are a nightmare for dispatch.
    "E2X": "J2E",  # I'm looking for an oil that keeps the dryer filters going for three mo…
    "U2T": "E7Y",  # We want a press-bearing grease that doesn't wash out under the showers.
    "C6E": "none",  # The dryer filters are clogging much faster than they used to.
    "V5M": "none",  # The press-section bearings keep losing their grease under the showers.
}

#: q4: the need the manager's brief asks for, per scenario.
TARGET = {
    "cement_open_gear": "dust_paste",
    "mining_haul_trucks": "clean_final_drives",
}
# --- end of tables ---


# --- q1-q3 -----------------------------------------------------------------------------------------

def q1_labels(my) -> dict:
    return {q.id: TYPES[q.id] for q in my.q1.questions}


def q1_next(my) -> str:
    return NEXT[my.q1.moment.id]


def q3_expected(moment: int):
    return lambda my: BENEFIT[my.q3.said[moment - 1].id]


# --- q4: the call script, replayed -------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff]")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# a real English question has a question word or an auxiliary somewhere, not only topic words
_EN_QUESTION_WORD = re.compile(
    r"\b(how|what|which|who|whom|whose|when|where|why|do|does|did|is|are|was|were|have|has|had|can|could|would|"
    r"will|should|shall|may|might|if)\b", re.IGNORECASE)
_ZH_QUESTION_FORM = re.compile(r"吗|呢|什么|多少|多久|多大|怎么|怎样|如何|是否|哪|谁|为什么|几|(\w)[不没]\1")
MIN_WORDS, MIN_CJK = 5, 6
#: words no buyer hears twice: one of them in a script and the call is over (whole words, any case)
RUDE_EN = ("stupid", "idiot", "idiots", "idiotic", "dumb", "moron", "morons", "incompetent", "useless", "lazy",
           "clueless", "pathetic", "rubbish", "garbage", "crap", "shut up", "liar", "liars", "fool", "fools",
           "damn", "hell", "shit", "bloody", "nonsense", "ridiculous")
RUDE_ZH = ("笨", "蠢", "傻", "白痴", "废物", "垃圾", "闭嘴", "骗子", "无能", "懒", "混蛋", "可笑", "胡说")
_RUDE = re.compile(r"\b(" + "|".join(re.escape(w) for w in RUDE_EN) + r")\b", re.IGNORECASE)


def real_line(line: str) -> bool:
    """A line the buyer answers: a full question (five words with a question word or an
    auxiliary; in Chinese six characters and a question form) or a full statement (five
    words / six characters). Keyword salad such as 'grease problem?' is not.

    >>> [real_line(x) for x in ("grease problem?", "Is dust in the gear guards a problem?", "润滑脂问题？")]
    [False, True, False]
    >>> real_line("粉尘进到护罩里，对你们是个问题吗？"), real_line("护罩里的粉尘大不大？"), real_line("润滑脂粉尘问题成本？")
    (True, True, False)
    """
    if _CJK.search(line):
        if len(_CJK.findall(line)) < MIN_CJK:
            return False
        return not is_question(line) or bool(_ZH_QUESTION_FORM.search(line))
    words = _EN_WORD.findall(line)
    if len(words) < MIN_WORDS:
        return False
    return not is_question(line) or bool(_EN_QUESTION_WORD.search(line))


def rude(line: str) -> bool:
    """True for an insult or a swear word (English or Chinese).

    >>> rude("Are you too lazy to check the grease?"), rude("Is dust a problem in the guards?")
    (True, False)
    """
    return bool(_RUDE.search(line)) or any(word in line for word in RUDE_ZH)


STAGES = ("implied", "developed", "explicit")
#: the hidden cell's buyer: the trainee's scenario made stricter and reordered, so a script tuned line by
#: line to the rehearsal buyer (replay) must still follow the SPIN flow to score there
VARIANT_RULES = {"goodwill_start": 6, "situation_limit": 3, "repeat_cost": 3, "unclear_cost": 2}


def variant_scenario(name: str):
    """The trainee's scenario as the hidden cell's buyer meets it: stricter rules, topics in reverse order."""
    import dataclasses

    from kamlib.data.spin_selling import load_scenario

    scenario = load_scenario(name)
    return dataclasses.replace(scenario, rules={**scenario.rules, **VARIANT_RULES}, topics=scenario.topics[::-1])


def _play(lines, scenario, target):
    """(credit, message) for ``lines`` played to a fresh buyer of ``scenario``."""
    from kamlib.models.spin_selling.roleplay import RolePlayCall

    call = RolePlayCall(scenario, language="en")
    reached, early, unclear = set(), False, 0
    for line in lines:
        reply = call.ask(line)
        reached |= {stage for stage in STAGES if f"{stage}:{target}" in reply.uncovered}
        early = early or "early_pitch" in reply.flags
        unclear += "unclear" in reply.flags
    outcome = call.end().name
    if call.goodwill <= 0:
        return 0.0, "the buyer lost patience."
    if outcome not in ("advance", "order"):
        reached.discard("explicit")  # no advance: the call did not move the sale forward
    credit = round(max(0.0, len(reached) / len(STAGES) - (1 / len(STAGES) if early else 0.0)), 4)
    message = (f"outcome {outcome}; the brief's need reached: {', '.join(s for s in STAGES if s in reached) or 'not uncovered'}"
               + ("; a pitch before any explicit need" if early else "")
               + (f"; {unclear} line(s) the buyer did not understand (keyword salad)" if unclear else ""))
    return credit, message


def replay_marker(answer, my, secret=b"") -> Mark:
    """Credit for the need the brief asks for: a third when the buyer reveals it (implied), a third
    when it is developed, a third when the buyer states it (explicit) and the call ends in an advance
    (or an order). Every line is played: keyword salad gets a puzzled buyer and costs goodwill; a rude
    line, or a buyer whose goodwill runs out, gives 0; a product pitch before the buyer's first
    explicit need costs a third. The self-check cell's share is marked on the trainee's scenario (the
    buyer replay() rehearses), the hidden cell's on :func:`variant_scenario`."""
    from kamlib.data.spin_selling import load_scenario

    lines = [line for line in answer if isinstance(line, str) and line.strip()] if isinstance(answer, list) else []
    if any(rude(line) for line in lines):
        return Mark(0.0, 0.0, "a rude line: the buyer ends the meeting.")
    if not lines:
        return Mark(0.0, 0.0, "no lines to play.")
    lines = [line[:300] for line in lines]
    target = TARGET[my.q4.scenario]
    visible, said = _play(lines, load_scenario(my.q4.scenario), target)
    hidden, said_hidden = _play(lines, variant_scenario(my.q4.scenario), target)
    return Mark(visible, hidden, f"rehearsal buyer: {said}; variant buyer: {said_hidden}.")


KEY = Key("ex10_spin_selling", {
    "q1": parts({"labels": labels(q1_labels), "next": one_of(q1_next)}, weights={"labels": 1, "next": 2}),
    "q2": parts({"first_explicit": one_of(lambda my: CALLS[my.q2.account.id]["first_explicit"]),
                 "grew_from": one_of(lambda my: CALLS[my.q2.account.id]["grew_from"])}),
    "q3": parts({f"m{i}": one_of(q3_expected(i)) for i in (1, 2, 3)}),
    "q4": replay_marker,
})

assert NONE in BENEFIT.values()
