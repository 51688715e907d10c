//! Hybrid logical clock: orders edits made on different devices without trusting their clocks.
//!
//! An [`Hlc`] is physical milliseconds, a counter for events in the same millisecond, and the id
//! of the node that made it (so two devices never produce equal stamps). Its string form sorts in
//! the same order as the value, so a database can compare stamps as text.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A hybrid logical clock stamp. Ordering is by wall time, then counter, then node.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    /// Milliseconds since the Unix epoch, as far as the clock that made the stamp knew.
    pub wall_ms: u64,
    /// Events within the same millisecond.
    pub counter: u32,
    /// The device (or server) that made the stamp; breaks ties between devices.
    pub node: String,
}

/// Why a string is not an HLC stamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HlcError {
    #[error("a clock stamp has three parts separated by '-': time, counter and device")]
    Shape,
    #[error("the time part of a clock stamp must be 15 digits")]
    Wall,
    #[error("the counter part of a clock stamp must be 6 digits")]
    Counter,
    #[error("the device part of a clock stamp must be 1 to 64 letters, digits or '_'")]
    Node,
}

/// The largest wall time we accept: 15 decimal digits keep the text form sortable.
pub const MAX_WALL_MS: u64 = 999_999_999_999_999;
const MAX_COUNTER: u32 = 999_999;

impl Hlc {
    /// The zero stamp of a node: earlier than anything it will ever make.
    ///
    /// ```
    /// # use homeward_core::Hlc;
    /// let z = Hlc::zero("dev1");
    /// assert!(z < z.tick(1));
    /// ```
    pub fn zero(node: &str) -> Hlc {
        Hlc {
            wall_ms: 0,
            counter: 0,
            node: node.to_string(),
        }
    }

    /// The stamp for a new local event, given the local clock reading `now_ms`.
    /// Always later than `self`, even if the clock went backwards.
    pub fn tick(&self, now_ms: u64) -> Hlc {
        let now_ms = now_ms.min(MAX_WALL_MS);
        if now_ms > self.wall_ms {
            Hlc {
                wall_ms: now_ms,
                counter: 0,
                node: self.node.clone(),
            }
        } else {
            self.bump(self.wall_ms, self.counter)
        }
    }

    /// The local stamp after seeing `remote` (from a pull), so later local edits sort after it.
    pub fn receive(&self, remote: &Hlc, now_ms: u64) -> Hlc {
        let now_ms = now_ms.min(MAX_WALL_MS);
        let wall = now_ms.max(self.wall_ms).max(remote.wall_ms);
        if wall == now_ms && wall > self.wall_ms && wall > remote.wall_ms {
            return Hlc {
                wall_ms: wall,
                counter: 0,
                node: self.node.clone(),
            };
        }
        let counter = match (wall == self.wall_ms, wall == remote.wall_ms) {
            (true, true) => self.counter.max(remote.counter),
            (true, false) => self.counter,
            (false, true) => remote.counter,
            (false, false) => 0,
        };
        self.bump(wall, counter)
    }

    fn bump(&self, wall: u64, counter: u32) -> Hlc {
        if counter >= MAX_COUNTER {
            // A million events in one millisecond: borrow the next millisecond rather than wrap.
            Hlc {
                wall_ms: (wall + 1).min(MAX_WALL_MS),
                counter: 0,
                node: self.node.clone(),
            }
        } else {
            Hlc {
                wall_ms: wall,
                counter: counter + 1,
                node: self.node.clone(),
            }
        }
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}-{:06}-{}", self.wall_ms, self.counter, self.node)
    }
}

fn valid_node(node: &str) -> bool {
    !node.is_empty()
        && node.len() <= 64
        && node.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl FromStr for Hlc {
    type Err = HlcError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.splitn(3, '-');
        let (Some(wall), Some(counter), Some(node)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(HlcError::Shape);
        };
        if wall.len() != 15 || !wall.bytes().all(|b| b.is_ascii_digit()) {
            return Err(HlcError::Wall);
        }
        if counter.len() != 6 || !counter.bytes().all(|b| b.is_ascii_digit()) {
            return Err(HlcError::Counter);
        }
        if !valid_node(node) {
            return Err(HlcError::Node);
        }
        Ok(Hlc {
            wall_ms: wall.parse().map_err(|_| HlcError::Wall)?,
            counter: counter.parse().map_err(|_| HlcError::Counter)?,
            node: node.to_string(),
        })
    }
}

impl Serialize for Hlc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn arb_hlc() -> impl Strategy<Value = Hlc> {
        (0..=MAX_WALL_MS, 0..=MAX_COUNTER, "[a-z0-9_]{1,12}").prop_map(|(w, c, n)| Hlc {
            wall_ms: w,
            counter: c,
            node: n,
        })
    }

    #[test]
    fn a_stamp_made_when_the_clock_went_backwards_still_sorts_later() {
        let a = Hlc::zero("tab1").tick(10_000);
        let b = a.tick(5_000);
        assert!(b > a);
    }

    #[test]
    fn a_stamp_that_is_not_three_parts_is_refused_with_a_reason() {
        assert_eq!("12".parse::<Hlc>(), Err(HlcError::Shape));
        assert_eq!(
            "000000000000001-000000-bad node".parse::<Hlc>(),
            Err(HlcError::Node)
        );
    }

    proptest! {
        #[test]
        fn text_form_sorts_like_the_stamp(a in arb_hlc(), b in arb_hlc()) {
            prop_assert_eq!(a.cmp(&b), a.to_string().cmp(&b.to_string()));
        }

        #[test]
        fn text_form_round_trips(a in arb_hlc()) {
            prop_assert_eq!(a.to_string().parse::<Hlc>(), Ok(a.clone()));
            let json = serde_json::to_string(&a).unwrap();
            prop_assert_eq!(serde_json::from_str::<Hlc>(&json).unwrap(), a);
        }

        #[test]
        fn tick_is_always_later(a in arb_hlc(), now in 0..=MAX_WALL_MS) {
            prop_assume!(a.wall_ms < MAX_WALL_MS || a.counter < MAX_COUNTER);
            prop_assert!(a.tick(now) > a);
        }

        #[test]
        fn receive_is_later_than_both(a in arb_hlc(), b in arb_hlc(), now in 0..=MAX_WALL_MS) {
            prop_assume!(a.wall_ms < MAX_WALL_MS && b.wall_ms < MAX_WALL_MS);
            let r = a.receive(&b, now);
            prop_assert!(r > a);
            prop_assert!((r.wall_ms, r.counter) > (b.wall_ms, b.counter));
        }
    }
}
