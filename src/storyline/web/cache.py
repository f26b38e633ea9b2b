"""A small cache of what is costly to rebuild, per app (never module state): a story's merged
timeline and panels, kept while the story is unchanged. Each value carries the version it was
built from (the story's article count and newest article); a request whose version differs
builds it again, so a page never shows a story as it was before an article joined it."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class VersionedCache:
    """At most `size` values, least recently used out first; safe across threads."""

    def __init__(self, size: int = 16):
        self.size = size
        self._values: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, version: Hashable, build: Callable[[], Any]) -> Any:
        with self._lock:
            found = self._values.get(key)
            if found is not None and found[0] == version:
                self._values.move_to_end(key)
                return found[1]
        value = build()  # outside the lock: two builds of one story at once are both right
        with self._lock:
            self._values[key] = (version, value)
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value
