"""nbgrader configuration of the KAM Lab course (run nbgrader from this folder)."""

import os
from pathlib import Path

c = get_config()  # noqa: F821 -- provided by nbgrader

c.CourseDirectory.course_id = "kamlab"
c.CourseDirectory.root = str(Path(__file__).resolve().parent)

# A cell that runs longer than this is stopped; the submission is marked ungraded
# (never a silent 0) and the kernel restarted, so the class goes on.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
c.Execute.execute_retries = 0

# What trainees see where a solution was removed.
c.ClearSolutions.code_stub = {"python": "# ↑ Replace ____ with your answer (kamlib is your calculator). · 把 ____ 换成你的答案（kamlib 是你的计算器）。"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE · 在此作答"

# The exchange: exercises/exchange for an instructor alone (make instructor); on JupyterHub
# the shared folder every trainee's server also names, given as KAMLAB_EXCHANGE (docs/hub.md).
c.Exchange.root = os.environ.get("KAMLAB_EXCHANGE") or str(Path(__file__).resolve().parent / "exchange")

# Hardened grading (docs/instructor.md, the kamgrade package): answers are marked outside
# the kernel against keys/ and a course secret; the kernel runs in a bubblewrap sandbox
# with limits and no network; submissions are copied without links; damaged metadata is
# repaired; flagged and ungraded submissions are listed with reasons in plain words.
# KAMLAB_DEFENCES=off grades with plain nbgrader (only to measure what this adds).
if os.environ.get("KAMLAB_DEFENCES", "on") != "off":
    from kamgrade.config import configure

    configure(c, Path(__file__).resolve().parent)
