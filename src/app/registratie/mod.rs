//! The contact registration form (wrap-up): kanaal, betrokkene, one or more vragen, notitie,
//! first-contact resolution, and optionally a contactverzoek. Plain data; it serialises to JSON so
//! an autosaved draft survives a crash.

use chrono::{DateTime, Local, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::app::text_field::{Edit, TextField};
use crate::domain::contact::{
    Contactmoment, ContactmomentVraag, Contactverzoek, Gespreksresultaat, LogboekRegel,
    MAX_ONDERWERP, MAX_TEKST, RegistratieRecords,
};
use crate::domain::werkdagen::{self, Sluitingsdagen};
use crate::domain::{Kanaal, RecordMeta};
use crate::store::lookup::Referentie;

pub mod jobs;
pub mod keys;
mod update;
pub mod view;
pub use update::update;

/// What the wrap-up is told: its keys, a draft found after a restart, and the saved contactmoment.
#[derive(Debug, Clone, PartialEq)]
pub enum RegMsg {
    /// `Alt-A` in the wrap-up: an afspraak for the registration's klant.
    Afspraak,
    /// Contact registration (wrap-up).
    Open,
    Char(char),
    Backspace,
    /// Moving or deleting in the text field in focus (Home, End, Delete, Ctrl-W).
    Edit(Edit),
    NextField,
    PrevField,
    /// →: the next choice on a choice field; in a text field the cursor one on.
    NextOption,
    /// ←: the previous choice on a choice field; in a text field the cursor one back.
    PrevOption,
    Enter,
    Save,
    Cancel,
    VraagErbij,
    Verzoek,
    Anoniem,
    Kanaal(crate::domain::Kanaal),
    ConceptHerstellen(bool),
    CancelConfirmed(bool),
    ConceptGevonden(String),
    Geregistreerd {
        contactmoment: Box<crate::domain::contact::Contactmoment>,
        verzoek: Option<Box<crate::domain::contact::Contactverzoek>>,
    },
}

/// Longest telephone number or e-mail address in a contactverzoek.
const MAX_ADRES: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Betrokkene {
    pub id: Uuid,
    pub naam: String,
    pub telefoon: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct VraagInvoer {
    pub onderwerp: TextField,
    pub vraag: TextField,
    pub resultaat: Gespreksresultaat,
    pub afdeling: Option<Uuid>,
}

/// To whom a contactverzoek goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Aan {
    Afdeling(Uuid),
    Groep(Uuid),
    Medewerker(Uuid),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerzoekInvoer {
    pub aan: Option<Aan>,
    pub handeling: TextField,
    pub toelichting: TextField,
    pub telefoon: TextField,
    pub email: TextField,
    pub werkdagen: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Veld {
    #[default]
    Kanaal,
    /// Written channels: how many werkdagen ago the message came in; ←/→ change it.
    Ontvangen,
    Betrokkene,
    /// The zaak it was about; space or ←/→ removes it.
    Zaak,
    Onderwerp(usize),
    Vraag(usize),
    Resultaat(usize),
    Afdeling(usize),
    Notitie,
    EersteLijn,
    VerzoekAan,
    VerzoekHandeling,
    VerzoekToelichting,
    VerzoekTelefoon,
    VerzoekEmail,
    VerzoekTermijn,
}

impl Veld {
    /// The character limit of a text field; None for choice fields.
    pub fn max(self) -> Option<usize> {
        match self {
            Veld::Onderwerp(_) => Some(MAX_ONDERWERP),
            Veld::Vraag(_) | Veld::Notitie | Veld::VerzoekToelichting => Some(MAX_TEKST),
            Veld::VerzoekHandeling => Some(MAX_ONDERWERP),
            Veld::VerzoekTelefoon | Veld::VerzoekEmail => Some(MAX_ADRES),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Registratie {
    pub kanaal: Kanaal,
    /// The klant linked to the contact (never merely the one on screen), and how.
    pub klant: Option<Betrokkene>,
    #[serde(default)]
    pub via: Option<super::klantcontact::Via>,
    pub anoniem: bool,
    pub zaak: Option<(Uuid, String)>,
    pub vragen: Vec<VraagInvoer>,
    pub notitie: TextField,
    /// Set by hand; None: follows the results of the vragen.
    pub eerste_lijn: Option<bool>,
    pub verzoek: Option<VerzoekInvoer>,
    /// Kennisbank articles consulted during the contact (ids).
    #[serde(default)]
    pub bronnen: Vec<String>,
    /// Written channels: the message came in this many werkdagen before today.
    #[serde(default)]
    pub ontvangen_werkdagen: u32,
    /// The telephone call this registration wraps up, and the caller's number.
    #[serde(default)]
    pub gesprek_id: Option<Uuid>,
    #[serde(default)]
    pub beller: Option<String>,
    /// The colleague or afdeling a transfer of this call did not reach: a contactverzoek
    /// is addressed to them.
    #[serde(default)]
    pub niet_bereikt: Option<String>,
    /// Letters typed on the contactverzoek's "Aan": they narrow its choices (never actions).
    #[serde(default)]
    pub aan_filter: String,
    pub veld: Veld,
    /// When the contact began (first search or klant opened), for the gesprekstijd.
    pub begonnen_op: DateTime<Utc>,
    /// When the form opened: the end of the conversation, the start of nawerk.
    pub geopend_op: DateTime<Utc>,
    #[serde(skip)]
    pub fout: Option<String>,
    /// Sent to the store; waiting for it to be durable.
    #[serde(skip)]
    pub bezig: bool,
}

/// The choices for a contactverzoek's "Aan" (afdelingen, groepen, medewerkers, in that order)
/// whose name contains `filter` (any case, without diacritics), with that name.
pub fn aan_opties(refs: &Referentie, filter: &str) -> Vec<(Aan, String)> {
    let f = deunicode::deunicode(filter.trim()).to_lowercase();
    let past = |naam: &str| f.is_empty() || deunicode::deunicode(naam).to_lowercase().contains(&f);
    refs.afdelingen
        .iter()
        .map(|a| (Aan::Afdeling(a.0), a.1.clone()))
        .chain(refs.groepen.iter().map(|g| (Aan::Groep(g.0), g.1.clone())))
        .chain(
            refs.medewerkers
                .iter()
                .map(|m| (Aan::Medewerker(m.id), m.naam.clone())),
        )
        .filter(|(_, naam)| past(naam))
        .collect()
}

/// Address the verzoek to `aan`, with the termijn of its afdeling.
fn kies_aan(
    vz: &mut VerzoekInvoer,
    aan: Option<Aan>,
    refs: &Referentie,
    termijnen: &dyn Fn(Uuid) -> u32,
) {
    vz.aan = aan;
    let afdeling = match aan {
        Some(Aan::Afdeling(a)) => Some(a),
        Some(Aan::Groep(g)) => refs.groepen.iter().find(|x| x.0 == g).and_then(|x| x.2),
        Some(Aan::Medewerker(m)) => refs
            .medewerkers
            .iter()
            .find(|x| x.id == m)
            .and_then(|x| x.afdeling_id),
        None => None,
    };
    if let Some(a) = afdeling {
        vz.werkdagen = termijnen(a);
    }
}

/// How far back a written message's arrival can be set (six weeks of werkdagen).
pub const MAX_ONTVANGEN_WERKDAGEN: u32 = 30;

/// The end of werkdag `n` after `vandaag`, 17:00 local time.
pub fn deadline(vandaag: chrono::NaiveDate, n: u32) -> DateTime<Utc> {
    let dag = werkdagen::plus_werkdagen(vandaag, n, &Sluitingsdagen::default());
    let t = dag.and_time(NaiveTime::from_hms_opt(17, 0, 0).expect("valid time"));
    Local
        .from_local_datetime(&t)
        .earliest()
        .map(|l| l.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&t))
}

impl Registratie {
    pub fn new(
        kanaal: Kanaal,
        klant: Option<Betrokkene>,
        zaak: Option<(Uuid, String)>,
        begonnen_op: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Registratie {
        Registratie {
            kanaal,
            anoniem: klant.is_none(),
            klant,
            via: None,
            zaak,
            vragen: vec![VraagInvoer::default()],
            notitie: TextField::default(),
            eerste_lijn: None,
            verzoek: None,
            bronnen: Vec::new(),
            ontvangen_werkdagen: 0,
            gesprek_id: None,
            beller: None,
            niet_bereikt: None,
            aan_filter: String::new(),
            veld: Veld::Onderwerp(0),
            begonnen_op,
            geopend_op: now,
            fout: None,
            bezig: false,
        }
    }

    /// Written channels: the day the message came in (today minus the werkdagen chosen).
    pub fn ontvangen_op(&self, vandaag: chrono::NaiveDate) -> chrono::NaiveDate {
        werkdagen::min_werkdagen(
            vandaag,
            self.ontvangen_werkdagen,
            &Sluitingsdagen::default(),
        )
    }

    /// Anything typed or chosen beyond what was prefilled.
    pub fn is_dirty(&self) -> bool {
        self.vragen
            .iter()
            .any(|v| !v.onderwerp.is_empty() || !v.vraag.is_empty())
            || !self.notitie.is_empty()
            || self.verzoek.is_some()
    }

    pub fn eerste_lijn(&self) -> bool {
        self.eerste_lijn.unwrap_or_else(|| {
            self.verzoek.is_none() && self.vragen.iter().all(|v| v.resultaat.eerstelijns())
        })
    }

    /// The fields in Tab order.
    pub fn velden(&self) -> Vec<Veld> {
        let mut v = vec![Veld::Kanaal];
        if self.kanaal.schriftelijk() {
            v.push(Veld::Ontvangen);
        }
        v.push(Veld::Betrokkene);
        if self.zaak.is_some() {
            v.push(Veld::Zaak);
        }
        for i in 0..self.vragen.len() {
            v.extend([
                Veld::Onderwerp(i),
                Veld::Vraag(i),
                Veld::Resultaat(i),
                Veld::Afdeling(i),
            ]);
        }
        v.extend([Veld::Notitie, Veld::EersteLijn]);
        if self.verzoek.is_some() {
            v.extend([
                Veld::VerzoekAan,
                Veld::VerzoekHandeling,
                Veld::VerzoekToelichting,
                Veld::VerzoekTelefoon,
                Veld::VerzoekEmail,
                Veld::VerzoekTermijn,
            ]);
        }
        v
    }

    fn position(&self) -> usize {
        self.velden()
            .iter()
            .position(|v| *v == self.veld)
            .unwrap_or(0)
    }

    pub fn next_field(&mut self) {
        // The letters typed to find whom a verzoek goes to are done with when leaving "Aan".
        self.aan_filter.clear();
        let v = self.velden();
        self.veld = v[(self.position() + 1).min(v.len() - 1)];
    }

    pub fn prev_field(&mut self) {
        self.aan_filter.clear();
        let v = self.velden();
        self.veld = v[self.position().saturating_sub(1)];
    }

    pub fn on_last_field(&self) -> bool {
        self.position() + 1 == self.velden().len()
    }

    /// The text of the focused field, if it is a text field.
    pub fn tekst_mut(&mut self) -> Option<&mut TextField> {
        Some(match self.veld {
            Veld::Onderwerp(i) => &mut self.vragen.get_mut(i)?.onderwerp,
            Veld::Vraag(i) => &mut self.vragen.get_mut(i)?.vraag,
            Veld::Notitie => &mut self.notitie,
            Veld::VerzoekHandeling => &mut self.verzoek.as_mut()?.handeling,
            Veld::VerzoekToelichting => &mut self.verzoek.as_mut()?.toelichting,
            Veld::VerzoekTelefoon => &mut self.verzoek.as_mut()?.telefoon,
            Veld::VerzoekEmail => &mut self.verzoek.as_mut()?.email,
            _ => return None,
        })
    }

    /// A typed character: text into a text field (up to its limit), a digit picks the kanaal,
    /// a space flips a yes/no field.
    pub fn type_char(&mut self, c: char) {
        self.fout = None;
        match self.veld {
            Veld::Kanaal => {
                if let Some(k) = c
                    .to_digit(10)
                    .and_then(|d| Kanaal::ALL.get((d as usize).wrapping_sub(1)))
                {
                    self.kanaal = *k;
                }
            }
            Veld::Betrokkene | Veld::EersteLijn | Veld::Zaak if c == ' ' => self.toggle(),
            veld => {
                let max = veld.max().unwrap_or(0);
                if let Some(t) = self.tekst_mut() {
                    t.insert(c, max);
                }
            }
        }
    }

    pub fn backspace(&mut self) {
        if let Some(t) = self.tekst_mut() {
            t.backspace();
        }
    }

    /// Home/End/Delete/Ctrl-W in a text field (nothing on a choice field); true when the text
    /// changed.
    pub fn edit(&mut self, e: Edit) -> bool {
        self.tekst_mut().is_some_and(|t| t.edit(e))
    }

    /// Space on a yes/no field.
    pub fn toggle(&mut self) {
        match self.veld {
            Veld::Betrokkene => self.toggle_anoniem(),
            Veld::EersteLijn => self.eerste_lijn = Some(!self.eerste_lijn()),
            Veld::Zaak => self.geen_zaak(),
            _ => {}
        }
    }

    /// The contact was not about this zaak after all.
    pub fn geen_zaak(&mut self) {
        self.zaak = None;
        self.veld = Veld::Betrokkene;
    }

    pub fn toggle_anoniem(&mut self) {
        // Without a klant the contact can only be anonymous.
        self.anoniem = self.klant.is_none() || !self.anoniem;
    }

    /// ←/→: the previous or next choice on a choice field; in a text field they move the
    /// cursor.
    pub fn option(&mut self, forward: bool, refs: &Referentie, termijnen: &dyn Fn(Uuid) -> u32) {
        if let Some(t) = self.tekst_mut() {
            t.edit(if forward { Edit::Right } else { Edit::Left });
            return;
        }
        self.fout = None;
        fn step<T: Copy + PartialEq>(items: &[T], cur: Option<T>, forward: bool) -> Option<T> {
            if items.is_empty() {
                return None;
            }
            let n = items.len();
            let i = cur.and_then(|c| items.iter().position(|x| *x == c));
            let next = match (i, forward) {
                (None, true) => 0,
                (None, false) => n - 1,
                (Some(i), true) => (i + 1) % n,
                (Some(i), false) => (i + n - 1) % n,
            };
            Some(items[next])
        }
        match self.veld {
            Veld::Kanaal => {
                self.kanaal = step(&Kanaal::ALL, Some(self.kanaal), forward).unwrap_or(self.kanaal)
            }
            Veld::Betrokkene => self.toggle_anoniem(),
            Veld::Zaak => self.geen_zaak(),
            Veld::EersteLijn => self.eerste_lijn = Some(!self.eerste_lijn()),
            Veld::Resultaat(i) => {
                if let Some(v) = self.vragen.get_mut(i) {
                    v.resultaat = step(&Gespreksresultaat::ALL, Some(v.resultaat), forward)
                        .unwrap_or(v.resultaat);
                }
            }
            Veld::Afdeling(i) => {
                let ids: Vec<Uuid> = refs.afdelingen.iter().map(|a| a.0).collect();
                if let Some(v) = self.vragen.get_mut(i) {
                    v.afdeling = step(&ids, v.afdeling, forward);
                }
            }
            Veld::VerzoekAan => {
                let opties: Vec<Aan> = aan_opties(refs, &self.aan_filter)
                    .into_iter()
                    .map(|(a, _)| a)
                    .collect();
                if let Some(vz) = self.verzoek.as_mut() {
                    let aan = step(&opties, vz.aan, forward);
                    kies_aan(vz, aan, refs, termijnen);
                }
            }
            Veld::Ontvangen => {
                self.ontvangen_werkdagen = if forward {
                    self.ontvangen_werkdagen.saturating_sub(1)
                } else {
                    (self.ontvangen_werkdagen + 1).min(MAX_ONTVANGEN_WERKDAGEN)
                };
            }
            Veld::VerzoekTermijn => {
                if let Some(vz) = self.verzoek.as_mut() {
                    vz.werkdagen = if forward {
                        (vz.werkdagen + 1).min(30)
                    } else {
                        vz.werkdagen.saturating_sub(1).max(1)
                    };
                }
            }
            _ => {}
        }
    }

    /// A letter typed (Some) or erased (None) on "Aan": narrows the choices by name and
    /// chooses the first that matches.
    pub fn aan_zoeken(
        &mut self,
        c: Option<char>,
        refs: &Referentie,
        termijnen: &dyn Fn(Uuid) -> u32,
    ) {
        self.fout = None;
        match c {
            Some(c) if !c.is_control() && self.aan_filter.chars().count() < 40 => {
                self.aan_filter.push(c)
            }
            Some(_) => return,
            None => {
                self.aan_filter.pop();
            }
        }
        let eerste = aan_opties(refs, &self.aan_filter).first().map(|o| o.0);
        if let Some(vz) = self.verzoek.as_mut() {
            if eerste.is_none() && !self.aan_filter.is_empty() {
                self.fout = Some(format!("Niemand gevonden met \"{}\".", self.aan_filter));
                return;
            }
            kies_aan(vz, eerste, refs, termijnen);
        }
    }

    /// Ctrl-N: another vraag in the same contact.
    pub fn add_vraag(&mut self) {
        self.vragen.push(VraagInvoer::default());
        self.veld = Veld::Onderwerp(self.vragen.len() - 1);
    }

    /// Ctrl-T with the form's lists: as `toggle_verzoek`, and after a transfer that was not
    /// picked up addressed to that colleague or afdeling, saying so.
    pub fn toggle_verzoek_met(&mut self, refs: &Referentie, termijnen: &dyn Fn(Uuid) -> u32) {
        self.toggle_verzoek();
        let (Some(vz), Some(naam)) = (self.verzoek.as_mut(), self.niet_bereikt.as_deref()) else {
            return;
        };
        if let Some(m) = refs.medewerkers.iter().find(|m| m.naam == naam) {
            // A colleague who is not working today (ziek, verlof, afwezig) cannot call back:
            // their afdeling gets the verzoek, and the form says why.
            let a = m.aanwezig();
            match (a.bereikbaar(), m.afdeling_id) {
                (true, _) | (false, None) => vz.aan = Some(Aan::Medewerker(m.id)),
                (false, Some(afd)) => {
                    vz.aan = Some(Aan::Afdeling(afd));
                    self.fout = Some(format!(
                        "{naam} is {}: het contactverzoek gaat naar {}.",
                        a.label(),
                        m.afdeling.as_deref().unwrap_or("de afdeling")
                    ));
                }
            }
            if let Some(a) = m.afdeling_id {
                vz.werkdagen = termijnen(a);
            }
        } else if let Some(a) = refs.afdelingen.iter().find(|a| a.1 == naam) {
            vz.aan = Some(Aan::Afdeling(a.0));
            vz.werkdagen = termijnen(a.0);
        }
        if vz.toelichting.is_empty() {
            vz.toelichting.set(&format!(
                "Doorverbinden met {naam} lukte niet; de klant wil teruggebeld worden."
            ));
        }
        if vz.aan.is_some() {
            self.veld = Veld::VerzoekToelichting;
        }
    }

    /// Ctrl-T: add a contactverzoek (prefilled from the klant), or remove it again.
    pub fn toggle_verzoek(&mut self) {
        if self.verzoek.is_some() {
            self.verzoek = None;
            // No callback after all: a single vraag set to it by Ctrl-T goes back.
            if let [v] = self.vragen.as_mut_slice()
                && v.resultaat == Gespreksresultaat::Terugbelverzoek
            {
                v.resultaat = Gespreksresultaat::Afgehandeld;
            }
            if matches!(
                self.veld,
                Veld::VerzoekAan
                    | Veld::VerzoekHandeling
                    | Veld::VerzoekToelichting
                    | Veld::VerzoekTelefoon
                    | Veld::VerzoekEmail
                    | Veld::VerzoekTermijn
            ) {
                self.veld = Veld::EersteLijn;
            }
            return;
        }
        let klant = self.klant.as_ref().filter(|_| !self.anoniem);
        self.verzoek = Some(VerzoekInvoer {
            aan: None,
            handeling: "Terugbellen".into(),
            toelichting: TextField::default(),
            telefoon: klant
                .and_then(|k| k.telefoon.clone())
                .or_else(|| self.beller.clone())
                .unwrap_or_default()
                .into(),
            email: klant
                .and_then(|k| k.email.clone())
                .unwrap_or_default()
                .into(),
            werkdagen: 1,
        });
        // With a single vraag that is still on its default result, a callback means that vraag
        // needs one; answers the agent chose are left alone.
        // A transfer (picked up or not) followed by a callback request is a callback too.
        if let [v] = self.vragen.as_mut_slice()
            && matches!(
                v.resultaat,
                Gespreksresultaat::Afgehandeld | Gespreksresultaat::Doorverbonden
            )
        {
            v.resultaat = Gespreksresultaat::Terugbelverzoek;
        }
        self.veld = Veld::VerzoekAan;
    }

    /// Check the form; on success build the records to write. Errors are in Dutch and put the
    /// cursor on the field concerned.
    pub fn build(
        &mut self,
        now: DateTime<Utc>,
        desk: Uuid,
        medewerker_id: Option<Uuid>,
        medewerker_naam: &str,
    ) -> Result<RegistratieRecords, String> {
        for (i, v) in self.vragen.iter().enumerate() {
            if v.onderwerp.trim().is_empty() {
                self.veld = Veld::Onderwerp(i);
                return Err(format!("Vul het onderwerp van vraag {} in.", i + 1));
            }
        }
        // A callback result and a contactverzoek go together: one without the other would
        // promise a call nobody is asked to make, or ask for one the registration denies.
        let terugbel = self
            .vragen
            .iter()
            .position(|v| v.resultaat == Gespreksresultaat::Terugbelverzoek);
        match (terugbel, &self.verzoek) {
            (Some(i), None) => {
                self.veld = Veld::Resultaat(i);
                return Err(format!(
                    "Vraag {} staat op terugbelverzoek: voeg het contactverzoek toe (Ctrl-T) of kies een ander resultaat.",
                    i + 1
                ));
            }
            (None, Some(_)) => {
                self.veld = Veld::Resultaat(0);
                return Err(
                    "Met een contactverzoek is het resultaat terugbelverzoek (of Ctrl-T: weghalen)."
                        .into(),
                );
            }
            _ => {}
        }
        if let Some(vz) = &self.verzoek {
            if vz.aan.is_none() {
                self.veld = Veld::VerzoekAan;
                return Err(
                    "Kies aan wie het contactverzoek gaat (afdeling, groep of medewerker).".into(),
                );
            }
            if vz.toelichting.trim().is_empty() {
                self.veld = Veld::VerzoekToelichting;
                return Err("Vul de interne toelichting van het contactverzoek in.".into());
            }
            if vz.telefoon.trim().is_empty() && vz.email.trim().is_empty() {
                self.veld = Veld::VerzoekTelefoon;
                return Err(
                    "Vul een telefoonnummer of e-mailadres in om de klant te bereiken.".into(),
                );
            }
        }
        let partij_id = self.klant.as_ref().filter(|_| !self.anoniem).map(|k| k.id);
        let eerste = &self.vragen[0];
        let meta = RecordMeta::new(now, desk);
        let cm_id = meta.id;
        let contactmoment = Contactmoment {
            meta,
            plaatsgevonden_op: self.begonnen_op,
            kanaal: self.kanaal,
            onderwerp: eerste.onderwerp.trim().to_string(),
            inhoud: eerste.vraag.trim().to_string(),
            notitie: self.notitie.trim().to_string(),
            afhandeling: eerste.resultaat.label().into(),
            partij_id,
            zaak_id: self.zaak.as_ref().map(|z| z.0),
            medewerker_id,
            afdeling_id: eerste.afdeling,
            duur_seconden: (self.geopend_op - self.begonnen_op).num_seconds().max(0),
            nawerk_seconden: (now - self.geopend_op).num_seconds().max(0),
            eerstelijns_afgehandeld: self.eerste_lijn(),
            bronnen: self.bronnen.clone(),
            gesprek_id: self.gesprek_id,
            ontvangen_op: self
                .kanaal
                .schriftelijk()
                .then(|| self.ontvangen_op(now.with_timezone(&Local).date_naive())),
        };
        let vragen = self
            .vragen
            .iter()
            .enumerate()
            .map(|(i, v)| ContactmomentVraag {
                meta: RecordMeta::new(now, desk),
                contactmoment_id: cm_id,
                volgnummer: i as i64 + 1,
                onderwerp: v.onderwerp.trim().to_string(),
                vraag: v.vraag.trim().to_string(),
                gespreksresultaat: v.resultaat,
                afdeling_id: v.afdeling,
            })
            .collect();
        let verzoek = self.verzoek.as_ref().map(|vz| {
            let meta = RecordMeta::new(now, desk);
            let cv_id = meta.id;
            let (afdeling_id, groep_id, medewerker) = match vz.aan {
                Some(Aan::Afdeling(a)) => (Some(a), None, None),
                Some(Aan::Groep(g)) => (None, Some(g), None),
                Some(Aan::Medewerker(m)) => (None, None, Some(m)),
                None => (None, None, None),
            };
            let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
            let cv = Contactverzoek {
                meta,
                contactmoment_id: Some(cm_id),
                partij_id,
                gevraagde_handeling: opt(&vz.handeling).unwrap_or_else(|| "Terugbellen".into()),
                toelichting: vz.toelichting.trim().to_string(),
                terugbelnummer: opt(&vz.telefoon),
                emailadres: opt(&vz.email),
                afdeling_id,
                groep_id,
                medewerker_id: medewerker,
                status: "te_verwerken".into(),
                uiterlijk_op: deadline(now.with_timezone(&Local).date_naive(), vz.werkdagen),
                verwerkt_op: None,
                resultaat: None,
                verwerkt_door: None,
            };
            let log = LogboekRegel {
                meta: RecordMeta::new(now, desk),
                contactverzoek_id: cv_id,
                medewerker: medewerker_naam.to_string(),
                actie: "aangemaakt".into(),
                toelichting: None,
            };
            (cv, log)
        });
        Ok(RegistratieRecords {
            contactmoment,
            vragen,
            verzoek,
        })
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod groep_tests;

#[cfg(test)]
mod aan_tests;
