"""Plansite: a council's service plans, from YAML and Markdown to an accessible static site.

The core (load, validate, model, render) lives in this package and knows nothing of the
site engine; `generator.engine.mkdocs` hands the rendered pages to MkDocs.
"""
