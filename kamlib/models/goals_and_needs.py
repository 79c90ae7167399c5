"""Goals of key-account management (大客户管理的三大目标): a buyer's business needs and personal
wishes (OUTLINE.md §1.3, DOMAIN.md M4).

The lecture's slide pairs two lists. **Business (rational) needs** (业务（理性）需求) are the buying
company's: volume (销量), cost (成本), profit (利润), safety (安全), image (形象). **Personal
(emotional) wishes** (个人（情感）愿望) are the person's: achievement (成就感), status (地位感),
friendship (情谊感), security (安全感), survival (生存感). Webster & Wind (1972) make the same cut
in research: *task* variables (rational, economic) and *non-task* variables (personal, emotional)
[E]; Miller Heiman's practitioner version is *results* for the organisation and *wins* for the
individual [P]. A value statement (价值陈述) for one person should answer one of each.

>>> kind_of("safety"), kind_of("security")
('business', 'personal')
>>> s = value_statement("volume", "security", needs=("volume", "safety"), wishes=("security",))
>>> s.verdict, s.serves_business, s.serves_personal
('both', True, True)
>>> value_statement("cost", "status", needs=("volume",), wishes=("security",)).verdict
'neither'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from kamlib.models import arguments as check
from kamlib.text import Text

__all__ = [
    "BUSINESS_NEEDS",
    "PERSONAL_WISHES",
    "NEED_CATEGORIES",
    "NEED_KINDS",
    "FRAMEWORKS",
    "VERDICTS",
    "BuyerQuote",
    "ValueStatement",
    "kind_of",
    "needs_profile",
    "value_statement",
]

#: The slide's business (rational) needs, in its order; glossary ``need_<id>``.
BUSINESS_NEEDS = ("volume", "cost", "profit", "safety", "image")
#: The slide's personal (emotional) wishes, in its order; glossary ``need_<id>``.
PERSONAL_WISHES = ("achievement", "status", "friendship", "security", "survival")
#: All ten categories: the business needs, then the personal wishes.
NEED_CATEGORIES = BUSINESS_NEEDS + PERSONAL_WISHES
#: The two kinds; glossary ``kind_<id>``.
NEED_KINDS = ("business", "personal")
#: The same cut under other names: (business side, personal side), with the evidence tag.
FRAMEWORKS = {
    "lecture": ("business (rational) needs", "personal (emotional) wishes", "U"),
    "webster_wind": ("task variables", "non-task variables", "E"),
    "miller_heiman": ("results (for the organisation)", "wins (for the individual)", "P"),
}
#: What a value statement serves of one person's needs; glossary ``verdict_<id>``.
VERDICTS = ("both", "business_only", "personal_only", "neither")


def kind_of(category: str) -> str:
    """``'business'`` or ``'personal'``: which of the slide's two lists ``category`` is on.

    >>> [kind_of(c) for c in ("image", "status")]
    ['business', 'personal']
    >>> kind_of("price")
    Traceback (most recent call last):
    ...
    ValueError: category must be one of 'volume', 'cost', 'profit', 'safety', 'image', 'achievement', 'status', 'friendship', 'security', 'survival'; got 'price'
    """
    check.one_of(category, "category", NEED_CATEGORIES)
    return "business" if category in BUSINESS_NEEDS else "personal"


@dataclass(frozen=True)
class BuyerQuote:
    """What a buyer said (``text``), who said it (a person id) and the need or wish it shows."""

    id: str
    person: str
    text: Text
    category: str

    def __post_init__(self):
        check.text(self.id, "id", "a quote id")
        check.text(self.person, "person", "a person id")
        if not isinstance(self.text, Text):
            raise TypeError(f"text must be a Text (en, zh), got {type(self.text).__name__}")
        check.one_of(self.category, "category", NEED_CATEGORIES)

    @property
    def kind(self) -> str:
        """``'business'`` or ``'personal'``."""
        return kind_of(self.category)


def needs_profile(quotes: Iterable[BuyerQuote], person: str | None = None) -> dict[str, int]:
    """How often each of the ten categories comes up in ``quotes`` (all of them, or one
    ``person``'s): category -> count, every category present, in the slide's order.

    >>> q = [BuyerQuote("a", "luo", Text("stops cost us clinker", "停机损失熟料"), "volume"),
    ...      BuyerQuote("b", "luo", Text("my name on the report", "报告上是我的名字"), "security"),
    ...      BuyerQuote("c", "tang", Text("spend down 5 %", "支出降 5%"), "cost")]
    >>> {k: v for k, v in needs_profile(q, "luo").items() if v}
    {'volume': 1, 'security': 1}
    """
    found = check.instances(quotes, "quotes", BuyerQuote, "BuyerQuote (from load_buyer_quotes)")
    if person is not None:
        check.text(person, "person", "a person id")
        known = sorted({q.person for q in found})
        if person not in known:
            raise ValueError(f"person must be one of the quotes' people ({', '.join(known) or 'none given'}); "
                             f"got {check.shown(person)}")
        found = [q for q in found if q.person == person]
    counts = Counter(q.category for q in found)
    return {c: counts.get(c, 0) for c in NEED_CATEGORIES}


@dataclass(frozen=True)
class ValueStatement:
    """A value statement's choice of one business need and one personal wish (either may be
    None), and whether each is one the person has shown."""

    business: str | None
    personal: str | None
    serves_business: bool
    serves_personal: bool

    @property
    def verdict(self) -> str:
        """``'both'``, ``'business_only'``, ``'personal_only'`` or ``'neither'``."""
        if self.serves_business and self.serves_personal:
            return "both"
        if self.serves_business:
            return "business_only"
        if self.serves_personal:
            return "personal_only"
        return "neither"


def _categories(value, name: str, options: tuple[str, ...], what: str) -> tuple[str, ...]:
    found = check.items(value, name, f"a list of {what}")
    for item in found:
        check.one_of(item, name + " item", options)
    return tuple(dict.fromkeys(found))


def value_statement(business: str | None, personal: str | None, needs: Iterable[str],
                    wishes: Iterable[str]) -> ValueStatement:
    """Judge a value statement that answers ``business`` (one of :data:`BUSINESS_NEEDS`, or None)
    and ``personal`` (one of :data:`PERSONAL_WISHES`, or None) for a person whose shown business
    ``needs`` and personal ``wishes`` are given (what you heard them say, not what their job title
    suggests).

    >>> value_statement("cost", None, needs=("cost",), wishes=("friendship",)).verdict
    'business_only'
    >>> value_statement("cost", "fame", needs=(), wishes=())
    Traceback (most recent call last):
    ...
    ValueError: personal must be one of 'achievement', 'status', 'friendship', 'security', 'survival', None; got 'fame'
    """
    check.one_of(business, "business", (*BUSINESS_NEEDS, None))
    check.one_of(personal, "personal", (*PERSONAL_WISHES, None))
    shown_needs = _categories(needs, "needs", BUSINESS_NEEDS, "business needs")
    shown_wishes = _categories(wishes, "wishes", PERSONAL_WISHES, "personal wishes")
    return ValueStatement(business, personal, business is not None and business in shown_needs,
                          personal is not None and personal in shown_wishes)
