"""Timeline17 date selection: the dates of a story's merged timeline against journalists' ones.

Per topic, its articles (``dct`` is the publication date; the tokenized text is joined back) are
run through the pipeline and ingested into a fresh in-memory store, and their merged timeline is
built (`merge.build`: events matched across articles, each entry with its sources). Each day's
weight is the number of articles whose reports fall on that day's entries; the top N days, N the
gold timeline's length, are compared with the gold dates (precision, recall, F1), as news-tls
does: candidate dates within the gold timeline's first and last day. Two baselines run in the
same pass: the days with most articles published, and the days most mentioned by day-precise
time expressions. Published anchors on the full set: news-tls DATEWISE 0.544, CLUST 0.407.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from ..batch import run_batch
from ..config import Config
from ..errors import StorylineError
from ..stories.merge import build
from ..inputs.read import article_from_text
from ..record import Article
from ..stories.clustering import ingest
from ..store import Store
from .ecbplus import detokenize

ANCHORS = {"news-tls DATEWISE": 0.544, "news-tls CLUST": 0.407}
SYSTEMS = ("storyline", "publication count", "mention count")


def read_topic(folder: Path) -> tuple[list[dict], dict[str, list[str]]]:
    articles = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
    timelines = {path.name.removesuffix(".timeline.json"):
                 sorted({entry["date"][:10] for entry in json.loads(path.read_text(encoding="utf-8"))})
                 for path in sorted(folder.glob("*.timeline.json"))}
    return articles, timelines


def evaluate(path: str, config: Config, limit: int | None = None) -> dict:
    """Score every topic folder under `path`; `limit`: at most N articles a topic, spread over
    its publication dates."""
    rows, topics = [], []
    started = time.perf_counter()
    for folder in sorted(p for p in Path(path).iterdir() if (p / "articles.json").exists()):
        records, timelines = read_topic(folder)
        records = _spread(sorted(records, key=lambda r: (r["dct"], str(r["uid"]))), limit)
        articles = _process(folder.name, records, config)
        with Store(":memory:") as store:
            for article in articles:
                ingest(store, article)
            sizes = [row[0] for row in store.connection.execute(
                "SELECT article_count FROM stories ORDER BY article_count DESC")]
        timeline = build(articles, {}, title=folder.name)
        scores = {"storyline": timeline.date_scores(), "publication count": _published(articles),
                  "mention count": _mentioned(articles)}
        topics.append({"topic": folder.name, "articles": len(records), "processed": len(articles),
                       "entries": len(timeline.entries), "conflicts": len(timeline.conflicts),
                       "stories": len(sizes),
                       "largest_story_share": round(sizes[0] / len(articles), 3) if sizes else 0})
        for name, gold in timelines.items():
            row = {"topic": folder.name, "timeline": name, "gold_dates": len(gold)}
            for system, weights in scores.items():
                row[system] = date_f1(top_dates(weights, len(gold), gold[0], gold[-1]), gold)
            rows.append(row)
    mean = {system: {metric: sum(row[system][metric] for row in rows) / len(rows)
                     for metric in ("precision", "recall", "f1")} for system in SYSTEMS} if rows else {}
    return {"timelines": rows, "topics": topics, "mean": mean, "anchors": ANCHORS,
            "limit": limit, "seconds": round(time.perf_counter() - started, 1)}


def top_dates(weights: dict[str, float], count: int, first: str, last: str) -> list[str]:
    """The `count` heaviest days between `first` and `last` (ties: the earlier day)."""
    inside = [(day, weight) for day, weight in weights.items() if first <= day <= last]
    return sorted(day for day, _ in sorted(inside, key=lambda item: (-item[1], item[0]))[:count])


def date_f1(predicted: list[str], gold: list[str]) -> dict:
    hits = len(set(predicted) & set(gold))
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _process(topic: str, records: list[dict], config: Config) -> list[Article]:
    items = []
    for record in records:
        try:
            article = article_from_text(detokenize(record["text"].split()), config,
                                        f"{topic}/{record['uid']}", record["dct"][:10])
        except StorylineError:  # an empty record: counted as not processed
            continue
        article.id = f"{topic}-{record['uid']}"
        items.append(article)
    return [result for result in run_batch(items, config, workers=config.workers)
            if isinstance(result, Article)]


def _published(articles: list[Article]) -> dict[str, float]:
    return dict(Counter(a.published.value[:10] for a in articles if a.published))


def _mentioned(articles: list[Article]) -> dict[str, float]:
    return dict(Counter(t.value[:10] for a in articles for t in a.times
                        if len(t.value) >= 10 and t.value[:4].isdigit() and t.value[4] == "-"))


def _spread(records: list[dict], limit: int | None) -> list[dict]:
    if not limit or limit >= len(records):
        return records
    step = len(records) / limit
    return [records[int(index * step)] for index in range(limit)]


def format_report(result: dict) -> str:
    limited = f"; at most {result['limit']} articles a topic" if result["limit"] else ""
    lines = [f"Timeline17 date selection F1 (top N dates, N = gold length; candidate dates within "
             f"the gold span){limited}", "",
             "| topic | timeline | gold dates | storyline | publication count | mention count |",
             "|---|---|---|---|---|---|"]
    for row in result["timelines"]:
        lines.append(f"| {row['topic']} | {row['timeline']} | {row['gold_dates']} | "
                     + " | ".join(f"{row[system]['f1']:.3f}" for system in SYSTEMS) + " |")
    if result["mean"]:
        lines.append(f"| **mean** | {len(result['timelines'])} timelines | | "
                     + " | ".join(f"**{result['mean'][system]['f1']:.3f}**" for system in SYSTEMS)
                     + " |")
    lines += ["", "Published on the full Timeline17 (news-tls): "
              + ", ".join(f"{name} {value:.3f}" for name, value in result["anchors"].items()) + ".",
              "", "| topic | articles | processed | timeline entries | conflicts | stories "
              "| largest story share |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {t['topic']} | {t['articles']} | {t['processed']} | {t['entries']} | "
              f"{t['conflicts']} | {t['stories']} | {t['largest_story_share']:.2f} |"
              for t in result["topics"]]
    lines.append(f"\n{result['seconds']} s in all.")
    return "\n".join(lines)
