//! The statistics page (`stats/`) and `stats/stats.json`: the figures of
//! [`crate::index::stats`] as tables and as inline SVG bar charts.

use super::svg::{bar_chart, Series, COLORS};
use super::{Job, Output, OutputFile, Shared};
use crate::config::url_map;
use crate::index::stats::{compute, Count, Stats};
use crate::model::BuildContext;
use serde::Serialize;

/// URL of the statistics page.
pub(crate) const STATS_URL: &str = url_map::STATS;

/// The page's bar charts, as inline SVG.
#[derive(Serialize)]
struct Charts {
    rule: String,
    normative: String,
    agency: String,
    category: String,
}

/// What `stats.html` sees besides the values every page gets.
#[derive(Serialize)]
struct StatsValues<'a> {
    stats: &'a Stats,
    charts: Charts,
    json_url: String,
}

fn series(s: &Shared<'_>, keys: &[&str]) -> Vec<Series> {
    keys.iter()
        .zip(COLORS)
        .map(|(k, color)| Series {
            name: s.t[k].to_string(),
            color,
        })
        .collect()
}

fn count_chart(s: &Shared<'_>, id: &str, title: &str, counts: &[Count]) -> String {
    let rows: Vec<(String, Vec<usize>)> = counts
        .iter()
        .map(|c| (c.name.clone(), vec![c.count]))
        .collect();
    bar_chart(id, title, &series(s, &["stats_count"]), &rows)
}

fn page_job(s: &Shared<'_>, stats: &Stats) -> anyhow::Result<Job> {
    let year_series = series(s, &["stats_issued", "stats_ceased", "stats_in_force"]);
    let year_chart =
        |id: &str, title: &str, pick: fn(&crate::index::stats::YearStats) -> [usize; 3]| {
            let rows: Vec<(String, Vec<usize>)> = stats
                .by_year
                .iter()
                .map(|y| (y.year.to_string(), pick(y).to_vec()))
                .collect();
            bar_chart(id, title, &year_series, &rows)
        };
    let charts = Charts {
        rule: year_chart("chart-rule", s.t["class_rule"], |y| {
            [y.rule.issued, y.rule.ceased, y.rule.in_force]
        }),
        normative: year_chart("chart-normative", s.t["class_normative"], |y| {
            [y.normative.issued, y.normative.ceased, y.normative.in_force]
        }),
        agency: count_chart(s, "chart-agency", s.t["stats_by_agency"], &stats.by_agency),
        category: count_chart(
            s,
            "chart-category",
            s.t["stats_by_category"],
            &stats.by_category,
        ),
    };
    Ok(Job {
        template: "stats.html",
        out: url_map::page_file(STATS_URL),
        page: s.page(s.t["stats"], STATS_URL, STATS_URL, vec![s.crumb_home()]),
        values: serde_json::to_value(StatsValues {
            stats,
            charts,
            json_url: s.urls.path(url_map::STATS_JSON),
        })?,
    })
}

/// The page job and the JSON file, from one computation.
pub(super) fn render(
    s: &Shared<'_>,
    ctx: &BuildContext,
    output: &mut Output,
) -> anyhow::Result<Job> {
    let stats = compute(s.index, ctx.as_of);
    output.insert(
        url_map::STATS_JSON.into(),
        OutputFile::Bytes(serde_json::to_vec_pretty(&stats)?),
    );
    page_job(s, &stats)
}
