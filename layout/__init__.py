"""newspage: lays out a Chinese newspaper edition into print-ready PDF pages.

Pipeline (each stage takes plain data from the one above):
content → model → typeset (lines) → makeup (page geometry) → render (PDF) → report.
"""

__version__ = "0.1.0"
