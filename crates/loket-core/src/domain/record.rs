//! Identity and bookkeeping shared by every record that syncs between desks.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The columns every synced row carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordMeta {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub desk_id: Uuid,
    pub deleted: bool,
}

impl RecordMeta {
    /// Metadata for a new record created now at `desk_id` (UUID v7 key).
    pub fn new(now: DateTime<Utc>, desk_id: Uuid) -> RecordMeta {
        RecordMeta {
            id: Uuid::now_v7(),
            created_at: now,
            updated_at: now,
            desk_id,
            deleted: false,
        }
    }
}
