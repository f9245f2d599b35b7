"""Step 1, load: read the project's files (safely, inside its folder) without judging them."""
