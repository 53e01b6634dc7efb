//! State of the contactverzoeken list (in the Wachtrij pane): filter, search, selection, one
//! request with its logboek, and the small form that records a result.

use uuid::Uuid;

use crate::app::text_field::{Edit, TextField};
use crate::store::verzoeken::{Filter, LogRegel, RESULTATEN, VerzoekRegel};

pub mod jobs;
pub mod keys;
mod update;
pub use update::update;

/// What the contactverzoeken list is told: its keys, and what the store reported.
#[derive(Debug, Clone, PartialEq)]
pub enum VzMsg {
    /// Contactverzoeken list (Wachtrij pane).
    Up,
    Down,
    /// PgUp/PgDn/Home/End in the list.
    Lijst(crate::app::list_cursor::Move),
    Open,
    Afhandelen,
    Filter,
    Zoeken,
    Char(char),
    Backspace,
    /// Moving or deleting in the search or the toelichting (←/→ only in the search: in the
    /// result form they choose the result).
    Edit(Edit),
    Back,
    Cycle(bool),
    Save,
    Loaded {
        seq: u64,
        regels: Vec<crate::store::verzoeken::VerzoekRegel>,
    },
    DetailLoaded(
        Box<(
            crate::store::verzoeken::VerzoekRegel,
            Vec<crate::store::verzoeken::LogRegel>,
        )>,
    ),
    Afgehandeld(Uuid),
}

/// Longest toelichting when recording a result.
const MAX_TOELICHTING: usize = 500;
/// Longest search text.
const MAX_ZOEK: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Afhandelen {
    /// Index into `RESULTATEN`.
    pub resultaat: usize,
    pub toelichting: TextField,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verzoeken {
    pub filter: Filter,
    pub zoek: TextField,
    /// Typing goes into the search text.
    pub zoeken: bool,
    pub seq: u64,
    pub regels: Vec<VerzoekRegel>,
    pub selected: crate::app::list_cursor::ListCursor,
    pub detail: Option<(VerzoekRegel, Vec<LogRegel>)>,
    pub afhandelen: Option<Afhandelen>,
    /// 'a' was pressed in the list: start the result form once the request is on screen.
    pub afhandelen_na_laden: bool,
    pub bezig: bool,
}

/// What the list asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum VzEffect {
    Laad {
        seq: u64,
        filter: Filter,
        zoek: String,
    },
    Detail(Uuid),
    Afhandelen {
        id: Uuid,
        resultaat: usize,
        toelichting: String,
    },
}

impl Verzoeken {
    pub fn reload(&mut self) -> VzEffect {
        self.seq += 1;
        VzEffect::Laad {
            seq: self.seq,
            filter: self.filter,
            zoek: self.zoek.to_string(),
        }
    }

    pub fn loaded(&mut self, seq: u64, regels: Vec<VerzoekRegel>) {
        if seq != self.seq {
            return;
        }
        // A reload or a narrower search: the request chosen stays chosen while it is listed.
        let keep = self.selected.get(&self.regels).map(|r| r.id);
        self.regels = regels;
        self.selected.keep(keep, self.regels.iter().map(|r| r.id));
    }

    pub fn next_filter(&mut self, rol: crate::domain::Rol) -> VzEffect {
        self.filter = self.filter.next(rol);
        self.selected.reset();
        self.reload()
    }

    pub fn type_char(&mut self, c: char) -> Option<VzEffect> {
        if let Some(a) = self.afhandelen.as_mut() {
            a.toelichting.insert(c, MAX_TOELICHTING);
            return None;
        }
        if self.zoek.insert(c, MAX_ZOEK) {
            return Some(self.reload());
        }
        None
    }

    pub fn backspace(&mut self) -> Option<VzEffect> {
        if let Some(a) = self.afhandelen.as_mut() {
            a.toelichting.backspace();
            return None;
        }
        if !self.zoek.backspace() {
            return None;
        }
        Some(self.reload())
    }

    /// ←/→/Home/End/Delete/Ctrl-W in the toelichting, or else in the search (which then runs
    /// again when its text changed).
    pub fn edit(&mut self, e: Edit) -> Option<VzEffect> {
        if let Some(a) = self.afhandelen.as_mut() {
            a.toelichting.edit(e);
            return None;
        }
        if !self.zoek.edit(e) {
            return None;
        }
        Some(self.reload())
    }

    pub fn up(&mut self) {
        self.lijst(crate::app::list_cursor::Move::Up);
    }

    pub fn down(&mut self) {
        self.lijst(crate::app::list_cursor::Move::Down);
    }

    /// A move in the list (stops at its ends).
    pub fn lijst(&mut self, mv: crate::app::list_cursor::Move) {
        self.selected.apply(mv, self.regels.len());
    }

    pub fn open(&mut self) -> Option<VzEffect> {
        Some(VzEffect::Detail(self.selected.get(&self.regels)?.id))
    }

    /// 'a': record a result for the request on screen; from the list the request is opened
    /// first, so the form is never filled in unseen. Err: it is already handled.
    pub fn start_afhandelen(&mut self) -> Result<Option<VzEffect>, &'static str> {
        let Some(r) = self
            .detail
            .as_ref()
            .map(|d| &d.0)
            .or(self.selected.get(&self.regels))
        else {
            return Ok(None);
        };
        if r.status != "te_verwerken" {
            return Err("Dit contactverzoek is al verwerkt.");
        }
        if self.detail.is_some() {
            self.afhandelen = Some(Afhandelen::default());
            Ok(None)
        } else {
            self.afhandelen_na_laden = true;
            Ok(Some(VzEffect::Detail(r.id)))
        }
    }

    /// The request is on screen; start the result form if 'a' asked for it.
    pub fn detail_loaded(&mut self, d: (VerzoekRegel, Vec<LogRegel>)) {
        if std::mem::take(&mut self.afhandelen_na_laden) && d.0.status == "te_verwerken" {
            self.afhandelen = Some(Afhandelen::default());
        }
        self.detail = Some(d);
    }

    pub fn option(&mut self, forward: bool) {
        if let Some(a) = self.afhandelen.as_mut() {
            let n = RESULTATEN.len();
            a.resultaat = if forward {
                (a.resultaat + 1) % n
            } else {
                (a.resultaat + n - 1) % n
            };
        }
    }

    pub fn submit(&mut self) -> Option<VzEffect> {
        let a = self.afhandelen.as_ref()?;
        let id = self
            .detail
            .as_ref()
            .map(|d| d.0.id)
            .or(self.selected.get(&self.regels).map(|r| r.id))?;
        self.bezig = true;
        Some(VzEffect::Afhandelen {
            id,
            resultaat: a.resultaat,
            toelichting: a.toelichting.to_string(),
        })
    }

    /// Esc: close the result form, then the detail, then the search.
    pub fn back(&mut self) -> Option<VzEffect> {
        if self.afhandelen.take().is_some() {
            return None;
        }
        if self.detail.take().is_some() {
            return None;
        }
        if self.zoeken || !self.zoek.is_empty() {
            self.zoeken = false;
            if !self.zoek.is_empty() {
                self.zoek.clear();
                return Some(self.reload());
            }
        }
        None
    }

    pub fn afgehandeld(&mut self, id: Uuid) -> Vec<VzEffect> {
        self.bezig = false;
        self.afhandelen = None;
        let mut effects = vec![self.reload()];
        if self.detail.as_ref().is_some_and(|d| d.0.id == id) {
            effects.push(VzEffect::Detail(id));
        }
        effects
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn regel(status: &str) -> VerzoekRegel {
        VerzoekRegel {
            id: Uuid::now_v7(),
            aangemaakt_op: Utc::now(),
            uiterlijk_op: Utc::now(),
            klant: Some("Jan de Vries".into()),
            telefoon: Some("0612345678".into()),
            email: None,
            aan: "Burgerzaken".into(),
            handeling: "Terugbellen".into(),
            toelichting: "Bellen".into(),
            status: status.into(),
            resultaat: None,
        }
    }

    #[test]
    fn stale_lists_are_dropped_and_the_selection_follows_its_row() {
        let mut v = Verzoeken::default();
        let first = v.reload();
        let VzEffect::Laad { seq: old, .. } = first else {
            panic!()
        };
        let rows = vec![regel("te_verwerken"), regel("te_verwerken")];
        let VzEffect::Laad { seq, .. } = v.reload() else {
            panic!()
        };
        v.loaded(old, vec![regel("verwerkt")]);
        assert!(v.regels.is_empty(), "old answer dropped");
        v.loaded(seq, rows.clone());
        v.down();
        let VzEffect::Laad { seq, .. } = v.reload() else {
            panic!()
        };
        v.loaded(seq, vec![regel("te_verwerken"), rows[1].clone()]);
        assert_eq!(v.regels[v.selected.index()].id, rows[1].id);
    }

    #[test]
    fn a_result_is_recorded_for_the_open_request_only() {
        let mut v = Verzoeken::default();
        let VzEffect::Laad { seq, .. } = v.reload() else {
            panic!()
        };
        v.loaded(seq, vec![regel("verwerkt")]);
        assert!(v.start_afhandelen().is_err(), "already handled");
        assert!(v.afhandelen.is_none());
        let VzEffect::Laad { seq, .. } = v.reload() else {
            panic!()
        };
        let open = regel("te_verwerken");
        v.loaded(seq, vec![open.clone()]);
        // From the list, 'a' opens the request first; the form starts once it is shown.
        assert_eq!(v.start_afhandelen(), Ok(Some(VzEffect::Detail(open.id))));
        assert!(v.afhandelen.is_none());
        v.detail_loaded((open.clone(), Vec::new()));
        assert!(v.afhandelen.is_some());
        v.option(true);
        for c in "voicemail ingesproken".chars() {
            v.type_char(c);
        }
        let effect = v.submit();
        assert_eq!(
            effect,
            Some(VzEffect::Afhandelen {
                id: open.id,
                resultaat: 1,
                toelichting: "voicemail ingesproken".into()
            })
        );
        let effects = v.afgehandeld(open.id);
        assert!(v.afhandelen.is_none() && !v.bezig);
        assert!(matches!(effects[0], VzEffect::Laad { .. }));
    }
}
