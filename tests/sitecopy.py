"""A throwaway copy of the project, with the fixture records, for building the site in tests."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_RECORDS = ROOT / "tests" / "fixtures" / "records"


def copy_site(dest: Path) -> Path:
    """A buildable project in `dest`: fixture records, templates, hand-written briefs, mkdocs.yml.

    Only the hand-written pages of briefs/ are copied (the manifest says which are generated), so
    the build in `dest` renders every generated page itself.
    """
    from generator.site.render import copy_handwritten

    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", dest / "templates")
    shutil.copytree(ROOT / "generator", dest / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(FIXTURE_RECORDS, dest / "records")
    copy_handwritten(ROOT / "briefs", dest / "briefs")
    modules = ROOT / "node_modules"
    if modules.is_dir():  # Leaflet, installed by `npm ci`; the hook serves its dist files
        (dest / "node_modules").symlink_to(modules)
    return dest
