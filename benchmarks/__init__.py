"""Performance measurements anyone can rerun (see README.md here)."""
