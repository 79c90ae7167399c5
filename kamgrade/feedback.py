"""Feedback a trainee can keep: hidden-test code and tracebacks never shown."""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor

from kamgrade.integrity import HIDDEN_BEGIN, HIDDEN_END

__all__ = ["StripHiddenTests"]


class StripHiddenTests(NbGraderPreprocessor):
    """The hidden region goes; tracebacks shrink to one line."""

    def preprocess_cell(self, cell, resources, index):
        if HIDDEN_BEGIN in cell.source:
            kept, hiding = [], False
            for line in cell.source.splitlines():
                if line.strip() == HIDDEN_BEGIN:
                    hiding = True
                    kept.append("# (hidden tests: not shown)")
                elif line.strip() == HIDDEN_END:
                    hiding = False
                elif not hiding:
                    kept.append(line)
            cell.source = "\n".join(kept)
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                output.traceback = [f"{output.ename}: {output.evalue}"]
        return cell, resources
