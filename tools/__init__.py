"""Author and course tools, run from the repository root as modules:

    python -m tools.nav            navigation, Overview and Key points of the lectures
    python -m tools.exercises      test cells, release/ and solutions/ of the exercises
    python -m tools.lab            JupyterLab on 127.0.0.1 at the welcome notebook (make lab)
    python -m tools.lab_settings   install the course's JupyterLab settings into the venv

(``tools/grade.py`` and its plug-ins are the grading tools; see docs/instructor.md.)
"""
