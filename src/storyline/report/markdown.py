"""Output formats for people: a Markdown report of one article."""
from __future__ import annotations

from ..record import Article
from .timeline import calendar_of

ROLE_TYPES = (("People", "PERSON"), ("Organizations", "ORG"), ("Places", "PLACE"),
              ("Works", "WORK"), ("Groups", "GROUP"), ("Events", "EVENT"), ("Other", "OTHER"))


def to_markdown(article: Article) -> str:
    lines = [f"# {article.headline or '(no headline found)'}", ""]
    if article.byline:
        lines.append(f"By {', '.join(article.byline)}  ")
    if article.published:
        published = article.published
        lines.append(f"Published: {published.value} ({published.basis}, "
                     f"confidence {published.confidence:.2f})  ")
    lines.append(f"Source: {article.source.kind}"
                 + (f" `{article.source.location}`" if article.source.location else "") + "  ")
    lines.append(f"Language: {article.language}  ")
    lines.append(f"Id: `{article.id}`")
    for warning in article.warnings:
        lines.append(f"\n> warning: {warning}")
    lines += _skipped(article)
    lines += _entity_sections(article)
    lines += _dated_facts(article)
    lines += _quotes(article)
    if article.removed:
        lines += ["", "## Removed from the body", ""]
        lines += [f"- **{item.kind}**: {_one_line(item.text)}" + (f" (dated {item.date})" if item.date else "")
                  for item in article.removed]
    lines += ["", f"## Body ({len(article.paragraphs)} paragraphs)", ""]
    lines += [article.text[start:end] + "\n" for start, end in article.paragraphs]
    return "\n".join(lines).rstrip() + "\n"


def _skipped(article: Article) -> list[str]:
    """The stages that did not run, so an empty section is not read as "nothing found"."""
    if not article.skipped:
        return []
    by_reason: dict[str, list[str]] = {}
    for item in article.skipped:
        by_reason.setdefault(item.reason, []).append(item.stage)
    lines = ["", "## Stages skipped", ""]
    lines += [f"- **{', '.join(stages)}**: {reason}" for reason, stages in by_reason.items()]
    return lines


def _entity_sections(article: Article) -> list[str]:
    lines: list[str] = []
    for title, entity_type in ROLE_TYPES:
        members = [entity for entity in article.entities if entity.type == entity_type]
        if not members:
            continue
        lines += ["", f"## {title}", ""]
        for entity in members:
            details = []
            if entity.kind:
                details.append(entity.kind.replace("_", " "))
            if entity.descriptors:
                details.append(", ".join(entity.descriptors))
            suffix = f" ({'; '.join(details)})" if details else ""
            lines.append(f"- **{entity.name}**{suffix}, {len(entity.mentions)} mention(s)")
    return lines


def _dated_facts(article: Article) -> list[str]:
    """Events with a place on the calendar, in its order. "The future" or "the past" is no date
    a reader can put a fact at; such events stay in the record, not in this list."""
    dated = sorted((event for event in article.events
                    if event.time and calendar_of(event.time.value) is not None),
                   key=lambda event: calendar_of(event.time.value)[2:])
    if not dated and not article.times:
        return []
    lines = ["", "## Dated facts", ""]
    for event in dated:
        lines.append(f"- **{event.time.value}**: {event.summary}")
    if not dated:
        lines += [f"- **{expression.value}**: “{expression.text}” ({expression.type.lower()})"
                  for expression in article.times]
    return lines


def _quotes(article: Article) -> list[str]:
    if not article.quotes:
        return []
    lines = ["", "## Quotes", ""]
    for quote in article.quotes:
        ids = quote.speakers or ([quote.speaker] if quote.speaker else [])
        names = [entity.name for entity in map(article.entity, ids) if entity is not None]
        who = " and ".join(names) or quote.speaker_text or "unattributed"
        when = f", {quote.time}" if quote.time else ""
        text = quote.text if quote.kind != "direct" else f"“{quote.text}”"
        lines.append(f"- {who} ({quote.kind}{when}): {_one_line(text)}")
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())
