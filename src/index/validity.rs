//! The one place that decides whether a document is in force at a date.

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
}

/// The derived state and the day it began (when known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Derived {
    /// The state.
    pub status: Status,
    /// Since when (for 尚未生效: from when it will take effect).
    pub since: Option<Date>,
}

/// Decides validity at `as_of`: a declared state dated on or before `as_of`
/// wins; else not yet effective; else expired after the `expires` day
/// (the expiry day itself is still valid); else valid.
pub fn derive_status(v: &ValidityDecl, as_of: Date) -> Derived {
    if let (Some(status), Some(date)) = (v.status, v.date) {
        if date <= as_of {
            let status = match status {
                DeclaredStatus::Repealed => Status::Repealed,
                DeclaredStatus::Lapsed => Status::Lapsed,
                DeclaredStatus::Amended => Status::Amended,
                DeclaredStatus::PartlyLapsed => Status::PartlyLapsed,
            };
            return Derived {
                status,
                since: Some(date),
            };
        }
    }
    if let Some(effective) = v.effective {
        if effective > as_of {
            return Derived {
                status: Status::NotYetEffective,
                since: Some(effective),
            };
        }
    }
    if let Some(expires) = v.expires {
        if expires < as_of {
            return Derived {
                status: Status::Expired,
                since: expires.tomorrow().ok(),
            };
        }
    }
    Derived {
        status: Status::Valid,
        since: v.effective,
    }
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

    #[test]
    fn schema_org_mapping() {
        assert_eq!(Status::Valid.schema_org(), "InForce");
        assert_eq!(Status::Amended.schema_org(), "PartiallyInForce");
        assert_eq!(Status::Repealed.schema_org(), "NotInForce");
        assert!(Status::Expired.is_no_longer_valid());
        assert!(!Status::NotYetEffective.is_no_longer_valid());
    }
}
