//! The server's clock. `homeward-core` never reads the time; the server passes it in from here.

use chrono::{Duration, NaiveDate, Utc};
use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// The latest date it is anywhere on Earth right now (UTC+14).
///
/// A tablet checks a date of birth against its own local date; the server must not refuse what
/// a device east of UTC rightly accepted, so it judges "in the future" by the latest date there is.
pub fn latest_today() -> NaiveDate {
    (Utc::now() + Duration::hours(14)).date_naive()
}

/// Today's date in UTC (for seeding relative dates).
pub fn utc_today() -> NaiveDate {
    Utc::now().date_naive()
}
