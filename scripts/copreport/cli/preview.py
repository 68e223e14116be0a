"""The live preview: `./build.sh voorbeeld <sessie>.md`.

The web version of one session is served on 127.0.0.1 (a free port, printed) and
made again, in the warm fork server, whenever the source, the register, the
series file, a logo or a template is saved; the open page reloads itself. A
source with problems shows them on the page, in Dutch, each at its line. Nothing
is written into the output folder: the preview works in a temporary folder that
is removed, with the server, at Ctrl-C.
"""

from __future__ import annotations

import html
import http.server
import shutil
import sys
import threading
from pathlib import Path

from .. import paths
from ..errors import ReportError, display_path
from ..runner import client
from ..runner.protocol import Request, Result
from ..scratch import scratch_folder
from ..source import scan
from ..stop_signals import stop_on_signals
from .engine import ROOT
from .progress import printable

RELOAD = (
    '<script>new EventSource("/wijzigingen").onmessage = () => location.reload();</script>'
)


class Preview:
    """What the preview shows now, made again when a watched file changes."""

    def __init__(self, source: Path, content: Path, work: Path) -> None:
        self.source = source
        self.content = content
        self.work = work
        self.reeks = source.parent.name
        self.page = b""
        self.version = 0
        self.changed = threading.Condition()

    def render(self) -> None:
        """Read the sources and make the web page (or the page with the problems)."""
        results = list(self._steps())
        failed = next((r for r in results if not r.ok), None)
        if failed is None:
            page = (self.work / "verslag.html").read_text(encoding="utf-8")
            page = page.replace("</body>", RELOAD + "</body>")
        else:
            page = problems_page(self.source, failed)
        with self.changed:
            self.page = page.encode("utf-8")
            self.version += 1
            self.changed.notify_all()

    def _steps(self):
        work, content, reeks = self.work, self.content, self.reeks
        series_folder = content / reeks
        sessions = [s for r, s in paths.find_sessions(content) if r == reeks]
        facts = scan.series_facts(series_folder, sessions)
        steps = [
            ("parse_register", {}, "organisaties.json", content / paths.REGISTER_FILE),
            (
                "parse_series",
                {"register": [str(work / "organisaties.json")]},
                "reeks.json",
                series_folder / paths.SERIES_FILE,
            ),
            (
                "parse_session",
                {
                    "source": [str(self.source)],
                    "series": [str(work / "reeks.json")],
                    "register": [str(work / "organisaties.json")],
                },
                "sessie.json",
                self.source,
            ),
            (
                "render_web",
                {
                    "model": [str(work / "sessie.json")],
                    "templates": [str(ROOT / "templates" / "report.css")],
                },
                "verslag.html",
                self.source,
            ),
        ]
        options = {
            "content": str(content),
            "series_folder": str(series_folder),
            "neighbours": scan.neighbours(facts, self.source.stem),
            "numbers": scan.numbers(facts, self.source.stem),
        }
        for step, inputs, output, source in steps:
            result = client.run(
                Request(
                    step=step,
                    inputs=inputs,
                    outputs=[str(work / output)],
                    log=str(work / f"{output}.log"),
                    options=options,
                    label=f"{reeks}/{self.source.stem}",
                    source=str(source),
                )
            )
            yield result
            if not result.ok:
                return


def problems_page(source: Path, result: Result) -> str:
    """A Dutch page listing every problem with its line, and that line itself."""
    items = []
    for path, line, message in result.problems:
        where = display_path(Path(path)) if path else ""
        shown = ""
        if path and line:
            try:
                lines = Path(path).read_text(encoding="utf-8", errors="replace").split("\n")
                shown = (
                    f"<pre>{html.escape(lines[line - 1])}</pre>"
                    if line <= len(lines)
                    else ""
                )
            except OSError:
                shown = ""
        location = f"{where}, regel {line}" if line else where
        items.append(
            f"<li><p><strong>{html.escape(location)}</strong>: {html.escape(message)}</p>"
            f"{shown}</li>"
        )
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Problemen in {html.escape(source.name)}</title><style>"
        "body{font-family:Carlito,Calibri,sans-serif;max-width:46rem;margin:2rem auto;"
        "padding:0 1rem;color:#1a1a1a}h1{color:#a4001d}pre{background:#eef4fa;"
        "padding:.4em .6em;white-space:pre-wrap}</style></head><body>"
        f"<h1>Het verslag kan nog niet worden gemaakt</h1><p>Zodra u deze problemen in "
        f"{html.escape(display_path(source))} oplost en opslaat, verschijnt het verslag "
        f"hier weer.</p><ul>{''.join(items)}</ul>{RELOAD}</body></html>"
    )


def _handler(preview: Preview):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/":
                with preview.changed:
                    body = preview.page
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif self.path == "/wijzigingen":
                self._events()
            else:
                self.send_error(404)

        def _events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            with preview.changed:
                seen = preview.version
            try:
                while True:
                    with preview.changed:
                        preview.changed.wait_for(
                            lambda seen=seen: preview.version != seen, timeout=15
                        )
                        current = preview.version
                    if current != seen:
                        seen = current
                        self.wfile.write(f"data: {current}\n\n".encode())
                    else:
                        self.wfile.write(b": wacht\n\n")
                    self.wfile.flush()
            except OSError:
                return

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def preview(source: Path, content: Path, port: int = 0) -> int:
    """Serve the preview until Ctrl-C; return the exit code."""
    import watchfiles

    source = source.resolve()
    content = content.resolve()
    try:
        relative = source.relative_to(content)
        if len(relative.parts) != 2 or source.suffix != ".md" or not source.is_file():
            raise ValueError
    except ValueError:
        print(
            printable(
                f"FOUT: {display_path(source)} is geen sessiebestand in "
                f"{display_path(content)}/<reeks>/<sessie>.md"
            ),
            file=sys.stderr,
        )
        return 1
    stop_on_signals()  # Ctrl-C (also in the background, which ignores it), kill
    work = scratch_folder("voorbeeld")
    client.enable_server(workers=1)
    client.start_server()
    stop = threading.Event()
    try:
        shown = Preview(source, content, work)
        shown.render()
        try:
            server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _handler(shown))
        except OSError as error:
            raise ReportError(f"poort {port} is niet vrij ({error.strerror})") from None
        server.daemon_threads = True
        watching = threading.Event()

        def watch() -> None:
            # Empty after a quiet moment: from then on every save is seen.
            for changes in watchfiles.watch(
                content,
                ROOT / "templates",
                stop_event=stop,
                debounce=60,
                step=30,
                rust_timeout=100,
                yield_on_timeout=True,
            ):
                watching.set()
                if changes:
                    shown.render()

        threading.Thread(target=watch, daemon=True).start()
        watching.wait(timeout=5)
        shown.render()  # a save before the watcher was ready is shown too
        address = f"http://127.0.0.1:{server.server_address[1]}/"
        print(f"Voorbeeld van {display_path(source)}: {address}", flush=True)
        print(
            "Het verslag wordt bijgewerkt zodra u opslaat. Stoppen met Ctrl-C.", flush=True
        )
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    except ReportError as error:
        print(printable(f"FOUT: {error}"), file=sys.stderr)
        return 1
    finally:
        stop.set()
        client.stop_server()
        shutil.rmtree(work, ignore_errors=True)
    print("\nVoorbeeld gestopt.")
    return 0
