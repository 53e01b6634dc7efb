//! The desk's clock, corrected by how far it is off from the shared database's clock (measured
//! by the sync task on each connection). Without sync the correction is zero.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, Utc};

static AFWIJKING_MS: AtomicI64 = AtomicI64::new(0);

/// Now, by the server's clock when known.
pub fn nu() -> DateTime<Utc> {
    Utc::now() + Duration::milliseconds(AFWIJKING_MS.load(Ordering::Relaxed))
}

/// The server's clock minus this desk's, in milliseconds.
pub fn zet_afwijking(ms: i64) {
    AFWIJKING_MS.store(ms, Ordering::Relaxed);
}

pub fn afwijking_ms() -> i64 {
    AFWIJKING_MS.load(Ordering::Relaxed)
}
