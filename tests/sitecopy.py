"""A throwaway copy of the project, with the fixture records, for building the site in tests."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_RECORDS = ROOT / "tests" / "fixtures" / "records"


def copy_handwritten(src_briefs: Path, dest_briefs: Path) -> list[str]:
    """Copy the hand-written pages of one briefs folder into another (a throwaway project for a test or
    the benchmark); generated pages, listed in the manifest, and vendored files are left behind."""
    from generator.site.render import MANIFEST, previous_manifest

    generated = set(previous_manifest(src_briefs)) | {MANIFEST}
    copied = []
    for path in sorted(src_briefs.rglob("*")):
        rel = path.relative_to(src_briefs).as_posix()
        if path.is_file() and rel not in generated and not rel.startswith("assets/vendor/"):
            (dest_briefs / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, dest_briefs / rel)
            copied.append(rel)
    return copied


def copy_site(dest: Path) -> Path:
    """A buildable project in `dest`: fixture records, templates, hand-written briefs, mkdocs.yml.

    Only the hand-written pages of briefs/ are copied (the manifest says which are generated), so
    the build in `dest` renders every generated page itself.
    """
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", dest / "templates")
    shutil.copytree(ROOT / "generator", dest / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(FIXTURE_RECORDS, dest / "records")
    copy_handwritten(ROOT / "briefs", dest / "briefs")
    modules = ROOT / "node_modules"
    if modules.is_dir():  # Leaflet, installed by `npm ci`; the hook serves its dist files
        (dest / "node_modules").symlink_to(modules)
    return dest
