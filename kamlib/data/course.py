"""Data about the course as a whole (shared by every topic, not a topic itself):
its modules in lecture order, the bilingual glossary and the running case's supplier.

>>> [m.stem for m in load_modules()][:3]
['welcome', 'career_model', 'key_accounts']
>>> load_glossary()["key_account"].zh
'大客户'
>>> load_supplier()["fictional"]
True
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from kamlib.data.schema import (
    DataError,
    bilingual,
    boolean,
    check,
    choice,
    data_path,
    field,
    identifier,
    integer,
    items,
    read_yaml,
    require_keys,
    text,
    unique,
)
from kamlib.models.welcome import Module
from kamlib.text import Text, TextItem

__all__ = ["load_modules", "load_glossary", "load_supplier", "product_options", "load_text_pool"]

_MODULE_KEYS = ("id", "stem", "en", "zh", "section", "step", "ready")
_FRONT_MATTER = ("minutes", "questions", "objectives", "key_points")


@lru_cache(maxsize=1)
def load_glossary() -> dict[str, Text]:
    """Term id -> :class:`~kamlib.text.Text` (English and Chinese): every label a plot or
    widget shows, from ``glossary.yaml`` and each topic's ``<stem>_glossary.yaml``.
    :func:`kamlib.label` reads the same files.

    A term may carry ``synonym_of: <id>``: it is another name for the term ``id`` (a
    legend's *distributor* for the map's *distributor*), the only case in which two
    terms may share a Chinese label. ``id`` must be a term of the glossary.
    """
    from kamlib.i18n import glossary_files

    terms: dict[str, Text] = {}
    synonyms: dict[str, tuple[str, object]] = {}
    for path in glossary_files():
        raw = read_yaml(path)
        if not isinstance(raw, dict) or not raw:
            raise DataError(f"{path.name}: expected a mapping of term id -> {{en, zh}}")
        for key, term in raw.items():
            where = f"{path.name}, term {key!r}"
            if key in terms:
                raise DataError(f"{where}: already in another glossary file")
            if not isinstance(term, dict):
                raise DataError(f"{where}: expected {{en: text, zh: text}}, got {term!r}")
            terms[key] = bilingual({k: v for k, v in term.items() if k in ("en", "zh")}, where)
            if "synonym_of" in term:
                synonyms[key] = (where, term["synonym_of"])
    for key, (where, other) in synonyms.items():
        if not isinstance(other, str) or other not in terms or other == key:
            raise DataError(f"{where}: synonym_of must name another term of the glossary, got {other!r}")
    return terms


@lru_cache(maxsize=1)
def load_supplier() -> dict:
    """The running case's (fictional) supplier: name, name_zh, fictional, home,
    description, ``product_families`` (family id -> its names as :class:`~kamlib.text.Text`)
    and ``nsf_h1``, the families with NSF H1 (food-grade) registered grades.

    >>> supplier = load_supplier()
    >>> supplier["product_families"]["rolling"].zh, supplier["nsf_h1"]
    ('轧制油', ('hydraulic', 'gear', 'grease', 'compressor'))
    """
    source = "supplier.yaml"
    keys = ("name", "name_zh", "fictional", "home", "description", "product_families", "nsf_h1")
    raw = dict(require_keys(read_yaml(data_path(source)), keys, source))
    for key in ("name", "name_zh", "home", "description"):
        raw[key] = field(raw, key, text(), source)
    if raw["fictional"] is not True:
        raise DataError(f"{source}, key 'fictional': expected true (the running case is fictional), "
                        f"got {raw['fictional']!r}")
    families = raw["product_families"]
    if not isinstance(families, dict) or not families:
        raise DataError(f"{source}, key 'product_families': expected a mapping of family id -> {{en, zh}}")
    raw["product_families"] = {identifier(f, f"{source}, product family {f!r}"):
                               bilingual(names, f"{source}, product family {f!r}") for f, names in families.items()}
    h1 = items(raw["nsf_h1"], f"{source}, key 'nsf_h1'", "product families")
    raw["nsf_h1"] = tuple(check(f, choice(raw["product_families"]), f"{source}, nsf_h1 entry {i}")
                          for i, f in enumerate(h1, 1))
    return raw


def product_options() -> tuple[str, ...]:
    """What an account's ``products`` may hold: a family id, or ``family:H1`` for an NSF H1
    (food-grade) grade of a family the supplier has registered.

    >>> product_options()[:3], product_options()[-1]
    (('engine', 'hydraulic', 'gear'), 'compressor:H1')
    """
    supplier = load_supplier()
    return (*supplier["product_families"], *(f"{f}:H1" for f in supplier["nsf_h1"]))


def _texts(record, key: str, where: str) -> tuple[Text, ...]:
    entries = items(record.get(key), f"{where}, key {key!r}", "{en, zh} texts")
    return tuple(bilingual(e, f"{where}, {key} entry {i}") for i, e in enumerate(entries, 1))


def _module(record, where: str) -> Module:
    require_keys(record, _MODULE_KEYS, where, optional=_FRONT_MATTER)
    ready = field(record, "ready", boolean(), where)
    front = {}
    if ready:
        missing = [key for key in _FRONT_MATTER if key not in record]
        if missing:
            raise DataError(f"{where}: a ready module needs its front matter; missing keys {missing}")
    if "minutes" in record:
        minutes = require_keys(record["minutes"], ("teaching", "exercises"), f"{where}, key 'minutes'")
        front["teaching_minutes"] = field(minutes, "teaching", integer(1, 480), f"{where}, minutes")
        front["exercise_minutes"] = field(minutes, "exercises", integer(0, 480), f"{where}, minutes")
    for key in ("questions", "objectives", "key_points"):
        if key in record:
            front[key] = _texts(record, key, where)
    if "key_points" in front and not 3 <= len(front["key_points"]) <= 5:
        raise DataError(f"{where}, key 'key_points': expected 3 to 5 key points, got {len(front['key_points'])}")
    return Module(
        id=field(record, "id", text(), where),
        stem=field(record, "stem", text(), where),
        title=bilingual({"en": record["en"], "zh": record["zh"]}, f"{where}, keys 'en' and 'zh'"),
        section=field(record, "section", text(nonempty=False), where),
        step=field(record, "step", integer(0, 5), where),
        ready=ready,
        **front,
    )


@lru_cache(maxsize=1)
def load_modules() -> tuple[Module, ...]:
    """The course's modules in lecture order (:class:`~kamlib.models.welcome.Module`):
    id, stem, title, lecture section, staircase step, ready, and a ready module's
    front matter (minutes, questions, objectives, key points)."""
    source = "modules.yaml"
    raw = items(read_yaml(data_path(source)), source, "modules")
    modules, ids, stems = [], set(), set()
    for i, record in enumerate(raw, 1):
        where = f"{source}, module {i}"
        module = _module(record, where)
        unique(module.id, ids, f"{where}, key 'id'")
        unique(module.stem, stems, f"{where}, key 'stem'", "stem")
        modules.append(module)
    if [m.id for m in modules] != sorted(m.id for m in modules):
        raise DataError(f"{source}: modules must be in lecture order (ids ascending)")
    return tuple(modules)


_POOL_ID = re.compile(r"^[A-Za-z0-9_]{1,12}$")


@cache
def load_text_pool(name: str) -> tuple[TextItem, ...]:
    """A pool of texts an exercise draws its items from, ``kamlib/data/<name>.yaml``: a list
    of ``{id, en, zh}`` (ids short and unique; they must say nothing about an answer).

    >>> pool = load_text_pool("key_accounts_situations")
    >>> len(pool) >= 16, bool(pool[0].text.zh)
    (True, True)
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a pool's name (text), got {type(name).__name__}")
    source = f"{name}.yaml"
    path = data_path(source)
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or not path.is_file():
        raise ValueError(f"name must name a pool in kamlib/data (e.g. 'key_accounts_situations'), got {name!r}")
    return text_items(read_yaml(path), source)


def read_records(source: str, what: str) -> list:
    """The list of records in ``kamlib/data/<source>`` (a DataError when it is not a non-empty list)."""
    return items(read_yaml(data_path(source)), source, what)


def text_items(records, where: str) -> tuple[TextItem, ...]:
    """Records ``{id, en, zh}`` (a pool, or a list inside a larger record) as TextItems:
    ids short and unique, texts stripped, both languages present.

    >>> text_items([{"id": "a1", "en": " Oil ", "zh": "油"}], "demo")[0]
    TextItem(id='a1', text=Text(en='Oil', zh='油'))
    >>> text_items([{"id": "a1", "en": "x"}], "demo")
    Traceback (most recent call last):
    ...
    kamlib.data.schema.DataError: demo, entry 1: missing keys ['zh'], unknown keys none
    """
    pool, seen = [], set()
    for i, record in enumerate(items(records, where, "texts"), 1):
        entry = f"{where}, entry {i}"
        require_keys(record, ("id", "en", "zh"), entry)
        item_id = record["id"]
        if not isinstance(item_id, str) or not _POOL_ID.fullmatch(item_id):
            raise DataError(f"{entry}, key 'id': expected a short id of letters and digits, got {item_id!r}")
        unique(item_id, seen, f"{entry}, key 'id'")
        text = bilingual({k: record[k].strip() if isinstance(record[k], str) else record[k] for k in ("en", "zh")},
                         entry)
        pool.append(TextItem(item_id, text))
    return tuple(pool)
