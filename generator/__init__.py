"""G60 Corridor Atlas: turns seeds/ and facts.yml into the Markdown pages of the site."""

__version__ = "0.1.0"
