"""The site search: /tim-kiem/?q=…&tu=dd/mm/yyyy&den=dd/mm/yyyy&loai=<kind>&trang=N.

The shell owns the framework: reading the query (query.py), the providers that content
apps register in their ready() (providers.py), highlighting and excerpts (display.py) and
the page (views.py). Each provider searches one kind of content: articles.search for news,
documents.search for documents.
"""
