"""The jpstudy desktop app (PySide6), installed as ``jpstudy_ui`` so it never shadows another ``ui``."""
