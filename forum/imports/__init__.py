"""Bringing articles and comments from elsewhere: WordPress and Disqus exports (archives.py), saved
article pages (pages.py), both read pure, and stored by services.py and forum.services.articles."""
