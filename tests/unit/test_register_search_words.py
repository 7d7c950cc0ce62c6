"""The search's word handling, without a database: tsquery shape and missing-letter candidates."""

from __future__ import annotations

from service.register.search import (
    build_tsquery,
    fold_words,
    is_restoration,
    is_vocabulary_word,
    restorations,
)


def test_only_the_last_word_is_a_prefix() -> None:
    words = [[w] for w in fold_words("Cửa hàng điện thoại")]
    assert build_tsquery(words) == "(cua) & (hang) & (dien) & (thoai:*)"
    assert build_tsquery([["thai", "thoai"], ["99"]]) == "(thai | thoai) & (99)"


def test_restorations_put_one_letter_back() -> None:
    assert "thoai" in restorations("thai") and "thai" not in restorations("thai")
    assert len(restorations("ab")) == 3 * 26 - 2  # aab and abb arise twice
    assert is_restoration("thai", "thoai") and not is_restoration("thai", "thao")
    assert not is_restoration("thai", "thoaii")


def test_numbers_and_single_letters_are_not_vocabulary() -> None:
    assert is_vocabulary_word("thuoc") and not is_vocabulary_word("99") and not is_vocabulary_word("a")
