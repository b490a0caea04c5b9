"""Reading each format, and the exact message for each kind of bad file."""

from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from edutargets.extract.reading import (
    BINARY,
    EMPTY,
    SCANNED_PDF,
    UNDECODABLE,
    ReadError,
    read_document,
)

SENTENCE = "到2025年,学前教育毛入园率达到95%以上。"


def test_utf8_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"))
    document = read_document(path)
    assert document.lines == [SENTENCE] and document.note == "UTF-8 text"


def test_gbk_is_detected_and_said(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(SENTENCE.encode("gbk"))
    document = read_document(path)
    assert document.lines == [SENTENCE] and document.note == "GBK/GB18030 text"


def test_html_main_text(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    body = "".join(f"<p>{SENTENCE}这一段是规划的正文，写明了目标和措施。</p>" for _ in range(3))
    path.write_text(
        f"<html><head><title>规划</title></head><body><article>{body}</article></body></html>", encoding="utf-8"
    )
    document = read_document(path)
    assert document.note == "HTML main text (UTF-8)"
    assert any(SENTENCE in line for line in document.lines)
    assert not any("<p>" in line for line in document.lines)


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    made = docx.Document()
    made.add_paragraph(SENTENCE)
    table = made.add_table(rows=2, cols=3)
    for row, cells in zip(
        table.rows, (("指标", "2020年", "2025年"), ("学前教育毛入园率(%)", "90", "95以上")), strict=True
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    made.save(path)
    document = read_document(path)
    assert document.note == ".docx"
    assert document.lines == [SENTENCE, "指标\t2020年\t2025年", "学前教育毛入园率(%)\t90\t95以上"]


def _text_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer says `text` (ASCII), written by hand as PDF 1.4."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(_text_pdf("Enrolment 95% in 2025"))
    document = read_document(path)
    assert document.note == "PDF text layer, 1 page(s)"
    assert "Enrolment 95% in 2025" in "\n".join(document.lines)


def test_scanned_pdf_message(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.add_blank_page(width=612, height=792)
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(ReadError) as error:
        read_document(path)
    assert str(error.value) == SCANNED_PDF.format(pages=2)
    assert (
        str(error.value)
        == "scanned PDF: no text layer on its 2 page(s); run OCR first (for example ocrmypdf) and extract its output"
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", EMPTY),
        ("blank.txt", b"  \n\n ", EMPTY),
        ("junk.txt", bytes(range(256)) * 8, BINARY),
        ("bad.txt", b"\xff\xfe\xfa\xfb\x81\x30" * 10, UNDECODABLE),
        ("bad.docx", b"PK\x03\x04 not really a zip", "cannot read the .docx file: it is not a valid Word document"),
        ("bad.pdf", b"%PDF-1.4\nnothing else", None),
    ],
)
def test_bad_files(tmp_path: Path, name: str, data: bytes, message: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as error:
        read_document(path)
    if message is None:
        assert str(error.value).startswith("cannot read the PDF: ")
    else:
        assert str(error.value) == message


def test_exact_messages() -> None:
    assert EMPTY == "empty file: nothing to extract"
    assert BINARY == "not a document: binary data that is not text, HTML, .docx or PDF"
    assert UNDECODABLE == "cannot decode the text: it is neither UTF-8 nor GBK/GB18030"
