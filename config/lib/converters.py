class UnicodeSlugConverter:
    """A slug in any script: 'aron-piper', 'la-tregua', 'қарағанды'.

    Django's own `slug` converter takes ASCII only. New slugs are ASCII
    (config.lib.text.make_slug), but slugs saved before in another script
    stay the addresses journalists kept.
    """

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
