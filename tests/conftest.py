"""Shared fixtures: the real pipeline (loaded once per session) and paths to ../shared."""
from __future__ import annotations

import shutil
import subprocess
import sys
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


@pytest.fixture(scope="session", autouse=True)
def evaluation_cache(tmp_path_factory):
    """Evaluations run by tests keep processed articles in a temporary folder, never the
    checkout's `.cache/` (`evaluation/cache.py`)."""
    import os

    from storyline.evaluation.cache import ENVIRONMENT

    before = os.environ.get(ENVIRONMENT)
    os.environ[ENVIRONMENT] = str(tmp_path_factory.mktemp("evaluation-cache"))
    yield
    if before is None:
        os.environ.pop(ENVIRONMENT, None)
    else:
        os.environ[ENVIRONMENT] = before


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Config())


@pytest.fixture(scope="session")
def sample_text() -> str:
    return shared_file(SAMPLE).read_text(encoding="utf-8")


FIXTURES = REPO / "tests" / "fixtures"
# Real articles of several kinds, ingested once into the store that `fixture_store` copies.
FIXTURE_ARTICLES = (*sorted((FIXTURES / "clean").glob("*.txt")),
                    FIXTURES / "html" / "news_article.html", FIXTURES / "html" / "second_article.html")


@pytest.fixture(scope="session")
def ingested_store(tmp_path_factory) -> Path:
    """A store built by the real `storyline ingest` from the fixture articles (do not change it:
    take `fixture_store` for a copy of your own)."""
    path = tmp_path_factory.mktemp("store") / "fixtures.db"
    built = subprocess.run([sys.executable, "-m", "storyline.cli", "ingest",
                            *map(str, FIXTURE_ARTICLES), "--db", str(path), "--workers", "1",
                            "--quiet"], capture_output=True, timeout=300)
    assert built.returncode == 0, built.stderr.decode()
    return path


def copy_of(store: Path, folder: Path) -> Path:
    """A private copy of a session's store, to change or to check is unchanged."""
    copy = folder / "store.db"
    shutil.copyfile(store, copy)
    return copy


@pytest.fixture
def fixture_store(ingested_store, tmp_path) -> Path:
    """A private copy of `ingested_store`."""
    return copy_of(ingested_store, tmp_path)


def real_bodies() -> list[str]:
    """The cleaned bodies of the fixture articles and (when present) the founding sample, then
    all of them joined with blank lines as one longer article: real text on which a lookup by
    position must give what a scan of the whole text gives."""
    from storyline.clean import clean_article
    from storyline.record import Article

    paths = sorted((FIXTURES / "clean").glob("*.txt")) + ([SAMPLE] if SAMPLE.exists() else [])
    bodies = [clean_article(Article(raw=path.read_text(encoding="utf-8")), Config()).text
              for path in paths]
    return bodies + ["\n\n".join(bodies)]


def long_real_body(at_least: int = 9_000) -> str:
    """All the real bodies joined, and joined again until the text is `at_least` characters:
    as long with the founding sample (../shared) as without it, so what a test counts on it
    (spans, parse pieces) does not depend on ../shared being there."""
    bodies = real_bodies()[:-1]
    joined = "\n\n".join(bodies)
    while len(joined) < at_least:
        joined += "\n\n" + "\n\n".join(bodies)
    return joined


# -- the web layer (tests/test_web_*.py) ------------------------------------------------------

WEB_TOKEN = "test-token-0123456789"
WEB_BASE = "http://127.0.0.1:8800"
# An article whose headline, body, quote and address try to inject markup and script.
XSS_RECORD = {
    "id": "xss", "url": "javascript:alert(1)", "published": "2025-07-01",
    "headline": "Mayor Quentin Marlowe <script>alert(1)</script> opens harbour bridge",
    "text": "Mayor Quentin Marlowe <script>alert(1)</script> opens harbour bridge\n\n"
            "GLENHAVEN — Mayor Quentin Marlowe opened the Glenhaven harbour bridge on Tuesday "
            "\"><img src=x onerror=alert(1)> after four years of building work.\n\n"
            "\"<script>alert(1)</script> This bridge is for everyone,\" Marlowe said on Tuesday. "
            "Details are at <a href=\"javascript:alert(1)\">the city page</a> and "
            "javascript:alert(1) was printed on a flyer.\n\n"
            "The Glenhaven council approved the bridge in 2021, Marlowe said.",
}


@pytest.fixture(scope="session")
def web_store(tmp_path_factory, pipeline) -> Path:
    """The demo corpus plus the XSS article, ingested by the real pipeline (do not write to
    it: take `web_store_copy`)."""
    import json

    from storyline.demo import build_store
    from storyline.inputs.read import article_from_record
    from storyline.store import Store
    from storyline.stories.clustering import ingest

    path = build_store(tmp_path_factory.mktemp("web") / "demo.db", pipeline)
    with Store(path, for_writing=True) as store:
        ingest(store, pipeline.run(article_from_record(json.dumps(XSS_RECORD), pipeline.config,
                                                       "xss")))
    return path


@pytest.fixture
def web_store_copy(web_store, tmp_path) -> Path:
    return copy_of(web_store, tmp_path)


def web_client(db: Path, pipeline=None, **settings):
    """A TestClient on the real app over `db` (its Host is 127.0.0.1:8800 unless `base_url`)."""
    from fastapi.testclient import TestClient

    from storyline.web import Settings, create_app

    base_url = settings.pop("base_url", WEB_BASE)
    app = create_app(Settings(db=str(db), token=settings.pop("token", WEB_TOKEN), **settings),
                     pipeline)
    return TestClient(app, base_url=base_url, raise_server_exceptions=False)


@pytest.fixture(scope="session")
def client(web_store):
    """A reader's client on the shared web store (loopback, not signed in)."""
    with web_client(web_store) as test_client:
        yield test_client
