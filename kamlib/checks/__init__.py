"""Questions for the exercises and the lectures' *Try it* cells.

One module per exercise (``kamlib.checks.ex02_key_accounts``); each declares its
questions once with :class:`kamlib.checks.framework.Question`.
"""

from kamlib.checks.framework import ____

__all__ = ["____"]
