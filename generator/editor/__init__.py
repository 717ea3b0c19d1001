"""The editors' tools: scaffold new entries and articles, list what the articles say that the atlas lacks, preview."""
