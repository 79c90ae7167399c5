"""SPIN selling content as data: the question bank, the statements, the role-play
scenarios and the lecture's bad example; and :func:`start_call`, which starts a
role-play call from a scenario's name.

Each loader validates its file with :mod:`kamlib.data.schema` and raises a
:class:`~kamlib.data.schema.DataError` naming the file, the entry (number and id),
the key and what was expected. Loaders build the model types of
:mod:`kamlib.models.spin_selling`.

>>> questions = load_spin_questions()
>>> len(questions) >= 120, sorted({q.type for q in questions})
(True, ['I', 'N', 'P', 'S'])
>>> bank = load_spin_statements()
>>> len(bank.buyer) >= 40, len(bank.seller) >= 30
(True, True)
>>> "cement_open_gear" in list_scenarios()
True
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from kamlib.data.lubricant_industry import load_sectors
from kamlib.data.schema import (
    Column,
    DataError,
    bilingual,
    check,
    chinese,
    choice,
    data_path,
    existing_file,
    field,
    identifier,
    integer,
    items,
    optional,
    read_table,
    read_yaml,
    require_keys,
    text,
    unique,
)
from kamlib.models.spin_selling.classifier import (
    FAB_LABELS,
    NEED_LABELS,
    SPIN_TYPES,
    BuyerStatement,
    SellerStatement,
    SpinQuestion,
    StatementBank,
)
from kamlib.models.spin_selling.roleplay import (
    DEFAULT_ADVANCE,
    DEFAULT_REPLIES,
    DEFAULT_RULES,
    CallTranscript,
    Need,
    Persona,
    RolePlayCall,
    Scenario,
    Topic,
)
from kamlib.text import Text

__all__ = [
    "SPLITS",
    "QUESTION_PARTS",
    "load_spin_questions",
    "read_spin_questions",
    "load_spin_statements",
    "read_spin_statements",
    "list_scenarios",
    "scenario_path",
    "read_scenario",
    "load_scenario",
    "start_call",
    "read_call_transcript",
    "load_spin_bad_example",
]

SPLITS = ("tune", "heldout")
# the bank's parts with a name: v3, the 480 questions written for the v3 classifier
QUESTION_PARTS = ("v3",)
_SCENARIO_FOLDER = "spin_selling_scenarios"


def _entry(source: str, i: int, record) -> str:
    rid = record.get("id") if isinstance(record, Mapping) else None
    return f"{source}, entry {i}" + (f" (id {rid!r})" if rid is not None else "")


def _yaml_file(path: Any, what: str) -> Path:
    return existing_file(path, what)


# --- the question bank ----------------------------------------------------------------------


def read_spin_questions(path: str | Path) -> list[SpinQuestion]:
    """Read and validate a SPIN question bank (the format of ``spin_selling_questions.csv``)."""
    path = existing_file(path, "question bank")
    columns = [Column("id", text()), Column("type", choice(SPIN_TYPES)), Column("sector", choice(load_sectors())),
               Column("topic", text()), Column("split", choice(SPLITS)), Column("part", optional(choice(QUESTION_PARTS))),
               Column("en", text()), Column("zh", optional(text()))]
    with path.open(encoding="utf-8", newline="") as stream:
        rows = read_table(stream, columns, source=path.name, unique_columns=("id",))
    return [SpinQuestion(**row) for row in rows]


@lru_cache(maxsize=1)
def _question_bank() -> tuple[SpinQuestion, ...]:
    return tuple(read_spin_questions(data_path("spin_selling_questions.csv")))


def load_spin_questions(split: str | None = None) -> list[SpinQuestion]:
    """The course's SPIN question bank: lubricant-sales questions labelled S/P/I/N.

    ``split`` picks ``'tune'`` or ``'heldout'`` questions; None (default) gives all.

    >>> len(load_spin_questions("heldout")) >= 140
    True
    """
    if split is not None and (not isinstance(split, str) or split not in SPLITS):
        raise ValueError(f"split must be None, 'tune' or 'heldout', got {split!r}"[:300])
    return [q for q in _question_bank() if split is None or q.split == split]


# --- statements -----------------------------------------------------------------------------


def read_spin_statements(path: str | Path) -> StatementBank:
    """Read and validate buyer (implied/explicit) and seller (F/A/B) statements.

    Every statement has its English ``text`` and its Chinese ``zh`` (required: the
    Chinese edition shows it); a seller statement's ``context`` lists the explicit
    needs stated before it, each ``{en, zh}``.
    """
    path = _yaml_file(path, "statements")
    raw = require_keys(read_yaml(path), ("buyer", "seller"), path.name)
    sectors = choice(load_sectors())
    seen: set[str] = set()
    buyer, seller = [], []
    for part in ("buyer", "seller"):
        for i, record in enumerate(items(raw[part], f"{path.name}, key {part!r}", "statements",
                                         nonempty=False), 1):
            where = _entry(f"{path.name}, {part}", i, record)
            keys = ("id", "label", "sector", "text", "zh") + (("context",) if part == "seller" else ())
            require_keys(record, keys, where)
            sid = unique(field(record, "id", text(), where), seen, f"{where}, key 'id'")
            sector = field(record, "sector", sectors, where)
            said = Text(field(record, "text", text(), where), field(record, "zh", chinese(), where))
            if part == "buyer":
                buyer.append(BuyerStatement(sid, field(record, "label", choice(NEED_LABELS), where), sector, said))
                continue
            context = tuple(bilingual(c, f"{where}, context entry {j}")
                            for j, c in enumerate(items(record["context"], f"{where}, key 'context'",
                                                        "explicit needs ({en, zh})", nonempty=False), 1))
            label = field(record, "label", choice(FAB_LABELS), where)
            if label == "benefit" and not context:
                raise DataError(f"{where}: a benefit must answer an explicit need; 'context' is empty")
            seller.append(SellerStatement(sid, label, sector, context, said))
    return StatementBank(tuple(buyer), tuple(seller))


@lru_cache(maxsize=1)
def load_spin_statements() -> StatementBank:
    """Buyer statements (implied / explicit needs) and seller statements (features,
    advantages, benefits with the buyer's stated explicit needs as context)."""
    return read_spin_statements(data_path("spin_selling_statements.yaml"))


# --- role-play scenarios --------------------------------------------------------------------


def _text(value: Any, where: str) -> Text:
    """A scenario's text: plain English, or {en, zh} with zh optional."""
    return bilingual(value, where, zh_required=False, plain=True)


def _cue_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, Mapping) or not set(value) <= {"en", "zh"} or not value:
        raise DataError(f"{where}: expected a mapping {{en: [words], zh: [words]}}, got {value!r}")
    return tuple(
        check(word, text(), f"{where}.{language}").lower().replace("-", " ")
        for language, words in value.items()
        for word in items(words, f"{where}.{language}", "cue words")
    )


def _replies(value: Any, where: str) -> dict[str, Text]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise DataError(f"{where}: expected a mapping of reply kind -> text, got {value!r}")
    unknown = sorted(set(value) - set(DEFAULT_REPLIES))
    if unknown:
        raise DataError(f"{where}: unknown reply kinds {unknown}; known: {', '.join(DEFAULT_REPLIES)}")
    return {k: _text(v, f"{where}.{k}") for k, v in value.items()}


def _topic(item: Any, i: int, source: str, seen: set) -> Topic:
    tid = item.get("id") if isinstance(item, Mapping) else None
    where = f"{source}, topics entry {i}" + (f" (id {tid!r})" if tid else "")
    require_keys(item, ("id", "name", "cues"), where, optional=("facts", "replies"))
    tid = unique(identifier(tid, f"{where}, key 'id'"), seen, f"{where}, key 'id'", "topic id")
    facts, fact_ids = [], set()
    for j, fact in enumerate(items(item.get("facts"), f"{where}, key 'facts'", nonempty=False), 1):
        fwhere = f"{where}, facts entry {j}"
        require_keys(fact, ("id", "en"), fwhere, optional=("zh",))
        fid = unique(identifier(fact["id"], f"{fwhere}, key 'id'"), fact_ids, f"{fwhere}, key 'id'", "fact id")
        facts.append((fid, _text({k: fact[k] for k in ("en", "zh") if k in fact}, fwhere)))
    return Topic(tid, _text(item["name"], f"{where}, key 'name'"), _cue_list(item["cues"], f"{where}, key 'cues'"),
                 tuple(facts), _replies(item.get("replies"), f"{where}, key 'replies'"))


def _need(item: Any, i: int, source: str, seen: set, topics: set) -> Need:
    nid = item.get("id") if isinstance(item, Mapping) else None
    where = f"{source}, needs entry {i}" + (f" (id {nid!r})" if nid else "")
    require_keys(item, ("id", "topic", "implied", "implication", "explicit"), where, optional=("benefit",))
    nid = unique(identifier(nid, f"{where}, key 'id'"), seen, f"{where}, key 'id'", "need id")
    topic = field(item, "topic", choice(topics, f"one of the topic ids {', '.join(sorted(topics))}"), where)
    benefit = item.get("benefit")
    return Need(nid, topic, *(_text(item[k], f"{where}, key {k!r}") for k in ("implied", "implication", "explicit")),
                _text(benefit, f"{where}, key 'benefit'") if benefit is not None else None)


def _rules(given: Any, source: str) -> dict[str, int]:
    rules = dict(DEFAULT_RULES)
    given = given or {}
    if not isinstance(given, Mapping):
        raise DataError(f"{source}, key 'rules': expected a mapping of rule -> whole number, got {given!r}")
    for key, value in given.items():
        if key not in DEFAULT_RULES:
            raise DataError(f"{source}, key 'rules.{key}': unknown rule; known: {', '.join(DEFAULT_RULES)}")
        rules[key] = check(value, integer(minimum=0), f"{source}, key 'rules.{key}'")
    if not 0 < rules["goodwill_start"] <= rules["goodwill_max"]:
        raise DataError(f"{source}, key 'rules': expected 0 < goodwill_start <= goodwill_max, "
                        f"got {rules['goodwill_start']} and {rules['goodwill_max']}")
    return rules


def read_scenario(raw: Any, source: str = "scenario") -> Scenario:
    """A :class:`~kamlib.models.spin_selling.roleplay.Scenario` from a scenario's YAML
    content, validated; a :class:`~kamlib.data.schema.DataError` names the file
    (``source``), the key and what was expected.

    >>> read_scenario({"id": "x"}, source="mine.yaml")
    Traceback (most recent call last):
    ...
    kamlib.data.schema.DataError: mine.yaml: missing keys ['buyer', 'needs', 'sector', 'title', 'topics'], unknown keys none
    """
    require_keys(raw, ("id", "title", "sector", "buyer", "topics", "needs"), source,
                 optional=("rules", "replies", "suggested_questions", "pitch_cues", "example_calls", "sale"))
    sid = identifier(raw["id"], f"{source}, key 'id'")
    sector = field(raw, "sector", choice(load_sectors()), source)
    buyer_raw = require_keys(raw["buyer"], ("name", "role", "company", "fictional", "opening"), f"{source}, key 'buyer'")
    if buyer_raw["fictional"] is not True:
        raise DataError(f"{source}, key 'buyer.fictional': expected true (course companies are fictional), "
                        f"got {buyer_raw['fictional']!r}")
    buyer = Persona(*(_text(buyer_raw[k], f"{source}, key 'buyer.{k}'") for k in ("name", "role", "company", "opening")))
    seen: set = set()
    topics = tuple(_topic(item, i, source, seen) for i, item in enumerate(items(raw["topics"], f"{source}, key 'topics'"), 1))
    need_ids: set = set()
    needs = tuple(_need(item, i, source, need_ids, seen)
                  for i, item in enumerate(items(raw["needs"], f"{source}, key 'needs'"), 1))
    suggested = tuple(_text(item, f"{source}, suggested_questions entry {i}")
                      for i, item in enumerate(items(raw.get("suggested_questions"),
                                                     f"{source}, key 'suggested_questions'", nonempty=False), 1))
    pitch = _cue_list(raw["pitch_cues"], f"{source}, key 'pitch_cues'") if raw.get("pitch_cues") else ()
    examples = raw.get("example_calls") or {}
    if not isinstance(examples, Mapping) or not set(examples) <= {"good", "poor"}:
        raise DataError(f"{source}, key 'example_calls': expected a mapping with good and/or poor lists, "
                        f"got {examples!r}")
    calls = {kind: tuple(_text(line, f"{source}, example_calls.{kind} entry {j}")
                         for j, line in enumerate(items(lines, f"{source}, key 'example_calls.{kind}'"), 1))
             for kind, lines in examples.items()}
    can_order, advance, decision = _sale(raw.get("sale"), source)
    return Scenario(sid, _text(raw["title"], f"{source}, key 'title'"), sector, buyer, topics, needs,
                    _rules(raw.get("rules"), source), _replies(raw.get("replies"), f"{source}, key 'replies'"),
                    suggested, pitch, calls, can_order, advance, decision)


def _sale(value: Any, source: str) -> tuple[bool, Text, tuple]:
    """A scenario's ``sale``: whether the buyer can order alone, what an advance is, and what
    questions about the decision process uncover."""
    if value is None:
        return False, DEFAULT_ADVANCE, ()
    where = f"{source}, key 'sale'"
    require_keys(value, ("can_order", "advance"), where, optional=("decision",))
    if not isinstance(value["can_order"], bool):
        raise DataError(f"{source}, key 'sale.can_order': expected true or false (can this buyer order alone?), "
                        f"got {value['can_order']!r}")
    facts, ids = [], set()
    for j, fact in enumerate(items(value.get("decision"), f"{source}, key 'sale.decision'", nonempty=False), 1):
        fwhere = f"{source}, key 'sale.decision' entry {j}"
        require_keys(fact, ("id", "en"), fwhere, optional=("zh",))
        fid = unique(identifier(fact["id"], f"{fwhere}, key 'id'"), ids, f"{fwhere}, key 'id'", "decision fact id")
        facts.append((fid, _text({k: fact[k] for k in ("en", "zh") if k in fact}, fwhere)))
    return value["can_order"], _text(value["advance"], f"{source}, key 'sale.advance'"), tuple(facts)


def list_scenarios() -> list[str]:
    """Names of the role-play scenarios in ``kamlib/data/spin_selling_scenarios/``, sorted."""
    return sorted(p.stem for p in data_path(_SCENARIO_FOLDER).glob("*.yaml"))


def scenario_path(name_or_path: str | Path) -> Path:
    """The file of a scenario: a name from :func:`list_scenarios` or a path to a YAML file."""
    if isinstance(name_or_path, Path) or (isinstance(name_or_path, str)
                                          and name_or_path.endswith((".yaml", ".yml"))):
        return existing_file(name_or_path, "scenario", "name_or_path")
    if not isinstance(name_or_path, str):
        raise TypeError(f"name_or_path must be a scenario name or a path, got {type(name_or_path).__name__}")
    names = list_scenarios()
    if name_or_path not in names:
        shown = name_or_path if len(name_or_path) <= 60 else name_or_path[:57] + "..."
        raise ValueError(f"name_or_path: no scenario {shown!r}; available: {', '.join(names)} "
                         "(or give a path to a .yaml file)")
    return data_path(f"{_SCENARIO_FOLDER}/{name_or_path}.yaml")


def load_scenario(name_or_path: str | Path) -> Scenario:
    """A validated role-play :class:`~kamlib.models.spin_selling.roleplay.Scenario`.

    ``name_or_path`` is a name from :func:`list_scenarios` (``'cement_open_gear'``) or a
    path to an instructor's own YAML file in the same format (see the comment block at
    the top of ``kamlib/data/spin_selling_scenarios/cement_open_gear.yaml``).

    >>> load_scenario("cement_open_gear").sector
    'cement'
    """
    path = scenario_path(name_or_path)
    stat = path.stat()
    return _read_scenario_file(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _read_scenario_file(path: str, mtime_ns: int, size: int) -> Scenario:
    """A scenario file, parsed and validated once per version of the file (the key
    holds its modification time and size, so an instructor's edited file is read anew).
    A Scenario is frozen; a call (:class:`RolePlayCall`) only reads it."""
    return read_scenario(read_yaml(path), source=Path(path).name)


def start_call(scenario: str | Path | Scenario = "cement_open_gear", language: str | None = None) -> RolePlayCall:
    """Start a role-play call with a scenario's buyer.

    Parameters
    ----------
    scenario : str, Path or Scenario
        A scenario name (see :func:`list_scenarios`), a path to a scenario YAML file,
        or a loaded :class:`~kamlib.models.spin_selling.roleplay.Scenario`.
    language : {'en', 'zh'}, optional
        The buyer's language; default: :func:`kamlib.get_language`.

    Examples
    --------
    >>> call = start_call("cement_open_gear", language="en")
    >>> call.ask("What does an unplanned kiln stop cost you?").flags
    ()
    >>> start_call("nowhere")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: name_or_path: no scenario 'nowhere'; available: cement_open_gear, fleet_engine_oil, ... (or give a path to a .yaml file)
    """
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    return RolePlayCall(scenario, language)


# --- the lecture's bad example (坏的例子) -------------------------------------------------------


def read_call_transcript(path: str | Path) -> CallTranscript:
    """Read and validate a call transcript (the format of ``spin_selling_bad_example.yaml``)."""
    path = _yaml_file(path, "call transcript")
    raw = require_keys(read_yaml(path), ("id", "title", "scenario", "seller", "note", "turns"), path.name)
    return CallTranscript(
        id=identifier(raw["id"], f"{path.name}, key 'id'"),
        title=_text(raw["title"], f"{path.name}, key 'title'"),
        scenario=field(raw, "scenario", choice(list_scenarios()), path.name),
        seller=_text(raw["seller"], f"{path.name}, key 'seller'"),
        note=_text(raw["note"], f"{path.name}, key 'note'"),
        turns=tuple(_text(t, f"{path.name}, turns entry {i}")
                    for i, t in enumerate(items(raw["turns"], f"{path.name}, key 'turns'", "the seller's lines"), 1)),
    )


def load_spin_bad_example() -> CallTranscript:
    """The lecture's bad example (坏的例子): a feature-dumping call, seller's lines only.

    >>> example = load_spin_bad_example()
    >>> example.scenario, len(example.lines("en")) == len(example.lines("zh"))
    ('cement_open_gear', True)
    """
    return read_call_transcript(data_path("spin_selling_bad_example.yaml"))
