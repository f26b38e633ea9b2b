"""Remake the web screenshots in docs/: the story, dossier and article pages of the demo store.

    .venv/bin/python benchmarks/screenshots.py [--out docs]

Builds the demo store (the bundled articles, through the real pipeline) in a temporary folder,
serves it on a free port of 127.0.0.1, and photographs it in Debian's chromium through
Playwright (never `playwright install`: no browser is downloaded). Writes:

- web-story.png: the top of the largest story (title, key developments, the timeline); the
  whole page is over 10,000 pixels tall, too long to read as one picture;
- web-dossier.png: the whole dossier of that story's most-mentioned person;
- web-article.png: the whole page of the story's article with the most quotes, with its
  most-mentioned quoted person clicked, so that its mentions are highlighted and the others dimmed;
- timeline-sample.png: the top of `storyline timeline --format html` of the founding sample
  (`../shared/samples/`; left out when that folder is absent).

PNGs are reduced to 256 colours (Pillow), which keeps text sharp at a quarter of the size.
"""
from __future__ import annotations

import argparse
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

DOCS = Path(__file__).resolve().parents[1] / "docs"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Headless, and none of chromium's own background connections (refused on a closed network).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}
STORY_HEIGHT = 1900
TOKEN = "screenshots-token-0123"
SAMPLE = DOCS.parents[1] / "shared" / "samples" / "rust-baldwin-2023-04.txt"
TIMELINE_CLIP = {"x": 0, "y": 0, "width": 1400, "height": 2000}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int):
    """uvicorn in a thread over `db`; returns the server (set `should_exit` to stop it)."""
    import uvicorn

    from storyline.web import Settings, create_app

    app = create_app(Settings(db=str(db), token=TOKEN, port=port))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False, lifespan="off"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("screenshots: the server did not start")
        time.sleep(0.05)
    return server


def pages(base: str) -> dict:
    """The addresses to photograph, chosen through the JSON twins."""
    stories = httpx.get(f"{base}/.json", timeout=60).json()["stories"]
    story = max(stories, key=lambda s: s["article_count"])
    detail = httpx.get(f"{base}{story['url']}.json", timeout=60).json()
    person = next(p for p in detail["people"] if p["type"] == "PERSON" and p.get("url"))
    members = [a for group in detail["articles"] for a in group["articles"]]
    quoted = max(members, key=lambda a: len(httpx.get(f"{base}{a['url']}.json",
                                                      timeout=60).json()["quotes"]))
    article = httpx.get(f"{base}{quoted['url']}.json", timeout=60).json()
    speakers = {q.get("speaker_url") for q in article["quotes"]}
    people = [e for e in article["entities"] if e["type"] == "PERSON"]
    focus = (max(people, key=lambda e: (e["url"] in speakers, e["mentions"]))["id"]
             if people else None)
    return {"story": story["url"], "dossier": person["url"], "article": quoted["url"],
            "focus": focus}


def photograph(base: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    chosen = pages(base)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(base + chosen["story"])
        written.append(out / "web-story.png")
        page.screenshot(path=written[-1], clip={"x": 0, "y": 0, "width": VIEWPORT["width"],
                                                "height": STORY_HEIGHT}, full_page=True)
        page.goto(base + chosen["dossier"])
        written.append(out / "web-dossier.png")
        page.screenshot(path=written[-1], full_page=True)
        page.goto(base + chosen["article"])
        if chosen["focus"]:
            page.click(f"button.focus-entity[data-entity='{chosen['focus']}']")
            page.mouse.move(0, 0)  # no hover state in the picture
        written.append(out / "web-article.png")
        page.screenshot(path=written[-1], full_page=True)
        browser.close()
    return written


def photograph_timeline(out: Path, folder: Path) -> Path | None:
    """The founding sample's timeline page, as `storyline timeline --format html` writes it."""
    import subprocess

    from playwright.sync_api import sync_playwright

    if not SAMPLE.exists():
        return None
    page_file = folder / "timeline.html"
    subprocess.run([sys.executable, "-m", "storyline.cli", "timeline", str(SAMPLE), "--format",
                    "html", "-o", str(page_file)], check=True, capture_output=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": TIMELINE_CLIP["width"], "height": 900})
        page.goto(page_file.as_uri())
        page.screenshot(path=out / "timeline-sample.png", clip=TIMELINE_CLIP, full_page=True)
        browser.close()
    return out / "timeline-sample.png"


def shrink(path: Path) -> None:
    try:
        from PIL import Image
    except ImportError:  # the picture stays as chromium wrote it
        return
    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    reduced.save(path, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DOCS, help="folder for the PNGs (docs/)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"screenshots: no chromium at {CHROMIUM} (scripts/install test installs it)",
              file=sys.stderr)
        return 1
    from storyline.demo import build_store

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="storyline-shots-") as folder:
        db = build_store(Path(folder) / "demo.db")
        port = free_port()
        server = start_server(db, port)
        try:
            written = photograph(f"http://127.0.0.1:{port}", args.out)
        finally:
            server.should_exit = True
        timeline = photograph_timeline(args.out, Path(folder))
        written += [timeline] if timeline else []
    for path in written:
        shrink(path)
        print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
