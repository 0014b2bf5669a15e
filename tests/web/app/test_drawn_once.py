"""The pages' cheaper drawing of status tags and changed fields prints exactly what the
templates they replace printed, whatever the text (escaping included)."""

from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from scorecard.reporting.key import KeyBand
from scorecard.web.pages.history import FieldChange
from scorecard.web.pages.tags import Tag
from scorecard.web.pages.templatetags.statuses import status_tag
from scorecard.web.pages.templatetags.timeline import changed_fields

LOOPED = Template(
    "{% for field in fields %}<li>{{ field.name }}: {% if field.before is not None %}<del>{{ field.before }}"
    "</del> → {% endif %}<ins>{{ field.after }}</ins></li>{% endfor %}"
)
INCLUDED = Template('{% include "pages/_tag.html" %}')

text = st.text(alphabet=st.sampled_from("a<>&\"' →é\n"), max_size=12)
fields = st.lists(st.builds(FieldChange, text, st.none() | text, text), max_size=4)
bands = st.builds(KeyBand, text, text, text, text, text, st.sampled_from(("circle", "square")))
tags = st.none() | st.builds(Tag, text, text, st.none() | bands, st.booleans())


@given(fields)
def test_changed_fields_print_as_the_template_loop_did(changed):
    assert changed_fields(changed) == LOOPED.render(Context({"fields": changed}))


@given(tags)
def test_a_status_tag_prints_as_its_include_did(tag):
    assert status_tag(tag) == INCLUDED.render(Context({"tag": tag}))


def test_a_changed_field_escapes_its_text():
    shown = changed_fields([FieldChange("Actual", None, "<b>5</b> & 'more'")])

    assert shown == "<li>Actual: <ins>&lt;b&gt;5&lt;/b&gt; &amp; &#x27;more&#x27;</ins></li>"
