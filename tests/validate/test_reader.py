"""The fast CSV reader must give exactly the table the csv module gives, editor lines included."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from edutargets.tables import LINE, _read_exact, _read_fast, decode, read_table, record_lines

TRICKY = [
    b"a,b,c\n1,2,3\n4,5\n\n6,,\n",
    b'a,b,c\n1,"x\ny",3\n7,8,9',
    b'a,b,c\r\n1,"x\r\ny",3\r\n\r\n4,"",6\r\n',
    b'a,b,c\n1,"a""b",3\n"""",,\n',
    b"a,b,c\n1,2,3\n\n",
    b'"a\nb",c\n1,2\n3\n',
    b'a,b\n"1\n\n2",3\n\n\n4,5\n',
    b"\xef\xbb\xbfa,b\n1,2\n",
    # the csv module reads these differently from pandas: the exact reader must take them
    b'a,b,c\n1,ab"c,3\n',
    b'a,b,c\n1,"ab"c,3\n',
    b"a,b,c\n   \n1,2,3",
    b"a,b,c\n1,2,3,4\n",
    b"\na,b\n1,2\n",
    b"a,b,c",
]


@pytest.mark.parametrize("data", TRICKY, ids=range(len(TRICKY)))
def test_fast_reader_equals_csv_module(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    table, exact = read_table(path), _read_exact(path, decode(data))
    assert table.header == exact.header
    assert table.frame.astype(object).equals(exact.frame.astype(object))
    assert table.odd == exact.odd


def _quoted_file(path: Path, rows: int, every: int) -> list[list[str]]:
    """A file whose quote cell spans two lines on every ``every``-th row, the last row included."""
    records = [["id", "quote", "value"]]
    for i in range(rows):
        quote = f"第{i}行\n续" if i % every == 0 or i == rows - 1 else f"第{i}行, with a comma"
        records.append([str(i), quote, f"{i}.5"])
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(records)
    return records


def test_multi_line_cells_keep_editor_lines(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    records = _quoted_file(path, 3000, 7)
    data = path.read_bytes()
    table = _read_fast(path, data)
    assert table is not None, "quoted cells that open and close cleanly take the fast reader"
    assert table.frame[LINE].tolist() == record_lines(decode(data))[1:]
    assert table.frame["quote"].tolist() == [r[1] for r in records[1:]]
    assert table.frame[LINE].iloc[1] == 4  # row 0's quote spans lines 2 and 3
    assert table.frame[LINE].iloc[-1] == 3000 + 3000 // 7 + 2  # one extra line per multi-line cell


def test_multi_line_cell_at_end_without_newline(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes(b'a,b\n1,2\n3,"x\ny"')
    table = read_table(path)
    assert table.frame[LINE].tolist() == [2, 3]
    assert table.frame["b"].tolist() == ["2", "x\ny"]


def test_short_records_and_empty_lines_are_kept_as_written(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes(b"a,b,c\n1,2,3\n4\n\n5,6,7\n")
    table = read_table(path)
    assert table.frame[LINE].tolist() == [2, 3, 5]
    assert table.frame.iloc[1, :3].tolist() == ["4", "", ""]
    assert table.odd == {3: ["4"], 4: []}


def test_not_utf8_is_reported_by_either_reader(tmp_path: Path) -> None:
    from edutargets.tables import NotUtf8

    path = tmp_path / "g.csv"
    path.write_bytes("a,b\n1,学前教育毛入园率\n".encode("gb18030"))
    with pytest.raises(NotUtf8) as error:
        read_table(path)
    assert error.value.line == 2


def test_large_file_reads_fast_and_exactly(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["region", "year", "quote"])
    writer.writerows([f"{i:06d}", str(2010 + i % 15), f"{2010 + i % 15}年达到{i % 97}.5%"] for i in range(50_000))
    path.write_text(buffer.getvalue(), encoding="utf-8")
    data = path.read_bytes()
    fast = _read_fast(path, data)
    assert fast is not None
    exact = _read_exact(path, decode(data))
    assert fast.frame.equals(exact.frame)


def test_row_hashes_follow_each_row_not_its_place(tmp_path: Path) -> None:
    """Rows are fingerprinted by their bytes: moved rows keep their hash, edited ones change it,
    line endings do not count, and a cell spanning lines is part of its row."""
    rows = [b"a,b,c", b"1,2,3", b'4,"x\ny",6', b"7,8,9", b"10,11,12"]
    before, after, crlf = tmp_path / "before.csv", tmp_path / "after.csv", tmp_path / "crlf.csv"
    before.write_bytes(b"\n".join(rows) + b"\n")
    after.write_bytes(b"\n".join([rows[0], b"0,0,0", rows[1], rows[2], b"7,8,99", rows[4]]) + b"\n")
    crlf.write_bytes(b"\r\n".join(r for r in rows if b"\n" not in r) + b"\r\n")
    old, new = read_table(before).row_hashes, read_table(after).row_hashes
    assert old is not None and new is not None and len(set(old.tolist())) == 4
    assert [h in set(old.tolist()) for h in new.tolist()] == [False, True, True, False, True]
    single = read_table(crlf).row_hashes
    assert single is not None and single.tolist() == [old[0], old[2], old[3]]


def test_the_exact_reader_gives_no_row_hashes(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b'a,b,c\n1,ab"c,3\n')
    assert read_table(path).row_hashes is None
