"""Bundled resources: card templates, styles, icons, dictionary data (installed as ``jpstudy_resources``)."""
