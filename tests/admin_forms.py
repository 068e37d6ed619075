"""Submit an admin form the way a browser would: with every value it was rendered with."""

from html.parser import HTMLParser

from django.http import HttpResponse

_UNSENT_INPUTS = {"submit", "button", "image", "reset", "file"}


class _FormValues(HTMLParser):
    """Collect the values a browser would send for one form."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.values: dict[str, list[str]] = {}
        self._select: dict | None = None
        self._textarea: str | None = None

    def _add(self, name: str, value: str) -> None:
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
        elif not self.in_form:
            return
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            self._select["first"] = self._select.get("first", value)
            if "selected" in attrs:
                self._add(self._select["name"], value)
                self._select["chosen"] = True
        elif "name" not in attrs:
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in _UNSENT_INPUTS:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._add(attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select":
            self._select = {"name": attrs["name"], "multiple": "multiple" in attrs}
            self.values.setdefault(attrs["name"], [])
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._add(self._textarea, "")

    def handle_data(self, data):
        if self._textarea is not None:
            self.values[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the newline that follows <textarea>.
            self.values[self._textarea][-1] = self.values[self._textarea][-1].removeprefix("\n")
            self._textarea = None
        elif tag == "select" and self._select is not None:
            select = self._select
            if not select.get("chosen") and not select["multiple"] and "first" in select:
                self._add(select["name"], select["first"])
            self._select = None


def form_data(response: HttpResponse, form_id: str, changes: dict | None = None) -> dict:
    """Return the POST data of form `form_id` in `response`, with `changes` applied.

    The admin's change form has the id "<model name>_form". A change whose
    value is None removes the field, as an empty file input would.
    """
    parser = _FormValues(form_id)
    parser.feed(response.content.decode())
    assert parser.values, f"No form with id {form_id!r} in the response."
    data: dict = {
        name: values if len(values) > 1 else values[0]
        for name, values in parser.values.items()
        if values
    }
    for name, value in (changes or {}).items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data
