//! Hybrid logical clock stamps for outbox entries: wall-clock milliseconds plus a counter, so that
//! stamps from one desk always increase even when the clock stands still or steps back.
//! Text form `{millis:013}-{counter:05}-{desk}` sorts in stamp order.

use chrono::{DateTime, Utc};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Hlc {
    millis: i64,
    counter: u32,
}

impl Hlc {
    /// Continue after the last stamp this desk wrote (as stored in the outbox).
    pub fn resume(last: Option<&str>) -> Hlc {
        let parsed = last.and_then(|s| {
            let mut parts = s.splitn(3, '-');
            let millis = parts.next()?.parse().ok()?;
            let counter = parts.next()?.parse().ok()?;
            Some(Hlc { millis, counter })
        });
        parsed.unwrap_or_default()
    }

    /// Take in a stamp seen from another desk: later stamps of this desk come after it.
    pub fn observe(&mut self, stamp: &str) {
        let seen = Hlc::resume(Some(stamp));
        if (seen.millis, seen.counter) > (self.millis, self.counter) {
            self.millis = seen.millis;
            self.counter = seen.counter;
        }
    }

    /// The next stamp at wall-clock time `now`.
    pub fn tick(&mut self, now: DateTime<Utc>, desk: Uuid) -> String {
        let wall = now.timestamp_millis();
        if wall > self.millis {
            self.millis = wall;
            self.counter = 0;
        } else {
            self.counter += 1;
        }
        format!("{:013}-{:05}-{}", self.millis, self.counter, desk.simple())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn stamps_increase_even_when_the_clock_steps_back() {
        let desk = Uuid::nil();
        let mut h = Hlc::default();
        let t1 = Utc.timestamp_millis_opt(1_700_000_000_000).unwrap();
        let t0 = Utc.timestamp_millis_opt(1_600_000_000_000).unwrap();
        let a = h.tick(t1, desk);
        let b = h.tick(t1, desk);
        let c = h.tick(t0, desk);
        assert!(a < b && b < c, "{a} {b} {c}");
        let mut resumed = Hlc::resume(Some(&c));
        let d = resumed.tick(t0, desk);
        assert!(c < d, "{c} {d}");
        // A stamp from a desk whose clock runs ahead: this desk's next stamp still comes after.
        let ander = Utc.timestamp_millis_opt(1_800_000_000_000).unwrap();
        let e = Hlc::default().tick(ander, Uuid::from_u128(7));
        resumed.observe(&e);
        let f = resumed.tick(t0, desk);
        assert!(e < f, "{e} {f}");
    }
}
