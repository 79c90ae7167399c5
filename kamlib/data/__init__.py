"""The course's content as data, one loader per dataset, validated on load.

Notebooks never open these files by path; they call a loader.

>>> accounts = load_accounts()
>>> len(accounts) >= 40
True
>>> len({a.sector for a in accounts}) >= 8
True
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from kamlib.data.schema import (
    Column,
    DataError,
    choice,
    choices,
    number,
    read_table,
    require_keys,
    text,
)
from kamlib.models.accounts import ATTRACTIVENESS_FACTORS, STAGES, STRENGTH_FACTORS, Account

__all__ = [
    "DataError",
    "REGIONS",
    "data_path",
    "load_yaml",
    "load_glossary",
    "load_sectors",
    "load_supplier",
    "load_accounts",
    "accounts_frame",
    "load_modules",
]

REGIONS = ("north", "northeast", "east", "central", "south", "southwest", "northwest")


def data_path(name: str) -> Path:
    """Where a data file of the course lives."""
    return Path(str(resources.files("kamlib.data").joinpath(name)))


def load_yaml(path: str | Path):
    """Parse a YAML file; a syntax error names the file and line."""
    import yaml

    path = Path(path)
    try:
        with path.open(encoding="utf-8") as stream:
            return yaml.safe_load(stream)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise DataError(f"{path.name}{where}: not valid YAML ({err})") from None


@lru_cache(maxsize=1)
def load_glossary() -> dict[str, dict[str, str]]:
    """Term id -> {'en': ..., 'zh': ...}."""
    raw = load_yaml(data_path("glossary.yaml"))
    if not isinstance(raw, dict):
        raise DataError("glossary.yaml: expected a mapping of term id -> {en, zh}")
    for key, term in raw.items():
        require_keys(term, ("en", "zh"), f"glossary.yaml, term {key!r}")
    return raw


@lru_cache(maxsize=1)
def load_sectors() -> dict[str, dict]:
    """Sector id -> {en, zh, needs, buying, refs} (DOMAIN.md M9)."""
    raw = load_yaml(data_path("sectors.yaml"))
    if not isinstance(raw, list):
        raise DataError("sectors.yaml: expected a list of sectors")
    sectors = {}
    for i, record in enumerate(raw, 1):
        require_keys(record, ("id", "en", "zh", "needs", "buying", "refs"), f"sectors.yaml, sector {i}")
        sectors[record["id"]] = record
    return sectors


@lru_cache(maxsize=1)
def load_supplier() -> dict:
    """The running case's (fictional) supplier."""
    keys = ("name", "name_zh", "fictional", "home", "description", "product_families")
    return dict(require_keys(load_yaml(data_path("supplier.yaml")), keys, "supplier.yaml"))


def _account_columns() -> list[Column]:
    score = number(0, 10)
    families = load_supplier()["product_families"]
    return [
        Column("id", text()),
        Column("name", text()),
        Column("name_zh", text()),
        Column("sector", choice(load_sectors())),
        Column("region", choice(REGIONS)),
        Column("volume_t", number(minimum=0)),
        Column("potential_3y_t", number(minimum=0)),
        Column("gross_margin_pct", number(0, 100)),
        Column("share_of_wallet_pct", number(0, 100)),
        Column("stage", choice(STAGES)),
        Column("products", choices(families)),
        *(Column(f"a_{f}", score) for f in ATTRACTIVENESS_FACTORS),
        *(Column(f"s_{f}", score) for f in STRENGTH_FACTORS),
    ]


def read_accounts(path: str | Path) -> list[Account]:
    """Read and validate an accounts CSV (the running case's format)."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = read_table(stream, _account_columns(), source=path.name)
    seen = set()
    for line, row in enumerate(rows, 2):
        if row["id"] in seen:
            raise DataError(f"{path.name}, line {line}, column 'id': duplicate id {row['id']!r}")
        seen.add(row["id"])
    return [_account(row) for row in rows]


def _account(row: dict) -> Account:
    attractiveness = {f: row.pop(f"a_{f}") for f in ATTRACTIVENESS_FACTORS}
    strength = {f: row.pop(f"s_{f}") for f in STRENGTH_FACTORS}
    return Account(**row, attractiveness=attractiveness, strength=strength)


@lru_cache(maxsize=1)
def _running_case() -> tuple[Account, ...]:
    return tuple(read_accounts(data_path("accounts.csv")))


def load_accounts() -> list[Account]:
    """The running case's customer portfolio (fictional companies)."""
    return list(_running_case())


def accounts_frame(accounts=None):
    """The portfolio as a pandas DataFrame, one row per account, for display."""
    import pandas as pd

    accounts = load_accounts() if accounts is None else accounts
    rows = []
    for a in accounts:
        row = {k: v for k, v in vars(a).items() if k not in ("attractiveness", "strength")}
        row["products"] = ", ".join(a.products)
        row.update({f"a_{k}": v for k, v in a.attractiveness.items()})
        row.update({f"s_{k}": v for k, v in a.strength.items()})
        rows.append(row)
    return pd.DataFrame(rows).set_index("id")


@lru_cache(maxsize=1)
def load_modules() -> tuple[dict, ...]:
    """The course's modules in lecture order: id, stem, en, zh, section, step, ready."""
    raw = load_yaml(data_path("modules.yaml"))
    if not isinstance(raw, list) or not raw:
        raise DataError("modules.yaml: expected a list of modules")
    keys = ("id", "stem", "en", "zh", "section", "step", "ready")
    for i, record in enumerate(raw, 1):
        require_keys(record, keys, f"modules.yaml, module {i}")
        if not isinstance(record["ready"], bool) or record["step"] not in range(6):
            raise DataError(f"modules.yaml, module {i}: ready must be true/false and step 0-5")
    return tuple(raw)
