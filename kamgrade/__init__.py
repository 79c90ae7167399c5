"""KAM Lab's grader: nbgrader plug-ins and commands that treat a submission as hostile.

The trainee's kernel only runs the trainee's code and shows what it returned; the
grader marks those answers *outside* the kernel against instructor-side keys
(``exercises/keys/``) and a per-course secret that is never shipped. One job per module:

* :mod:`kamgrade.keys` -- find an exercise's key, the course secret and a trainee's variant
* :mod:`kamgrade.marking` -- markers with per-item credit (used by the keys)
* :mod:`kamgrade.outside` -- read the recorded answers from the executed notebook and score them
* :mod:`kamgrade.sandbox` -- the kernel in bubblewrap, with limits and no network
* :mod:`kamgrade.execute` -- running the cells: time and output limits, ungraded on a crash
* :mod:`kamgrade.submission` -- a submission folder copied without links; damaged metadata repaired
* :mod:`kamgrade.scan` -- plain-words reasons to look at a submission (never a score change)
* :mod:`kamgrade.review` -- the review records (graded / flagged / ungraded) and their CSV
* :mod:`kamgrade.export` -- ``nbgrader export`` with status and reasons; the completeness check
* :mod:`kamgrade.feedback` -- feedback without hidden tests
* :mod:`kamgrade.exchange` -- ``nbgrader collect`` that refuses links and other trainees' names
* :mod:`kamgrade.parallel` -- ``make grade``: the class on every core, merged atomically
* :mod:`kamgrade.config` -- registers all of it in ``exercises/nbgrader_config.py``

Run ``python -m kamgrade --help`` for the commands.
"""
