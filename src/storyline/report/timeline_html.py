"""The timeline as one self-contained HTML page: inline CSS and SVG, no script, no network.

Two views of the same groups:

- an overview strip, a linear calendar axis from the first year to the last, one dot per group,
  to show where the story's time lies (2004 ... 2023);
- the timeline itself, a vertical axis where each group gets the room its entries need and the
  gap between two groups grows with the logarithm of the time between them, so nineteen years
  do not crush four busy months; gaps over two years are drawn as a break in the axis with the
  time they skip ("8 years").

Every dated entry has one mark on the axis (`class="mark event-mark"` or `quote-mark`) and one
label (`class="label"`), both carrying `data-entry` with the entry's id; undated events follow
as a list.
"""
from __future__ import annotations

import math
import textwrap
from datetime import date
from html import escape

from .timeline import Entry, Group, Timeline

WIDTH = 1240
AXIS_X = 232
LABEL_X = 214            # group labels end here (right-aligned)
TEXT_X = 262
SUMMARY_CHARS = 108      # characters per line of a summary (15 px)
SOURCE_CHARS = 138       # characters per line of a source sentence (13 px; fits DejaVu Sans)
LINE = 19
SMALL_LINE = 17
ENTRY_GAP = 14
MIN_GAP, GAP_SCALE, MAX_GAP = 14, 9, 66
BREAK_DAYS = 730
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
COLORS = {"asserted": "#1f5fbf", "reported": "#7a4fc9", "planned": "#b46b00",
          "possible": "#6b7480", "negated": "#c0392b", "quote": "#1f8a4c"}
STYLE = """
body{margin:0;background:#f6f7f9;color:#1d232b;font:15px/1.45 -apple-system,'Segoe UI',
Helvetica,Arial,sans-serif}main{max-width:1280px;margin:0 auto;padding:28px 24px 48px}
h1{font-size:26px;line-height:1.25;margin:0 0 6px}h2{font-size:18px;margin:28px 0 10px}
.meta{color:#5b6573;margin:0 0 14px}.legend{display:flex;flex-wrap:wrap;gap:16px;
font-size:13px;color:#46505c;margin:4px 0 14px}.legend span{display:inline-flex;
align-items:center;gap:6px}.swatch{width:11px;height:11px;border-radius:50%;display:inline-block}
figure{margin:0 0 18px;background:#fff;border:1px solid #dde1e6;border-radius:10px;
padding:10px 8px}svg{display:block;width:100%;height:auto}
svg text{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif}
.axis{stroke:#9aa4b1;stroke-width:2}.tick{stroke:#9aa4b1}.year-label{font-size:12px;fill:#5b6573}
.group-label{font-size:14px;font-weight:600;fill:#1d232b}.precision{font-size:11px;fill:#8a94a1;
letter-spacing:.04em;text-transform:uppercase}.summary{font-size:15px;font-weight:600;fill:#1d232b}
.source{font-size:13px;fill:#5b6573;font-style:italic}.quote-text{font-size:14px;fill:#1f5c38;
font-style:italic}.badge{font-size:11px;font-weight:600;letter-spacing:.03em}
.month-label{font-size:11px;fill:#8a94a1}.break{stroke:#9aa4b1;stroke-width:2;fill:none}.break-label{font-size:12px;fill:#8a94a1;
font-style:italic}.span-bar{stroke-width:6;stroke-linecap:round;opacity:.22}
.overview-dot{stroke:#fff;stroke-width:1.5}.undated li{margin:0 0 8px}
.undated .src{color:#5b6573;font-style:italic;font-size:13px;display:block}
.tag{font-size:11px;font-weight:600;text-transform:uppercase;color:#6b7480;margin-left:6px}
"""


def render_html(timeline: Timeline) -> str:
    title = escape(timeline.headline or "Timeline")
    dated = timeline.dated
    events = sum(entry.kind == "event" for entry in dated)
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f"<title>Timeline: {title}</title>", f"<style>{STYLE}</style>", "</head>", "<body><main>",
        f"<h1>{title}</h1>",
        f'<p class="meta">Published {escape(timeline.published or "unknown")} · {events} dated '
        f"events · {len(dated) - events} dated quotes · "
        f"{sum(e.kind == 'event' for e in timeline.undated)} undated events</p>",
        _legend(),
    ]
    if timeline.groups:
        parts += figures(timeline.groups)
    parts += _undated(timeline.undated)
    parts += ["</main></body>", "</html>"]
    return "\n".join(parts) + "\n"


def figures(groups: list[Group]) -> list[str]:
    """The overview strip and the timeline, each an SVG in a ``<figure>`` (styled by `STYLE`),
    for pages that embed the timeline (the web story page)."""
    return ['<figure aria-label="overview">', _overview(groups), "</figure>",
            '<figure aria-label="timeline">', _vertical(groups), "</figure>"]


def _legend() -> str:
    items = [(name, COLORS[name]) for name in ("asserted", "reported", "planned", "possible",
                                               "negated", "quote")]
    spans = "".join(f'<span><i class="swatch" style="background:{color}"></i>{name}</span>'
                    for name, color in items)
    return f'<div class="legend">{spans}<span>bars: a month or a year</span></div>'


def _overview(groups: list[Group]) -> str:
    """The whole story on one calendar axis: each year with entries gets a slot, each month
    with entries room of its own inside it, quiet months and empty years shrink to a sliver
    or a break."""
    scale = _Scale(groups, left=56, right=WIDTH - 40)
    height, y = 92, 36
    out = [f'<svg class="overview" viewBox="0 0 {WIDTH} {height}" role="img" '
           f'aria-label="overview {scale.years[0]} to {scale.years[-1]}" '
           f'xmlns="http://www.w3.org/2000/svg">']
    for x1, x2 in scale.pieces:
        out.append(f'<line class="overview-axis axis" x1="{x1:.1f}" y1="{y}" x2="{x2:.1f}" '
                   f'y2="{y}"/>')
    for x, skipped in scale.breaks:
        out.append(f'<path class="break" d="M{x - 7:.1f},{y + 6} l6,-12 M{x + 1:.1f},{y + 6} '
                   f'l6,-12"/>')
        out.append(f'<text class="break-label" x="{x:.1f}" y="{y - 12}" text-anchor="middle">'
                   f"{skipped}</text>")
    for year in scale.years:
        x = scale.x(date(year, 1, 1))
        out.append(f'<line class="tick" x1="{x:.1f}" y1="{y - 7}" x2="{x:.1f}" y2="{y + 7}"/>')
        out.append(f'<text class="year-label" x="{x + 3:.1f}" y="{y + 24}">{year}</text>')
        for month in sorted(scale.busy.get(year, ())):
            mx = (scale.x(date(year, month, 1)) + scale.x(_next_month(year, month))) / 2
            out.append(f'<text class="month-label" x="{mx:.1f}" y="{y + 40}" '
                       f'text-anchor="middle">{MONTHS[month - 1]}</text>')
    for group in groups:
        start, end = date.fromisoformat(group.start), date.fromisoformat(group.end)
        x1, x2 = scale.x(start), scale.x(min(end, date(start.year, 12, 31)))
        color = COLORS.get(_group_modality(group), COLORS["asserted"])
        if x2 - x1 > 8:
            out.append(f'<line class="span-bar" x1="{x1:.1f}" y1="{y}" x2="{x2:.1f}" y2="{y}" '
                       f'stroke="{color}"/>')
        cx = x1 if group.precision == "day" else (x1 + x2) / 2
        out.append(f'<circle class="overview-dot" cx="{cx:.1f}" cy="{y}" r="6" fill="{color}">'
                   f"<title>{escape(group.label)}: {len(group.entries)} "
                   f"entr{'y' if len(group.entries) == 1 else 'ies'}</title></circle>")
    out.append("</svg>")
    return "\n".join(out)


class _Scale:
    """A calendar axis in pieces: a unit of width per month with entries, a sliver per quiet
    month, one year slot after another, and a break for each run of empty years."""

    BUSY, QUIET, BREAK = 1.0, 0.14, 1.1

    def __init__(self, groups: list[Group], left: float, right: float):
        self.busy: dict[int, set[int]] = {}
        years = set()
        for group in groups:
            start = date.fromisoformat(group.start)
            years.add(start.year)
            if group.precision in ("month", "week", "day"):
                self.busy.setdefault(start.year, set()).add(start.month)
        self.years = sorted(years)
        units, self.offsets, self.breaks_at = 0.0, {}, []
        for number, year in enumerate(self.years):
            if number and year - self.years[number - 1] > 1:
                self.breaks_at.append((units + self.BREAK / 2, year - self.years[number - 1] - 1))
                units += self.BREAK
            for month in range(1, 13):
                self.offsets[(year, month)] = units
                units += self.BUSY if month in self.busy.get(year, ()) else self.QUIET
        self.left, self.unit = left, (right - left) / units
        self.total = units
        self.breaks = [(left + at * self.unit, self._skipped(at, skipped))
                       for at, skipped in self.breaks_at]
        edges = [left] + [x for x, _ in self.breaks for x in (x - 12, x + 12)] + [right]
        self.pieces = list(zip(edges[::2], edges[1::2]))

    def _skipped(self, at: float, skipped: int) -> str:
        """The empty years a break stands for: "2013–2019", or "2013" alone."""
        first = next(year for year in reversed(self.years) if self.offsets[(year, 1)] < at) + 1
        return str(first) if skipped == 1 else f"{first}–{first + skipped - 1}"

    def x(self, day: date) -> float:
        if (day.year, day.month) not in self.offsets:
            day = date(self.years[-1], 12, 31) if day.year > self.years[-1] else date(
                self.years[0], 1, 1)
        width = self.BUSY if day.month in self.busy.get(day.year, ()) else self.QUIET
        days = (_next_month(day.year, day.month) - date(day.year, day.month, 1)).days
        fraction = (day.day - 1) / days
        return self.left + (self.offsets[(day.year, day.month)] + width * fraction) * self.unit


def _next_month(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1)


def _vertical(groups: list[Group]) -> str:
    out, y, previous = [], 30, None
    for group in groups:
        if previous is not None:
            gap_days = max(0, (date.fromisoformat(group.start)
                               - date.fromisoformat(previous.end)).days)
            gap = min(MAX_GAP, MIN_GAP + GAP_SCALE * math.log2(1 + gap_days / 30))
            if gap_days > BREAK_DAYS:
                out += _axis_break(y + gap / 2 - 4, (date.fromisoformat(group.start)
                                                     - date.fromisoformat(previous.start)).days)
            y += gap
        out_group, y = _group(group, y)
        out += out_group
        previous = group
    height = y + 20
    axis = f'<line class="axis" x1="{AXIS_X}" y1="16" x2="{AXIS_X}" y2="{height - 12}"/>'
    head = (f'<svg class="timeline" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
            f'aria-label="timeline" xmlns="http://www.w3.org/2000/svg">')
    return "\n".join([head, axis] + out + ["</svg>"])


def _axis_break(y: float, days: int) -> list[str]:
    years = days / 365.25
    words = f"{round(years)} years" if years >= 1.5 else f"{round(days / 30.4)} months"
    return [f'<rect x="{AXIS_X - 9}" y="{y - 7:.1f}" width="18" height="22" fill="#fff"/>',
            f'<path class="break" d="M{AXIS_X - 9},{y:.1f} l18,-6 M{AXIS_X - 9},{y + 8:.1f} '
            f'l18,-6"/>',
            f'<text class="break-label" x="{AXIS_X + 18}" y="{y + 6:.1f}">{words} later</text>']


def _group(group: Group, top: float) -> tuple[list[str], float]:
    out = [f'<g class="group" data-value="{escape(group.value)}">',
           f'<text class="group-label" x="{LABEL_X}" y="{top + 5:.1f}" text-anchor="end">'
           f"{escape(group.label)}</text>"]
    if group.precision != "day":
        out.append(f'<text class="precision" x="{LABEL_X}" y="{top + 21:.1f}" '
                   f'text-anchor="end">{escape(group.precision)}</text>')
    out.append(f'<line class="tick" x1="{AXIS_X - 10}" y1="{top:.1f}" x2="{AXIS_X}" '
               f'y2="{top:.1f}"/>')
    y = top
    for entry in group.entries:
        lines, y_next = _entry(entry, y)
        out += lines
        last_mark = y
        y = y_next
    if group.precision != "day" and len(group.entries) > 1:
        color = COLORS.get(_group_modality(group), COLORS["asserted"])
        out.insert(2, f'<line class="span-bar" x1="{AXIS_X}" y1="{top:.1f}" x2="{AXIS_X}" '
                      f'y2="{last_mark:.1f}" stroke="{color}"/>')
    out.append("</g>")
    return out, y - ENTRY_GAP + 6


def _entry(entry: Entry, y: float) -> tuple[list[str], float]:
    kind = "quote" if entry.kind == "quote" else (entry.modality or "asserted")
    color = COLORS.get(kind, COLORS["asserted"])
    data = f'data-entry="{escape(entry.id)}"'
    out = [_mark(entry, y, color, data)]
    text_lines = []
    if entry.kind == "quote":
        words = f"“{entry.text}”" if entry.modality == "direct" else entry.text
        head = f"{entry.speaker or 'unattributed'}: "
        wrapped = textwrap.wrap(head + words, SUMMARY_CHARS + 6)[:4]
        if len(textwrap.wrap(head + words, SUMMARY_CHARS + 6)) > 4:
            wrapped[-1] = wrapped[-1].rstrip(" ,.;") + " …"
        text_lines += [("quote-text", line, LINE) for line in wrapped]
    else:
        text_lines += [("summary", line, LINE) for line in textwrap.wrap(entry.text, SUMMARY_CHARS)]
        text_lines += [("source", line, SMALL_LINE)
                       for line in textwrap.wrap(entry.sentence, SOURCE_CHARS)]
    label = [f'<text class="label" {data} x="{TEXT_X}" y="{y + 5:.1f}">']
    offset = 0.0
    for number, (css, line, height) in enumerate(text_lines):
        dy = 0 if number == 0 else height
        offset += dy
        label.append(f'<tspan class="{css}" x="{TEXT_X}" dy="{dy}">{escape(line)}</tspan>')
    label.append("</text>")
    out.append("".join(label))
    badge = _badge(entry)
    if badge:
        out.append(f'<text class="badge" x="{LABEL_X}" y="{y + (21 if offset else 5) + 16:.1f}" '
                   f'text-anchor="end" fill="{color}">{escape(badge)}</text>')
    return out, y + offset + LINE + ENTRY_GAP


def _mark(entry: Entry, y: float, color: str, data: str) -> str:
    tip = f"<title>{escape(entry.value or '')}: {escape(entry.text[:160])}</title>"
    if entry.kind == "quote":
        x = AXIS_X
        path = (f"M{x - 7},{y - 6:.1f} h14 a2,2 0 0 1 2,2 v7 a2,2 0 0 1 -2,2 h-8 l-4,4 v-4 h-2 "
                f"a2,2 0 0 1 -2,-2 v-7 a2,2 0 0 1 2,-2 z")
        return f'<path class="mark quote-mark" {data} d="{path}" fill="{color}">{tip}</path>'
    modality = entry.modality or "asserted"
    hollow = modality in ("planned", "possible", "negated")
    fill = "#fff" if hollow else color
    dash = ' stroke-dasharray="3 2"' if modality in ("planned", "possible") else ""
    return (f'<circle class="mark event-mark {escape(modality)}" {data} cx="{AXIS_X}" '
            f'cy="{y:.1f}" r="7" fill="{fill}" stroke="{color}" stroke-width="2.5"{dash}>'
            f"{tip}</circle>")


def _badge(entry: Entry) -> str:
    parts = []
    if entry.kind == "event" and entry.modality and entry.modality != "asserted":
        parts.append(entry.modality)
    if entry.place:
        parts.append(entry.place)
    return " · ".join(parts)


def _group_modality(group: Group) -> str:
    kinds = [e.modality or "asserted" for e in group.entries if e.kind == "event"]
    return kinds[0] if kinds else "quote"


def _undated(entries: list[Entry]) -> list[str]:
    events = [entry for entry in entries if entry.kind == "event"]
    if not events:
        return []
    out = ['<section class="undated">', "<h2>Undated events</h2>", "<ul>"]
    for entry in events:
        tag = f'<span class="tag">{escape(entry.modality)}</span>' \
            if entry.modality and entry.modality != "asserted" else ""
        vague = f'<span class="tag">{escape(entry.value)}</span>' if entry.value else ""
        out.append(f"<li><strong>{escape(entry.text)}</strong>{tag}{vague}"
                   f'<span class="src">“{escape(entry.sentence)}”</span></li>')
    out += ["</ul>", "</section>"]
    return out
