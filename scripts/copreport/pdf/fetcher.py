"""The only way WeasyPrint may read anything: named files, never the network.

It serves the project's templates folder and the logos the model carries (from
memory, under names of our choosing) and refuses every other URL: other files
(also through links), http(s), data:, ftp.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse


class RefusedResource(FatalURLFetchingError):
    """The document asked for something it may not have; the render stops."""

    def __init__(self, url: str, reason: str = "buiten de toegestane mappen") -> None:
        super().__init__(url)
        self.url = url
        self.reason = reason


class FolderFetcher(URLFetcher):
    """Serves `file:` URLs below the given folders, and fixed in-memory resources."""

    def __init__(
        self, folders: list[Path], resources: dict[str, tuple[bytes, str]] | None = None
    ) -> None:
        super().__init__(allowed_protocols=["file"], allow_redirects=False)
        self.folders = [folder.resolve() for folder in folders]
        self.resources = dict(resources or {})

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        if url in self.resources:
            data, media_type = self.resources[url]
            return URLFetcherResponse(url, body=data, headers={"Content-Type": media_type})
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedResource(url)
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.folders):
            raise RefusedResource(url)
        if not path.is_file():
            raise RefusedResource(url, "bestaat niet")
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": media_type}
        )
