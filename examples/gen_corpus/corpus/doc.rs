//! One document per slot, oldest first: its metadata, its relations to
//! earlier and later documents, and its text. Everything a document needs
//! from a *later* slot comes from the plan (ids, dates, kinds); everything it
//! needs from an *earlier* one was recorded when that one was made (its 文号,
//! title, the repeals and replacements waiting for this slot).

use super::date::Day;
use super::plan::{stream, Class, Kind, Plan, Private};
use super::rng::Rng;
use super::text::{self, Ctx};
use super::words::{self, AGENCIES, CITY, DOMAIN, GOVERNMENT, GOVERNMENT_OFFICE};
use std::collections::{BTreeMap, HashMap, VecDeque};

/// The string every canary carries (title, body, attachment), so a test can
/// assert it never reaches any output.
pub const CANARY_MARKER: &str = "GKCANARY7Q2X";

/// 公开属性.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disclosure {
    /// 主动公开.
    Public,
    /// 依申请公开, with its reason.
    OnRequest(&'static str),
    /// 不予公开, with its reason.
    Withheld(&'static str),
}

/// A declared 效力状态.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Declared {
    /// 废止.
    Repealed,
    /// 失效 (宣布失效).
    Lapsed,
    /// 已修改.
    Amended,
    /// 部分失效.
    PartlyLapsed,
}

impl Declared {
    /// The front-matter value.
    pub fn name(self) -> &'static str {
        match self {
            Declared::Repealed => "废止",
            Declared::Lapsed => "失效",
            Declared::Amended => "已修改",
            Declared::PartlyLapsed => "部分失效",
        }
    }
}

/// `validity.status` and what goes with it.
#[derive(Debug, Clone)]
pub struct Status {
    /// The state.
    pub state: Declared,
    /// When it began (may be after the as-of date: declared, not yet in force).
    pub date: Day,
    /// The id of the deciding document.
    pub basis: Option<String>,
    /// Ids of the replacing documents.
    pub replaced_by: Vec<String>,
    /// 理由.
    pub reason: &'static str,
}

/// `gazette: {year, issue, page, section}`.
#[derive(Debug, Clone)]
pub struct GazetteRef {
    /// Year of the issue.
    pub year: i32,
    /// Issue within the year (the month).
    pub issue: u32,
    /// First page.
    pub page: u32,
    /// Section of the issue.
    pub section: &'static str,
}

/// A file listed under `attachments`, written beside the Markdown.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// File name (beside the document).
    pub file: String,
    /// Title.
    pub title: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// One generated document.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Slot number.
    pub slot: usize,
    /// What the slot holds.
    pub kind: Kind,
    /// Id (`docs/doc-000123`).
    pub id: String,
    /// File name without `.md`.
    pub stem: String,
    /// 标题.
    pub title: String,
    /// Index into [`AGENCIES`].
    pub agency: usize,
    /// 主题分类 (`一级/二级`).
    pub category: &'static str,
    /// The topic (for text and keywords).
    pub topic: &'static str,
    /// 文件类别.
    pub class: &'static str,
    /// 文种.
    pub genre: &'static str,
    /// 发文字号, as written in the front matter.
    pub doc_number: Option<String>,
    /// 索引号.
    pub index_number: String,
    /// 发布日期.
    pub published: Day,
    /// 成文日期.
    pub written: Option<Day>,
    /// 公开属性.
    pub disclosure: Disclosure,
    /// `draft: true`.
    pub draft: bool,
    /// 施行日期.
    pub effective: Option<Day>,
    /// 有效期至.
    pub expires: Option<Day>,
    /// Declared state.
    pub status: Option<Status>,
    /// 刊登公报.
    pub gazette: Option<GazetteRef>,
    /// 解读对象, as written (a 文号 in any brackets, or an id).
    pub interprets: Option<String>,
    /// The id of the interpreted document.
    pub interprets_id: Option<String>,
    /// 附件.
    pub attachments: Vec<Attachment>,
    /// 主题词.
    pub keywords: Vec<String>,
    /// 内容概述.
    pub summary: Option<String>,
    /// 网址名 (else the file name).
    pub slug: Option<String>,
    /// 旧网址 that redirect here.
    pub aliases: Vec<String>,
    /// Written in traditional characters.
    pub traditional: bool,
    /// Markdown body.
    pub body: String,
}

impl Doc {
    /// Published (主动公开 and not a draft).
    pub fn is_public(&self) -> bool {
        self.disclosure == Disclosure::Public && !self.draft
    }

    /// The validity state at `as_of`, by the rule the README states: a
    /// declared state dated on or before it wins; else effective after it →
    /// 尚未生效; else expires before it → 到期失效; else 有效.
    pub fn state_at(&self, as_of: Day) -> &'static str {
        match &self.status {
            Some(s) if s.date <= as_of => s.state.name(),
            _ if self.effective.is_some_and(|e| e > as_of) => "尚未生效",
            _ if self.expires.is_some_and(|e| e < as_of) => "到期失效",
            _ => "有效",
        }
    }
}

/// A repeal or replacement waiting for the slot that declares it.
#[derive(Debug, Clone)]
struct Pending {
    id: String,
    title: String,
    number: Option<String>,
    state: Declared,
    reason: &'static str,
    agency: usize,
    category: &'static str,
    topic: &'static str,
    class: Class,
}

/// What an interpretation needs of the document before it.
#[derive(Debug, Clone)]
struct Prev {
    slot: usize,
    id: String,
    title: String,
    number: Option<String>,
    agency: usize,
    category: &'static str,
    topic: &'static str,
    published: Day,
}

/// What the gazette issue files are made from.
#[derive(Debug, Clone)]
pub struct IssueAcc {
    /// The newest document it carries.
    pub latest: Day,
    /// Documents it carries.
    pub count: usize,
    /// Pages so far.
    pub pages: u32,
    /// The first titles (for the foreword).
    pub titles: Vec<String>,
}

/// Makes the documents in slot order; holds only counters, the last few
/// documents and the declarations still to be written.
pub struct Generator<'p> {
    plan: &'p Plan,
    traditional: HashMap<char, char>,
    /// Share of 文号 written with other brackets than 〔〕 in the front matter.
    messy_numbers: f64,
    index_serial: HashMap<(usize, i32), u32>,
    number_serial: HashMap<(usize, &'static str, i32), u32>,
    decree_serial: u32,
    pending: BTreeMap<usize, Vec<Pending>>,
    /// Declarations in `pending` (kept, not counted, at every slot).
    held: usize,
    recent: VecDeque<(String, String)>,
    prev: Option<Prev>,
    /// Issues referenced so far: (year, issue) → what they carry.
    pub issues: BTreeMap<(i32, u32), IssueAcc>,
}

/// `(state, reason)` of a declaration made by a 清理决定.
const DECISION_FATES: [(Declared, &str); 4] = [
    (Declared::Repealed, "与上位法不一致"),
    (Declared::Repealed, "调整对象已消失"),
    (Declared::Amended, "部分条款已修改"),
    (Declared::PartlyLapsed, "部分条款已被新规定替代"),
];

impl<'p> Generator<'p> {
    /// A generator over `plan`.
    pub fn new(plan: &'p Plan, messy_numbers: f64) -> Generator<'p> {
        Generator {
            plan,
            traditional: text::traditional_map(),
            messy_numbers,
            index_serial: HashMap::new(),
            number_serial: HashMap::new(),
            decree_serial: 100,
            pending: BTreeMap::new(),
            held: 0,
            recent: VecDeque::new(),
            prev: None,
            issues: BTreeMap::new(),
        }
    }

    /// Declarations recorded for slots not yet written (memory in use).
    pub fn pending_len(&self) -> usize {
        self.held
    }

    /// Records a declaration slot `at` will make.
    fn owe(&mut self, at: usize, p: Pending) {
        self.pending.entry(at).or_default().push(p);
        self.held += 1;
    }

    /// The declarations slot `at` makes (forgotten once taken).
    fn owed(&mut self, at: usize) -> Vec<Pending> {
        let owed = self.pending.remove(&at).unwrap_or_default();
        self.held -= owed.len();
        owed
    }

    /// The document of `slot`; slots must come in order.
    pub fn next(&mut self, slot: usize) -> Doc {
        let plan = self.plan;
        let mut rng = Rng::derive(plan.seed, slot as u64, stream::DOC);
        let kind = plan.kind(slot);
        let prev = self.prev.take().filter(|p| p.slot + 1 == slot);
        let mut doc = match (kind, prev) {
            (Kind::Canary(private), _) => self.canary(slot, private, &mut rng),
            (Kind::Interpretation, Some(prev)) => self.interpretation(slot, &prev, &mut rng),
            (Kind::Decision, _) => self.decision(slot, &mut rng),
            (Kind::AnnualReport, _) => self.annual_report(slot, &mut rng),
            _ => self.ordinary(slot, &mut rng),
        };
        doc.kind = kind;
        if doc.traditional {
            doc.title = text::to_traditional(&doc.title, &self.traditional);
            doc.body = text::to_traditional(&doc.body, &self.traditional);
        }
        if doc.is_public() {
            if let Some(number) = &doc.doc_number {
                self.recent
                    .push_back((doc.title.clone(), text::normalised(number)));
                if self.recent.len() > 32 {
                    self.recent.pop_front();
                }
            }
            if kind == Kind::Normal {
                self.prev = Some(Prev {
                    slot,
                    id: doc.id.clone(),
                    title: doc.title.clone(),
                    number: doc.doc_number.as_deref().map(text::normalised),
                    agency: doc.agency,
                    category: doc.category,
                    topic: doc.topic,
                    published: doc.published,
                });
            }
        }
        doc
    }

    fn blank(
        &self,
        slot: usize,
        agency: usize,
        category: &'static str,
        topic: &'static str,
    ) -> Doc {
        Doc {
            slot,
            kind: Kind::Normal,
            id: self.plan.id(slot),
            stem: self.plan.file_stem(slot),
            title: String::new(),
            agency,
            category,
            topic,
            class: "其他文件",
            genre: "通知",
            doc_number: None,
            index_number: String::new(),
            published: self.plan.date(slot),
            written: None,
            disclosure: Disclosure::Public,
            draft: false,
            effective: None,
            expires: None,
            status: None,
            gazette: None,
            interprets: None,
            interprets_id: None,
            attachments: Vec::new(),
            keywords: Vec::new(),
            summary: None,
            slug: None,
            aliases: Vec::new(),
            traditional: false,
            body: String::new(),
        }
    }

    /// A department and one of its topics; the two government offices also
    /// write on any department's topic.
    fn topic_of(rng: &mut Rng, agency: usize) -> (&'static str, &'static str) {
        let source = if AGENCIES[agency].topics.is_empty()
            || (agency == GOVERNMENT_OFFICE && rng.chance(0.6))
        {
            &AGENCIES[2 + rng.below(AGENCIES.len() - 2)]
        } else {
            &AGENCIES[agency]
        };
        let (category, topics) = rng.pick(source.topics);
        (category, rng.pick(topics))
    }

    fn pick_agency(rng: &mut Rng) -> usize {
        let u = rng.unit();
        if u < 0.06 {
            GOVERNMENT
        } else if u < 0.18 {
            GOVERNMENT_OFFICE
        } else {
            2 + rng.below(AGENCIES.len() - 2)
        }
    }

    /// The next 索引号 of the agency in the year.
    fn index_number(&mut self, agency: usize, year: i32) -> String {
        let serial = self.index_serial.entry((agency, year)).or_insert(0);
        *serial += 1;
        format!("{}/{year}-{:05}", agency_code(agency), serial)
    }

    /// The next 文号 of the agency's series (发, 规, 函, 复, 通) in the year;
    /// numbers skip a little, as documents of other series and unpublished
    /// ones take numbers too.
    fn doc_number(
        &mut self,
        rng: &mut Rng,
        agency: usize,
        series: &'static str,
        year: i32,
    ) -> String {
        let serial = self
            .number_serial
            .entry((agency, series, year))
            .or_insert(0);
        *serial += 1 + u32::from(rng.chance(0.2));
        format!("{}{series}〔{year}〕{serial}号", AGENCIES[agency].prefix)
    }

    /// The 文号 as the front matter writes it (messy brackets on request).
    fn written_number(&self, rng: &mut Rng, number: String) -> String {
        if self.messy_numbers > 0.0 && rng.chance(self.messy_numbers) {
            let loose = text::loose_number(rng, &number);
            if loose != number {
                return loose;
            }
            return number.replace('〔', "[").replace('〕', "]");
        }
        number
    }

    fn citation(&self, rng: &mut Rng) -> Option<String> {
        if self.recent.is_empty() || !rng.chance(0.4) {
            return None;
        }
        let (title, number) = &self.recent[rng.below(self.recent.len())];
        Some(format!(
            "{}（{}）",
            text::quoted(title),
            text::loose_number(rng, number)
        ))
    }

    fn ordinary(&mut self, slot: usize, rng: &mut Rng) -> Doc {
        let plan = self.plan;
        let replaces = self.owed(slot);
        let (agency, category, topic, class) = match replaces.first() {
            Some(p) => (p.agency, p.category, p.topic, p.class),
            None => {
                let class = plan.class(slot);
                let agency = if class == Class::Rule {
                    GOVERNMENT
                } else {
                    Self::pick_agency(rng)
                };
                let (category, topic) = Self::topic_of(rng, agency);
                (agency, category, topic, class)
            }
        };
        let mut doc = self.blank(slot, agency, category, topic);
        let year = doc.published.year();
        let a = &AGENCIES[agency];
        let rule_title = |kind: &str| format!("{CITY}{topic}{kind}");
        // (title, genre, 文号 series, shape of the body)
        let (title, genre, series, shape) = match class {
            Class::Rule => {
                let kind = rng.pick(&["管理办法", "管理规定", "实施办法", "若干规定"]);
                let genre = if kind.ends_with("规定") {
                    "规定"
                } else {
                    "办法"
                };
                (rule_title(kind), genre, "令", Shape::Rule)
            }
            Class::Normative => match rng.below(6) {
                0 | 1 => {
                    let kind = rng.pick(&["管理办法", "管理暂行办法", "实施细则", "管理规定"]);
                    (
                        format!(
                            "{}关于印发{}的通知",
                            a.name,
                            text::quoted(&rule_title(kind))
                        ),
                        "通知",
                        "规",
                        Shape::Issued(rule_title(kind)),
                    )
                }
                2 => (
                    format!("{}关于进一步加强{topic}管理的实施意见", a.name),
                    "意见",
                    "规",
                    Shape::Opinion,
                ),
                3 => (
                    format!("{}关于调整{topic}有关标准的通知", a.name),
                    "通知",
                    "规",
                    Shape::Standards,
                ),
                4 => (
                    format!("{}关于{topic}管理有关事项的通告", a.name),
                    "通告",
                    "规",
                    Shape::Announcement,
                ),
                _ => (
                    format!("{}关于规范{topic}工作的若干意见", a.name),
                    "意见",
                    "规",
                    Shape::Opinion,
                ),
            },
            Class::Other => match rng.below(8) {
                0 | 1 => (
                    format!("{}关于做好{year}年{topic}工作的通知", a.name),
                    "通知",
                    "发",
                    Shape::Notice,
                ),
                2 => {
                    let plan_title = format!("{CITY}{year}年{topic}工作要点");
                    (
                        format!("{}关于印发{}的通知", a.name, text::quoted(&plan_title)),
                        "通知",
                        "发",
                        Shape::Issued(plan_title),
                    )
                }
                3 => (
                    format!("{}关于{year}年{topic}专项检查情况的通报", a.name),
                    "通报",
                    "发",
                    Shape::Report,
                ),
                4 => {
                    let district =
                        rng.pick(&["东湖区", "西陵区", "北塘区", "南浦区", "澄川高新区"]);
                    (
                        format!("{}关于同意{district}{topic}实施方案的批复", a.name),
                        "批复",
                        "复",
                        Shape::Reply,
                    )
                }
                5 => (
                    format!("{}关于商请支持{topic}有关工作的函", a.name),
                    "函",
                    "函",
                    Shape::Reply,
                ),
                6 => (
                    format!(
                        "{}关于开展{topic}{}的通知",
                        a.name,
                        rng.pick(&["专项行动", "集中整治", "试点工作", "满意度调查"])
                    ),
                    "通知",
                    "发",
                    Shape::Notice,
                ),
                _ => (
                    format!("{}关于推进{topic}高质量发展的实施方案", a.name),
                    "通知",
                    "发",
                    Shape::Opinion,
                ),
            },
        };
        doc.title = title;
        doc.genre = genre;
        doc.class = match class {
            Class::Rule => "规章",
            Class::Normative => "规范性文件",
            Class::Other => "其他文件",
        };
        let number = if class == Class::Rule {
            self.decree_serial += 1;
            Some(format!("{CITY}人民政府令第{}号", self.decree_serial))
        } else if class == Class::Normative || rng.chance(0.85) {
            let n = self.doc_number(rng, agency, series, year);
            Some(self.written_number(rng, n))
        } else {
            None
        };
        doc.doc_number = number;
        doc.index_number = self.index_number(agency, year);
        doc.written = Some(doc.published.plus(-(rng.range(0, 6) as i32)));
        let effective = plan.effective(slot);
        doc.effective = Some(effective);
        doc.expires = match class {
            Class::Rule => None,
            Class::Normative if doc.title.contains("暂行") => {
                Some(effective.add_years(2).plus(-1))
            }
            Class::Normative => rng
                .chance(0.85)
                .then(|| effective.add_years(rng.pick(&[2, 3, 5, 5, 5])).plus(-1)),
            Class::Other if doc.title.contains(&format!("{year}年")) => {
                let end = Day::from_ymd(year, 12, 31);
                (end >= effective).then_some(end)
            }
            Class::Other => rng
                .chance(0.5)
                .then(|| effective.add_years(rng.pick(&[1, 2, 3])).plus(-1)),
        };
        self.fate(slot, &mut doc, class);
        self.gazette(rng, &mut doc, class == Class::Rule);
        doc.traditional = rng.chance(0.04);
        // moved from an older site: the old address redirects; a few have a
        // readable URL name of their own
        if rng.chance(0.03) {
            doc.aliases.push(format!("/old/xxgk/{year}/{slot}.html"));
        }
        if class == Class::Normative && rng.chance(0.05) {
            doc.slug = Some(format!("gf-{year}-{slot}"));
        }
        if rng.chance(0.6) {
            doc.keywords = vec![topic.to_string(), rng.pick(words::OBJECTS).to_string()];
        }
        let ctx = Ctx {
            topic,
            short: a.short,
            year,
        };
        let mut body = String::new();
        if !matches!(shape, Shape::Rule) && rng.chance(0.7) {
            body.push_str(a.to);
            body.push_str("\n\n");
        }
        let opening = self.opening(rng, &ctx, genre, &shape);
        if rng.chance(0.2) {
            let what = opening
                .split('，')
                .next()
                .unwrap_or_default()
                .trim_start_matches('为');
            doc.summary = Some(format!("{what}，对{topic}有关事项作出规定。"));
        }
        body.push_str(&opening);
        body.push_str("\n\n");
        let target = if matches!(shape, Shape::Reply) {
            rng.range(900, 1800)
        } else {
            rng.range(2000, 6000)
        } as usize;
        match &shape {
            Shape::Issued(inner) => {
                body.push_str(&closing(&doc));
                body.push_str(&format!("\n\n## {inner}\n\n"));
                articles(rng, &ctx, &mut body, target);
            }
            Shape::Rule => articles(rng, &ctx, &mut body, target),
            _ => {
                parts(rng, &ctx, &mut body, target, &shape);
            }
        }
        if !replaces.is_empty() {
            let old: Vec<String> = replaces
                .iter()
                .map(|p| match &p.number {
                    Some(n) => format!(
                        "{}（{}）",
                        text::quoted(&p.title),
                        text::loose_number(rng, n)
                    ),
                    None => text::quoted(&p.title),
                })
                .collect();
            body.push_str(&format!(
                "\n\n本文件自{}起施行，{}同时废止。",
                effective.chinese(),
                old.join("、")
            ));
        }
        if rng.chance(0.3) {
            body.push_str(&format!(
                "\n\n联系人：{}老师；联系电话：0599-8{:07}；电子邮箱：{}@{DOMAIN}。",
                rng.pick(&["王", "李", "张", "刘", "陈", "周", "吴", "徐"]),
                rng.range(0, 9_999_999),
                a.slug
            ));
        }
        if rng.chance(0.12) || matches!(shape, Shape::Standards) && rng.chance(0.5) {
            self.attach(&mut doc);
            let list: Vec<String> = doc
                .attachments
                .iter()
                .enumerate()
                .map(|(k, at)| format!("{}. {}", k + 1, at.title))
                .collect();
            body.push_str(&format!("\n\n附件：\n\n{}", list.join("\n")));
        }
        if !matches!(shape, Shape::Issued(_)) {
            body.push_str("\n\n");
            body.push_str(&closing(&doc));
        }
        body.push('\n');
        doc.body = body;
        doc
    }

    /// What later happens to an ordinary document: replaced by a later one,
    /// declared by a later 清理决定, or expired (declared so or not).
    fn fate(&mut self, slot: usize, doc: &mut Doc, class: Class) {
        let plan = self.plan;
        let mut rng = Rng::derive(plan.seed, slot as u64, stream::FATE);
        let u = rng.unit();
        let lag = 1 + rng.below((plan.total / 3).max(1));
        let pending = |state, reason| Pending {
            id: doc.id.clone(),
            title: doc.title.clone(),
            number: doc.doc_number.as_deref().map(text::normalised),
            state,
            reason,
            agency: doc.agency,
            category: doc.category,
            topic: doc.topic,
            class,
        };
        let regulatory = class.regulatory();
        if regulatory && u < 0.10 {
            if let Some(r) = plan.next_of(slot + lag, Kind::Normal) {
                let reason = "已被新规定涵盖或替代";
                self.owe(r, pending(Declared::Repealed, reason));
                doc.status = Some(Status {
                    state: Declared::Repealed,
                    date: plan.effective(r),
                    basis: Some(plan.id(r)),
                    replaced_by: vec![plan.id(r)],
                    reason,
                });
            }
            return;
        }
        let by_decision = if regulatory && u < 0.23 {
            Some(DECISION_FATES[rng.below(DECISION_FATES.len())])
        } else if !regulatory && u < 0.02 {
            Some((Declared::Repealed, "工作任务已完成"))
        } else {
            None
        };
        if let Some((state, reason)) = by_decision {
            if let Some(j) = plan.next_of(slot + lag, Kind::Decision) {
                self.owe(j, pending(state, reason));
                doc.status = Some(Status {
                    state,
                    date: plan.effective(j),
                    basis: Some(plan.id(j)),
                    replaced_by: vec![],
                    reason,
                });
            }
            return;
        }
        let Some(expires) = doc.expires else { return };
        let lapsed = expires.plus(1);
        let q = rng.unit();
        if lapsed > plan.as_of {
            // expiring within half a year: often announced ahead (declared,
            // not yet in force at the as-of date)
            if lapsed <= plan.as_of.plus(180) && q < 0.5 {
                doc.status = Some(Status {
                    state: Declared::Lapsed,
                    date: lapsed,
                    basis: None,
                    replaced_by: vec![],
                    reason: "有效期届满",
                });
            }
            return;
        }
        let (by_cleanup, by_date) = if regulatory {
            (0.55, 0.75)
        } else {
            (0.15, 0.30)
        };
        if q < by_cleanup {
            let from = plan.first_on_or_after(lapsed).max(slot + 1);
            if let Some(j) = plan.next_of(from, Kind::Decision) {
                let reason = "适用期已过";
                self.owe(j, pending(Declared::Lapsed, reason));
                doc.status = Some(Status {
                    state: Declared::Lapsed,
                    date: plan.effective(j),
                    basis: Some(plan.id(j)),
                    replaced_by: vec![],
                    reason,
                });
            }
        } else if q < by_date {
            doc.status = Some(Status {
                state: Declared::Lapsed,
                date: lapsed,
                basis: None,
                replaced_by: vec![],
                reason: "有效期届满",
            });
        }
    }

    /// The gazette carries 规章 and most of the government's 规范性文件.
    fn gazette(&mut self, rng: &mut Rng, doc: &mut Doc, rule: bool) {
        let government = doc.agency == GOVERNMENT || doc.agency == GOVERNMENT_OFFICE;
        let p = match (rule, doc.class, government) {
            (true, _, _) => 1.0,
            (_, "规范性文件", true) => 0.8,
            (_, "规范性文件", false) => 0.3,
            (_, _, true) => 0.3,
            _ => 0.06,
        };
        if !rng.chance(p) {
            return;
        }
        let mut day = doc.published.plus(rng.range(0, 20) as i32);
        if day > self.plan.as_of {
            day = doc.published;
        }
        let (year, issue) = (day.year(), day.month());
        let section = if rule {
            "市政府规章"
        } else if doc.agency == GOVERNMENT {
            "市政府文件"
        } else if doc.agency == GOVERNMENT_OFFICE {
            "市政府办公室文件"
        } else {
            "部门文件"
        };
        let acc = self.issues.entry((year, issue)).or_insert(IssueAcc {
            latest: doc.published,
            count: 0,
            pages: 0,
            titles: Vec::new(),
        });
        acc.latest = acc.latest.max(doc.published);
        acc.count += 1;
        let page = acc.pages + 1;
        acc.pages += rng.range(1, 6) as u32;
        if acc.titles.len() < 2 {
            acc.titles.push(doc.title.clone());
        }
        doc.gazette = Some(GazetteRef {
            year,
            issue,
            page,
            section,
        });
    }

    /// One or two small real files: a CSV table or a one-page PDF.
    fn attach(&self, doc: &mut Doc) {
        let mut rng = Rng::derive(self.plan.seed, doc.slot as u64, stream::ATTACH);
        for k in 1..=rng.range(1, 2) as usize {
            let what = rng.pick(words::ATTACHMENTS);
            let title = format!("附件{k}：{CITY}{}{what}", doc.topic);
            let chinese_name = rng.chance(0.3);
            if rng.chance(0.5) {
                let mut csv = String::from("\u{feff}序号,项目,单位,数量\n");
                for row in 1..=rng.range(2, 8) {
                    csv.push_str(&format!(
                        "{row},{}{},{},{}\n",
                        doc.topic,
                        rng.pick(&["设施", "服务", "项目"]),
                        rng.pick(&["个", "项", "处"]),
                        rng.range(1, 300)
                    ));
                }
                let file = if chinese_name {
                    format!("{}-附件{k} {what}.csv", doc.stem)
                } else {
                    format!("{}-fj{k}.csv", doc.stem)
                };
                doc.attachments.push(Attachment {
                    file,
                    title,
                    bytes: csv.into_bytes(),
                });
            } else {
                let file = if chinese_name {
                    format!("{}-附件{k}.pdf", doc.stem)
                } else {
                    format!("{}-fj{k}.pdf", doc.stem)
                };
                let line = format!("{} attachment {k}", doc.stem);
                doc.attachments.push(Attachment {
                    file,
                    title,
                    bytes: pdf(&line),
                });
            }
        }
    }

    fn opening(&self, rng: &mut Rng, ctx: &Ctx<'_>, genre: &str, shape: &Shape) -> String {
        let purpose = match rng.below(4) {
            0 => format!("为进一步规范{}管理", ctx.topic),
            1 => format!("为加快推进{}工作", ctx.topic),
            2 => "为切实保障群众合法权益".to_string(),
            _ => format!("为提升{}服务水平", ctx.topic),
        };
        let grounds = match self.citation(rng) {
            Some(c) => format!("根据{c}和《{}》等有关规定", rng.pick(words::LAWS)),
            None => format!("根据《{}》等有关规定", rng.pick(words::LAWS)),
        };
        let tail = match (genre, shape) {
            (_, Shape::Rule) => "制定本办法".to_string(),
            (_, Shape::Issued(inner)) => format!(
                "{}已经研究同意，现印发给你们，请认真贯彻执行",
                text::quoted(inner)
            ),
            ("意见", _) => "现提出如下意见".to_string(),
            ("通告", _) => "现将有关事项通告如下".to_string(),
            ("通报", _) => "现将有关情况通报如下".to_string(),
            ("批复", _) => "经研究，现批复如下".to_string(),
            ("函", _) => "现将有关事项函告如下".to_string(),
            _ => "现就有关工作通知如下".to_string(),
        };
        format!("{purpose}，{grounds}，结合本市实际，{tail}。")
    }

    fn interpretation(&mut self, slot: usize, prev: &Prev, rng: &mut Rng) -> Doc {
        let mut doc = self.blank(slot, prev.agency, prev.category, prev.topic);
        doc.published = prev
            .published
            .plus(rng.pick(&[0, 0, 0, 1, 2, 3]))
            .min(self.plan.as_of);
        doc.class = "政策解读";
        doc.genre = "解读";
        let inner = match (prev.title.find('《'), prev.title.rfind('》')) {
            (Some(a), Some(b)) if a < b => prev.title[a + '《'.len_utf8()..b].to_string(),
            _ => prev.title.clone(),
        };
        let q = text::quoted(&inner);
        doc.title = match rng.below(4) {
            0 => format!("{q}政策解读"),
            1 => format!("{q}解读问答"),
            2 => format!("一图读懂{q}"),
            _ => format!("关于{q}的解读"),
        };
        doc.interprets = Some(match &prev.number {
            Some(n) => text::loose_number(rng, n),
            None => prev.id.clone(),
        });
        doc.interprets_id = Some(prev.id.clone());
        doc.index_number = self.index_number(prev.agency, doc.published.year());
        doc.traditional = rng.chance(0.04);
        doc.keywords = vec![prev.topic.to_string(), "政策解读".to_string()];
        let a = &AGENCIES[prev.agency];
        let ctx = Ctx {
            topic: prev.topic,
            short: a.short,
            year: doc.published.year(),
        };
        let number = prev
            .number
            .as_deref()
            .map(|n| format!("，{n}"))
            .unwrap_or_default();
        let mut body = format!(
            "{}，{}印发{}（以下简称《文件》{number}）。按照“谁起草、谁解读”的要求，现就《文件》有关内容解读如下。\n\n",
            prev.published.chinese(),
            a.short,
            text::quoted(&inner)
        );
        for (k, part) in words::INTERPRETATION_PARTS.iter().enumerate() {
            body.push_str(&format!("## {}、{part}\n\n", text::cn_numeral(k + 1)));
            match k {
                1 => body.push_str(text::ordered_list(rng, &ctx).trim_end()),
                3 => body.push_str(&format!(
                    "| 事项 | 原规定 | 新规定 |\n| --- | --- | --- |\n| 适用范围 | 市级 | 市、区两级 |\n| 办理时限 | {}个工作日 | {}个工作日 |\n| 申请方式 | 窗口办理 | 网上办理、窗口办理 |\n",
                    rng.range(15, 30),
                    rng.range(5, 14)
                )),
                4 => body.push_str(&format!("政策咨询：{}，联系电话：0599-8{:07}。", a.short, rng.range(0, 9_999_999))),
                _ => body.push_str(&text::paragraph(rng, &ctx)),
            }
            body.push_str("\n\n");
        }
        body.push_str(&format!("{}\n\n{}\n", a.name, doc.published.chinese()));
        doc.body = body;
        doc
    }

    fn decision(&mut self, slot: usize, rng: &mut Rng) -> Doc {
        let declared = self.owed(slot);
        let agency = if rng.chance(0.7) {
            GOVERNMENT
        } else {
            GOVERNMENT_OFFICE
        };
        let mut doc = self.blank(slot, agency, "综合政务/其他", "规范性文件清理");
        let year = doc.published.year();
        let a = &AGENCIES[agency];
        let has = |s: Declared| declared.iter().any(|p| p.state == s);
        let scope = if agency == GOVERNMENT {
            "市政府"
        } else {
            "市政府办公室"
        };
        doc.title = if declared.is_empty() {
            format!(
                "{}关于公布{year}年度{scope}规范性文件清理结果的决定",
                a.name
            )
        } else if has(Declared::Amended) {
            format!("{}关于修改和废止部分{scope}规范性文件的决定", a.name)
        } else if has(Declared::Lapsed) && has(Declared::Repealed) {
            format!("{}关于废止和宣布失效部分{scope}规范性文件的决定", a.name)
        } else if has(Declared::Lapsed) {
            format!("{}关于宣布失效部分{scope}规范性文件的决定", a.name)
        } else {
            format!("{}关于废止部分{scope}规范性文件的决定", a.name)
        };
        doc.genre = "决定";
        let n = self.doc_number(rng, agency, "发", year);
        doc.doc_number = Some(self.written_number(rng, n));
        doc.index_number = self.index_number(agency, year);
        doc.written = Some(doc.published.plus(-(rng.range(0, 4) as i32)));
        let effective = self.plan.effective(slot);
        doc.effective = Some(effective);
        doc.keywords = vec!["规范性文件清理".to_string()];
        self.gazette(rng, &mut doc, false);
        let mut body = format!(
            "{}\n\n为维护法制统一，根据国务院办公厅关于加强行政规范性文件制定和监督管理工作的要求，{scope}对现行规范性文件进行了全面清理。经清理，",
            words::AGENCIES[agency].to
        );
        if declared.is_empty() {
            body.push_str("本轮清理范围内的规范性文件继续有效，现予公布。\n\n");
        } else {
            body.push_str("决定对下列文件予以处理，现予公布。\n\n");
        }
        let groups = [
            (Declared::Repealed, "决定废止的文件"),
            (Declared::Lapsed, "决定宣布失效的文件"),
            (Declared::Amended, "决定修改的文件"),
            (Declared::PartlyLapsed, "决定部分失效的文件"),
        ];
        let mut k = 0;
        for (state, heading) in groups {
            let rows: Vec<&Pending> = declared.iter().filter(|p| p.state == state).collect();
            if rows.is_empty() {
                continue;
            }
            k += 1;
            body.push_str(&format!("## {}、{heading}（{}件）\n\n| 序号 | 文件名称 | 文号 | 理由 |\n| :---: | --- | --- | --- |\n", text::cn_numeral(k), rows.len()));
            for (i, p) in rows.iter().enumerate() {
                body.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    i + 1,
                    p.title,
                    p.number.as_deref().unwrap_or("—"),
                    p.reason
                ));
            }
            body.push('\n');
            if state == Declared::Amended {
                body.push_str("修改的文件，由原制定机关根据本决定作相应修改后重新公布。\n\n");
            }
        }
        body.push_str(&format!(
            "各地各部门要做好清理后的衔接工作，确保行政管理工作平稳有序。本决定自{}起施行。\n\n{}\n\n{}\n",
            effective.chinese(),
            a.name,
            doc.written.unwrap_or(doc.published).chinese()
        ));
        doc.body = body;
        doc
    }

    fn annual_report(&mut self, slot: usize, rng: &mut Rng) -> Doc {
        let agency = if rng.chance(0.2) {
            GOVERNMENT_OFFICE
        } else {
            2 + rng.below(AGENCIES.len() - 2)
        };
        let mut doc = self.blank(slot, agency, "综合政务/政务公开", "政府信息公开");
        let year = doc.published.year() - 1;
        let a = &AGENCIES[agency];
        let whose = if agency == GOVERNMENT_OFFICE {
            CITY.to_string()
        } else {
            a.name.to_string()
        };
        doc.title = format!("{whose}{year}年政府信息公开工作年度报告");
        doc.class = "年度报告";
        doc.genre = "报告";
        doc.index_number = self.index_number(agency, doc.published.year());
        doc.keywords = vec!["年度报告".to_string(), "政府信息公开".to_string()];
        let ctx = Ctx {
            topic: "政务公开",
            short: a.short,
            year,
        };
        let mut body = format!(
            "本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据统计期限自{year}年1月1日起至{year}年12月31日止。本报告电子版可在澄川市人民政府门户网站（www.{DOMAIN}）查阅或下载。\n\n"
        );
        for (k, part) in words::ANNUAL_PARTS.iter().enumerate() {
            body.push_str(&format!("## {}、{part}\n\n", text::cn_numeral(k + 1)));
            match k {
                1 | 2 => body.push_str(&text::figures_table(rng, year)),
                3 => body.push_str(&format!(
                    "| 类别 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| --- | ---: | ---: | ---: | ---: | ---: |\n| 行政复议 | {} | {} | {} | {} | {} |\n| 行政诉讼 | {} | {} | {} | {} | {} |\n",
                    rng.range(0, 9), rng.range(0, 3), rng.range(0, 2), rng.range(0, 2), rng.range(0, 16),
                    rng.range(0, 6), rng.range(0, 2), rng.range(0, 2), rng.range(0, 3), rng.range(0, 13)
                )),
                4 => body.push_str(&text::bullet_list(rng, &ctx)),
                _ => body.push_str(&text::paragraph(rng, &ctx)),
            }
            body.push_str("\n\n");
        }
        body.push_str(&format!("{}\n\n{}\n", a.name, doc.published.chinese()));
        doc.body = body;
        doc
    }

    /// A document that must never be published: complete, valid front
    /// matter (so it is read and checked like any other), the marker in its
    /// title, body, keywords and attachment.
    fn canary(&mut self, slot: usize, private: Private, rng: &mut Rng) -> Doc {
        let agency = 2 + rng.below(AGENCIES.len() - 2);
        let (category, topic) = Self::topic_of(rng, agency);
        let mut doc = self.blank(slot, agency, category, topic);
        let year = doc.published.year();
        let a = &AGENCIES[agency];
        doc.title = format!("{}关于{topic}内部工作安排的通知（{CANARY_MARKER}）", a.name);
        match private {
            Private::OnRequest => {
                doc.disclosure = Disclosure::OnRequest(rng.pick(words::ON_REQUEST_REASONS))
            }
            Private::Withheld => {
                doc.disclosure = Disclosure::Withheld(rng.pick(words::WITHHELD_REASONS))
            }
            Private::Draft => doc.draft = true,
        }
        let n = self.doc_number(rng, agency, "发", year);
        doc.doc_number = Some(n);
        doc.index_number = self.index_number(agency, year);
        doc.written = Some(doc.published);
        doc.effective = Some(doc.published);
        doc.keywords = vec![topic.to_string(), CANARY_MARKER.to_string()];
        let ctx = Ctx {
            topic,
            short: a.short,
            year,
        };
        doc.body = format!(
            "{}\n\n本文件不得公开（{CANARY_MARKER}）。{}\n\n## 一、工作安排\n\n{}\n\n{}\n\n{}\n",
            a.to,
            text::paragraph(rng, &ctx),
            text::paragraph(rng, &ctx),
            text::ordered_list(rng, &ctx),
            closing(&doc)
        );
        doc.attachments.push(Attachment {
            file: format!("{}-fj1.txt", doc.stem),
            title: format!("附件1：内部名单（{CANARY_MARKER}）"),
            bytes: format!("{CANARY_MARKER} 内部名单，不得公开。\n").into_bytes(),
        });
        doc
    }
}

/// The shapes of an ordinary document's body.
enum Shape {
    /// A 规章: chapters and articles.
    Rule,
    /// A cover notice issuing the named text (rules or a work plan) below it.
    Issued(String),
    /// 意见 / 方案: parts with sub-points.
    Opinion,
    /// 通知.
    Notice,
    /// 通报, with figures.
    Report,
    /// 通告: numbered items.
    Announcement,
    /// Fees or subsidy standards.
    Standards,
    /// 批复 / 函: short.
    Reply,
}

/// The office and the date at the end.
fn closing(doc: &Doc) -> String {
    format!(
        "{}\n\n{}",
        AGENCIES[doc.agency].name,
        doc.written.unwrap_or(doc.published).chinese()
    )
}

/// Chapters of articles (第一章 总则 … 第N章 附则) until `target` bytes.
fn articles(rng: &mut Rng, ctx: &Ctx<'_>, body: &mut String, target: usize) {
    let mut chapters = vec!["总则".to_string()];
    for c in rng.some(words::RULE_CHAPTERS, 2, 4) {
        chapters.push(c.replace("{T}", ctx.topic));
    }
    let mut article = 0;
    let start = body.len();
    let per_chapter = target.saturating_sub(600) / chapters.len();
    for (k, chapter) in chapters.iter().enumerate() {
        body.push_str(&format!(
            "### 第{}章 {chapter}\n\n",
            text::cn_numeral(k + 1)
        ));
        let chapter_end = start + per_chapter * (k + 1);
        loop {
            article += 1;
            body.push_str(&format!(
                "**第{}条** {}\n\n",
                text::cn_numeral(article),
                text::sentence(rng, ctx)
            ));
            if rng.chance(0.15) {
                body.push_str(&text::ordered_list(rng, ctx));
                body.push('\n');
            }
            if body.len() >= chapter_end || article >= 99 {
                break;
            }
        }
    }
    body.push_str(&format!(
        "### 第{}章 附则\n\n",
        text::cn_numeral(chapters.len() + 1)
    ));
    article += 1;
    body.push_str(&format!(
        "**第{}条** 本办法由{}负责解释。\n\n",
        text::cn_numeral(article.min(99)),
        ctx.short
    ));
    article += 1;
    body.push_str(&format!(
        "**第{}条** 本办法自印发之日起施行。",
        text::cn_numeral(article.min(99))
    ));
}

/// Numbered parts (一、…) with sub-points, lists and tables until `target` bytes.
fn parts(rng: &mut Rng, ctx: &Ctx<'_>, body: &mut String, target: usize, shape: &Shape) {
    let headings: &[&str] = match shape {
        Shape::Opinion => words::OPINION_PARTS,
        Shape::Report => words::REPORT_PARTS,
        _ => words::NOTICE_PARTS,
    };
    let mut tables = match shape {
        Shape::Report | Shape::Standards => 1,
        _ => usize::from(rng.chance(0.35)),
    };
    let start = body.len();
    for (k, heading) in headings.iter().enumerate() {
        if matches!(shape, Shape::Announcement | Shape::Reply) {
            body.push_str(&format!(
                "{}、{}\n\n",
                text::cn_numeral(k + 1),
                text::paragraph(rng, ctx)
            ));
        } else {
            body.push_str(&format!("## {}、{heading}\n\n", text::cn_numeral(k + 1)));
            let subs = rng.pick(&[0, 0, 2, 3]);
            if subs == 0 {
                body.push_str(&text::paragraph(rng, ctx));
                body.push_str("\n\n");
            }
            for s in 1..=subs {
                body.push_str(&format!(
                    "### （{}）{}\n\n{}\n\n",
                    text::cn_numeral(s),
                    text::task(rng, ctx),
                    text::paragraph(rng, ctx)
                ));
            }
            if rng.chance(0.2) {
                body.push_str(&text::ordered_list(rng, ctx));
                body.push('\n');
            } else if rng.chance(0.1) {
                body.push_str(&text::bullet_list(rng, ctx));
                body.push('\n');
            }
        }
        if tables > 0 && (rng.chance(0.4) || k + 1 == headings.len()) {
            tables -= 1;
            let table = match shape {
                Shape::Report => text::figures_table(rng, ctx.year),
                Shape::Standards => text::standards_table(rng, ctx),
                _ => text::tasks_table(rng, ctx),
            };
            body.push_str(&table);
            body.push('\n');
        }
        if body.len() - start >= target {
            break;
        }
    }
    while body.len() - start < target {
        body.push_str(&text::paragraph(rng, ctx));
        body.push_str("\n\n");
    }
    while body.ends_with('\n') {
        body.pop();
    }
}

/// The 9-digit organisation code of an agency (its 索引号 prefix).
pub fn agency_code(agency: usize) -> String {
    format!("113290{agency:03}")
}

/// A one-page PDF showing `line` (ASCII), with a correct cross-reference table.
pub fn pdf(line: &str) -> Vec<u8> {
    let stream = format!("BT /F1 14 Tf 72 770 Td ({line}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{body}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}
