//! The device PIN and when the app locks.
//!
//! A tablet with case records about abused children will be lost or stolen, so the PIN must not be
//! one a finder guesses in five tries: at least six digits, and none of the patterns people pick
//! most (one digit repeated, a run up or down the keypad, a short group repeated). The PIN never
//! leaves the device; it only unwraps the device's data key.
//!
//! Time comes in as milliseconds since the epoch, like everywhere in core: nothing here reads a
//! clock.

use std::fmt;

/// Fewest digits a PIN may have.
pub const MIN_PIN_DIGITS: usize = 6;
/// Most digits a PIN may have (longer is not safer to type on a visit, and a cap keeps input sane).
pub const MAX_PIN_DIGITS: usize = 12;
/// Wrong PINs in a row after which the PIN-wrapped key is destroyed and the worker must sign in
/// online with their password.
pub const MAX_PIN_ATTEMPTS: u32 = 5;
/// PBKDF2-SHA256 rounds that turn a PIN into the key that wraps the data key (OWASP's 2023 figure).
pub const PBKDF2_ITERATIONS: u32 = 600_000;
// The security design's floor: lowering the rounds must not build.
const _: () = assert!(PBKDF2_ITERATIONS >= 600_000);

/// A PIN that passed every rule. Its digits are only readable through [`Pin::digits`], and it is
/// never printed by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Pin(String);

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(******)")
    }
}

/// Why a PIN is refused, each with words the worker can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    #[error("a PIN is digits only")]
    NotDigits,
    #[error("a PIN has at least {MIN_PIN_DIGITS} digits")]
    TooShort,
    #[error("a PIN has at most {MAX_PIN_DIGITS} digits")]
    TooLong,
    /// One digit repeated, a run like 123456 or 987654, or a short group repeated like 121212.
    #[error("this PIN is too easy to guess")]
    Trivial,
    #[error("the two PINs are not the same")]
    Mismatch,
}

impl Pin {
    /// A PIN from what was typed (spaces around it are ignored), or why it is refused.
    pub fn parse(typed: &str) -> Result<Pin, PinError> {
        let typed = typed.trim();
        if typed.is_empty() || !typed.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PinError::NotDigits);
        }
        if typed.len() < MIN_PIN_DIGITS {
            return Err(PinError::TooShort);
        }
        if typed.len() > MAX_PIN_DIGITS {
            return Err(PinError::TooLong);
        }
        if is_trivial(typed.as_bytes()) {
            return Err(PinError::Trivial);
        }
        Ok(Pin(typed.to_string()))
    }

    /// A new PIN typed twice: both must be the same, and the PIN must pass [`Pin::parse`].
    pub fn choose(first: &str, again: &str) -> Result<Pin, PinError> {
        let pin = Pin::parse(first)?;
        if first.trim() != again.trim() {
            return Err(PinError::Mismatch);
        }
        Ok(pin)
    }

    pub fn digits(&self) -> &str {
        &self.0
    }
}

/// Patterns a finder tries first.
fn is_trivial(d: &[u8]) -> bool {
    let steps: Vec<i16> = d
        .windows(2)
        .map(|w| i16::from(w[1]) - i16::from(w[0]))
        .collect();
    // A run up or down, wrapping round like 890123 (includes one digit repeated: step 0).
    let one_step = steps
        .iter()
        .all(|&s| s.rem_euclid(10) == steps[0].rem_euclid(10))
        && matches!(steps[0].rem_euclid(10), 0 | 1 | 9);
    // A group of up to three digits repeated: 121212, 123123, 100100.
    let repeated = (1..=3).any(|p| {
        d.len().is_multiple_of(p)
            && d.len() / p >= 2
            && d.iter().enumerate().all(|(i, &c)| c == d[i % p])
    });
    one_step || repeated || COMMON.contains(&std::str::from_utf8(d).unwrap_or(""))
}

/// Six-digit PINs near the top of published lists of leaked PINs that the rules above miss.
const COMMON: &[&str] = &[
    "112233", "123321", "159753", "111222", "121314", "654123", "123654", "147258", "258369",
    "101112", "102030", "131313", "147852", "159357", "696969", "110011", "001100", "999000",
    "000999", "123789", "789456", "456789", "111000", "000111", "142536", "314159", "246810",
];

/// When the app locks itself: after a stretch with no touch or key, and when it has been hidden
/// (another app, the screen off) for longer than a short grace period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockPolicy {
    pub idle_ms: u64,
    pub hidden_grace_ms: u64,
}

/// Idle times the worker may choose, in minutes; the first that is 5 is the default.
pub const IDLE_CHOICES_MINUTES: [u64; 5] = [1, 2, 5, 10, 15];
pub const DEFAULT_IDLE_MINUTES: u64 = 5;
/// Long enough to glance at a message or take a call's first seconds, short enough that a
/// tablet left in a car park is locked.
pub const HIDDEN_GRACE_MS: u64 = 30_000;

impl Default for LockPolicy {
    fn default() -> Self {
        LockPolicy::with_idle_minutes(DEFAULT_IDLE_MINUTES)
    }
}

impl LockPolicy {
    /// The policy with an idle time the worker chose; anything not offered falls back to the
    /// default rather than to "never".
    pub fn with_idle_minutes(minutes: u64) -> LockPolicy {
        let minutes = if IDLE_CHOICES_MINUTES.contains(&minutes) {
            minutes
        } else {
            DEFAULT_IDLE_MINUTES
        };
        LockPolicy {
            idle_ms: minutes * 60_000,
            hidden_grace_ms: HIDDEN_GRACE_MS,
        }
    }

    /// Locks after `idle_ms` without input.
    pub fn idle_expired(&self, last_input_ms: u64, now_ms: u64) -> bool {
        now_ms.saturating_sub(last_input_ms) >= self.idle_ms
    }

    /// Locks when the app comes back after being hidden longer than the grace period.
    pub fn hidden_expired(&self, hidden_since_ms: u64, now_ms: u64) -> bool {
        now_ms.saturating_sub(hidden_since_ms) > self.hidden_grace_ms
    }
}

/// What a wrong PIN leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrongPin {
    /// Try again; this many tries are left.
    TriesLeft(u32),
    /// The PIN-wrapped key must be destroyed now: sign in online with the password.
    Exhausted,
}

/// The consequence of the `failed`-th wrong PIN in a row (counting from 1).
pub fn after_wrong_pin(failed: u32) -> WrongPin {
    if failed >= MAX_PIN_ATTEMPTS {
        WrongPin::Exhausted
    } else {
        WrongPin::TriesLeft(MAX_PIN_ATTEMPTS - failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case("000000")]
    #[case("111111")]
    #[case("123456")]
    #[case("654321")]
    #[case("012345")]
    #[case("890123")]
    #[case("121212")]
    #[case("123123")]
    #[case("112233")]
    #[case("1234567890")]
    #[case("9999999")]
    fn a_trivial_pin_is_refused_with_a_clear_reason(#[case] typed: &str) {
        assert_eq!(Pin::parse(typed), Err(PinError::Trivial));
        assert_eq!(
            PinError::Trivial.to_string(),
            "this PIN is too easy to guess"
        );
    }

    #[rstest]
    #[case("12345", PinError::TooShort)]
    #[case("", PinError::NotDigits)]
    #[case("12a456", PinError::NotDigits)]
    #[case("١٢٣٤٥٦", PinError::NotDigits)]
    #[case("1234567890123", PinError::TooLong)]
    fn a_pin_that_is_not_six_to_twelve_digits_is_refused(
        #[case] typed: &str,
        #[case] why: PinError,
    ) {
        assert_eq!(Pin::parse(typed), Err(why));
    }

    #[rstest]
    #[case("402817")]
    #[case("  402817 ")]
    #[case("90210455")]
    #[case("135792")]
    fn an_ordinary_pin_of_six_digits_or_more_is_accepted(#[case] typed: &str) {
        assert_eq!(Pin::parse(typed).unwrap().digits(), typed.trim());
    }

    #[test]
    fn a_new_pin_must_be_typed_the_same_twice() {
        assert_eq!(Pin::choose("402817", "402871"), Err(PinError::Mismatch));
        assert!(Pin::choose("402817", "402817").is_ok());
        // The PIN's own fault is reported first: retyping a trivial PIN does not make it fine.
        assert_eq!(Pin::choose("123456", "123456"), Err(PinError::Trivial));
    }

    #[test]
    fn a_pin_is_never_printed() {
        let pin = Pin::parse("402817").unwrap();
        assert!(!format!("{pin:?}").contains("402817"));
    }

    #[test]
    fn the_fifth_wrong_pin_destroys_the_key_and_the_fourth_leaves_one_try() {
        assert_eq!(after_wrong_pin(1), WrongPin::TriesLeft(4));
        assert_eq!(after_wrong_pin(4), WrongPin::TriesLeft(1));
        assert_eq!(after_wrong_pin(5), WrongPin::Exhausted);
        assert_eq!(after_wrong_pin(6), WrongPin::Exhausted);
    }

    #[test]
    fn the_app_locks_after_five_idle_minutes_by_default() {
        let p = LockPolicy::default();
        assert!(!p.idle_expired(0, 5 * 60_000 - 1));
        assert!(p.idle_expired(0, 5 * 60_000));
    }

    #[test]
    fn an_idle_time_that_is_not_offered_falls_back_to_five_minutes_not_never() {
        assert_eq!(LockPolicy::with_idle_minutes(0), LockPolicy::default());
        assert_eq!(LockPolicy::with_idle_minutes(10_000), LockPolicy::default());
        assert_eq!(LockPolicy::with_idle_minutes(1).idle_ms, 60_000);
    }

    #[test]
    fn a_glance_at_another_app_does_not_lock_but_half_a_minute_away_does() {
        let p = LockPolicy::default();
        assert!(!p.hidden_expired(1_000, 1_000 + HIDDEN_GRACE_MS));
        assert!(p.hidden_expired(1_000, 1_000 + HIDDEN_GRACE_MS + 1));
    }

    proptest! {
        #[test]
        fn every_accepted_pin_is_six_to_twelve_digits(s in "\\PC{0,16}") {
            if let Ok(pin) = Pin::parse(&s) {
                prop_assert!(pin.digits().len() >= MIN_PIN_DIGITS);
                prop_assert!(pin.digits().len() <= MAX_PIN_DIGITS);
                prop_assert!(pin.digits().bytes().all(|b| b.is_ascii_digit()));
            }
        }

        #[test]
        fn a_digit_repeated_is_never_accepted(d in 0u8..10, n in MIN_PIN_DIGITS..=MAX_PIN_DIGITS) {
            let s: String = std::iter::repeat_n(char::from(b'0' + d), n).collect();
            prop_assert_eq!(Pin::parse(&s), Err(PinError::Trivial));
        }

        #[test]
        fn a_run_up_the_keypad_is_never_accepted(start in 0u8..10, n in MIN_PIN_DIGITS..=10usize) {
            let s: String = (0..n).map(|i| char::from(b'0' + (start + i as u8) % 10)).collect();
            prop_assert_eq!(Pin::parse(&s), Err(PinError::Trivial));
        }
    }
}
