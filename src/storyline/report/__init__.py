"""Output for people: the Markdown report and the article timeline."""

from .markdown import to_markdown
from .timeline import Timeline, build_timeline, render_timeline

__all__ = ["Timeline", "build_timeline", "render_timeline", "to_markdown"]
