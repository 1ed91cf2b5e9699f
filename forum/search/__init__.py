"""Search over what readers may see: the query (query.py) and the full-text index it reads (index.py)."""
