"""Export to Anki: an ``.apkg`` that Anki imports cleanly and keeps in step with later exports.

    from jpstudy.export import export_apkg
    result = export_apkg(col, Path("jpstudy.apkg"), with_progress=True)

Modules: ``identity`` (GUIDs, deck ids, tags), ``notetype`` (the note types, from
``resources/anki/``), ``fields`` (escaped field HTML), ``selection`` (reading the collection),
``scheduling`` (SM-2 state and review log as Anki rows), ``imported`` (notes imported from Anki,
written back as the notes they came from), ``preset`` (the options as an Anki deck
preset), ``package`` (building the file), ``atomic`` (all-or-nothing writes).

Anki's importer never changes the scheduling of cards it already holds: progress carries over on
the first import of each card; later exports update the notes' content only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from jpstudy.anki_import.origin import origins
from jpstudy.export.package import build_collection, write_package
from jpstudy.export.preset import package_preset
from jpstudy.export.selection import ExportError, ProgressCallback, has_prompt, read_selection
from jpstudy.gc_pause import collector_paused

if TYPE_CHECKING:
    from jpstudy.collection import Collection

__all__ = ["ExportError", "ExportResult", "ProgressCallback", "export_apkg"]


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote.

    Attributes:
        path: the package file.
        notes: cards written (one Anki note per jpstudy card; an imported note's cards share its note).
        reviews: review-log rows written (0 without progress).
        decks: full names of the decks the cards are in, sorted.
        skipped: words whose production card was left out because its meaning is blank.
    """

    path: Path
    notes: int
    reviews: int
    decks: tuple[str, ...]
    skipped: tuple[str, ...] = ()


def export_apkg(
    col: Collection,
    path: Path,
    *,
    deck: str | None = None,
    with_progress: bool = False,
    now: datetime | None = None,
    progress: ProgressCallback | None = None,
) -> ExportResult:
    """Export the cards of ``deck`` (and its subdecks; all cards when None) to the package ``path``.

    With ``with_progress`` each card keeps its SM-2 state and review log when imported with Anki's
    "Import any learning progress". ``now`` (aware) fixes the export moment. ``path`` is replaced
    only when the whole package is written.

    Raises:
        ExportError: unknown deck, or the file cannot be written; ``path`` is left as it was.
    """
    now = datetime.now(UTC) if now is None else now
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name ending in .apkg.")
    with collector_paused():
        cards = read_selection(col, deck, with_reviews=with_progress, progress=progress)
        selection = tuple(item for item in cards if has_prompt(item))
        with col.lock:
            imported = origins(col.db, {item.note.id for item in selection})
            deck_presets = {}
            for deck in col.decks():
                preset = col.deck_preset(deck.id)
                deck_presets[deck.name] = package_preset(preset.id, preset.name, col.preset_for_deck(deck.id))
        collection = build_collection(
            selection, col.scheduler, now, with_progress=with_progress, progress=progress, origins=imported,
            deck_presets=deck_presets,
        )
    if progress is not None:
        progress("saving", 0, 1)
    try:
        write_package(collection, path)
    except OSError as exc:
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}. Nothing was written.") from exc
    if progress is not None:
        progress("saving", 1, 1)
    return ExportResult(
        path=path,
        notes=len(selection),
        reviews=sum(len(item.reviews) for item in selection),
        decks=tuple(sorted({item.deck_name for item in selection})),
        skipped=tuple(item.note.word for item in cards if not has_prompt(item)),
    )
