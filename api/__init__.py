"""FastAPI + Strawberry GraphQL over the graph layer; never speaks Cypher itself."""
