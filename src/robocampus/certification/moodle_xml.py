"""Moodle XML (``<quiz>``) import and export of bank items. Pure Python, no
Django.

Imported: ``multichoice`` (single or multiple answer by ``<single>``),
``truefalse`` (a single-choice item with options ``true`` and ``false``),
``numerical`` (the first 100 % answer, its ``<tolerance>``, the unit of
multiplier 1) and ``shortanswer`` (every answer with a fraction above 0 is
an accepted pattern; ``<usecase>``). ``category`` questions set the subject
of the questions after them (the last segment of the category path). Other
question types are skipped with a note. Moodle keeps one text per
question, so it goes into the language chosen at import (``ko`` or ``en``);
the other stays empty. HTML text becomes Markdown-like plain text (bold,
italics, code, lists, links kept; images, scripts and styles dropped).

Parsing is all-or-nothing: ``parse_quiz`` returns every question or raises
``MoodleImportError`` listing every problem, each naming the question (its
number and name) and the field, e.g. ``question 7 'robot-axes': numerical
answer 'abc' is not a number``.

``export_quiz`` writes single, multiple, numeric and short items back (text
in Markdown format, so a round trip keeps it exactly); other kinds are
skipped with a note. A multiple-choice item exports right options at
``+100/c`` % and wrong ones at ``-100/c`` % (c correct options), which
Moodle totals and floors at 0 exactly as robocampus's partial rule does.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser

from robocampus.certification.itemtypes import (
    ItemContentError,
    parse_number,
    validate_content,
)

MAX_QUESTIONS = 5_000
"""Questions one file may hold."""
CODE_LENGTH = 40
"""Longest item code (``Item.code``), characters."""
LANGUAGES = ("ko", "en")
IMPORTED_TYPES = ("multichoice", "truefalse", "numerical", "shortanswer")


class MoodleImportError(ValueError):
    """The file cannot be imported; ``messages`` name each question and field."""

    def __init__(self, messages: list[str] | str) -> None:
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(self.messages))


@dataclass
class ImportedQuestion:
    """One question read from the file, ready to become an item."""

    index: int
    """Its number among the file's questions (categories not counted), from 1."""
    name: str
    code: str
    kind: str
    content: dict
    points: float
    category: str | None
    """The last segment of the category in force, if any."""
    tags: list[str] = field(default_factory=list)


@dataclass
class ParsedQuiz:
    questions: list[ImportedQuestion]
    notes: list[str]
    """What was skipped or changed on the way (never an error)."""


# -- HTML to Markdown-like text ------------------------------------------------------


class _TextOf(HTMLParser):
    """Collects the text of an HTML fragment as Markdown-like plain text."""

    BLOCK = {"p", "div", "table", "tr", "ul", "ol", "blockquote", "h1", "h2", "h3"}
    BLOCK |= {"h4", "h5", "h6"}
    SKIP = {"script", "style", "head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.lists: list[list] = []
        self.skipping = 0
        self.pre = 0
        self.link: str | None = None
        self.images = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.out.append("\n\n")
            if tag[0] == "h" and tag[1:].isdigit():
                self.out.append("#" * int(tag[1:]) + " ")
            if tag in ("ul", "ol"):
                self.lists.append([tag, 0])
        elif tag == "br":
            self.out.append("  \n" if not self.pre else "\n")
        elif tag == "li":
            depth = max(0, len(self.lists) - 1)
            if self.lists and self.lists[-1][0] == "ol":
                self.lists[-1][1] += 1
                marker = f"{self.lists[-1][1]}. "
            else:
                marker = "- "
            self.out.append("\n" + "  " * depth + marker)
        elif tag in ("strong", "b"):
            self.out.append("**")
        elif tag in ("em", "i"):
            self.out.append("*")
        elif tag == "code" and not self.pre:
            self.out.append("`")
        elif tag == "pre":
            self.pre += 1
            self.out.append("\n\n```\n")
        elif tag in ("td", "th"):
            self.out.append(" | ")
        elif tag == "a":
            href = attrs.get("href") or ""
            self.link = href if re.match(r"^(https?:|mailto:)", href) else None
            if self.link:
                self.out.append("[")
        elif tag == "img":
            self.images += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.out.append("\n\n")
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
        elif tag in ("strong", "b"):
            self.out.append("**")
        elif tag in ("em", "i"):
            self.out.append("*")
        elif tag == "code" and not self.pre:
            self.out.append("`")
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
            self.out.append("\n```\n\n")
        elif tag == "a" and self.link:
            self.out.append(f"]({self.link})")
            self.link = None

    def handle_data(self, data):
        if self.skipping:
            return
        self.out.append(data if self.pre else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        joined = "".join(self.out)
        lines = [
            line.rstrip() if not line.endswith("  ") else line
            for line in joined.split("\n")
        ]
        text = "\n".join(line if line.strip() else "" for line in lines)
        text = re.sub(r"\n{3,}", "\n\n", text)
        return "\n".join(
            line.lstrip(" ") if not line.lstrip().startswith(("- ", "|")) else line
            for line in text.split("\n")
        ).strip()


def html_to_text(html: str) -> tuple[str, int]:
    """Return (Markdown-like text, number of images dropped) of ``html``."""
    parser = _TextOf()
    parser.feed(html or "")
    parser.close()
    return parser.text(), parser.images


# -- reading -------------------------------------------------------------------------


def _text_of(element: ET.Element | None) -> str:
    if element is None:
        return ""
    inner = element.find("text")
    return (inner.text if inner is not None else element.text) or ""


def _formatted(element: ET.Element | None) -> tuple[str, int]:
    """The text of a Moodle text element (``format`` html, markdown,
    plain_text or moodle_auto_format) as Markdown-like text."""
    raw = _text_of(element)
    form = (element.get("format") if element is not None else None) or "html"
    if form == "html":
        return html_to_text(raw)
    return raw.strip(), 0


def slug(text: str) -> str:
    """A code from a question name: lower case, letters (any script) and
    digits kept, other runs become one ``-``; at most ``CODE_LENGTH``."""
    s = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).replace("_", "-")
    s = re.sub(r"-{2,}", "-", s).strip("-")
    return s[:CODE_LENGTH].strip("-")


def _unique(base: str, taken: set[str]) -> str:
    code, n = base, 2
    while code.lower() in taken:
        suffix = f"-{n}"
        code = base[: CODE_LENGTH - len(suffix)] + suffix
        n += 1
    taken.add(code.lower())
    return code


def _fraction(answer: ET.Element) -> float:
    text = answer.get("fraction", "0")
    value = parse_number(text)
    if value is None:
        raise ValueError(f"answer fraction {text!r} is not a number")
    return value


class _Question:
    """Reads one ``<question>``; problems go to ``errors`` and ``notes``."""

    def __init__(self, q: ET.Element, index: int, language: str):
        self.q = q
        self.index = index
        self.language = language
        self.name = _text_of(q.find("name")).strip() or f"question {index}"
        self.where = f"question {index} {self.name!r}"
        self.errors: list[str] = []
        self.notes: list[str] = []

    def error(self, text: str) -> None:
        self.errors.append(f"{self.where}: {text}")

    def note(self, text: str) -> None:
        self.notes.append(f"{self.where}: {text}")

    def text(self, element: ET.Element | None, what: str) -> str:
        text, images = _formatted(element)
        if images:
            self.note(f"{images} image(s) in the {what} not imported")
        return text

    def common(self) -> dict:
        lang = self.language
        other = "en" if lang == "ko" else "ko"
        content = {
            f"stem_{lang}": self.text(self.q.find("questiontext"), "question text"),
            f"stem_{other}": "",
        }
        feedback = self.text(self.q.find("generalfeedback"), "general feedback")
        if feedback:
            content[f"feedback_{lang}"] = feedback
        return content

    def answers(self) -> list[tuple[ET.Element, float]]:
        found = []
        for i, answer in enumerate(self.q.findall("answer"), start=1):
            try:
                found.append((answer, _fraction(answer)))
            except ValueError as err:
                self.error(f"answer {i}: {err}")
        return found

    def points(self) -> float:
        text = _text_of(self.q.find("defaultgrade")) or "1"
        value = parse_number(text)
        if value is None or value <= 0:
            self.error(f"defaultgrade {text!r} is not a positive number")
            return 1.0
        return value

    def multichoice(self) -> tuple[str, dict]:
        single = _text_of(self.q.find("single")).strip().lower() not in (
            "false",
            "0",
        )
        content = self.common()
        answers = self.answers()
        options = []
        lang = self.language
        other = "en" if lang == "ko" else "ko"
        for i, (answer, fraction) in enumerate(answers):
            options.append(
                {
                    "id": chr(ord("a") + i) if i < 26 else f"o{i + 1}",
                    f"text_{lang}": self.text(answer, f"answer {i + 1}"),
                    f"text_{other}": "",
                    "correct": fraction >= 99.99 if single else fraction > 0,
                }
            )
        if single:
            partial = [f for _, f in answers if 0 < f < 99.99]
            if partial:
                self.note(
                    "answers with partial credit count as wrong "
                    "(a single-choice item has one correct answer)"
                )
            content["options"] = options
            return "single", content
        positives = [f for _, f in answers if f > 0]
        negatives = [f for _, f in answers if f <= 0]
        if positives and (
            max(positives) - min(positives) > 0.01
            or any(abs(f + 100 / len(positives)) > 0.01 for f in negatives)
        ):
            self.note(
                "answer fractions are replaced by robocampus's rule: right "
                "choices minus wrong choices over the correct ones, floored at 0"
            )
        content["options"] = options
        content["partial"] = True
        return "multiple", content

    def truefalse(self) -> tuple[str, dict]:
        content = self.common()
        correct = None
        for answer, fraction in self.answers():
            word = _text_of(answer).strip().lower()
            if word not in ("true", "false"):
                self.error(f"truefalse answer {word!r} is neither 'true' nor 'false'")
            elif fraction >= 99.99:
                correct = word
        if correct is None:
            self.error("truefalse has no answer with fraction 100")
            correct = "true"
        content["options"] = [
            {
                "id": "true",
                "text_ko": "참",
                "text_en": "True",
                "correct": correct == "true",
            },
            {
                "id": "false",
                "text_ko": "거짓",
                "text_en": "False",
                "correct": correct == "false",
            },
        ]
        return "single", content

    def numerical(self) -> tuple[str, dict]:
        content = self.common()
        full = None
        for answer, fraction in self.answers():
            text = _text_of(answer).strip()
            if text == "*":
                self.note("the catch-all answer '*' is not imported")
                continue
            if parse_number(text) is None:
                self.error(f"numerical answer {text!r} is not a number")
                continue
            if fraction >= 99.99 and full is None:
                full = answer
            elif fraction < 99.99:
                self.note(f"answer {text!r} with partial credit not imported")
        if full is None:
            if not self.errors:
                self.error("numerical has no answer with fraction 100")
            return "numeric", content
        content["answer"] = parse_number(_text_of(full).strip())
        tolerance_text = (full.findtext("tolerance") or "0").strip()
        tolerance = parse_number(tolerance_text)
        if tolerance is None or tolerance < 0:
            self.error(f"numerical tolerance {tolerance_text!r} is not a number >= 0")
        else:
            content["tolerance"] = tolerance
        for unit in self.q.findall("units/unit"):
            multiplier = parse_number((unit.findtext("multiplier") or "1").strip())
            if multiplier == 1:
                content["unit"] = (unit.findtext("unit_name") or "").strip()
                break
        return "numeric", content

    def shortanswer(self) -> tuple[str, dict]:
        content = self.common()
        patterns = []
        for answer, fraction in self.answers():
            text = _text_of(answer).strip()
            if fraction <= 0:
                if text:
                    self.note(f"answer {text!r} with fraction 0 not imported")
                continue
            if not text:
                self.error("shortanswer answer with empty text")
                continue
            patterns.append(
                {"pattern": text, "fraction": round(min(fraction, 100) / 100, 7)}
            )
        content["patterns"] = patterns
        content["case_sensitive"] = _text_of(self.q.find("usecase")).strip() == "1"
        return "short", content

    def tags(self) -> list[str]:
        return [
            t.strip()
            for t in (_text_of(tag) for tag in self.q.findall("tags/tag"))
            if t.strip()
        ]


def parse_quiz(
    data: bytes | str, language: str = "ko", taken_codes: set[str] = frozenset()
) -> ParsedQuiz:
    """Read a Moodle XML quiz file; question text goes to ``language``.

    ``taken_codes``: item codes already in the bank (the new ones avoid
    them). Raises ``MoodleImportError`` naming every bad question and field;
    returns nothing partial."""
    if language not in LANGUAGES:
        raise MoodleImportError(f"language: choose one of {', '.join(LANGUAGES)}")
    if isinstance(data, bytes):
        head = data[:2048].decode("utf-8", "replace")
    else:
        head, data = data[:2048], data.encode("utf-8")
    if "<!DOCTYPE" in head.upper() or b"<!ENTITY" in data.upper():
        raise MoodleImportError("file: a DOCTYPE or ENTITY declaration is not allowed")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        line, column = err.position
        raise MoodleImportError(
            f"file: not well-formed XML at line {line}, column {column + 1}"
        ) from None
    if root.tag != "quiz":
        raise MoodleImportError(
            f"file: the root element is <{root.tag}>, not <quiz> (a Moodle XML file)"
        )
    elements = root.findall("question")
    if len(elements) > MAX_QUESTIONS:
        raise MoodleImportError(f"file: more than {MAX_QUESTIONS} questions")
    taken = {c.lower() for c in taken_codes}
    questions: list[ImportedQuestion] = []
    errors: list[str] = []
    notes: list[str] = []
    category: str | None = None
    index = 0
    for element in elements:
        qtype = element.get("type", "")
        if qtype == "category":
            path = _text_of(element.find("category")).strip().strip("/")
            segments = [s for s in path.split("/") if s]
            category = segments[-1].strip() if segments else None
            if category in ("top", "$course$", "$system$", "$module$"):
                category = None
            continue
        index += 1
        reader = _Question(element, index, language)
        if qtype not in IMPORTED_TYPES:
            notes.append(f"{reader.where}: type {qtype!r} is not imported (skipped)")
            continue
        kind, content = getattr(reader, qtype)()
        points = reader.points()
        if not reader.errors:
            try:
                content = validate_content(kind, content)
            except ItemContentError as err:
                reader.errors.extend(f"{reader.where}: {m}" for m in err.messages)
        errors.extend(reader.errors)
        notes.extend(reader.notes)
        if reader.errors:
            continue
        base = slug(reader.name) or f"q-{index}"
        questions.append(
            ImportedQuestion(
                index=index,
                name=reader.name,
                code=_unique(base, taken),
                kind=kind,
                content=content,
                points=points,
                category=category,
                tags=reader.tags(),
            )
        )
    if errors:
        raise MoodleImportError(errors)
    if not questions:
        raise MoodleImportError(
            f"file: no question of an imported type ({', '.join(IMPORTED_TYPES)})"
        )
    return ParsedQuiz(questions, notes)


# -- writing -------------------------------------------------------------------------


@dataclass
class ExportItem:
    """What ``export_quiz`` needs of one item version."""

    code: str
    kind: str
    content: dict
    points: float
    category: str
    tags: list[str] = field(default_factory=list)


def _pick(content: dict, key: str, language: str) -> str:
    other = "en" if language == "ko" else "ko"
    return content.get(f"{key}_{language}") or content.get(f"{key}_{other}") or ""


def _sub_text(parent: ET.Element, tag: str, text: str, form: str | None = "markdown"):
    element = ET.SubElement(parent, tag)
    if form:
        element.set("format", form)
    ET.SubElement(element, "text").text = text
    return element


def _number(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))


def export_quiz(
    items: list[ExportItem], language: str = "ko"
) -> tuple[bytes, list[str]]:
    """Return (Moodle XML bytes, notes) for ``items``; text in ``language``
    (the other language where it is empty). Kinds Moodle XML cannot hold
    here (ordering, code reading, practical, physical) are skipped with a
    note."""
    root = ET.Element("quiz")
    notes: list[str] = []
    category = None
    for item in items:
        qtype = _export_type(item)
        if qtype is None:
            notes.append(f"{item.code}: {item.kind} items are not exported")
            continue
        if item.category != category:
            category = item.category
            cat = ET.SubElement(root, "question", type="category")
            _sub_text(cat, "category", f"$course$/top/{category}", None)
        q = ET.SubElement(root, "question", type=qtype)
        _sub_text(q, "name", item.code, None)
        c = item.content
        _sub_text(q, "questiontext", _pick(c, "stem", language))
        _sub_text(q, "generalfeedback", _pick(c, "feedback", language))
        ET.SubElement(q, "defaultgrade").text = _number(item.points)
        ET.SubElement(q, "penalty").text = "0"
        ET.SubElement(q, "hidden").text = "0"
        if qtype == "truefalse":
            for option in c["options"]:
                answer = ET.SubElement(
                    q, "answer", fraction="100" if option["correct"] else "0"
                )
                answer.set("format", "moodle_auto_format")
                ET.SubElement(answer, "text").text = option["id"]
        elif qtype == "multichoice":
            single = item.kind == "single"
            ET.SubElement(q, "single").text = "true" if single else "false"
            ET.SubElement(q, "shuffleanswers").text = "true"
            ET.SubElement(q, "answernumbering").text = "abc"
            right = sum(o["correct"] for o in c["options"])
            if not single and not c.get("partial", True):
                notes.append(
                    f"{item.code}: all-or-nothing scoring exported as Moodle's "
                    "partial credit"
                )
            for option in c["options"]:
                if single:
                    fraction = 100.0 if option["correct"] else 0.0
                else:
                    fraction = (100.0 if option["correct"] else -100.0) / right
                answer = ET.SubElement(q, "answer", fraction=_number(fraction))
                answer.set("format", "markdown")
                ET.SubElement(answer, "text").text = _pick(option, "text", language)
        elif qtype == "numerical":
            answer = ET.SubElement(q, "answer", fraction="100")
            ET.SubElement(answer, "text").text = repr(float(c["answer"]))
            ET.SubElement(answer, "tolerance").text = repr(float(c.get("tolerance", 0)))
            if c.get("unit"):
                unit = ET.SubElement(ET.SubElement(q, "units"), "unit")
                ET.SubElement(unit, "multiplier").text = "1"
                ET.SubElement(unit, "unit_name").text = c["unit"]
        elif qtype == "shortanswer":
            ET.SubElement(q, "usecase").text = "1" if c.get("case_sensitive") else "0"
            for pattern in c["patterns"]:
                answer = ET.SubElement(
                    q, "answer", fraction=_number(pattern["fraction"] * 100)
                )
                answer.set("format", "moodle_auto_format")
                ET.SubElement(answer, "text").text = pattern["pattern"]
        if item.tags:
            tags = ET.SubElement(q, "tags")
            for tag in item.tags:
                _sub_text(tags, "tag", tag, None)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode(), notes


def _export_type(item: ExportItem) -> str | None:
    if item.kind == "single":
        ids = sorted(o["id"] for o in item.content["options"])
        return "truefalse" if ids == ["false", "true"] else "multichoice"
    return {
        "multiple": "multichoice",
        "numeric": "numerical",
        "short": "shortanswer",
    }.get(item.kind)
