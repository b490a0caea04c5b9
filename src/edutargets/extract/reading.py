"""Read a document into lines of text: plain text (UTF-8 or GBK/GB18030), HTML, .docx, PDF.

Why one module: every format ends as a list of lines, and line numbers in the output refer to
those lines, so the text a quote is cut from is exactly the text a curator sees in the file
(for .txt) or in its extracted text (HTML main text, .docx paragraphs and table rows, PDF
pages). A file that cannot be read raises ReadError with one sentence for the curator; no
other exception may escape for a bad file (cli.py prints `path: message`).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".txt", ".text", ".md", ".csv", ".html", ".htm", ".xhtml", ".docx", ".pdf")

EMPTY = "empty file: nothing to extract"
BINARY = "not a document: binary data that is not text, HTML, .docx or PDF"
UNDECODABLE = "cannot decode the text: it is neither UTF-8 nor GBK/GB18030"
NO_HTML_TEXT = "no main text found in the HTML page"
BAD_DOCX = "cannot read the .docx file: it is not a valid Word document"
NO_DOCX_TEXT = "the .docx file has no text"
ENCRYPTED_PDF = "cannot read the PDF: it is encrypted"
SCANNED_PDF = (
    "scanned PDF: no text layer on its {pages} page(s); run OCR first (for example ocrmypdf) and extract its output"
)


class ReadError(Exception):
    """A file extract cannot read; str(error) is the message for the curator."""


@dataclass(frozen=True)
class Document:
    """A document's text as lines (1-based in output), with how it was read (`note`)."""

    path: str
    lines: list[str]
    note: str


def read_document(path: Path) -> Document:
    """Read one file by its content (and suffix): never raises anything but ReadError."""
    try:
        data = path.read_bytes()
    except PermissionError:
        raise ReadError("cannot read the file: permission denied") from None
    except IsADirectoryError:
        raise ReadError("is a folder, not a file") from None
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except OSError as error:
        raise ReadError(f"cannot read the file: {error.strerror or error}") from None
    if not data.strip():
        raise ReadError(EMPTY)
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        text, note = _read_pdf(data)
    elif data.startswith(b"PK\x03\x04") or suffix == ".docx":
        text, note = _read_docx(data)
    else:
        text, encoding = decode_text(data)
        if suffix in (".html", ".htm", ".xhtml") or _looks_like_html(text):
            text, note = _read_html(text), f"HTML main text ({encoding})"
        else:
            note = f"{encoding} text"
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return Document(str(path), lines, note)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode as UTF-8 (a BOM is dropped) or else GB18030 (which includes GBK and GB2312).

    Binary junk is refused before decoding: GB18030 decodes many byte strings, so NUL and
    other control bytes are what tell a text from data.
    """
    sample = data[:65536]
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    if b"\x00" in sample or controls > len(sample) // 100:
        raise ReadError(BINARY)
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReadError(UNDECODABLE) from None
    return text, "GBK/GB18030"


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def _read_html(html: str) -> str:
    """The page's main text with trafilatura (menus, footers and link lists left out); tables kept."""
    import trafilatura

    text = trafilatura.extract(
        html, output_format="txt", include_tables=True, include_comments=False, favor_recall=True, deduplicate=False
    )
    if not text or not text.strip():
        raise ReadError(NO_HTML_TEXT)
    return text


def _read_docx(data: bytes) -> tuple[str, str]:
    """Paragraphs and table rows in body order; a table row is its cells joined by tabs."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, Exception) as error:  # python-docx raises several kinds
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        raise ReadError(BAD_DOCX) from None
    lines: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            lines.append(item.text)
        elif isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if not cells or cells[-1] != text:  # a merged cell repeats in each grid column
                        cells.append(text)
                lines.append("\t".join(cells))
    if not any(line.strip() for line in lines):
        raise ReadError(NO_DOCX_TEXT)
    return "\n".join(lines), ".docx"


def _read_pdf(data: bytes) -> tuple[str, str]:
    """Each page's text layer with pypdf; a PDF of page images (a scan) has none and is refused."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ReadError(ENCRYPTED_PDF)
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError, IndexError) as error:
        raise ReadError(f"cannot read the PDF: {str(error).strip() or type(error).__name__}") from None
    if not pages:
        raise ReadError("cannot read the PDF: it has no pages")
    if sum(len("".join(page.split())) for page in pages) < 10:
        raise ReadError(SCANNED_PDF.format(pages=len(pages)))
    return "\n".join(pages), f"PDF text layer, {len(pages)} page(s)"
