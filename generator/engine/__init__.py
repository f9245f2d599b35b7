"""Step 5, write: the rendered site handed to a site engine (MkDocs today) and swapped in whole."""
