//! What can be known about any slot without generating it: its date, its
//! kind, its class and its effective date. These are pure functions of the
//! seed and the slot number, so a document can point at a later one (the
//! decision that will repeal it, the rule that will replace it) before that
//! one is written, and the corpus is written in one pass, oldest first.

use super::date::Day;
use super::rng::Rng;

/// Streams of [`Rng::derive`], one per decision.
pub mod stream {
    /// The slot's kind.
    pub const KIND: u64 = 1;
    /// Whether an odd slot interprets the one before it.
    pub const INTERPRETS: u64 = 2;
    /// The document class.
    pub const CLASS: u64 = 3;
    /// The delay from publication to effect.
    pub const EFFECT: u64 = 4;
    /// Everything else about the document (agency, title, body …).
    pub const DOC: u64 = 5;
    /// What later happens to it (repeal, replacement, expiry declared).
    pub const FATE: u64 = 6;
    /// Its attachments.
    pub const ATTACH: u64 = 7;
}

/// Which published documents are not 主动公开 or are drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Private {
    /// 依申请公开.
    OnRequest,
    /// 不予公开.
    Withheld,
    /// A draft (`draft: true`).
    Draft,
}

/// What a slot holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A canary: never to be published.
    Canary(Private),
    /// An ordinary document (规章, 规范性文件 or 其他文件).
    Normal,
    /// A 政策解读 of the document in the slot before.
    Interpretation,
    /// A 清理决定 that declares earlier documents 废止, 失效, 已修改 or 部分失效.
    Decision,
    /// A 政府信息公开工作年度报告.
    AnnualReport,
}

/// The class of an ordinary document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// 规章 (a 市政府令).
    Rule,
    /// 规范性文件.
    Normative,
    /// 其他文件.
    Other,
}

impl Class {
    /// 规章 or 规范性文件: validity matters, they enter the 继续有效目录.
    pub fn regulatory(self) -> bool {
        matches!(self, Class::Rule | Class::Normative)
    }
}

/// Oldest documents are this many days before the as-of date.
const SPAN_DAYS: f64 = 15.0 * 365.0;
/// Mean age: more recent years have more documents, as on real sites.
const MEAN_AGE_DAYS: f64 = 3.0 * 365.0;
/// Share of decisions and annual reports among the slots.
const DECISION_SHARE: f64 = 0.015;
const ANNUAL_SHARE: f64 = 0.03;
/// Share of odd slots after a 规章/规范性文件 that interpret it.
const INTERPRETATION_SHARE: f64 = 0.35;

/// The slots of a corpus: `docs` published documents and `canaries` more.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The seed.
    pub seed: u64,
    /// Number of slots (published documents plus canaries).
    pub total: usize,
    /// Number of canaries.
    pub canaries: usize,
    /// The date the corpus is written at (no document is published later).
    pub as_of: Day,
}

impl Plan {
    /// The plan of `docs` published documents plus `canaries`.
    pub fn new(seed: u64, docs: usize, canaries: usize, as_of: Day) -> Plan {
        Plan {
            seed,
            total: docs + canaries,
            canaries,
            as_of,
        }
    }

    fn rng(&self, slot: usize, stream: u64) -> Rng {
        Rng::derive(self.seed, slot as u64, stream)
    }

    /// The canary slots are spread evenly: slot `((2k + 1) · total) / (2 · canaries)`
    /// for k in 0..canaries.
    fn canary_index(&self, slot: usize) -> Option<usize> {
        if self.canaries == 0 {
            return None;
        }
        let position = |k: usize| ((2 * k + 1) * self.total) / (2 * self.canaries);
        let guess = slot * self.canaries / self.total;
        (guess.saturating_sub(1)..(guess + 2).min(self.canaries)).find(|&k| position(k) == slot)
    }

    /// Publication date: slot 0 is the oldest; ages follow an exponential
    /// law cut at 15 years (inverse CDF at the slot's quantile, so dates never
    /// decrease with the slot), and weekend dates move to the Friday before.
    pub fn date(&self, slot: usize) -> Day {
        let v = 1.0 - (slot as f64 + 0.5) / self.total as f64;
        let tail = 1.0 - (-SPAN_DAYS / MEAN_AGE_DAYS).exp();
        let age = -MEAN_AGE_DAYS * (1.0 - v * tail).ln();
        let day = self.as_of.plus(-(age.floor() as i32));
        match day.weekday() {
            5 => day.plus(-1),
            6 => day.plus(-2),
            _ => day,
        }
    }

    /// The first slot dated on or after `day` (`total` if none).
    pub fn first_on_or_after(&self, day: Day) -> usize {
        let (mut lo, mut hi) = (0, self.total);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.date(mid) < day {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The kind, ignoring interpretations (which depend on the slot before).
    fn base_kind(&self, slot: usize) -> Kind {
        if let Some(k) = self.canary_index(slot) {
            return Kind::Canary(match k % 3 {
                0 => Private::Withheld,
                1 => Private::OnRequest,
                _ => Private::Draft,
            });
        }
        let u = self.rng(slot, stream::KIND).unit();
        if u < DECISION_SHARE {
            Kind::Decision
        } else if u < DECISION_SHARE + ANNUAL_SHARE && self.date(slot).month() <= 3 {
            // annual reports are due by the end of March
            Kind::AnnualReport
        } else {
            Kind::Normal
        }
    }

    /// What the slot holds.
    pub fn kind(&self, slot: usize) -> Kind {
        // Only odd slots may interpret, so the slot before is never itself one.
        if slot % 2 == 1
            && self.base_kind(slot) == Kind::Normal
            && self.base_kind(slot - 1) == Kind::Normal
            && self.class(slot - 1).regulatory()
            && self
                .rng(slot, stream::INTERPRETS)
                .chance(INTERPRETATION_SHARE)
        {
            return Kind::Interpretation;
        }
        self.base_kind(slot)
    }

    /// The class an ordinary document in this slot has (a replacement takes
    /// the class of what it replaces instead).
    pub fn class(&self, slot: usize) -> Class {
        let u = self.rng(slot, stream::CLASS).unit();
        if u < 0.04 {
            Class::Rule
        } else if u < 0.36 {
            Class::Normative
        } else {
            Class::Other
        }
    }

    /// Days from publication to effect, for documents that have a
    /// validity (ordinary documents and decisions).
    pub fn effect_delay(&self, slot: usize) -> i32 {
        self.rng(slot, stream::EFFECT)
            .pick(&[0, 0, 0, 7, 15, 30, 30])
    }

    /// The effective date of an ordinary document or a decision.
    pub fn effective(&self, slot: usize) -> Day {
        self.date(slot).plus(self.effect_delay(slot))
    }

    /// The first slot from `from` on of kind `kind`, if any.
    pub fn next_of(&self, from: usize, kind: Kind) -> Option<usize> {
        (from..self.total).find(|&s| self.kind(s) == kind)
    }

    /// The document id of a slot (path under content/ without `.md`).
    pub fn id(&self, slot: usize) -> String {
        format!("docs/{}", self.file_stem(slot))
    }

    /// The file name of a slot, without `.md`.
    pub fn file_stem(&self, slot: usize) -> String {
        let width = self.total.to_string().len().max(6);
        format!("doc-{slot:0width$}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_never_decrease_and_canaries_are_where_they_should_be() {
        let as_of = Day::from_ymd(2024, 6, 30);
        let plan = Plan::new(7, 997, 11, as_of);
        let dates: Vec<Day> = (0..plan.total).map(|s| plan.date(s)).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]));
        assert!(dates.iter().all(|d| *d <= as_of && d.weekday() < 5));
        assert!(dates[0] < as_of.plus(-14 * 365));
        let canaries = (0..plan.total)
            .filter(|&s| matches!(plan.kind(s), Kind::Canary(_)))
            .count();
        assert_eq!(canaries, 11);
        assert_eq!(
            plan.first_on_or_after(dates[500]),
            dates.iter().position(|d| *d == dates[500]).unwrap_or(0)
        );
    }
}
