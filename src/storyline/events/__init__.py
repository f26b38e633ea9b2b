"""Events: the happenings sentences report, dated and with modality."""

from .stage import find_events

__all__ = ["find_events"]
