"""Building a large report without the cyclic garbage collector's rescans.

Building a report makes hundreds of thousands of objects that all live until it is done (the
quarter's records, the document, WeasyPrint's boxes), so every collection on the way rescans a
growing heap and finds almost nothing: about a quarter of a 155-page PDF's time. They are freed
by reference counting when the build ends. The pause is for the whole process, so it lasts one
build only, and it nests.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
