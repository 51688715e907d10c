//! One file per screen.

pub mod case_detail;
pub mod case_list;
pub mod case_new;
pub mod needs_review;
pub mod sign_in;
