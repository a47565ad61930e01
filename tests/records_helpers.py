"""Helpers the record tests share (not part of the generator)."""

from __future__ import annotations

from pathlib import Path

from generator import fsio
from generator.records.merge import Drafts, reconcile, write_reconciled


def update_records(records_dir: Path, drafts: Drafts) -> list[str]:
    """Reconcile and write under the run lock, as `extract` does; returns the relpaths that changed."""
    with fsio.run_lock(records_dir):
        return write_reconciled(records_dir, reconcile(records_dir, drafts))
