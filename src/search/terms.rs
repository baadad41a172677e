//! Tokens as packed integers: the build-time twin of `tokenize::doc_tokens`
//! (same tokens, pinned against it by the tests below), without a `String`
//! per token.
//!
//! A term key is a `u64`: `[kind 2 bits][payload 54 bits][unused 6][field 2]`
//! read from the top — Han n-grams carry their characters (18 bits each, Han
//! ideographs are below U+40000), words carry an id into a word table. The
//! two low bits say which field ([`Field`]) the posting belongs to.

use super::postings::Field;
use super::tokenize::{norm_class, Class, MAX_GRAM_BYTES, MAX_WORD_CHARS};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Key kinds (top two bits).
const WORD: u64 = 0;
const KIND_SHIFT: u32 = 62;
const PAYLOAD_SHIFT: u32 = 8;
const CHAR_BITS: u32 = 18;
const CHAR_MASK: u64 = (1 << CHAR_BITS) - 1;

/// A fast, well-mixed hasher for integer keys and short strings (folded
/// 128-bit multiply, as in wyhash/foldhash): SipHash was 10 % of the build.
/// Only for in-memory maps while the index is built, never a cache key (those
/// use `util::hash::KeyHasher`); cheaper than xxh3 for one-word keys.
#[derive(Default, Clone, Copy)]
pub(super) struct FoldHasher(u64);

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Folded multiply: the high and low halves of the 128-bit product, xored.
#[inline]
pub(super) fn mix(x: u64) -> u64 {
    let m = u128::from(x ^ 0x2D35_8DCC_AA6C_78A5) * u128::from(K);
    (m >> 64) as u64 ^ m as u64
}

impl Hasher for FoldHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.0 = mix(self.0 ^ u64::from_le_bytes(b));
        }
        let mut b = [0u8; 8];
        let rest = chunks.remainder();
        b[..rest.len()].copy_from_slice(rest);
        self.0 = mix(self.0 ^ u64::from_le_bytes(b) ^ ((bytes.len() as u64) << 56));
    }
    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.0 = mix(self.0 ^ x);
    }
    #[inline]
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
    #[inline]
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
}

/// A `HashMap` with [`FoldHasher`].
pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FoldHasher>>;

/// The key of a Han n-gram (1 to 3 characters) in `field`.
#[inline]
fn han_key(chars: &[u32], field: Field) -> u64 {
    let mut payload = 0u64;
    for &c in chars {
        payload = (payload << CHAR_BITS) | u64::from(c);
    }
    ((chars.len() as u64) << KIND_SHIFT) | (payload << PAYLOAD_SHIFT) | field as u64
}

/// The key of word `id` in `field`.
#[inline]
pub(super) fn word_key(id: u32, field: Field) -> u64 {
    (WORD << KIND_SHIFT) | (u64::from(id) << PAYLOAD_SHIFT) | field as u64
}

/// The field of a key.
#[inline]
pub(super) fn field_of(key: u64) -> Field {
    match key & 3 {
        0 => Field::Any,
        1 => Field::Title,
        _ => Field::Number,
    }
}

/// A key with its field bits cleared: the term alone.
#[inline]
pub(super) fn term_of(key: u64) -> u64 {
    key & !3
}

/// Whether a key is a word (its payload is an id into a word table).
#[inline]
pub(super) fn is_word(key: u64) -> bool {
    key >> KIND_SHIFT == WORD
}

/// The bits of a word key that hold its word id.
pub(super) const WORD_ID_MASK: u64 = 0xFFFF_FFFF << PAYLOAD_SHIFT;

/// The word id of a word key.
#[inline]
pub(super) fn word_id(key: u64) -> u32 {
    ((key >> PAYLOAD_SHIFT) & 0xFFFF_FFFF) as u32
}

/// Appends the UTF-8 text of a term to `out` (`words` resolves word ids).
pub(super) fn term_text<'a>(key: u64, words: &'a [Box<str>], out: &'a mut String) -> &'a str {
    out.clear();
    if is_word(key) {
        return &words[word_id(key) as usize];
    }
    let n = (key >> KIND_SHIFT) as u32;
    let payload = (key >> PAYLOAD_SHIFT) & ((1 << (CHAR_BITS * 3)) - 1);
    for i in (0..n).rev() {
        let c = ((payload >> (CHAR_BITS * i)) & CHAR_MASK) as u32;
        out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
    }
    out
}

/// Turns text into term keys, numbering words (and the phrase grams that
/// hold a word) as it meets them (one per thread and block of documents;
/// [`WordTable::merge`] maps the ids).
#[derive(Default)]
pub(super) struct Tokenizer {
    ids: FastMap<Box<str>, u32>,
    /// Word text by id.
    pub(super) words: Vec<Box<str>>,
    word: String,
    /// The last two units of the current stretch (for phrase grams), newest
    /// first: a Han character, or 0 for a word whose text is in `w1`/`w2`.
    h1: u32,
    h2: u32,
    w1: String,
    w2: String,
    units: u8,
    gram: String,
}

impl Tokenizer {
    /// Calls `emit` with the key of every token of `text` in `field`
    /// (repeats included), and of every phrase gram (field any) if `grams`.
    #[inline]
    pub(super) fn scan(
        &mut self,
        text: &str,
        field: Field,
        grams: bool,
        emit: &mut impl FnMut(u64),
    ) {
        // The previous Han character of the current run (0 = none).
        let mut prev = 0u32;
        let mut word_chars = 0usize;
        self.word.clear();
        self.units = 0;
        for c in text.chars() {
            let (c, class) = norm_class(c);
            match class {
                Class::Han => {
                    self.end_word(field, grams, emit, &mut word_chars);
                    let u = c as u32;
                    emit(han_key(&[u], field));
                    if prev != 0 {
                        emit(han_key(&[prev, u], field));
                    }
                    if grams {
                        self.unit(u, emit);
                    }
                    prev = u;
                }
                Class::Word => {
                    prev = 0;
                    if word_chars < MAX_WORD_CHARS {
                        self.word.push(c);
                    }
                    word_chars += 1;
                }
                Class::Sep => {
                    prev = 0;
                    self.end_word(field, grams, emit, &mut word_chars);
                    self.units = 0;
                }
            }
        }
        self.end_word(field, grams, emit, &mut word_chars);
    }

    /// The id of a word or gram text.
    fn intern(&mut self, text: &str) -> u32 {
        match self.ids.get(text) {
            Some(&id) => id,
            None => {
                let id = self.words.len() as u32;
                self.words.push(text.into());
                self.ids.insert(text.into(), id);
                id
            }
        }
    }

    fn end_word(
        &mut self,
        field: Field,
        grams: bool,
        emit: &mut impl FnMut(u64),
        word_chars: &mut usize,
    ) {
        if *word_chars == 0 {
            return;
        }
        *word_chars = 0;
        let word = std::mem::take(&mut self.word);
        let id = self.intern(&word);
        emit(word_key(id, field));
        self.word = word;
        if grams {
            self.unit(0, emit);
        }
        self.word.clear();
    }

    /// One more unit of the stretch: Han character `han`, or (0) the word
    /// in `self.word`. Emits the phrase grams it ends (field any).
    #[inline]
    fn unit(&mut self, han: u32, emit: &mut impl FnMut(u64)) {
        if self.units >= 2 && self.h2 != 0 && self.h1 != 0 && han != 0 {
            emit(han_key(&[self.h2, self.h1, han], Field::Any));
        } else if self.units >= 1 {
            let mut gram = std::mem::take(&mut self.gram);
            let piece = |g: &mut String, h: u32, w: &str| match char::from_u32(h) {
                Some(c) if h != 0 => g.push(c),
                _ => g.push_str(w),
            };
            if self.h1 == 0 || han == 0 {
                gram.clear();
                piece(&mut gram, self.h1, &self.w1);
                piece(&mut gram, han, &self.word);
                if gram.len() <= MAX_GRAM_BYTES {
                    let id = self.intern(&gram);
                    emit(word_key(id, Field::Any));
                }
            }
            if self.units >= 2 {
                gram.clear();
                piece(&mut gram, self.h2, &self.w2);
                piece(&mut gram, self.h1, &self.w1);
                piece(&mut gram, han, &self.word);
                if gram.len() <= MAX_GRAM_BYTES {
                    let id = self.intern(&gram);
                    emit(word_key(id, Field::Any));
                }
            }
            self.gram = gram;
        }
        self.h2 = self.h1;
        std::mem::swap(&mut self.w1, &mut self.w2);
        self.h1 = han;
        if han == 0 {
            self.w1.clear();
            self.w1.push_str(&self.word);
        }
        self.units = (self.units + 1).min(2);
    }

    /// Calls `emit` for every token of a document, field by field: the
    /// title (title and any), the 文号 (文号 and any), and the rest of the
    /// searchable text (summary, body); phrase grams in field any.
    pub(super) fn doc(
        &mut self,
        title: &str,
        number: &str,
        rest: &[&str],
        emit: &mut impl FnMut(u64),
    ) {
        self.scan(title, Field::Title, false, emit);
        self.scan(title, Field::Any, true, emit);
        self.scan(number, Field::Number, false, emit);
        self.scan(number, Field::Any, true, emit);
        for text in rest {
            self.scan(text, Field::Any, true, emit);
        }
    }

    /// A document's distinct keys, sorted (word ids are this tokenizer's).
    pub(super) fn doc_keys(&mut self, title: &str, number: &str, rest: &[&str]) -> Vec<u64> {
        let mut keys = Vec::new();
        self.doc(title, number, rest, &mut |k| keys.push(k));
        keys.sort_unstable();
        keys.dedup();
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tokenize::{doc_tokens, grams};
    use std::collections::BTreeSet;

    fn texts(tk: &Tokenizer, keys: &[u64], field: Field) -> BTreeSet<String> {
        let mut buf = String::new();
        keys.iter()
            .filter(|&&k| field_of(k) == field)
            .map(|&k| term_text(k, &tk.words, &mut buf).to_string())
            .collect()
    }

    #[test]
    fn packed_tokens_equal_string_tokens() {
        let cases = [
            "政务公开工作要点",
            "苏府办〔2019〕118号 关于 Suzhou-2019 的通知",
            "蘇府辦〔２０１９〕１１８號，政務公開",
            "ＡＢＣ abc 𠀀𠀁 〇一二 x",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
            "",
            "éte Straße 12月31日",
            "2017年1月1日起施行，GB/T 2019版第3条a1b2甲乙",
            "x一y二z三 〇〇〇〇",
        ];
        let mut tk = Tokenizer::default();
        for text in cases {
            let keys = tk.doc_keys(text, "", &[]);
            let want: BTreeSet<String> = doc_tokens(text).into_iter().collect();
            let mut any = want.clone();
            any.extend(grams(text));
            assert_eq!(texts(&tk, &keys, Field::Any), any, "{text}");
            assert_eq!(texts(&tk, &keys, Field::Title), want, "{text}");
            assert!(texts(&tk, &keys, Field::Number).is_empty());
        }
        let keys = tk.doc_keys("标题", "苏府办〔2019〕118号", &["正文 2019", "摘要"]);
        let all = "标题\n苏府办〔2019〕118号\n正文 2019\n摘要";
        let any: BTreeSet<String> = doc_tokens(all).into_iter().chain(grams(all)).collect();
        assert_eq!(texts(&tk, &keys, Field::Any), any);
        let number: BTreeSet<String> = doc_tokens("苏府办〔2019〕118号").into_iter().collect();
        assert_eq!(texts(&tk, &keys, Field::Number), number);
    }
}
