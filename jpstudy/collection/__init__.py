"""The user's collection: notes, cards, decks, the review log and today's queue."""

from jpstudy.collection.collection import Collection, note_guid
from jpstudy.collection.models import Card, Deck, DeckNode, NewNote, Note, ReviewEntry
from jpstudy.collection.schema import CollectionFileError
from jpstudy.collection.search import SearchError

__all__ = [
    "Card", "Collection", "CollectionFileError", "Deck", "DeckNode", "NewNote", "Note", "ReviewEntry",
    "SearchError", "note_guid",
]
