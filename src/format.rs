//! Dates and times in the worker's chosen language, through the browser's Intl.

use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate};
use js_sys::{Date, Object, Reflect};
use wasm_bindgen::JsValue;

fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en-GB",
        Lang::Cy => "cy-GB",
    }
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        // Setting a plain property on a fresh object cannot fail.
        let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_CY: [&str; 12] = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
];

/// "1 March 2017" / "1 Mawrth 2017". Spelled out here rather than by Intl, because a browser
/// without Welsh locale data would silently show the American English form.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let months = match lang {
        Lang::En => &MONTHS_EN,
        Lang::Cy => &MONTHS_CY,
    };
    format!("{} {} {}", d.day(), months[d.month0() as usize], d.year())
}

/// The time of day of a moment given in milliseconds since the epoch.
pub fn time(lang: Lang, ms: f64) -> String {
    Date::new(&JsValue::from_f64(ms))
        .to_locale_time_string_with_options(
            locale(lang),
            &options(&[
                ("hour", "2-digit"),
                ("minute", "2-digit"),
                ("hourCycle", "h23"),
            ]),
        )
        .into()
}

/// Today on this device's calendar.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The non-empty lines of a text typed one item per line (steps, objectives, triggers).
pub fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A date typed in a date field (YYYY-MM-DD), or `None` when empty or not a date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}
