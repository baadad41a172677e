//! Civil dates as day numbers (days since 1970-01-01), with the
//! conversions of H. Hinnant's `chrono`-compatible algorithms: enough for
//! the generator, and no calendar crate in the way of determinism.

use std::fmt;

/// A day; `Day(0)` is 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

impl Day {
    /// The day of a proleptic Gregorian date.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Day {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = m as i32;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }

    /// (year, month, day).
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i32::from(m <= 2);
        (y, m, d)
    }

    /// `YYYY-MM-DD`, or None.
    pub fn parse(text: &str) -> Option<Day> {
        let mut parts = text.split('-');
        let y: i32 = parts.next()?.parse().ok()?;
        let m: u32 = parts.next()?.parse().ok()?;
        let d: u32 = parts.next()?.parse().ok()?;
        let day = Day::from_ymd(y, m, d);
        (parts.next().is_none() && day.ymd() == (y, m, d)).then_some(day)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// The month (1–12).
    pub fn month(self) -> u32 {
        self.ymd().1
    }

    /// `n` days later (earlier if negative).
    pub fn plus(self, n: i32) -> Day {
        Day(self.0 + n)
    }

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    pub fn weekday(self) -> i32 {
        (self.0 + 3).rem_euclid(7)
    }

    /// The same day `n` years later (29 February → 28 February).
    pub fn add_years(self, n: i32) -> Day {
        let (y, m, d) = self.ymd();
        let day = Day::from_ymd(y + n, m, d);
        if day.ymd() == (y + n, m, d) {
            day
        } else {
            Day::from_ymd(y + n, m, 28)
        }
    }

    /// 2024年6月3日, as dates are written in a document's text.
    pub fn chinese(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y}年{m}月{d}日")
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_knows_the_calendar() {
        assert_eq!(Day::from_ymd(1970, 1, 1), Day(0));
        assert_eq!(
            Day::parse("2024-02-29").map(|d| d.to_string()).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(Day::parse("2023-02-29"), None);
        for n in -1000..100_000 {
            let (y, m, d) = Day(n).ymd();
            assert_eq!(Day::from_ymd(y, m, d), Day(n));
        }
        assert_eq!(Day::parse("2024-06-30").map(Day::weekday), Some(6));
        assert_eq!(
            Day::from_ymd(2024, 2, 29).add_years(1).to_string(),
            "2025-02-28"
        );
    }
}
