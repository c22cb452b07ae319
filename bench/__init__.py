"""Jalin's benchmark: seed speed, read latency through GraphQL, a bare endpoint and the store, at growing scale."""
