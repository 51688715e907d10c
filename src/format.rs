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

/// "1 March 2017" / "1 Mawrth 2017".
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let js = Date::new_with_year_month_day(d.year() as u32, d.month0() as i32, d.day() as i32);
    js.to_locale_date_string(
        locale(lang),
        &options(&[("day", "numeric"), ("month", "long"), ("year", "numeric")]),
    )
    .into()
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
