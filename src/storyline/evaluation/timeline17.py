"""Timeline17 date selection: the dates of a thread's merged timeline against journalists' ones.

Per topic, its articles (``dct`` is the publication date; the tokenized text is joined back) are
run through the pipeline and ingested into a fresh in-memory store, where online clustering makes
stories and `threads.update` links them into threads. The thread holding most of the topic's
articles (or the largest story, when no thread is larger) is merged (`merge.build`) and each
day's weight is the number of its articles that name the day from a later day, plus `same_day`
times those naming it on the day (or undated), plus `coverage` times the number published on
it (`merge.day_weight`). The top N days, N the gold timeline's length, are compared with the gold dates
(precision, recall, F1), as news-tls does: candidate dates within the gold timeline's first and
last day. In the same pass: the timeline of *all* the topic's articles (the reference the thread
is measured against, with merge's own weights and held out), and two baselines, the days with
most articles published and the days most mentioned by day-precise time expressions.

Fold protocol: the same-day weight (on the all-articles timelines; the thread uses the one its
fold chose), the thread threshold and the coverage weight are tuned on the other topic families
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
from ..stories.merge import COVERAGE, SAME_DAY, build, day_weight
from ..inputs.read import article_from_text
from ..record import Article
from ..stories.clustering import ingest
from ..stories.threads import Threading, thread_articles, update
from ..store import Store
from .ecbplus import detokenize

ANCHORS = {"news-tls DATEWISE": 0.544, "news-tls CLUST": 0.407}
HELD_OUT, TUNED_ON_ALL = "thread (held out)", "thread (tuned on all)"
ALL_HELD_OUT, ALL_ARTICLES = "all articles (held out)", "all articles"
SYSTEMS = (HELD_OUT, TUNED_ON_ALL, ALL_HELD_OUT, ALL_ARTICLES, "publication count",
           "mention count")
# The grid the fold protocol searches: thread link thresholds, the weight of a day named on the
# day itself (against one looking back to it; `merge.SAME_DAY`), and of a day's coverage.
THRESHOLDS = (0.08, 0.1, 0.125, 0.15, 0.2, 0.25)
SAME_DAYS = (1.0, 0.75, 0.5, 0.25)
COVERAGES = (0.0, 0.05, 0.1, 0.2, 0.5, 1.0)
THREAD_GRID = tuple(product(THRESHOLDS, SAME_DAYS, COVERAGES))


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
    # timelines: (topic, name, gold, fixed scores, {thread setting: F1}, {same-day weight: F1}
    # of all articles, with merge's coverage)
    topics, timelines = [], []
    for folder in sorted(p for p in Path(path).iterdir() if (p / "articles.json").exists()):
        records, gold_timelines = read_topic(folder)
        records = _spread(sorted(records, key=lambda r: (r["dct"], str(r["uid"]))), limit)
        articles = _process(folder.name, records, config)
        reference = build(articles, {}, title=folder.name)
        fixed = {ALL_ARTICLES: reference.date_scores(), "publication count": _published(articles),
                 "mention count": _mentioned(articles)}
        everything = reference.day_evidence()
        threads, stats = _thread_days(articles, options)
        topics.append({"topic": folder.name, "family": family(folder.name),
                       "articles": len(records), "processed": len(articles),
                       "entries": len(reference.entries), "conflicts": len(reference.conflicts),
                       **stats})
        for name, gold in gold_timelines.items():
            window = (len(gold), gold[0], gold[-1])
            tuned = {(threshold, same_day, coverage): date_f1(top_dates(
                _weights(threads[threshold], same_day, coverage), *window), gold)
                for threshold, same_day, coverage in THREAD_GRID}
            tuned_all = {(same_day,): date_f1(top_dates(
                _weights(everything, same_day, COVERAGE), *window), gold) for same_day in SAME_DAYS}
            timelines.append((folder.name, name, gold, {system: date_f1(top_dates(
                weights, *window), gold) for system, weights in fixed.items()}, tuned, tuned_all))
    rows, chosen, chosen_all = _fold_protocol(timelines)
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
            "chosen_all_articles": {fold: setting[0] for fold, setting in chosen_all.items()},
            "tuned_on_all": list(_best(timelines)) if timelines else None,
            "shipped": {"same_day": SAME_DAY, "coverage": COVERAGE},
            "grid": {"thresholds": THRESHOLDS, "same_days": SAME_DAYS, "coverages": COVERAGES},
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
            days[threshold] = timeline.day_evidence()
            by_threshold[threshold] = {
                "threads": count, "largest_thread_share": round(len(chosen) / len(articles), 3)
                if articles else 0}
    return days, {"stories": len(sizes), "largest_story_share":
                  round(sizes[0] / len(articles), 3) if sizes else 0, "by_threshold": by_threshold}


def _weights(evidence: dict[str, tuple[int, int, int]], same_day: float,
             coverage: float) -> dict[str, float]:
    return {day: day_weight(counts, same_day, coverage) for day, counts in evidence.items()}


def _best(timelines: list) -> tuple:
    """The thread setting with the highest mean F1 over these timelines (ties: the first). The
    same-day weight is the one the all-articles timelines choose on the same topics (one weight
    for both, as `merge.SAME_DAY` is), so the thread grid stays threshold by coverage."""
    same_day = _best_same_day(timelines)
    settings = [setting for setting in timelines[0][4] if setting[1] == same_day[0]]
    return max(settings, key=lambda setting: sum(item[4][setting]["f1"] for item in timelines))


def _best_same_day(timelines: list) -> tuple:
    return max(timelines[0][5], key=lambda setting: sum(item[5][setting]["f1"]
                                                       for item in timelines))


def _fold_protocol(timelines: list) -> tuple[list[dict], dict[str, tuple], dict[str, tuple]]:
    """Each family's timelines scored with the settings tuned on the other families."""
    everything = _best(timelines) if timelines else None
    chosen, chosen_all, rows = {}, {}, []
    for topic, name, gold, fixed, tuned, tuned_all in timelines:
        fold = family(topic)
        if fold not in chosen:
            others = [item for item in timelines if family(item[0]) != fold] or timelines
            chosen[fold], chosen_all[fold] = _best(others), _best_same_day(others)
        rows.append({"topic": topic, "timeline": name, "gold_dates": len(gold),
                     HELD_OUT: tuned[chosen[fold]], TUNED_ON_ALL: tuned[everything],
                     ALL_HELD_OUT: tuned_all[chosen_all[fold]], **fixed})
    return rows, chosen, chosen_all


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


def _setting(setting) -> str:
    return "/".join(f"{value:g}" for value in setting)


def format_report(result: dict) -> str:
    limited = f"; at most {result['limit']} articles a topic" if result["limit"] else ""
    lines = [f"Timeline17 date selection F1 (top N dates, N = gold length; candidate dates within "
             f"the gold span){limited}. The thread rows score the thread holding most of a "
             f"topic's articles; held out: threshold, same-day weight and coverage tuned on the other "
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
    lines += ["", "Thread settings (link threshold / same-day weight / coverage) chosen per "
              "held-out family: " + ", ".join(f"{fold} {_setting(setting)}"
                                             for fold, setting in result["chosen"].items())
              + (f"; tuned on all: {_setting(result['tuned_on_all'])}"
                 if result["tuned_on_all"] else "") + ". All articles, same-day weight chosen "
              "per held-out family: " + ", ".join(
                  f"{fold} {weight:g}" for fold, weight in result["chosen_all_articles"].items())
              + f"; shipped (`merge.SAME_DAY`, coverage `merge.COVERAGE`): "
              f"{result['shipped']['same_day']:g}, {result['shipped']['coverage']:g}.",
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
