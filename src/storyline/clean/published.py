"""When was the article published? The caller's date, else a stamp in the page, else inference.

Order: `Article.given_published` (the user's --published or page metadata) > a dateline or
timestamp line the cleaner set aside (kind "dateline" with a date; a yearless one such as
"LONDON, April 3 (Reuters)" gets its year from the article) > inference from the article itself.

Inference rules (general, never about one article):
- Dates the body reports in the past ("in December 2021", "in 2020") bound the publication from
  below; dates it reports as upcoming bound it (softly) from above.
- Related-teaser dates are candidates, not answers: a page adds teasers after publication, so a
  teaser can be newer than the article. A teaser that restates the lede (shares many word pairs
  with the headline and first paragraphs) reports the same news and likely shares its date; a
  teaser much newer than the chosen date that does not restate the lede is a later page element.
- A past bare weekday ("restarted filming Thursday") puts publication within six days after that
  weekday, a future one ("a hearing is set for Friday") within the week before; the nearer the
  better, as news is written the day it happens.
- Every candidate day is scored on these; confidence reflects how many cues agree.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..config import Config
from ..record import Article, Published
from ..vocab import cleaning as V
from ..vocab.calendar import MONTHS, WEEKDAYS
from ..vocab.language import ENGLISH_FUNCTION_WORDS

ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?")
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[”\"’]*|$)")
CLAUSE_BREAK = re.compile(r"[,;:()—–]")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_MENTION = re.compile(r"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Oo]n)\s+)?(?P<day>"
                             + "|".join(WEEKDAY_NAMES) + r")\b")
# A teaser with at least this `restatement` score reports the lede's own news.
LEDE_OVERLAP = 0.4
# A teaser this many days newer than the chosen date is a later page element.
LATER_ELEMENT_DAYS = 30
# Candidate days after a teaser's or a body date's own day.
TEASER_LAG_DAYS = 3
EVENT_LAG_DAYS = 6


def date_article(article: Article, config: Config) -> Article:
    published, warnings = None, []
    if article.given_published:
        value = normalize_date(article.given_published)
        basis = article.given_published_basis
        if value:
            published = Published(value, basis if basis in ("user", "metadata") else "user",
                                  1.0 if basis == "user" else 0.9,
                                  f"Given by the {'caller' if basis == 'user' else 'page metadata'}"
                                  f" as {article.given_published!r}.")
        else:
            warnings.append(f"given publication date {article.given_published!r} is not a date "
                            "storyline can read; inferring it from the article instead")
    if published is None:
        evidence = gather(article)
        published = from_stamp(evidence) or infer(evidence).published
    article.published = published
    article.warnings.extend(warnings)
    return article


# --- reading dates -------------------------------------------------------------------------------

def parse_date(text: str) -> str | None:
    """The first date in `text` as TIMEX3: YYYY-MM-DD, XXXX-MM-DD (no year), or YYYY-MM."""
    match = V.FULL_DATE.search(text)
    if match:
        return full_date(match)
    for match in V.MONTH_YEAR.finditer(text):
        if match["m"][0].isupper():
            return f"{int(match['y']):04d}-{MONTHS[match['m'].lower().rstrip('.')]:02d}"
    for match in V.MONTH_DAY.finditer(text):
        month, day = (match["m"], match["d"]) if match["m"] else (match["m2"], match["d2"])
        if month[0].isupper() and valid(2000, MONTHS[month.lower().rstrip(".")], number(day)):
            return f"XXXX-{MONTHS[month.lower().rstrip('.')]:02d}-{number(day):02d}"
    return None


def full_date(match: re.Match) -> str | None:
    groups = match.groupdict()
    if groups["mdy_m"] or groups["dmy_m"]:
        kind = "mdy" if groups["mdy_m"] else "dmy"
        year, day = int(groups[f"{kind}_y"]), number(groups[f"{kind}_d"])
        month = MONTHS[groups[f"{kind}_m"].lower().rstrip(".")]
    elif groups["iso_y"]:
        year, month, day = int(groups["iso_y"]), int(groups["iso_m"]), int(groups["iso_d"])
    else:  # numeric: day first when the first number cannot be a month, else month first (US)
        first, second, year = int(groups["num_a"]), int(groups["num_b"]), int(groups["num_y"])
        month, day = (second, first) if first > 12 else (first, second)
    return f"{year:04d}-{month:02d}-{day:02d}" if valid(year, month, day) else None


def number(day: str) -> int:
    return int(re.match(r"\d+", day).group())


def valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def normalize_date(text: str) -> str | None:
    """A caller's date ("2023-04-20", "2023-04-20T10:00Z", "April 20, 2023", "20/04/2023")."""
    text = text.strip()
    match = ISO.fullmatch(text)
    if match:
        year, month, day = int(match[1]), int(match[2]), match[3]
        if day is None:
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
        return text[:10] if valid(year, month, int(day)) else None
    value = parse_date(text)
    if value and not value.startswith("XXXX"):
        return value
    return text if re.fullmatch(r"(?:19|20)\d{2}", text) else None


def to_date(value: str | None) -> dt.date | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return None


# --- evidence ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Bound:
    """A date the body mentions: past ones bound publication below, upcoming ones above."""

    start: dt.date
    end: dt.date
    text: str
    future: bool


@dataclass(frozen=True)
class WeekdayCue:
    weekday: int
    text: str
    future: bool
    relative: str  # "last", "next", "this", "on" or ""


@dataclass(frozen=True)
class Teaser:
    date: dt.date
    text: str
    overlap: float  # share of its word pairs found in the headline and first paragraphs


@dataclass(frozen=True)
class Stamp:
    value: str
    text: str
    update: bool


@dataclass
class Evidence:
    teasers: list[Teaser] = field(default_factory=list)
    stamps: list[Stamp] = field(default_factory=list)
    bounds: list[Bound] = field(default_factory=list)
    weekdays: list[WeekdayCue] = field(default_factory=list)


@dataclass
class Inference:
    """The chosen date with its evidence, and each rejected candidate with why it lost."""

    published: Published | None
    scores: dict[str, float] = field(default_factory=dict)
    rejected: dict[str, str] = field(default_factory=dict)


def gather(article: Article) -> Evidence:
    evidence = Evidence()
    lede = " ".join([article.headline or ""] + [
        article.text[start:end] for start, end in article.paragraphs[:2]])
    for item in article.removed:
        if item.kind == "dateline" and item.date:
            evidence.stamps.append(Stamp(item.date, item.text, bool(V.UPDATE_WORDS.search(
                item.text))))
        day = to_date(item.date)
        if item.kind == "related" and day and not V.DATE_ONLY.fullmatch(item.text) and len(
                WORD.findall(item.text)) > 4:
            evidence.teasers.append(Teaser(day, item.text, restatement(item.text, lede)))
    for sentence in SENTENCE.finditer(article.text):
        evidence.bounds += sentence_bounds(sentence.group())
        evidence.weekdays += sentence_weekdays(sentence.group())
    return evidence


def restatement(teaser: str, lede: str) -> float:
    """How much of a teaser the lede says too: the mean of the shares of its content words and
    of its word pairs found in the headline and first paragraphs (paraphrase keeps the words,
    a copied sentence keeps the pairs)."""
    teaser_words, lede_words = tokens(teaser), tokens(lede)
    content = {word for word in teaser_words if word not in ENGLISH_FUNCTION_WORDS}
    pairs = set(zip(teaser_words, teaser_words[1:]))
    word_share = len(content & set(lede_words)) / max(1, len(content))
    pair_share = len(pairs & set(zip(lede_words, lede_words[1:]))) / max(1, len(pairs))
    return (word_share + pair_share) / 2


def tokens(text: str) -> list[str]:
    return [token.replace("’", "'") for token in WORD.findall(text.casefold())]


def future_at(sentence: str, start: int, end: int) -> bool:
    """Is the mention at [start, end) upcoming? Its clause decides, else the whole sentence."""
    left = max((m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    right = next((m.start() for m in CLAUSE_BREAK.finditer(sentence, end)), len(sentence))
    clause = sentence[left:right]
    if V.FUTURE_MARKERS.search(clause):
        return True
    return not V.PAST_VERBS.search(clause) and bool(V.FUTURE_MARKERS.search(sentence))


def sentence_bounds(sentence: str) -> list[Bound]:
    found: list[Bound] = []
    taken: list[tuple[int, int]] = []
    for pattern in (V.FULL_DATE, V.MONTH_YEAR, V.YEAR_IN_CONTEXT):
        for match in pattern.finditer(sentence):
            if any(s <= match.start() < e for s, e in taken):
                continue
            period = mention_period(pattern, match)
            if period is None or (pattern is V.MONTH_YEAR and not match["m"][0].isupper()):
                continue
            taken.append(match.span())
            found.append(Bound(*period, match.group().strip(),
                               future_at(sentence, match.start(), match.end())))
    return found


def mention_period(pattern: re.Pattern, match: re.Match) -> tuple[dt.date, dt.date] | None:
    if pattern is V.FULL_DATE:
        day = to_date(full_date(match))
        return (day, day) if day else None
    year = int(match["y"])
    if pattern is V.MONTH_YEAR:
        month = MONTHS[match["m"].lower().rstrip(".")]
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
        return dt.date(year, month, 1), last
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def sentence_weekdays(sentence: str) -> list[WeekdayCue]:
    cues = []
    for match in WEEKDAY_MENTION.finditer(sentence):
        before = sentence[:match.start("day")].split()
        after = sentence[match.end("day"):].split()
        # Part of a name ("Saturday Night Live", "Black Friday"): a capitalised neighbour.
        if (after and after[0][:1].isupper()) or (before and before[-1][:1].isupper()
                                                    and before[-1].lower() not in V.WEEKDAY_LEADS):
            continue
        relative = (match["rel"] or "").lower()
        future = relative == "next" or future_at(sentence, match.start(), match.end())
        cues.append(WeekdayCue(WEEKDAYS[match["day"].lower()], match.group().strip(), future,
                               relative))
    return cues


# --- deciding ------------------------------------------------------------------------------------

def from_stamp(evidence: Evidence) -> Published | None:
    """A dateline or timestamp line: a publication stamp beats an update stamp."""
    stamps = sorted(evidence.stamps, key=lambda stamp: (stamp.update, stamp.value[:4] == "XXXX"))
    if not stamps:
        return None
    stamp = stamps[0]
    kind = "update timestamp" if stamp.update else "dateline"
    if stamp.value.startswith("XXXX"):
        month, day = int(stamp.value[5:7]), int(stamp.value[8:10])
        inference = infer(evidence, month_day=(month, day))
        if inference.published is None:
            return Published(stamp.value, "dateline", 0.4,
                             f"From the {kind} {stamp.text!r}; the article gives no year.")
        chosen = inference.published
        return Published(chosen.value, "dateline", min(0.85, chosen.confidence + 0.2),
                         f"From the {kind} {stamp.text!r}, year from the article: "
                         f"{chosen.evidence}")
    confidence = 0.6 if stamp.update else 0.9
    note = " (an update time: the first publication may be earlier)" if stamp.update else ""
    return Published(stamp.value, "dateline", confidence,
                     f"From the {kind} {stamp.text!r}{note}.")


def infer(evidence: Evidence, month_day: tuple[int, int] | None = None) -> Inference:
    """Score candidate days; the best one wins, every other teaser date gets its reason."""
    lower = max((b for b in evidence.bounds if not b.future), key=lambda b: b.start, default=None)
    candidates = candidate_days(evidence, lower, month_day)
    result = Inference(None)
    scored = []
    for day, origin, base in candidates:
        if lower and day < lower.start:
            if any(teaser.date == day for teaser in evidence.teasers):
                result.rejected.setdefault(day.isoformat(), (
                    f"earlier than {lower.text!r}, which the article reports as past"))
            continue
        score, notes = score_day(day, base, evidence, lower)
        scored.append((score, day, origin, notes))
    if not scored:
        if lower:  # only a floor: name the latest past period the article mentions, weakly
            precision = 10 if lower.start == lower.end else 4 if lower.start.month == 1 and (
                lower.end.month == 12) else 7
            result.published = Published(lower.start.isoformat()[:precision], "inferred", 0.15, (
                f"Only a lower bound: the article mentions {lower.text!r} as past; no teaser, "
                "stamp or dated event gives the day."))
        return result
    scored.sort(key=lambda item: (-item[0], item[1]))
    best_score, best, origin, notes = scored[0]
    for score, day, _, _ in scored:  # best score of each day, whatever the origin
        result.scores.setdefault(day.isoformat(), round(score, 2))
    for teaser in evidence.teasers:
        key = teaser.date.isoformat()
        if abs((teaser.date - best).days) <= TEASER_LAG_DAYS or key in result.rejected:
            continue
        result.rejected[key] = reject_reason(teaser, best, result.scores.get(key), best_score)
    runner_up = next((s for s, day, _, _ in scored if abs((day - best).days) > 1), None)
    confidence = (0.3 + 0.3 * ("restates the lede" in origin)
                  + 0.1 * min(2, sum(note.startswith("weekday") for note in notes))
                  + (0.1 if runner_up is None or best_score - runner_up > 1 else 0)
                  - (0.2 if any(note.startswith("later than") for note in notes) else 0))
    text = f"Inferred {best.isoformat()}: {origin}"
    if notes:
        text += "; " + "; ".join(notes)
    if lower:
        text += f"; not before {lower.text!r} (the latest date the body reports as past)"
    text += "." + "".join(f" Rejected {key}: {why}." for key, why in sorted(
        result.rejected.items()))
    result.published = Published(best.isoformat(), "inferred",
                                 round(min(0.9, max(0.1, confidence)), 2), text)
    return result


def candidate_days(evidence: Evidence, lower: Bound | None,
                   month_day: tuple[int, int] | None) -> list[tuple[dt.date, str, float]]:
    """(day, where it comes from, base score): teaser days and the few days after, days after
    a dated past event, or for a yearless stamp that day in each plausible year."""
    days = []
    if month_day:
        years = {t.date.year for t in evidence.teasers} | {b.start.year for b in evidence.bounds}
        if lower:
            years |= {lower.start.year, lower.start.year + 1}
        for year in sorted(years):
            if valid(year, *month_day):
                day = dt.date(year, *month_day)
                near = [t for t in evidence.teasers if abs((t.date - day).days) <= 30]
                base = 1.0 + max((1.5 if t.overlap >= LEDE_OVERLAP else 0.5 for t in near),
                                 default=0)
                days.append((day, f"the dateline's day in {year}", base))
        return days
    for teaser in evidence.teasers:
        restates = teaser.overlap >= LEDE_OVERLAP
        origin = (f"the date of a related teaser that restates the lede ({short(teaser.text)!r}, "
                  f"lede overlap {teaser.overlap:.2f})" if restates else
                  f"the date of a related teaser ({short(teaser.text)!r})")
        base = 2.0 + 2 * teaser.overlap if restates else 0.5
        for lag in range(TEASER_LAG_DAYS + 1):
            days.append((teaser.date + dt.timedelta(days=lag),
                         origin + (f", {lag} day{'s' * (lag > 1)} later" if lag else ""), base - 0.25 * lag))
    for bound in evidence.bounds:
        if bound.start == bound.end and not bound.future:
            for lag in range(EVENT_LAG_DAYS + 1):
                days.append((bound.start + dt.timedelta(days=lag),
                             f"{lag} day{'s' * (lag != 1)} after {bound.text!r}, a dated past event",
                             1.0 - 0.1 * lag))
    return days


def score_day(day: dt.date, base: float, evidence: Evidence,
              lower: Bound | None) -> tuple[float, list[str]]:
    score, notes = base, []
    for cue in evidence.weekdays:
        if cue.future:
            gap = (cue.weekday - day.weekday()) % 7 or (7 if cue.relative == "next" else 0)
            agreement = 0.8 if gap == 0 else 1 - (gap - 1) / 7
            where = f"{gap} day{'s' * (gap != 1)} after" if gap else "the same day"
        else:
            gap = (day.weekday() - cue.weekday) % 7 or (7 if cue.relative == "last" else 0)
            agreement = 1 - gap / 7
            where = f"{gap} day{'s' * (gap != 1)} before" if gap else "the same day"
        score += agreement
        note = f"weekday {cue.text!r} agrees ({WEEKDAY_NAMES[cue.weekday]} {where})"
        if agreement >= 0.7 and note not in notes:
            notes.append(note)
    for bound in evidence.bounds:
        if bound.future and day > bound.end:
            score -= 1.5
            notes.append(f"later than {bound.text!r}, which the article calls upcoming")
    if lower:  # far newer than everything the body dates is less likely
        score -= 0.5 * min(3.0, (day - lower.start).days / 365)
    return score, notes


def reject_reason(teaser: Teaser, best: dt.date, score: float | None, best_score: float) -> str:
    days = (teaser.date - best).days
    restates = (f"restates the lede (overlap {teaser.overlap:.2f})" if teaser.overlap
                >= LEDE_OVERLAP else f"does not restate the lede (lede overlap "
                f"{teaser.overlap:.2f} < {LEDE_OVERLAP})")
    if days > LATER_ELEMENT_DAYS:
        return (f"teaser {short(teaser.text)!r} is {days} days newer than the chosen date and "
                f"{restates}: a later page element")
    if days < -LATER_ELEMENT_DAYS:
        return f"teaser {short(teaser.text)!r} is older related coverage ({-days} days before)"
    return (f"teaser {short(teaser.text)!r} {restates} and scored lower "
            f"({score if score is not None else 0:.2f} vs {best_score:.2f})")


def short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"
