"""The job-ad library (issue 8): saved ads, readiness over time, a personal job-market word list.

    from jpstudy.ads import AdLibrary
    lib = AdLibrary(col)
    ad = lib.save(text, result, source="Hello Work", job_type="介護", tags=("夜勤",))
    lib.list()  /  lib.get(ad.id)  /  lib.word_list(top=20)  /  lib.add_top_unknown(20)
    lib.words_beyond(ad.id, "N3")  /  lib.glossary_terms(ad.id)  /  lib.delete(ad.id)
    export_ads(lib, Path("ads.csv"))

Modules: ``models`` (records and terms), ``status`` (today's word statuses in bulk), ``library``
(storage and queries), ``export`` (CSV / JSON of the list).
"""

from jpstudy.ads.export import export_ads, export_csv, export_json
from jpstudy.ads.library import AdLibrary
from jpstudy.ads.models import AdSpan, AdSummary, AdWord, MarketWord, Readiness, SavedAd

__all__ = [
    "AdLibrary", "AdSpan", "AdSummary", "AdWord", "MarketWord", "Readiness", "SavedAd", "export_ads",
    "export_csv", "export_json",
]
