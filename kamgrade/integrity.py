"""Before nbgrader restores them: graded cells a submission edited, deleted, duplicated
or re-weighted. nbgrader puts them back silently; the instructor hears about it."""

from __future__ import annotations

from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

from kamgrade.review import add_finding

__all__ = ["HIDDEN_BEGIN", "HIDDEN_END", "released_forms", "CellIntegrity"]

HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def released_forms(source: str) -> set[str]:
    """A locked cell as the instructor wrote it and as the release shows it (hidden tests cut).

    >>> sorted(released_forms("a\\n### BEGIN HIDDEN TESTS\\nb\\n### END HIDDEN TESTS"))
    ['a', 'a\\n### BEGIN HIDDEN TESTS\\nb\\n### END HIDDEN TESTS']
    """
    kept, hiding = [], False
    for line in source.splitlines():
        if line.strip() == HIDDEN_BEGIN:
            hiding = True
        elif line.strip() == HIDDEN_END:
            hiding = False
        elif not hiding:
            kept.append(line)
    return {source.strip(), "\n".join(kept).strip()}


class CellIntegrity(NbGraderPreprocessor):
    """Sanitize step, before nbgrader's OverwriteCells: report tampered graded cells."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gb:
            notebook = gb.find_notebook(info["notebook"], info["assignment"])
            sources = {c.name: c for c in notebook.source_cells}
            points = {c.name: c.max_score for c in notebook.grade_cells}
        seen: dict[str, int] = {}
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            grade_id = meta.get("grade_id")
            if not grade_id:
                continue
            seen[grade_id] = seen.get(grade_id, 0) + 1
            source = sources.get(grade_id)
            if source is not None and source.locked and cell.source.strip() not in released_forms(source.source):
                add_finding(resources, "cells", grade_id, "a locked cell was edited (nbgrader restored it)")
            if grade_id in points and meta.get("points") is not None and float(meta["points"]) != points[grade_id]:
                add_finding(resources, "cells", grade_id,
                            f"points changed to {meta['points']} (nbgrader restored {points[grade_id]:g})")
        for grade_id, copies in seen.items():
            if copies > 1:
                add_finding(resources, "cells", grade_id, f"cell duplicated ({copies} copies; the first was graded)")
        for grade_id in points:
            if grade_id not in seen:
                add_finding(resources, "cells", grade_id, "graded cell deleted (nbgrader restored it)")
        return nb, resources
