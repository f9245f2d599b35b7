"""Quality harness: judges that run against a built static site directory."""
