"""Real Word lists: every list is its own numbering instance, so numbers restart at 1.

python-docx has no list API, and paragraphs of the style "List Number" continue
one numbering across separate lists. Each list therefore gets a new `w:num`
pointing at the list style's own definition (from the template), with a start
override for every level.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph


class ListNumbering:
    """Makes numbering instances in one document."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.numbering = document.part.numbering_part.element
        self._next = max((int(n.get(qn("w:numId"))) for n in self._nums()), default=0) + 1
        self._abstract_ids: dict[str, str] = {}

    def new_list(self, style_name: str, start: int = 1, level: int = 0) -> int:
        """A fresh numId for a list in `style_name` at nesting `level`, counting from `start`."""
        if style_name not in self._abstract_ids:
            self._abstract_ids[style_name] = self._abstract_id_of(style_name)
        abstract_id = self._abstract_ids[style_name]
        number = self._next
        self._next += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(number))
        abstract = OxmlElement("w:abstractNumId")
        abstract.set(qn("w:val"), abstract_id)
        num.append(abstract)
        for number_level in range(9):
            override = OxmlElement("w:lvlOverride")
            override.set(qn("w:ilvl"), str(number_level))
            start_override = OxmlElement("w:startOverride")
            start_override.set(qn("w:val"), str(start if number_level == level else 1))
            override.append(start_override)
            num.append(override)
        self.numbering.append(num)
        return number

    def _nums(self) -> list:
        return self.numbering.findall(qn("w:num"))

    def _abstract_id_of(self, style_name: str) -> str:
        style = self.document.styles[style_name].element
        num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is None:
            raise KeyError(f"style {style_name!r} has no numbering in the template")
        for num in self._nums():
            if num.get(qn("w:numId")) == num_id.get(qn("w:val")):
                return num.find(qn("w:abstractNumId")).get(qn("w:val"))
        raise KeyError(f"numbering of style {style_name!r} is missing from the template")


def set_numbering(paragraph: Paragraph, num_id: int, level: int) -> None:
    """Make `paragraph` an item of list `num_id` at nesting `level` (0 = top)."""
    properties = paragraph._p.get_or_add_pPr()
    numbering = properties.get_or_add_numPr()
    numbering.get_or_add_ilvl().val = level
    numbering.get_or_add_numId().val = num_id
