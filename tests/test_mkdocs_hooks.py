"""The MkDocs hook's patch of a private MkDocs class is tied to the MkDocs release it was checked against."""

import mkdocs
import pytest
from mkdocs.exceptions import PluginError

from generator.mkdocs import hooks


def test_hooks_patch_applies_to_the_checked_mkdocs_release():
    assert mkdocs.__version__ == hooks.PATCHED_MKDOCS  # requirements.lock pins the release the patch was made for
    assert hooks._fast_raw_html_ids() is True


def test_hooks_patch_refuses_another_mkdocs_release_loudly(monkeypatch):
    monkeypatch.setattr(mkdocs, "__version__", "1.7.0")
    with pytest.raises(PluginError, match="MkDocs 1.7.0 is installed"):
        hooks._fast_raw_html_ids()
