"""The embedded store: one SQLite file, nothing to start.

`connection` opens it (and read-only, for readers), `migrations` holds its named schema changes,
`articles` writes and reads whole `Article`s, and `queries` answers the views' questions
(`entity_queries` those about one entity).
"""
from .articles import TABLES, Store, fts_query, name_key, outlet_of
from .connection import DEFAULT_PATH, connect, connect_read_only

__all__ = ["DEFAULT_PATH", "TABLES", "Store", "connect", "connect_read_only", "fts_query",
           "name_key", "outlet_of"]
