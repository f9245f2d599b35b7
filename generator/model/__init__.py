"""Step 3, model: the plan records and the rules worked out from them (status, gate, history)."""
