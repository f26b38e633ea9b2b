"""An article's story in order: its dated events and quotes on the calendar, grouped at the
precision the text gives (a year, a month, a day), then what the text leaves undated.

    >>> from storyline.report.timeline import build_timeline, render_timeline
    >>> print(render_timeline(build_timeline(article), "md"))

Each entry keeps the sentence that says it. Quotes stand at the time they were said. Groups are
ordered by their start, a coarser group before a finer one that starts on the same day ("2022"
before "August 2022"); entries in a group keep the article's order.
"""
from __future__ import annotations

import json
import re
import textwrap
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from ..errors import StorylineError
from ..record import Article, Span

FORMATS = ("table", "md", "json", "html")
SCHEMA_ID = "storyline.report.timeline/1"
# Coarse to fine: the order of groups that start on the same day.
PRECISIONS = ("decade", "year", "half", "quarter", "season", "month", "week", "day")
SEASON_MONTHS = {"WI": 1, "SP": 3, "SU": 6, "FA": 9, "AU": 9}
SEASON_NAMES = {"WI": "Winter", "SP": "Spring", "SU": "Summer", "FA": "Fall", "AU": "Fall"}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
_VALUE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|W(?P<week>\d{2})"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>WI|SP|SU|FA|AU)))?(?:T.*)?$")
_DECADE = re.compile(r"^(?P<decade>\d{3})X?$")


@dataclass
class Entry:
    """One line of the timeline: an event (its summary) or a quote (its words)."""

    kind: str                       # "event" or "quote"
    id: str
    text: str
    sentence: str                   # the sentence that says it (a quote: the quote itself)
    span: Span
    value: str | None = None        # the TIMEX3 value it is dated with
    basis: str | None = None        # how the date was found (sentence, clause, quote...)
    modality: str | None = None
    trigger: str | None = None
    place: str | None = None
    participants: list[dict] = field(default_factory=list)   # {"id", "name", "role"}
    speaker: str | None = None


@dataclass
class Group:
    """The entries dated at one calendar value."""

    value: str
    precision: str
    label: str
    start: str                      # ISO date of the first day the value covers
    end: str                        # ISO date of the last day
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Timeline:
    article_id: str
    headline: str | None
    published: str | None
    groups: list[Group] = field(default_factory=list)
    undated: list[Entry] = field(default_factory=list)

    @property
    def dated(self) -> list[Entry]:
        return [entry for group in self.groups for entry in group.entries]

    def to_json(self) -> dict:
        return {"schema": SCHEMA_ID, "article": self.article_id, "headline": self.headline,
                "published": self.published,
                "groups": [_group_json(group) for group in self.groups],
                "undated": [_entry_json(entry) for entry in self.undated]}


def build_timeline(article: Article) -> Timeline:
    """The timeline of a processed article (`Pipeline.run` output)."""
    timeline = Timeline(article.id, article.headline,
                        article.published.value if article.published else None)
    groups: dict[str, Group] = {}
    for entry in _entries(article):
        calendar = calendar_of(entry.value) if entry.value else None
        if calendar is None:
            timeline.undated.append(entry)
            continue
        key, precision, start, end = calendar
        if key not in groups:
            groups[key] = Group(key, precision, label_of(key, precision, start), start.isoformat(),
                                end.isoformat())
        groups[key].entries.append(entry)
    for group in groups.values():
        group.entries.sort(key=lambda entry: entry.span[0])
    timeline.groups = sorted(groups.values(),
                             key=lambda g: (g.start, PRECISIONS.index(g.precision), g.value))
    timeline.undated.sort(key=lambda entry: (entry.kind != "event", entry.span[0]))
    return timeline


def render_timeline(timeline: Timeline, fmt: str = "table", width: int = 120) -> str:
    """The timeline as a terminal table, Markdown, JSON or a self-contained HTML page."""
    if fmt == "table":
        return _table(timeline, width)
    if fmt == "md":
        return _markdown(timeline)
    if fmt == "json":
        return json.dumps(timeline.to_json(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from .timeline_html import render_html

        return render_html(timeline)
    raise StorylineError(f"unknown timeline format {fmt!r}; choose one of {', '.join(FORMATS)}")


def calendar_of(value: str) -> tuple[str, str, date, date] | None:
    """A TIMEX3 value on the calendar: (group key, precision, first day, last day), or None for
    values with no place on it (PAST_REF, XXXX-08, durations)."""
    decade = _DECADE.match(value)
    if decade:
        first = int(decade["decade"]) * 10
        return decade["decade"], "decade", date(first, 1, 1), date(first + 9, 12, 31)
    match = _VALUE.match(value)
    if not match:
        return None
    year = int(match["year"])
    try:
        if match["day"]:
            day = date(year, int(match["month"]), int(match["day"]))
            return day.isoformat(), "day", day, day
        if match["month"]:
            month = int(match["month"])
            return f"{year}-{month:02d}", "month", date(year, month, 1), _month_end(year, month)
        if match["week"]:
            first = date.fromisocalendar(year, int(match["week"]), 1)
            return f"{year}-W{match['week']}", "week", first, first + timedelta(days=6)
        if match["quarter"]:
            month = 3 * int(match["quarter"]) - 2
            return (f"{year}-Q{match['quarter']}", "quarter", date(year, month, 1),
                    _month_end(year, month + 2))
        if match["half"]:
            month = 6 * int(match["half"]) - 5
            return f"{year}-H{match['half']}", "half", date(year, month, 1), _month_end(year, month + 5)
        if match["season"]:
            month = SEASON_MONTHS[match["season"]]
            return (f"{year}-{match['season']}", "season", date(year, month, 1),
                    _month_end(year, month + 2))
    except ValueError:
        return None
    return str(year), "year", date(year, 1, 1), date(year, 12, 31)


def label_of(key: str, precision: str, start: date) -> str:
    if precision == "day":
        return f"{start:%a} {start.day} {MONTH_NAMES[start.month - 1][:3]} {start.year}"
    if precision == "month":
        return f"{MONTH_NAMES[start.month - 1]} {start.year}"
    if precision == "week":
        return f"week of {start.day} {MONTH_NAMES[start.month - 1][:3]} {start.year}"
    if precision == "quarter":
        return f"Q{key[-1]} {start.year}"
    if precision == "half":
        return f"{'first' if key.endswith('1') else 'second'} half of {start.year}"
    if precision == "season":
        return f"{SEASON_NAMES[key[5:]]} {start.year}"
    if precision == "decade":
        return f"the {start.year}s"
    return str(start.year)


def _month_end(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def _entries(article: Article) -> list[Entry]:
    entries = []
    for event in article.events:
        participants = []
        for participant in event.participants:
            entity = article.entity(participant.entity)
            participants.append({"id": participant.entity, "role": participant.role,
                                 "name": entity.name if entity else participant.entity})
        entries.append(Entry(
            "event", event.id, event.summary, _one_line(article.text[event.span[0]:event.span[1]]),
            event.span, event.time.value if event.time else None,
            event.time.basis if event.time else None, event.modality, event.trigger,
            event.place, participants))
    for quote in article.quotes:
        ids = quote.speakers or ([quote.speaker] if quote.speaker else [])
        names = [entity.name for entity in map(article.entity, ids) if entity is not None]
        speaker = " and ".join(names) or quote.speaker_text
        text = _one_line(quote.text)
        entries.append(Entry("quote", quote.id, text, text, quote.span, quote.time,
                             "quote" if quote.time else None, quote.kind, speaker=speaker))
    return entries


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _entry_json(entry: Entry) -> dict:
    record = asdict(entry)
    record["span"] = list(entry.span)
    return {key: value for key, value in record.items() if value not in (None, [], "")}


def _group_json(group: Group) -> dict:
    return {"value": group.value, "precision": group.precision, "label": group.label,
            "start": group.start, "end": group.end,
            "entries": [_entry_json(entry) for entry in group.entries]}


# -- text formats -------------------------------------------------------------------------------

def _what(entry: Entry) -> str:
    if entry.kind == "quote":
        if entry.modality == "direct":
            return f"{entry.speaker or 'unattributed'}: “{entry.text}”"
        return f"{entry.speaker or 'unattributed'} ({entry.modality or 'indirect'}): {entry.text}"
    flag = f" ({entry.modality})" if entry.modality and entry.modality != "asserted" else ""
    place = f" [in {entry.place}]" if entry.place and entry.place not in entry.text else ""
    return entry.text + place + flag


def _markdown(timeline: Timeline) -> str:
    events = sum(entry.kind == "event" for entry in timeline.dated)
    quotes = len(timeline.dated) - events
    lines = [f"# Timeline: {timeline.headline or '(no headline found)'}", ""]
    lines.append(f"Published {timeline.published or 'unknown'}; {events} dated events, "
                 f"{quotes} dated quotes, {len(timeline.undated)} undated.")
    for group in timeline.groups:
        lines += ["", f"## {group.label}", ""]
        lines += _markdown_entries(group.entries, with_value=False)
    if timeline.undated:
        lines += ["", "## Undated", ""]
        lines += _markdown_entries(timeline.undated, with_value=True)
    return "\n".join(lines).rstrip() + "\n"


def _markdown_entries(entries: list[Entry], with_value: bool) -> list[str]:
    lines = []
    for entry in entries:
        vague = f" *({entry.value})*" if with_value and entry.value else ""
        if entry.kind == "quote":
            lines.append(f"- Quote — {_what(entry)}{vague}")
        else:
            lines.append(f"- **{_what(entry)}**{vague}  ")
            lines.append(f"  > {entry.sentence}")
    return lines


def _table(timeline: Timeline, width: int) -> str:
    when_width, what_width = 18, max(30, (width - 22) * 2 // 5)
    source_width = max(20, width - when_width - what_width - 4)
    title = f"Timeline: {timeline.headline or '(no headline found)'}"
    rule = "-" * width
    lines = [title, f"published {timeline.published or 'unknown'}", rule,
             f"{'WHEN':<{when_width}}  {'WHAT':<{what_width}}  SOURCE", rule]
    sections = [(group.label, group.entries) for group in timeline.groups]
    if timeline.undated:
        sections.append(("undated", timeline.undated))
    for label, entries in sections:
        for number, entry in enumerate(entries):
            when = label if number == 0 else ""
            what = textwrap.wrap(_what(entry), what_width) or [""]
            source = textwrap.wrap(entry.sentence, source_width) if entry.kind == "event" else [""]
            if label == "undated" and entry.value:
                what[-1:] = textwrap.wrap(what[-1] + f" ({entry.value})", what_width)
            for row in range(max(len(what), len(source))):
                cells = (when if row == 0 else "", what[row] if row < len(what) else "",
                         source[row] if row < len(source) else "")
                lines.append(f"{cells[0]:<{when_width}}  {cells[1]:<{what_width}}  {cells[2]}"
                             .rstrip())
        lines.append(rule)
    return "\n".join(lines) + "\n"
