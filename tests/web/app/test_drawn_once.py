"""The pages' cheaper drawing of status tags and history events prints exactly what the
templates they replace printed, whatever the text (escaping included)."""

from datetime import UTC, datetime

from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from scorecard.reporting.key import KeyBand
from scorecard.web.pages.history import Event, FieldChange
from scorecard.web.pages.tags import Tag
from scorecard.web.pages.templatetags.statuses import status_tag
from scorecard.web.pages.templatetags.timeline import timeline_event
from scorecard.web.plans.models import Change, ChangeKind, User

TEMPLATED = Template(  # the event as `_timeline.html` drew it with template tags alone
    """<h3 class="govuk-heading-s govuk-!-margin-bottom-1">{{ event.record }}: {{ event.change.get_kind_display }}</h3>
    <p class="govuk-body-s govuk-!-margin-bottom-1">{{ event.change.created_at|date:"j M Y, H:i" }}, by \
{% if event.change.made_by %}{{ event.change.made_by.get_full_name|default:event.change.made_by.username }}\
{% else %}{{ event.change.source|default:"the system" }}{% endif %}\
{% if event.change.comment %}: “{{ event.change.comment }}”{% endif %}</p>
    {% if event.fields %}<ul class="govuk-list govuk-list--bullet govuk-body-s">
      {% for field in event.fields %}<li>{{ field.name }}: {% if field.before is not None %}<del>{{ field.before }}\
</del> → {% endif %}<ins>{{ field.after }}</ins></li>{% endfor %}
    </ul>{% endif %}"""  # the backslashes join lines the template had as one
)
INCLUDED = Template('{% include "pages/_tag.html" %}')

text = st.text(alphabet=st.sampled_from("a<>&\"' →é\n"), max_size=12)
fields = st.lists(st.builds(FieldChange, text, st.none() | text, text), max_size=4).map(tuple)
users = st.none() | st.builds(User, first_name=text, last_name=text, username=text)
moments = st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC))
changes = st.builds(
    Change,
    kind=st.sampled_from(ChangeKind.values),
    created_at=moments,
    made_by=users,
    source=text,
    comment=text,
)
bands = st.builds(KeyBand, text, text, text, text, text, st.sampled_from(("circle", "square")))
tags = st.none() | st.builds(Tag, text, text, st.none() | bands, st.booleans())


@given(st.builds(Event, changes, text, fields))
def test_a_history_event_prints_as_its_template_did(event):
    assert timeline_event(event) == TEMPLATED.render(Context({"event": event}))


@given(tags)
def test_a_status_tag_prints_as_its_include_did(tag):
    assert status_tag(tag) == INCLUDED.render(Context({"tag": tag}))


def test_a_history_event_escapes_its_text_and_dates_in_london_time():
    change = Change(kind=ChangeKind.CHANGED, created_at=datetime(2024, 7, 1, 8, 5, tzinfo=UTC), source="<web>")
    shown = timeline_event(Event(change, "Return for Q1 2024/25", (FieldChange("Actual", None, "<b>5</b> & 'm'"),)))

    assert "1 Jul 2024, 09:05, by &lt;web&gt;</p>" in shown
    assert "<li>Actual: <ins>&lt;b&gt;5&lt;/b&gt; &amp; &#x27;m&#x27;</ins></li>" in shown
