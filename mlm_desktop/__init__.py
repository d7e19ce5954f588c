"""MLM Desktop: explore masked language models by pointing and clicking."""

__version__ = "0.1.0"
