//! State of the Kennisbank pane: the search field, its hits and the open article. The articles
//! themselves are loaded once, in the background, and searched in memory.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::domain::kennisbank::{KbStatistiek, MeldingSoort, Zoeklog};
use crate::kennisbank::{self, AFDELINGEN, Doel, Kennisbank, Populariteit, SOORTEN};

pub mod jobs;
pub mod keys;
mod update;
pub mod view;
pub use update::update;

/// I/O for the Kennisbank pane.
#[derive(Debug, Clone, PartialEq)]
pub enum KbEffect {
    /// Log a search (the store leaves out personal data).
    Log(crate::domain::kennisbank::Zoeklog),
    Melding {
        artikel: String,
        soort: crate::domain::kennisbank::MeldingSoort,
        toelichting: String,
    },
    /// Load the statistics of the last `dagen` days.
    Statistiek { dagen: i64 },
    /// Read the kennisbank folder again.
    Herladen,
}

/// The longest question (characters).
const MAX_VRAAG: usize = 60;

/// What the kennisbank pane is told: its keys, and what the store reported.
#[derive(Debug, Clone, PartialEq)]
pub enum KbMsg {
    /// Moving or deleting in the question (←, →, Home, End, Delete, Ctrl-W).
    Edit(crate::app::text_field::Edit),
    /// Kennisbank pane.
    Char(char),
    Backspace,
    Wissen,
    /// Ctrl-P: the question asked before (also of an earlier contact).
    VorigeVraag,
    Up,
    Down,
    /// PgUp/PgDn in the hits.
    Lijst(crate::app::list_cursor::Move),
    Open,
    Back,
    /// A number key in a beslisboom.
    Keuze(u8),
    StapTerug,
    /// The next soort (false) or afdeling (true) filter.
    Filter(bool),
    /// Read the kennisbank folder again.
    Herladen,
    /// Supervisors: what agents searched and could not find.
    StatistiekOpenen,
    /// Flag the open article.
    Melden,
    MeldingSoort(i8),
    MeldingChar(char),
    MeldingBackspace,
    /// Moving or deleting in the flag's note (←, →, Home, End, Delete, Ctrl-W).
    MeldingEdit(crate::app::text_field::Edit),
    MeldingOpslaan,
    MeldingAnnuleren,
    Gemeld(String),
    Geopend(crate::kennisbank::Populariteit),
    StatistiekGeladen(Box<crate::domain::kennisbank::KbStatistiek>),
    Geladen(Box<crate::kennisbank::Kennisbank>),
}

/// A beslisboom being walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    /// The beslisboom article.
    pub boom: String,
    /// The choices made: (knoop id, keuze index).
    pub pad: Vec<(String, usize)>,
    /// Ended on this afhandeling.
    pub einde: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct KennisbankPane {
    /// None until loaded.
    pub kb: Option<Arc<Kennisbank>>,
    pub query: crate::app::text_field::TextField,
    pub input_active: bool,
    /// Ids of the hits for `query`, best first.
    pub treffers: Vec<String>,
    pub selected: crate::app::list_cursor::ListCursor,
    /// The article on screen.
    pub open: Option<String>,
    pub scroll: u16,
    /// The beslisboom being walked, when one is open (or was, on the way to an article).
    pub walk: Option<Walk>,
    /// How often colleagues opened each article (ranks equal hits).
    pub geopend: Populariteit,
    /// Only this soort (index in `SOORTEN`), when set.
    pub filter_soort: Option<usize>,
    /// Only this afdeling (index in `AFDELINGEN`), when set.
    pub filter_afdeling: Option<usize>,
    /// The longest question of the current search and its number of hits: logged when the
    /// search ends without an article opened.
    piek: Option<(String, usize)>,
    /// Searches to log, taken by `update` as effects.
    pub te_loggen: Vec<Zoeklog>,
    /// The flag form, when open over an article.
    pub melding: Option<MeldingForm>,
    /// The supervisors' view of what agents searched and could not find.
    pub statistiek: Option<StatistiekView>,
    /// The pane was full screen before the article opened (Esc returns to that).
    pub zoom_voor_artikel: bool,
    /// Questions asked before, oldest first (Ctrl-P brings them back), at most `MAX_EERDERE`.
    pub eerdere: Vec<String>,
}

/// How many earlier questions Ctrl-P keeps.
pub const MAX_EERDERE: usize = 20;

/// Flagging the open article: why, and a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeldingForm {
    pub artikel: String,
    pub soort: MeldingSoort,
    pub toelichting: crate::app::text_field::TextField,
    pub fout: Option<String>,
    /// Sent to the store; waiting for it.
    pub bezig: bool,
}

/// At most this many characters in a flag's note.
pub const MAX_TOELICHTING: usize = 300;

impl MeldingForm {
    pub fn volgende_soort(&mut self, stap: isize) {
        let i = MeldingSoort::ALL
            .iter()
            .position(|s| *s == self.soort)
            .unwrap_or(0) as isize;
        let n = MeldingSoort::ALL.len() as isize;
        self.soort = MeldingSoort::ALL[(i + stap).rem_euclid(n) as usize];
    }

    /// Check before saving; the form stays open with the reason when it is not complete.
    pub fn klaar(&mut self) -> bool {
        if self.toelichting.trim().is_empty() {
            self.fout = Some("Schrijf kort op wat er niet klopt of ontbreekt.".into());
            return false;
        }
        self.fout = None;
        self.bezig = true;
        true
    }
}

/// The statistics, once loaded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatistiekView {
    pub data: Option<KbStatistiek>,
    pub scroll: u16,
    /// Days back from today.
    pub dagen: i64,
}

impl KennisbankPane {
    pub fn loaded(&mut self, kb: Kennisbank, dag: NaiveDate) {
        self.kb = Some(Arc::new(kb));
        self.refresh(dag);
    }

    /// A newer kennisbank (files changed): keep the question, the filters and the open
    /// article when it still exists.
    pub fn reloaded(&mut self, kb: Kennisbank, dag: NaiveDate) {
        if let Some(open) = &self.open
            && kb.artikel(open).is_none()
        {
            self.open = None;
            self.walk = None;
        }
        self.loaded(kb, dag);
    }

    fn refresh(&mut self, dag: NaiveDate) {
        let was = self.selected.get(&self.treffers).cloned();
        let soort = self.filter_soort.map(|i| SOORTEN[i]);
        let afdeling = self.filter_afdeling.map(|i| AFDELINGEN[i]);
        self.treffers = match &self.kb {
            Some(kb) => {
                let past = |a: &kennisbank::Artikel| {
                    soort.is_none_or(|s| a.soort == s) && afdeling.is_none_or(|d| a.afdeling == d)
                };
                // Actueel messages about the question come first, even when they lack a word.
                let (actueel, treffers) =
                    kennisbank::zoek_met_actueel(kb, &self.query, dag, &self.geopend, past);
                let mut ids: Vec<String> = actueel
                    .into_iter()
                    .filter(|a| past(a))
                    .map(|a| a.id.clone())
                    .collect();
                for a in treffers {
                    if !ids.contains(&a.id) {
                        ids.push(a.id.clone());
                    }
                }
                ids
            }
            None => Vec::new(),
        };
        // The article the agent moved to stays chosen while the question still finds it.
        self.selected.refilter(was.as_ref(), self.treffers.iter());
    }

    pub fn type_char(&mut self, c: char, dag: NaiveDate) {
        if self.query.insert(c, MAX_VRAAG) {
            self.refresh(dag);
            self.piek = Some((self.query.to_string(), self.treffers.len()));
        }
    }

    pub fn backspace(&mut self, dag: NaiveDate) {
        if self.query.backspace() {
            self.na_wissen(dag);
        }
    }

    /// ←/→/Home/End/Delete/Ctrl-W in the question; a changed question searches again.
    pub fn edit(&mut self, e: crate::app::text_field::Edit, dag: NaiveDate) {
        if self.query.edit(e) {
            self.na_wissen(dag);
        }
    }

    /// Something was deleted from the question.
    fn na_wissen(&mut self, dag: NaiveDate) {
        self.refresh(dag);
        if self.query.trim().is_empty() {
            self.einde_zoekvraag();
        }
    }

    pub fn clear(&mut self, dag: NaiveDate) {
        self.einde_zoekvraag();
        self.bewaar_vraag();
        self.query.clear();
        self.refresh(dag);
    }

    /// Keep the question in the field for Ctrl-P (once, newest last).
    fn bewaar_vraag(&mut self) {
        let vraag = self.query.trim();
        if vraag.is_empty() {
            return;
        }
        let vraag = vraag.to_string();
        self.eerdere.retain(|v| *v != vraag);
        self.eerdere.push(vraag);
        if self.eerdere.len() > MAX_EERDERE {
            self.eerdere.remove(0);
        }
    }

    /// A new contact: an empty question and no article open (the last one stays under Ctrl-P).
    pub fn nieuw_contact(&mut self, dag: NaiveDate) {
        self.walk = None;
        self.open = None;
        self.melding = None;
        self.scroll = 0;
        self.clear(dag);
    }

    /// Ctrl-P: the question before the one in the field (going further back on each press,
    /// round to the newest). False when there is none.
    pub fn vorige_vraag(&mut self, dag: NaiveDate) -> bool {
        let huidig = self.query.trim().to_string();
        let volgende = match self.eerdere.iter().position(|v| *v == huidig) {
            Some(0) => self.eerdere.last(),
            Some(i) => self.eerdere.get(i - 1),
            None => {
                self.bewaar_vraag();
                // Just kept: the one before it.
                let n = self.eerdere.len();
                match huidig.is_empty() {
                    true => self.eerdere.last(),
                    false if n >= 2 => self.eerdere.get(n - 2),
                    false => None,
                }
            }
        };
        let Some(v) = volgende.cloned() else {
            return false;
        };
        if v == huidig {
            return false;
        }
        self.einde_zoekvraag();
        self.open = None;
        self.walk = None;
        self.input_active = true;
        self.query.set(&v);
        self.refresh(dag);
        true
    }

    /// The search ends without an article opened (field cleared, pane left): log it.
    pub fn einde_zoekvraag(&mut self) {
        if let Some((vraag, aantal_treffers)) = self.piek.take()
            && !vraag.trim().is_empty()
        {
            self.te_loggen.push(Zoeklog {
                vraag,
                aantal_treffers,
                artikel: None,
            });
        }
    }

    /// Ctrl-S / Ctrl-A: the next soort or afdeling filter (after the last: none).
    pub fn volgend_filter(&mut self, afdeling: bool, dag: NaiveDate) {
        let (filter, n) = if afdeling {
            (&mut self.filter_afdeling, AFDELINGEN.len())
        } else {
            (&mut self.filter_soort, SOORTEN.len())
        };
        *filter = match *filter {
            None => Some(0),
            Some(i) if i + 1 < n => Some(i + 1),
            Some(_) => None,
        };
        self.refresh(dag);
    }

    pub fn up(&mut self) {
        if let Some(v) = self.statistiek.as_mut() {
            v.scroll = v.scroll.saturating_sub(1);
        } else if self.open.is_some() {
            self.scroll = self.scroll.saturating_sub(1);
        } else {
            self.selected.up(self.treffers.len());
        }
    }

    pub fn down(&mut self) {
        if let Some(v) = self.statistiek.as_mut() {
            v.scroll = v.scroll.saturating_add(1);
        } else if self.open.is_some() {
            self.scroll = self.scroll.saturating_add(1);
        } else {
            self.selected.down(self.treffers.len());
        }
    }

    /// PgUp/PgDn in the hits (not in an open article or the statistics).
    pub fn lijst(&mut self, mv: crate::app::list_cursor::Move) {
        if self.statistiek.is_none() && self.open.is_none() {
            self.selected.apply(mv, self.treffers.len());
        }
    }

    /// Enter: open the selected article; returns its id (it becomes a bron of the contact).
    pub fn open_selected(&mut self) -> Option<String> {
        let id = self.selected.get(&self.treffers)?.clone();
        let is_boom = self
            .kb
            .as_ref()
            .and_then(|kb| kb.artikel(&id))
            .is_some_and(|a| a.beslisboom.is_some());
        self.walk = is_boom.then(|| Walk {
            boom: id.clone(),
            pad: Vec::new(),
            einde: None,
        });
        self.open = Some(id.clone());
        self.scroll = 0;
        self.input_active = false;
        self.te_loggen.push(Zoeklog {
            vraag: self.query.to_string(),
            aantal_treffers: self.treffers.len(),
            artikel: Some(id.clone()),
        });
        self.piek = None;
        *self.geopend.entry(id.clone()).or_insert(0) += 1;
        Some(id)
    }

    /// `m` on an open article: the flag form.
    pub fn melden(&mut self) {
        if let Some(artikel) = self.open.clone() {
            self.melding = Some(MeldingForm {
                artikel,
                soort: MeldingSoort::KlopNiet,
                toelichting: Default::default(),
                fout: None,
                bezig: false,
            });
        }
    }

    /// The knoop the walk is at (None when it ended, or no beslisboom is open).
    pub fn huidige_knoop(&self) -> Option<&kennisbank::Knoop> {
        let walk = self.walk.as_ref()?;
        if walk.einde.is_some() || self.open.as_deref() != Some(walk.boom.as_str()) {
            return None;
        }
        let boom = self.kb.as_ref()?.artikel(&walk.boom)?.beslisboom.as_ref()?;
        let mut cur = boom.start.as_str();
        for (k, i) in &walk.pad {
            match boom.knoop(k)?.keuzes.get(*i)?.doel()? {
                Doel::Knoop(n) => cur = n,
                _ => return None,
            }
        }
        boom.knoop(cur)
    }

    /// A number key in a beslisboom: follow keuze `n` (1-based). Returns the article it ends on,
    /// which becomes a bron of the contact.
    pub fn kies(&mut self, n: usize) -> Option<String> {
        let knoop = self.huidige_knoop()?.clone();
        let keuze = knoop.keuzes.get(n.checked_sub(1)?)?;
        let doel = keuze.doel()?;
        let walk = self.walk.as_mut()?;
        walk.pad.push((knoop.id.clone(), n - 1));
        match doel {
            Doel::Knoop(_) => None,
            Doel::Afhandeling(t) => {
                walk.einde = Some(t.to_string());
                None
            }
            Doel::Artikel(a) => {
                self.open = Some(a.to_string());
                self.scroll = 0;
                // Opened through the beslisboom: counted as opened (the question that found
                // the beslisboom was logged when it was opened).
                self.te_loggen.push(Zoeklog {
                    vraag: String::new(),
                    aantal_treffers: 1,
                    artikel: Some(a.to_string()),
                });
                *self.geopend.entry(a.to_string()).or_insert(0) += 1;
                Some(a.to_string())
            }
        }
    }

    /// Backspace in a beslisboom: one step back (also from the article or afhandeling it ended on).
    pub fn stap_terug(&mut self) {
        let Some(walk) = self.walk.as_mut() else {
            return;
        };
        if self.open.as_deref() != Some(walk.boom.as_str()) {
            self.open = Some(walk.boom.clone());
        }
        walk.einde = None;
        walk.pad.pop();
    }

    /// Esc: article -> hits -> clear the field -> leave the field.
    pub fn back(&mut self, dag: NaiveDate) {
        if self.statistiek.take().is_some() {
            return;
        }
        self.walk = None;
        if self.open.take().is_some() {
            self.input_active = true;
        } else if !self.query.is_empty() {
            self.clear(dag);
        } else {
            self.input_active = false;
        }
    }
}
