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

    #[test]
    fn schema_org_mapping() {
        assert_eq!(Status::Valid.schema_org(), "InForce");
        assert_eq!(Status::Amended.schema_org(), "PartiallyInForce");
        assert_eq!(Status::Repealed.schema_org(), "NotInForce");
        assert!(Status::Expired.is_no_longer_valid());
        assert!(!Status::NotYetEffective.is_no_longer_valid());
    }
}
