//! One file per screen.

pub mod assessment;
pub mod case_detail;
pub mod case_list;
pub mod case_new;
pub mod child_mode;
pub mod child_voice_note;
pub mod choose_pin;
pub mod chronology;
pub mod classification;
pub mod genogram;
pub mod locked;
pub mod needs_review;
pub mod report;
pub mod settings;
pub mod sign_in;
// Stage 3: agreements, team, reviews.
pub mod agreement;
pub mod agreement_parents;
pub mod goal_reviews;
pub mod team;
// Stages 4 and 5, sign-off queue.
pub mod reclassify;
pub mod return_home;
pub mod sign_off_case;
pub mod sign_off_queue;
