"""Messages that echo text from the files cannot be used to inject."""
from __future__ import annotations

from build_tools.problems import Problem, make_safe


def test_terminal_escapes_and_control_characters_are_removed():
    hostile = "quote \x1b[2J\x1b]0;pwned\x07 not found\r\n\x00\u202e"
    assert make_safe(hostile) == "quote  not found"


def test_formatted_problem_is_path_line_column_message():
    problem = Problem("claims/a/b.yaml", 3, 5, "unknown key `qoute`")
    assert problem.format(relative_to="/") == "claims/a/b.yaml:3:5: unknown key `qoute`"


def test_warning_is_marked():
    assert Problem("x.yaml", 1, 1, "stray", "warning").format(relative_to="/").endswith(": warning: stray")


def test_github_annotation_escapes_percent_and_property_separators():
    problem = Problem("claims/a,b:c.yaml", 2, 7, "100% sure\nreally")
    annotation = problem.annotation(relative_to="/")
    assert annotation.startswith("::error file=claims/a%2Cb%3Ac.yaml,line=2,col=7::")
    assert annotation.endswith("::100%25 surereally")
    assert "\n" not in annotation
