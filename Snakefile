"""Reports of the Nationaal Netwerk Brede Welvaart's Community of Practice sessions.

Every `<content>/<reeks>/<sessie>.md` becomes `<out>/<reeks>/<sessie>.pdf`,
`.docx` and `.html`. Run `snakemake --cores 2` for all reports and `snakemake --cores 1
controle` to check the sources only. `--config content=DIR out=DIR` points the
workflow at a content folder and an output folder anywhere on disk.
"""


include: "rules/common.smk"


onsuccess:
    if "controle" not in sys.argv:
        print(f"\nKlaar: de verslagen staan in {OUT.resolve()}.")


onerror:
    print(
        "\nNiet alle verslagen zijn gemaakt: zie de meldingen die met FOUT beginnen. "
        f"Wat wel lukte, staat in {OUT.resolve()}.",
        file=sys.stderr,
    )


wildcard_constraints:
    reeks=r"[^/]+",
    sessie=r"[^/]+",


localrules:
    all,
    controle,


# --- targets --------------------------------------------------------------------


rule all:
    input:
        [report for reeks, sessie in SESSIONS for report in reports(reeks, sessie)],


rule controle:
    input:
        sources=[CONTENT / reeks / f"{sessie}.md" for reeks, sessie in SESSIONS],
    log:
        LOGS / "controle.log",
    conda:
        "envs/pipeline.yaml"
    params:
        code=fingerprint(PARSE_CODE),
        content=CONTENT,
    message:
        "Alle bronbestanden controleren (zonder verslagen te maken)"
    script:
        "scripts/check_sources.py"


# --- one session: source -> model -> reports --------------------------------------


rule parse_session:
    input:
        source=CONTENT / "{reeks}" / "{sessie}.md",
        series=lambda wildcards: existing(CONTENT / wildcards.reeks / "reeks.yaml"),
        register=existing(CONTENT / "organisaties.yaml"),
        logos=logo_files(CONTENT / "organisaties.yaml"),
    output:
        MODELS / "{reeks}" / "{sessie}.json",
    log:
        LOGS / "{reeks}" / "{sessie}.parse.log",
    conda:
        "envs/pipeline.yaml"
    params:
        code=fingerprint(PARSE_CODE),
        content=CONTENT,
        reports=session_reports,
    message:
        "Inlezen en controleren: {wildcards.reeks}/{wildcards.sessie}"
    script:
        "scripts/parse_session.py"


rule render_pdf:
    input:
        model=MODELS / "{reeks}" / "{sessie}.json",
        templates=HTML_TEMPLATES,
    output:
        OUT / "{reeks}" / "{sessie}.pdf",
    log:
        LOGS / "{reeks}" / "{sessie}.pdf.log",
    conda:
        "envs/pipeline.yaml"
    params:
        code=fingerprint(PDF_CODE),
        reports=session_reports,
    message:
        "PDF maken: {wildcards.reeks}/{wildcards.sessie}"
    script:
        "scripts/render_pdf.py"


rule render_docx:
    input:
        model=MODELS / "{reeks}" / "{sessie}.json",
        template=TEMPLATES / "stijl.docx",
    output:
        OUT / "{reeks}" / "{sessie}.docx",
    log:
        LOGS / "{reeks}" / "{sessie}.docx.log",
    conda:
        "envs/pipeline.yaml"
    params:
        code=fingerprint(DOCX_CODE),
        reports=session_reports,
    message:
        "Word-bestand maken: {wildcards.reeks}/{wildcards.sessie}"
    script:
        "scripts/render_docx.py"


rule render_web:
    input:
        model=MODELS / "{reeks}" / "{sessie}.json",
        templates=HTML_TEMPLATES,
    output:
        OUT / "{reeks}" / "{sessie}.html",
    log:
        LOGS / "{reeks}" / "{sessie}.html.log",
    conda:
        "envs/pipeline.yaml"
    params:
        code=fingerprint(WEB_CODE),
        reports=session_reports,
    message:
        "Webversie maken: {wildcards.reeks}/{wildcards.sessie}"
    script:
        "scripts/render_web.py"
