"""Small bar charts as SVG geometry (drawn by the templates with attributes only, so the
Content-Security-Policy needs no inline styles): articles per day, results per month."""
from __future__ import annotations

from datetime import date, timedelta

# More days than this are drawn as this many equal bins; no bar is wider than this.
MAX_BARS = 60
MAX_BAR_WIDTH = 14


def day_bars(days: list[dict], width: int = 160, height: int = 28) -> list[dict]:
    """Bars for [{"date": ISO day, "count"}], one per day from the first to the last (empty days
    stay empty), or per bin of days when the span is long; each {x, y, w, h, label}."""
    dated = [(date.fromisoformat(d["date"]), d["count"]) for d in days if _is_day(d["date"])]
    if not dated:
        return []
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    span = (last - first).days + 1
    size = max(1, -(-span // MAX_BARS))           # days per bar
    bins = -(-span // size)
    counts = [0] * bins
    for day, count in dated:
        counts[(day - first).days // size] += count
    return _bars(counts, [_label(first + timedelta(days=i * size), size, counts[i])
                          for i in range(bins)], width, height)


def month_bars(months: list[dict], width: int = 320, height: int = 60) -> list[dict]:
    """Bars for [{"month": YYYY-MM, "count"}], one per month from the first to the last."""
    known = {m["month"]: m["count"] for m in months if len(m["month"]) == 7}
    if not known:
        return []
    year, month = map(int, min(known).split("-"))
    last = max(known)
    keys = []
    while f"{year:04d}-{month:02d}" <= last and len(keys) < 600:
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    counts = [known.get(key, 0) for key in keys]
    return _bars(counts, [f"{key}: {count}" for key, count in zip(keys, counts)], width, height)


def _bars(counts: list[int], labels: list[str], width: int, height: int) -> list[dict]:
    top = max(counts) or 1
    step = width / len(counts)
    bar = min(max(step - (1 if step > 3 else 0), 0.8), MAX_BAR_WIDTH)
    return [{"x": round(i * step + (step - bar) / 2, 2), "w": round(bar, 2),
             "h": round(height * count / top, 2) if count else 0,
             "y": round(height - height * count / top, 2) if count else height,
             "label": label} for i, (count, label) in enumerate(zip(counts, labels))]


def _label(start: date, size: int, count: int) -> str:
    when = start.isoformat() if size == 1 else \
        f"{start.isoformat()} to {(start + timedelta(days=size - 1)).isoformat()}"
    return f"{when}: {count} article{'s' if count != 1 else ''}"


def _is_day(value: str | None) -> bool:
    try:
        date.fromisoformat(value or "")
    except ValueError:
        return False
    return True
