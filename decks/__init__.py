"""Bundled JLPT deck data (installed as the package ``jpstudy_decks``)."""
