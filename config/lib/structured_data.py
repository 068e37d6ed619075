"""schema.org JSON-LD helpers shared by both apps."""


def without_empty(data: dict) -> dict:
    """`data` without the keys whose value is empty: schema.org wants absent, not blank."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}
