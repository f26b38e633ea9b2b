"""Shared fixtures: the real pipeline (loaded once per session) and paths to ../shared."""
from __future__ import annotations

from pathlib import Path

import pytest

from storyline import Config, Pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE = SHARED / "samples" / "rust-baldwin-2023-04.txt"
SCHEMA = SHARED / "contract" / "article.schema.json"
EXAMPLE = REPO / "examples" / "riverton-bridge.txt"


def shared_file(path: Path) -> Path:
    """A file from ../shared, or a clean skip when the folder is not beside the repo."""
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is absent)")
    return path


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Config())


@pytest.fixture(scope="session")
def sample_text() -> str:
    return shared_file(SAMPLE).read_text(encoding="utf-8")
