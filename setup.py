"""Build hook: the wheel carries the content (questionnaires/, rules/, schemas/) as diagnose/content/.

The top-level folders stay the one source people edit. An editable install reads them in place;
a built wheel gets a copy under the package, where diagnose.bundle looks first. Everything else
about the package is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CONTENT_FOLDERS = {"questionnaires": "**/*.yaml", "rules": "*.yaml", "schemas": "*.json"}  # earlier/ too


class BuildPyWithContent(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        for folder, pattern in CONTENT_FOLDERS.items():
            target = Path(self.build_lib, "diagnose", "content", folder)
            shutil.rmtree(target, ignore_errors=True)  # an in-tree build/ may hold files since deleted
            self.mkpath(str(target))
            for source in sorted(Path(folder).glob(pattern)):
                self.mkpath(str(target / source.parent.relative_to(folder)))
                self.copy_file(str(source), str(target / source.relative_to(folder)))


setup(cmdclass={"build_py": BuildPyWithContent})
