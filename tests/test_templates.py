"""What a page template prints goes through text(): no template construct prints data unescaped.

The pages are Markdown and HTML at once, so `*`, `[`, `{:` and `<` in data are
all syntax; render/templating.py makes text.text() the one way a value reaches
a page. These tests render small templates in the project's environment with
a hostile value and check that each way of printing it escapes it once, and
that what templates build themselves (macros, captured blocks) is not
escaped twice.
"""
from __future__ import annotations

import jinja2
import pytest

from build_tools.render import templating
from build_tools.render.text import Html, text

HOSTILE = '<script>alert(1)</script> *em* [link](javascript:x) {: onclick="x" } !!! note'
ESCAPED = text(HOSTILE)


def render(source: str, **context) -> str:
    return templating.ENVIRONMENT.from_string(source).render(value=HOSTILE, **context)


@pytest.mark.parametrize("source", [
    "{{ value }}",
    "{{ value|default('') }}",
    "{{ value ~ '' }}",
    "{{ value|join('') }}",
    "{{ '%s'|format(value) }}",
    "{% set captured = value %}{{ captured }}",
    "{{ dict(x=value)['x'] }}",
])
def test_every_way_of_printing_a_value_escapes_it(source):
    assert render(source) == ESCAPED


def test_the_safe_filter_is_not_there_to_skip_escaping():
    with pytest.raises(jinja2.TemplateAssertionError):
        render("{{ value|safe }}")


@pytest.mark.parametrize("source", [
    "{% filter replace('&lt;', '<') %}{{ value }}{% endfilter %}",  # would undo the escaping
    "{% autoescape true %}{{ value }}{% endautoescape %}",          # would escape twice
])
def test_blocks_that_change_escaping_are_refused(source):
    with pytest.raises(jinja2.TemplateSyntaxError):
        render(source)


def test_a_call_block_prints_what_a_function_returns_escaped():
    # Jinja2 writes a {% call %} result unfinalized; here it is finalized like any value.
    assert render("{% call raw() %}{% endcall %}", raw=lambda caller: HOSTILE) == ESCAPED


def test_a_macro_and_a_captured_block_are_escaped_once():
    macro = "{% macro m(v) %}<b>{{ v }}</b>{% endmacro %}"
    assert render(macro + "{{ m(value) }}") == f"<b>{ESCAPED}</b>"
    assert render("{% set block %}<i>{{ value }}</i>{% endset %}{{ block }}") == f"<i>{ESCAPED}</i>"
    box = "{% macro box() %}<b>{{ caller() }}</b>{% endmacro %}"
    assert render(box + "{% call box() %}{{ value }}{% endcall %}") == f"<b>{ESCAPED}</b>"


def test_a_captured_block_through_a_filter_is_text_again():
    # A filter could undo the escaping (as replace would), so its result is escaped again: twice, never live.
    printed = render("{% set block | lower %}<B>{{ value }}{% endset %}{{ block }}")
    assert printed == text(f"<B>{ESCAPED}".lower()) and "<b>" not in printed


def test_only_html_made_by_the_renderer_is_printed_as_it_is():
    assert render("{{ markup }}", markup=Html("<em>ok</em>")) == "<em>ok</em>"
    assert render("{{ markup ~ '' }}", markup=Html("<em>ok</em>")) == text("<em>ok</em>")
    assert render("{{ number }}|{{ nothing }}", number=-3, nothing=None) == "&#45;3|"


def test_links_and_ids_between_pages_are_checked_not_escaped():
    assert render("{{ href('claims/a.md', 'topics/b.md', 'source-1') }}") == "../../topics/b/#source-1"
    assert render("{{ ident('source-card') }}") == "source-card"
    with pytest.raises(ValueError):
        render("{{ ident(value) }}")
    with pytest.raises(ValueError):
        render("{{ href('index.md', value) }}")
