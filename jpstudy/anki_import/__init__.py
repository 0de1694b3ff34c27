"""Import from Anki: an ``.apkg`` or ``.colpkg`` with its notes, cards, review history and options.

    from jpstudy.anki_import import import_package, read_package
    package = read_package("Kaishi 1.5k.apkg")       # PackageError on bad input
    summary = import_package(col, package, dictionary=Dictionary.open())
    summary.to_json()   # {"notes_added": …, "notes_updated": …, "notes_skipped": …, "cards": …,
                        #  "revlog": …, "decks": […], "field_map": {note type: {field: role}}}

Modules: ``package`` (the archive and its collection file; ``schema11``/``schema18`` read the two
layouts, ``protobuf`` the settings of the newer one), ``models`` (what a package holds),
``field_map`` (which field is the word, reading, meaning …), ``text`` (field HTML and furigana to
plain text), ``notes`` (a note as a jpstudy word), ``card_state`` (Anki card rows to jpstudy card
states), ``presets`` (deck options), ``origin`` (the Anki note an imported note came from, for
re-export), ``importer`` (the one transaction and its summary).
"""

from jpstudy.anki_import.field_map import ROLE_LABELS, ROLES, FieldMap, FieldMapError, parse_map_args
from jpstudy.anki_import.importer import ImportSummary, field_map_for, import_package, used_notetypes
from jpstudy.anki_import.models import AnkiPackage
from jpstudy.anki_import.package import PackageError, read_package

__all__ = [
    "ROLES",
    "ROLE_LABELS",
    "AnkiPackage",
    "FieldMap",
    "FieldMapError",
    "ImportSummary",
    "PackageError",
    "field_map_for",
    "import_package",
    "parse_map_args",
    "read_package",
    "used_notetypes",
]
