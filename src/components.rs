//! Reusable pieces, one component per file.

pub mod capacity_editor;
pub mod case_card;
pub mod chronology_form;
pub mod classify_form;
pub mod comms_log;
pub mod decision_form;
pub mod factor_editor;
pub mod field;
pub mod genogram_svg;
pub mod history_chart;
pub mod lang_switch;
pub mod level_badge;
pub mod person_form;
pub mod radio_group;
pub mod relationship_form;
pub mod saved_note;
pub mod shell;
pub mod stepper;
pub mod sync_indicator;
pub mod task_list;
pub mod task_notes;
pub mod text_size;
pub mod update_banner;
pub mod voice_view;
