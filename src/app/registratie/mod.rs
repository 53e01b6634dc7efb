//! The contact registration form (wrap-up): kanaal, betrokkene, one or more vragen, notitie,
//! first-contact resolution, and optionally a contactverzoek. Plain data; it serialises to JSON so
//! an autosaved draft survives a crash.

use chrono::{DateTime, Local, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::contact::{
    Contactmoment, ContactmomentVraag, Contactverzoek, Gespreksresultaat, LogboekRegel,
    MAX_ONDERWERP, MAX_TEKST, RegistratieRecords,
};
use crate::domain::werkdagen::{self, Sluitingsdagen};
use crate::domain::{Kanaal, RecordMeta};
use crate::store::lookup::Referentie;

mod update;
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
    NextField,
    PrevField,
    NextOption,
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
    pub onderwerp: String,
    pub vraag: String,
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
    pub handeling: String,
    pub toelichting: String,
    pub telefoon: String,
    pub email: String,
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
    pub notitie: String,
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
            notitie: String::new(),
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
    pub fn tekst_mut(&mut self) -> Option<&mut String> {
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
                if let Some(t) = self.tekst_mut()
                    && t.chars().count() < max
                    && !c.is_control()
                {
                    t.push(c);
                }
            }
        }
    }

    pub fn backspace(&mut self) {
        if let Some(t) = self.tekst_mut() {
            t.pop();
        }
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

    /// ←/→ on a choice field.
    pub fn option(&mut self, forward: bool, refs: &Referentie, termijnen: &dyn Fn(Uuid) -> u32) {
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
            vz.toelichting =
                format!("Doorverbinden met {naam} lukte niet; de klant wil teruggebeld worden.");
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
            toelichting: String::new(),
            telefoon: klant
                .and_then(|k| k.telefoon.clone())
                .or_else(|| self.beller.clone())
                .unwrap_or_default(),
            email: klant.and_then(|k| k.email.clone()).unwrap_or_default(),
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
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    fn klant() -> Betrokkene {
        Betrokkene {
            id: Uuid::now_v7(),
            naam: "Jan de Vries".into(),
            telefoon: Some("0612345678".into()),
            email: Some("jan@voorbeeld.nl".into()),
        }
    }

    fn form(klant: Option<Betrokkene>) -> Registratie {
        let t = Utc::now();
        Registratie::new(Kanaal::Telefoon, klant, None, t - Duration::seconds(200), t)
    }

    fn typ(r: &mut Registratie, s: &str) {
        for c in s.chars() {
            r.type_char(c);
        }
    }

    #[test]
    fn limits_are_enforced_while_typing() {
        let mut r = form(None);
        typ(&mut r, &"é".repeat(250));
        assert_eq!(r.vragen[0].onderwerp.chars().count(), MAX_ONDERWERP);
        r.veld = Veld::Notitie;
        typ(&mut r, &"x".repeat(1200));
        assert_eq!(r.notitie.chars().count(), MAX_TEKST);
    }

    #[test]
    fn required_fields_are_checked_in_dutch_and_focused() {
        let mut r = form(Some(klant()));
        r.veld = Veld::Notitie;
        let err = r.build(Utc::now(), Uuid::nil(), None, "Eva").unwrap_err();
        assert_eq!(err, "Vul het onderwerp van vraag 1 in.");
        assert_eq!(r.veld, Veld::Onderwerp(0));
        typ(&mut r, "Paspoort");
        r.toggle_verzoek();
        let err = r.build(Utc::now(), Uuid::nil(), None, "Eva").unwrap_err();
        assert!(err.contains("aan wie"), "{err}");
        r.verzoek.as_mut().unwrap().aan = Some(Aan::Afdeling(Uuid::now_v7()));
        let err = r.build(Utc::now(), Uuid::nil(), None, "Eva").unwrap_err();
        assert!(err.contains("toelichting"), "{err}");
        assert_eq!(r.veld, Veld::VerzoekToelichting);
    }

    #[test]
    fn a_contactverzoek_is_prefilled_from_the_klant_and_changes_the_result() {
        let mut r = form(Some(klant()));
        assert!(r.eerste_lijn(), "afgehandeld: first line");
        r.toggle_verzoek();
        let vz = r.verzoek.as_ref().unwrap();
        assert_eq!(vz.telefoon, "0612345678");
        assert_eq!(vz.email, "jan@voorbeeld.nl");
        assert_eq!(vz.handeling, "Terugbellen");
        assert_eq!(vz.werkdagen, 1);
        assert_eq!(r.vragen[0].resultaat, Gespreksresultaat::Terugbelverzoek);
        assert!(
            !r.eerste_lijn(),
            "a callback is not settled in the first line"
        );
        r.toggle_verzoek();
        assert!(r.verzoek.is_none());
    }

    #[test]
    fn a_callback_result_needs_a_contactverzoek_and_the_other_way_round() {
        let mut r = form(Some(klant()));
        typ(&mut r, "Paspoort");
        r.vragen[0].resultaat = Gespreksresultaat::Terugbelverzoek;
        let now = Utc::now();
        let fout = r.build(now, Uuid::nil(), None, "Eva").unwrap_err();
        assert!(fout.contains("Ctrl-T"), "{fout}");
        assert_eq!(r.veld, Veld::Resultaat(0));
        // Ctrl-T adds the verzoek; removing it again puts the result back.
        r.toggle_verzoek();
        assert_eq!(r.vragen[0].resultaat, Gespreksresultaat::Terugbelverzoek);
        r.toggle_verzoek();
        assert_eq!(r.vragen[0].resultaat, Gespreksresultaat::Afgehandeld);
        assert!(r.build(now, Uuid::nil(), None, "Eva").is_ok());
        // A verzoek kept with another result is refused.
        r.toggle_verzoek();
        r.vragen[0].resultaat = Gespreksresultaat::Doorverbonden;
        let fout = r.build(now, Uuid::nil(), None, "Eva").unwrap_err();
        assert!(fout.contains("contactverzoek"), "{fout}");
    }

    #[test]
    fn several_vragen_become_one_contactmoment_with_numbered_vragen() {
        let mut r = form(Some(klant()));
        typ(&mut r, "Paspoort");
        r.add_vraag();
        typ(&mut r, "Afvalkalender");
        r.toggle_verzoek();
        let afdeling = Uuid::now_v7();
        let vz = r.verzoek.as_mut().unwrap();
        vz.aan = Some(Aan::Afdeling(afdeling));
        vz.toelichting = "Terugbellen over de ophaaldag".into();
        // With two vragen Ctrl-T leaves their results to the agent: the callback must be one.
        let now = Utc::now();
        let fout = r
            .build(now, Uuid::nil(), Some(Uuid::nil()), "Eva")
            .unwrap_err();
        assert!(fout.contains("terugbelverzoek"), "{fout}");
        assert_eq!(r.veld, Veld::Resultaat(0));
        r.vragen[1].resultaat = Gespreksresultaat::Terugbelverzoek;
        let rec = r.build(now, Uuid::nil(), Some(Uuid::nil()), "Eva").unwrap();
        assert_eq!(rec.contactmoment.onderwerp, "Paspoort");
        assert_eq!(rec.contactmoment.duur_seconden, 200);
        assert_eq!(rec.contactmoment.partij_id, r.klant.as_ref().map(|k| k.id));
        assert!(!rec.contactmoment.eerstelijns_afgehandeld);
        let nummers: Vec<i64> = rec.vragen.iter().map(|v| v.volgnummer).collect();
        assert_eq!(nummers, vec![1, 2]);
        assert!(
            rec.vragen
                .iter()
                .all(|v| v.contactmoment_id == rec.contactmoment.meta.id)
        );
        let (cv, log) = rec.verzoek.unwrap();
        assert_eq!(cv.afdeling_id, Some(afdeling));
        assert_eq!(cv.contactmoment_id, Some(rec.contactmoment.meta.id));
        assert_eq!(cv.status, "te_verwerken");
        assert_eq!(log.actie, "aangemaakt");
        assert!(cv.uiterlijk_op > now);
    }

    #[test]
    fn a_written_contact_says_which_werkdag_its_message_came_in() {
        let mut r = form(Some(klant()));
        assert!(
            !r.velden().contains(&Veld::Ontvangen),
            "telefoon: no such field"
        );
        r.veld = Veld::Kanaal;
        r.type_char('3');
        assert_eq!(r.kanaal, Kanaal::Email);
        r.next_field();
        assert_eq!(r.veld, Veld::Ontvangen, "right after the kanaal");
        let refs = Referentie::default();
        // ← goes back in time, → forward again but not past today.
        for _ in 0..3 {
            r.option(false, &refs, &|_| 1);
        }
        r.option(true, &refs, &|_| 1);
        assert_eq!(r.ontvangen_werkdagen, 2);
        r.veld = Veld::Onderwerp(0);
        typ(&mut r, "Bezwaar WOZ");
        let now = Utc::now();
        let rec = r.build(now, Uuid::nil(), None, "Eva").unwrap();
        let vandaag = now.with_timezone(&Local).date_naive();
        let ontvangen = rec.contactmoment.ontvangen_op.expect("a written channel");
        assert_eq!(
            werkdagen::werkdagen_tussen(ontvangen, vandaag, &Sluitingsdagen::default()),
            2 - u32::from(!werkdagen::is_werkdag(vandaag, &Sluitingsdagen::default())),
            "{ontvangen} is two werkdagen before {vandaag}"
        );
        // Back to telefoon: no arrival day is stored.
        r.kanaal = Kanaal::Telefoon;
        let rec = r.build(now, Uuid::nil(), None, "Eva").unwrap();
        assert_eq!(rec.contactmoment.ontvangen_op, None);
    }

    #[test]
    fn anoniem_leaves_the_betrokkene_out() {
        let mut r = form(Some(klant()));
        typ(&mut r, "Vraag over parkeren");
        r.toggle_anoniem();
        let rec = r.build(Utc::now(), Uuid::nil(), None, "Eva").unwrap();
        assert_eq!(rec.contactmoment.partij_id, None);
        let mut r = form(None);
        r.toggle_anoniem();
        assert!(r.anoniem, "without a klant it stays anonymous");
    }

    #[test]
    fn the_deadline_counts_werkdagen_and_ends_at_five() {
        // Thursday 2 April 2026 + 1 werkdag: Goede Vrijdag, weekend and Tweede Paasdag skipped.
        let d = deadline(NaiveDate::from_ymd_opt(2026, 4, 2).unwrap(), 1).with_timezone(&Local);
        assert_eq!(d.date_naive(), NaiveDate::from_ymd_opt(2026, 4, 7).unwrap());
        assert_eq!(d.format("%H:%M").to_string(), "17:00");
    }

    #[test]
    fn a_draft_survives_a_round_trip_through_json() {
        let mut r = form(Some(klant()));
        typ(&mut r, "Rijbewijs verlengen");
        r.toggle_verzoek();
        let json = serde_json::to_string(&r).unwrap();
        let back: Registratie = serde_json::from_str(&json).unwrap();
        assert_eq!(back.vragen, r.vragen);
        assert_eq!(back.verzoek, r.verzoek);
        assert_eq!(back.klant, r.klant);
        assert_eq!(back.begonnen_op, r.begonnen_op);
    }

    #[test]
    fn digits_pick_the_kanaal_and_space_flips_yes_no_fields() {
        let mut r = form(Some(klant()));
        r.veld = Veld::Kanaal;
        r.type_char('2');
        assert_eq!(r.kanaal, Kanaal::Balie);
        r.veld = Veld::EersteLijn;
        r.type_char(' ');
        assert_eq!(r.eerste_lijn, Some(false));
        r.veld = Veld::Betrokkene;
        r.type_char(' ');
        assert!(r.anoniem);
    }
}

#[cfg(test)]
mod groep_tests {
    use super::*;
    use crate::domain::{MedewerkerRegel, Referentie};

    #[test]
    fn a_contactverzoek_can_go_to_a_groep_with_its_afdelings_deadline() {
        let afdeling = Uuid::now_v7();
        let groep = Uuid::now_v7();
        let refs = Referentie {
            afdelingen: vec![(afdeling, "Belastingen".into())],
            groepen: vec![(groep, "Team WOZ en bezwaar".into(), Some(afdeling))],
            medewerkers: vec![MedewerkerRegel {
                id: Uuid::now_v7(),
                naam: "Nina".into(),
                afdeling_id: Some(afdeling),
                afdeling: Some("Belastingen".into()),
                aanwezigheid: "beschikbaar".into(),
            }],
        };
        let now = Utc::now();
        let mut r = Registratie::new(Kanaal::Telefoon, None, None, now, now);
        r.toggle_verzoek();
        let termijn = |a: Uuid| if a == afdeling { 3 } else { 1 };
        r.option(true, &refs, &termijn); // afdeling
        r.option(true, &refs, &termijn); // groep
        assert_eq!(r.verzoek.as_ref().unwrap().aan, Some(Aan::Groep(groep)));
        assert_eq!(
            r.verzoek.as_ref().unwrap().werkdagen,
            3,
            "the groep's afdeling's deadline"
        );
        r.vragen[0].onderwerp = "WOZ".into();
        let vz = r.verzoek.as_mut().unwrap();
        vz.toelichting = "Bezwaar".into();
        vz.telefoon = "0612345678".into();
        let rec = r.build(now, Uuid::nil(), None, "Eva").unwrap();
        let (cv, _) = rec.verzoek.unwrap();
        assert_eq!(
            (cv.groep_id, cv.afdeling_id, cv.medewerker_id),
            (Some(groep), None, None)
        );
    }
}

#[cfg(test)]
mod aan_tests {
    use super::*;
    use crate::domain::{MedewerkerRegel, Referentie};

    fn mens(n: u128, naam: &str, afdeling: Uuid, aanwezigheid: &str) -> MedewerkerRegel {
        MedewerkerRegel {
            id: Uuid::from_u128(n),
            naam: naam.into(),
            afdeling_id: Some(afdeling),
            afdeling: Some("Burgerzaken".into()),
            aanwezigheid: aanwezigheid.into(),
        }
    }

    fn refs(afdeling: Uuid) -> Referentie {
        Referentie {
            afdelingen: vec![(afdeling, "Burgerzaken".into())],
            groepen: vec![],
            medewerkers: vec![
                mens(1, "Fenna Dijkstra", afdeling, "beschikbaar"),
                mens(2, "Femke Jansen", afdeling, "ziek"),
                mens(3, "Éric Smit", afdeling, "beschikbaar"),
            ],
        }
    }

    #[test]
    fn letters_on_aan_find_a_colleague_and_arrows_go_through_what_matches() {
        let afdeling = Uuid::from_u128(9);
        let refs = refs(afdeling);
        let now = Utc::now();
        let mut r = Registratie::new(Kanaal::Telefoon, None, None, now, now);
        r.toggle_verzoek();
        assert_eq!(r.veld, Veld::VerzoekAan);
        let termijn = |_: Uuid| 2;
        for c in "fem".chars() {
            r.aan_zoeken(Some(c), &refs, &termijn);
        }
        let aan = |r: &Registratie| r.verzoek.as_ref().unwrap().aan;
        assert_eq!(aan(&r), Some(Aan::Medewerker(Uuid::from_u128(2))));
        assert_eq!(r.verzoek.as_ref().unwrap().werkdagen, 2);
        // One letter back: "fe" matches Fenna and Femke; → goes between them only.
        r.aan_zoeken(None, &refs, &termijn);
        assert_eq!(aan(&r), Some(Aan::Medewerker(Uuid::from_u128(1))));
        r.option(true, &refs, &termijn);
        assert_eq!(aan(&r), Some(Aan::Medewerker(Uuid::from_u128(2))));
        r.option(true, &refs, &termijn);
        assert_eq!(aan(&r), Some(Aan::Medewerker(Uuid::from_u128(1))));
        // Without diacritics; nobody found says so and keeps the choice.
        r.aan_filter.clear();
        r.aan_zoeken(Some('e'), &refs, &termijn);
        r.aan_zoeken(Some('r'), &refs, &termijn);
        r.aan_zoeken(Some('i'), &refs, &termijn);
        assert_eq!(aan(&r), Some(Aan::Medewerker(Uuid::from_u128(3))));
        r.aan_zoeken(Some('x'), &refs, &termijn);
        assert!(r.fout.as_deref().unwrap().contains("Niemand gevonden"));
        assert_eq!(aan(&r), Some(Aan::Medewerker(Uuid::from_u128(3))));
    }

    #[test]
    fn a_callback_after_a_failed_transfer_to_a_sick_colleague_goes_to_their_afdeling() {
        let afdeling = Uuid::from_u128(9);
        let refs = refs(afdeling);
        let now = Utc::now();
        let mut r = Registratie::new(Kanaal::Telefoon, None, None, now, now);
        r.beller = Some("0612345678".into());
        r.niet_bereikt = Some("Femke Jansen".into());
        r.toggle_verzoek_met(&refs, &|_| 1);
        assert_eq!(
            r.verzoek.as_ref().unwrap().aan,
            Some(Aan::Afdeling(afdeling))
        );
        assert_eq!(
            r.fout.as_deref(),
            Some("Femke Jansen is ziek: het contactverzoek gaat naar Burgerzaken.")
        );
        // One source of presence: the same word the transfer list shows.
        assert_eq!(refs.medewerkers[1].aanwezig().label(), "ziek");
        // A colleague at work gets it themselves.
        let mut r = Registratie::new(Kanaal::Telefoon, None, None, now, now);
        r.niet_bereikt = Some("Fenna Dijkstra".into());
        r.toggle_verzoek_met(&refs, &|_| 1);
        assert_eq!(
            r.verzoek.as_ref().unwrap().aan,
            Some(Aan::Medewerker(Uuid::from_u128(1)))
        );
    }
}
