//! The daily chart's geometry: chats received as bars on the left axis, the response
//! rate as a line on the right axis (0–100 %). The template draws it as SVG.

use chrono::NaiveDate;

use super::indicators::Tally;
use crate::i18n::{self, Lang};

pub const WIDTH: i64 = 720;
pub const HEIGHT: i64 = 280;
pub const LEFT: i64 = 56;
pub const RIGHT: i64 = WIDTH - 56;
pub const TOP: i64 = 16;
pub const BOTTOM: i64 = HEIGHT - 48;

pub struct Bar {
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
    pub day: String,
    pub chats: i64,
}

pub struct Point {
    pub x: i64,
    pub y: i64,
    pub day: String,
    /// Percent (0–100).
    pub rate: f64,
}

pub struct Tick {
    pub at: i64,
    pub label: String,
    /// Every other date under the axis: left out on phones, where the labels are
    /// drawn larger and would touch.
    pub minor: bool,
}

pub struct Chart {
    pub bars: Vec<Bar>,
    pub points: Vec<Point>,
    /// `x,y x,y …` for the polyline.
    pub line: String,
    pub left_ticks: Vec<Tick>,
    pub right_ticks: Vec<Tick>,
    pub day_ticks: Vec<Tick>,
}

/// The top of the left axis: four equal steps of 1, 2 or 5 × 10ⁿ, so every tick is a
/// round whole number.
fn nice_ceiling(max: i64) -> i64 {
    let mut scale = 1;
    loop {
        for step in [1, 2, 5] {
            if 4 * step * scale >= max {
                return 4 * step * scale;
            }
        }
        scale *= 10;
    }
}

/// The chart of `days`, its labels written as `lang` writes dates and numbers
/// (`25/11` where days come first).
pub fn build(days: &[(NaiveDate, Tally)], lang: Lang) -> Chart {
    let n = i64::try_from(days.len()).unwrap_or(1).max(1);
    let slot = (RIGHT - LEFT) / n;
    let plot_height = BOTTOM - TOP;
    let ceiling = nice_ceiling(
        days.iter()
            .map(|(_, t)| t.chats_received)
            .max()
            .unwrap_or(0),
    );
    let y_of = |value: i64, max: i64| BOTTOM - value * plot_height / max.max(1);
    let mut bars = Vec::new();
    let mut points = Vec::new();
    for (i, (day, tally)) in (0_i64..).zip(days) {
        let x = LEFT + i * slot;
        let centre = x + slot / 2;
        let y = y_of(tally.chats_received, ceiling);
        let bar_width = (slot * 3 / 5).max(1);
        bars.push(Bar {
            x: centre - bar_width / 2,
            y,
            width: bar_width,
            height: BOTTOM - y,
            day: i18n::date(lang, *day),
            chats: tally.chats_received,
        });
        if let Some(rate) = tally.response_rate() {
            points.push(Point {
                x: centre,
                y: BOTTOM - (rate * plot_height as f64 / 100.0).round() as i64,
                day: i18n::date(lang, *day),
                rate,
            });
        }
    }
    let line = points
        .iter()
        .map(|p| format!("{},{}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ");
    let left_ticks = (0..=4)
        .map(|k| Tick {
            at: y_of(ceiling * k / 4, ceiling),
            label: i18n::integer(lang, ceiling * k / 4),
            minor: false,
        })
        .collect();
    let right_ticks = (0..=4)
        .map(|k| Tick {
            at: y_of(25 * k, 100),
            label: i18n::whole_percent(lang, 25 * k),
            minor: false,
        })
        .collect();
    // At most about eight dates under the axis, evenly spread.
    let every = (n + 7) / 8;
    let day_ticks = (0_i64..)
        .zip(days)
        .filter(|(i, _)| i % every == 0)
        .map(|(i, (day, _))| Tick {
            at: LEFT + i * slot + slot / 2,
            label: i18n::month_day(lang, *day),
            minor: (i / every) % 2 == 1,
        })
        .collect();
    Chart {
        bars,
        points,
        line,
        left_ticks,
        right_ticks,
        day_ticks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceilings_are_round() {
        assert_eq!(nice_ceiling(0), 4);
        assert_eq!(nice_ceiling(7), 8);
        assert_eq!(nice_ceiling(11), 20);
        assert_eq!(nice_ceiling(180), 200);
        assert_eq!(nice_ceiling(501), 800);
    }

    #[test]
    fn bars_and_rates_sit_inside_the_plot() {
        let day = |n| NaiveDate::from_ymd_opt(2026, 11, n).expect("date");
        let busy = Tally {
            chats_received: 8,
            replied_in_time: 4,
            ..Tally::default()
        };
        let chart = build(&[(day(1), busy), (day(2), Tally::default())], Lang::En);
        assert_eq!(chart.bars.len(), 2);
        assert_eq!(chart.bars[0].y, TOP);
        assert_eq!(chart.bars[1].height, 0);
        // No chats, no rate: the line skips the day rather than drawing a false 0 %.
        assert_eq!(chart.points.len(), 1);
        assert_eq!(chart.points[0].rate, 50.0);
        assert_eq!(chart.day_ticks[1].label, "02/11", "day first in English");
        assert_eq!(chart.points[0].y, BOTTOM - (BOTTOM - TOP) / 2);
        assert!(
            chart
                .bars
                .iter()
                .all(|b| b.x >= LEFT && b.x + b.width <= RIGHT)
        );
        assert_eq!(
            chart.right_ticks.last().map(|t| t.label.as_str()),
            Some("100%")
        );
    }
}
