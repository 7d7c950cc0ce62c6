"""Which strings can be Vietnamese syllables: a reading that is not one (HƯỲNH, HÀT) is a misread.

A written syllable is onset + rhyme + one tone mark. The inventory is the standard description of
Vietnamese orthography (see ocr/data/SOURCES.md): 27 onset spellings, the rhymes below (nucleus with
an optional medial o/u and an optional coda), and the rule that a rhyme ending in a stop (-c, -ch,
-p, -t) takes only the sắc or nặng tone. The check is deliberately a little permissive (rare and
loan rhymes are in); its job is to throw out tone and vowel marks that cannot occur, not to spell-check.
"""

from __future__ import annotations

import unicodedata
from functools import cache

# Combining tone marks (NFD): huyền, sắc, hỏi, ngã, nặng.
TONES = {"\u0300": "huyen", "\u0301": "sac", "\u0309": "hoi", "\u0303": "nga", "\u0323": "nang"}

ONSETS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip

_RHYMES = """
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
y yêm yên yêng yêt yêu
o oc oi om on ong op ot oong ooc
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
oa oac oach oai oam oan oang oanh oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet
uâ uân uâng uât uây uê uêch uênh uơ uy uya uych uyn uynh uyp uyt uyu uyên uyêt
"""
RHYMES = frozenset(_RHYMES.split())
"""Rhymes with their medial, without tone (after "qu" and "gi" the u / i belongs to the onset)."""

STOP_CODAS = ("c", "ch", "p", "t")


def split_tone(syllable: str) -> tuple[str, str | None]:
    """'HUỲNH' → ('huynh' with its vowel marks kept, 'huyen'); None when there is no tone mark.
    Two tone marks give ('', None) — never a syllable."""
    base: list[str] = []
    tone: str | None = None
    for ch in unicodedata.normalize("NFD", syllable.lower()):
        if ch in TONES:
            if tone is not None:
                return "", None
            tone = TONES[ch]
        else:
            base.append(ch)
    return unicodedata.normalize("NFC", "".join(base)), tone


@cache
def is_syllable(word: str) -> bool:
    """Whether `word` (any case, NFC) is a possible Vietnamese written syllable."""
    base, tone = split_tone(word)
    if not base or not base.isalpha():
        return False
    for onset in ONSETS:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset) :]
        if onset in ("gi", "qu") and rhyme[:1] in ("i", "u"):
            continue  # "giiên", "quuy": the onset already holds the glide
        # after gi the i of iê / the bare i is the onset's (giếng = gi + iêng, gì = gi + i)
        options = (rhyme, "i" + rhyme) if onset == "gi" else (rhyme,)
        if any(r in RHYMES and _tone_fits(r, tone) for r in options):
            return True
    return False


def _tone_fits(rhyme: str, tone: str | None) -> bool:
    return not rhyme.endswith(STOP_CODAS) or tone in ("sac", "nang")


def all_syllables_valid(text: str) -> bool:
    """Every alphabetic word of `text` is a possible syllable (punctuation and digits ignored)."""
    words = ["".join(ch for ch in w if ch.isalpha()) for w in text.split()]
    return all(is_syllable(w) for w in words if w)
