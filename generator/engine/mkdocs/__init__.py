"""The MkDocs + Material for MkDocs adapter: the only code that imports mkdocs.

Replacing the engine means replacing this package; the core does not change.
"""
