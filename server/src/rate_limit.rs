//! An in-memory limit on sign-in attempts per username. It lives in one process: behind a load
//! balancer each instance counts on its own, which still bounds guessing to a small multiple.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Keys kept before old ones are swept out.
const SWEEP_AT: usize = 10_000;

pub struct RateLimiter {
    max: usize,
    window: Duration,
    attempts: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(max: usize, window: Duration) -> RateLimiter {
        RateLimiter {
            max,
            window,
            attempts: Mutex::new(HashMap::new()),
        }
    }

    /// 10 attempts per username in 5 minutes.
    pub fn sign_in() -> RateLimiter {
        RateLimiter::new(10, Duration::from_secs(5 * 60))
    }

    /// Counts an attempt for `key`, or refuses it with how long to wait.
    pub fn attempt(&self, key: &str) -> Result<(), Duration> {
        self.attempt_at(key, Instant::now())
    }

    fn attempt_at(&self, key: &str, now: Instant) -> Result<(), Duration> {
        let mut map = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= SWEEP_AT {
            let window = self.window;
            map.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < window)
            });
        }
        let times = map.entry(key.to_string()).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            times.pop_front();
        }
        if times.len() >= self.max {
            let oldest = times.front().copied().unwrap_or(now);
            return Err(self.window.saturating_sub(now.duration_since(oldest)));
        }
        times.push_back(now);
        Ok(())
    }

    /// Forgets the attempts for `key` (after a successful sign-in).
    pub fn succeeded(&self, key: &str) {
        let mut map = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eleventh_attempt_in_the_window_is_refused_and_allowed_again_later() {
        let limiter = RateLimiter::new(10, Duration::from_secs(300));
        let start = Instant::now();
        for _ in 0..10 {
            assert!(limiter.attempt_at("ffion", start).is_ok());
        }
        let wait = limiter.attempt_at("ffion", start).unwrap_err();
        assert_eq!(wait, Duration::from_secs(300));
        assert!(limiter.attempt_at("dylan", start).is_ok());
        assert!(limiter
            .attempt_at("ffion", start + Duration::from_secs(301))
            .is_ok());
    }

    #[test]
    fn a_successful_sign_in_clears_the_count() {
        let limiter = RateLimiter::new(2, Duration::from_secs(300));
        let now = Instant::now();
        limiter.attempt_at("a", now).unwrap();
        limiter.attempt_at("a", now).unwrap();
        limiter.succeeded("a");
        assert!(limiter.attempt_at("a", now).is_ok());
    }
}
