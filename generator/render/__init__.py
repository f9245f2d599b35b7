"""Step 4, render: the model turned into pages, downloads and host files, engine-free."""
