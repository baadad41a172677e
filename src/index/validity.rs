//! The one place that decides whether a document is in force at a date,
//! and the categories every page, list and script reads from that state
//! (in force, ceased, no longer valid, pending, the day it lapses).

use crate::model::{DeclaredStatus, ValidityDecl};
use jiff::civil::Date;
use serde::Serialize;

/// A document's validity at the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Status {
    /// 有效.
    Valid,
    /// 尚未生效.
    NotYetEffective,
    /// 部分失效.
    PartlyLapsed,
    /// 已修改.
    Amended,
    /// 失效 (declared).
    Lapsed,
    /// 到期失效 (past `expires`).
    Expired,
    /// 废止.
    Repealed,
}

impl Status {
    /// Every state, in display order.
    pub const ALL: [Status; 7] = [
        Status::Valid,
        Status::NotYetEffective,
        Status::PartlyLapsed,
        Status::Amended,
        Status::Lapsed,
        Status::Expired,
        Status::Repealed,
    ];

    /// Chinese name shown to readers.
    pub fn name(self) -> &'static str {
        match self {
            Status::Valid => "有效",
            Status::NotYetEffective => "尚未生效",
            Status::PartlyLapsed => "部分失效",
            Status::Amended => "已修改",
            Status::Lapsed => "失效",
            Status::Expired => "到期失效",
            Status::Repealed => "废止",
        }
    }

    /// ASCII key for CSS classes, URLs and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::NotYetEffective => "not-yet-effective",
            Status::PartlyLapsed => "partly-lapsed",
            Status::Amended => "amended",
            Status::Lapsed => "lapsed",
            Status::Expired => "expired",
            Status::Repealed => "repealed",
        }
    }

    /// schema.org `legislationLegalForce`.
    pub fn schema_org(self) -> &'static str {
        match self {
            Status::Valid => "InForce",
            Status::PartlyLapsed | Status::Amended => "PartiallyInForce",
            _ => "NotInForce",
        }
    }

    /// No longer (fully) valid: belongs on the 失效文件清单.
    pub fn is_no_longer_valid(self) -> bool {
        !matches!(self, Status::Valid | Status::NotYetEffective)
    }

    /// In force, whole or in part (有效, 已修改, 部分失效): the 继续有效目录
    /// and the count of 现行有效.
    pub fn is_in_force(self) -> bool {
        matches!(self, Status::Valid | Status::Amended | Status::PartlyLapsed)
    }

    /// Not in force at all any more (失效, 到期失效, 废止): 本年废止 in the
    /// statistics, and the page says 本文件已不再有效. Narrower than
    /// [`Status::is_no_longer_valid`], which also counts 已修改 and 部分失效.
    pub fn has_ceased(self) -> bool {
        matches!(self, Status::Lapsed | Status::Expired | Status::Repealed)
    }

    /// Not yet in force (尚未生效).
    pub fn is_pending(self) -> bool {
        self == Status::NotYetEffective
    }
}

/// What a page built at the as-of date may show instead of its built state
/// once the reader's day (in China time) has passed a date the build had
/// not reached: the banners of `partials/status_flip.html`, named by their
/// `data-flip`, that `assets/site.js` shows, and the state each one stands
/// for (past [`Derived::lapses_on`] 到期失效, as [`derive_status`] would
/// judge then; from the `effective` day of a 尚未生效 document 有效).
pub const FLIPS: [(&str, Status); 2] = [("expired", Status::Expired), ("effective", Status::Valid)];

/// The derived state and the day it began (when known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Derived {
    /// The state.
    pub status: Status,
    /// Since when (for 尚未生效: from when it will take effect).
    pub since: Option<Date>,
    /// The day after `expires` while the document has not ceased: from
    /// then on it is 到期失效 unless a declared state says otherwise.
    pub lapses_on: Option<Date>,
}

/// Decides validity at `as_of`: a declared state dated on or before `as_of`
/// wins; else not yet effective; else expired after the `expires` day
/// (the expiry day itself is still valid); else valid.
pub fn derive_status(v: &ValidityDecl, as_of: Date) -> Derived {
    let (status, since) = state_at(v, as_of);
    Derived {
        status,
        since,
        lapses_on: v
            .expires
            .filter(|_| !status.has_ceased())
            .and_then(|x| x.tomorrow().ok()),
    }
}

/// The state at `as_of` and the day it began, by the rules of [`derive_status`].
fn state_at(v: &ValidityDecl, as_of: Date) -> (Status, Option<Date>) {
    if let (Some(status), Some(date)) = (v.status, v.date) {
        if date <= as_of {
            let status = match status {
                DeclaredStatus::Repealed => Status::Repealed,
                DeclaredStatus::Lapsed => Status::Lapsed,
                DeclaredStatus::Amended => Status::Amended,
                DeclaredStatus::PartlyLapsed => Status::PartlyLapsed,
            };
            return (status, Some(date));
        }
    }
    if let Some(effective) = v.effective {
        if effective > as_of {
            return (Status::NotYetEffective, Some(effective));
        }
    }
    if let Some(expires) = v.expires {
        if expires < as_of {
            return (Status::Expired, expires.tomorrow().ok());
        }
    }
    (Status::Valid, v.effective)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn decl(
        effective: Option<Date>,
        expires: Option<Date>,
        declared: Option<(DeclaredStatus, Date)>,
    ) -> ValidityDecl {
        ValidityDecl {
            effective,
            expires,
            status: declared.map(|d| d.0),
            date: declared.map(|d| d.1),
            ..ValidityDecl::default()
        }
    }

    #[test]
    fn table_of_states_and_boundaries() {
        let d = |y, m, dd| date(y, m, dd);
        let as_of = d(2025, 1, 1);
        let cases: Vec<(ValidityDecl, Status, Option<Date>)> = vec![
            (decl(None, None, None), Status::Valid, None),
            (
                decl(Some(d(2024, 1, 1)), None, None),
                Status::Valid,
                Some(d(2024, 1, 1)),
            ),
            // effective on the as-of day: in force
            (decl(Some(as_of), None, None), Status::Valid, Some(as_of)),
            (
                decl(Some(d(2025, 1, 2)), None, None),
                Status::NotYetEffective,
                Some(d(2025, 1, 2)),
            ),
            // the expiry day itself is still valid
            (
                decl(Some(d(2020, 1, 1)), Some(as_of), None),
                Status::Valid,
                Some(d(2020, 1, 1)),
            ),
            (
                decl(Some(d(2020, 1, 1)), Some(d(2024, 12, 31)), None),
                Status::Expired,
                Some(as_of),
            ),
            (
                decl(
                    None,
                    Some(d(2024, 12, 31)),
                    Some((DeclaredStatus::Repealed, d(2024, 6, 1))),
                ),
                Status::Repealed,
                Some(d(2024, 6, 1)),
            ),
            (
                decl(None, None, Some((DeclaredStatus::Lapsed, as_of))),
                Status::Lapsed,
                Some(as_of),
            ),
            (
                decl(None, None, Some((DeclaredStatus::Amended, d(2023, 3, 1)))),
                Status::Amended,
                Some(d(2023, 3, 1)),
            ),
            (
                decl(
                    None,
                    None,
                    Some((DeclaredStatus::PartlyLapsed, d(2023, 3, 1))),
                ),
                Status::PartlyLapsed,
                Some(d(2023, 3, 1)),
            ),
            // a declaration dated after the as-of day does not count yet
            (
                decl(
                    Some(d(2020, 1, 1)),
                    None,
                    Some((DeclaredStatus::Repealed, d(2025, 1, 2))),
                ),
                Status::Valid,
                Some(d(2020, 1, 1)),
            ),
            (
                decl(
                    Some(d(2026, 1, 1)),
                    None,
                    Some((DeclaredStatus::Repealed, d(2025, 2, 1))),
                ),
                Status::NotYetEffective,
                Some(d(2026, 1, 1)),
            ),
            // declared state wins over dates
            (
                decl(
                    Some(d(2026, 1, 1)),
                    None,
                    Some((DeclaredStatus::Repealed, d(2024, 2, 1))),
                ),
                Status::Repealed,
                Some(d(2024, 2, 1)),
            ),
        ];
        for (i, (v, status, since)) in cases.into_iter().enumerate() {
            let got = derive_status(&v, as_of);
            assert_eq!((got.status, got.since), (status, since), "case {i}: {v:?}");
        }
    }

    /// Every declared state at the boundaries of its date, and against the dates.
    #[test]
    fn declared_states_at_their_boundaries() {
        let as_of = date(2025, 1, 1);
        let declared = [
            (DeclaredStatus::Repealed, Status::Repealed),
            (DeclaredStatus::Lapsed, Status::Lapsed),
            (DeclaredStatus::Amended, Status::Amended),
            (DeclaredStatus::PartlyLapsed, Status::PartlyLapsed),
        ];
        for (decl_status, status) in declared {
            // dated the day before, the day itself: counts; the day after: not yet
            for (day, counts) in [
                (date(2024, 12, 31), true),
                (as_of, true),
                (date(2025, 1, 2), false),
            ] {
                let v = decl(Some(date(2020, 1, 1)), None, Some((decl_status, day)));
                let got = derive_status(&v, as_of);
                let want = if counts {
                    (status, Some(day))
                } else {
                    (Status::Valid, Some(date(2020, 1, 1)))
                };
                assert_eq!((got.status, got.since), want, "{decl_status:?} dated {day}");
            }
            // a declaration in force wins over an expiry already passed
            let v = decl(
                None,
                Some(date(2023, 1, 1)),
                Some((decl_status, date(2024, 1, 1))),
            );
            assert_eq!(derive_status(&v, as_of).status, status);
            // a declaration not yet in force does not hide an expiry already passed
            let v = decl(
                None,
                Some(date(2024, 6, 30)),
                Some((decl_status, date(2025, 3, 1))),
            );
            let got = derive_status(&v, as_of);
            assert_eq!(
                (got.status, got.since),
                (Status::Expired, Some(date(2024, 7, 1)))
            );
        }
    }

    /// The expiry and effective days around the as-of date, alone and together.
    #[test]
    fn dates_around_the_as_of_day() {
        let as_of = date(2025, 1, 1);
        let before = date(2024, 12, 31);
        let after = date(2025, 1, 2);
        let cases = [
            // (effective, expires) -> status, since
            ((None, Some(before)), (Status::Expired, Some(as_of))),
            ((None, Some(as_of)), (Status::Valid, None)),
            ((None, Some(after)), (Status::Valid, None)),
            ((Some(before), Some(before)), (Status::Expired, Some(as_of))),
            ((Some(before), Some(as_of)), (Status::Valid, Some(before))),
            ((Some(as_of), Some(as_of)), (Status::Valid, Some(as_of))),
            (
                (Some(after), Some(after)),
                (Status::NotYetEffective, Some(after)),
            ),
            (
                (Some(after), Some(date(2030, 1, 1))),
                (Status::NotYetEffective, Some(after)),
            ),
            ((Some(after), None), (Status::NotYetEffective, Some(after))),
            ((Some(before), None), (Status::Valid, Some(before))),
            // the last day of a leap February, and the year's end
            (
                (Some(date(2020, 1, 1)), Some(date(2024, 2, 29))),
                (Status::Expired, Some(date(2024, 3, 1))),
            ),
        ];
        for ((effective, expires), want) in cases {
            let got = derive_status(&decl(effective, expires, None), as_of);
            assert_eq!((got.status, got.since), want, "{effective:?} {expires:?}");
        }
        // the same document judged day by day across its expiry
        let v = decl(Some(date(2020, 1, 1)), Some(date(2024, 12, 31)), None);
        assert_eq!(derive_status(&v, date(2024, 12, 30)).status, Status::Valid);
        assert_eq!(derive_status(&v, date(2024, 12, 31)).status, Status::Valid);
        assert_eq!(derive_status(&v, date(2025, 1, 1)).status, Status::Expired);
        // and across its first day
        let v = decl(Some(date(2025, 3, 1)), None, None);
        assert_eq!(
            derive_status(&v, date(2025, 2, 28)).status,
            Status::NotYetEffective
        );
        assert_eq!(derive_status(&v, date(2025, 3, 1)).status, Status::Valid);
    }

    /// Every combination of effective × expires × declaration on a grid of days
    /// obeys the rules stated in the README (“Validity at the as-of date D”),
    /// checked one rule at a time.
    #[test]
    fn every_combination_obeys_the_rules() {
        let as_of = date(2025, 1, 1);
        let days = [
            None,
            Some(date(2024, 12, 30)),
            Some(date(2024, 12, 31)),
            Some(as_of),
            Some(date(2025, 1, 2)),
        ];
        let statuses = [
            None,
            Some(DeclaredStatus::Repealed),
            Some(DeclaredStatus::Lapsed),
            Some(DeclaredStatus::Amended),
            Some(DeclaredStatus::PartlyLapsed),
        ];
        let mut seen = std::collections::BTreeSet::new();
        for effective in days {
            for expires in days {
                for status in statuses {
                    for declared_on in days {
                        let declared = status.zip(declared_on);
                        let v = decl(effective, expires, declared);
                        let got = derive_status(&v, as_of);
                        seen.insert(got.status);
                        let declared_in_force = declared.filter(|(_, d)| *d <= as_of);
                        if let Some((_, d)) = declared_in_force {
                            assert_eq!(got.since, Some(d), "{v:?}");
                            assert!(got.status.is_no_longer_valid(), "{v:?}");
                        } else if effective.is_some_and(|e| e > as_of) {
                            assert_eq!(got.status, Status::NotYetEffective, "{v:?}");
                        } else if expires.is_some_and(|x| x < as_of) {
                            assert_eq!(got.status, Status::Expired, "{v:?}");
                            assert!(got.since.is_some_and(|s| s > expires.unwrap_or(s)));
                        } else {
                            assert_eq!(got.status, Status::Valid, "{v:?}");
                        }
                    }
                }
            }
        }
        assert_eq!(seen.len(), Status::ALL.len(), "every state is reached");
    }

    /// Every state is in exactly one of in force, ceased and pending, and
    /// no longer valid is everything but 有效 and 尚未生效.
    #[test]
    fn categories_partition_the_states() {
        for st in Status::ALL {
            let kinds = [st.is_in_force(), st.has_ceased(), st.is_pending()];
            assert_eq!(kinds.iter().filter(|k| **k).count(), 1, "{st:?}");
            assert_eq!(
                st.is_no_longer_valid(),
                st != Status::Valid && !st.is_pending(),
                "{st:?}"
            );
        }
        assert!(Status::Amended.is_no_longer_valid() && !Status::Amended.has_ceased());
        // what a page flips to is what the build would decide on that day
        let v = decl(Some(date(2020, 1, 1)), Some(date(2024, 12, 31)), None);
        let lapses_on = derive_status(&v, date(2024, 6, 1)).lapses_on;
        assert_eq!(lapses_on, Some(date(2025, 1, 1)));
        let flip = |kind| FLIPS.iter().find(|(k, _)| *k == kind).map(|(_, st)| *st);
        assert_eq!(
            flip("expired"),
            Some(derive_status(&v, date(2025, 1, 1)).status)
        );
        let v = decl(Some(date(2025, 3, 1)), None, None);
        assert_eq!(
            flip("effective"),
            Some(derive_status(&v, date(2025, 3, 1)).status)
        );
    }

    /// The day it lapses: the day after `expires`, while it has not ceased.
    #[test]
    fn lapses_on_the_day_after_expires_unless_ceased() {
        let as_of = date(2025, 1, 1);
        let expires = Some(date(2026, 6, 30));
        let after = Some(date(2026, 7, 1));
        let cases = [
            (decl(None, None, None), None),
            (decl(None, expires, None), after),
            (decl(Some(date(2025, 3, 1)), expires, None), after),
            (
                decl(None, expires, Some((DeclaredStatus::Amended, as_of))),
                after,
            ),
            (
                decl(None, expires, Some((DeclaredStatus::PartlyLapsed, as_of))),
                after,
            ),
            (
                decl(None, expires, Some((DeclaredStatus::Repealed, as_of))),
                None,
            ),
            (
                decl(None, expires, Some((DeclaredStatus::Lapsed, as_of))),
                None,
            ),
            // already expired: nothing left to lapse
            (decl(None, Some(date(2024, 12, 31)), None), None),
        ];
        for (v, want) in cases {
            assert_eq!(derive_status(&v, as_of).lapses_on, want, "{v:?}");
        }
    }

    #[test]
    fn schema_org_mapping() {
        assert_eq!(Status::Valid.schema_org(), "InForce");
        assert_eq!(Status::Amended.schema_org(), "PartiallyInForce");
        assert_eq!(Status::Repealed.schema_org(), "NotInForce");
        assert!(Status::Expired.is_no_longer_valid());
        assert!(!Status::NotYetEffective.is_no_longer_valid());
    }
}
