"""Many articles: the SQLite store, story clustering, merged timelines, dossiers."""
