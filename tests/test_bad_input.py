"""The bad-input table: the real `storyline` command over every kind of hostile or broken input.

Each row builds its input in a temp folder, runs the CLI as a user would, and states the exit
code it must give. For every row: no traceback on stderr, every message a single line, and
whatever valid records the input held are written (nothing valid lost). `docs/reliability.md`
is this table with the measured result of each row: `python tests/test_bad_input.py` prints it.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
ARTICLE = (FIXTURES / "clean" / "ap-shutdown.txt").read_text(encoding="utf-8")
PAGE = (FIXTURES / "html" / "news_article.html").read_text(encoding="utf-8")
SECOND_PAGE = (FIXTURES / "html" / "second_article.html").read_text(encoding="utf-8")
STORYLINE = [sys.executable, "-m", "storyline.cli"]

FRENCH = """Le gouvernement annonce un plan d'urgence pour les agriculteurs

Le Premier ministre a présenté mardi un plan de soutien de 400 millions d'euros destiné aux \
agriculteurs touchés par la sécheresse, a annoncé Matignon dans un communiqué.

« Nous ne laisserons personne sur le bord de la route », a déclaré le chef du gouvernement \
lors d'un déplacement dans une exploitation de la Drôme, où les récoltes de céréales ont \
chuté de près d'un tiers cette année.

Les syndicats agricoles ont salué un premier pas, tout en jugeant les montants insuffisants \
face à l'ampleur des pertes. La FNSEA réclame notamment un report des cotisations sociales \
et une aide spécifique pour les éleveurs, dont les stocks de fourrage sont au plus bas.
"""
SPANISH = """El Gobierno aprueba una subida del salario mínimo para el próximo año

El Consejo de Ministros aprobó este martes una subida del salario mínimo interprofesional \
del 4 %, que beneficiará a cerca de dos millones de trabajadores, según informó el \
Ministerio de Trabajo.

La ministra defendió en rueda de prensa que la medida «protege el poder adquisitivo de \
quienes más lo necesitan» y recordó que la inflación se ha moderado en los últimos meses.

Las organizaciones empresariales criticaron que la decisión se haya tomado sin acuerdo en \
la mesa del diálogo social y advirtieron de su impacto en las pequeñas empresas del campo.
"""
RESULTS_TABLE = """SOCCER - ENGLISH PREMIER LEAGUE RESULTS AND STANDINGS

LONDON 1996-08-24

Results of English premier league matches on Saturday:

Arsenal 2 Coventry 0
Blackburn 1 Everton 1
Chelsea 1 Middlesbrough 0
Leeds 3 Wimbledon 2
Liverpool 2 Sheffield Wednesday 1
Manchester United 4 Derby 1
Newcastle 1 Southampton 0
Nottingham Forest 0 Leicester 0
Sunderland 2 West Ham 2
Tottenham 1 Aston Villa 2

Standings (tabulated under played, won, drawn, lost, goals for, against, points):

Manchester United 3 2 1 0 8 2 7
Arsenal 3 2 1 0 5 1 7
Aston Villa 3 2 0 1 5 3 6
Liverpool 3 1 2 0 4 3 5
"""


@dataclass
class Outcome:
    returncode: int
    stdout: bytes
    stderr: str
    seconds: float
    folder: Path


@dataclass
class Row:
    name: str
    build: Callable[[Path], list[str]]  # makes the input in a folder, returns the CLI args
    exit_code: int
    # Checks that whatever valid records the input held came out (or the store is unchanged).
    kept: Callable[[Outcome], None] = field(default=lambda outcome: None)
    stdin: Callable[[], bytes] | None = None
    note: str = ""


# --- builders ------------------------------------------------------------------------------------

def file_with(name: str, data: bytes | str, *extra: str):
    def build(folder: Path) -> list[str]:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return ["extract", str(path), *extra]
    return build


def sparse_file(folder: Path) -> list[str]:
    path = folder / "huge.txt"
    with path.open("wb") as out:
        out.truncate(60_000_000)
    return ["extract", str(path)]


def script_heavy_page() -> str:
    blob = json.dumps({"state": ["x" * 1000] * 2500})  # about 2.5 MB of inline JSON state
    return PAGE.replace("</head>", f"<script>window.__STATE__ = {blob};</script></head>", 1)


def deep_page(depth: int) -> str:
    body = PAGE.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0]
    return (f"<html><head><title>Deep</title></head><body>{'<div>' * depth}{body}"
            f"{'</div>' * depth}</body></html>")


def frameset_page() -> str:
    return ("<!DOCTYPE html><html><head><title>Frames</title></head><frameset cols='50%,50%'>"
            "<frame src='left.html'><frame src='right.html'></frameset></html>")


def laughs_xhtml() -> str:
    entities = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY l0 "lol">' + entities + ']>'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Laughs</title></head>'
            '<body><article><h1>Laughs</h1><p>&l9;</p>'
            + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[3:8])
            + '</article></body></html>')


def laughs_rss() -> str:
    entities = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">' + entities + ']>'
            '<rss version="2.0"><channel><title>&l9;</title>'
            '<item><title>&l9;</title><description>&l9;</description></item>'
            '</channel></rss>')


def laughs_feed(folder: Path) -> list[str]:
    path = folder / "laughs.rss"
    path.write_text(laughs_rss(), encoding="utf-8")
    return ["ingest", str(path), "--out", str(folder / "out.jsonl"), "--workers", "1", "--quiet"]


def big_feed(folder: Path) -> list[str]:
    """5,000 items: three carry full text; the rest link to loopback, which is refused."""
    full = "".join(f"<p>{paragraph}</p>" for paragraph in ARTICLE.split("\n\n"))
    items = []
    for number in range(5000):
        if number in (0, 2500, 4999):
            items.append(f"<item><title>Full text {number}</title><guid>full-{number}</guid>"
                         f"<description><![CDATA[{full} Item {number}.]]></description></item>")
        else:
            items.append(f"<item><title>Teaser {number}</title>"
                         f"<link>http://127.0.0.1:9/story/{number}</link></item>")
    path = folder / "big.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>'
                    + "".join(items) + "</channel></rss>", encoding="utf-8")
    return ["ingest", str(path), "--out", str(folder / "out.jsonl"), "--workers", "1", "--quiet"]


def warc_records(pages: list[tuple[str, bytes, str]]) -> list[bytes]:
    """Each record as its own gzip member, the way CC-NEWS writes them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    members = []
    for uri, body, content_type in pages:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers))
        members.append(buffer.getvalue())
    return members


def warc_pages() -> list[tuple[str, bytes, str]]:
    return [("https://news.example.com/a", PAGE.encode(), "text/html; charset=utf-8"),
            ("https://news.example.com/report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
             "application/pdf"),
            ("https://news.example.com/b", SECOND_PAGE.encode(), "text/html; charset=utf-8")]


def warc_with(change: Callable[[list[bytes]], bytes]):
    def build(folder: Path) -> list[str]:
        path = folder / "crawl.warc.gz"
        path.write_bytes(change(warc_records(warc_pages())))
        return ["ingest", str(path), "--out", str(folder / "out.jsonl"), "--workers", "1",
                "--quiet"]
    return build


def corrupt_middle(members: list[bytes]) -> bytes:
    middle = bytearray(members[1])
    for index in range(20, len(middle) - 8, 7):
        middle[index] ^= 0x5A
    return members[0] + bytes(middle) + members[2]


def gzip_bomb(folder: Path) -> list[str]:
    path = folder / "bomb.warc.gz"
    zeros = bytes(1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as out:
        for _ in range(200):  # 200 MB of zeros in about 200 kB
            out.write(zeros)
    return ["ingest", str(path), "--out", str(folder / "out.jsonl"), "--workers", "1", "--quiet"]


def jsonl_with_broken_lines(folder: Path) -> list[str]:
    path = folder / "batch.jsonl"
    lines = [json.dumps({"id": "good-1", "text": ARTICLE}), "{not json", "[1, 2]",
             json.dumps({"id": "no-body"}), json.dumps({"id": "good-2", "text": FRENCH}),
             '{"id": "torn", "text": "The council']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["ingest", str(path), "--out", str(folder / "out.jsonl"), "--workers", "1", "--quiet"]


def store_with_article(folder: Path) -> Path:
    article = folder / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = folder / "store.db"
    result = subprocess.run([*STORYLINE, "ingest", str(article), "--db", str(db), "--workers", "1",
                             "--quiet"], capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    return db


def on_store(*args: str):
    def build(folder: Path) -> list[str]:
        return [args[0], *args[1:], "--db", str(store_with_article(folder))]
    return build


def db_at(make: Callable[[Path], Path]):
    def build(folder: Path) -> list[str]:
        article = folder / "article.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        return ["ingest", str(article), "--db", str(make(folder)), "--workers", "1", "--quiet"]
    return build


def not_sqlite(folder: Path) -> Path:
    path = folder / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    return path


def output_at(command: str, option: str, target: Callable[[Path], Path]):
    def build(folder: Path) -> list[str]:
        article = folder / "article.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        if command == "timeline":
            return ["timeline", str(article), option, str(target(folder))]
        args = [command, str(article), option, str(target(folder))]
        return args + (["--out", str(folder / "out.jsonl")] if option != "--out" else [])
    return build


# --- what must come out --------------------------------------------------------------------------

def record(outcome: Outcome) -> dict:
    return json.loads(outcome.stdout)


def body_has(*phrases: str, language: str | None = None):
    def check(outcome: Outcome) -> None:
        found = record(outcome)
        for phrase in phrases:
            assert phrase in found["text"], phrase
        if language:
            assert found["language"] == language
    return check


def written(count: int, *, errors: int | None = None):
    def check(outcome: Outcome) -> None:
        out = outcome.folder / "out.jsonl"
        lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
        assert len(lines) == count, f"{len(lines)} records written, expected {count}"
        if errors is not None:
            log = outcome.folder / "out.jsonl.errors.jsonl"
            failed = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
            assert len(failed) == errors, f"{len(failed)} errors logged, expected {errors}"
    return check


def store_unchanged(outcome: Outcome) -> None:
    db = outcome.folder / "store.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def untouched(name: str):
    def check(outcome: Outcome) -> None:
        path = outcome.folder / name
        assert path.read_text(encoding="utf-8").startswith("these are my notes")
    return check


ARTICLE_PHRASE = "The Senate passed a short-term spending bill"
PAGE_PHRASE = "The harbour bridge will close to all traffic"

ROWS = [
    Row("empty file", file_with("empty.txt", b""), 4),
    Row("whitespace only", file_with("blank.txt", " \n\t\n  \r\n"), 4),
    Row("random bytes", file_with("noise.bin", random.Random(7).randbytes(20_000)), 5),
    Row("60 MB file", sparse_file, 6, note="refused by its size, before reading"),
    Row("UTF-16 with BOM", file_with("utf16.txt", ARTICLE.encode("utf-16")), 0,
        body_has(ARTICLE_PHRASE)),
    Row("UTF-16 without BOM", file_with("utf16le.txt", ARTICLE.encode("utf-16-le")), 0,
        body_has(ARTICLE_PHRASE)),
    Row("Latin-1", file_with("latin1.txt", (ARTICLE + "\nLe café était fermé.\n")
                             .encode("latin-1", "replace")), 0, body_has("café")),
    Row("cp1252", file_with("cp1252.txt", (ARTICLE + "\n“Quoted” – dashed.\n")
                            .encode("cp1252", "replace")), 0, body_has("“Quoted”")),
    Row("NUL bytes in text", file_with("nul.txt", ARTICLE.encode().replace(b". ", b".\x00 ", 3)),
        0, body_has("short-term spending bill")),
    Row("a 5 MB line", file_with("line.txt", "word " * 1_000_000), 6,
        note="5,000,000 characters of text: longer than any article"),
    Row("French article", file_with("fr.txt", FRENCH), 0,
        body_has("400 millions d'euros", language="fr")),
    Row("Spanish article", file_with("es.txt", SPANISH), 0,
        body_has("salario mínimo", language="es")),
    Row("French with --require-english", file_with("fr.txt", FRENCH, "--require-english"), 7),
    Row("English results table", file_with("results.txt", RESULTS_TABLE), 0,
        body_has("Arsenal 2 Coventry 0", language="en")),
    Row("Markdown", file_with("note.md", "# Senate passes stopgap bill\n\n" + ARTICLE), 0,
        lambda outcome: assert_headline(outcome, "Senate passes stopgap bill")),
    Row("truncated HTML", file_with("cut.html", PAGE[: len(PAGE) * 2 // 3]), 0,
        body_has(PAGE_PHRASE)),
    Row("deep nesting (5,000 levels)", file_with("deep.html", deep_page(5000)), 0,
        body_has(PAGE_PHRASE)),
    Row("2.5 MB of inline script", file_with("heavy.html", script_heavy_page()), 0,
        body_has(PAGE_PHRASE)),
    Row("frameset", file_with("frames.html", frameset_page()), 4,
        note="a frameset has no article text of its own"),
    Row("mislabeled charset", file_with(
        "mislabeled.html", PAGE.replace("<head>", '<head><meta charset="iso-8859-1">', 1)
        .replace(PAGE_PHRASE, PAGE_PHRASE + " — “on schedule”", 1)), 0,
        body_has("“on schedule”")),
    Row("billion laughs in XHTML", file_with("laughs.xhtml", laughs_xhtml()), 0,
        lambda outcome: assert_small(outcome, 200_000)),
    Row("billion laughs in RSS", laughs_feed, 1, written(0, errors=1),
        note="the entities are not expanded; the one item has no text and no link"),
    Row("5,000-item feed", big_feed, 1, written(3, errors=4997),
        note="4,997 links to loopback refused, each in the errors file"),
    Row("truncated WARC", warc_with(lambda m: b"".join(m)[:-300]), 1, written(1),
        note="the first page is kept; the cut last record is reported"),
    Row("corrupt member in a WARC", warc_with(corrupt_middle), 1, written(2),
        note="the reader resyncs at the next member"),
    Row("PDF in a WARC", warc_with(b"".join), 0, written(2),
        note="the PDF response is counted as skipped, not an error"),
    Row("gzip bomb .warc.gz", gzip_bomb, 1, written(0, errors=1),
        note="200 MB of zeros: not a WARC record, refused after the first bytes"),
    Row("JSONL with broken lines", jsonl_with_broken_lines, 1, written(2, errors=4)),
    Row("story id not a number", on_store("story", "abc"), 2, store_unchanged),
    Row("story id too large", on_store("story", "99999999999999999999"), 3, store_unchanged),
    Row("story id negative", on_store("story", "-1"), 3, store_unchanged),
    Row("story --since garbage", on_store("story", "1", "--since", "garbage"), 2,
        store_unchanged),
    Row("dossier name %", on_store("dossier", "%"), 2, store_unchanged),
    Row("dossier name __", on_store("dossier", "__"), 2, store_unchanged),
    Row("dossier name SQL", on_store("dossier", "'; DROP TABLE articles; --"), 3,
        store_unchanged),
    Row("stories --search unbalanced quote", on_store("stories", "--search", '"senate'), 2,
        store_unchanged),
    Row("--db a non-SQLite file", db_at(not_sqlite), 13, untouched("notes.db")),
    Row("--db a directory", db_at(lambda folder: folder), 13),
    Row("--db read-only", db_at(lambda folder: Path("/proc/version")), 13),
    Row("--db in a missing folder", db_at(lambda folder: folder / "missing" / "store.db"), 12),
    Row("--out a directory", output_at("ingest", "--out", lambda folder: folder), 12),
    Row("--errors in a missing folder",
        output_at("ingest", "--errors", lambda folder: folder / "missing" / "errors.jsonl"), 12),
    Row("timeline -o a directory", output_at("timeline", "-o", lambda folder: folder), 12),
    Row("unreachable URL", lambda folder: ["extract", "http://127.0.0.1:9/story",
                                           "--allow-private-fetch"], 10),
    Row("private URL refused", lambda folder: ["extract", "http://127.0.0.1:9/story"], 15),
    Row("malformed URL (unclosed IPv6 bracket)", lambda folder: ["extract", "http://[::1/story"],
        10),
    Row("URL with a port past 65535", lambda folder: ["extract", "http://example.org:99999/"], 10),
    Row("empty stdin", lambda folder: ["extract", "-"], 4, stdin=lambda: b""),
    Row("eval on a missing data path", lambda folder: ["eval", "conll", str(folder / "gone")], 3),
]


def assert_headline(outcome: Outcome, headline: str) -> None:
    assert record(outcome)["headline"] == headline


def assert_small(outcome: Outcome, limit: int) -> None:
    assert len(outcome.stdout) < limit, f"{len(outcome.stdout):,} bytes of output"


def run_row(row: Row, folder: Path) -> Outcome:
    args = row.build(folder)
    started = time.perf_counter()
    result = subprocess.run([*STORYLINE, *args], input=row.stdin() if row.stdin else None,
                            capture_output=True, timeout=300, cwd=folder,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    return Outcome(result.returncode, result.stdout, result.stderr.decode("utf-8", "replace"),
                   time.perf_counter() - started, folder)


def message_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("storyline:")]


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_bad_input(row: Row, tmp_path):
    outcome = run_row(row, tmp_path)
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.returncode == row.exit_code, outcome.stderr
    if row.exit_code not in (0, 1):
        messages = message_lines(outcome.stderr)
        assert len(messages) == 1, outcome.stderr
        assert all(ch.isprintable() for ch in messages[0]), messages[0]
    row.kept(outcome)


def markdown_table() -> str:
    """The table of docs/reliability.md, measured now."""
    import tempfile

    lines = ["| input | expected exit | measured exit | seconds | message or result |",
             "|---|---|---|---|---|"]
    for row in ROWS:
        with tempfile.TemporaryDirectory() as folder:
            outcome = run_row(row, Path(folder))
            try:
                row.kept(outcome)
                kept = "kept" if row.exit_code in (0, 1) else ""
            except AssertionError as error:
                kept = f"LOST: {error}"
        messages = message_lines(outcome.stderr)
        said = messages[-1][len("storyline: "):] if messages else (
            f"{len(outcome.stdout):,} bytes of record" if outcome.stdout else "")
        said = said.replace(folder, "…").replace("|", "\\|")[:150]
        traceback = " TRACEBACK" if "Traceback" in outcome.stderr else ""
        detail = "; ".join(part for part in (said, kept, row.note) if part)
        lines.append(f"| {row.name} | {row.exit_code} | {outcome.returncode}{traceback} | "
                     f"{outcome.seconds:.1f} | {detail} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table())
