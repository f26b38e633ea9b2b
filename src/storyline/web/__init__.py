"""`storyline serve`: the store in the browser, every page also JSON.

`create_app(Settings(db=..., token=...))` gives the FastAPI app; `cli/serve.py` runs it with
uvicorn. One module per page family (`stories_list`, `story`, `entities`, `articles`, `search`,
`add`, `exports`), each view a function that returns a dict that `render` serves as a page and
as JSON; `security` guards every request; every view reads through `store.queries`.
"""
from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app"]
