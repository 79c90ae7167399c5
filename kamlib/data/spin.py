"""SPIN selling content as data: the question bank, the statements, the role-play scenarios.

Each loader validates its file and raises :class:`~kamlib.data.DataError` naming the
file, the entry (number and id) and what was expected.

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

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kamlib.data import DataError, data_path, load_sectors, load_yaml, require_keys
from kamlib.models.spin import (
    FAB_LABELS,
    NEED_LABELS,
    SPIN_TYPES,
    BuyerStatement,
    SellerStatement,
    SpinQuestion,
    StatementBank,
)

if TYPE_CHECKING:
    from kamlib.models.spin_roleplay import Bilingual

__all__ = [
    "SPLITS",
    "load_spin_questions",
    "read_spin_questions",
    "load_spin_statements",
    "read_spin_statements",
    "list_scenarios",
    "scenario_path",
    "load_scenario",
    "CallTranscript",
    "read_call_transcript",
    "load_spin_bad_example",
]

SPLITS = ("tune", "heldout")


def _text(record, key: str, where: str, optional: bool = False) -> str | None:
    value = record.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where}, key {key!r}: expected non-empty text, got {value!r}")
    return value.strip()


def _one_of(record, key: str, allowed, where: str) -> str:
    value = record.get(key)
    if value not in allowed:
        raise DataError(f"{where}, key {key!r}: expected one of {', '.join(allowed)}, got {value!r}")
    return value


def _entry(source: str, i: int, record) -> str:
    rid = record.get("id") if isinstance(record, dict) else None
    return f"{source}, entry {i}" + (f" (id {rid!r})" if rid is not None else "")


def read_spin_questions(path: str | Path) -> list[SpinQuestion]:
    """Read and validate a SPIN question bank (the format of ``spin_questions.yaml``)."""
    path = Path(path)
    raw = load_yaml(path)
    if not isinstance(raw, list):
        raise DataError(f"{path.name}: expected a list of questions, got {type(raw).__name__}")
    sectors = tuple(load_sectors())
    questions, seen = [], set()
    for i, record in enumerate(raw, 1):
        where = _entry(path.name, i, record)
        require_keys(record, ("id", "type", "sector", "topic", "en", "split"), where, optional=("zh",))
        qid = _text(record, "id", where)
        if qid in seen:
            raise DataError(f"{where}, key 'id': duplicate id {qid!r}")
        seen.add(qid)
        questions.append(
            SpinQuestion(
                id=qid,
                type=_one_of(record, "type", SPIN_TYPES, where),
                sector=_one_of(record, "sector", sectors, where),
                topic=_text(record, "topic", where),
                en=_text(record, "en", where),
                zh=_text(record, "zh", where, optional=True),
                split=_one_of(record, "split", SPLITS, where),
            )
        )
    return questions


@lru_cache(maxsize=1)
def _question_bank() -> tuple[SpinQuestion, ...]:
    return tuple(read_spin_questions(data_path("spin_questions.yaml")))


def load_spin_questions(split: str | None = None) -> list[SpinQuestion]:
    """The course's SPIN question bank: lubricant-sales questions labelled S/P/I/N.

    ``split`` picks ``'tune'`` or ``'heldout'`` questions; None (default) gives all.

    >>> len(load_spin_questions("heldout")) < len(load_spin_questions("tune"))
    True
    """
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be None, 'tune' or 'heldout', got {split!r}")
    return [q for q in _question_bank() if split is None or q.split == split]


def read_spin_statements(path: str | Path) -> StatementBank:
    """Read and validate buyer (implied/explicit) and seller (F/A/B) statements."""
    path = Path(path)
    raw = load_yaml(path)
    require_keys(raw, ("buyer", "seller"), path.name)
    sectors = tuple(load_sectors())
    seen: set[str] = set()

    def common(record, where):
        sid = _text(record, "id", where)
        if sid in seen:
            raise DataError(f"{where}, key 'id': duplicate id {sid!r}")
        seen.add(sid)
        return sid, _one_of(record, "sector", sectors, where), _text(record, "text", where)

    buyer, seller = [], []
    for part, items in (("buyer", raw["buyer"]), ("seller", raw["seller"])):
        if not isinstance(items, list):
            raise DataError(f"{path.name}, key {part!r}: expected a list of statements")
        for i, record in enumerate(items, 1):
            where = _entry(f"{path.name}, {part}", i, record)
            if part == "buyer":
                require_keys(record, ("id", "label", "sector", "text"), where)
                sid, sector, text = common(record, where)
                buyer.append(BuyerStatement(sid, _one_of(record, "label", NEED_LABELS, where), sector, text))
            else:
                require_keys(record, ("id", "label", "sector", "context", "text"), where)
                sid, sector, text = common(record, where)
                context = record["context"]
                if not isinstance(context, list) or not all(isinstance(c, str) and c.strip() for c in context):
                    raise DataError(f"{where}, key 'context': expected a list of explicit needs (text), got {context!r}")
                label = _one_of(record, "label", FAB_LABELS, where)
                if label == "benefit" and not context:
                    raise DataError(f"{where}: a benefit must answer an explicit need; 'context' is empty")
                seller.append(SellerStatement(sid, label, sector, tuple(c.strip() for c in context), text))
    return StatementBank(tuple(buyer), tuple(seller))


@lru_cache(maxsize=1)
def load_spin_statements() -> StatementBank:
    """Buyer statements (implied / explicit needs) and seller statements (features,
    advantages, benefits with the buyer's stated explicit needs as context)."""
    return read_spin_statements(data_path("spin_statements.yaml"))


def list_scenarios() -> list[str]:
    """Names of the role-play scenarios in ``kamlib/data/scenarios/``, sorted."""
    folder = data_path("scenarios")
    return sorted(p.stem for p in folder.glob("*.yaml"))


def scenario_path(name_or_path: str | Path) -> Path:
    """The file of a scenario: a name from :func:`list_scenarios` or a path to a YAML file."""
    if isinstance(name_or_path, Path) or str(name_or_path).endswith((".yaml", ".yml")):
        path = Path(name_or_path)
        if not path.is_file():
            raise FileNotFoundError(f"no scenario file {str(path)!r}")
        return path
    if not isinstance(name_or_path, str):
        raise TypeError(f"name_or_path must be a scenario name or a path, got {type(name_or_path).__name__}")
    names = list_scenarios()
    if name_or_path not in names:
        raise ValueError(f"no scenario {name_or_path!r}; available: {', '.join(names)} (or give a path to a .yaml file)")
    return data_path(f"scenarios/{name_or_path}.yaml")


def load_scenario(name_or_path: str | Path):
    """A validated role-play :class:`~kamlib.models.spin_roleplay.Scenario`.

    ``name_or_path`` is a name from :func:`list_scenarios` (``'cement_open_gear'``) or a
    path to an instructor's own YAML file in the same format (see the comment block at
    the top of ``kamlib/data/scenarios/cement_open_gear.yaml``).

    >>> load_scenario("cement_open_gear").sector
    'cement'
    """
    from kamlib.models.spin_roleplay import parse_scenario

    path = scenario_path(name_or_path)
    return parse_scenario(load_yaml(path), source=path.name)


# --- the lecture's bad example (坏的例子) -------------------------------------------------------


@dataclass(frozen=True)
class CallTranscript:
    """A seller's side of a call, to replay through the role-play engine.

    ``turns`` are the seller's lines (:class:`~kamlib.models.spin_roleplay.Bilingual`);
    the buyer's replies come from ``start_call(scenario).play(lines(language))``.
    """

    id: str
    title: Bilingual
    scenario: str
    seller: Bilingual
    note: Bilingual
    turns: tuple[Bilingual, ...]

    def lines(self, language: str = "en") -> list[str]:
        """The seller's lines in ``language`` ('en' or 'zh'; zh falls back to en)."""
        if language not in ("en", "zh"):
            raise ValueError(f"language must be 'en' or 'zh', got {language!r}")
        return [turn.get(language) for turn in self.turns]


def read_call_transcript(path: str | Path) -> CallTranscript:
    """Read and validate a call transcript (the format of ``spin_bad_example.yaml``)."""
    from kamlib.models.spin_roleplay import _bilingual, _identifier

    path = Path(path)
    raw = load_yaml(path)
    require_keys(raw, ("id", "title", "scenario", "seller", "note", "turns"), path.name)
    names = list_scenarios()
    if raw["scenario"] not in names:
        raise DataError(f"{path.name}, key 'scenario': expected one of {', '.join(names)}, got {raw['scenario']!r}")
    turns = raw["turns"]
    if not isinstance(turns, list) or not turns:
        raise DataError(f"{path.name}, key 'turns': expected a non-empty list of the seller's lines, got {turns!r}")
    return CallTranscript(
        id=_identifier(raw["id"], f"{path.name}, key 'id'"),
        title=_bilingual(raw["title"], f"{path.name}, key 'title'"),
        scenario=raw["scenario"],
        seller=_bilingual(raw["seller"], f"{path.name}, key 'seller'"),
        note=_bilingual(raw["note"], f"{path.name}, key 'note'"),
        turns=tuple(_bilingual(t, f"{path.name}, turns entry {i}") for i, t in enumerate(turns, 1)),
    )


def load_spin_bad_example() -> CallTranscript:
    """The lecture's bad example (坏的例子): a feature-dumping call, seller's lines only.

    >>> example = load_spin_bad_example()
    >>> example.scenario, len(example.lines("en")) == len(example.lines("zh"))
    ('cement_open_gear', True)
    """
    return read_call_transcript(data_path("spin_bad_example.yaml"))
