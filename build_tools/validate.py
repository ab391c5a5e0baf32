"""Stage 2: check the loaded documents and build the model from them.

Every problem in every file is collected in one run, each pointing at the
key it concerns. Checks that need well-typed data run only on documents that
passed their schema, so a wrong type is reported once, precisely, instead of
breaking a later check.
"""
from __future__ import annotations

import copy
import datetime
import difflib
import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import fastjsonschema
import jsonschema

from . import compare, excerpts, model, styles
from .archive import ArchivedText, fold_space
from .indonesian_numbers import MULTIPLIERS, SCALES, SE_WORDS, UNITS, NumberMention, find_numbers
from .links import is_safe_address, unsafe_links
from .load import REGISTRIES, ClaimFile, LoadedFiles
from .problems import ProblemList, excerpt
from .render.paths import RESERVED_IDS
from .yamldoc import Document, describe_character, unsafe_text_character

SCHEMA_DIR = Path(__file__).parent / "schema"
# Used with fullmatch: `$` would also match before a final newline.
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")



def reserved_id_problem(kind: str, value: str) -> str | None:
    """Why `value` cannot be the id of a `kind` (claim, topic, ...): its address is the namespace's own page."""
    folder, reserved = RESERVED_IDS[kind]
    if value not in reserved:
        return None
    return (f"{kind} id `{value}` is reserved: /{folder}/{value}/ belongs to the site's own "
            f"listing of {folder}; choose another id")


def load_schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


class _SchemaCheck:
    """A schema, checked fast, and explained precisely only when it fails.

    The compiled check (fastjsonschema) costs about as much as reading the
    file; the interpreting validator (jsonschema), which lists every error
    with its path, runs only for files that failed it.
    """

    def __init__(self, schema: dict):
        # fastjsonschema rewrites `$ref`s in the schema it is given (to absolute
        # URIs jsonschema cannot resolve), so it gets its own copy.
        self.is_valid = fastjsonschema.compile(copy.deepcopy(schema))
        self.explain = _EcmaPatternValidator(schema)

    def errors(self, data) -> list:
        try:
            self.is_valid(data)
        except fastjsonschema.JsonSchemaException as refusal:
            # A refusal the precise validator cannot explain is still a refusal:
            # the two disagreeing must never let a file through.
            return list(self.explain.iter_errors(data)) or [_as_validation_error(refusal)]
        return []


def _ecma_pattern(validator, pattern: str, instance, schema):
    """`pattern` as ECMA-262 (and editors' tools) read it: `$` is the end of the
    string, not also the place before a final newline as in Python's re."""
    if isinstance(instance, str) and not re.search(_ecma_to_python(pattern), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=None)
def _ecma_to_python(pattern: str) -> str:
    return re.sub(r"(?<!\\)\$", r"\\Z", pattern)


_EcmaPatternValidator = jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": _ecma_pattern})


def _as_validation_error(refusal: fastjsonschema.JsonSchemaException) -> jsonschema.ValidationError:
    return jsonschema.ValidationError(
        refusal.message, validator=refusal.rule, path=refusal.path[1:], instance=refusal.value,
        schema=refusal.definition if isinstance(refusal.definition, dict) else {},
        validator_value=refusal.rule_definition)


@lru_cache(maxsize=None)
def _validator(name: str, definition: str | None = None) -> _SchemaCheck:
    schema = load_schema(name)
    if definition:
        schema = {**schema, "$ref": f"#/definitions/{definition}"}
    return _SchemaCheck(schema)


@dataclass
class Context:
    """What every claim is checked against: the registries and the archive, checked, and their problems."""

    corpus: model.Corpus  # with no claims
    unreadable: frozenset[str]  # registries (and the archive index) that could not be read: not checked against
    problems: ProblemList


def validate(files: LoadedFiles) -> tuple[model.Corpus, ProblemList]:
    """Check everything that was loaded; return the model of what is valid and all problems."""
    context = check_context(files)
    same_id = claim_paths_by_id(files)
    return corpus_of(files, context, [check_claim(f, context, same_id[f.id]) for f in files.claims])


def check_context(files: LoadedFiles) -> Context:
    """Check the registries and the archive (everything but the claims)."""
    problems = ProblemList()
    registries = {name: _check_registry(name, files.registries[name], problems) for name in REGISTRIES}
    if registries["verdicts"]:
        styles.check_verdict_styles(files.registries["verdicts"], problems)
    articles = _check_articles(files, problems)
    # References into a list that could not be read are not checked: one
    # broken registry should give one error, not one per claim.
    unreadable = {f"claims/{name}.yaml" for name, entries in registries.items() if not entries}
    if not articles:
        unreadable.add("seeds/articles.yaml")
    corpus = model.Corpus(
        root=str(files.root),
        topics={t["id"]: model.Topic(**t) for t in registries["topics"]},
        measures=_check_measure_relations(files.registries["measures"], registries["measures"], problems),
        originators={o["id"]: model.Originator(**o) for o in registries["originators"]},
        verdicts=_check_verdict_rules(files.registries["verdicts"], registries["verdicts"], problems),
        articles=articles,
        claims={},
        stances={s["id"]: model.Stance(**s) for s in registries["stances"]},
    )
    return Context(corpus, frozenset(unreadable), problems)


def claim_paths_by_id(files: LoadedFiles) -> dict[str, tuple[Path, ...]]:
    """Every claim file in the tree by its id (the file name), for the check that ids are unique."""
    found: dict[str, list[Path]] = {}
    for path in files.all_claim_paths:
        found.setdefault(path.stem, []).append(path)
    return defaultdict(tuple, {claim_id: tuple(paths) for claim_id, paths in found.items()})


def check_claim(claim_file: ClaimFile, context: Context, same_id: tuple[Path, ...]) -> tuple[model.Claim | None, ProblemList]:
    """Check one claim file in its context; its model when it is valid, and its problems.

    `same_id` is every file in the tree with this claim's id. A plain function
    of its arguments: the plugin's cache reuses the result while they are unchanged.
    """
    problems = ProblemList()
    return _check_claim(claim_file, context.corpus, same_id, context.unreadable, problems), problems


def corpus_of(files: LoadedFiles, context: Context,
              checked: list[tuple[model.Claim | None, ProblemList]]) -> tuple[model.Corpus, ProblemList]:
    """The corpus of the valid claims, and every problem: loading's, the context's, then each claim's."""
    problems = ProblemList(files.problems)
    problems.extend(context.problems)
    claims = {}
    for claim, found in checked:
        problems.extend(found)
        if claim is not None:
            claims[claim.id] = claim
    if context.corpus.topics:
        _check_topic_orders(files.registries["topics"], claim_paths_by_id(files), problems)
    return replace(context.corpus, claims=dict(sorted(claims.items()))), problems


def _check_topic_orders(doc: Document, ids_in_tree: dict[str, list[Path]], problems: ProblemList) -> None:
    """Each id a topic's `order` lists names a claim file in that topic's folder."""
    for index, entry in enumerate(doc.data):
        for position, claim_id in enumerate(entry.get("order", ())):
            folders = {path.parent.name for path in ids_in_tree.get(claim_id, ())}
            if entry["id"] not in folders:
                line, column = doc.position((index, "order", position))
                where = f"; it is in claims/{sorted(folders)[0]}/" if folders else ""
                problems.add(doc.path, line, column, f"`order` lists `{excerpt(claim_id, 60)}`, which is no claim "
                                                     f"of topic `{excerpt(entry['id'], 40)}`{where}")


# --- schema errors -----------------------------------------------------------

def _schema_problems(doc: Document, schema: _SchemaCheck, problems: ProblemList) -> bool:
    """Report every schema error at the key it concerns; True when there were none."""
    errors = sorted(schema.errors(doc.data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    for error in errors:
        for path, message in _describe_schema_error(error):
            line, column = doc.position(path)
            problems.add(doc.path, line, column, message)
    return not errors


def _field_name(path) -> str:
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "the file"


def _describe_schema_error(error: jsonschema.ValidationError):
    path = tuple(error.absolute_path)
    where = f"`{_field_name(path)}`"
    kind, schema, instance = error.validator, error.schema, error.instance
    if kind == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        for key in sorted(set(instance) - set(known)):
            hint = difflib.get_close_matches(key, known, n=1)
            suggestion = f"; did you mean `{hint[0]}`?" if hint else f"; allowed here: {', '.join(known)}"
            yield path + (key,), f"unknown key `{excerpt(key, 40)}`{suggestion}"
        return
    if kind == "required":
        missing = re.match(r"'(.*)' is a required property", error.message)
        key = missing.group(1) if missing else error.message
        inside = f" in {where}" if path else ""
        yield path, f"missing key `{key}`{inside}"
        return
    if kind == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        article = "an" if str(expected)[0] in "aeiou" else "a"
        yield path, f"{where} must be {article} {expected}, not {_json_type(instance)}"
        return
    if kind == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        yield path, f"{where} is {excerpt(repr(instance), 60)}; expected one of: {choices}"
        return
    if kind == "maxLength":
        yield path, f"{where} is {len(instance)} characters; at most {error.validator_value} allowed"
        return
    if kind == "minLength":
        yield path, f"{where} must not be empty"
        return
    if kind == "pattern":
        if error.validator_value.startswith("^[0-9]{4}"):
            yield path, f"{where} is {excerpt(repr(instance), 40)}; dates are ISO strings: \"2025-03-27\", \"2025-03\" or \"2025\""
        elif "a-z0-9]+(-" in error.validator_value:
            yield path, f"{where} is {excerpt(repr(instance), 40)}; ids are lowercase words joined by hyphens"
        else:
            yield path, f"{where} is {excerpt(repr(instance), 60)}; it does not have the expected form"
        return
    if kind in ("oneOf", "anyOf") and "x-message" in schema:
        yield path, f"{where}: {schema['x-message']}"
        return
    if kind == "dependencies":
        missing = re.match(r"'(.*)' is a dependency of '(.*)'", error.message)
        if missing:
            yield path + (missing.group(2),), f"`{missing.group(2)}` needs `{missing.group(1)}` beside it"
            return
    if kind in ("minItems", "maxItems"):
        yield path, f"{where} has {len(instance)} items; {kind[:3]}imum {error.validator_value}"
        return
    if kind == "minimum":
        yield path, f"{where} must be at least {error.validator_value}"
        return
    yield path, f"{where}: {excerpt(error.message, 120)}"


def _json_type(value) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "true/false",
            int: "a number", float: "a number", type(None): "empty (null)"}.get(type(value), type(value).__name__)


# --- registries and articles ---------------------------------------------------

def _check_registry(name: str, doc: Document | None, problems: ProblemList) -> list[dict]:
    if doc is None or not _schema_problems(doc, _validator("registries", name), problems):
        return []
    entries, seen = [], set()
    for index, entry in enumerate(doc.data):
        if entry["id"] in seen:
            line, column = doc.position((index, "id"))
            problems.add(doc.path, line, column, f"duplicate {name[:-1]} id `{entry['id']}`")
            continue
        reserved = reserved_id_problem(name[:-1], entry["id"]) if name[:-1] in RESERVED_IDS else None
        if reserved:
            line, column = doc.position((index, "id"))
            problems.add(doc.path, line, column, reserved)
            continue
        seen.add(entry["id"])
        entries.append(entry)
    return entries


def _verdict(entry: dict, rule: model.VerdictRule | None) -> model.Verdict:
    colours = styles.colours(entry)
    return model.Verdict(id=entry["id"], label=entry["label"], meaning=entry["meaning"], icon=entry["icon"],
                         colour_light=colours["light"], colour_dark=colours["dark"], rule=rule)


def _check_verdict_rules(doc: Document | None, entries: list[dict], problems: ProblemList) -> dict[str, model.Verdict]:
    """The verdicts with their rules; a verdict without a rule, and rules that could both fit one claim, are errors.

    Two rules overlap when some evidence meets both; the registry must then
    say which wins (`wins_over`), or a claim's verdict would be a choice the
    rules do not make.
    """
    verdicts: dict[str, model.Verdict] = {}
    where = {entry["id"]: index for index, entry in enumerate(doc.data)} if doc is not None else {}

    def report(verdict_id: str, key: tuple, message: str) -> None:
        line, column = doc.position((where[verdict_id],) + key)
        problems.add(doc.path, line, column, message)

    for entry in entries:
        data = entry.get("rule")
        rule = None
        if data is None:
            report(entry["id"], ("id",), f"verdict `{entry['id']}` declares no rule: add `rule:` with the comparison "
                                         f"statuses it allows (and, as needed, min_independent, max_independent, "
                                         f"denial, overtaken), so that claims can be held to it")
        else:
            rule = model.VerdictRule(
                statuses=tuple(data["statuses"]), min_independent=data.get("min_independent", 0),
                max_independent=data.get("max_independent"), denial=data.get("denial"),
                overtaken=data.get("overtaken"), wins_over=tuple(data.get("wins_over", ())))
            if rule.max_independent is not None and rule.max_independent < rule.min_independent:
                report(entry["id"], ("rule", "max_independent"),
                       f"verdict `{entry['id']}`: max_independent is below min_independent, so no evidence fits it")
        verdicts[entry["id"]] = _verdict(entry, rule)
    for verdict in verdicts.values():
        for index, loser in enumerate(verdict.rule.wins_over if verdict.rule else ()):
            if loser not in verdicts:
                report(verdict.id, ("rule", "wins_over", index), f"verdict `{verdict.id}` wins over `{excerpt(loser, 60)}`, "
                                                                 f"which is not a verdict in this registry")
    ruled = [v for v in verdicts.values() if v.rule is not None]
    for later_index, later in enumerate(ruled):
        for earlier in ruled[:later_index]:
            if earlier.id in later.rule.wins_over or later.id in earlier.rule.wins_over:
                continue
            if compare.rules_overlap(earlier.rule, later.rule):
                report(later.id, ("rule",), f"the rules of `{earlier.id}` and `{later.id}` can both fit one claim's "
                                            f"evidence ({compare.rule_in_words(earlier.rule)} / "
                                            f"{compare.rule_in_words(later.rule)}); make them exclusive, or name the "
                                            f"one that gives way in the other's `wins_over`")
    return verdicts


def _check_measure_relations(doc: Document | None, entries: list[dict],
                             problems: ProblemList) -> dict[str, model.Measure]:
    """The measures with their relations; a relation naming an unknown measure, a part that its total's list of
    parts leaves out, and a measure that is, through its relations, a part of itself are errors."""
    where = {entry["id"]: index for index, entry in enumerate(doc.data)} if doc is not None else {}
    measures = {m["id"]: model.Measure(**{**m, "parts": tuple(m.get("parts", ()))}) for m in entries}

    def report(measure_id: str, key: tuple, message: str) -> None:
        line, column = doc.position((where[measure_id],) + key)
        problems.add(doc.path, line, column, message)

    # Each relation as an edge from part to total, with the key that declares it.
    edges: dict[str, list[tuple[str, str, tuple]]] = {}
    for measure in measures.values():
        declared = [(measure.id, measure.part_of, ("part_of",))] if measure.part_of else []
        declared += [(part, measure.id, ("parts", index)) for index, part in enumerate(measure.parts)]
        for part, total, key in declared:
            other = total if key == ("part_of",) else part
            if other not in measures:
                hint = difflib.get_close_matches(other, list(measures), n=1)
                report(measure.id, key, f"measure `{excerpt(other, 60)}` is not in claims/measures.yaml"
                                        + (f"; did you mean `{hint[0]}`?" if hint else ""))
                continue
            edges.setdefault(part, []).append((total, measure.id, key))
        if measure.part_of in measures and measures[measure.part_of].parts \
                and measure.id not in measures[measure.part_of].parts:
            report(measure.id, ("part_of",), f"measure `{measure.id}` is part of `{measure.part_of}`, whose `parts` "
                                             f"leave it out: add it there, or remove `part_of`")
    # Depth first, each measure entered once, with a stack of its own (a registry may chain thousands): an edge
    # back to a measure still on the path closes a circle, reported at the key that declares that edge.
    done: set[str] = set()
    for start in measures:
        if start in done:
            continue
        trail, on_trail, stack = [start], {start}, [iter(edges.get(start, ()))]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                finished = trail.pop()
                on_trail.discard(finished)
                done.add(finished)
                continue
            total, declarer, key = step
            if total in on_trail:
                circle = trail[trail.index(total):] + [total]
                report(declarer, key, f"measure relations go round in a circle ({' → '.join(f'`{m}`' for m in circle)}"
                                      f"): a measure cannot be, through its relations, a part of itself")
            elif total not in done:
                trail.append(total)
                on_trail.add(total)
                stack.append(iter(edges.get(total, ())))
    return measures


def _check_articles(files: LoadedFiles, problems: ProblemList) -> dict[str, model.Article]:
    doc = files.articles
    if doc is None or not _schema_problems(doc, _validator("articles"), problems):
        return {}
    articles: dict[str, model.Article] = {}
    listed = set()
    for index, entry in enumerate(doc.data):
        def report(key, message):
            line, column = doc.position((index, key))
            problems.add(doc.path, line, column, message)
        listed.add(entry["file"])
        if entry["id"] in articles:
            report("id", f"duplicate article id `{entry['id']}`")
            continue
        if reserved_id_problem("article", entry["id"]):
            report("id", reserved_id_problem("article", entry["id"]))
            continue
        raw = files.archive.get(entry["file"])
        if raw is None:
            report("file", f"seeds/{excerpt(entry['file'], 80)} does not exist")
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest != entry["sha256"]:
            report("sha256", f"seeds/{excerpt(entry['file'], 80)} no longer matches its recorded sha256 "
                             f"(recorded {entry['sha256'][:12]}…, file is {digest[:12]}…): archived articles must never change")
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            report("file", f"seeds/{excerpt(entry['file'], 80)} is not UTF-8 text")
            continue
        unsafe = unsafe_text_character(text, "archived articles are never edited, so this one cannot be published")
        if unsafe:  # the archive is never edited: such an article cannot be published as it is
            line, column, message = unsafe
            problems.add(str(files.root / "seeds" / entry["file"]), line, column, message)
            continue
        archive = ArchivedText(text)
        furniture = []
        for f_index, item in enumerate(entry["furniture"]):
            first, last = item["lines"]
            if not first <= last <= len(archive.lines):
                line, column = doc.position((index, "furniture", f_index, "lines"))
                problems.add(doc.path, line, column,
                             f"furniture lines {first}-{last} are outside the article's {len(archive.lines)} lines")
                continue
            furniture.append(model.Furniture(first, last, item["what"]))
        date_message = _date_problem(entry["date"])
        if date_message:
            report("date", date_message)
        for key in ("url", "archived_url"):
            if entry.get(key) is not None and not is_safe_address(entry[key]):
                line, column = doc.position_of_text((index, key), entry[key])
                problems.add(doc.path, line, column, f"`{key}` \u201c{excerpt(entry[key], 60)}\u201d is not a plain http(s) address: "
                            f"write \", < and > percent-encoded (%22, %3C, %3E)")
        articles[entry["id"]] = model.Article(
            id=entry["id"], file=entry["file"], sha256=entry["sha256"], headline=entry["headline"],
            outlet=entry["outlet"], kind=entry["kind"], translates=entry["translates"],
            cites=tuple(entry["cites"]), language=entry["language"], date=entry["date"], url=entry["url"],
            republish=entry["republish"], furniture=tuple(furniture), archive=archive,
            outlet_note=entry.get("outlet_note"), kind_note=entry.get("kind_note"), date_note=entry.get("date_note"),
            archived_url=entry.get("archived_url"),
            shown_limit=entry.get("shown_limit", {}).get("percent"), shown_limit_reason=entry.get("shown_limit", {}).get("reason"),
        )
    for name in files.seed_names:
        if name not in listed:
            problems.add(doc.path, 1, 1, f"seeds/{excerpt(name, 80)} is not listed in seeds/articles.yaml", "warning")
    return articles


def _date_problem(text: str) -> str | None:
    parts = [int(p) for p in text.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return f"{text} is not a real date"
    return None


# --- claims --------------------------------------------------------------------

def _check_claim(claim_file: ClaimFile, corpus: model.Corpus, same_id: tuple[Path, ...], unreadable: frozenset,
                 problems: ProblemList):
    path = str(claim_file.path)
    ok = True
    if claim_file.topic not in corpus.topics and "claims/topics.yaml" not in unreadable:
        problems.add(path, 1, 1, f"topic folder `{excerpt(claim_file.topic, 40)}` is not declared in claims/topics.yaml")
        ok = False
    if not ID_PATTERN.fullmatch(claim_file.id):
        problems.add(path, 1, 1, f"claim id `{excerpt(claim_file.id, 60)}` (the file name) must be lowercase words joined by hyphens")
        ok = False
    if reserved_id_problem("claim", claim_file.id):
        problems.add(path, 1, 1, reserved_id_problem("claim", claim_file.id) + " (the file name)")
        ok = False
    twins = [p for p in same_id
             if p != claim_file.path and p.absolute() != claim_file.path.absolute()]
    if twins:
        others = ", ".join(excerpt(str(p), 80) for p in twins)
        problems.add(path, 1, 1, f"claim id `{excerpt(claim_file.id, 60)}` is used twice: also {others}")
        ok = False
    doc = claim_file.document
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        problems.add(path, 1, 1, f"a claim file must be a mapping of keys (claim, title, …), not {_json_type(doc.data)}")
        return None
    if not _schema_problems(doc, _validator("claim"), problems):
        return None
    checker = _ClaimChecker(doc, corpus, unreadable, problems)
    claim = checker.build(claim_file)
    return claim if ok and checker.ok else None


class _ClaimChecker:
    """The checks on one schema-valid claim document."""

    def __init__(self, doc: Document, corpus: model.Corpus, unreadable: set, problems: ProblemList):
        self.doc, self.corpus, self.unreadable, self.problems = doc, corpus, unreadable, problems
        self.ok = True

    def error(self, path: tuple, message: str) -> None:
        line, column = self.doc.position(path)
        self.problems.add(self.doc.path, line, column, message)
        self.ok = False

    def error_at_text(self, path: tuple, fragment: str, message: str) -> None:
        line, column = self.doc.position_of_text(path, fragment)
        self.problems.add(self.doc.path, line, column, message)
        self.ok = False

    def reference(self, path: tuple, value: str, known: dict, what: str, where: str) -> None:
        if value in known:
            return
        if where in self.unreadable:  # reported once, at the list itself; the claim is still unusable
            self.ok = False
            return
        if "/" in value or "\\" in value or re.search(r"\.(txt|ya?ml|md)$", value):
            name = value.replace("\\", "/").rsplit("/", 1)[-1]
            by_file = [a.id for a in self.corpus.articles.values() if a.file == name]
            hint = f"; {name} is `{by_file[0]}`" if by_file and what == "article" else ""
            self.error(path, f"`{_field_name(path)}` wants {what} id from {where}, not a file path{hint}")
            return
        close = difflib.get_close_matches(value, list(known), n=1)
        hint = f"; did you mean `{close[0]}`?" if close else f"; add it to {where} first"
        self.error(path, f"unknown {what} `{excerpt(value, 60)}`{hint}")

    def date(self, path: tuple, value: str | None) -> None:
        if value is not None:
            message = _date_problem(value)
            if message:
                self.error(path, message)

    def build(self, claim_file: ClaimFile) -> model.Claim:
        data, corpus = self.doc.data, self.corpus
        self.reference(("verdict",), data["verdict"], corpus.verdicts, "verdict", "claims/verdicts.yaml")
        self.reference(("claimant",), data["claimant"], corpus.originators, "originator", "claims/originators.yaml")
        if "measure" in data:
            self.reference(("measure",), data["measure"], corpus.measures, "measure", "claims/measures.yaml")
        for key in ("published", "last_reviewed"):
            self.date((key,), data[key])
        if data["last_reviewed"] < data["published"]:
            self.error(("last_reviewed",), "last_reviewed is before published")
        sources = [self.source(index, entry, data.get("measure")) for index, entry in enumerate(data["sources"])]
        headline = _amount(data["figure"]) if "figure" in data else None
        if headline is not None:
            self.headline(headline, sources)
        corrections = self.corrections(data["corrections"])
        self.links(("analysis",), data["analysis"])
        if "\n" in data["bottom_line"].strip():
            self.error(("bottom_line",), "`bottom_line` is one or two sentences on one line; "
                                         "it is plain text, and a line break would not show")
        withdrawn = None
        if "withdrawn" in data:
            self.date(("withdrawn", "date"), data["withdrawn"]["date"])
            self.links(("withdrawn", "reason"), data["withdrawn"]["reason"])
            withdrawn = model.Withdrawal(data["withdrawn"]["date"], data["withdrawn"]["reason"])
        if "replaced_on" in data:
            self.date(("replaced_on",), data["replaced_on"])
        return model.Claim(
            id=claim_file.id, topic=claim_file.topic, path=str(claim_file.path),
            claim=data["claim"], title=data["title"], bottom_line=data["bottom_line"], verdict=data["verdict"], claimant=data["claimant"],
            published=data["published"], last_reviewed=data["last_reviewed"], translator=data["translator"],
            sources=sources, analysis=data["analysis"], corrections=corrections,
            measure=data.get("measure"), figure=headline,
            withdrawn=withdrawn, replaced_by=data.get("replaced_by"), replaced_on=data.get("replaced_on"),
        )

    def source(self, index: int, entry: dict, claim_measure: str | None) -> model.SourceEntry:
        at = ("sources", index)
        self.reference(at + ("article",), entry["article"], self.corpus.articles, "article", "seeds/articles.yaml")
        self.reference(at + ("originator",), entry["originator"], self.corpus.originators, "originator", "claims/originators.yaml")
        self.reference(at + ("stance",), entry["stance"], self.corpus.stances, "stance", "claims/stances.yaml")
        self.date(at + ("date",), entry.get("date"))
        passage = None
        article = self.corpus.articles.get(entry["article"])
        digit = _NON_ASCII_DIGIT.search(entry["quote"])
        if digit:
            self.error_at_text(at + ("quote",), digit.group(),
                               f"the quote has the digit \u201c{digit.group()}\u201d ({describe_character(digit.group())}); "
                               f"numbers are read from the digits 0-9 only, so write the number as the article does")
            article = None
        if article is not None:
            passage = article.archive.find(entry["quote"])
            if passage is None:
                self.error(at + ("quote",), f"quote not found in {article.file}; {article.archive.explain_miss(entry['quote'])}")
            else:
                for line in range(passage.first_line, passage.last_line + 1):
                    furniture = article.furniture_at(line)
                    if furniture:
                        self.error(at + ("quote",), f"quote is taken from page furniture, not the article "
                                                    f"(line {line}: {excerpt(furniture.what, 80)})")
                        break
        figure = None
        if "figure" in entry:
            figure = self.figure(at + ("figure",), entry["figure"], entry["quote"], claim_measure, article, passage)
        return model.SourceEntry(
            article=entry["article"], quote=entry["quote"], translation=entry["translation"],
            originator=entry["originator"], stance=entry["stance"], via=tuple(entry.get("via", ())),
            date=entry.get("date"), date_note=entry.get("date_note"), figure=figure, passage=passage,
            attribution=self.attribution(at + ("attribution",), entry.get("attribution")),
        )

    def attribution(self, at: tuple, data: dict | None) -> model.Attribution | None:
        if data is None:
            return None
        if not data["inferred"]:
            self.error(at + ("inferred",), "`attribution` is for an originator the editors inferred: "
                                           "write `inferred: true` with its reason, or leave `attribution` out")
        self.links(at + ("reason",), data["reason"])
        return model.Attribution(data["inferred"], data["reason"], data.get("what", "originator"))

    def corrections(self, items: list[dict]) -> list[model.Correction]:
        """The corrections log; a re-rating names a verdict of the registry as the one before."""
        corrections = []
        for index, item in enumerate(items):
            at = ("corrections", index)
            self.date(at + ("date",), item["date"])
            for key in ("change", "reason"):
                self.links(at + (key,), item[key])
            if "verdict_before" in item:
                self.reference(at + ("verdict_before",), item["verdict_before"], self.corpus.verdicts,
                               "verdict", "claims/verdicts.yaml")
            corrections.append(model.Correction(item["date"], item["change"], item["reason"], item.get("verdict_before")))
        if any(a.date > b.date and not a.date.startswith(b.date) for a, b in zip(corrections, corrections[1:])):
            self.error(("corrections",), "corrections are listed oldest first")
        return corrections

    def figure(self, at: tuple, data: dict, quote: str, claim_measure: str | None,
               article: model.Article | None = None, passage=None) -> model.Figure:
        measure = data.get("measure", claim_measure)
        if measure is None:
            self.error(at, "a figure needs a measure: set `measure` on the claim or on the figure")
            measure = ""
        elif "measure" in data:
            self.reference(at + ("measure",), measure, self.corpus.measures, "measure", "claims/measures.yaml")
        period_data = data["period"]
        for key in ("as_of", "from", "to"):
            self.date(at + ("period", key), period_data.get(key))
        if "from" in period_data and period_data["from"] > period_data["to"] and not period_data["to"].startswith(period_data["from"]):
            self.error(at + ("period", "to"), "the period ends before it starts")
        period = model.Period(as_of=period_data.get("as_of"), start=period_data.get("from"),
                              end=period_data.get("to"), note=period_data.get("note"))
        amount = _amount(data)
        if amount.low is not None and amount.low > amount.high:
            self.error(at + ("high",), "`high` is below `low`")
        mention = self.figure_in_quote(at, amount, quote, data.get("qualifier_note"))
        if mention is not None and passage is not None:
            self.figure_is_whole_number(at, amount, quote, mention, article, passage)
        return model.Figure(unit=amount.unit, value=amount.value, low=amount.low, high=amount.high,
                            qualifier=amount.qualifier, measure=measure, period=period,
                            qualifier_note=data.get("qualifier_note"))

    def figure_in_quote(self, at: tuple, amount: model.Amount, quote: str,
                        qualifier_note: str | None = None) -> NumberMention | None:
        """The mention of the figure in its quote; an error when there is none, or its qualifier differs
        (unless `qualifier_note` says the qualifier of an earlier number governs it)."""
        mentions = find_numbers(quote)
        match = next((m for m in mentions if _same_number(amount, m)), None)
        if match is not None and qualifier_note and _shared_qualifier(amount, match, mentions):
            return match
        if match is None:
            said = "; ".join(f"\u201c{excerpt(m.text, 40)}\u201d" for m in mentions) or "none"
            self.error(at, f"figure {amount.describe()} is not in the quote as Indonesian writes it "
                           f"(numbers in the quote: {said})")
        elif match.qualifier != amount.qualifier and match.low is not None:
            if match.qualifier:
                self.error(at, f"the quote says \u201c{excerpt(match.text, 40)}\u201d: add `qualifier: {match.qualifier}`"
                               + (f" (not `{amount.qualifier}`)" if amount.qualifier else ""))
            else:
                self.error(at + ("qualifier",), f"`qualifier: {amount.qualifier}` is not in the quote, "
                                                f"which says \u201c{excerpt(match.text, 40)}\u201d")
        return match

    def figure_is_whole_number(self, at: tuple, amount: model.Amount, quote: str, mention: NumberMention,
                               article: model.Article, passage) -> None:
        """A figure at the edge of its quote must be the article's whole number: not "1,5" out of "1,5 juta"."""
        archive = article.archive
        start = archive.folded_offset(passage)
        end = start + len(fold_space(quote))
        cut = None
        if not quote[mention.start + len(mention.text):].strip() and _NUMBER_GOES_ON.match(archive.folded, end):
            cut = end
        elif not quote[:mention.start].strip() and _NUMBER_CAME_BEFORE.search(archive.folded[max(0, start - 40):start]):
            cut = start
        if cut is None:
            return
        window_start = max(0, cut - 60)
        whole = next((m.text for m in find_numbers(archive.folded[window_start:cut + 60])
                      if m.start <= cut - window_start <= m.start + len(m.text)), mention.text)
        self.error(at, f"figure {amount.describe()} rests on part of a number: the article says "
                       f"\u201c{excerpt(whole, 40)}\u201d (line {passage.first_line}); quote the whole number")

    def headline(self, headline: model.Amount, sources: list[model.SourceEntry]) -> None:
        figures = [s.figure for s in sources if s.figure is not None]
        if not any((f.value, f.low, f.high, f.qualifier) == (headline.value, headline.low, headline.high, headline.qualifier)
                   for f in figures):
            self.error(("figure",), f"headline figure {headline.describe()} is not the figure of any source entry")

    def links(self, path: tuple, text: str) -> None:
        for target in unsafe_links(text):
            self.error_at_text(path, target, f"link to \u201c{excerpt(target, 60)}\u201d: links may go only to "
                                             f"http(s) addresses or the site's own pages")


# Digits other than 0-9 (Bengali, Arabic-Indic, full-width, ...): Unicode category Nd.
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")
# A number continues past a quote's end with a scale or multiplier word ("1,5" of "1,5 juta"),
# or starts before it with a number word ("lima" of "dua puluh lima").
_NUMBER_GOES_ON = re.compile(r" (?:ribu|juta|miliar|triliun|puluh|ratus|belas)\b", re.IGNORECASE)
_NUMBER_CAME_BEFORE = re.compile(rf"\b(?:{'|'.join([*UNITS, *SE_WORDS, *MULTIPLIERS, *SCALES])}) $", re.IGNORECASE)


def _amount(data: dict) -> model.Amount:
    return model.Amount(unit=data["unit"], value=data.get("value"), low=data.get("low"),
                        high=data.get("high"), qualifier=data.get("qualifier"))


def _shared_qualifier(amount: model.Amount, match: NumberMention, mentions: tuple[NumberMention, ...]) -> bool:
    """The figure takes its qualifier from an earlier number it is listed with ("setidaknya 100 … dan 9 juta …").

    Allowed only with a `qualifier_note` saying so: which numbers a qualifier
    governs is the editors' reading, and the page shows it.
    """
    return (match.qualifier is None and amount.qualifier is not None
            and any(m.start < match.start and m.qualifier == amount.qualifier for m in mentions))


def _same_number(amount: model.Amount, mention: NumberMention) -> bool:
    if amount.value is not None:
        return mention.low == mention.high == amount.value
    if amount.low is not None:
        return (mention.low, mention.high) == (amount.low, amount.high)
    return mention.low is None and mention.qualifier == amount.qualifier



def check_verdicts(corpus: model.Corpus, comparisons: dict, files: LoadedFiles, problems: ProblemList) -> None:
    """A verdict must be the one whose registry rule the computed evidence meets, or validation fails."""
    for claim_id, claim in corpus.claims.items():
        verdict = corpus.verdicts.get(claim.verdict)
        if verdict is None or verdict.rule is None:
            continue  # reported once, at the registry
        comparison = comparisons[claim_id]
        fitting = compare.fitting_verdicts(comparison, corpus.verdicts)
        if claim.verdict in fitting:
            continue
        carried = ", ".join(f"`{v}`" for v in fitting) or "none of the verdicts"
        unmet = comparison.unmet(verdict.rule)
        why = (f"{unmet}" if unmet else
               f"`{next(v for v in fitting if claim.verdict in corpus.verdicts[v].rule.wins_over)}` also fits "
               f"and the registry gives it over `{claim.verdict}`")
        line, column = files.document(claim.path).position(("verdict",))
        problems.add(claim.path, line, column,
                     f"verdict `{claim.verdict}` does not fit the evidence ({why}): {comparison.summary()}; "
                     f"the evidence carries {carried}")


def check_excerpts(corpus: model.Corpus, files: LoadedFiles, problems: ProblemList) -> None:
    """Republishing rights: an `excerpts` article's page shows at most its limit of the article's
    words, and one claim's quotes cover at most CLAIM_QUOTE_PERCENT of any article."""
    quoted: dict[str, list[tuple[int, int]]] = {}
    for claim in corpus.claims.values():
        by_article: dict[str, list] = {}
        for index, entry in enumerate(claim.sources):
            if entry.passage is not None:
                by_article.setdefault(entry.article, []).append((index, entry.passage))
        for article_id, found in by_article.items():
            article = corpus.articles[article_id]
            words = article.archive.words
            share = excerpts.percent(words.words_in(excerpts.merge((p.start, p.end) for _, p in found)), len(words.starts))
            if share > excerpts.CLAIM_QUOTE_PERCENT:
                line, column = files.document(claim.path).position(("sources", found[0][0], "quote"))
                problems.add(claim.path, line, column,
                             f"this claim's quotes cover {share:.0f}% of the words of article `{article_id}`; "
                             f"one claim may quote at most {excerpts.CLAIM_QUOTE_PERCENT}% of an article")
            if not claim.replaced_by:  # a replaced claim's page redirects: its quotes are not shown
                quoted.setdefault(article_id, []).extend((p.start, p.end) for _, p in found)
    articles_path = str(Path(corpus.root) / "seeds" / "articles.yaml")
    for article in corpus.articles.values():
        if article.republish != "excerpts":
            continue
        shown, total, limit = excerpts.shown_share(article, quoted.get(article.id, []))
        share = excerpts.percent(shown, total)
        if share > limit:
            whose = ("the limit its `shown_limit` sets" if article.shown_limit is not None
                     else f"the default limit for `republish: excerpts` (an entry may set `shown_limit` with a reason)")
            problems.add(articles_path, *files.article_position(article.id),
                         f"article `{article.id}`: its source page would show {share:.0f}% of its words "
                         f"({shown} of {total}), more than {limit}%, {whose}; quote less of it")
