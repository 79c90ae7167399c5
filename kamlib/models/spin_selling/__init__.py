"""SPIN selling (SPIN模式): the question classifier and the role-play buyer.

Two focused modules, re-exported here:

* :mod:`kamlib.models.spin_selling.classifier`: label questions S/P/I/N, needs
  implied/explicit and seller statements feature/advantage/benefit;
* :mod:`kamlib.models.spin_selling.roleplay`: a deterministic buyer for practice calls.
"""

from kamlib.models.spin_selling.classifier import *  # noqa: F403
from kamlib.models.spin_selling.classifier import __all__ as _classifier
from kamlib.models.spin_selling.roleplay import *  # noqa: F403
from kamlib.models.spin_selling.roleplay import __all__ as _roleplay

__all__ = [*_classifier, *_roleplay]
