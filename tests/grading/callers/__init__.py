"""Hostile kind "kamlib caller": per exercise, answer cells that only call kamlib (or read
its modules) and hand in what comes out, with no selling judgement. Each module defines
``ANSWERS = {question: answer cell source}``; tests/grading/test_kamlib_callers.py grades
them with the real CLI and requires at most a quarter of the auto-graded points."""
