//! The desk's clock, corrected by how far it is off from the shared database's clock (measured
//! by the sync task on each round). Without sync the correction is zero.
//!
//! `LOKET_KLOK_SCHEEF_MS` makes the desk's own clock run that many milliseconds off, to try (and
//! test) a desk whose clock is wrong; the correction from the server then puts it right.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, Utc};

static AFWIJKING_MS: AtomicI64 = AtomicI64::new(0);

fn scheef_ms() -> i64 {
    static SCHEEF: OnceLock<i64> = OnceLock::new();
    *SCHEEF.get_or_init(|| {
        std::env::var("LOKET_KLOK_SCHEEF_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    })
}

/// The desk's own clock (wrong by `LOKET_KLOK_SCHEEF_MS` when set).
pub fn eigen() -> DateTime<Utc> {
    Utc::now() + Duration::milliseconds(scheef_ms())
}

/// Now, by the server's clock when known.
pub fn nu() -> DateTime<Utc> {
    eigen() + Duration::milliseconds(AFWIJKING_MS.load(Ordering::Relaxed))
}

/// The server's clock minus this desk's, in milliseconds.
pub fn zet_afwijking(ms: i64) {
    AFWIJKING_MS.store(ms, Ordering::Relaxed);
}

pub fn afwijking_ms() -> i64 {
    AFWIJKING_MS.load(Ordering::Relaxed)
}
