"""Timeline17 date selection: the dates of a thread's merged timeline against journalists' ones.

Per topic, its articles (``dct`` is the publication date; the tokenized text is joined back) are
run through the pipeline and ingested into a fresh in-memory store, where online clustering makes
stories and `threads.update` links them into threads. The thread holding most of the topic's
articles (or the largest story, when no thread is larger) is merged (`merge.build`) and each
day's weight is the number of its articles that name the day plus `coverage` times the number
published on it. The top N days, N the gold timeline's length, are compared with the gold dates
(precision, recall, F1), as news-tls does: candidate dates within the gold timeline's first and
last day. In the same pass: the timeline of *all* the topic's articles (the reference the thread
is measured against, with merge's own weights), and two baselines, the days with most articles
published and the days most mentioned by day-precise time expressions.

Fold protocol: the thread threshold and the coverage weight are tuned on the other topic families
(a family is a topic's name before its first ``_``: one event told by several outlets is one fold,
so nothing leaks) and scored on the held-out family; that is the headline figure. The figure
tuned on every topic is reported beside it, labelled as such. Published anchors on the full set:
news-tls DATEWISE 0.544, CLUST 0.407.
"""
from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from dataclasses import replace
from itertools import product
from pathlib import Path

from ..batch import run_batch
from .cache import cached_articles
from ..config import Config
from ..errors import StorylineError
from ..stories.merge import build
from ..inputs.read import article_from_text
from ..record import Article
from ..stories.clustering import ingest
from ..stories.threads import Threading, thread_articles, update
from ..store import Store
from .ecbplus import detokenize

ANCHORS = {"news-tls DATEWISE": 0.544, "news-tls CLUST": 0.407}
HELD_OUT, TUNED_ON_ALL, ALL_ARTICLES = "thread (held out)", "thread (tuned on all)", "all articles"
SYSTEMS = (HELD_OUT, TUNED_ON_ALL, ALL_ARTICLES, "publication count", "mention count")
# The grid the fold protocol searches: thread link thresholds and the weight of a day's coverage.
THRESHOLDS = (0.08, 0.1, 0.125, 0.15, 0.2, 0.25)
COVERAGES = (0.0, 0.05, 0.1, 0.2, 0.5, 1.0)


def read_topic(folder: Path) -> tuple[list[dict], dict[str, list[str]]]:
    articles = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
    timelines = {path.name.removesuffix(".timeline.json"):
                 sorted({entry["date"][:10] for entry in json.loads(path.read_text(encoding="utf-8"))})
                 for path in sorted(folder.glob("*.timeline.json"))}
    return articles, timelines


def family(topic: str) -> str:
    """The event a topic folder tells (``H1N1_bbc`` and ``H1N1_reuters`` are one): its fold."""
    return topic.split("_", 1)[0]


def evaluate(path: str, config: Config, limit: int | None = None,
             options: Threading = Threading()) -> dict:
    """Score every topic folder under `path` under the fold protocol; `limit`: at most N
    articles a topic, spread over its publication dates."""
    started = time.perf_counter()
    topics, timelines = [], []   # timelines: (topic, name, gold, fixed scores, {setting: F1})
    for folder in sorted(p for p in Path(path).iterdir() if (p / "articles.json").exists()):
        records, gold_timelines = read_topic(folder)
        records = _spread(sorted(records, key=lambda r: (r["dct"], str(r["uid"]))), limit)
        articles = _process(folder.name, records, config)
        reference = build(articles, {}, title=folder.name)
        fixed = {ALL_ARTICLES: reference.date_scores(), "publication count": _published(articles),
                 "mention count": _mentioned(articles)}
        threads, stats = _thread_days(articles, options)
        topics.append({"topic": folder.name, "family": family(folder.name),
                       "articles": len(records), "processed": len(articles),
                       "entries": len(reference.entries), "conflicts": len(reference.conflicts),
                       **stats})
        for name, gold in gold_timelines.items():
            window = (len(gold), gold[0], gold[-1])
            tuned = {(threshold, coverage): date_f1(top_dates(
                _weights(*threads[threshold], coverage), *window), gold)
                for threshold, coverage in product(THRESHOLDS, COVERAGES)}
            timelines.append((folder.name, name, gold, {system: date_f1(top_dates(
                weights, *window), gold) for system, weights in fixed.items()}, tuned))
    rows, chosen = _fold_protocol(timelines)
    for topic in topics:
        setting = chosen.get(topic["family"])
        if setting:
            topic.update(topic.pop("by_threshold")[setting[0]], held_out_setting=setting)
        else:
            topic.pop("by_threshold")
    mean = {system: {metric: sum(row[system][metric] for row in rows) / len(rows)
                     for metric in ("precision", "recall", "f1")} for system in SYSTEMS} if rows else {}
    return {"timelines": rows, "topics": topics, "mean": mean, "anchors": ANCHORS,
            "chosen": {fold: list(setting) for fold, setting in chosen.items()},
            "tuned_on_all": list(_best(timelines)) if timelines else None,
            "grid": {"thresholds": THRESHOLDS, "coverages": COVERAGES},
            "limit": limit, "seconds": round(time.perf_counter() - started, 1)}


def _thread_days(articles: list[Article], options: Threading) -> tuple[dict, dict]:
    """Per link threshold: the day evidence of the largest thread's merged timeline (articles
    naming each day, articles published on it), and the topic's story and thread figures."""
    days, by_threshold = {}, {}
    with Store(":memory:") as store:
        for article in articles:
            ingest(store, article)
        db = store.connection
        sizes = [row[0] for row in db.execute(
            "SELECT article_count FROM stories ORDER BY article_count DESC, id")]
        largest_story = db.execute("SELECT id FROM stories ORDER BY article_count DESC, id "
                                   "LIMIT 1").fetchone()
        for threshold in THRESHOLDS:
            count = update(store, replace(options, threshold=threshold))
            top = db.execute("SELECT id, article_count FROM threads ORDER BY article_count DESC, "
                             "id LIMIT 1").fetchone()
            if top and top[1] > sizes[0]:
                chosen = thread_articles(store, top[0])[1]
            else:  # no thread is larger than the largest story: that story is the thread
                chosen = store.story_articles(largest_story[0]) if largest_story else []
            timeline = build(chosen, {})
            days[threshold] = ({day: len(ids) for day, ids in timeline.attested.items()},
                               timeline.published_on)
            by_threshold[threshold] = {
                "threads": count, "largest_thread_share": round(len(chosen) / len(articles), 3)
                if articles else 0}
    return days, {"stories": len(sizes), "largest_story_share":
                  round(sizes[0] / len(articles), 3) if sizes else 0, "by_threshold": by_threshold}


def _weights(attested: dict[str, int], published_on: dict[str, int],
             coverage: float) -> dict[str, float]:
    return {day: attested.get(day, 0) + coverage * published_on.get(day, 0)
            for day in set(attested) | set(published_on)}


def _best(timelines: list) -> tuple[float, float]:
    """The grid setting with the highest mean F1 over these timelines (ties: the first)."""
    return max(product(THRESHOLDS, COVERAGES), key=lambda setting: sum(
        item[4][setting]["f1"] for item in timelines))


def _fold_protocol(timelines: list) -> tuple[list[dict], dict[str, tuple]]:
    """Each family's timelines scored with the setting tuned on the other families."""
    everything = _best(timelines) if timelines else None
    chosen, rows = {}, []
    for topic, name, gold, fixed, tuned in timelines:
        fold = family(topic)
        if fold not in chosen:
            others = [item for item in timelines if family(item[0]) != fold]
            chosen[fold] = _best(others) if others else everything
        rows.append({"topic": topic, "timeline": name, "gold_dates": len(gold),
                     HELD_OUT: tuned[chosen[fold]], TUNED_ON_ALL: tuned[everything], **fixed})
    return rows, chosen


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
    """The topic's articles through the pipeline (kept in the evaluation cache, `cache.py`)."""
    texts = [detokenize(record["text"].split()) for record in records]

    def produce() -> list[Article]:
        items = []
        for record, text in zip(records, texts):
            try:
                article = article_from_text(text, config, f"{topic}/{record['uid']}",
                                            record["dct"][:10])
            except StorylineError:  # an empty record: counted as not processed
                continue
            article.id = f"{topic}-{record['uid']}"
            items.append(article)
        return [result for result in run_batch(items, config, workers=config.workers)
                if isinstance(result, Article)]

    # The text as the pipeline reads it, so a change to `detokenize` is a change of key.
    keys = [f"{record['uid']}:{record['dct']}:{hashlib.sha1(text.encode()).hexdigest()}"
            for record, text in zip(records, texts)]
    return cached_articles(f"timeline17-{topic}", config, keys, produce)


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
             f"the gold span){limited}. The thread rows score the thread holding most of a "
             f"topic's articles; held out: threshold and coverage tuned on the other topic "
             f"families (folds by family).", "",
             "| topic | timeline | gold dates | " + " | ".join(SYSTEMS) + " |",
             "|---|---|---|" + "---|" * len(SYSTEMS)]
    for row in result["timelines"]:
        lines.append(f"| {row['topic']} | {row['timeline']} | {row['gold_dates']} | "
                     + " | ".join(f"{row[system]['f1']:.3f}" for system in SYSTEMS) + " |")
    if result["mean"]:
        lines.append(f"| **mean** | {len(result['timelines'])} timelines | | "
                     + " | ".join(f"**{result['mean'][system]['f1']:.3f}**" for system in SYSTEMS)
                     + " |")
    lines += ["", "Settings (link threshold, coverage) chosen per held-out family: "
              + ", ".join(f"{fold} {setting[0]:g}/{setting[1]:g}"
                          for fold, setting in result["chosen"].items())
              + (f"; tuned on all: {result['tuned_on_all'][0]:g}/{result['tuned_on_all'][1]:g}"
                 if result["tuned_on_all"] else "") + ".",
              "", "Published on the full Timeline17 (news-tls): "
              + ", ".join(f"{name} {value:.3f}" for name, value in result["anchors"].items()) + ".",
              "", "| topic | articles | processed | timeline entries | conflicts | stories "
              "| largest story share | threads | largest thread share |",
              "|---|---|---|---|---|---|---|---|---|"]
    lines += [f"| {t['topic']} | {t['articles']} | {t['processed']} | {t['entries']} | "
              f"{t['conflicts']} | {t['stories']} | {t['largest_story_share']:.2f} | "
              f"{t.get('threads', 0)} | {t.get('largest_thread_share', 0):.2f} |"
              for t in result["topics"]]
    lines.append(f"\n{result['seconds']} s in all.")
    return "\n".join(lines)
