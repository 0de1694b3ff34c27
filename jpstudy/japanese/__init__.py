"""What a card shows about a Japanese word beyond its fields: pitch accent, furigana, its kanji.

Modules: ``morae`` (splitting kana into morae), ``morphemes`` (fugashi's unidic-lite analysis, copied
out of MeCab's memory), ``pitch`` (the accent kernel of a word), ``furigana`` (readings over the kanji
of a sentence), ``kanji`` (the bundled facts about each kanji of a word), ``sentence`` (a sentence as
plain text plus the span of the studied word).
"""
