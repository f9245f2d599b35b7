"""The MkDocs + Material for MkDocs adapter: the only code that imports mkdocs.

Replacing the engine means replacing this package; the core does not change. ENGINE tells
the core what it must know of this engine (importing it does not import MkDocs).
"""

from generator.render.site import Engine

ENGINE = Engine(
    name="MkDocs with Material for MkDocs",
    # Material's search index (search/) and theme files (assets/), MkDocs' gzipped sitemap.
    reserved=frozenset({"search", "assets", "sitemap.xml.gz"}),
    derived=("assets/", "search/", "sitemap.xml.gz"))
