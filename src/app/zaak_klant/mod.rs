//! State of the Zaak/Klant pane: the one search field, its hits, the klantbeeld and the zaak.
//! Searching, opening and revealing are effects; their results come back as actions.

use uuid::Uuid;

use crate::app::list_cursor::{ListCursor, Move};
use crate::domain::klant::Klantbeeld;
use crate::domain::zaak::ZaakDetail;
use crate::domain::zoekvraag::{self, Zoekvraag};
use crate::store::lookup::Treffer;

pub mod jobs;
pub mod keys;
mod update;
pub mod view;
pub use update::update;

/// What the Zaak/klant pane is told: its keys (search, open, BSN, edit the klant's details), and what the store reported.
#[derive(Debug, Clone, PartialEq)]
pub enum ZkMsg {
    /// Moving or deleting in the klant form's field in focus.
    FormEdit(crate::app::text_field::Edit),
    /// Moving or deleting in the search field (←, →, Home, End, Delete, Ctrl-W).
    Edit(crate::app::text_field::Edit),
    /// Zaak/Klant pane.
    ZoekChar(char),
    ZoekBackspace,
    ZoekWissen,
    ZoekActiveren,
    /// A letter or digit typed where no text field is: search for it (Kennisbank when that
    /// pane has focus, else Zaak/Klant).
    ZoekStart(char),
    Up,
    Down,
    /// PgUp/PgDn (and Home/End outside the search field) in the hits or the klant's zaken.
    Lijst(crate::app::list_cursor::Move),
    Open,
    Back,
    BsnTonen,
    AanvragerOpenen,
    KlantWijzigen,
    KlantNieuw,
    AuditTonen,
    FormChar(char),
    FormBackspace,
    FormNext,
    FormPrev,
    FormEnter,
    FormSave,
    FormCancel,
    Zoekresultaat {
        seq: u64,
        treffers: Vec<crate::store::lookup::Treffer>,
    },
    KlantbeeldLoaded(Box<crate::domain::klant::Klantbeeld>),
    BsnVrijgegeven(Uuid),
    ZaakLoaded(Box<crate::domain::zaak::ZaakDetail>),
    NietGevonden(String),
    ContactGewijzigd(Box<crate::domain::klant::Klantbeeld>, usize),
    AuditLoaded(Uuid, Vec<crate::store::lookup::AuditRegel>),
}

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
    pub query: crate::app::text_field::TextField,
    /// Typed keys go into the search field.
    pub input_active: bool,
    /// Number of the newest search sent; older answers are dropped.
    pub seq: u64,
    /// The search the hits belong to, 0 for none yet.
    pub shown_seq: u64,
    pub treffers: Vec<Treffer>,
    pub selected: ListCursor,
    /// A message instead of hits ("Geen geldig BSN", "Niets gevonden").
    pub melding: Option<String>,
    pub view: View,
    pub klant: Option<Klantbeeld>,
    /// Position in the klant's zaken list.
    pub zaak_index: ListCursor,
    /// The BSN is shown (after its audit entry was written).
    pub bsn_zichtbaar: bool,
    pub zaak: Option<ZaakDetail>,
    /// Waiting for a klant or zaak to load.
    pub laden: bool,
    /// Correcting contact details or creating a klant.
    pub form: Option<KlantForm>,
    /// The audit log of the open klant (supervisors).
    pub audit: Option<Vec<crate::store::lookup::AuditRegel>>,
}

/// What identifies a hit from one search to the next.
fn treffer_id(t: &Treffer) -> Uuid {
    match t {
        Treffer::Klant(k) => k.id,
        Treffer::Zaak(z) => z.id,
    }
}

/// What the pane asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum ZkEffect {
    Zoek { seq: u64, vraag: Zoekvraag },
    Wijzig(KlantWijziging),
    Audit(Uuid),
    OpenKlant(Uuid),
    ToonBsn(Uuid),
    OpenZaak(Uuid),
}

impl ZaakKlant {
    fn search(&mut self) -> Option<ZkEffect> {
        let vraag = zoekvraag::herken(&self.query);
        match &vraag {
            Zoekvraag::Leeg => {
                self.selected.reset();
                // A new number drops the answers to searches still under way.
                self.seq += 1;
                self.treffers.clear();
                self.melding = None;
                self.shown_seq = self.seq;
                None
            }
            Zoekvraag::OngeldigBsn(n) => {
                self.selected.reset();
                self.seq += 1;
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
        if !self.query.insert(c, MAX_ZOEK) {
            return None;
        }
        self.search()
    }

    pub fn backspace(&mut self) -> Option<ZkEffect> {
        if !self.query.backspace() {
            return None;
        }
        self.search()
    }

    /// ←/→/Home/End/Delete/Ctrl-W in the search field; a changed text searches again.
    pub fn edit(&mut self, e: crate::app::text_field::Edit) -> Option<ZkEffect> {
        if !self.query.edit(e) {
            return None;
        }
        self.search()
    }

    pub fn clear(&mut self) {
        self.query.clear();
        self.treffers.clear();
        self.melding = None;
        self.selected.reset();
        self.seq += 1;
        self.shown_seq = self.seq;
    }

    /// Hits arrived for search `seq`. Returns an effect when a single hit should open at once.
    pub fn hits(&mut self, seq: u64, treffers: Vec<Treffer>) -> Option<ZkEffect> {
        if seq != self.seq {
            return None; // an answer to an older query: typing went on
        }
        self.shown_seq = seq;
        // The hit chosen before stays chosen while the narrower search still finds it.
        let was = self.selected.get(&self.treffers).map(treffer_id);
        self.selected.refilter(was, treffers.iter().map(treffer_id));
        self.melding = treffers
            .is_empty()
            .then(|| format!("Niets gevonden voor \"{}\".", self.query.trim()));
        self.treffers = treffers;
        // A complete, unique identifier opens directly; names and partial numbers wait for Enter.
        // (Not an e-mail address: "jan@x.n" may still become "jan@x.nl", and the keys typed
        // after an early open would act on the klantbeeld.)
        let complete = match zoekvraag::herken(&self.query) {
            Zoekvraag::Bsn(_) | Zoekvraag::Vestigingsnummer(_) => true,
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
        self.lijst(Move::Up);
    }

    pub fn down(&mut self) {
        self.lijst(Move::Down);
    }

    /// A move in the hits or in the klantbeeld's zaken (both stop at their ends).
    pub fn lijst(&mut self, mv: Move) {
        match self.view {
            View::Zoeken => {
                self.selected.apply(mv, self.treffers.len());
            }
            View::Klant => {
                let n = self.klant.as_ref().map_or(0, |k| k.zaken.len());
                self.zaak_index.apply(mv, n);
            }
            View::Zaak => {}
        }
    }

    /// Enter: open the selected hit, or the selected zaak of the klantbeeld.
    pub fn open_selected(&mut self) -> Option<ZkEffect> {
        let effect = match self.view {
            View::Zoeken => match self.selected.get(&self.treffers)? {
                Treffer::Klant(k) => ZkEffect::OpenKlant(k.id),
                Treffer::Zaak(z) => ZkEffect::OpenZaak(z.id),
            },
            View::Klant => ZkEffect::OpenZaak(self.zaak_index.get(&self.klant.as_ref()?.zaken)?.id),
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
        self.form = None;
        self.audit = None;
        self.bsn_zichtbaar = false;
        self.zaak_index.reset();
        self.klant = Some(k);
        self.zaak = None;
        self.view = View::Klant;
        self.input_active = false;
    }

    pub fn zaak_loaded(&mut self, z: ZaakDetail) {
        self.laden = false;
        // Opened from the search results or from another klant's view: the klant shown before
        // is not this zaak's; Esc should go back to the results, not to them.
        if self.klant.as_ref().map(|k| k.id) != z.aanvrager_id || self.view == View::Zoeken {
            self.klant = None;
            self.bsn_zichtbaar = false;
        }
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
        if self.audit.take().is_some() {
            return false;
        }
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

/// The small form to correct contact details or create a klant.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KlantForm {
    /// Creating a new klant (else: correcting the open klant's details).
    pub nieuw: bool,
    /// (label, value) in Tab order.
    pub velden: Vec<(&'static str, crate::app::text_field::TextField)>,
    pub veld: usize,
    pub fout: Option<String>,
    pub bezig: bool,
}

/// Longest value in a klant form field.
const MAX_VELD: usize = 100;

/// What a valid klant form asks to write.
#[derive(Debug, Clone, PartialEq)]
pub enum KlantWijziging {
    Contact {
        partij: Uuid,
        nieuw: [String; 2],
    },
    Nieuw {
        voornamen: String,
        voorvoegsel: String,
        achternaam: String,
        contact: [String; 2],
    },
}

impl KlantForm {
    pub fn wijzigen(k: &Klantbeeld) -> KlantForm {
        KlantForm {
            nieuw: false,
            velden: vec![
                ("Telefoon", k.telefoon().unwrap_or_default().into()),
                ("E-mail", k.email().unwrap_or_default().into()),
            ],
            ..KlantForm::default()
        }
    }

    pub fn nieuw(query: &str) -> KlantForm {
        // What was typed in the search field is a good start for the achternaam.
        let achternaam = match zoekvraag::herken(query) {
            Zoekvraag::Naam(_) => query.trim().to_string(),
            _ => String::new(),
        };
        KlantForm {
            nieuw: true,
            velden: vec![
                ("Voornamen", Default::default()),
                ("Voorvoegsel", Default::default()),
                ("Achternaam*", achternaam.into()),
                ("Telefoon", Default::default()),
                ("E-mail", Default::default()),
            ],
            ..KlantForm::default()
        }
    }

    pub fn type_char(&mut self, c: char) {
        if let Some((_, v)) = self.velden.get_mut(self.veld)
            && v.insert(c, MAX_VELD)
        {
            self.fout = None;
        }
    }

    pub fn backspace(&mut self) {
        if let Some((_, v)) = self.velden.get_mut(self.veld) {
            v.backspace();
        }
    }

    /// ←/→/Home/End/Delete/Ctrl-W in the field in focus.
    pub fn edit(&mut self, e: crate::app::text_field::Edit) {
        if let Some((_, v)) = self.velden.get_mut(self.veld)
            && v.edit(e)
        {
            self.fout = None;
        }
    }

    pub fn next(&mut self) {
        self.veld = (self.veld + 1).min(self.velden.len() - 1);
    }

    pub fn prev(&mut self) {
        self.veld = self.veld.saturating_sub(1);
    }

    pub fn on_last(&self) -> bool {
        self.veld + 1 == self.velden.len()
    }

    fn waarde(&self, label: &str) -> String {
        self.velden
            .iter()
            .find(|(l, _)| l.trim_end_matches('*') == label)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    }

    fn focus(&mut self, label: &str) {
        if let Some(i) = self
            .velden
            .iter()
            .position(|(l, _)| l.trim_end_matches('*') == label)
        {
            self.veld = i;
        }
    }

    /// Check and normalise; errors are Dutch and put the cursor on the field.
    pub fn submit(&mut self, klant: Option<Uuid>) -> Option<KlantWijziging> {
        use crate::domain::klant::{email_normaal, telefoon_normaal};
        let tel = self.waarde("Telefoon");
        let mail = self.waarde("E-mail");
        let tel = if tel.is_empty() {
            Ok(String::new())
        } else {
            telefoon_normaal(&tel)
        };
        let tel = match tel {
            Ok(t) => t,
            Err(e) => {
                self.fout = Some(e);
                self.focus("Telefoon");
                return None;
            }
        };
        let mail = if mail.is_empty() {
            Ok(String::new())
        } else {
            email_normaal(&mail)
        };
        let mail = match mail {
            Ok(m) => m,
            Err(e) => {
                self.fout = Some(e);
                self.focus("E-mail");
                return None;
            }
        };
        let w = if self.nieuw {
            let achternaam = self.waarde("Achternaam");
            if achternaam.is_empty() {
                self.fout = Some("Vul de achternaam in.".into());
                self.focus("Achternaam");
                return None;
            }
            if tel.is_empty() && mail.is_empty() {
                self.fout = Some("Vul een telefoonnummer of e-mailadres in.".into());
                self.focus("Telefoon");
                return None;
            }
            let (vv, achternaam) = crate::domain::klant::achternaam_netjes(&achternaam);
            let typed_vv = self.waarde("Voorvoegsel").to_lowercase();
            KlantWijziging::Nieuw {
                voornamen: self
                    .waarde("Voornamen")
                    .split_whitespace()
                    .map(crate::domain::klant::hoofdletter)
                    .collect::<Vec<_>>()
                    .join(" "),
                voorvoegsel: if typed_vv.is_empty() { vv } else { typed_vv },
                achternaam,
                contact: [tel, mail],
            }
        } else {
            KlantWijziging::Contact {
                partij: klant?,
                nieuw: [tel, mail],
            }
        };
        self.bezig = true;
        Some(w)
    }
}
