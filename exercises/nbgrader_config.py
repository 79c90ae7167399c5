"""nbgrader configuration of the KAM Lab course (run nbgrader from this folder)."""

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
