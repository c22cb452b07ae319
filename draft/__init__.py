"""Drafts of fixtures from a news article: who, where, when, which figures, and candidate relations,
each marked for an analyst's review. Reads text and a gazetteer; writes no store."""
