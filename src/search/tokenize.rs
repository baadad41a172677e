//! Text → search tokens, the same way at index time (here) and at query time
//! (`themes/default/static/assets/search.js`). Both are pinned by
//! `tests/search_vectors.json`.
//!
//! 1. Normalise each character: full-width ASCII → ASCII, ASCII → lower
//!    case, traditional → simplified (one character at a time, from the
//!    OpenCC-derived table of the `fast2s` crate).
//! 2. Classify: Han ideographs, other letters/digits ("word" characters),
//!    everything else separates (brackets of 文号 〔〕[]【】(), punctuation,
//!    spaces).
//! 3. Documents: every Han character (unigram) and every overlapping pair
//!    of adjacent Han characters (bigram); every run of word characters
//!    as one token. Queries: a Han run of two or more characters gives its
//!    bigrams only (they imply the unigrams), a lone Han character its
//!    unigram, a word run the word.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Words longer than this are cut (keeps shard entries bounded).
pub const MAX_WORD_CHARS: usize = 32;

/// The character classes tokenisation knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Han,
    Word,
    Sep,
}

/// Han ideographs: CJK unified (incl. extension A and the supplementary
/// planes), compatibility ideographs and 〇.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

pub(super) fn class(c: char) -> Class {
    if is_han(c) {
        Class::Han
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Sep
    }
}

/// Traditional → simplified for single characters, derived from `fast2s`
/// (its contextual exceptions need neighbours, which a per-character fold
/// must not depend on, so each character is converted on its own).
fn fold_table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        let ranges = [0x3400u32..=0x4DBF, 0x4E00..=0x9FFF, 0xF900..=0xFAFF];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let converted = fast2s::convert(c.encode_utf8(&mut buf));
            let mut chars = converted.chars();
            if let (Some(s), None) = (chars.next(), chars.next()) {
                if s != c {
                    map.insert(c, s);
                }
            }
        }
        map
    })
}

/// The fold table as two equal-length strings (traditional, simplified),
/// sorted, for the browser client.
pub fn fold_pairs() -> (String, String) {
    let mut pairs: Vec<(char, char)> = fold_table().iter().map(|(&t, &s)| (t, s)).collect();
    pairs.sort_unstable();
    pairs.into_iter().unzip()
}

/// One character normalised (see the module docs).
pub fn normalize_char(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let u = c as u32;
    if (FOLD_FIRST..=FOLD_LAST).contains(&u) {
        let s = fold_array()[(u - FOLD_FIRST) as usize];
        if s != 0 {
            return char::from_u32(s).unwrap_or(c);
        }
    }
    c
}

/// A character normalised and classified: [`normalize_char`] then
/// [`class`], from a table for the Basic Multilingual Plane (this runs for
/// every character of every document).
#[inline]
pub(super) fn norm_class(c: char) -> (char, Class) {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    let u = c as u32;
    if u > 0xFFFF {
        let n = normalize_char(c);
        return (n, class(n));
    }
    let table = TABLE.get_or_init(|| {
        (0..=0xFFFFu32)
            .map(|u| {
                let c = char::from_u32(u).unwrap_or('\u{FFFD}');
                let n = normalize_char(c);
                n as u32 | (class(n) as u32) << 24
            })
            .collect()
    });
    let v = table[u as usize];
    let n = char::from_u32(v & 0xFF_FFFF).unwrap_or(c);
    let k = match v >> 24 {
        0 => Class::Han,
        1 => Class::Word,
        _ => Class::Sep,
    };
    (n, k)
}

/// The range of characters the fold table covers.
const FOLD_FIRST: u32 = 0x3400;
const FOLD_LAST: u32 = 0xFAFF;

/// The fold table as an array indexed by `c - FOLD_FIRST` (0 = unchanged):
/// a lookup per character of every document, so no hashing.
fn fold_array() -> &'static [u32] {
    static ARRAY: OnceLock<Vec<u32>> = OnceLock::new();
    ARRAY.get_or_init(|| {
        let mut array = vec![0u32; (FOLD_LAST - FOLD_FIRST + 1) as usize];
        for (&t, &s) in fold_table() {
            if let Some(slot) = array.get_mut((t as u32).wrapping_sub(FOLD_FIRST) as usize) {
                *slot = s as u32;
            }
        }
        array
    })
}

/// Normalised text with every separator removed: what phrases and 文号 are
/// compared on (`苏府办〔2019〕118号` and `苏府办 2019 118号` → `苏府办2019118号`).
pub fn compact(text: &str) -> String {
    text.chars()
        .map(normalize_char)
        .filter(|&c| class(c) != Class::Sep)
        .collect()
}

/// The form phrases are checked on: normalised, separators dropped, except
/// that a run of separators between two word characters leaves one `|`
/// (`苏府办〔2019〕118号` → `苏府办2019|118号`; `第17号` keeps `17号` whole).
pub fn phrase_form(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut gap, mut last_word) = (false, false);
    for c in text.chars().map(normalize_char) {
        match class(c) {
            Class::Sep => gap = true,
            k => {
                if gap && last_word && k == Class::Word {
                    out.push('|');
                }
                out.push(c);
                last_word = k == Class::Word;
                gap = false;
            }
        }
    }
    out
}

/// Whether `form` (a [`phrase_form`]) holds `phrase` (another) without
/// cutting a word: `7号` is in `第7号` but not in `第17号`.
pub fn holds_phrase(form: &str, phrase: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| class(c) == Class::Word);
    let (first, last) = (phrase.chars().next(), phrase.chars().next_back());
    let mut from = 0;
    while let Some(i) = form[from..].find(phrase).map(|i| i + from) {
        let before = form[..i].chars().next_back();
        let after = form[i + phrase.len()..].chars().next();
        if !(word(first) && word(before) || word(last) && word(after)) {
            return true;
        }
        from = i + form[i..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Runs of Han or word characters in normalised text.
fn runs(text: &str) -> Vec<(Class, Vec<char>)> {
    let mut out: Vec<(Class, Vec<char>)> = Vec::new();
    for c in text.chars().map(normalize_char) {
        let k = class(c);
        match out.last_mut() {
            Some((last, chars)) if *last == k && k != Class::Sep => chars.push(c),
            _ if k == Class::Sep => out.push((Class::Sep, Vec::new())),
            _ => out.push((k, vec![c])),
        }
    }
    out.retain(|(k, _)| *k != Class::Sep);
    out
}

fn word(chars: &[char]) -> String {
    chars.iter().take(MAX_WORD_CHARS).collect()
}

/// Every token a document's text is indexed under, in order of first
/// appearance, without repeats.
pub fn doc_tokens(text: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut push = |t: String| {
        if seen.insert(t.clone()) {
            out.push(t);
        }
    };
    for (k, chars) in runs(text) {
        if k == Class::Word {
            push(word(&chars));
            continue;
        }
        for (i, c) in chars.iter().enumerate() {
            push(c.to_string());
            if let Some(next) = chars.get(i + 1) {
                push(format!("{c}{next}"));
            }
        }
    }
    out
}

/// The tokens one query term needs: all must occur in a matching document.
pub fn query_tokens(term: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (k, chars) in runs(term) {
        let tokens: Vec<String> = match (k, chars.len()) {
            (Class::Word, _) => vec![word(&chars)],
            (_, 1) => vec![chars[0].to_string()],
            _ => chars.windows(2).map(|w| w.iter().collect()).collect(),
        };
        for t in tokens {
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// Longest phrase gram indexed, in UTF-8 bytes (longer ones are neither
/// indexed nor asked for).
pub const MAX_GRAM_BYTES: usize = 64;

/// Phrase grams: what tells a phrase from its scattered pieces. Text is cut
/// into stretches at separators; a stretch is a row of units (each Han
/// character one unit, each word one unit); the grams are every three
/// adjacent units, and every two adjacent units of which one is a word
/// (two adjacent Han characters are a token already). `政务公开` →
/// 政务公 务公开; `2017年1月` → 2017年 2017年1 年1 年1月 1月. Documents are
/// indexed under them (field any); a query term's grams, all present,
/// make a document a likely phrase match, ranked before the others.
pub fn grams(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |g: String| {
        if g.len() <= MAX_GRAM_BYTES && !out.contains(&g) {
            out.push(g);
        }
    };
    let mut units: Vec<(bool, String)> = Vec::new();
    let mut add = |units: &mut Vec<(bool, String)>, unit: (bool, String)| {
        units.push(unit);
        let n = units.len();
        if n >= 2 && !(units[n - 2].0 && units[n - 1].0) {
            push(format!("{}{}", units[n - 2].1, units[n - 1].1));
        }
        if n >= 3 {
            push(format!(
                "{}{}{}",
                units[n - 3].1,
                units[n - 2].1,
                units[n - 1].1
            ));
        }
    };
    let mut word_run: Vec<char> = Vec::new();
    for c in text.chars().map(normalize_char).chain(std::iter::once(' ')) {
        let k = class(c);
        if k != Class::Word && !word_run.is_empty() {
            add(&mut units, (false, word(&word_run)));
            word_run.clear();
        }
        match k {
            Class::Han => add(&mut units, (true, c.to_string())),
            Class::Word => word_run.push(c),
            Class::Sep => units.clear(),
        }
    }
    out
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Term {
    /// The term in [`phrase_form`] (what the phrase check looks for).
    pub phrase: String,
    /// Tokens a matching document must hold.
    pub tokens: Vec<String>,
    /// Phrase grams a phrase match holds (see [`grams`]).
    pub grams: Vec<String>,
}

/// A query split into terms (by whitespace), each with its tokens, grams
/// and compact form; terms without any token are dropped.
pub fn parse_query(query: &str) -> Vec<Term> {
    let spaced: String = query
        .chars()
        .map(|c| if c == '\u{3000}' { ' ' } else { c })
        .collect();
    spaced
        .split_whitespace()
        .map(|term| Term {
            phrase: phrase_form(term),
            tokens: query_tokens(term),
            grams: grams(term),
        })
        .filter(|t| !t.tokens.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(compact("政務公開"), "政务公开");
        assert_eq!(compact("資訊"), "资讯");
    }

    #[test]
    fn doc_numbers_compact_alike() {
        let forms = [
            "苏府办〔2019〕118号",
            "苏府办[2019]118号",
            "苏府办(2019)118号",
            "苏府办【2019】118号",
            "蘇府辦〔２０１９〕１１８號",
        ];
        for f in forms {
            assert_eq!(compact(f), "苏府办2019118号", "{f}");
        }
    }

    #[test]
    fn phrases_do_not_cut_words() {
        let f = |t: &str| phrase_form(t);
        assert_eq!(f("苏府办〔2019〕118号"), "苏府办2019|118号");
        assert_eq!(f("苏府办[2019] 118号"), "苏府办2019|118号");
        assert!(holds_phrase(&f("长办发〔2017〕7号文"), &f("7号")));
        assert!(!holds_phrase(&f("第17号"), &f("7号")));
        assert!(!holds_phrase(&f("20170"), &f("2017")));
        assert!(holds_phrase(&f("11 1a1"), &f("1a1")));
        assert!(holds_phrase(&f("政务，公开"), &f("政务公开")));
        assert!(holds_phrase(
            &f("蘇府辦〔２０１９〕１１８號"),
            &f("苏府办[2019]118号")
        ));
    }

    #[test]
    fn grams_join_adjacent_units() {
        assert_eq!(grams("政务公开"), ["政务公", "务公开"]);
        assert_eq!(grams("政务"), Vec::<String>::new());
        assert_eq!(
            grams("2017年1月"),
            ["2017年", "年1", "2017年1", "1月", "年1月"]
        );
        assert_eq!(grams("苏府办〔2019〕118号"), ["苏府办", "118号"]);
        assert_eq!(grams("a b"), Vec::<String>::new());
    }

    #[test]
    fn query_tokens_are_bigrams_or_unigrams() {
        assert_eq!(query_tokens("政务公开"), ["政务", "务公", "公开"]);
        assert_eq!(query_tokens("市"), ["市"]);
        assert_eq!(query_tokens("苏府办2019"), ["苏府", "府办", "2019"]);
    }
}
