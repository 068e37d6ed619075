"""The demo catalogue: La Tregua, from the facts in la-tregua-facts.md.

Texts are written for this project from those facts. Where a fact is
missing (an exact screening time, a venue), the record says plainly that it
is a sample.
"""
