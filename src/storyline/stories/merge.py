"""A story's merged timeline: what its articles report, one entry per event, every source kept.

Each dated event of each article is a *report*. Reports become one entry when they tell the same
event: the same kind of trigger (verb forms and near-synonyms folded, `vocab/stories.py`), shared
participants (entities matched by name across articles, a person also by surname) or, lacking
those, much of the same wording, and compatible dates: dates of different precision agree when
one contains the other ("April 2023" and "April 20, 2023"), and the entry takes the finer one.
Never an exact string alone.

Disagreements stay visible, each with both sides' sources: two explicit dates that cannot both
hold for one event ("date"); one source saying an event happened and another that it did not
("contradiction", also for opposites like convicted/acquitted); a later event undoing an earlier
one ("reversal": charges dropped, then refiled); outlets giving different figures for the same
count on the same days ("figure", `figures.py`). Nothing later erases anything earlier.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from ..errors import StorylineError
from ..record import Article
from .clustering import words
from .figures import figure_disagreements
from ..store import Store, name_key
from ..report.timeline import PRECISIONS, calendar_of, label_of
from ..vocab.stories import CONTRADICTIONS, IRREGULAR_VERBS, REVERSALS, TRIGGER_FAMILIES

SCHEMA_ID = "storyline.story/1"
# The largest id an SQLite INTEGER PRIMARY KEY can hold.
MAX_STORY_ID = 2**63 - 1
# How alike two reports' wording must be (Jaccard of content words) to be one event without
# shared participants, and to call two explicit dates a conflict rather than two events.
SAME_WORDING = 0.35
SAME_EVENT_FOR_CONFLICT = 0.4
NEGATIVE = frozenset({"negated"})
# A day's weight counts each article naming it once, and each article published on it this much.
COVERAGE = 0.1
KEY_DATES = 10
# Event dates that come from a date in the event's own sentence or clause.
EXPLICIT_BASES = frozenset({"sentence", "clause"})


@dataclass
class Report:
    """One source's telling of an event: its article, outlet, sentence and date."""

    article: str
    outlet: str | None
    published: str | None
    sentence: str
    summary: str
    value: str
    basis: str | None
    modality: str | None
    trigger: str | None
    event: str


@dataclass
class Entry:
    id: str
    value: str
    precision: str
    label: str
    start: str
    end: str
    summary: str
    trigger: str | None
    participants: list[str]
    modality: str | None
    reports: list[Report] = field(default_factory=list)
    status: str | None = None        # with --since: "new", or "updated" (a new source)
    family: str = field(default="", repr=False)
    keys: set[str] = field(default_factory=set, repr=False)
    wording: set[str] = field(default_factory=set, repr=False)

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(report.article for report in self.reports))

    @property
    def first_reported(self) -> str | None:
        return min((r.published for r in self.reports if r.published), default=None)

    def to_json(self) -> dict:
        record = {key: value for key, value in asdict(self).items()
                  if key not in ("family", "keys", "wording")}
        record["sources"] = len(self.articles)
        record["first_reported"] = self.first_reported
        return record


@dataclass
class Conflict:
    kind: str                        # "date", "contradiction", "reversal" or "figure"
    description: str
    entries: list[str]
    reports: list[Report]
    status: str | None = None

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class StoryTimeline:
    story: int | None
    title: str
    articles: list[dict]
    entries: list[Entry]
    conflicts: list[Conflict]
    undated: int = 0
    since: str | None = None
    # Per day: the articles that name it (a day-precise date in the text or an event dated
    # there explicitly), and the articles published on it.
    attested: dict[str, set[str]] = field(default_factory=dict, repr=False)
    published_on: dict[str, int] = field(default_factory=dict, repr=False)

    def to_json(self) -> dict:
        return {"schema": SCHEMA_ID, "story": self.story, "title": self.title,
                "since": self.since, "articles": self.articles,
                "key_dates": [{"date": day, "weight": round(weight, 2),
                               "sources": len(self.attested.get(day, ())),
                               "published": self.published_on.get(day, 0)}
                              for day, weight in self.key_dates(KEY_DATES)],
                "entries": [entry.to_json() for entry in self.entries],
                "conflicts": [conflict.to_json() for conflict in self.conflicts],
                "undated_reports": self.undated}

    def date_scores(self) -> dict[str, float]:
        """Each day's weight: the sources that name it, plus a little for the day's coverage."""
        days = set(self.attested) | set(self.published_on)
        return {day: len(self.attested.get(day, ())) + COVERAGE * self.published_on.get(day, 0)
                for day in days}

    def key_dates(self, count: int) -> list[tuple[str, float]]:
        """The `count` heaviest days, heaviest first (ties: the earlier day)."""
        return sorted(self.date_scores().items(), key=lambda item: (-item[1], item[0]))[:count]


def lemma(word: str | None) -> str:
    """A verb form folded to a stem that its other forms share (dropped, drops -> drop)."""
    word = (word or "").lower().strip()
    if word in IRREGULAR_VERBS:
        return IRREGULAR_VERBS[word]
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                                ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2 and not word.endswith("ss"):
            word = word[:-len(suffix)] + replacement
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word[:-1] if len(word) >= 3 and word.endswith("e") else word


def families() -> dict[str, str]:
    """Each trigger stem of `TRIGGER_FAMILIES` to its family's head word."""
    return {lemma(member): head for head, members in TRIGGER_FAMILIES.items()
            for member in members}


def build(articles: list[Article], outlets: dict[str, str | None], story: int | None = None,
          title: str | None = None, since: str | None = None) -> StoryTimeline:
    """Merge the articles' dated events into one timeline (articles oldest first)."""
    entries: list[Entry] = []
    conflicts: list[Conflict] = []
    by_family: dict[str, list[Entry]] = defaultdict(list)
    family_of, contradicted, undated = families(), set(), 0
    for article in articles:
        for event in article.events:
            report, keys = _report(article, event, outlets.get(article.id))
            calendar = calendar_of(report.value) if report.value else None
            if calendar is None:
                undated += 1
                continue
            stem = lemma(event.trigger)
            family, wording = family_of.get(stem, stem), set(words(report.summary))
            entry, clash = _match(by_family[family], keys, wording, calendar, report)
            if entry is None and clash is None:
                entry = Entry(f"t{len(entries) + 1}", calendar[0], calendar[1],
                              label_of(calendar[0], calendar[1], calendar[2]),
                              calendar[2].isoformat(), calendar[3].isoformat(), report.summary,
                              event.trigger, _names(article, event), event.modality,
                              family=family, keys=set(keys), wording=set(wording))
                entries.append(entry)
                by_family[family].append(entry)
            elif clash is not None:
                entry = clash
                given = label_of(calendar[0], calendar[1], calendar[2])
                if not any(c.kind == "date" and c.entries == [clash.id] and c.reports[1].value
                           == report.value for c in conflicts):
                    conflicts.append(Conflict(
                        "date", f"sources give different dates for “{clash.summary}”: "
                                f"{clash.label} and {given}", [clash.id],
                        [_explicit(clash), report]))
            elif entry.id not in contradicted and report.article not in entry.articles:
                other = next((r for r in entry.reports
                              if (r.modality in NEGATIVE) != (report.modality in NEGATIVE)), None)
                if other is not None:
                    contradicted.add(entry.id)
                    conflicts.append(Conflict(
                        "contradiction", f"one source says “{entry.summary}” happened, another "
                                         f"that it did not", [entry.id], [other, report]))
            _add(entry, report, calendar, keys, wording, narrow=clash is None)
    conflicts += _opposites(entries) + _figure_conflicts(articles, outlets)
    attested, published_on = _days(articles, entries)
    entries.sort(key=lambda e: (e.start, PRECISIONS.index(e.precision), e.first_reported or "",
                                e.id))
    first = articles[0] if articles else None
    timeline = StoryTimeline(
        story, title or (first.headline if first and first.headline else "(untitled story)"),
        [{"id": a.id, "headline": a.headline, "outlet": outlets.get(a.id),
          "published": a.published.value if a.published else None} for a in articles],
        entries, conflicts, undated, since, attested, published_on)
    return _since(timeline, since) if since else timeline


def _days(articles: list[Article], entries: list[Entry]) -> tuple[dict[str, set[str]], dict]:
    """Which articles name each day, and how many were published on it."""
    attested: dict[str, set[str]] = defaultdict(set)
    published_on: dict[str, int] = defaultdict(int)
    for article in articles:
        for expression in article.times:
            calendar = calendar_of(expression.value)
            if calendar and calendar[1] == "day":
                attested[calendar[0]].add(article.id)
        if article.published and calendar_of(article.published.value):
            published_on[article.published.value[:10]] += 1
    for entry in entries:
        if entry.precision == "day":
            attested[entry.start].update(r.article for r in entry.reports
                                         if r.basis in EXPLICIT_BASES and
                                         r.value[:10] == entry.start)
    return dict(attested), dict(published_on)


def _report(article: Article, event, outlet: str | None) -> tuple[Report, set[str]]:
    sentence = " ".join(article.text[event.span[0]:event.span[1]].split())
    report = Report(article.id, outlet, article.published.value if article.published else None,
                    sentence, event.summary, event.time.value if event.time else "",
                    event.time.basis if event.time else None, event.modality, event.trigger,
                    event.id)
    keys = set()
    for participant in event.participants:
        entity = article.entity(participant.entity)
        if entity is None:
            continue
        key = name_key(entity.name)
        keys.add(key)
        if entity.type == "PERSON" and " " in key:
            keys.add(key.split()[-1])
    return report, keys - {""}


def _names(article: Article, event) -> list[str]:
    return [entity.name for entity in map(article.entity, (p.entity for p in event.participants))
            if entity is not None]


def _match(candidates: list[Entry], keys: set[str], wording: set[str], calendar,
           report: Report) -> tuple[Entry | None, Entry | None]:
    """The entry this report joins, or else one it clashes with on the date (or neither)."""
    best, best_score, clash = None, 0.0, None
    for entry in candidates:
        alike = _jaccard(wording, entry.wording)
        shared = bool(keys & entry.keys)
        if not (shared or alike >= SAME_WORDING):
            continue
        score = alike + shared
        if entry.start <= calendar[3].isoformat() and calendar[2].isoformat() <= entry.end:
            if score > best_score:
                best, best_score = entry, score
        elif (shared and alike >= SAME_EVENT_FOR_CONFLICT and report.basis != "published"
              and report.article not in entry.articles
              and any(r.basis != "published" for r in entry.reports)):
            clash = clash or entry
    return best, (None if best else clash)


def _add(entry: Entry, report: Report, calendar, keys: set[str], wording: set[str],
         narrow: bool) -> None:
    entry.reports.append(report)
    entry.keys |= keys
    entry.wording |= wording
    if narrow and PRECISIONS.index(calendar[1]) > PRECISIONS.index(entry.precision):
        entry.value, entry.precision = calendar[0], calendar[1]
        entry.label = label_of(calendar[0], calendar[1], calendar[2])
        entry.start, entry.end = calendar[2].isoformat(), calendar[3].isoformat()


def _opposites(entries: list[Entry]) -> list[Conflict]:
    """Reversals (dropped, then refiled) and contradictions (convicted / acquitted)."""
    by_stem: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_stem[lemma(entry.trigger)].append(entry)
    found = []
    for kind, pairs in (("reversal", REVERSALS), ("contradiction", CONTRADICTIONS)):
        for first_word, second_word in pairs:
            for first in by_stem.get(lemma(first_word), []):
                for second in by_stem.get(lemma(second_word), []):
                    if not (first.keys & second.keys or
                            _jaccard(first.wording, second.wording) >= SAME_WORDING / 2):
                        continue
                    if kind == "contradiction" and not (first.start <= second.end
                                                        and second.start <= first.end):
                        continue
                    earlier, later = sorted((first, second), key=lambda e: (e.start, e.id))
                    verb = "then" if kind == "reversal" else "versus"
                    found.append(Conflict(
                        kind, f"{earlier.trigger} ({earlier.label}) {verb} {later.trigger} "
                              f"({later.label}): “{earlier.summary}” / “{later.summary}”",
                        [earlier.id, later.id], [earlier.reports[0], later.reports[-1]]))
    return found


def _figure_conflicts(articles: list[Article], outlets: dict[str, str | None]) -> list[Conflict]:
    found = []
    for noun, sides in figure_disagreements(articles, outlets):
        told = " and ".join(f"{side.text} ({side.outlet or side.article})" for side in sides)
        found.append(Conflict("figure", f"sources give different figures for {noun}: {told}",
                              [], [Report(side.article, side.outlet, side.published,
                                          side.sentence, side.text, side.text, None, None, None,
                                          "") for side in sides]))
    return found


def _since(timeline: StoryTimeline, since: str) -> StoryTimeline:
    """Only what was first reported (or got a new source) on or after `since`."""
    kept = []
    for entry in timeline.entries:
        dates = [r.published for r in entry.reports if r.published]
        if entry.first_reported and entry.first_reported >= since:
            entry.status = "new"
        elif any(day >= since for day in dates):
            entry.status = "updated"
        if entry.status:
            kept.append(entry)
    conflicts = [c for c in timeline.conflicts
                 if any(r.published and r.published >= since for r in c.reports)]
    for conflict in conflicts:
        conflict.status = "new"
    timeline.entries, timeline.conflicts = kept, conflicts
    return timeline


def _explicit(entry: Entry) -> Report:
    return next((r for r in entry.reports if r.basis != "published"), entry.reports[0])


def _jaccard(first: set[str], second: set[str]) -> float:
    return len(first & second) / len(first | second) if first and second else 0.0


def story_timeline(store: Store, story_id: int, since: str | None = None) -> StoryTimeline:
    """The merged timeline of a stored story (its articles oldest first)."""
    # Ids start at 1; one beyond SQLite's integers cannot even be looked up.
    articles = store.story_articles(story_id) if 0 < story_id <= MAX_STORY_ID else []
    if not articles:
        raise StoryNotFound(f"no story {story_id} in {store.path}; see `storyline stories`")
    outlets = {article.id: store.outlet(article.id) or _short(article.source.location)
               for article in articles}
    return build(articles, outlets, story_id, since=since)


def _short(location: str | None) -> str | None:
    """Where an article without a web address came from: its file name (and line)."""
    return location.replace("\\", "/").rsplit("/", 1)[-1] if location else None


class StoryNotFound(StorylineError):
    exit_code = 3
