"""The thin MkDocs adapter: render briefs/ before each build, watch the inputs, ship Leaflet.

Everything real happens in `generator.build`; this file only connects it to MkDocs events, so the
generator keeps working without MkDocs (`python -m generator render`). The site root is the folder
of `mkdocs.yml`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.briefing")

# `npm ci` installs Leaflet here; its dist files are served from the site, never from a CDN.
LEAFLET_DIST = ("node_modules", "leaflet", "dist")
LEAFLET_DEST = "assets/vendor/leaflet"


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    """Render before MkDocs collects files, so this very build sees the fresh briefs."""
    from generator import build

    root = _root(config)
    changed = build.render_briefs(root / "records", root / "templates", Path(config.docs_dir))
    if changed:
        log.info("briefing: %d generated file(s) changed", len(changed))
    return config


def on_files(files: Files, config) -> Files:
    """Add Leaflet's dist files to the site under assets/vendor/leaflet/."""
    dist = _root(config).joinpath(*LEAFLET_DIST)
    if not dist.is_dir():
        log.warning("briefing: %s is missing, maps will not work; run `npm ci`", dist)
        return files
    for path in sorted(p for p in dist.rglob("*") if p.is_file() and not p.name.endswith(".map")):
        rel = path.relative_to(dist).as_posix()
        if rel in ("leaflet.css", "leaflet.js") or rel.startswith("images/"):
            files.append(File.generated(config, f"{LEAFLET_DEST}/{rel}", abs_src_path=str(path)))
    return files


def on_serve(server, config, builder):
    root = _root(config)
    for folder in ("records", "templates"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server
