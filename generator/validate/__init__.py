"""Step 2, validate: check what was loaded and build the plan model, reporting every problem."""
