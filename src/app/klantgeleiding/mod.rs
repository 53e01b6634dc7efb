//! The Klantgeleiding pane: check in a walk-in visitor (dienst by typing, a ticket number), and
//! at a balie call the next visitor, repeat the call, start, finish (which opens the
//! registration) or mark a no-show after two calls.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::domain::afspraken::Dienst;
use crate::domain::klantgeleiding::{
    Bezoek, DagAfspraak, GEPARKEERD, IN_BEHANDELING, KLAAR, NO_SHOW, OPGEROEPEN, Verwacht, WACHTEND,
};
use crate::domain::kpi;

pub mod jobs;
pub mod keys;
mod update;
pub mod view;
pub use update::update;

/// What the Klantgeleiding pane is told: the receptie's and balie's keys, the dagagenda, and what the store and the server reported.
#[derive(Debug, Clone, PartialEq)]
pub enum KgMsg {
    /// Klantgeleiding: check-in and calling at the balie.
    Inchecken,
    Char(char),
    Backspace,
    /// Moving or deleting in the check-in's search (←, →, Home, End, Delete, Ctrl-W).
    Edit(crate::app::text_field::Edit),
    Up,
    Down,
    /// PgUp/PgDn in the check-in picker.
    Lijst(crate::app::list_cursor::Move),
    Choose,
    /// Ctrl-K while checking in: link the klant open in Zaak/Klant to this ticket, or not.
    KlantKoppelen,
    /// Ctrl-Z: undo the last k (klaar) or x (niet verschenen) within ten seconds.
    Ongedaan,
    Back,
    Volgende,
    /// h (call again), s (start), k (done), x (no-show).
    Stap(char),
    /// `a` in Klantgeleiding: check in a visitor with an afspraak.
    Afspraak,
    /// Send the current visitor on to another dienst or balie (opens the picker).
    Doorsturen,
    Parkeren,
    Hervatten,
    /// The balies and spreekkamers with the diensten they serve.
    PlekkenGeladen(Vec<(String, Vec<String>)>),
    /// `m` in Klantgeleiding: an afspraak for the open klant or the visitor being helped.
    AfspraakMaken,
    /// The day agenda: open, its rows, moving through it, and marking.
    Agenda,
    AgendaGeladen(
        chrono::NaiveDate,
        Vec<crate::domain::klantgeleiding::DagAfspraak>,
    ),
    AgendaUp,
    AgendaDown,
    /// PgUp/PgDn/Home/End in the day agenda.
    AgendaLijst(crate::app::list_cursor::Move),
    AgendaBron(i32),
    AgendaDag(i64),
    AgendaInchecken,
    AgendaNoShow,
    AgendaClose,
    /// An afspraak marked niet verschenen.
    AfspraakNietVerschenen(Box<crate::domain::afspraken::Afspraak>),
    AfsprakenVandaag(Vec<crate::domain::klantgeleiding::DagAfspraak>),
    Ingecheckt(Box<crate::domain::klantgeleiding::Bezoek>),
    /// The store's answer to call-next: who this balie calls now, or why nobody.
    Opgeroepen(Result<Box<crate::store::klantgeleiding::Oproep>, String>),
    /// A step at the counter lost to another desk (the notice says who has the visitor).
    Verloren(String),
    /// `SERVER_WACHT` has passed since this visitor was called online: when the server has not
    /// given its verdict yet, the call stands from this desk's own file (as offline).
    ServerStil(uuid::Uuid),
    /// Today's open bezoeken, the average handling time per dienst (seconds), and the balies
    /// signed in.
    BezoekenGeladen(
        Vec<crate::domain::klantgeleiding::Bezoek>,
        Vec<(String, i64)>,
        Vec<String>,
    ),
}

/// I/O for the counter.
#[derive(Debug, Clone, PartialEq)]
pub enum KgEffect {
    Inchecken {
        dienst: String,
        prefix: String,
        partij: Option<Uuid>,
    },
    /// A step for a visitor (recall, start, finish, no-show, send on, park, resume): saved only
    /// when the stored bezoek is still as this desk saw it (the precondition).
    Bewaar(Box<Bezoek>, Verwacht),
    /// Call the next visitor for this balie: the store picks and claims one that still waits.
    Volgende {
        balie: String,
        diensten: Vec<String>,
    },
    /// Sign this balie in (true, at the start) or out (leaving the desk).
    Aanmelden(bool),
    Laad,
    /// Today's afspraken still to come in.
    LaadAfspraken,
    AfspraakInchecken(Box<DagAfspraak>),
    /// The day agenda of this day.
    LaadAgenda(NaiveDate),
    /// The klant did not come to this afspraak.
    AfspraakNoShow(Uuid),
}

/// Whose agenda is shown: a balie or spreekkamer, or a medewerker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaBron {
    Plek(String),
    Medewerker(String),
}

/// The day agenda per balie/spreekkamer and per medewerker.
#[derive(Debug, Clone, PartialEq)]
pub struct Agenda {
    pub dag: NaiveDate,
    /// Every afspraak of the day; None while loading.
    pub regels: Option<Vec<DagAfspraak>>,
    /// Which of `bronnen()` is shown.
    pub bron: usize,
    pub selected: crate::app::list_cursor::ListCursor,
}

impl Agenda {
    /// The balies and spreekkamers with afspraken that day, then the medewerkers.
    pub fn bronnen(&self) -> Vec<AgendaBron> {
        let regels = self.regels.as_deref().unwrap_or_default();
        let mut plekken: Vec<&str> = regels.iter().map(|r| r.locatie.as_str()).collect();
        plekken.sort_unstable();
        plekken.dedup();
        let mut mensen: Vec<&str> = regels
            .iter()
            .filter_map(|r| r.medewerker.as_deref())
            .collect();
        mensen.sort_unstable();
        mensen.dedup();
        plekken
            .into_iter()
            .map(|p| AgendaBron::Plek(p.into()))
            .chain(mensen.into_iter().map(|m| AgendaBron::Medewerker(m.into())))
            .collect()
    }

    /// The afspraken of the shown balie or medewerker, by time.
    pub fn getoond(&self) -> Vec<&DagAfspraak> {
        let Some(bron) = self.bronnen().get(self.bron).cloned() else {
            return Vec::new();
        };
        self.regels
            .as_deref()
            .unwrap_or_default()
            .iter()
            .filter(|r| match &bron {
                AgendaBron::Plek(p) => &r.locatie == p,
                AgendaBron::Medewerker(m) => r.medewerker.as_ref() == Some(m),
            })
            .collect()
    }

    pub fn gekozen(&self) -> Option<&DagAfspraak> {
        self.selected.get(&self.getoond()).copied()
    }

    /// `x`: the klant did not come. Only a planned afspraak whose time has begun.
    pub fn niet_verschenen(&self, now: DateTime<Utc>) -> Result<KgEffect, String> {
        let a = self.gekozen().ok_or("Geen afspraak gekozen.")?;
        if a.status != "gepland" {
            return Err(format!(
                "Alleen een geplande afspraak kan op niet verschenen (deze is {}).",
                a.status
            ));
        }
        if a.begin_op > now {
            return Err(format!(
                "Nog niet: de afspraak begint om {}.",
                a.begin_op.with_timezone(&chrono::Local).format("%H:%M")
            ));
        }
        Ok(KgEffect::AfspraakNoShow(a.id))
    }

    /// `i`: check the chosen afspraak in (today's planned ones only).
    pub fn inchecken(&self, vandaag: NaiveDate) -> Result<KgEffect, String> {
        let a = self.gekozen().ok_or("Geen afspraak gekozen.")?;
        if self.dag != vandaag {
            return Err("Inchecken kan alleen voor afspraken van vandaag.".into());
        }
        if a.status != "gepland" {
            return Err(format!("Deze afspraak is al {}.", a.status));
        }
        Ok(KgEffect::AfspraakInchecken(Box::new(a.clone())))
    }
}

/// Choosing the dienst for a walk-in: typed filter and selection.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Inchecken {
    pub filter: crate::app::text_field::TextField,
    pub selected: crate::app::list_cursor::ListCursor,
    /// Checking in an afspraak (find it by name, time or balie) rather than a walk-in.
    pub afspraak: bool,
    /// Sending the current visitor on to another dienst or balie rather than checking in.
    pub doorsturen: bool,
    /// The klant open in Zaak/Klant is linked to the ticket: only when asked (Ctrl-K), never
    /// because they happen to be on screen.
    pub klant_koppelen: bool,
}

/// Where a visitor is sent on to: the queue of a dienst, or one balie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bestemming {
    Dienst(String),
    Balie(String),
}

impl Bestemming {
    pub fn label(&self) -> String {
        match self {
            Bestemming::Dienst(d) => format!("Dienst  {d}"),
            Bestemming::Balie(b) => format!("Balie   {b}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct KlantgeleidingPane {
    /// The building (ticket numbers are per location and day).
    pub locatie: String,
    /// The balie this desk is, when it calls visitors.
    pub balie: Option<String>,
    /// The diensten this balie calls for (empty: every walk-in dienst).
    pub balie_diensten: Vec<String>,
    /// Today's open bezoeken, by arrival.
    pub bezoeken: Vec<Bezoek>,
    /// The visitor this balie called or is helping.
    pub huidig: Option<Uuid>,
    pub inchecken: Option<Inchecken>,
    /// The last ticket handed out (shown big for the receptie).
    pub laatste_ticket: Option<(String, String)>,
    /// Today's afspraken still to come in.
    pub vandaag: Vec<DagAfspraak>,
    /// Average handling time per dienst today, seconds.
    pub behandeltijden: Vec<(String, i64)>,
    /// The balies and spreekkamers (for sending a visitor on).
    pub plekken: Vec<String>,
    /// The day agenda, when open.
    pub agenda: Option<Agenda>,
    /// Bezoekersregistratie or the till, when open.
    pub venster: Option<super::kas::Venster>,
    /// Visitors for staff now in the building.
    pub in_gebouw: Vec<crate::domain::klantgeleiding::Bezoeker>,
    /// The balies signed in today at this location (open, also with nobody at them).
    pub open_balies: Vec<String>,
    /// Whether this desk signed its balie in (and so signs it out when leaving).
    pub aangemeld: bool,
    /// Said before the next call's notice: why the previous call did not hold (the shared
    /// database gave that visitor to another balie).
    pub vooraf: Option<String>,
    /// The last `k` or `x`, undoable with Ctrl-Z for `ONGEDAAN_S` seconds.
    pub ongedaan: Option<Ongedaan>,
    /// The visitor whose contact was registered while they were still at the balie (F5): `k`
    /// then opens no second wrap-up for them.
    pub geregistreerd: Option<Uuid>,
    /// Online (`[sync]` and the last round succeeded) a call is announced only when the server
    /// accepted it: the visitor claimed in this desk's own file, waiting for the verdict.
    pub beslissing: Option<Beslissing>,
    /// The server's latest verdicts on this desk's calls (visitor, accepted, when heard), newest
    /// last: a verdict can arrive before the store's answer to `v` does. Kept for
    /// `SERVER_WACHT` only, so a verdict on an older call of the same visitor never counts.
    pub uitspraken: Vec<(Uuid, bool, DateTime<Utc>)>,
}

/// How long a `k` (klaar) or `x` (niet verschenen) can be undone, seconds.
pub const ONGEDAAN_S: i64 = 10;

/// A finished or no-show visitor as they were before, and the state the step left them in
/// (the precondition of undoing it), until when.
#[derive(Debug, Clone, PartialEq)]
pub struct Ongedaan {
    pub voor: Bezoek,
    pub na: Verwacht,
    pub tot: DateTime<Utc>,
    /// The wrap-up `k` opened, as it opened: undoing closes it while nothing was typed in it.
    pub registratie: Option<Box<super::registratie::Registratie>>,
}

/// How long an online balie waits for the server's verdict on a call before it announces the
/// call from its own file (as offline) and says so.
pub const SERVER_WACHT: std::time::Duration = std::time::Duration::from_secs(2);

/// Said when the server did not answer in time (or went away): the call stands from this desk.
pub const SERVER_STIL: &str =
    "Server antwoordt niet: opgeroepen vanaf deze desk; een weigering volgt later.";

/// Verdicts remembered in [`KlantgeleidingPane::uitspraken`].
const UITSPRAKEN: usize = 32;

/// A call claimed in this desk's file whose verdict the server has not given yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Beslissing {
    pub bezoek: Bezoek,
    /// Said before the announcement: whom other desks took first.
    pub voor: String,
}

impl Default for KlantgeleidingPane {
    fn default() -> Self {
        KlantgeleidingPane {
            locatie: "Stadskantoor".into(),
            balie: None,
            balie_diensten: Vec::new(),
            bezoeken: Vec::new(),
            huidig: None,
            inchecken: None,
            laatste_ticket: None,
            vandaag: Vec::new(),
            behandeltijden: Vec::new(),
            plekken: Vec::new(),
            agenda: None,
            venster: None,
            in_gebouw: Vec::new(),
            open_balies: Vec::new(),
            aangemeld: false,
            vooraf: None,
            ongedaan: None,
            geregistreerd: None,
            beslissing: None,
            uitspraken: Vec::new(),
        }
    }
}

impl KlantgeleidingPane {
    /// The walk-in diensten matching the typed filter.
    pub fn keuzes<'a>(&self, diensten: &'a [Dienst]) -> Vec<&'a Dienst> {
        let filter = self
            .inchecken
            .as_ref()
            .map(|i| i.filter.to_lowercase())
            .unwrap_or_default();
        // A word that starts with what was typed ranks above a match inside a word.
        let mut keuzes: Vec<(bool, &Dienst)> = diensten
            .iter()
            .filter(|d| d.vorm == "inloop")
            .filter_map(|d| {
                let naam = d.naam.to_lowercase();
                let begin = naam.split_whitespace().any(|w| w.starts_with(&filter));
                (begin || naam.contains(&filter)).then_some((!begin, d))
            })
            .collect();
        keuzes.sort_by_key(|(binnen, _)| *binnen);
        keuzes.into_iter().map(|(_, d)| d).collect()
    }

    /// Today's afspraken matching the typed text (klant, time "09:15", balie or product).
    pub fn afspraak_keuzes(&self) -> Vec<&DagAfspraak> {
        let filter = self
            .inchecken
            .as_ref()
            .map(|i| i.filter.to_lowercase())
            .unwrap_or_default();
        self.vandaag
            .iter()
            .filter(|a| {
                let tijd = a
                    .begin_op
                    .with_timezone(&chrono::Local)
                    .format("%H:%M")
                    .to_string();
                [
                    a.klant.to_lowercase(),
                    tijd,
                    a.locatie.to_lowercase(),
                    a.product.to_lowercase(),
                ]
                .iter()
                .any(|v| v.contains(&filter))
            })
            .collect()
    }

    /// Where the current visitor can be sent: the walk-in diensten, then every balie and
    /// spreekkamer (and the balies calling today) but this one, matching the typed text.
    pub fn doorstuur_keuzes(&self, diensten: &[Dienst]) -> Vec<Bestemming> {
        let filter = self
            .inchecken
            .as_ref()
            .map(|i| i.filter.to_lowercase())
            .unwrap_or_default();
        let mut balies: Vec<&str> = self
            .plekken
            .iter()
            .map(String::as_str)
            .chain(self.bezoeken.iter().filter_map(|b| b.balie.as_deref()))
            .filter(|b| Some(*b) != self.balie.as_deref())
            .collect();
        balies.sort_unstable();
        balies.dedup();
        diensten
            .iter()
            .filter(|d| d.vorm == "inloop")
            .map(|d| Bestemming::Dienst(d.naam.clone()))
            .chain(balies.into_iter().map(|b| Bestemming::Balie(b.to_string())))
            .filter(|b| b.label().to_lowercase().contains(&filter))
            .collect()
    }

    /// Send the current visitor on: they wait again, keeping their arrival time (so they do not
    /// go to the back of the line), for the other dienst or for that balie only.
    pub fn doorsturen(&mut self, naar: Bestemming) -> Result<KgEffect, String> {
        self.niet_tijdens_beslissing()?;
        let Some(mut b) = self.huidig_bezoek().cloned() else {
            return Err("Er is niemand opgeroepen om door te sturen.".into());
        };
        let verwacht = Verwacht::van(&b);
        match naar {
            Bestemming::Dienst(d) => {
                b.dienst = d;
                b.balie = None;
            }
            Bestemming::Balie(p) => b.balie = Some(p),
        }
        b.status = WACHTEND.into();
        b.oproepen = 0;
        b.opgeroepen_op = None;
        b.geholpen_op = None;
        // An afspraak's visitor sent on is called in arrival order there, not at the slot time.
        b.afspraak_op = None;
        self.huidig = None;
        Ok(KgEffect::Bewaar(Box::new(b), verwacht))
    }

    /// Park the current visitor (they fetch a document); the balie can call others meanwhile.
    pub fn parkeren(&mut self) -> Result<KgEffect, String> {
        self.niet_tijdens_beslissing()?;
        let Some(mut b) = self.huidig_bezoek().cloned() else {
            return Err("Er is niemand opgeroepen om te parkeren.".into());
        };
        let verwacht = Verwacht::van(&b);
        b.status = GEPARKEERD.into();
        self.huidig = None;
        Ok(KgEffect::Bewaar(Box::new(b), verwacht))
    }

    /// Resume the visitor this balie parked first.
    pub fn hervatten(&mut self, now: DateTime<Utc>) -> Result<KgEffect, String> {
        self.niet_tijdens_beslissing()?;
        if let Some(h) = self.huidig_bezoek() {
            return Err(format!(
                "Rond eerst {} af of parkeer het (p) voor u hervat.",
                h.nummer
            ));
        }
        let Some(mut b) = self.geparkeerd().first().map(|b| (*b).clone()) else {
            return Err("Er is niemand geparkeerd aan deze balie.".into());
        };
        let verwacht = Verwacht::van(&b);
        b.status = IN_BEHANDELING.into();
        b.geholpen_op.get_or_insert(now);
        self.huidig = Some(b.meta.id);
        // The list shows them helped at once (the store's answer reloads it), so a next key
        // acts on what the balie sees, not on the parked state it left.
        if let Some(x) = self.bezoeken.iter_mut().find(|x| x.meta.id == b.meta.id) {
            *x = b.clone();
        }
        Ok(KgEffect::Bewaar(Box::new(b), verwacht))
    }

    /// The visitors this balie parked, first parked first.
    pub fn geparkeerd(&self) -> Vec<&Bezoek> {
        let mut v: Vec<&Bezoek> = self
            .bezoeken
            .iter()
            .filter(|b| b.status == GEPARKEERD && b.balie == self.balie)
            .collect();
        v.sort_by_key(|b| b.meta.updated_at);
        v
    }

    pub fn huidig_bezoek(&self) -> Option<&Bezoek> {
        let id = self.huidig?;
        self.bezoeken.iter().find(|b| b.meta.id == id)
    }

    /// "Volgende": ask the store to call the longest-waiting visitor for this balie's diensten
    /// (afspraken whose time has come first; see `domain::klantgeleiding::volgorde`). The store
    /// decides and claims, so two balies pressing `v` at once never call the same visitor; the
    /// answer comes back as `Action::Kg(KgMsg::Opgeroepen)` and [`Self::opgeroepen`].
    pub fn volgende(&mut self) -> Result<KgEffect, String> {
        self.niet_tijdens_beslissing()?;
        let Some(balie) = self.balie.clone() else {
            return Err(
                "Deze desk is geen balie: zet naam = \"...\" onder [balie] in config.toml.".into(),
            );
        };
        if let Some(h) = self.huidig_bezoek() {
            return Err(format!(
                "Rond eerst {} af: k klaar, of x niet verschenen na twee keer oproepen.",
                h.nummer
            ));
        }
        Ok(KgEffect::Volgende {
            balie,
            diensten: self.balie_diensten.clone(),
        })
    }

    /// Refused while a call waits for the server's verdict (the counter's keys wait for it).
    pub fn niet_tijdens_beslissing(&self) -> Result<(), String> {
        match &self.beslissing {
            Some(_) => Err("Even geduld: de server beslist nog over uw oproep.".into()),
            None => Ok(()),
        }
    }

    /// The server's verdict on a call of this desk (true: accepted), heard at `nu`, remembered.
    pub fn uitspraak(&mut self, bezoek: Uuid, toegepast: bool, nu: DateTime<Utc>) {
        self.uitspraken.retain(|(b, _, _)| *b != bezoek);
        self.uitspraken.push((bezoek, toegepast, nu));
        if self.uitspraken.len() > UITSPRAKEN {
            self.uitspraken.remove(0);
        }
    }

    /// The server's verdict on `bezoek` heard within `SERVER_WACHT` before `nu`, taken (it
    /// answers one call).
    pub fn uitspraak_over(&mut self, bezoek: Uuid, nu: DateTime<Utc>) -> Option<bool> {
        let vers = chrono::TimeDelta::from_std(SERVER_WACHT).unwrap_or_default();
        self.uitspraken.retain(|(_, _, t)| nu - *t <= vers);
        let i = self.uitspraken.iter().position(|(b, _, _)| *b == bezoek)?;
        Some(self.uitspraken.remove(i).1)
    }

    /// The store called `b` for this balie: it is the visitor in hand now.
    pub fn opgeroepen(&mut self, b: Bezoek) {
        self.huidig = Some(b.meta.id);
        match self.bezoeken.iter_mut().find(|x| x.meta.id == b.meta.id) {
            Some(x) => *x = b,
            None => self.bezoeken.push(b),
        }
    }

    /// A step for the visitor being served: `h` call again, `s` start, `k` done, `x` no-show.
    pub fn stap(&mut self, wat: char, now: DateTime<Utc>) -> Result<KgEffect, String> {
        self.niet_tijdens_beslissing()?;
        let Some(mut b) = self.huidig_bezoek().cloned() else {
            return Err("Er is niemand opgeroepen; v roept de volgende op.".into());
        };
        let verwacht = Verwacht::van(&b);
        let voor = b.clone();
        match wat {
            'h' if b.status == OPGEROEPEN => {
                b.oproepen = b.oproepen.saturating_add(1);
                b.opgeroepen_op = Some(now);
            }
            's' if b.status == OPGEROEPEN => {
                b.status = IN_BEHANDELING.into();
                b.geholpen_op = Some(now);
            }
            'k' if b.status == OPGEROEPEN || b.status == IN_BEHANDELING => {
                b.status = KLAAR.into();
                b.geholpen_op.get_or_insert(now);
                b.klaar_op = Some(now);
                self.huidig = None;
            }
            'x' if b.status == OPGEROEPEN && b.oproepen >= 2 => {
                b.status = NO_SHOW.into();
                self.huidig = None;
            }
            'x' if b.status == OPGEROEPEN => {
                return Err(format!(
                    "{} is pas {} keer opgeroepen; roep eerst nog eens op (h).",
                    b.nummer, b.oproepen
                ));
            }
            _ if b.status == GEPARKEERD => {
                return Err(format!(
                    "{} is geparkeerd: hervat eerst (r), of wacht tot de balie is bijgewerkt.",
                    b.nummer
                ));
            }
            _ => return Err(format!("{} is al in behandeling.", b.nummer)),
        }
        // A visitor finished or sent away by a slip of the finger can be had back.
        if b.status == KLAAR || b.status == NO_SHOW {
            self.ongedaan = Some(Ongedaan {
                voor,
                na: Verwacht::van(&b),
                tot: now + chrono::Duration::seconds(ONGEDAAN_S),
                registratie: None,
            });
        }
        Ok(KgEffect::Bewaar(Box::new(b), verwacht))
    }

    /// Ctrl-Z: undo the last `k` or `x` within `ONGEDAAN_S` seconds: the visitor is back at
    /// this balie as they were (a compare-and-set on the state the step left them in, so a
    /// visitor another desk has meanwhile touched is not taken back).
    pub fn ongedaan_maken(&mut self, now: DateTime<Utc>) -> Result<KgEffect, String> {
        let Some(o) = self.ongedaan.take() else {
            return Err("Er is geen klaar of niet verschenen om ongedaan te maken.".into());
        };
        if now > o.tot {
            return Err(format!(
                "{} kan niet meer ongedaan worden gemaakt (dat kan {ONGEDAAN_S} seconden).",
                o.voor.nummer
            ));
        }
        if let Some(h) = self.huidig_bezoek() {
            let nummer = h.nummer.clone();
            self.ongedaan = Some(o);
            return Err(format!(
                "U helpt nu {nummer}: rond die eerst af voor u {} terughaalt.",
                self.ongedaan
                    .as_ref()
                    .map_or("", |o| o.voor.nummer.as_str())
            ));
        }
        self.huidig = Some(o.voor.meta.id);
        match self
            .bezoeken
            .iter_mut()
            .find(|b| b.meta.id == o.voor.meta.id)
        {
            Some(b) => *b = o.voor.clone(),
            None => self.bezoeken.push(o.voor.clone()),
        }
        Ok(KgEffect::Bewaar(Box::new(o.voor), o.na))
    }

    /// The store's list. The visitor in hand is what the store says: the one called to or
    /// helped at this balie (so a balie restarted after a crash has its visitor back, and a
    /// step another desk won is let go).
    pub fn geladen(&mut self, bezoeken: Vec<Bezoek>) {
        self.bezoeken = bezoeken;
        if self.beslissing.is_some() {
            // The call in this desk's file is not ours until the server says so.
            self.huidig = None;
            return;
        }
        let balie = self.balie.clone();
        let van_mij = |b: &Bezoek| {
            balie.is_some()
                && b.balie == balie
                && (b.status == OPGEROEPEN || b.status == IN_BEHANDELING)
        };
        if !self.huidig_bezoek().is_some_and(van_mij) {
            self.huidig = self
                .bezoeken
                .iter()
                .filter(|b| van_mij(b))
                .max_by_key(|b| b.opgeroepen_op)
                .map(|b| b.meta.id);
        }
    }
}

/// The estimated wait for someone checking in now for `dienst`, seconds, by
/// `kpi::verwachte_wacht`: those waiting times today's handling time of the dienst (else its
/// planned duration), shared over the balies open now (signed in, or calling someone) that serve the dienst by
/// their plek record (`plekken`, as `State::plekken`), at least one.
pub fn verwachte_wacht(
    kg: &KlantgeleidingPane,
    diensten: &[Dienst],
    plekken: &[(String, Vec<String>)],
    dienst: &str,
) -> i64 {
    let wachtend = kg
        .bezoeken
        .iter()
        .filter(|b| b.status == WACHTEND && b.dienst == dienst)
        .count();
    let behandeltijd = kg
        .behandeltijden
        .iter()
        .find(|(d, _)| d == dienst)
        .map(|(_, s)| *s)
        .filter(|s| *s > 0);
    let gepland = diensten
        .iter()
        .find(|d| d.naam == dienst)
        .map_or(600, |d| i64::from(d.duur_minuten) * 60);
    let mut balies: Vec<&str> = kg
        .bezoeken
        .iter()
        .filter(|b| b.status == OPGEROEPEN || b.status == IN_BEHANDELING)
        .filter_map(|b| b.balie.as_deref())
        .chain(kg.open_balies.iter().map(String::as_str))
        .filter(|b| kpi::bedient(plekken, b, dienst))
        .collect();
    balies.sort_unstable();
    balies.dedup();
    kpi::verwachte_wacht(
        u32::try_from(wachtend).unwrap_or(u32::MAX),
        behandeltijd,
        gepland,
        balies.len(),
    )
}

/// Per dienst: how many wait and the longest wait in seconds.
pub fn per_dienst(bezoeken: &[Bezoek], now: DateTime<Utc>) -> Vec<(String, usize, i64)> {
    let mut uit: Vec<(String, usize, i64)> = Vec::new();
    for b in bezoeken.iter().filter(|b| b.status == WACHTEND) {
        let wacht = (now - b.aangekomen_op).num_seconds().max(0);
        match uit.iter_mut().find(|(d, _, _)| *d == b.dienst) {
            Some(r) => {
                r.1 += 1;
                r.2 = r.2.max(wacht);
            }
            None => uit.push((b.dienst.clone(), 1, wacht)),
        }
    }
    uit.sort();
    uit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimated_wait_uses_todays_handling_times_and_the_open_balies_for_the_dienst() {
        let now = Utc::now();
        let b = |nummer: &str, status: &str, balie: Option<&str>| Bezoek {
            meta: crate::domain::RecordMeta::new(now, Uuid::nil()),
            dag: now.date_naive(),
            locatie: "Stadskantoor".into(),
            nummer: nummer.into(),
            volgnummer: 1,
            dienst: "Ophalen".into(),
            partij_id: None,
            aangekomen_op: now,
            opgeroepen_op: None,
            oproepen: 0,
            balie: balie.map(String::from),
            geholpen_op: None,
            klaar_op: None,
            status: status.into(),
            afspraak_id: None,
            afspraak_op: None,
        };
        let diensten = vec![Dienst {
            naam: "Ophalen".into(),
            vorm: "inloop".into(),
            duur_minuten: 5,
            prefix: "S".into(),
            artikel: None,
        }];
        // Balie 3 is a plek for afspraken of another dienst only; the snelbalies have no plek
        // record and serve every walk-in dienst.
        let plekken = vec![("Balie 3".to_string(), vec!["Paspoort".to_string()])];
        let mut kg = KlantgeleidingPane {
            bezoeken: vec![b("S-001", WACHTEND, None), b("S-002", WACHTEND, None)],
            ..Default::default()
        };
        // No handling times yet: the planned 5 minutes, one balie.
        assert_eq!(
            verwachte_wacht(&kg, &diensten, &plekken, "Ophalen"),
            2 * 300
        );
        // Today's average is 4 minutes, and two snelbalies are calling.
        kg.behandeltijden = vec![("Ophalen".into(), 240)];
        kg.bezoeken
            .push(b("S-003", IN_BEHANDELING, Some("Snelbalie 1")));
        kg.bezoeken
            .push(b("S-004", OPGEROEPEN, Some("Snelbalie 2")));
        assert_eq!(
            verwachte_wacht(&kg, &diensten, &plekken, "Ophalen"),
            2 * 240 / 2
        );
        // A balie calling for another dienst does not shorten this queue.
        kg.bezoeken
            .push(b("P-001", IN_BEHANDELING, Some("Balie 3")));
        assert_eq!(
            verwachte_wacht(&kg, &diensten, &plekken, "Ophalen"),
            2 * 240 / 2
        );
        // A third snelbalie signed in with nobody at it is open too; a signed-in balie also
        // calling is counted once.
        kg.open_balies = vec!["Snelbalie 1".into(), "Snelbalie 3".into()];
        assert_eq!(
            verwachte_wacht(&kg, &diensten, &plekken, "Ophalen"),
            2 * 240 / 3
        );
        kg.open_balies.clear();
        // Only handlings of 0 s today (finished straight from the call): the planned duration.
        kg.behandeltijden = vec![("Ophalen".into(), 0)];
        assert_eq!(
            verwachte_wacht(&kg, &diensten, &plekken, "Ophalen"),
            2 * 300 / 2
        );
    }
}
