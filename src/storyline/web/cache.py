"""A small cache of what is costly to rebuild, per app (never module state): a story's merged
timeline and panels, kept while the story is unchanged. Each value carries the version it was
built from (the story's article count and newest article); a request whose version differs
builds it again, so a page never shows a story as it was before an article joined it. One
build per key and version at a time: the requests that want the same value meanwhile wait for
it, rather than each building it again (eight clients on a story that just changed would make
eight slow builds, each slowed by the others) - or, when they accept it (`stale_ok`, the
rendered pages), take the value it replaces at once, so that a page is never older than the
one build in progress."""
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
        self._building: dict[tuple[Hashable, Hashable], threading.Lock] = {}

    def get(self, key: Hashable, version: Hashable, build: Callable[[], Any]) -> Any:
        return self.get_with_state(key, version, build)[0]

    def get_with_state(self, key: Hashable, version: Hashable, build: Callable[[], Any],
                       stale_ok: bool = False) -> tuple[Any, str]:
        """The value and how it was had: "hit", "built", or "stale" (with `stale_ok`: another
        request is building this version, and the value of an older one is at hand)."""
        with self._lock:
            found = self._found(key, version)
            if found is not None:
                return found[1], "hit"
            building = self._building.setdefault((key, version), threading.Lock())
            older = self._values.get(key)
            if stale_ok and older is not None and building.locked():
                return older[1], "stale"
        with building:  # other keys are read and built meanwhile
            with self._lock:
                found = self._found(key, version)  # built while this request waited
            if found is not None:
                return found[1], "hit"
            try:
                value = build()
            except BaseException:
                with self._lock:
                    self._building.pop((key, version), None)
                raise
            with self._lock:
                self._values[key] = (version, value)
                self._values.move_to_end(key)
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
                self._building.pop((key, version), None)
        return value, "built"

    def _found(self, key: Hashable, version: Hashable) -> tuple[Hashable, Any] | None:
        """The cached value for this version (held under `_lock`), marked recently used."""
        found = self._values.get(key)
        if found is None or found[0] != version:
            return None
        self._values.move_to_end(key)
        return found
