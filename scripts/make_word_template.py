"""Developer tool (not a workflow rule): write the Word style template from scratch.

`templates/stijl.docx` is the master of the Word house style: users change its
styles in Word and every report follows. This script wrote its first version
(clean OOXML, no python-docx leftovers such as a thumbnail or an English
language setting). Running it again overwrites edits made in Word, so only run
it to start over:

    .venv/bin/python scripts/make_word_template.py templates/stijl.docx
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

BLUE = "154273"
PANEL = "EEF4FA"
RULE = "B6C8DC"
TEXT = "1A1A1A"
MUTED = "4A4A4A"
DRAFT = "A4001D"  # the CONCEPT mark: contrast 7.9:1 on white
FONT = "Calibri"  # Carlito on Linux: the same metrics, so the same line breaks

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

# A panel: a blue bar on the left and borders in the panel's own colour around the
# other sides, which Word and LibreOffice draw as inner padding. Paragraphs with the
# same borders in a row (a stelling's heading and statement) share one panel.
PANEL_PPR = (
    f'<w:pBdr><w:top w:val="single" w:sz="4" w:space="5" w:color="{PANEL}"/>'
    f'<w:left w:val="single" w:sz="32" w:space="8" w:color="{BLUE}"/>'
    f'<w:bottom w:val="single" w:sz="4" w:space="5" w:color="{PANEL}"/>'
    f'<w:right w:val="single" w:sz="4" w:space="8" w:color="{PANEL}"/></w:pBdr>'
    f'<w:shd w:val="clear" w:color="auto" w:fill="{PANEL}"/><w:ind w:left="227" w:right="227"/>'
)


def paragraph_style(
    style_id: str,
    name: str,
    ppr: str = "",
    rpr: str = "",
    based_on: str = "Normal",
    next_style: str = "Normal",
    builtin: bool = False,
    ui_priority: int = 10,
) -> str:
    """A paragraph style element; custom styles are shown in Word's style gallery."""
    custom = "" if builtin else ' w:customStyle="1"'
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (
        f'<w:style w:type="paragraph"{custom} w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{based}<w:next w:val="{next_style}"/>'
        f'<w:uiPriority w:val="{ui_priority}"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def character_style(style_id: str, name: str, rpr: str, builtin: bool = True) -> str:
    """A character style element."""
    custom = "" if builtin else ' w:customStyle="1"'
    return (
        f'<w:style w:type="character"{custom} w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="DefaultParagraphFont"/>'
        f'<w:uiPriority w:val="20"/><w:qFormat/><w:rPr>{rpr}</w:rPr></w:style>'
    )


def heading(level: int, size_half_points: int, before: int, after: int) -> str:
    """Word's built-in heading style `heading N` in the house style."""
    return paragraph_style(
        f"Heading{level}",
        f"heading {level}",
        ppr=(
            f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="{after}"/>'
            f'<w:outlineLvl w:val="{level - 1}"/>'
        ),
        rpr=f'<w:b/><w:bCs/><w:color w:val="{BLUE}"/><w:sz w:val="{size_half_points}"/>'
        f'<w:szCs w:val="{size_half_points}"/>',
        builtin=True,
        ui_priority=9,
    )


def styles_xml() -> str:
    """Every style a report uses, and document defaults in Dutch."""
    styles = [
        paragraph_style(
            "Normal",
            "Normal",
            ppr='<w:spacing w:after="120" w:line="276" w:lineRule="auto"/><w:widowControl/>',
            based_on="",
            builtin=True,
            ui_priority=0,
        ),
        paragraph_style(
            "Title",
            "Title",
            ppr='<w:keepNext/><w:spacing w:before="0" w:after="120" w:line="240" w:lineRule="auto"/>',
            rpr=f'<w:b/><w:bCs/><w:color w:val="{BLUE}"/><w:kern w:val="28"/><w:sz w:val="48"/><w:szCs w:val="48"/>',
            builtin=True,
        ),
        paragraph_style(
            "Subtitle",
            "Subtitle",
            ppr='<w:keepNext/><w:spacing w:before="360" w:after="60"/>',
            rpr=f'<w:b/><w:bCs/><w:color w:val="{MUTED}"/><w:sz w:val="26"/><w:szCs w:val="26"/>',
            builtin=True,
        ),
        heading(1, 30, 360, 120),
        heading(2, 24, 240, 80),
        heading(3, 22, 200, 60),
        heading(4, 22, 200, 60),
        heading(5, 22, 160, 60),
        heading(6, 22, 160, 60),
        paragraph_style(
            "Netwerk",
            "Netwerk",
            ppr=f'<w:pBdr><w:top w:val="single" w:sz="48" w:space="12" w:color="{BLUE}"/></w:pBdr>'
            '<w:spacing w:after="0"/>',
            rpr=f'<w:b/><w:color w:val="{BLUE}"/><w:spacing w:val="10"/><w:sz w:val="20"/>',
        ),
        paragraph_style(
            "Motto",
            "Motto",
            rpr=f'<w:i/><w:color w:val="{MUTED}"/>',
        ),
        paragraph_style(
            "Sessiegegevens",
            "Sessiegegevens",
            ppr='<w:spacing w:after="360"/>',
            rpr=f'<w:color w:val="{MUTED}"/><w:sz w:val="24"/><w:szCs w:val="24"/>',
        ),
        paragraph_style(
            "Inleidendezin",
            "Inleidende zin",
            ppr='<w:spacing w:after="240" w:line="264" w:lineRule="auto"/>',
            rpr='<w:sz w:val="26"/><w:szCs w:val="26"/>',
        ),
        paragraph_style(
            "Centralevraagkop",
            "Centrale vraag kop",
            ppr=f'<w:keepNext/><w:spacing w:before="120" w:after="0"/>{PANEL_PPR}',
            rpr=f'<w:b/><w:color w:val="{BLUE}"/><w:sz w:val="20"/>',
            next_style="Centralevraag",
        ),
        paragraph_style(
            "Centralevraag",
            "Centrale vraag",
            ppr=f'<w:keepLines/><w:spacing w:after="240"/>{PANEL_PPR}',
            rpr='<w:i/><w:iCs/><w:sz w:val="25"/><w:szCs w:val="25"/>',
        ),
        paragraph_style(
            "Stellingkop",
            "Stellingkop",
            ppr=f'<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="0"/>{PANEL_PPR}'
            '<w:outlineLvl w:val="0"/>',
            based_on="Heading1",
            next_style="Stelling",
        ),
        paragraph_style(
            "Stelling",
            "Stelling",
            ppr=f'<w:keepNext/><w:keepLines/><w:spacing w:after="240"/>{PANEL_PPR}',
            rpr='<w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/>',
        ),
        paragraph_style(
            "ListParagraph",
            "List Paragraph",
            ppr='<w:spacing w:after="80"/><w:ind w:left="720"/>',
            builtin=True,
            ui_priority=34,
        ),
        # A list style's next style is itself: Enter after a point gives the next point.
        paragraph_style(
            "ListBullet",
            "List Bullet",
            ppr='<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="80"/>',
            next_style="ListBullet",
            builtin=True,
            ui_priority=36,
        ),
        paragraph_style(
            "ListNumber",
            "List Number",
            ppr='<w:numPr><w:numId w:val="2"/></w:numPr><w:spacing w:after="80"/>',
            next_style="ListNumber",
            builtin=True,
            ui_priority=36,
        ),
        paragraph_style(
            "Stellingpunt",
            "Stellingpunt",
            ppr='<w:numPr><w:numId w:val="3"/></w:numPr><w:keepLines/><w:spacing w:after="100"/>',
            next_style="Stellingpunt",
        ),
        paragraph_style(
            "Conclusie",
            "Conclusie",
            ppr=f'<w:keepLines/><w:pBdr><w:left w:val="single" w:sz="24" w:space="8" '
            f'w:color="{BLUE}"/></w:pBdr><w:spacing w:before="160" w:after="240"/>'
            '<w:ind w:left="227"/>',
        ),
        paragraph_style(
            "Uitkomst",
            "Uitkomst",
            ppr='<w:keepLines/><w:spacing w:after="160"/>',
            next_style="Uitkomst",
        ),
        paragraph_style(
            "Deelnemer",
            "Deelnemer",
            ppr='<w:spacing w:after="40"/>',
            next_style="Deelnemer",
        ),
        paragraph_style(
            "Colofon",
            "Colofon",
            ppr='<w:tabs><w:tab w:val="left" w:pos="2552"/></w:tabs>'
            '<w:spacing w:after="60"/><w:ind w:left="2552" w:hanging="2552"/>',
            rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>',
            next_style="Colofon",
        ),
        paragraph_style(
            "Conceptmarkering",
            "Conceptmarkering",
            ppr='<w:jc w:val="center"/><w:spacing w:after="0"/>',
            rpr=f'<w:b/><w:bCs/><w:color w:val="{DRAFT}"/><w:spacing w:val="40"/>'
            '<w:sz w:val="22"/><w:szCs w:val="22"/>',
        ),
        paragraph_style(
            "Quote",
            "Quote",
            ppr=f'<w:pBdr><w:left w:val="single" w:sz="16" w:space="8" w:color="{RULE}"/></w:pBdr>'
            '<w:ind w:left="284"/>',
            rpr=f'<w:color w:val="{MUTED}"/>',
            builtin=True,
            ui_priority=29,
        ),
        paragraph_style(
            "Codeblok",
            "Codeblok",
            ppr=f'<w:shd w:val="clear" w:color="auto" w:fill="{PANEL}"/><w:spacing w:after="120" w:line="240" w:lineRule="auto"/>',
            rpr='<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/><w:sz w:val="19"/>',
        ),
        paragraph_style(
            "Tabeltekst",
            "Tabeltekst",
            ppr='<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/>',
            rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>',
        ),
        paragraph_style(
            "Tabelgetal",
            "Tabelgetal",
            ppr='<w:jc w:val="right"/>',
            based_on="Tabeltekst",
            next_style="Tabeltekst",
        ),
        paragraph_style(
            "Header",
            "header",
            ppr='<w:tabs><w:tab w:val="right" w:pos="9298"/></w:tabs><w:spacing w:after="0"/>',
            rpr=f'<w:color w:val="{MUTED}"/><w:sz w:val="17"/><w:szCs w:val="17"/>',
            builtin=True,
            ui_priority=99,
        ),
        paragraph_style(
            "Footer",
            "footer",
            ppr='<w:tabs><w:tab w:val="right" w:pos="9298"/></w:tabs><w:spacing w:after="0"/>',
            rpr=f'<w:color w:val="{MUTED}"/><w:sz w:val="17"/><w:szCs w:val="17"/>',
            builtin=True,
            ui_priority=99,
        ),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        character_style(
            "Hyperlink", "Hyperlink", f'<w:color w:val="{BLUE}"/><w:u w:val="single"/>'
        ),
        character_style("Strong", "Strong", "<w:b/><w:bCs/>"),
        character_style("Emphasis", "Emphasis", "<w:i/><w:iCs/>"),
        character_style(
            "Broncode",
            "Broncode",
            '<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/><w:sz w:val="19"/>',
            builtin=False,
        ),
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
        '<w:style w:type="table" w:customStyle="1" w:styleId="Verslagtabel">'
        '<w:name w:val="Verslagtabel"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        '<w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>'
        f'<w:bottom w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
        f'<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
        "</w:tblBorders><w:tblCellMar>"
        '<w:top w:w="57" w:type="dxa"/><w:left w:w="113" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="113" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr>"
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{BLUE}"/></w:tcPr></w:tblStylePr>'
        "</w:style>",
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList">'
        '<w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
    ]
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W}>'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
        f'<w:color w:val="{TEXT}"/><w:sz w:val="22"/><w:szCs w:val="22"/>'
        '<w:lang w:val="nl-NL" w:eastAsia="nl-NL" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="120" w:line="276" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>" + "".join(styles) + "</w:styles>"
    )


def _levels(kind: str) -> str:
    levels = []
    for level in range(9):
        indent = 360 * (level + 1) + 17
        if kind == "decimal":
            fmt, text, rpr = "decimal", f"%{level + 1}.", ""
        elif kind == "points" and level == 0:
            fmt, text = "bullet", "\u25ba"
            rpr = f'<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:color w:val="{BLUE}"/><w:sz w:val="16"/>'
        else:
            fmt = "bullet"
            text = ("\u2022", "\u2013", "\u25e6")[level % 3]
            rpr = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/><w:color w:val="{BLUE}"/>'
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:hanging="360"/></w:pPr>'
            f"<w:rPr>{rpr}</w:rPr></w:lvl>"
        )
    return "".join(levels)


NUMBERING_IDS = {"bullet": 1, "decimal": 2, "points": 3}
"""abstractNumId (and numId) per kind of list, linked from the styles List Bullet,
List Number and Stellingpunt; the renderer starts a new w:num per list from the
style's numbering, so every list restarts."""


def numbering_xml() -> str:
    """Multi-level list definitions: bullets, numbers, and the stelling points (►)."""
    abstract = "".join(
        f'<w:abstractNum w:abstractNumId="{number}"><w:multiLevelType w:val="hybridMultilevel"/>'
        f"{_levels(kind)}</w:abstractNum>"
        for kind, number in NUMBERING_IDS.items()
    ) + "".join(
        f'<w:num w:numId="{number}"><w:abstractNumId w:val="{number}"/></w:num>'
        for number in NUMBERING_IDS.values()
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {W}>'
        f"{abstract}</w:numbering>"
    )


DOCUMENT_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W} {R}><w:body>'
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1361" w:right="1247" w:bottom="1361" w:left="1361" w:header="680" '
    'w:footer="680" w:gutter="0"/><w:titlePg/></w:sectPr></w:body></w:document>'
)

SETTINGS_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings {W}>'
    '<w:defaultTabStop w:val="709"/><w:autoHyphenation/><w:characterSpacingControl '
    'w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="nl-NL"/><w:decimalSymbol w:val=","/>'
    '<w:listSeparator w:val=";"/></w:settings>'
)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)

PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    "</Relationships>"
)

CORE_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>Stijlsjabloon verslagen Community of Practice</dc:title>"
    "<dc:creator>Nationaal Netwerk Brede Welvaart</dc:creator>"
    "<dc:language>nl-NL</dc:language>"
    "</cp:coreProperties>"
)


def write_template(target: Path) -> None:
    """Write the template package with fixed timestamps."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": DOCUMENT_XML,
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": styles_xml(),
        "word/numbering.xml": numbering_xml(),
        "word/settings.xml": SETTINGS_XML,
        "docProps/core.xml": CORE_XML,
    }
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, text.encode("utf-8"))


if __name__ == "__main__":
    write_template(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/stijl.docx"))
