"""Story clustering on ECB+: B-cubed and pairwise scores, online storyline vs an offline baseline.

A gold story is a topic plus its sub-story (``1_10ecb.xml`` and ``1_10ecbplus.xml`` are topic 1's
two stories). Each document's text is rebuilt from its tokens (one sentence a line; a leading
address line becomes the article's url), run through the pipeline once, then clustered online
into a fresh in-memory store in several orders of arrival. The baseline is TF-IDF with
average-linkage agglomerative clustering over all pairs, its threshold tuned on the same data.
"""
from __future__ import annotations

import random
import re
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from ..batch import run_batch
from ..config import Config
from ..inputs.read import article_from_text
from ..record import Article
from ..stories.clustering import Clustering, ingest
from ..store import Store

TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="\d+">([^<]*)</token>')
NAME = re.compile(r"(\d+)_(\d+)(ecbplus|ecb)\.xml$")
ORDERS = 5           # shuffled orders of arrival clustered, beside the documents' own order
SEED = 17


@dataclass(frozen=True)
class Document:
    name: str
    story: str            # gold label: topic + sub-story
    text: str
    url: str | None


def read_documents(path: str, limit: int | None = None) -> list[Document]:
    files = sorted(Path(path).glob("*/*.xml"), key=_natural)
    documents = []
    for file in files:
        match = NAME.search(file.name)
        if not match:
            continue
        sentences: dict[int, list[str]] = {}
        for sentence, token in TOKEN.findall(file.read_text(encoding="utf-8")):
            sentences.setdefault(int(sentence), []).append(_unescape(token))
        lines = [tokens for _, tokens in sorted(sentences.items())]
        url = None
        if lines and lines[0] and lines[0][0].lower().startswith("http"):
            url = "".join(lines.pop(0))
        text = "\n\n".join(detokenize(tokens) for tokens in lines)
        documents.append(Document(file.name, f"{match.group(1)}{match.group(3)}", text, url))
    return _spread(documents, limit) if limit else documents


def detokenize(tokens: list[str]) -> str:
    """Tokens back to running text: no space before punctuation, curly quotes, clitics joined."""
    text = " ".join(tokens)
    text = re.sub(r"``\s*", "\u201c", text)
    text = re.sub(r"\s*''", "\u201d", text)
    text = re.sub(r"\s+([.,;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$\u201c])\s+", r"\1", text)
    text = re.sub(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text, flags=re.IGNORECASE)
    return re.sub(r"(\w) - (\w)", r"\1-\2", text)


def evaluate(path: str, config: Config, limit: int | None = None) -> dict:
    documents = read_documents(path, limit)
    started = time.perf_counter()
    articles = _process(documents, config)
    processed = time.perf_counter() - started
    gold = {doc.name: doc.story for doc in documents}
    names = [doc.name for doc in documents if doc.name in articles]
    orders = [("documents' own order", names)]
    shuffler = random.Random(SEED)
    for number in range(ORDERS):
        order = names[:]
        shuffler.shuffle(order)
        orders.append((f"shuffle {number + 1}", order))
    runs = []
    started = time.perf_counter()
    for label, order in orders:
        predicted = cluster_online([articles[name] for name in order])
        runs.append({"order": label, **score(predicted, gold)})
    clustering = time.perf_counter() - started
    baseline = tfidf_average_linkage(
        {doc.name: doc.text for doc in documents if doc.name in articles}, gold)
    mean = {metric: sum(run[metric] for run in runs) / len(runs)
            for metric in ("bcubed_p", "bcubed_r", "bcubed_f1", "pairwise_f1", "clusters")}
    return {
        "documents": len(documents), "processed": len(articles),
        "gold_stories": len(set(gold.values())),
        "storyline": {**mean, "worst_bcubed_f1": min(run["bcubed_f1"] for run in runs),
                      "runs": runs, "options": asdict(Clustering())},
        "baseline": baseline,
        "seconds": {"pipeline": round(processed, 1), "clustering_all_orders": round(clustering, 1)},
    }


def _process(documents: list[Document], config: Config) -> dict[str, Article]:
    """Run the pipeline once over every document; failures are left out (and counted)."""
    items = []
    for doc in documents:
        article = article_from_text(doc.text, config, doc.name)
        article.id, article.url = doc.name, doc.url
        items.append(article)
    return {result.id: result for result in run_batch(items, config, workers=config.workers)
            if isinstance(result, Article)}


def cluster_online(articles: list[Article], options: Clustering = Clustering()) -> dict[str, int]:
    """Articles clustered one by one, in the given order, into a fresh in-memory store."""
    with Store(":memory:") as store:
        for article in articles:
            ingest(store, article, options)
        return {row[0]: row[1] for row in
                store.connection.execute("SELECT id, story_id FROM articles")}


def score(predicted: dict, gold: dict) -> dict:
    """B-cubed precision, recall and F1, pairwise F1, over the items in `predicted`."""
    items = list(predicted)
    clusters: dict = {}
    classes: dict = {}
    for item in items:
        clusters.setdefault(predicted[item], set()).add(item)
        classes.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item in items:
        cluster, gold_class = clusters[predicted[item]], classes[gold[item]]
        shared = len(cluster & gold_class)
        precision += shared / len(cluster)
        recall += shared / len(gold_class)
    precision, recall = precision / len(items), recall / len(items)
    together = Counter((predicted[item], gold[item]) for item in items)
    true_pairs = sum(n * (n - 1) / 2 for n in together.values())
    predicted_pairs = sum(len(c) * (len(c) - 1) / 2 for c in clusters.values())
    gold_pairs = sum(len(c) * (len(c) - 1) / 2 for c in classes.values())
    pair_p = true_pairs / predicted_pairs if predicted_pairs else 0.0
    pair_r = true_pairs / gold_pairs if gold_pairs else 0.0
    return {"bcubed_p": precision, "bcubed_r": recall, "bcubed_f1": _f1(precision, recall),
            "pairwise_f1": _f1(pair_p, pair_r), "clusters": len(clusters)}


def tfidf_average_linkage(texts: dict[str, str], gold: dict[str, str]) -> dict:
    """Offline all-pairs baseline: TF-IDF cosine, average linkage, best threshold on this data."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist
    from sklearn.feature_extraction.text import TfidfVectorizer

    names = list(texts)
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [texts[name] for name in names]).toarray()
    tree = linkage(pdist(matrix, metric="cosine"), method="average")
    best = None
    for step in range(5, 100):
        threshold = step / 100
        labels = fcluster(tree, t=threshold, criterion="distance")
        result = score(dict(zip(names, labels)), gold)
        if best is None or result["bcubed_f1"] > best["bcubed_f1"]:
            best = {**result, "threshold": threshold}
    return best


def format_report(result: dict) -> str:
    ours, base = result["storyline"], result["baseline"]
    lines = [
        f"ECB+ story clustering: {result['processed']} of {result['documents']} documents, "
        f"{result['gold_stories']} gold stories (topic + sub-story)", "",
        "| system | B3 precision | B3 recall | B3 F1 | pairwise F1 | clusters |",
        "|---|---|---|---|---|---|",
        f"| storyline online (mean of {len(ours['runs'])} orders) | {ours['bcubed_p']:.3f} | "
        f"{ours['bcubed_r']:.3f} | {ours['bcubed_f1']:.3f} | {ours['pairwise_f1']:.3f} | "
        f"{ours['clusters']:.0f} |",
        f"| TF-IDF average linkage, offline, threshold {base['threshold']:.2f} tuned on this data | "
        f"{base['bcubed_p']:.3f} | {base['bcubed_r']:.3f} | {base['bcubed_f1']:.3f} | "
        f"{base['pairwise_f1']:.3f} | {base['clusters']} |", "",
        "Orders of arrival (storyline):", "",
        "| order | B3 P | B3 R | B3 F1 | pairwise F1 | clusters |", "|---|---|---|---|---|---|"]
    lines += [f"| {run['order']} | {run['bcubed_p']:.3f} | {run['bcubed_r']:.3f} | "
              f"{run['bcubed_f1']:.3f} | {run['pairwise_f1']:.3f} | {run['clusters']} |"
              for run in ours["runs"]]
    lines += ["", f"Worst order B3 F1: {ours['worst_bcubed_f1']:.3f}. Seconds: pipeline "
              f"{result['seconds']['pipeline']}, clustering (all orders) "
              f"{result['seconds']['clustering_all_orders']}."]
    return "\n".join(lines)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _unescape(token: str) -> str:
    return token.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") \
        .replace("&quot;", '"').replace("&apos;", "'")


def _natural(path: Path) -> tuple:
    match = NAME.search(path.name)
    return (int(match.group(1)), int(match.group(2)), match.group(3)) if match else (0, 0, path.name)


def _spread(documents: list[Document], limit: int) -> list[Document]:
    """A subset of `limit` documents that keeps every story: round-robin over the stories."""
    by_story: dict[str, list[Document]] = {}
    for doc in documents:
        by_story.setdefault(doc.story, []).append(doc)
    chosen: list[Document] = []
    while len(chosen) < limit and any(by_story.values()):
        for story in list(by_story):
            if by_story[story] and len(chosen) < limit:
                chosen.append(by_story[story].pop(0))
    return sorted(chosen, key=lambda doc: _natural(Path(doc.name)))
