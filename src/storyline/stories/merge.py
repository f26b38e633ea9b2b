"""A story's merged timeline: what its articles report, one entry per event, every source kept.

Each dated event of each article is a *report*. Reports become one entry when they tell the same
event: the same kind of trigger (verb forms and near-synonyms folded, `vocab/stories.py`), shared
participants (entities matched by name across articles, a person also by surname) or, lacking
those, much of the same wording, and compatible dates: dates of different precision agree when
one contains the other ("April 2023" and "April 20, 2023"), and the entry takes the finer one.
Never an exact string alone.

Disagreements stay visible, each with both sides' sources (dates, contradictions, reversals,
figures: `conflicts.py` finds them). Nothing later erases anything earlier.

Wire copies (`copies.py`: the same report reprinted by another outlet) count once: a copy's
reports join the entries and add its outlet to their sources, but an entry's number of sources,
a day's weight and the key dates count report groups (an original with its copies), never
copies, and no conflict is ever drawn between a copy and its own original.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from ..errors import StorylineError
from ..record import Article
from .clustering import words
# `Conflict` is defined with the conflict finders and still imported from here.
from .conflicts import Conflict, date_conflict, figure_conflicts, negation_conflict, opposites
from .copies import copy_map, groups_of
from .titles import story_title
from ..store import Store, name_key
from ..report.timeline import PRECISIONS, calendar_of, label_of
from ..vocab.stories import IRREGULAR_VERBS, TRIGGER_FAMILIES

SCHEMA_ID = "storyline.story/1"
# The largest id an SQLite INTEGER PRIMARY KEY can hold.
MAX_STORY_ID = 2**63 - 1
# How alike two reports' wording must be (Jaccard of content words) to be one event without
# shared participants, and to call two explicit dates a conflict rather than two events.
SAME_WORDING = 0.35
SAME_EVENT_FOR_CONFLICT = 0.4
# A day's weight counts each article that names it from a later day once, an article that names
# it on the day itself (or undated) SAME_DAY, and each article published on it COVERAGE. A day
# that later reports look back to is what a story's timeline keeps (the date-reference cue of
# timeline summarization); same-day naming is half of that: its news, not yet its history.
# SAME_DAY was chosen on Timeline17 under folds by topic family (every fold chose it) and on
# all topics; COVERAGE by hand (docs/benchmarks.md).
SAME_DAY = 0.5
COVERAGE = 0.1
KEY_DATES = 10
# Key developments that open a story: its heaviest days, each with its best entry.
KEY_DEVELOPMENTS = 5
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
    copy_of: str | None = None       # the original's id when this article is a wire copy

    @property
    def group(self) -> str:
        """The report group: the original's id for a copy, the article's own id otherwise."""
        return self.copy_of or self.article


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
    def originals(self) -> list[str]:
        """The distinct reports behind the entry: copies count with their original."""
        return list(dict.fromkeys(report.group for report in self.reports))

    @property
    def copies(self) -> list[str]:
        return list(dict.fromkeys(r.article for r in self.reports if r.copy_of is not None))

    @property
    def first_reported(self) -> str | None:
        return min((r.published for r in self.reports if r.published), default=None)

    def to_json(self) -> dict:
        record = {key: value for key, value in asdict(self).items()
                  if key not in ("family", "keys", "wording")}
        record["sources"] = len(self.originals)
        record["copies"] = len(self.copies)
        record["first_reported"] = self.first_reported
        return record


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
    # Each wire copy's id -> its original's id.
    copies: dict[str, str] = field(default_factory=dict, repr=False)
    kind: str = "story"              # or "thread": the merged timeline of a thread's stories

    @property
    def heading(self) -> str:
        """"Story 3" or "Thread 3", as its renderings name it."""
        return f"{self.kind.capitalize()} {self.story}"

    def to_json(self) -> dict:
        named = {"story": self.story} if self.kind == "story" else \
            {self.kind: self.story, "story": None}
        return {"schema": SCHEMA_ID, **named, "title": self.title,
                "since": self.since, "articles": self.articles,
                "key_developments": [asdict(development) for development
                                     in self.key_developments(KEY_DEVELOPMENTS)],
                "copy_groups": self.copy_groups(),
                "key_dates": [{"date": day, "weight": round(weight, 2),
                               "sources": len(self.attested.get(day, ())),
                               "published": self.published_on.get(day, 0)}
                              for day, weight in self.key_dates(KEY_DATES)],
                "entries": [entry.to_json() for entry in self.entries],
                "conflicts": [conflict.to_json() for conflict in self.conflicts],
                "undated_reports": self.undated}

    def date_scores(self) -> dict[str, float]:
        """Each day's weight: the sources that name it (those looking back to it count most),
        plus a little for the day's coverage."""
        return {day: day_weight(evidence, SAME_DAY, COVERAGE)
                for day, evidence in self.day_evidence().items()}

    def day_evidence(self) -> dict[str, tuple[int, int, int]]:
        """Per day: (sources naming it published later, sources naming it on the day or
        undated, articles published on it)."""
        published = {a["id"]: (a["published"] or "")[:10] for a in self.articles}
        evidence = {}
        for day in set(self.attested) | set(self.published_on):
            groups = self.attested.get(day, ())
            later = sum(1 for group in groups if published.get(group, "") > day)
            evidence[day] = (later, len(groups) - later, self.published_on.get(day, 0))
        return evidence

    def key_dates(self, count: int) -> list[tuple[str, float]]:
        """The `count` heaviest days, heaviest first (ties: the earlier day)."""
        return sorted(self.date_scores().items(), key=lambda item: (-item[1], item[0]))[:count]

    def key_developments(self, count: int) -> list["KeyDevelopment"]:
        """The `count` heaviest days, in calendar order (they are read as a story), each with
        its best entry (the one with most sources; ties: the most reports, then the earlier
        entry), or, when no event is dated that day, the headline of the first report
        published on it."""
        by_day: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            if entry.precision == "day":
                by_day[entry.start].append(entry)
        found = []
        for day, weight in sorted(self.key_dates(count)):
            calendar = calendar_of(day)
            label = label_of(calendar[0], calendar[1], calendar[2]) if calendar else day
            best = min(by_day.get(day, ()), default=None,
                       key=lambda e: (-len(e.originals), -len(e.reports), e.start, e.id))
            if best is not None:
                found.append(KeyDevelopment(
                    day, label, round(weight, 2), _one_line(best), len(best.originals),
                    list(dict.fromkeys(r.outlet for r in best.reports if r.outlet)), best.id))
                continue
            published = [a for a in self.articles if (a["published"] or "")[:10] == day]
            first = next((a for a in published if a["headline"] and not a["copy_of"]), None)
            found.append(KeyDevelopment(
                day, label, round(weight, 2), first["headline"] if first else None,
                sum(not a["copy_of"] for a in published),
                list(dict.fromkeys(a["outlet"] for a in published if a["outlet"])), None))
        return found

    def copy_groups(self) -> list[dict]:
        """Each reprinted report with its copies: ids and outlets, original first."""
        order = [a["id"] for a in self.articles]
        outlet = {a["id"]: a["outlet"] for a in self.articles}
        return [{"original": group.original, "copies": len(group.articles),
                 "articles": group.articles,
                 "outlets": list(dict.fromkeys(outlet[a] or a for a in group.articles
                                               if a in outlet))}
                for group in groups_of(self.copies, order)]


@dataclass
class KeyDevelopment:
    """A key date and its one-line summary (`entry`: the entry it comes from, if any)."""

    date: str
    label: str
    weight: float
    summary: str | None
    sources: int
    outlets: list[str]
    entry: str | None


# A key development's line: the event's summary when it says enough, else its sentence, cut.
SUMMARY_WORDS = 6
LINE_CHARS = 160


def day_weight(evidence: tuple[int, int, int], same_day: float, coverage: float) -> float:
    later, same, published = evidence
    return later + same_day * same + coverage * published


def _one_line(entry: "Entry") -> str:
    """What a key date's line says: the entry's summary, or, when that is a bare clause ("State
    health officials said"), the sentence of its first report, cut at a word."""
    if len(entry.summary.split()) >= SUMMARY_WORDS or not entry.reports:
        return entry.summary
    sentence = entry.reports[0].sentence
    if len(sentence) <= LINE_CHARS:
        return sentence
    return sentence[:LINE_CHARS].rsplit(" ", 1)[0] + "…"

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
          title: str | None = None, since: str | None = None,
          copies: dict[str, str] | None = None, kind: str = "story") -> StoryTimeline:
    """Merge the articles' dated events into one timeline (articles oldest first); `copies`:
    each wire copy's id -> its original's id (`copies.copy_map`)."""
    copies = copies or {}
    entries: list[Entry] = []
    conflicts: list[Conflict] = []
    by_family: dict[str, list[Entry]] = defaultdict(list)
    family_of, contradicted, undated = families(), set(), 0
    for article in articles:
        for event in article.events:
            report, keys = _report(article, event, outlets.get(article.id))
            report.copy_of = copies.get(article.id)
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
                conflict = date_conflict(clash, report,
                                         label_of(calendar[0], calendar[1], calendar[2]),
                                         conflicts)
                if conflict is not None:
                    conflicts.append(conflict)
            elif entry.id not in contradicted and report.group not in entry.originals:
                conflict = negation_conflict(entry, report)
                if conflict is not None:
                    contradicted.add(entry.id)
                    conflicts.append(conflict)
            _add(entry, report, calendar, keys, wording, narrow=clash is None)
    conflicts += opposites(entries) + figure_conflicts(articles, outlets, copies)
    attested, published_on = _days(articles, entries, copies)
    entries.sort(key=lambda e: (e.start, PRECISIONS.index(e.precision), e.first_reported or "",
                                e.id))
    first = articles[0] if articles else None
    timeline = StoryTimeline(
        story, title or (first.headline if first and first.headline else "(untitled story)"),
        [{"id": a.id, "headline": a.headline, "outlet": outlets.get(a.id),
          "published": a.published.value if a.published else None,
          "copy_of": copies.get(a.id)} for a in articles],
        entries, conflicts, undated, since, attested, published_on, dict(copies), kind)
    return _since(timeline, since) if since else timeline


def _days(articles: list[Article], entries: list[Entry],
          copies: dict[str, str]) -> tuple[dict[str, set[str]], dict]:
    """Which report groups name each day, and how many originals were published on it (a wire
    copy adds nothing to its original's weight)."""
    attested: dict[str, set[str]] = defaultdict(set)
    published_on: dict[str, int] = defaultdict(int)
    for article in articles:
        group = copies.get(article.id, article.id)
        for expression in article.times:
            calendar = calendar_of(expression.value)
            if calendar and calendar[1] == "day":
                attested[calendar[0]].add(group)
        if article.published and calendar_of(article.published.value) and group == article.id:
            published_on[article.published.value[:10]] += 1
    for entry in entries:
        if entry.precision == "day":
            attested[entry.start].update(r.group for r in entry.reports
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
        alike = jaccard(wording, entry.wording)
        shared = bool(keys & entry.keys)
        if not (shared or alike >= SAME_WORDING):
            continue
        score = alike + shared
        if entry.start <= calendar[3].isoformat() and calendar[2].isoformat() <= entry.end:
            if score > best_score:
                best, best_score = entry, score
        elif (shared and alike >= SAME_EVENT_FOR_CONFLICT and report.basis != "published"
              and report.group not in entry.originals
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


def jaccard(first: set[str], second: set[str]) -> float:
    """How alike two word sets are: shared words over all words (0.0 if either is empty)."""
    return len(first & second) / len(first | second) if first and second else 0.0


def story_timeline(store: Store, story_id: int, since: str | None = None) -> StoryTimeline:
    """The merged timeline of a stored story (its articles oldest first)."""
    # Ids start at 1; one beyond SQLite's integers cannot even be looked up.
    articles = store.story_articles(story_id) if 0 < story_id <= MAX_STORY_ID else []
    if not articles:
        raise StoryNotFound(f"no story {story_id} in {store.path}; see `storyline stories`")
    return build(articles, outlets_of(store, articles), story_id, since=since,
                 title=story_title(store.connection, story_id),
                 copies=copy_map(store.connection, [story_id]))


def outlets_of(store: Store, articles: list[Article]) -> dict[str, str | None]:
    """Each article's outlet, or, for one without a web address, its file name (and line)."""
    return {article.id: store.outlet(article.id) or _file_name(article.source.location)
            for article in articles}


def _file_name(location: str | None) -> str | None:
    return location.replace("\\", "/").rsplit("/", 1)[-1] if location else None


class StoryNotFound(StorylineError):
    exit_code = 3
