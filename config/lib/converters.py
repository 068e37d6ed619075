class UnicodeSlugConverter:
    """A slug in any script: 'aron-piper', 'la-tregua', 'қарағанды'.

    Django's own `slug` converter takes ASCII only; slugs here keep letters
    of other scripts (config.lib.text.make_slug).
    """

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
