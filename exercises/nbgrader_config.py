"""nbgrader configuration of the KAM Lab course (run nbgrader from this folder)."""

import os
from pathlib import Path

c = get_config()  # noqa: F821 -- provided by nbgrader

c.CourseDirectory.course_id = "kamlab"
c.CourseDirectory.root = str(Path(__file__).resolve().parent)

# A cell that runs longer than this is stopped and scores 0 (an infinite loop
# must not hold up the class); the kernel is interrupted, then restarted.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
c.Execute.execute_retries = 0

# What trainees see where a solution was removed.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# The exchange for a classroom on one machine or a shared volume (see README).
c.Exchange.root = str(Path(__file__).resolve().parent / "exchange")

# Hardened grading (docs/instructor.md): the kernel runs in a bubblewrap sandbox that
# cannot see source/ or the gradebook, a guard undoes hook tampering before each graded
# cell, tampering is flagged, a killed or hung submission is marked ungraded (never a
# silent 0), feedback hides the hidden tests, `nbgrader export` says which is which.
# The plug-ins live in the repository's tools/grade_hooks.py, found through kamlib.
# KAMLAB_DEFENCES=off grades with plain nbgrader (only to measure what this adds).
if os.environ.get("KAMLAB_DEFENCES", "on") != "off":
    import importlib.util
    import sys

    _kamlib = importlib.util.find_spec("kamlib")
    _tools = Path(_kamlib.origin).resolve().parents[1] / "tools" if _kamlib and _kamlib.origin else None
    if _tools is None or not (_tools / "grade_hooks.py").exists():
        raise RuntimeError("KAM Lab grading needs the repository's tools/grade_hooks.py "
                           "(install kamlib with `pip install -e .` from the repository)")
    sys.path.insert(0, str(_tools))
    import grade_hooks

    grade_hooks.configure(c, Path(__file__).resolve().parent)
