"""PDF streams are compressed at zlib's level 6 (pydyf alone would use the slow 9)."""

from __future__ import annotations

import io
import zlib

import pikepdf
import pydyf
from copreport.pdf.compression import LEVEL
from copreport.pdf.writer import pdf_bytes
from copreport.warmup import sample_session


def test_every_compressed_stream_of_a_report_is_at_the_quick_level():
    with pikepdf.open(io.BytesIO(pdf_bytes(sample_session()))) as pdf:
        streams = [
            item
            for item in pdf.objects
            if isinstance(item, pikepdf.Stream)
            and item.get("/Filter") == pikepdf.Name.FlateDecode
            and "/DecodeParms" not in item  # images: WeasyPrint's own PNG data
        ]
        assert len(streams) >= 5  # pages and font subsets
        for stream in streams:
            assert stream.read_raw_bytes() == zlib.compress(stream.read_bytes(), LEVEL)


def test_the_rest_of_zlib_is_unchanged_for_pydyf():
    assert pydyf.zlib.compress(b"brede welvaart" * 50) == zlib.compress(
        b"brede welvaart" * 50
    )
    assert pydyf.zlib.MAX_WBITS == zlib.MAX_WBITS
