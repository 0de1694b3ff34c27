"""Who the ad is for: employment type, experience, licences, the Japanese level, visa, foreigners.

Terms:
    employment line: a line naming the employment (雇用形態, 雇用区分, 就業形態, 求人区分), or a line of a
        section so headed. When the ad
        has one, only the types it names count; else the types named anywhere, except a bare 派遣 outside
        brackets (派遣先, 人材派遣の営業 are no employment type), and never a path to one (正社員登用,
        正社員登用制度: a chance of becoming one later; nor the 正社員 a 紹介予定派遣 leads to).
    welcome: asked as a plus, not a condition: in a section headed 歓迎, 尚可, 優遇, or with such a word
        after it in its item (up to the next 、 or 。). Welcome experience and Japanese levels are not requirements.
    Japanese level asked: a JLPT level written as a level (日本語能力試験N2以上, JLPT N3程度, N2相当, the old
        日本語能力試験2級), else a description of a level in a line about Japanese, read as the level in
        ``resources/adfacts/terms.tsv`` (ビジネスレベル → N2, 日常会話程度 → N3: jpstudy's reading, said
        so in the English), else ``not_required`` (日本語不問). A description next to another language
        (英語ビジネスレベル) is about that language.
    benefit context: a licence named as something the employer pays for or helps to get (資格手当,
        資格取得支援, 取得予定) is no requirement.
"""

from __future__ import annotations

import re

from jpstudy.adfacts.models import NOT_STATED_FACT, Fact
from jpstudy.adfacts.scan import REQUIRED_SECTIONS, WELCOME_SECTIONS, WELCOME_WORDS, AdScan
from jpstudy.adfacts.terms import terms

_EMPLOYMENT_LINE = re.compile(r"雇用形態|雇用区分|就業形態|募集形態|雇用の形態|求人区分|雇用期間")
_NOT_A_TYPE = re.compile(r"^(?:登用|化|へ|を目指|前提|と同|並み|同様|雇用実績|に登用|として登用|への登用)")
_BARE_DISPATCH_OK = re.compile(r"[<【\[(]$")
_DISPATCH_NOT_TYPE = re.compile(r"^(?:先|元|会社|事業|業界|法|業務の|の営業)")


def employment_type(scan: AdScan) -> Fact:
    """Codes of the employment types (see the module docstring and ``AdFacts``), in order."""
    found = []
    for start, end, term in terms()["employment"].find(scan.folded):
        after = scan.folded[end : end + 6]
        if _NOT_A_TYPE.match(after):
            continue
        on_line = bool(_EMPLOYMENT_LINE.search(scan.line(start)) or _EMPLOYMENT_LINE.search(scan.section(start).name))
        if term.term == "派遣" and not on_line and (
            _DISPATCH_NOT_TYPE.match(after) or not _BARE_DISPATCH_OK.search(scan.before(start, 1))
        ):
            continue
        found.append((start, end, term, on_line))
    if any(f[3] for f in found):
        found = [f for f in found if f[3]]
    if not found:
        return NOT_STATED_FACT
    codes = list(dict.fromkeys(t.value for _, _, t, _ in found))
    if "temp_to_perm" in codes and "regular" in codes:  # 紹介予定派遣 names the job it leads to (正社員として)
        codes.remove("regular")
    english = " / ".join(dict.fromkeys(t.english for _, _, t, _ in found if t.value in codes))
    start, end = found[0][0], found[0][1]
    return scan.fact(start, end, codes, english[0].upper() + english[1:])


_ITEM_END = re.compile(r"[、。,\n]")


def _welcome(scan: AdScan, start: int, end: int) -> bool:
    """Whether the words at [start, end) are asked as a plus (see the module docstring)."""
    if scan.in_section(start, WELCOME_SECTIONS):
        return True
    item_end = _ITEM_END.search(scan.folded, end)
    return bool(WELCOME_WORDS.search(scan.folded, end, item_end.start() if item_end else len(scan.folded)))


_NO_EXPERIENCE = re.compile(r"未経験(?:者|の方)?(?:も|でも)?(?:大)?(?:歓迎|可|OK|ok|から)|(?:学歴・|"
                            r"資格・)?経験(?:・資格|・学歴)?(?:は)?"
                            r"(?:不問|問いません|問わず)|必要な経験(?:等)?[ \t:]*不問")
_YEARS = re.compile(r"(?:経験|実務経験|開発経験|経験年数)[^\n。]{0,12}?(?P<a>\d+)[ \t]*年以上|"
                    r"(?P<b>\d+)[ \t]*年以上の[^\n。]{0,12}?経験")
_NEEDED = re.compile(r"(?<!未)経験(?:者)?(?:必須|のみ|限定)|(?<!未)経験(?:が|の)?(?:ある|あります|お持ち)の?方|"
                     r"経験をお持ちの方|"
                     r"(?<!未)経験者(?![ \t]*(?:優遇|歓迎|尚可))")


def experience(scan: AdScan) -> Fact:
    """Experience asked: ``{required, years}`` (welcome experience is not required)."""
    for pattern in (_YEARS, _NEEDED):
        for m in scan.words(pattern):
            if _welcome(scan, m.start(), m.end()):
                continue
            if pattern is _NEEDED and not scan.in_section(m.start(), REQUIRED_SECTIONS) and "必須" not in m.group():
                continue
            years = m.groupdict().get("a") or m.groupdict().get("b")
            n = int(years) if years else None
            english = f"At least {n} years of experience required" if n else "Experience required"
            return scan.fact(m.start(), m.end(), {"required": True, "years": n}, english)
    m = _NO_EXPERIENCE.search(scan.folded)
    if m is not None:
        return scan.fact(m.start(), m.end(), {"required": False, "years": None}, "No experience needed")
    return NOT_STATED_FACT


_BENEFIT = re.compile(r"手当|支援|サポート|費用|負担|取得予定|目指|取得可能|取得制度|補助|養成|取得を|全額")
_ASKED = re.compile(r"必須|お持ち|持っている|所持|保有|要|以上|修了|有資格|取得者|資格者|必要|限る|できる方")
_AT_ONLY = re.compile(r"[ \t]*\(?AT(?:車)?限定(?:可|OK|でも可)")


def licences(scan: AdScan) -> Fact:
    """Licences and qualifications asked: ``[{name, english, required}]`` (see the module docstring)."""
    items: dict[str, dict[str, object]] = {}
    first: tuple[int, int] | None = None
    for start, end, term in terms()["licence"].find(scan.folded):
        clause_start, clause_end = scan.clause(start)
        clause = scan.folded[clause_start:clause_end]
        if _BENEFIT.search(clause) and "必須" not in clause:
            continue
        welcome = _welcome(scan, start, end)
        if not welcome and not (scan.in_section(start, REQUIRED_SECTIONS) or _ASKED.search(clause)):
            continue
        english = term.english
        at_only = _AT_ONLY.match(scan.folded, end, clause_end)
        if at_only:
            english += " (automatic-only accepted)"
            end = at_only.end() + (1 if scan.folded[at_only.end() : at_only.end() + 1] == ")" else 0)
        if term.term not in items:
            items[term.term] = {"name": term.term, "english": english, "required": not welcome}
            first = first or (start, end)
    if first is None:
        return NOT_STATED_FACT
    parts = [f"{i['english']} ({'required' if i['required'] else 'welcome'})" for i in items.values()]
    return scan.fact(first[0], first[1], list(items.values()), "; ".join(parts)[0].upper() + "; ".join(parts)[1:])


_JLPT = re.compile(
    r"(?:日本語能力試験|JLPT|日本語検定|日本語能力)[ \t:(]*(?:N|n)[ \t]*(?P<a>[1-5])"
    r"|(?<![A-Za-z0-9])N(?P<b>[1-5])(?=[ \t]*(?:以上|程度|相当|レベル|合格|取得|の日本語|クラス|級))"
    r"|日本語能力試験[ \t]*(?P<old>[1-4])[ \t]*級"
)
_OLD_LEVELS = {"1": "N1", "2": "N2", "3": "N4", "4": "N5"}
"""The old JLPT grades (to 2009) and the levels that replaced them, as the JLPT's own comparison puts them."""
_ABOUT_JAPANESE = re.compile(r"日本語|JLPT|会話|読み書き")
_OTHER_LANGUAGE = re.compile(r"英語|中国語|韓国語|ベトナム語|英会話|TOEIC|外国語|ネパール語|タガログ語|"
                             r"ポルトガル語")
_NOT_REQUIRED = re.compile(r"日本語(?:力|能力|レベル)?(?:は)?(?:不問|問いません|不要)|日本語(?:が)?(?:話せなくても|"
                           r"できなくても)")
_DEGREE = re.compile(r"[ \t]*(?P<above>以上)|[ \t]*(?P<about>程度|相当|レベル|くらい|位)")


def japanese_level(scan: AdScan) -> Fact:
    """The JLPT level asked, or ``not_required`` (see the module docstring)."""
    for m in scan.words(_JLPT):
        if _welcome(scan, m.start(), m.end()):
            continue
        level = _OLD_LEVELS[m.group("old")] if m.group("old") else f"N{m.group('a') or m.group('b')}"
        degree = _DEGREE.match(scan.folded, m.end(), scan.line_end(m.end()))
        end = degree.end() if degree else m.end()
        if degree and degree.group("above"):
            english = f"JLPT {level} or above"
        elif degree:
            english = f"About JLPT {level}"
        else:
            english = f"JLPT {level}"
        if m.group("old"):
            english += f" (the ad names the old grade {m.group('old')}級)"
        return scan.fact(m.start(), end, level, english)
    for start, end, term in terms()["japanese"].find(scan.folded):
        line = scan.line(start)
        if not _ABOUT_JAPANESE.search(line) or _welcome(scan, start, end):
            continue
        before = scan.before(start, 8)
        japanese_at = before.rfind("日本語")
        other = _OTHER_LANGUAGE.search(before[japanese_at + 1 :] if japanese_at >= 0 else before)
        if other or ("日本語" not in line and "JLPT" not in line):
            continue
        english = (f"About JLPT {term.value}: the ad asks for {term.english} ({term.term}), which jpstudy reads as "
                   f"{term.value}")
        return scan.fact(start, end, term.value, english)
    m = _NOT_REQUIRED.search(scan.folded)
    if m is not None:
        return scan.fact(m.start(), m.end(), "not_required", "No Japanese required (日本語不問)")
    return NOT_STATED_FACT


_VISA_SUPPORT = re.compile(
    r"ビザ(?:の)?(?:取得|申請|更新|変更|切り替え)?(?:を|の)?(?:支援|サポート|スポンサー)|VISA[ \t]*(?:サポート|支援)|"
    r"在留資格(?:の)?(?:取得|変更|更新|申請)(?:を|の|手続きを)?(?:支援|サポート|手続き|代行)|就労ビザ(?:の)?(?:取得|申請)?(?:可|OK)|"
    r"(?:ビザ|在留資格)[^\n。、]{0,16}?(?:支援|サポート|代行)"
)
_VISA_OWN = re.compile(
    r"就労(?:可能な|に制限のない|制限のない)在留資格|在留資格(?:に|の)?(?:就労)?制限(?:の|が)?(?:ない|無い)|"
    r"就労ビザ(?:を|の)?(?:お持ち|所持|保有)|在留資格[^\n。]{0,20}?(?:お持ち|所持|保有|ある方)|"
    r"就労(?:可能|できる)(?:な)?(?:ビザ|在留資格)"
)


def visa(scan: AdScan) -> Fact:
    """``support`` when the employer helps with the visa, else ``own_status`` when you must hold one."""
    m = _VISA_SUPPORT.search(scan.folded)
    if m is not None:
        return scan.fact(m.start(), m.end(), "support", "The employer helps with the work visa (residence status)")
    m = _VISA_OWN.search(scan.folded)
    if m is not None:
        return scan.fact(m.start(), m.end(), "own_status",
                         "You must already hold a residence status that allows this work; no visa support is stated")
    return NOT_STATED_FACT


_FOREIGNERS = re.compile(r"外国(?:籍|人)(?:の方)?(?:も|大)?(?:歓迎|活躍|OK|可|積極採用|在籍|スタッフ(?:も)?活躍)|"
                         r"国籍不問|"
                         r"外国籍[ \t]*\d+[ \t]*名|留学生(?:も)?(?:歓迎|OK|可)|外国籍(?:の方)?[^\n。]{0,6}?歓迎")


def foreigners_welcome(scan: AdScan) -> Fact:
    """True when the ad says foreigners are welcome (外国籍の方歓迎, 国籍不問, 外国籍3名在籍 …)."""
    m = _FOREIGNERS.search(scan.folded)
    if m is None:
        return NOT_STATED_FACT
    return scan.fact(m.start(), m.end(), True, "Foreigners are welcome")
