"""`storyline stories`, `storyline story ID` and `storyline dossier NAME`: reading the store.

Each view has one data function (`stories.summaries`, `merge.story_timeline`, `dossier.build`);
the formats here only render what it returns.
"""
from __future__ import annotations

import argparse
import json
import re
import textwrap
from html import escape
from pathlib import Path

from ..stories import dossier as dossiers
from ..errors import InputNotFound, UsageError
from ..stories.merge import KEY_DEVELOPMENTS, Entry, KeyDevelopment, StoryTimeline, story_timeline
from ..stories.listing import summaries
from ..store import DEFAULT_PATH, Store
from .options import count, since_date


def add_parser(commands) -> None:
    listing = commands.add_parser(
        "stories", help="list the stories in the store",
        description="The stories ingested articles were grouped into, most recent first: title, "
                    "span of dates, article count, main people.")
    listing.add_argument("--limit", type=int, help="only the N most recent stories")
    listing.add_argument("--search", metavar="WORDS",
                         help="only stories with an article matching these words (full text)")
    listing.add_argument("--format", choices=("table", "md", "json"), default="table",
                         help="json lists each story with the ids of its articles")
    _add_db(listing)
    listing.set_defaults(run=run_stories)

    story = commands.add_parser(
        "story", help="one story's merged timeline, every source kept",
        description="The story's events merged across its articles, each with all its sources "
                    "(outlet and sentence); conflicting dates, contradictions and reversals are "
                    "flagged with both sides.")
    story.add_argument("id", type=int, help="story id (see `storyline stories`)")
    story.add_argument("--since", metavar="DATE",
                       help="only what was first reported, or got a new source, on or after DATE")
    story.add_argument("--format", choices=("table", "md", "json", "html"), default="table")
    _add_db(story)
    story.set_defaults(run=run_story)

    dossier = commands.add_parser(
        "dossier", help="a person or organization across all stories",
        description="Aliases, roles over time with sources, quotes, events and stories of one "
                    "person or organization. A surname is enough when only one person has it; "
                    "otherwise the candidates are listed (exit code 11).")
    dossier.add_argument("name", nargs="+", help="a name, alias or surname")
    dossier.add_argument("--format", choices=("table", "md", "json"), default="table")
    _add_db(dossier)
    dossier.set_defaults(run=run_dossier)


def _add_db(command: argparse.ArgumentParser) -> None:
    command.add_argument("--db", default=DEFAULT_PATH, metavar="FILE",
                         help=f"the store (default: {DEFAULT_PATH})")


def _open(path: str) -> Store:
    if not Path(path).exists():
        raise InputNotFound(f"{path}: no store here; create it with `storyline ingest ... --db {path}`")
    return Store(path)


def run_stories(args: argparse.Namespace) -> int:
    count(args.limit, "--limit")
    if args.search is not None:  # words are searched as words (`fts_query`), never as syntax
        if not re.search(r"\w", args.search):
            raise UsageError(f"--search {args.search!r} has no words to search for")
        if args.search.count('"') % 2:
            raise UsageError(f"--search {args.search!r} has an unpaired quote mark; give words "
                             "(quote marks are not needed)")
    with _open(args.db) as store:
        found = summaries(store, args.limit, args.search)
    print_listing(found, args.format, ("storyline.stories.clustering/1", "stories"), "story",
                  [("articles", "ARTS", "article_count")], 58)
    return 0


def print_listing(found: list[dict], fmt: str, schema: tuple[str, str], noun: str,
                  counts: list[tuple[str, str, str]], title_width: int) -> None:
    """Stories or threads as json (`schema`: its name and the list's key), md or a table: id,
    title, dates, the `counts` columns (md header, table header, field) and people."""
    if fmt == "json":
        print(json.dumps({"schema": schema[0], schema[1]: found}, ensure_ascii=False, indent=2))
        return
    if fmt == "md":
        heads = " | ".join(head for head, _, _ in counts)
        print(f"| {noun} | title | dates | {heads} | people |\n" + "|---" * (len(counts) + 4)
              + "|")
        for row in found:
            cells = " | ".join(str(row[field]) for _, _, field in counts)
            print(f"| {row['id']} | {row['title']} | {_span(row)} | {cells} | "
                  f"{', '.join(row['people'])} |")
        return
    print(f"{'ID':>5}  {'DATES':<23}  " + "".join(f"{label}  " for _, label, _ in counts)
          + f"{'TITLE':<{title_width}}  PEOPLE")
    for row in found:
        print(f"{row['id']:>5}  {_span(row):<23}  "
              + "".join(f"{row[field]:>{len(label)}}  " for _, label, field in counts)
              + f"{textwrap.shorten(row['title'], title_width):<{title_width}}  "
              f"{', '.join(row['people'])}")


def run_story(args: argparse.Namespace) -> int:
    since_date(args.since)
    with _open(args.db) as store:
        timeline = story_timeline(store, args.id, args.since)
        urls = {row[0]: row[1] for row in store.connection.execute(
            "SELECT id, url FROM articles WHERE story_id = ?", (args.id,))}
    print(render_story(timeline, args.format, urls), end="" if args.format == "html" else "\n")
    return 0


def render_story(timeline: StoryTimeline, fmt: str, urls: dict[str, str | None]) -> str:
    """A merged timeline (a story's or a thread's) as `fmt`: table, md, json or html."""
    if fmt == "json":
        return json.dumps(timeline.to_json(), ensure_ascii=False, indent=2)
    if fmt == "md":
        return _markdown(timeline)
    if fmt == "table":
        return _table(timeline)
    if fmt == "html":
        return _html(timeline, urls)
    raise UsageError(f"--format {fmt!r}: choose table, md, json or html")


def run_dossier(args: argparse.Namespace) -> int:
    with _open(args.db) as store:
        print(dossiers.render(dossiers.build(store, " ".join(args.name)), args.format), end="")
    return 0


def _span(story: dict) -> str:
    first, last = story["first_date"] or "?", story["last_date"] or "?"
    return first if first == last else f"{first} to {last}"


def _heading(timeline: StoryTimeline) -> list[str]:
    dates = sorted(a["published"] for a in timeline.articles if a["published"])
    outlets = sorted({a["outlet"] for a in timeline.articles if a["outlet"]})
    count = len(timeline.articles)
    span = "" if not dates else f", {dates[0][:10]}" if dates[0][:10] == dates[-1][:10] \
        else f", {dates[0][:10]} to {dates[-1][:10]}"
    lines = [f"{count} article{'' if count == 1 else 's'}{span}"
             + (f"; outlets: {', '.join(outlets)}" if outlets else "")]
    if timeline.since:
        lines.append(f"What is new since {timeline.since}: {len(timeline.entries)} entries, "
                     f"{len(timeline.conflicts)} conflicts.")
    return lines


def _copy_lines(timeline: StoryTimeline) -> list[str]:
    """One line per reprinted report: "N copies: outlet, outlet" and the original's headline."""
    headline = {a["id"]: a["headline"] for a in timeline.articles}
    return [f"{group['copies']} copies: {', '.join(group['outlets'])}"
            + (f" (“{headline[group['original']]}”)" if headline.get(group["original"]) else "")
            for group in timeline.copy_groups()]


def _development(development: KeyDevelopment) -> str:
    plural = "s" if development.sources != 1 else ""
    copies = len(development.outlets) - development.sources  # outlets of reprints beyond them
    told = f"{development.sources} source{plural}" + (
        f", {copies} cop{'ies' if copies != 1 else 'y'}" if copies > 0 else "") + (
        f": {', '.join(development.outlets)}" if development.outlets else "")
    return f"{development.summary or '(no summary)'} ({told})"


def _source(report, with_value: bool = False) -> str:
    where = (report.outlet or report.article) + (" (copy)" if report.copy_of else "")
    given = f" [says {report.value}]" if with_value else ""
    return f"{where}, {report.published or 'undated'}{given}: “{report.sentence}”"


def _flag(entry: Entry) -> str:
    sources, copies = len(entry.originals), len(entry.copies)
    parts = [f"{sources} source{'s' if sources != 1 else ''}"]
    if copies:
        parts.append(f"{copies} cop{'ies' if copies != 1 else 'y'}")
    if entry.modality and entry.modality != "asserted":
        parts.append(entry.modality)
    if entry.status:
        parts.append(entry.status.upper())
    return f" ({', '.join(parts)})"


def _markdown(timeline: StoryTimeline) -> str:
    lines = [f"# {timeline.heading}: {timeline.title}", "", *_heading(timeline)]
    lines += [f"- {line}" for line in _copy_lines(timeline)]
    developments = timeline.key_developments(KEY_DEVELOPMENTS)
    if developments:
        lines += ["", "## Key developments", ""]
        lines += [f"- **{d.label}**: {_development(d)}" for d in developments]
    if timeline.conflicts:
        lines += ["", "## Conflicts", ""]
        for conflict in timeline.conflicts:
            lines.append(f"- **{conflict.kind}**: {conflict.description}")
            lines += [f"  - {_source(r, True)}" for r in conflict.reports]
    lines += ["", "## Timeline", ""]
    for entry in timeline.entries:
        lines.append(f"- **{entry.label}**: {entry.summary}{_flag(entry)}")
        lines += [f"  - {_source(r, r.value != entry.value)}" for r in entry.reports]
    if not timeline.entries:
        lines.append("(no dated events)")
    return "\n".join(lines) + "\n"


def _table(timeline: StoryTimeline, width: int = 110) -> str:
    rule = "-" * width
    lines = [f"{timeline.heading}: {timeline.title}", *_heading(timeline),
             *_copy_lines(timeline), rule]
    developments = timeline.key_developments(KEY_DEVELOPMENTS)
    if developments:
        lines.append("Key developments")
        for development in developments:
            lines += textwrap.wrap(f"{development.label:<18}  {_development(development)}", width,
                                   initial_indent="  ", subsequent_indent=" " * 22)
        lines.append(rule)
    for conflict in timeline.conflicts:
        lines += textwrap.wrap(f"! {conflict.kind.upper()}: {conflict.description}", width)
        for report in conflict.reports:
            lines += textwrap.wrap(_source(report, True), width, initial_indent="    ",
                                   subsequent_indent="      ")
    if timeline.conflicts:
        lines.append(rule)
    for entry in timeline.entries:
        lines += textwrap.wrap(f"{entry.label:<18}  {entry.summary}{_flag(entry)}", width,
                               subsequent_indent=" " * 20)
        for report in entry.reports:
            lines += textwrap.wrap(_source(report, report.value != entry.value), width,
                                   initial_indent=" " * 22, subsequent_indent=" " * 24)
    if not timeline.entries:
        lines.append("(no dated events)")
    return "\n".join(lines)


def _html(timeline: StoryTimeline, urls: dict[str, str | None]) -> str:
    """The timeline page (`timeline_html`), with every entry's sources and the conflicts."""
    from ..report.timeline import Entry as PageEntry, Group, Timeline
    from ..report.timeline_html import render_html

    groups: dict[str, Group] = {}
    for entry in timeline.entries:
        first = entry.reports[0]
        group = groups.setdefault(entry.value, Group(entry.value, entry.precision, entry.label,
                                                     entry.start, entry.end))
        group.entries.append(PageEntry(
            "event", entry.id, entry.summary + _flag(entry),
            f"{first.sentence} ({first.outlet or first.article})", (0, 0), entry.value,
            first.basis, entry.modality, entry.trigger))
    dates = sorted(a["published"][:10] for a in timeline.articles if a["published"])
    span = (dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}") if dates else None
    page = render_html(Timeline(f"{timeline.kind}-{timeline.story}", timeline.title, span,
                                list(groups.values())))

    def source(report) -> str:
        url = urls.get(report.article)
        where = escape(report.outlet or report.article)
        where = f'<a href="{escape(url)}">{where}</a>' if url else where
        return (f"<li>{where}, {escape(report.published or 'undated')} "
                f"<span class=\"tag\">{escape(report.value)}</span><span class=\"src\">"
                f"“{escape(report.sentence)}”</span></li>")

    opening = [f'<p class="meta">{escape(" ".join(_heading(timeline)))}</p>']
    opening += [f'<p class="meta copies">{escape(line)}</p>' for line in _copy_lines(timeline)]
    developments = timeline.key_developments(KEY_DEVELOPMENTS)
    if developments:
        opening.append('<h2>Key developments</h2><ol class="key-developments">')
        opening += [f"<li><b>{escape(d.label)}</b>: "
                    + (f'<a href="#{escape(d.entry)}">{escape(_development(d))}</a>' if d.entry
                       else escape(_development(d))) + "</li>" for d in developments]
        opening.append("</ol>")
    page = page.replace("</h1>\n", "</h1>\n" + "\n".join(opening) + "\n", 1)
    parts = []
    if timeline.conflicts:
        parts.append("<h2>Conflicts</h2><ul class=\"undated\">")
        parts += [f"<li><b>{escape(c.kind)}</b>: {escape(c.description)}<ul>"
                  + "".join(source(r) for r in c.reports) + "</ul></li>" for c in timeline.conflicts]
        parts.append("</ul>")
    parts.append("<h2>Entries and their sources</h2><ul class=\"undated\">")
    parts += [f"<li id=\"{entry.id}\"><b>{escape(entry.label)}</b>: {escape(entry.summary)}"
              f"{escape(_flag(entry))}<ul>" + "".join(source(r) for r in entry.reports)
              + "</ul></li>" for entry in timeline.entries]
    parts.append("</ul>")
    return page.replace("</main></body>", "\n".join(parts) + "\n</main></body>", 1)
