"""News sources: feeds and listing pages polled on a schedule, article pages, relevance."""
