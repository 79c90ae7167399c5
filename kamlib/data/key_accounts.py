"""What is a key account? The running case's customer portfolio as data
(``key_accounts.csv``): fictional accounts of a fictional lubricant supplier.

>>> accounts = load_accounts()
>>> len(accounts) >= 40
True
>>> len({a.sector for a in accounts}) >= 8
True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from kamlib.data.course import product_options
from kamlib.data.lubricant_industry import load_sectors
from kamlib.data.schema import (
    Column,
    choice,
    choices,
    data_path,
    existing_file,
    number,
    read_table,
    text,
)
from kamlib.models.key_accounts import (
    ATTRACTIVENESS_FACTORS,
    SERVED,
    STAGES,
    STRENGTH_FACTORS,
    Account,
)

__all__ = ["REGIONS", "read_accounts", "load_accounts", "accounts_frame"]

REGIONS = ("north", "northeast", "east", "central", "south", "southwest", "northwest")


def _account_columns() -> list[Column]:
    score = number(0, 10)
    return [
        Column("id", text()),
        Column("name", text()),
        Column("name_zh", text()),
        Column("sector", choice(load_sectors())),
        Column("region", choice(REGIONS)),
        Column("served", choice(SERVED)),
        Column("volume_t", number(minimum=0)),
        Column("potential_3y_t", number(minimum=0)),
        Column("gross_margin_pct", number(0, 100)),
        Column("share_of_wallet_pct", number(0, 100)),
        Column("stage", choice(STAGES)),
        Column("products", choices(product_options())),
        *(Column(f"a_{f}", score) for f in ATTRACTIVENESS_FACTORS),
        *(Column(f"s_{f}", score) for f in STRENGTH_FACTORS),
    ]


def read_accounts(path: str | Path) -> list[Account]:
    """Read and validate an accounts CSV (the running case's format, ``key_accounts.csv``)."""
    path = existing_file(path, "accounts CSV")
    with path.open(encoding="utf-8", newline="") as stream:
        rows = read_table(stream, _account_columns(), source=path.name, unique_columns=("id",))
    return [_account(row) for row in rows]


def _account(row: dict) -> Account:
    attractiveness = {f: row.pop(f"a_{f}") for f in ATTRACTIVENESS_FACTORS}
    strength = {f: row.pop(f"s_{f}") for f in STRENGTH_FACTORS}
    return Account(**row, attractiveness=attractiveness, strength=strength)


@lru_cache(maxsize=1)
def _running_case() -> tuple[Account, ...]:
    return tuple(read_accounts(data_path("key_accounts.csv")))


def load_accounts() -> list[Account]:
    """The running case's customer portfolio (fictional companies, illustrative t/yr).

    ``served`` says who delivers: the accounts served ``direct`` are exactly what the
    channel map's direct key-account branch carries, sector by sector (the map
    ``running_case`` in channel_maps.yaml); the ``distributor`` accounts are inside
    the distributors' volume.

    >>> accounts = load_accounts()
    >>> round(sum(a.volume_t for a in accounts)), round(sum(a.volume_t for a in accounts if a.served == "direct"))
    (9349, 9000)
    """
    return list(_running_case())


def accounts_frame(accounts: Iterable[Account] | None = None):
    """The portfolio as a pandas DataFrame, one row per account (index: id), for display.

    >>> accounts_frame().loc["KA03", "name"]
    'Redstone Rolling Mills'
    >>> accounts_frame([])
    Traceback (most recent call last):
    ...
    ValueError: accounts must not be empty: an empty portfolio has no key accounts
    """
    from kamlib.models.key_accounts import check_accounts

    accounts = load_accounts() if accounts is None else check_accounts(accounts)
    import pandas as pd

    rows = []
    for a in accounts:
        row = {k: v for k, v in vars(a).items() if k not in ("attractiveness", "strength")}
        row["products"] = ", ".join(a.products)
        row.update({f"a_{k}": v for k, v in a.attractiveness.items()})
        row.update({f"s_{k}": v for k, v in a.strength.items()})
        rows.append(row)
    return pd.DataFrame(rows).set_index("id")
