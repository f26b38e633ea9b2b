"""The one typed record that flows through every stage: an `Article` of plain dataclasses.

Every span is a half-open ``(start, end)`` pair of character offsets into `Article.text`,
the cleaned body. `Article.to_json()` gives the `storyline.article/1` contract record, and
`Article.from_json()` takes one back (a record stored as Parquet, say) without re-running anything.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA_ID = "storyline.article/1"

Span = tuple[int, int]

SOURCE_KINDS = ("text", "html", "url", "feed", "jsonl", "warc")
REMOVED_KINDS = (
    "headline", "byline", "dateline", "image_alt", "caption", "credit",
    "related", "advert", "navigation", "other",
)
ENTITY_TYPES = ("PERSON", "ORG", "PLACE", "WORK", "EVENT", "PRODUCT", "LAW", "GROUP", "OTHER")
PUBLISHED_BASES = ("metadata", "dateline", "user", "inferred")


@dataclass
class Source:
    kind: str = "text"
    location: str | None = None


@dataclass
class Removed:
    """A piece of the input set aside from the body, kept so nothing is silently lost."""

    kind: str
    text: str
    reason: str = ""
    # Where it stood in the raw input (not in `text`): the body no longer contains it.
    input_span: Span | None = None
    # Removed items may carry a date of their own (a teaser's date line).
    date: str | None = None


@dataclass
class Published:
    value: str
    basis: str
    confidence: float = 0.5
    evidence: str = ""


@dataclass
class Entity:
    id: str
    name: str
    type: str
    mentions: list[Span] = field(default_factory=list)
    kind: str | None = None
    descriptors: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


@dataclass
class TimeExpression:
    text: str
    span: Span
    type: str
    value: str
    # How sure the normalisation is; values that need an anchor we lack stay underspecified.
    anchor: str | None = None


@dataclass
class Quote:
    id: str
    text: str
    span: Span
    kind: str
    speaker: str | None = None
    speakers: list[str] = field(default_factory=list)
    speaker_text: str | None = None
    cue: str | None = None
    addressee: str | None = None
    time: str | None = None


@dataclass
class Participant:
    entity: str
    role: str = "other"


@dataclass
class EventTime:
    value: str
    span: Span | None = None
    basis: str = "sentence"


@dataclass
class Event:
    id: str
    summary: str
    span: Span
    time: EventTime | None = None
    trigger: str | None = None
    participants: list[Participant] = field(default_factory=list)
    place: str | None = None
    modality: str | None = None


@dataclass
class SkippedStage:
    """A stage that did not run on this article, and why (the English-only stages on a French
    article, say)."""

    stage: str
    reason: str


@dataclass
class Article:
    """One article as it moves through the pipeline.

    `raw` is what came in; `text` is the cleaned body once the cleaning stage has run.
    `doc` holds the spaCy parse of `text` between stages and is never serialised.
    """

    raw: str
    source: Source = field(default_factory=Source)
    id: str = ""
    headline: str | None = None
    byline: list[str] = field(default_factory=list)
    published: Published | None = None
    language: str = "en"
    skipped: list[SkippedStage] = field(default_factory=list)
    text: str = ""
    paragraphs: list[Span] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # What the caller knew beforehand (a JSONL record's headline and date, page metadata).
    given_headline: str | None = None
    given_published: str | None = None
    given_published_basis: str = "user"
    url: str | None = None
    warnings: list[str] = field(default_factory=list)
    doc: Any = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        """The `storyline.article/1` record, with JSON-ready values only."""
        return {
            "schema": SCHEMA_ID,
            "id": self.id or content_id(self.text or self.raw),
            "source": {"kind": self.source.kind, "location": self.source.location},
            "headline": self.headline,
            "byline": list(self.byline),
            "published": _published_json(self.published),
            "language": self.language,
            "skipped": [{"stage": item.stage, "reason": item.reason} for item in self.skipped],
            "text": self.text,
            "paragraphs": [list(span) for span in self.paragraphs],
            "removed": [_removed_json(item) for item in self.removed],
            "entities": [_entity_json(entity) for entity in self.entities],
            "times": [_time_json(expression) for expression in self.times],
            "quotes": [_quote_json(quote) for quote in self.quotes],
            "events": [_event_json(event) for event in self.events],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> "Article":
        """The `Article` a `storyline.article/1` record describes: ``from_json(r).to_json() == r``.
        What the contract does not carry comes back empty: `raw` is the body, `url` is None."""
        source = record.get("source") or {}
        published = record.get("published")
        return cls(
            raw=record["text"], source=Source(source.get("kind", "text"), source.get("location")),
            id=record["id"], headline=record.get("headline"), byline=list(record.get("byline", [])),
            published=Published(published["value"], published["basis"],
                                 published.get("confidence", 0.5), published.get("evidence", ""))
            if published else None,
            language=record.get("language", "en"),
            skipped=[SkippedStage(item["stage"], item["reason"])
                     for item in record.get("skipped", [])],
            text=record["text"], paragraphs=[_span(span) for span in record["paragraphs"]],
            removed=[Removed(item["kind"], item["text"], item.get("reason", ""), None,
                             item.get("date")) for item in record["removed"]],
            entities=[Entity(item["id"], item["name"], item["type"],
                             [_span(span) for span in item["mentions"]], item.get("kind"),
                             list(item.get("descriptors", [])), list(item.get("aliases", [])))
                      for item in record["entities"]],
            times=[TimeExpression(item["text"], _span(item["span"]), item["type"], item["value"],
                                  item.get("anchor")) for item in record["times"]],
            quotes=[Quote(item["id"], item["text"], _span(item["span"]), item["kind"],
                          item.get("speaker"), list(item.get("speakers", [])),
                          item.get("speaker_text"), item.get("cue"), item.get("addressee"),
                          item.get("time")) for item in record["quotes"]],
            events=[_event(item) for item in record["events"]],
            warnings=list(record.get("warnings", [])))

    def dumps(self, indent: int | None = None) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=indent)

    def entity(self, entity_id: str) -> Entity | None:
        return next((entity for entity in self.entities if entity.id == entity_id), None)


def content_id(text: str) -> str:
    """Stable id: a hash of the text with whitespace folded, so re-copies of one article agree."""
    folded = " ".join(text.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]


def _span(value) -> Span:
    start, end = value
    return (start, end)


def _event(item: dict[str, Any]) -> Event:
    time = item.get("time")
    return Event(item["id"], item["summary"], _span(item["span"]),
                 EventTime(time["value"], _span(time["span"]) if time.get("span") is not None else None,
                           time.get("basis", "sentence")) if time else None,
                 item.get("trigger"),
                 [Participant(p["entity"], p.get("role", "other"))
                  for p in item.get("participants", [])],
                 item.get("place"), item.get("modality"))


def _published_json(published: Published | None) -> dict[str, Any] | None:
    if published is None:
        return None
    record = {"value": published.value, "basis": published.basis,
              "confidence": round(published.confidence, 2)}
    if published.evidence:
        record["evidence"] = published.evidence
    return record


def _removed_json(item: Removed) -> dict[str, Any]:
    record: dict[str, Any] = {"kind": item.kind, "text": item.text}
    if item.reason:
        record["reason"] = item.reason
    if item.date:
        record["date"] = item.date
    return record


def _entity_json(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id, "name": entity.name, "type": entity.type, "kind": entity.kind,
        "descriptors": list(entity.descriptors), "aliases": list(entity.aliases),
        "mentions": [list(span) for span in entity.mentions],
    }


def _time_json(expression: TimeExpression) -> dict[str, Any]:
    record: dict[str, Any] = {"text": expression.text, "span": list(expression.span),
                              "type": expression.type, "value": expression.value}
    if expression.anchor:
        record["anchor"] = expression.anchor
    return record


def _quote_json(quote: Quote) -> dict[str, Any]:
    return {
        "id": quote.id, "text": quote.text, "span": list(quote.span), "kind": quote.kind,
        "speaker": quote.speaker, "speakers": list(quote.speakers),
        "speaker_text": quote.speaker_text, "cue": quote.cue,
        "addressee": quote.addressee, "time": quote.time,
    }


def _event_json(event: Event) -> dict[str, Any]:
    time = None
    if event.time is not None:
        time = {"value": event.time.value, "basis": event.time.basis}
        if event.time.span is not None:
            time["span"] = list(event.time.span)
    return {
        "id": event.id, "summary": event.summary, "trigger": event.trigger,
        "span": list(event.span),
        "participants": [{"entity": p.entity, "role": p.role} for p in event.participants],
        "time": time, "place": event.place, "modality": event.modality,
    }
