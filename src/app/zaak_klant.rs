//! State of the Zaak/Klant pane: the one search field, its hits, the klantbeeld and the zaak.
//! Searching, opening and revealing are effects; their results come back as actions.

use uuid::Uuid;

use crate::domain::klant::Klantbeeld;
use crate::domain::zaak::ZaakDetail;
use crate::domain::zoekvraag::{self, Zoekvraag};
use crate::store::lookup::Treffer;

/// Longest search text accepted.
const MAX_ZOEK: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The search field and its hits.
    #[default]
    Zoeken,
    Klant,
    Zaak,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ZaakKlant {
    pub query: String,
    /// Typed keys go into the search field.
    pub input_active: bool,
    /// Number of the newest search sent; older answers are dropped.
    pub seq: u64,
    /// The search the hits belong to, 0 for none yet.
    pub shown_seq: u64,
    pub treffers: Vec<Treffer>,
    pub selected: usize,
    /// A message instead of hits ("Geen geldig BSN", "Niets gevonden").
    pub melding: Option<String>,
    pub view: View,
    pub klant: Option<Klantbeeld>,
    /// Position in the klant's zaken list.
    pub zaak_index: usize,
    /// The BSN is shown (after its audit entry was written).
    pub bsn_zichtbaar: bool,
    pub zaak: Option<ZaakDetail>,
    /// Waiting for a klant or zaak to load.
    pub laden: bool,
}

/// What the pane asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum ZkEffect {
    Zoek { seq: u64, vraag: Zoekvraag },
    OpenKlant(Uuid),
    ToonBsn(Uuid),
    OpenZaak(Uuid),
}

impl ZaakKlant {
    fn search(&mut self) -> Option<ZkEffect> {
        let vraag = zoekvraag::herken(&self.query);
        self.selected = 0;
        match &vraag {
            Zoekvraag::Leeg => {
                self.treffers.clear();
                self.melding = None;
                self.shown_seq = self.seq;
                None
            }
            Zoekvraag::OngeldigBsn(n) => {
                self.treffers.clear();
                self.shown_seq = self.seq;
                self.melding = Some(format!(
                    "{n} is geen geldig BSN (voldoet niet aan de elfproef). Controleer het nummer."
                ));
                None
            }
            _ => {
                self.seq += 1;
                Some(ZkEffect::Zoek {
                    seq: self.seq,
                    vraag,
                })
            }
        }
    }

    pub fn type_char(&mut self, c: char) -> Option<ZkEffect> {
        if self.query.chars().count() >= MAX_ZOEK || c.is_control() {
            return None;
        }
        self.query.push(c);
        self.search()
    }

    pub fn backspace(&mut self) -> Option<ZkEffect> {
        self.query.pop()?;
        self.search()
    }

    pub fn clear(&mut self) {
        self.query.clear();
        self.treffers.clear();
        self.melding = None;
        self.selected = 0;
        self.seq += 1;
        self.shown_seq = self.seq;
    }

    /// Hits arrived for search `seq`. Returns an effect when a single hit should open at once.
    pub fn hits(&mut self, seq: u64, treffers: Vec<Treffer>) -> Option<ZkEffect> {
        if seq != self.seq {
            return None; // an answer to an older query: typing went on
        }
        self.shown_seq = seq;
        self.selected = 0;
        self.melding = treffers
            .is_empty()
            .then(|| format!("Niets gevonden voor \"{}\".", self.query.trim()));
        self.treffers = treffers;
        // A complete, unique identifier opens directly; names and partial numbers wait for Enter.
        let complete = match zoekvraag::herken(&self.query) {
            Zoekvraag::Bsn(_) | Zoekvraag::Vestigingsnummer(_) | Zoekvraag::Email(_) => true,
            // Only the full form ZAAK-2026-0001234; last digits may still be typed on.
            Zoekvraag::Zaaknummer(n) => n.len() >= 17,
            _ => false,
        };
        if complete && self.treffers.len() == 1 {
            return self.open_selected();
        }
        None
    }

    pub fn up(&mut self) {
        match self.view {
            View::Zoeken => self.selected = self.selected.saturating_sub(1),
            View::Klant => self.zaak_index = self.zaak_index.saturating_sub(1),
            View::Zaak => {}
        }
    }

    pub fn down(&mut self) {
        match self.view {
            View::Zoeken => {
                if self.selected + 1 < self.treffers.len() {
                    self.selected += 1;
                }
            }
            View::Klant => {
                let n = self.klant.as_ref().map_or(0, |k| k.zaken.len());
                if self.zaak_index + 1 < n {
                    self.zaak_index += 1;
                }
            }
            View::Zaak => {}
        }
    }

    /// Enter: open the selected hit, or the selected zaak of the klantbeeld.
    pub fn open_selected(&mut self) -> Option<ZkEffect> {
        let effect = match self.view {
            View::Zoeken => match self.treffers.get(self.selected)? {
                Treffer::Klant(k) => ZkEffect::OpenKlant(k.id),
                Treffer::Zaak(z) => ZkEffect::OpenZaak(z.id),
            },
            View::Klant => ZkEffect::OpenZaak(self.klant.as_ref()?.zaken.get(self.zaak_index)?.id),
            View::Zaak => return None,
        };
        self.laden = true;
        Some(effect)
    }

    /// 'k' in a zaak: open the aanvrager's klantbeeld.
    pub fn open_aanvrager(&mut self) -> Option<ZkEffect> {
        let id = self.zaak.as_ref()?.aanvrager_id?;
        self.laden = true;
        Some(ZkEffect::OpenKlant(id))
    }

    pub fn klant_loaded(&mut self, k: Klantbeeld) {
        self.laden = false;
        self.bsn_zichtbaar = false;
        self.zaak_index = 0;
        self.klant = Some(k);
        self.zaak = None;
        self.view = View::Klant;
        self.input_active = false;
    }

    pub fn zaak_loaded(&mut self, z: ZaakDetail) {
        self.laden = false;
        self.zaak = Some(z);
        self.view = View::Zaak;
        self.input_active = false;
    }

    /// 'b': reveal the BSN (logged first), or hide it again.
    pub fn toggle_bsn(&mut self) -> Option<ZkEffect> {
        if self.bsn_zichtbaar {
            self.bsn_zichtbaar = false;
            return None;
        }
        let k = self.klant.as_ref()?;
        k.bsn.as_ref()?;
        Some(ZkEffect::ToonBsn(k.id))
    }

    pub fn bsn_logged(&mut self, id: Uuid) {
        if self.klant.as_ref().is_some_and(|k| k.id == id) {
            self.bsn_zichtbaar = true;
        }
    }

    /// Esc: one step back (zaak -> klant -> hits -> clear the field -> leave the field).
    /// Returns true when the pane has nothing left to go back from.
    pub fn back(&mut self) -> bool {
        match self.view {
            View::Zaak if self.klant.is_some() => self.view = View::Klant,
            View::Zaak | View::Klant => {
                self.view = View::Zoeken;
                self.bsn_zichtbaar = false;
                self.input_active = true;
            }
            View::Zoeken if !self.query.is_empty() => self.clear(),
            View::Zoeken => {
                self.input_active = false;
                return true;
            }
        }
        false
    }

    /// '/': a new search, from wherever the pane is.
    pub fn new_search(&mut self) {
        self.view = View::Zoeken;
        self.bsn_zichtbaar = false;
        self.input_active = true;
        self.clear();
    }
}
