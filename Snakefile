"""Reports of the Nationaal Netwerk Brede Welvaart's Community of Practice sessions.

Every `<content>/<reeks>/<sessie>.md` becomes `<out>/<reeks>/<sessie>.pdf`,
`.docx` and `.html`, and with a distribution list (`verzendlijst.yaml`) a package
of draft e-mails in `<out>/<reeks>/verzending/<sessie>/`. Run `snakemake --cores 2`
for everything, `snakemake --cores 1 controle` to check the sources only and
`snakemake --cores 2 verzending` for the distribution packages. `--config content=DIR out=DIR` points the
workflow at a content folder and an output folder anywhere on disk.

The register and each series file are read once; every session is read into a
model that the three renderers read. Renders land in a staging folder and are
published together, so a session never has only some of its reports.
"""


include: "rules/common.smk"


onstart:
    start_build()


onsuccess:
    end_build(success=True)


onerror:
    end_build(success=False)


wildcard_constraints:
    reeks=r"[^/.][^/]*",
    sessie=r"[^/]+",


localrules:
    all,
    controle,
    publish_session,
    publish_draft,
    publish_overview,
    publish_index,
    verzending,


# --- targets --------------------------------------------------------------------


rule all:
    input:
        every_report(),


rule controle:
    input:
        [MODELS / reeks / f"{sessie}.json" for reeks, sessie in SESSIONS],
        [MODELS / "verzendlijst.json"] if DISTRIBUTION.exists() else [],
    log:
        LOGS / "controle.log",
    message:
        "Alle bronbestanden controleren (zonder verslagen te maken)"
    run:
        if jobs.listener is None:  # the command line says this itself
            print(
                f"In orde: {len(SESSIONS)} sessie(s) gecontroleerd, geen fouten gevonden."
            )


rule verzending:
    input:
        every_package(),


# --- shared sources: read once per build ------------------------------------------


rule parse_register:
    input:
        register=existing(REGISTER),
        logos=logo_files(REGISTER),
    output:
        MODELS / "organisaties.json",
    log:
        LOGS / "organisaties.log",
    params:
        code=fingerprint(PARSE_CODE),
    message:
        "Register inlezen: organisaties.yaml"
    run:
        run_step(
            "parse_register",
            input,
            output,
            log,
            "organisaties.yaml",
            config,
            source=REGISTER,
            stale=all_stale_reports(),
            content=CONTENT,
        )


rule parse_series:
    input:
        series=lambda wildcards: existing(CONTENT / wildcards.reeks / "reeks.yaml"),
        register=MODELS / "organisaties.json",
    output:
        MODELS / "{reeks}.reeks.json",
    log:
        LOGS / "{reeks}.reeks.log",
    params:
        code=fingerprint(PARSE_CODE),
    message:
        "Reeks inlezen: {wildcards.reeks}/reeks.yaml"
    run:
        run_step(
            "parse_series",
            input,
            output,
            log,
            f"{wildcards.reeks}/reeks.yaml",
            config,
            source=CONTENT / wildcards.reeks / "reeks.yaml",
            stale=all_stale_reports(wildcards.reeks),
            content=CONTENT,
            series_folder=CONTENT / wildcards.reeks,
        )


rule parse_distribution:
    input:
        distribution=existing(DISTRIBUTION),
        register=MODELS / "organisaties.json",
    output:
        MODELS / "verzendlijst.json",
    log:
        LOGS / "verzendlijst.log",
    params:
        code=fingerprint(PARSE_CODE + DISTRIBUTION_CODE),
        folders=SERIES_FOLDERS,
    message:
        "Verzendlijst inlezen: verzendlijst.yaml"
    run:
        run_step(
            "parse_distribution",
            input,
            output,
            log,
            "verzendlijst.yaml",
            config,
            source=DISTRIBUTION,
            stale=all_packages(),
            content=CONTENT,
        )


# --- the house style: checked before any report is made with it -------------------


rule check_pdf_templates:
    input:
        templates=HTML_TEMPLATES,
    output:
        STAGED / "sjablonen-pdf.ok",
    log:
        LOGS / "sjablonen-pdf.log",
    params:
        code=fingerprint(PDF_CODE),
    message:
        "Sjablonen voor de PDF controleren"
    run:
        run_step(
            "check_templates",
            input,
            output,
            log,
            "templates/",
            config,
            source=TEMPLATES / "report.html.j2",
            stale=[],
            kind="pdf",
        )


rule check_web_templates:
    input:
        templates=HTML_TEMPLATES,
    output:
        STAGED / "sjablonen-web.ok",
    log:
        LOGS / "sjablonen-web.log",
    params:
        code=fingerprint(WEB_CODE),
    message:
        "Sjablonen voor de webversie controleren"
    run:
        run_step(
            "check_templates",
            input,
            output,
            log,
            "templates/",
            config,
            source=TEMPLATES / "report.html.j2",
            stale=[],
            kind="web",
        )


rule check_word_template:
    input:
        template=TEMPLATES / "stijl.docx",
    output:
        STAGED / "sjabloon-docx.ok",
    log:
        LOGS / "sjabloon-docx.log",
    params:
        code=fingerprint(DOCX_CODE),
    message:
        "Word-sjabloon controleren"
    run:
        run_step(
            "check_templates",
            input,
            output,
            log,
            "templates/stijl.docx",
            config,
            source=TEMPLATES / "stijl.docx",
            stale=[],
            kind="docx",
        )


# --- one session: source -> model -> reports -> published together ---------------


rule parse_session:
    input:
        source=CONTENT / "{reeks}" / "{sessie}.md",
        series=MODELS / "{reeks}.reeks.json",
        register=MODELS / "organisaties.json",
    output:
        MODELS / "{reeks}" / "{sessie}.json",
    log:
        LOGS / "{reeks}" / "{sessie}.parse.log",
    priority: SESSION_FIRST
    params:
        code=fingerprint(PARSE_CODE),
        neighbours=neighbours,
        numbers=numbers,
        draft=lambda wildcards: is_draft(wildcards.reeks, wildcards.sessie),
    message:
        "Inlezen en controleren: {wildcards.reeks}/{wildcards.sessie}"
    run:
        session_step(
            "parse_session",
            wildcards,
            input,
            output,
            log,
            content=CONTENT,
            neighbours=params.neighbours,
            numbers=params.numbers,
            draft=params.draft,
        )


rule render_pdf:
    input:
        model=MODELS / "{reeks}" / "{sessie}.json",
        templates=HTML_TEMPLATES,
        checked=STAGED / "sjablonen-pdf.ok",
    output:
        STAGED / "{reeks}" / "{sessie}.pdf",
    log:
        LOGS / "{reeks}" / "{sessie}.pdf.log",
    priority: SESSION_FIRST + PDF_FIRST
    params:
        code=fingerprint(PDF_CODE),
    message:
        "PDF maken: {wildcards.reeks}/{wildcards.sessie}"
    run:
        session_step("render_pdf", wildcards, input, output, log)


rule render_docx:
    input:
        model=MODELS / "{reeks}" / "{sessie}.json",
        template=TEMPLATES / "stijl.docx",
        checked=STAGED / "sjabloon-docx.ok",
    output:
        STAGED / "{reeks}" / "{sessie}.docx",
    log:
        LOGS / "{reeks}" / "{sessie}.docx.log",
    priority: SESSION_FIRST
    params:
        code=fingerprint(DOCX_CODE),
    message:
        "Word-bestand maken: {wildcards.reeks}/{wildcards.sessie}"
    run:
        session_step("render_docx", wildcards, input, output, log)


rule render_web:
    input:
        model=MODELS / "{reeks}" / "{sessie}.json",
        templates=HTML_TEMPLATES,
        checked=STAGED / "sjablonen-web.ok",
    output:
        STAGED / "{reeks}" / "{sessie}.html",
    log:
        LOGS / "{reeks}" / "{sessie}.html.log",
    priority: SESSION_FIRST
    params:
        code=fingerprint(WEB_CODE),
    message:
        "Webversie maken: {wildcards.reeks}/{wildcards.sessie}"
    run:
        session_step("render_web", wildcards, input, output, log)


rule publish_session:
    input:
        [STAGED / "{reeks}" / f"{{sessie}}.{kind}" for kind in REPORT_KINDS],
    output:
        [OUT / "{reeks}" / f"{{sessie}}.{kind}" for kind in REPORT_KINDS],
    log:
        LOGS / "{reeks}" / "{sessie}.publish.log",
    wildcard_constraints:
        sessie=FINAL_NAME,
    priority: SESSION_FIRST
    message:
        "Verslagen plaatsen: {wildcards.reeks}/{wildcards.sessie}"
    run:
        publish_reports(
            input, output, log, session_label(wildcards), session_source(wildcards)
        )


rule publish_draft:
    input:
        [STAGED / "{reeks}" / f"{{sessie}}.{kind}" for kind in REPORT_KINDS],
    output:
        [OUT / "{reeks}" / f"{{sessie}}-concept.{kind}" for kind in REPORT_KINDS],
    log:
        LOGS / "{reeks}" / "{sessie}.publish.log",
    priority: SESSION_FIRST
    message:
        "Conceptverslagen plaatsen: {wildcards.reeks}/{wildcards.sessie}"
    run:
        publish_reports(
            input, output, log, session_label(wildcards), session_source(wildcards)
        )


# --- what a series has yielded, and an index of the whole output folder ----------


rule render_overview_pdf:
    input:
        series=MODELS / "{reeks}.reeks.json",
        sessions=lambda wildcards: session_models(wildcards.reeks),
        templates=HTML_TEMPLATES,
        checked=STAGED / "sjablonen-pdf.ok",
    output:
        STAGED / "{reeks}.overzicht.pdf",
    log:
        LOGS / "{reeks}.overzicht.pdf.log",
    priority: SESSION_FIRST + PDF_FIRST + OVERVIEW_FIRST
    params:
        code=fingerprint(PDF_CODE + OVERVIEW_CODE),
    message:
        "Overzicht maken (PDF): {wildcards.reeks}"
    run:
        run_overview(wildcards, input, output, log, "pdf")


rule render_overview_docx:
    input:
        series=MODELS / "{reeks}.reeks.json",
        sessions=lambda wildcards: session_models(wildcards.reeks),
        template=TEMPLATES / "stijl.docx",
        checked=STAGED / "sjabloon-docx.ok",
    output:
        STAGED / "{reeks}.overzicht.docx",
    log:
        LOGS / "{reeks}.overzicht.docx.log",
    params:
        code=fingerprint(DOCX_CODE + OVERVIEW_CODE),
    message:
        "Overzicht maken (Word): {wildcards.reeks}"
    run:
        run_overview(wildcards, input, output, log, "docx")


rule render_overview_web:
    input:
        series=MODELS / "{reeks}.reeks.json",
        sessions=lambda wildcards: session_models(wildcards.reeks),
        templates=HTML_TEMPLATES,
        checked=STAGED / "sjablonen-web.ok",
    output:
        STAGED / "{reeks}.overzicht.html",
    log:
        LOGS / "{reeks}.overzicht.html.log",
    params:
        code=fingerprint(WEB_CODE + OVERVIEW_CODE),
    message:
        "Overzicht maken (web): {wildcards.reeks}"
    run:
        run_overview(wildcards, input, output, log, "html")


rule publish_overview:
    input:
        [STAGED / f"{{reeks}}.overzicht.{kind}" for kind in REPORT_KINDS],
    output:
        [OUT / "{reeks}" / f"overzicht.{kind}" for kind in REPORT_KINDS],
    log:
        LOGS / "{reeks}.overzicht.publish.log",
    message:
        "Overzicht plaatsen: {wildcards.reeks}"
    run:
        publish_reports(
            input,
            output,
            log,
            f"{wildcards.reeks}/overzicht",
            CONTENT / wildcards.reeks / "reeks.yaml",
        )


rule render_index:
    input:
        series=[MODELS / f"{reeks}.reeks.json" for reeks in SERIES],
        sessions=[MODELS / reeks / f"{sessie}.json" for reeks, sessie in SESSIONS],
        templates=HTML_TEMPLATES,
        checked=[STAGED / "sjablonen-pdf.ok", STAGED / "sjablonen-web.ok"],
    output:
        STAGED / "index.{kind}",
    log:
        LOGS / "index.{kind}.log",
    wildcard_constraints:
        kind="html|pdf",
    params:
        code=fingerprint(PDF_CODE + WEB_CODE + OVERVIEW_CODE),
    message:
        "Inhoudsopgave maken: index.{wildcards.kind}"
    run:
        run_step(
            "render_index",
            input,
            output,
            log,
            f"index.{wildcards.kind}",
            config,
            source=CONTENT,
            stale=[],
            kind=wildcards.kind,
        )


rule publish_index:
    input:
        [STAGED / "index.html", STAGED / "index.pdf"],
    output:
        INDEX,
    log:
        LOGS / "index.publish.log",
    message:
        "Inhoudsopgave plaatsen"
    run:
        publish_reports(input, output, log, "index", CONTENT)


# --- distribution: a package of draft e-mails per finished session ---------------


rule package_session:
    input:
        model=MODELS / "{reeks}" / "{sessie}.json",
        pdf=OUT / "{reeks}" / "{sessie}.pdf",
        docx=OUT / "{reeks}" / "{sessie}.docx",
        distribution=MODELS / "verzendlijst.json",
        register=MODELS / "organisaties.json",
    output:
        directory(OUT / "{reeks}" / "verzending" / "{sessie}"),
    log:
        LOGS / "{reeks}" / "{sessie}.verzending.log",
    wildcard_constraints:
        sessie=FINAL_NAME,
    params:
        code=fingerprint(PACKAGE_CODE),
    message:
        "Verzendpakket maken: {wildcards.reeks}/{wildcards.sessie}"
    run:
        run_step(
            "package_session",
            input,
            output,
            log,
            session_label(wildcards),
            config,
            source=session_source(wildcards),
            stale=output,
            content=CONTENT,
        )
