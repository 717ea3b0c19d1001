"""One module per kind of page: its context, beside its template of the same name in templates/.

Each module's `pages(env, atlas, site_url)` returns {docs-relative path: text} for its kind.
"""
