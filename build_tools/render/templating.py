"""The page layout's templates (build_tools/templates/), and the one rule for what they print.

Pages are Markdown and HTML at once, so every value a template prints goes
through text.text() (Jinja2's `finalize`), whatever the template asks:
`|safe`, `{% filter %}` and `{% autoescape %}` are refused when a template is
compiled, and concatenation, a filter or a `{% call %}` of a function gives
text, escaped like any value (tests/test_templates.py tries each). The only values printed as they are belong to `Html`, and only three things
make one: a template's own output (a macro, a `{% call %}`, a captured
`{% set %}` block; the data in it already went through text()), the analysis
subset (text.markdown_subset), and the helpers below, which check what they
pass (links and ids between pages, JSON-LD escaped for a script element).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator

from . import paths
from .text import Html, text, text_run


def finalize(value) -> str:
    """What `{{ value }}` prints: Html as it is, anything else as text (None as nothing)."""
    if type(value) is Html:
        return value
    if value is None:
        return ""
    return text(value if isinstance(value, str) else str(value))


class _TrustingOwnOutput(CodeGenerator):
    """Jinja2's code generator, with template output marked Html and no way around finalize.

    Jinja2 marks captured output as Markup only when autoescaping, which is
    HTML escaping, not ours; here it is marked Html instead (so a macro's
    result is not escaped twice), while a `{% set %}` block through a filter
    stays plain text (a filter such as `replace` could undo the escaping).
    """

    def return_buffer_contents(self, frame, force_unescaped: bool = False) -> None:
        self.writeline(f"return environment.html(concat({frame.buffer}))")

    def visit_AssignBlock(self, node: nodes.AssignBlock, frame) -> None:
        if node.filter is not None:
            return super().visit_AssignBlock(node, frame)
        self.push_assign_tracking()
        block_frame = frame.inner()
        block_frame.require_output_check = False
        block_frame.symbols.analyze_node(node)
        self.enter_frame(block_frame)
        self.buffer(block_frame)
        self.blockvisit(node.body, block_frame)
        self.newline(node)
        self.visit(node.target, frame)
        self.write(f" = environment.html(concat({block_frame.buffer}))")
        self.pop_assign_tracking(frame)
        self.leave_frame(block_frame)

    def visit_FilterBlock(self, node: nodes.FilterBlock, frame) -> None:
        # Its result is written unfinalized: a filter could undo the escaping.
        self.fail("filter blocks are not allowed in page templates", node.lineno)

    def visit_ScopedEvalContextModifier(self, node, frame) -> None:
        # {% autoescape %} would add HTML escaping to ours: text escaped twice.
        self.fail("autoescape blocks are not allowed in page templates: text() escapes", node.lineno)

    def visit_CallBlock(self, node: nodes.CallBlock, frame) -> None:
        # Jinja2 writes what the called function returns unfinalized; a macro returns Html anyway.
        call_frame, macro_ref = self.macro_body(node, frame)
        self.writeline("caller = ")
        self.macro_def(macro_ref, call_frame)
        self.start_write(frame, node)
        self.write("environment.finalize(")
        self.visit_Call(node.call, frame, forward_caller=True)
        self.write(")")
        self.end_write(frame)


class _Environment(jinja2.Environment):
    code_generator_class = _TrustingOwnOutput
    html = Html


_LINK = re.compile(r"[a-z0-9./#-]*")


def href(from_page: str, to_page: str, anchor: str | None = None) -> Html:
    """paths.href, for a template: a relative link between the site's own pages."""
    link = paths.href(from_page, to_page, anchor)
    if not _LINK.fullmatch(link):  # page paths are built from ids the validator checked
        raise ValueError(f"not a link between the site's pages: {link!r}")
    return Html(link)


_IDENT = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@lru_cache(maxsize=65536)
def ident(value: str) -> Html:
    """An id or class name as it is (ids are checked against ^[a-z0-9]+(-[a-z0-9]+)*$ by the validator)."""
    if not _IDENT.fullmatch(value):
        raise ValueError(f"not an id: {value!r}")
    return Html(value)


def ident_list(values) -> Html:
    """Ids separated by spaces, for an attribute such as class or data-passages."""
    return Html(" ".join(map(ident, values)))


def yaml_string(value, ensure_ascii: bool = True) -> Html:
    """A front matter value: the text (or Html) written as a JSON string, which YAML reads back exactly."""
    written = json.dumps(finalize(value), ensure_ascii=ensure_ascii)
    if ensure_ascii:  # JSON writes a character beyond U+FFFF as two halves, which YAML would read as two
        return Html(_SURROGATE_PAIR.sub(_yaml_astral_escape, written))
    return Html(_YAML_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", written))


_SURROGATE_PAIR = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")
# What a YAML double-quoted string may not hold as it is: characters YAML reads
# as line breaks (NEL, LS, PS) or refuses (C1, BOM, non-characters). JSON escapes C0 itself.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _yaml_astral_escape(pair: re.Match) -> str:
    high, low = int(pair[1], 16), int(pair[2], 16)
    return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"


def text_piece(value: str) -> Html:
    """text.text_run: a piece of a longer text, its leading and trailing spaces kept."""
    return Html(text_run(value))


ENVIRONMENT = _Environment(
    loader=jinja2.PackageLoader("build_tools", "templates"),
    autoescape=False,  # escaping is finalize's, for Markdown and HTML at once
    finalize=finalize,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    auto_reload=False,
)
ENVIRONMENT.filters = {name: ENVIRONMENT.filters[name]
                       for name in ("length", "lower", "join", "first", "last", "default", "int", "format")}
ENVIRONMENT.filters.update(yaml_string=yaml_string, piece=text_piece)
ENVIRONMENT.globals.update(href=href, ident=ident)


def template(name: str) -> jinja2.Template:
    return ENVIRONMENT.get_template(name)
