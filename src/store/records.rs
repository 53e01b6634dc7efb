//! The one write path for records that sync: every such type implements [`SyncRecord`] and is
//! written with [`super::Store::save`], which also appends its outbox entry.

use rusqlite::types::Value;
use serde::Serialize;

use crate::domain::{Medewerker, RecordMeta};

/// A record type that syncs. `COLUMNS` lists the table columns after the five meta columns, in the
/// order `values` returns them.
pub trait SyncRecord: Serialize {
    const TABLE: &'static str;
    const COLUMNS: &'static [&'static str];
    fn meta(&self) -> &RecordMeta;
    fn meta_mut(&mut self) -> &mut RecordMeta;
    fn values(&self) -> Vec<Value>;
}

fn opt_text(v: &Option<String>) -> Value {
    v.clone().map_or(Value::Null, Value::Text)
}

impl SyncRecord for Medewerker {
    const TABLE: &'static str = "medewerker";
    const COLUMNS: &'static [&'static str] = &[
        "naam",
        "rol",
        "functie",
        "afdeling_id",
        "aanwezigheid",
        "telefoon",
    ];
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Text(self.naam.clone()),
            Value::Text(self.rol.as_str().into()),
            Value::Text(self.functie.clone()),
            self.afdeling_id
                .map_or(Value::Null, |id| Value::Text(id.to_string())),
            Value::Text(self.aanwezigheid.as_str().into()),
            opt_text(&self.telefoon),
        ]
    }
}
