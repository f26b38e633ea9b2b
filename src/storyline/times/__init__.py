"""Time expressions found and normalized to TIMEX3 values."""

from .stage import find_times, normalize_times

__all__ = ["find_times", "normalize_times"]
