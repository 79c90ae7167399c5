"""People and the sales cycle (人员特征与销售循环): the lecture's sales cycle beside Rackham's
call stages, and personality orientation (人员性格取向分析) on Merrill & Reid's social-style
grid (DOMAIN.md M4-M6).

The sales cycle (销售循环) is the lecture's: build trust → discover needs → sell the product →
satisfy the need, then round again. Rackham's four stages of a sales call (preliminaries,
investigating, demonstrating capability, obtaining commitment) resemble it [P]; the cycle goes on
after the call (satisfy), a call stops at a commitment.

Social styles (社交风格): assertiveness runs from *ask* (-1) to *tell* (+1), responsiveness from
*controls feelings* (-1) to *emotes* (+1); the four quadrants are Driver (驾驭型), Expressive
(表现型), Amiable (亲切型) and Analytical (分析型). A practitioner model [P]; Comstock & Higgins
(1997) found no link between a seller's style and the style buyers prefer, so adapting to a
buyer's style (style-flexing) is a hypothesis to test, not a proven technique.

>>> social_style(0.6, -0.3)
'driver'
>>> place_person(["asks_questions", "sticks_to_facts"], [Behaviour("asks_questions", "assertiveness", -1,
...              Text("asks", "问")), Behaviour("sticks_to_facts", "responsiveness", -1, Text("facts", "事实"))]).style
'analytical'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from numbers import Real

from kamlib.models import arguments as check
from kamlib.text import Text

__all__ = [
    "SALES_CYCLE",
    "CALL_STAGES",
    "CYCLE_CALL_STAGES",
    "SOCIAL_STYLES",
    "STYLE_GRID",
    "AXES",
    "Behaviour",
    "Style",
    "Placement",
    "social_style",
    "place_person",
]

#: The lecture's sales cycle (§2.2), in order; each a glossary id ``cycle_<step>``.
SALES_CYCLE = ("build_trust", "discover_needs", "sell", "satisfy")
#: Rackham's stages of a sales call (SPIN Selling, a practitioner model [P]); glossary ``call_<stage>``.
CALL_STAGES = ("preliminaries", "investigating", "demonstrating_capability", "obtaining_commitment")
#: How the two line up: selling covers demonstrating capability and obtaining commitment;
#: satisfying the need happens after the call (delivery, service, review), so it has no call stage.
CYCLE_CALL_STAGES = {
    "build_trust": ("preliminaries",),
    "discover_needs": ("investigating",),
    "sell": ("demonstrating_capability", "obtaining_commitment"),
    "satisfy": (),
}

#: The four social styles, in the grid's reading order; glossary ``style_<id>``.
SOCIAL_STYLES = ("driver", "expressive", "amiable", "analytical")
#: Each style's quadrant: (assertiveness sign, responsiveness sign); +1 tell / emotes.
STYLE_GRID = {"driver": (1, -1), "expressive": (1, 1), "amiable": (-1, 1), "analytical": (-1, -1)}
#: The grid's two scales.
AXES = ("assertiveness", "responsiveness")


@dataclass(frozen=True)
class Behaviour:
    """An observable behaviour that moves a person along one scale: ``axis`` is
    ``'assertiveness'`` or ``'responsiveness'``, ``sign`` +1 (tell, emotes) or -1 (ask, controls)."""

    id: str
    axis: str
    sign: int
    text: Text

    def __post_init__(self):
        check.text(self.id, "id", "a behaviour id")
        check.one_of(self.axis, "axis", AXES)
        check.one_of(self.sign, "sign", (1, -1))
        if not isinstance(self.text, Text):
            raise TypeError(f"text must be a Text (en, zh), got {type(self.text).__name__}")


@dataclass(frozen=True)
class Style:
    """A social style: its name, its quadrant (``'high'``/``'low'`` on each scale), how to open
    a meeting with such a person and what to avoid (practitioner advice [P])."""

    id: str
    name: Text
    assertiveness: str
    responsiveness: str
    opening: Text
    avoid: Text


@dataclass(frozen=True)
class Placement:
    """A person placed from observed behaviours: a score per scale from -1 to +1 (None when
    nothing was observed on it), the style (None when a score is None or 0: observe more)."""

    assertiveness: float | None
    responsiveness: float | None
    style: str | None
    observed: tuple[str, ...] = ()


def _score(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not -1 <= value <= 1:
        raise ValueError(f"{name} must be a number from -1 (ask / controls) to 1 (tell / emotes), got "
                         f"{check.shown(value)}")
    if value == 0:
        raise ValueError(f"{name} is 0, on the line between two styles: observe more before you place the person")
    return float(value)


def social_style(assertiveness: float, responsiveness: float) -> str:
    """The social style of a person with these scores (each from -1 to 1, not 0).

    >>> [social_style(a, r) for a, r in ((0.5, 0.5), (-0.5, 0.5), (-0.5, -0.5))]
    ['expressive', 'amiable', 'analytical']
    >>> social_style(0, 0.5)
    Traceback (most recent call last):
    ...
    ValueError: assertiveness is 0, on the line between two styles: observe more before you place the person
    """
    signs = (1 if _score(assertiveness, "assertiveness") > 0 else -1,
             1 if _score(responsiveness, "responsiveness") > 0 else -1)
    return next(style for style, quadrant in STYLE_GRID.items() if quadrant == signs)


def place_person(observed: Iterable[str], behaviours: Iterable[Behaviour]) -> Placement:
    """Place a person on the grid from the behaviours you observed (ids among ``behaviours``):
    each scale's score is the mean sign of the observed behaviours on it. A rough placement
    for a conversation, not a test.

    >>> b = [Behaviour("fast", "assertiveness", 1, Text("decides fast", "决定快")),
    ...      Behaviour("asks", "assertiveness", -1, Text("asks", "提问")),
    ...      Behaviour("stories", "responsiveness", 1, Text("tells stories", "讲故事"))]
    >>> place_person(["fast", "stories"], b)
    Placement(assertiveness=1.0, responsiveness=1.0, style='expressive', observed=('fast', 'stories'))
    >>> place_person(["fast", "asks"], b).style is None
    True
    """
    known = {b.id: b for b in check.instances(behaviours, "behaviours", Behaviour, "Behaviour (from load_behaviours)",
                                              nonempty=True)}
    ids = check.texts(observed, "observed", "a list of behaviour ids")
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ValueError(f"observed must be behaviour ids ({', '.join(known) or 'none given'}); got "
                         f"{check.shown(unknown)}")
    ids = list(dict.fromkeys(ids))
    scores = {}
    for axis in AXES:
        signs = [known[i].sign for i in ids if known[i].axis == axis]
        scores[axis] = round(sum(signs) / len(signs), 6) if signs else None
    placed = all(scores[a] for a in AXES)
    style = social_style(scores["assertiveness"], scores["responsiveness"]) if placed else None
    return Placement(scores["assertiveness"], scores["responsiveness"], style, tuple(ids))
