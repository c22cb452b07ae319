"""The `jalin` command: the top floor, over the API, the graph stores, the seeds and the schema."""
