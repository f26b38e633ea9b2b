"""Reading articles: files, stdin, URLs, JSONL, HTML pages, feeds and WARC archives."""
