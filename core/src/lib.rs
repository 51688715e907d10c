//! `homeward-core`: the Reunification Practice Framework as plain data and pure rules.
//!
//! This crate does no IO and never reads the clock: today's date, the current time, ids and the
//! current user are always arguments, so every rule can be tested with fixed inputs and gives the
//! same answer on the tablet (wasm32) and on the server.
//!
//! The framework's rules live here, one module per concept: [`stages`] (the five stages and
//! their tasks), [`genogram`], [`chronology`] (with [`partial_date`]), [`factors`] (Annex 1),
//! [`capacity`], [`voice`] (with [`attachment`]), [`classification`] (the traffic-light table), [`movement`] (when a
//! case may step down, close or must escalate), [`reclassification`] (Stage 4 outcomes),
//! [`signoff`] and [`decisions`] (manager sign-off, communications), [`smart`] and [`agreement`]
//! (written agreements), [`team`] (team around the family, services, contingency plan),
//! [`review`], [`support`] (relationship-based support), [`reunification`] (the plan, the
//! gradual return, intervals after it), and [`practice`] (a whole case file).

pub mod agreement;
pub mod api;
pub mod attachment;
pub mod capacity;
pub mod case;
pub mod chronology;
pub mod classification;
pub mod decisions;
pub mod entities;
pub mod factors;
pub mod genogram;
pub mod hlc;
pub mod movement;
pub mod partial_date;
pub mod pin;
pub mod practice;
pub mod reclassification;
pub mod record;
pub mod reunification;
pub mod review;
pub mod signoff;
pub mod smart;
pub mod stages;
pub mod summary;
pub mod support;
pub mod sync;
pub mod team;
pub mod voice;

pub use hlc::Hlc;
