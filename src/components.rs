//! Reusable pieces, one component per file.

pub mod case_card;
pub mod field;
pub mod lang_switch;
pub mod shell;
pub mod sync_indicator;
pub mod text_size;
pub mod update_banner;
