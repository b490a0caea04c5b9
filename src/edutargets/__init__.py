"""edutargets: Chinese education plan targets beside reported outcomes, with their sources."""

__version__ = "0.1.0"
