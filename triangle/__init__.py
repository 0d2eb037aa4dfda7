"""triangle: strategic-triangle game theory for three-actor scenarios."""

__version__ = "0.1.0"
