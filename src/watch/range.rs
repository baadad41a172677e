//! `Range: bytes=…` for the preview server: the search index's packs are
//! read by range (`search::pack`), so the preview answers as a static
//! host does — 206 with `Content-Range` for one byte range, 416 when it
//! cannot be met, the whole file for anything else.

/// What a `Range` header asks of a file of `size` bytes.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Wanted {
    /// No header, or not one byte range: send the whole file.
    Whole,
    /// Bytes `first..=last`.
    Part { first: usize, last: usize },
    /// A range outside the file (416).
    Unsatisfiable,
}

/// Reads `bytes=a-b`, `bytes=a-` and `bytes=-n` (the last n bytes).
pub(super) fn wanted(header: Option<&str>, size: usize) -> Wanted {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Wanted::Whole;
    };
    let Some((a, b)) = spec.split_once('-') else {
        return Wanted::Whole;
    };
    let number = |s: &str| -> Option<Option<usize>> {
        if s.is_empty() {
            Some(None)
        } else if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok().map(Some)
        } else {
            None
        }
    };
    let (Some(a), Some(b)) = (number(a), number(b)) else {
        return Wanted::Whole; // several ranges, or not numbers
    };
    let (first, last) = match (a, b) {
        (None, None) => return Wanted::Whole,
        (None, Some(n)) => (size.saturating_sub(n), size.wrapping_sub(1)),
        (Some(a), None) => (a, size.wrapping_sub(1)),
        (Some(a), Some(b)) => (a, b.min(size.wrapping_sub(1))),
    };
    if size == 0 || first >= size || first > last {
        return Wanted::Unsatisfiable;
    }
    Wanted::Part { first, last }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_ranges_read_as_servers_read_them() {
        let part = |first, last| Wanted::Part { first, last };
        assert_eq!(wanted(Some("bytes=0-9"), 100), part(0, 9));
        assert_eq!(wanted(Some("bytes=90-"), 100), part(90, 99));
        assert_eq!(wanted(Some("bytes=-5"), 100), part(95, 99));
        assert_eq!(wanted(Some("bytes=0-999"), 100), part(0, 99));
        assert_eq!(wanted(Some("bytes=100-200"), 100), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=5-2"), 100), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=0-1"), 0), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=1-2,4-5"), 100), Wanted::Whole);
        assert_eq!(wanted(Some("items=1-2"), 100), Wanted::Whole);
        assert_eq!(wanted(None, 100), Wanted::Whole);
    }
}
