"""Make a real-looking 求人票 PDF from a Hello Work style text ad (tests/fixtures/jobads/*.txt).

    QT_QPA_PLATFORM=offscreen python tools/make_jobad_pdf.py [AD.txt] [OUT.pdf]

Each line of the ad whose first word is a form label ("賃金　…", "就業時間　…") becomes a row of a bordered
table (label cell shaded, value cell beside it); the first line is the form's title; other lines run
across both cells. The Japanese font (Noto Sans CJK JP, Debian ``fonts-noto-cjk``) is embedded by Qt's
PDF writer as a subset with its ToUnicode map, as office software writes real 求人票. The defaults make
``tests/fixtures/pdf/hellowork-kaigo.pdf`` from ``jobads/hellowork-kaigo.txt``; the tests make the same PDF
at test time and read it back.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AD = ROOT / "tests" / "fixtures" / "jobads" / "hellowork-kaigo.txt"
OUT = ROOT / "tests" / "fixtures" / "pdf" / "hellowork-kaigo.pdf"
LABEL_WIDTH = 0.2
"""The label column's share of the table's width."""


def make_pdf(text: str, out: Path) -> Path:
    """Write the 求人票 of ``text`` (see the module docstring) to ``out``; a QGuiApplication must exist."""
    from PySide6.QtCore import QMarginsF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle("求人票")
    painter = QPainter(writer)
    try:
        width = painter.viewport().width()
        title_font, body_font = QFont("Noto Sans CJK JP"), QFont("Noto Sans CJK JP")
        title_font.setPointSizeF(14)
        title_font.setBold(True)
        body_font.setPointSizeF(8.5)
        lines = [line for line in text.splitlines() if line.strip()]
        painter.setFont(title_font)
        title_height = painter.fontMetrics().height() * 2
        painter.drawText(QRectF(0, 0, width, title_height), Qt.AlignmentFlag.AlignCenter, lines[0])
        painter.setFont(body_font)
        row_height = painter.fontMetrics().height() * 1.6
        label_width = width * LABEL_WIDTH
        y = title_height
        pen = QPen(QColor("#555555"))
        pen.setWidthF(2)
        for line in lines[1:]:
            label, sep, value = line.partition("\u3000")
            if y + row_height > painter.viewport().height():
                writer.newPage()
                y = 0
            painter.setPen(pen)
            if sep and len(label) <= 16:
                painter.fillRect(QRectF(0, y, label_width, row_height), QColor("#e8eef5"))
                painter.drawRect(QRectF(0, y, label_width, row_height))
                painter.drawRect(QRectF(label_width, y, width - label_width, row_height))
                painter.setPen(QColor("#000000"))
                flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
                painter.drawText(QRectF(20, y, label_width - 40, row_height), flags, label)
                painter.drawText(QRectF(label_width + 20, y, width - label_width - 40, row_height), flags, value)
            else:
                painter.drawRect(QRectF(0, y, width, row_height))
                painter.setPen(QColor("#000000"))
                painter.drawText(QRectF(20, y, width - 40, row_height),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, line)
            y += row_height
    finally:
        painter.end()
    return out


def main(argv: list[str]) -> int:
    from PySide6.QtGui import QGuiApplication

    source = Path(argv[0]) if argv else AD
    out = Path(argv[1]) if len(argv) > 1 else OUT if source == AD else source.with_suffix(".pdf")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    make_pdf(source.read_text(encoding="utf-8"), out)
    del app
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
