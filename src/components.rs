//! Reusable pieces, one component per file.

pub mod case_card;
pub mod field;
pub mod lang_switch;
pub mod shell;
pub mod sync_indicator;
