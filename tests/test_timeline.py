"""The timeline: grouping at each date's precision, order, formats, the HTML page's structure,
and the `storyline timeline` command."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from storyline.record import Article, Event, EventTime, Published, Quote
from storyline.report.timeline import build_timeline, calendar_of, render_timeline

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "rust-baldwin-2023-04.txt"
SVG = "{http://www.w3.org/2000/svg}"
STORYLINE = [sys.executable, "-m", "storyline.cli"]


def made_article() -> Article:
    """An article as the stages leave it: events at every precision, and quotes."""
    text = ("One. Two. Three. Four. Five. Six. Seven. “Eight,” he said. Nine.")
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    values = ["2023-04-20", "2004", "2023-01", "PAST_REF", "2022-08", None, "2022"]
    events = [Event(f"v{n}", f"event {n}", spans[n - 1],
                    EventTime(value, None, "sentence") if value else None, trigger=f"t{n}",
                    modality="planned" if n == 1 else "asserted")
              for n, value in enumerate(values, start=1)]
    quotes = [Quote("q1", "Eight", (text.index("Eight"), text.index("Eight") + 5), "direct",
                    time="2022-08"),
              Quote("q2", "Nine", (text.index("Nine"), text.index("Nine") + 4), "indirect")]
    return Article(raw=text, text=text, id="made", headline="A made story",
                   published=Published("2023-04-20", "user", 1.0), events=events, quotes=quotes)


def test_groups_in_date_order_at_their_precision():
    timeline = build_timeline(made_article())
    assert [(g.value, g.precision) for g in timeline.groups] == [
        ("2004", "year"), ("2022", "year"), ("2022-08", "month"), ("2023-01", "month"),
        ("2023-04-20", "day")]
    assert [e.id for e in timeline.groups[2].entries] == ["v5", "q1"]  # text order in a group
    assert [e.id for e in timeline.undated] == ["v4", "v6", "q2"]      # events first
    assert timeline.groups[-1].label == "Thu 20 Apr 2023"
    assert timeline.groups[2].label == "August 2022"


@pytest.mark.parametrize("value, expected", [
    ("2023", ("2023", "year")), ("2023-04", ("2023-04", "month")),
    ("2023-04-20", ("2023-04-20", "day")), ("2023-04-20T15:00", ("2023-04-20", "day")),
    ("2023-W16", ("2023-W16", "week")), ("2023-Q1", ("2023-Q1", "quarter")),
    ("1998-FA", ("1998-FA", "season")), ("199", ("199", "decade")),
    ("PAST_REF", None), ("XXXX-08", None), ("P3M", None), ("2023-02-30", None),
])
def test_calendar_of(value, expected):
    found = calendar_of(value)
    assert (found[:2] if found else None) == expected


def test_json_and_markdown():
    timeline = build_timeline(made_article())
    record = json.loads(render_timeline(timeline, "json"))
    assert record["schema"] == "storyline.report.timeline/1"
    assert [g["value"] for g in record["groups"]][0] == "2004"
    first_day = record["groups"][-1]
    assert first_day["start"] == first_day["end"] == "2023-04-20"
    assert first_day["entries"][0]["modality"] == "planned"
    assert first_day["entries"][0]["sentence"] == "One."
    markdown = render_timeline(timeline, "md")
    headings = re.findall(r"^## (.+)$", markdown, re.M)
    assert headings == ["2004", "2022", "August 2022", "January 2023", "Thu 20 Apr 2023", "Undated"]
    assert "- **event 1 (planned)**" in markdown and "  > One." in markdown
    table = render_timeline(timeline, "table")
    assert table.index("2004") < table.index("August 2022") < table.index("Thu 20 Apr 2023")


def svgs(page: str) -> list[ET.Element]:
    return [ET.fromstring(block) for block in re.findall(r"<svg\b.*?</svg>", page, re.S)]


def test_html_page_structure():
    timeline = build_timeline(made_article())
    page = render_timeline(timeline, "html")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<script" not in page and not re.search(r"(src|href)=|@import|url\(", page)
    overview, main = svgs(page)
    assert main.find(f".//{SVG}line[@class='axis']") is not None
    marks = [m for m in main.iter() if "mark" in (m.get("class") or "").split()]
    event_marks = [m for m in marks if "event-mark" in m.get("class")]
    dated_events = [e for e in timeline.dated if e.kind == "event"]
    assert sorted(m.get("data-entry") for m in event_marks) == sorted(e.id for e in dated_events)
    assert len(marks) == len(timeline.dated)  # one mark per dated event and quote
    labels = {t.get("data-entry"): "".join(t.itertext()) for t in main.iter(f"{SVG}text")
              if t.get("class") == "label"}
    for entry in timeline.dated:
        assert entry.text in labels[entry.id]
    group_labels = [t.text for t in main.iter(f"{SVG}text") if t.get("class") == "group-label"]
    assert group_labels == [g.label for g in timeline.groups]
    assert overview.find(f".//{SVG}line") is not None


def test_html_axis_breaks_long_gaps_and_keeps_months_apart():
    page = render_timeline(build_timeline(made_article()), "html")
    overview, main = svgs(page)
    breaks = [t.text for t in main.iter(f"{SVG}text") if t.get("class") == "break-label"]
    assert breaks == ["18 years later"]  # 2004 -> 2022; months are not breaks
    assert [t.text for t in overview.iter(f"{SVG}text") if t.get("class") == "break-label"] \
        == ["2005–2021"]
    dots = {d.find(f"{SVG}title").text.split(":")[0]: float(d.get("cx"))
            for d in overview.iter(f"{SVG}circle")}
    # the months of the busy years get room: August 2022 to January 2023 is not crushed
    assert dots["January 2023"] - dots["August 2022"] > 40


def test_cli_timeline_stdin_markdown():
    text = ("Invented council story\n\nThe council approved the budget in March. "
            "A vote on the new bridge is set for Friday.\n").encode()
    result = subprocess.run([*STORYLINE, "timeline", "-", "--published", "2023-04-20",
                             "--format", "md"], input=text, capture_output=True, timeout=180)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert out.index("## March 2023") < out.index("## Fri 21 Apr 2023")
    assert "(planned)" in out


def test_cli_timeline_sample_html_to_file(tmp_path):
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} not available (../shared is absent)")
    target = tmp_path / "timeline.html"
    result = subprocess.run([*STORYLINE, "timeline", str(SAMPLE), "--published", "2023-04-20",
                             "--format", "html", "-o", str(target)], capture_output=True,
                            timeout=180)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""
    _, main = svgs(target.read_text(encoding="utf-8"))
    values = [g.get("data-value") for g in main.iter(f"{SVG}g") if g.get("class") == "group"]
    assert values[0] == "2004" and "2023-04-20" in values and values == sorted(
        values, key=lambda v: calendar_of(v)[2])


def test_cli_timeline_missing_file_is_one_line():
    result = subprocess.run([*STORYLINE, "timeline", "no/such/file.txt"], capture_output=True,
                            timeout=60)
    assert result.returncode == 3
    assert result.stderr.decode().count("\n") == 1


def test_report_dated_facts_are_on_the_calendar_in_its_order():
    """"The past" is no date a reader can put a fact at: the Markdown report's dated facts are
    the events with a calendar place, earliest first (the record keeps the rest)."""
    from storyline.report.markdown import to_markdown

    article = made_article()
    lines = to_markdown(article).split("## Dated facts", 1)[1].split("\n## ", 1)[0]
    values = re.findall(r"^- \*\*(.+?)\*\*", lines, re.M)
    assert values == ["2004", "2022", "2022-08", "2023-01", "2023-04-20"]
    assert any(event.time and event.time.value == "PAST_REF" for event in article.events)
