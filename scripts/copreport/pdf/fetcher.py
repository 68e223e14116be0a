"""The only way WeasyPrint may read a file: inside the allowed folders, never the network."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse


class RefusedResource(FatalURLFetchingError):
    """The document asked for something outside the allowed folders; the render stops."""

    def __init__(self, url: str, reason: str = "buiten de toegestane mappen") -> None:
        super().__init__(url)
        self.url = url
        self.reason = reason


class FolderFetcher(URLFetcher):
    """Serves `file:` URLs below the given folders and refuses everything else.

    No other scheme (http, https, data, ftp, ...) is fetched, and a path that
    leaves the folders, also through a symbolic link, stops the render.
    """

    def __init__(self, folders: list[Path]) -> None:
        super().__init__(allowed_protocols=["file"], allow_redirects=False)
        self.folders = [folder.resolve() for folder in folders]
        self.fetched: list[Path] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedResource(url)
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.folders):
            raise RefusedResource(url)
        if not path.is_file():
            raise RefusedResource(url, "bestaat niet")
        self.fetched.append(path)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
        )
