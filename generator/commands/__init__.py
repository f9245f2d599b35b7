"""The `plansite` commands people run: build, serve, check, record, publish, report, new."""
