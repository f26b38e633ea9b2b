"""A dossier on a person or organization across the store: names, roles over time with their
sources, quotes, the events they take part in, and their stories.

Names match tolerantly: a full name or any alias, case and accents folded; else a surname or
part of a name ("Baldwin" finds Alec Baldwin when he is the only Baldwin); else a close
spelling. When several people or organizations fit, `AmbiguousName` lists them.
"""
from __future__ import annotations

import difflib
import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

from ..errors import StorylineError, UsageError
from ..store import Store, name_key
from ..store.entity_queries import entity_keys, surname_owners, voted_types

TYPES = ("PERSON", "ORG", "GROUP")
CLOSE_SPELLING = 0.85
# Longest part of a name quoted back in a message.
SHOWN_NAME = 80
# Longer is no one's name (and beyond SQLite's limit on a LIKE pattern, 50,000 bytes).
LONGEST_NAME = 300


class NameNotFound(StorylineError):
    exit_code = 3


class AmbiguousName(StorylineError):
    """Several people or organizations fit a name; the message lists them."""

    exit_code = 11

    def __init__(self, message: str, candidates: list["Candidate"]):
        super().__init__(message)
        self.candidates = candidates


@dataclass
class Candidate:
    key: str
    name: str
    type: str
    articles: int
    entity_pks: list[int] = field(default_factory=list, repr=False)


@dataclass
class Dossier:
    name: str
    type: str
    aliases: list[str]
    kinds: list[str]
    roles: list[dict]
    quotes: list[dict]
    events: list[dict]
    stories: list[dict]
    articles: int

    def to_json(self) -> dict:
        return {"schema": "storyline.stories.dossier/1", **asdict(self)}


def candidates(store: Store, name: str) -> list[Candidate]:
    """Who a name may mean, most mentioned first: a full name, else every entry it is an alias
    or a part of, else close spellings. Each name is typed by the store-wide vote over all its
    records (weighted by mentions); only people and organizations by that vote are candidates.
    A bare surname folds into a full name only in the stories where that person is the only
    full name ending with it."""
    wanted = name_key(name)
    if not wanted:
        return []
    db = store.connection
    marks = ",".join("?" * len(TYPES))
    query = ("SELECT DISTINCT e.pk, e.key, e.name, e.type, e.article_pk, a.story_id "
             "FROM entity_names n JOIN entities e ON e.pk = n.entity_pk "
             "JOIN articles a ON a.pk = e.article_pk WHERE ")
    rows = []
    if " " in wanted:  # the full name, with its bare surname in the stories it owns
        where, params = entity_keys(db, wanted).where()
        rows = db.execute(query + where, params).fetchall()
    if not rows:  # an alias or a part of names: every one it may stand for
        word = _like_literal(wanted)  # "_" in a name is an underscore, not any character
        rows = db.execute(query + "(n.name_key = ? OR n.name_key LIKE ? ESCAPE '\\' OR "
                          "n.name_key LIKE ? ESCAPE '\\' OR n.name_key LIKE ? ESCAPE '\\')",
                          (wanted, f"{word} %", f"% {word}", f"% {word} %")).fetchall()
    types = voted_types(db, {row["key"] for row in rows})
    rows = [row for row in rows if types[row["key"]] in TYPES]
    if not rows:
        keys = [row[0] for row in db.execute(
            f"SELECT DISTINCT name_key FROM entity_names n JOIN entities e ON e.pk = n.entity_pk "
            f"WHERE e.type IN ({marks})", TYPES)]
        close = difflib.get_close_matches(wanted, keys, n=5, cutoff=CLOSE_SPELLING)
        if close:
            rows = db.execute(query + f"n.name_key IN ({','.join('?' * len(close))})",
                              close).fetchall()
            types = voted_types(db, {row["key"] for row in rows})
            rows = [row for row in rows if types[row["key"]] in TYPES]
    groups: dict[str, list] = defaultdict(list)
    for row in rows:
        groups[row["key"]].append(row)
    for key in [k for k in groups if " " not in k and types[k] == "PERSON"]:
        owners = surname_owners(db, key, {row["story_id"] for row in groups[key]})
        kept = []
        for row in groups.pop(key):  # "baldwin" -> the one "... baldwin" of its story
            owner = owners.get(row["story_id"])
            (groups[owner] if owner in groups else kept).append(row)
        if kept:
            groups[key] = kept
    found = []
    for key, members in groups.items():
        names = Counter(row["name"] for row in members if name_key(row["name"]) == key)
        names = names or Counter(row["name"] for row in members)
        found.append(Candidate(key, names.most_common(1)[0][0], types[key],
                               len({row["article_pk"] for row in members}),
                               [row["pk"] for row in members]))
    return sorted(found, key=lambda c: (-c.articles, c.name))


def resolve(store: Store, name: str) -> Candidate:
    shown = _shown(name)
    if not any(ch.isalnum() for ch in name_key(name)):
        raise UsageError(f"{shown} is not a name: give a name, alias or surname (letters)")
    if len(name) > LONGEST_NAME:
        raise UsageError(f"{shown} is too long for a name (at most {LONGEST_NAME} characters)")
    found = candidates(store, name)
    if not found:
        raise NameNotFound(f"no person or organization called {shown} in {store.path}")
    if len(found) > 1:
        listed = "; ".join(f"{c.name} ({c.type.lower()}, {c.articles} article"
                           f"{'s' if c.articles != 1 else ''})" for c in found[:10])
        raise AmbiguousName(f"{shown} may mean {len(found)} different entries: {listed}. "
                            f"Give the full name.", found)
    return found[0]


def _like_literal(text: str) -> str:
    """`text` matched as itself by ``LIKE ... ESCAPE '\\'``."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _shown(name: str) -> str:
    """A name quoted in a one-line message: control characters escaped, a long one shortened."""
    if len(name) <= SHOWN_NAME:
        return repr(name)
    return f"{name[:SHOWN_NAME]!r}… ({len(name)} characters)"


def build(store: Store, name: str) -> Dossier:
    """The dossier for the one person or organization a name designates."""
    chosen = resolve(store, name)
    db = store.connection
    marks = ",".join("?" * len(chosen.entity_pks))
    rows = db.execute(
        f"SELECT e.pk, e.local_id, e.name, e.kind, e.descriptors, e.aliases, a.pk AS article_pk, "
        f"a.id AS article, a.published, a.story_id, s.name AS outlet FROM entities e "
        f"JOIN articles a ON a.pk = e.article_pk LEFT JOIN sources s ON s.id = a.source_id "
        f"WHERE e.pk IN ({marks}) ORDER BY a.published IS NULL, a.published, a.pk",
        chosen.entity_pks).fetchall()
    aliases: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    roles: dict[str, dict] = {}
    quotes, events = [], []
    for row in rows:
        aliases.update([row["name"], *json.loads(row["aliases"])])
        if row["kind"]:
            kinds[row["kind"]] += 1
        source = {"article": row["article"], "outlet": row["outlet"], "published": row["published"]}
        for role in json.loads(row["descriptors"]):
            entry = roles.setdefault(role.lower(), {"role": role, "first": row["published"],
                                                   "last": row["published"], "sources": []})
            entry["last"] = row["published"] or entry["last"]
            entry["sources"].append(source)
        quotes += [{"text": q["text"], "kind": q["kind"], "cue": q["cue"], **source}
                   for q in db.execute(
                       "SELECT text, kind, cue, speaker, speakers FROM quotes WHERE article_pk = ? "
                       "ORDER BY start", (row["article_pk"],))
                   if q["speaker"] == row["local_id"] or row["local_id"] in json.loads(q["speakers"])]
        events += [{"summary": e["summary"], "date": e["time_value"], "role": e["role"],
                    "modality": e["modality"], **source}
                   for e in db.execute(
                       "SELECT ev.summary, ev.time_value, ev.modality, p.role FROM events ev "
                       "JOIN participants p ON p.event_pk = ev.pk WHERE ev.article_pk = ? AND "
                       "p.entity = ? ORDER BY ev.start", (row["article_pk"], row["local_id"]))]
    story_counts = Counter(row["story_id"] for row in rows if row["story_id"] is not None)
    stories = []
    for story_id, count in story_counts.most_common():
        story = db.execute(
            "SELECT s.id, s.first_date, s.last_date, s.article_count, (SELECT headline FROM "
            "articles WHERE story_id = s.id AND headline IS NOT NULL ORDER BY published IS NULL, "
            "published, pk LIMIT 1) AS title FROM stories s WHERE s.id = ?", (story_id,)).fetchone()
        if story:
            stories.append({**dict(story), "mentioning_articles": count})
    return Dossier(chosen.name, chosen.type, [name for name, _ in aliases.most_common()],
                   [kind for kind, _ in kinds.most_common()],
                   sorted(roles.values(), key=lambda r: (r["first"] or "", r["role"])),
                   quotes, sorted(events, key=lambda e: (not _dated(e["date"]), e["date"] or "",
                                                  e["published"] or "")),
                   stories, len({row["article"] for row in rows}))


def _dated(value: str | None) -> bool:
    return bool(value) and value[:4].isdigit()


def render(dossier: Dossier, fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(dossier.to_json(), ensure_ascii=False, indent=2) + "\n"
    markdown = fmt == "md"
    head = (lambda text: f"\n## {text}\n") if markdown else (lambda text: f"\n{text.upper()}")
    bullet = "- " if markdown else "  "
    lines = [f"# {dossier.name}" if markdown else dossier.name,
             f"{dossier.type.lower()}"
             + (f" ({', '.join(dossier.kinds)})" if dossier.kinds else "")
             + f", in {dossier.articles} article{'s' if dossier.articles != 1 else ''}"]
    if len(dossier.aliases) > 1:
        lines.append(f"also: {', '.join(dossier.aliases[1:])}")
    lines.append(head("Roles over time"))
    for role in dossier.roles or [{"role": "(none described)", "first": None, "last": None,
                                   "sources": []}]:
        when = role["first"] if role["first"] == role["last"] else f"{role['first']} to {role['last']}"
        outlets = ", ".join(sorted({s["outlet"] or s["article"] for s in role["sources"]}))
        lines.append(f"{bullet}{role['role']}" + (f" ({when}; {outlets})" if role["sources"] else ""))
    lines.append(head(f"Quotes ({len(dossier.quotes)})"))
    lines += [f"{bullet}“{q['text']}” ({q['published'] or 'undated'}, {q['outlet'] or q['article']})"
              for q in dossier.quotes]
    lines.append(head(f"Events ({len(dossier.events)})"))
    lines += [f"{bullet}{e['date'] or 'undated'}: {e['summary']} [{e['role']}] "
              f"({e['outlet'] or e['article']})" for e in dossier.events]
    lines.append(head(f"Stories ({len(dossier.stories)})"))
    lines += [f"{bullet}story {s['id']}: {s['title'] or '(untitled)'} ({s['first_date'] or '?'} "
              f"to {s['last_date'] or '?'}, {s['article_count']} articles)" for s in dossier.stories]
    return "\n".join(lines) + "\n"
