"""``nbgrader collect`` that never follows a trainee's link and never believes a file name.

nbgrader's own collect copies each inbound submission with ``shutil.copytree``,
which follows links with the instructor's rights (a trainee who plants a link to
``source/`` hands in the solutions), and takes the student id from the folder's
name (so one trainee can hand in under another's). :class:`SafeCollect` refuses a
submission whose folder is not a plain folder owned by the trainee it names, and
copies regular files only (:func:`kamgrade.submission.safe_copy`), logging what it
refused. A refused folder never stands in for the trainee's own: of each trainee's folders
nbgrader collects the latest, and that is the latest one *not* refused.
"""

from __future__ import annotations

import os
import shutil
import stat

from nbgrader.exchange.default.collect import ExchangeCollect

from kamgrade.submission import safe_copy

try:
    import pwd
except ImportError:  # not on Windows
    pwd = None

__all__ = ["SafeCollect"]


class SafeCollect(ExchangeCollect):
    def init_src(self):
        self._refused: dict[str, str] = {}
        super().init_src()  # keeps each trainee's latest folder, by _sort_by_timestamp below
        for filename, problem in sorted(self._refused.items()):
            self.log.error("Refused %s: %s", filename, problem)
        self.src_records = [r for r in self.src_records if r["filename"] not in self._refused]

    def _sort_by_timestamp(self, records):
        """Latest first, the folders this collect refuses after all the others: nbgrader
        collects each trainee's first record, so a classmate's plant named for the trainee
        and dated later must not shadow the trainee's own submission."""
        ordered = super()._sort_by_timestamp(records)
        for record in ordered:
            path = os.path.join(self.inbound_path, record["filename"])
            problem = self._problem(path, record["username"])
            if problem:
                self._refused[record["filename"]] = problem
        return ([r for r in ordered if r["filename"] not in self._refused]
                + [r for r in ordered if r["filename"] in self._refused])

    def _problem(self, path: str, username: str) -> str | None:
        st = os.lstat(path)
        if not stat.S_ISDIR(st.st_mode):
            return "not a plain folder (a link or a file)"
        if pwd is not None and self.check_owner:
            try:
                owner = pwd.getpwuid(st.st_uid).pw_name
            except KeyError:
                owner = f"uid {st.st_uid}"
            if owner != username and st.st_uid != os.getuid():
                return f"handed in under the name {username!r} but owned by {owner!r}"
        return None

    def do_copy(self, src, dest, log=None):
        if os.path.lexists(dest):
            shutil.rmtree(dest)
        tree = safe_copy(src, dest)
        for rel, why in tree.refused:
            self.log.warning("Not collected from %s: %s is %s", os.path.basename(src), rel, why)
