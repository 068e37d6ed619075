"""A film's press kit, one job per module.

listing.py    which files the visitor may have, named and described (the kit page reads it)
archive.py    the whole kit as one streamed ZIP of known size
manifest.py   the kit's list of files as CSV and JSON, with checksums
credits_text.py  the film's credits as plain text
press_notes.py   the press notes PDF, typeset by Typst from press_notes.typ
"""
