"""Progress bars for the long stages, on stderr and only when asked (by default: when it is a terminal).

Stages take an optional bar and call `update(n)`; a disabled bar does nothing, so output files never
depend on whether a bar was shown.
"""

from __future__ import annotations

import sys


class NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def bar(total: int, desc: str, enabled: bool, unit: str = "item"):
    """A tqdm bar on stderr when `enabled` and there is more than one step, else a bar that does nothing."""
    if not enabled or total < 2:
        return NoBar()
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=False)
