//! State of the telephone queue at this desk: who waits, this agent's state and call, the
//! day's service level, and the calls to record. Changed only by `update`, from the call
//! source's events and the agent's keys; the records and commands it produces are effects.

use std::collections::HashMap;

use chrono::{DateTime, Local, Utc};
use uuid::Uuid;

use crate::domain::RecordMeta;
use crate::domain::kpi::{self, Normen, TelefoonKpi};
use crate::domain::telefonie::{AgentStatus, Doorverbinding, Gesprek, StatusWissel};
use crate::telefonie::{TelCommand, TelEvent};

pub mod jobs;
pub mod keys;
#[cfg(test)]
mod tests;
mod update;
pub mod view;
pub use update::update;

/// What the telephone queue is told: the call source's events, the agent's keys, and what the store reported.
#[derive(Debug, Clone, PartialEq)]
pub enum TelMsg {
    /// Telephone queue: what the call source reports, with its clock.
    Events {
        nu: DateTime<Utc>,
        events: Vec<crate::telefonie::TelEvent>,
    },
    /// F6: answer the offered call, or hang up.
    AannemenOphangen,
    /// F7: hold / resume.
    Wacht,
    /// F8: warm transfer (opens the list).
    Doorverbinden,
    /// A letter typed in the transfer list: narrows it (never an action).
    ZoekChar(char),
    ZoekBackspace,
    /// Moving or deleting in the transfer picker's search (←, →, Home, End, Delete, Ctrl-W).
    ZoekEdit(crate::app::text_field::Edit),
    Beschikbaar,
    Pauze,
    PauzeReden(u8),
    Afmelden,
    KiesUp,
    KiesDown,
    /// PgUp/PgDn in the transfer picker.
    KiesLijst(crate::app::list_cursor::Move),
    /// Transfer to the chosen one; `true`: wait behind a busy colleague.
    Kies(bool),
    KiesBack,
    /// Phone numbers of known klanten (for the simulator's callers).
    Telefoonnummers(Vec<String>),
    /// The klant behind a caller's number (or none).
    /// Today's stored calls of this desk's queue (its figures after a restart).
    GesprekkenVandaag(Vec<(crate::domain::telefonie::Gesprek, Option<i64>)>),
    NummerHerkend {
        nummer: String,
        beller: Beller,
    },
}

/// I/O for the telephone queue.
#[derive(Debug, Clone, PartialEq)]
pub enum TelEffect {
    Command(TelCommand),
    BewaarGesprek(Box<Gesprek>),
    BewaarStatus(Box<StatusWissel>),
    /// A colleague the simulator plays changed state: recorded (demo and training only), so
    /// the floor view has a team to show.
    BewaarCollega {
        naam: String,
        status: AgentStatus,
        op: DateTime<Utc>,
    },
    /// Is this number a known klant's?
    HerkenNummer(String),
    /// Today's calls of this desk's queue from the store (its figures after a restart):
    /// `Some(desk)` its simulator's, `None` the exchange's.
    LaadVandaag(Option<Uuid>),
}

pub use crate::telefonie::{REDEN_GESPREK_WEG_BIJ_HERVERBINDEN, REDEN_WEG_BIJ_HERVERBINDEN};

/// Callers, calls followed, colleagues and looked-up numbers held at once: whatever the source
/// sends, the desk's state stays this small (the oldest go first).
pub const MAX_GEVOLGD: usize = 500;

/// Today's calls kept for the figures: far more than a KCC takes in a day (the oldest go).
pub const MAX_VANDAAG: usize = 20_000;

/// Why there is no connection with the PBX, and when the source tries again.
#[derive(Debug, Clone, PartialEq)]
pub struct GeenVerbinding {
    /// Short, in Dutch (the detail is in the log).
    pub reden: String,
    pub opnieuw_op: DateTime<Utc>,
}

/// A caller in the queue.
#[derive(Debug, Clone, PartialEq)]
pub struct Wachtende {
    pub id: String,
    pub nummer: String,
    pub keuze: String,
    pub terugval: bool,
    pub sinds: DateTime<Utc>,
}

/// The call this agent is in.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiefGesprek {
    pub id: String,
    pub nummer: String,
    pub keuze: String,
    pub aangenomen_op: DateTime<Utc>,
    pub in_wacht: bool,
    /// A warm transfer under way, to whom.
    pub doorverbinden: Option<String>,
    /// The last transfer that was not picked up: the contactverzoek goes there.
    pub niet_opgenomen: Option<String>,
}

/// The transfer picker: afdelingen and colleagues with their presence.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DoorverbindKeuze {
    pub selected: crate::app::list_cursor::ListCursor,
    /// Typed letters narrow the list (name or afdeling, any case, without diacritics).
    pub filter: crate::app::text_field::TextField,
}

/// The call being wrapped up: its record, the caller, when answered and ended, and where it
/// was transferred to (when it was).
#[derive(Debug, Clone, PartialEq)]
pub struct Nawerk {
    pub gesprek_id: Uuid,
    pub nummer: String,
    pub begin: DateTime<Utc>,
    pub einde: DateTime<Utc>,
    pub doorverbonden_naar: Option<String>,
    /// A transfer that was not picked up (the contactverzoek goes there).
    pub niet_bereikt: Option<String>,
}

/// A known klant behind a number: id and name.
pub type Beller = Option<(Uuid, String)>;

#[derive(Debug, Clone, PartialEq)]
pub struct Telefonie {
    /// A call source is configured.
    pub actief: bool,
    pub verbonden: bool,
    /// Not connected: why, and when the next attempt is made (None: connecting, no failure
    /// reported yet).
    pub geen_verbinding: Option<GeenVerbinding>,
    /// When the connection was lost (this agent's call ended at the latest then, when the PBX
    /// no longer has it after the reconnect).
    pub verbroken_op: Option<DateTime<Utc>>,
    /// The call source's clock (the simulator's may run faster than the wall clock).
    pub nu: DateTime<Utc>,
    pub wachtenden: Vec<Wachtende>,
    pub status: AgentStatus,
    pub status_sinds: DateTime<Utc>,
    pub pauze_reden: Option<String>,
    pub aangeboden: Option<String>,
    pub gesprek: Option<ActiefGesprek>,
    pub nawerk_sinds: Option<DateTime<Utc>>,
    /// Today's calls that left the queue (answered or abandoned), with the after-call work of
    /// the ones registered at this desk: the same input the floor and the report read from the
    /// database, so `kpi()` gives the figures they give.
    pub vandaag: Vec<(Gesprek, Option<i64>)>,
    /// Calls seen and not yet ended, to be recorded.
    pub lopend: HashMap<String, Gesprek>,
    /// Numbers looked up: the klant, or None when unknown.
    pub bellers: HashMap<String, Beller>,
    /// The norm for answering, seconds (servicenorm).
    pub norm_s: i64,
    /// The limit of after-call work, seconds.
    pub nawerk_max_s: i64,
    pub automatisch_aannemen: bool,
    /// A real PBX: calls are answered, held and transferred on the phone itself.
    pub op_toestel: bool,
    /// Choosing a pause reason.
    pub pauze_kiezen: bool,
    pub doorverbind_keuze: Option<DoorverbindKeuze>,
    /// The record of the call just ended, linked to its wrap-up.
    pub laatste_gesprek: Option<Uuid>,
    /// The call in nawerk.
    pub nawerk: Option<Nawerk>,
    /// Colleagues on the floor as the source reports them: name, state, since.
    pub collegas: Vec<(String, AgentStatus, DateTime<Utc>)>,
    /// The simulator's run (a UUID v7 drawn when it starts): its calls are a demo PBX of this
    /// desk's own, recorded under ids no restart or other desk can repeat. None for a real PBX,
    /// whose own call ids (Asterisk's Uniqueid) are the record's key on every desk.
    pub simulator_run: Option<Uuid>,
}

impl Default for Telefonie {
    fn default() -> Self {
        Telefonie {
            actief: false,
            verbonden: false,
            geen_verbinding: None,
            verbroken_op: None,
            nu: DateTime::<Utc>::MIN_UTC,
            wachtenden: Vec::new(),
            status: AgentStatus::Afgemeld,
            status_sinds: DateTime::<Utc>::MIN_UTC,
            pauze_reden: None,
            aangeboden: None,
            gesprek: None,
            nawerk_sinds: None,
            vandaag: Vec::new(),
            lopend: HashMap::new(),
            bellers: HashMap::new(),
            norm_s: 30,
            nawerk_max_s: 60,
            automatisch_aannemen: false,
            op_toestel: false,
            pauze_kiezen: false,
            doorverbind_keuze: None,
            laatste_gesprek: None,
            nawerk: None,
            collegas: Vec::new(),
            simulator_run: None,
        }
    }
}

/// What `update` must do besides the state change.
#[derive(Debug, Default)]
pub struct Gevolg {
    pub effects: Vec<TelEffect>,
    /// A message for the bottom bar (text, is_error).
    pub melding: Option<(String, bool)>,
    /// The call was answered: open the screen pop for this number.
    pub screen_pop: Option<String>,
    /// The call ended (or was transferred): open its wrap-up.
    pub nawerk: Option<Nawerk>,
}

impl Telefonie {
    /// A new record made now (the moment of the last action or event, never the clock).
    fn meta(&self, desk: Uuid) -> RecordMeta {
        RecordMeta::new(self.nu, desk)
    }

    /// Change this agent's state: tell the source and record it.
    pub fn zet_status(
        &mut self,
        status: AgentStatus,
        reden: Option<String>,
        desk: Uuid,
        medewerker: Option<Uuid>,
        g: &mut Gevolg,
    ) {
        if self.status == status && self.pauze_reden == reden {
            return;
        }
        self.status = status;
        self.status_sinds = self.nu;
        self.pauze_reden = reden.clone();
        if status != AgentStatus::Nawerk {
            self.nawerk_sinds = None;
            self.nawerk = None;
        }
        if !matches!(status, AgentStatus::Beschikbaar | AgentStatus::InGesprek) {
            // Pause or afmelden while a call rings: it goes to someone else.
            self.aangeboden = None;
        }
        g.effects.push(TelEffect::Command(TelCommand::Status(
            status,
            reden.clone(),
        )));
        self.bewaar_status(status, reden, self.nu, desk, medewerker, g);
    }

    /// Record a change of this agent's status (for the floor and the figures).
    fn bewaar_status(
        &self,
        status: AgentStatus,
        reden: Option<String>,
        op: DateTime<Utc>,
        desk: Uuid,
        medewerker: Option<Uuid>,
        g: &mut Gevolg,
    ) {
        g.effects
            .push(TelEffect::BewaarStatus(Box::new(StatusWissel {
                meta: self.meta(desk),
                medewerker_id: medewerker,
                status,
                reden,
                op,
            })));
    }

    /// The desk's telephony starts: the agent is afgemeld until they sign in, and that is
    /// recorded, so the floor stops counting an agent whose desk was killed as beschikbaar.
    pub fn begin(
        &mut self,
        nu: DateTime<Utc>,
        desk: Uuid,
        medewerker: Option<Uuid>,
        g: &mut Gevolg,
    ) {
        self.nu = nu;
        self.status_sinds = nu;
        self.bewaar_status(self.status, None, nu, desk, medewerker, g);
    }

    /// Today's figures (service level, ASA, abandons, AHT, …) by the one definition in
    /// `domain::kpi`, over the calls that left the queue today and the callers waiting now.
    pub fn kpi(&self, normen: &Normen) -> TelefoonKpi {
        let mut gesprekken = self.vandaag.clone();
        gesprekken.extend(
            self.wachtenden
                .iter()
                .map(|w| (Gesprek::uit_tijden(w.sinds, None, None, None), None)),
        );
        kpi::telefoon(
            &gesprekken,
            self.nu.with_timezone(&Local).date_naive(),
            normen,
            self.nu,
        )
    }

    /// A call left the queue: it counts in today's figures from now on (yesterday's go). Only
    /// its moments are kept, so the figures are cheap to compute on every frame.
    fn uit_de_rij(&mut self, g: Gesprek) {
        let vandaag = self.nu.with_timezone(&Local).date_naive();
        self.vandaag
            .retain(|(o, _)| o.binnen_op.with_timezone(&Local).date_naive() >= vandaag);
        match self
            .vandaag
            .iter_mut()
            .find(|(o, _)| o.meta.id == g.meta.id)
        {
            Some(o) => o.0 = g,
            None => {
                if self.vandaag.len() >= MAX_VANDAAG {
                    self.vandaag.remove(0);
                }
                self.vandaag.push((g, None))
            }
        }
    }

    /// A call in today's figures ended (its talk time is known now).
    fn afgelopen(&mut self, id: &str, op: DateTime<Utc>) {
        let record = self.record_id(id);
        if let Some((g, _)) = self.vandaag.iter_mut().find(|(g, _)| g.meta.id == record) {
            g.beeindigd_op.get_or_insert(op);
        }
    }

    /// Today's calls of this queue as stored (from before a restart too): those that left the
    /// queue join the figures, once each.
    pub fn vandaag_geladen(&mut self, gesprekken: Vec<(Gesprek, Option<i64>)>) {
        for (g, nawerk) in gesprekken {
            let weg = g.aangenomen_op.is_some() || g.verlaten_op.is_some();
            if weg && !self.vandaag.iter().any(|(o, _)| o.meta.id == g.meta.id) {
                self.vandaag.push((g, nawerk));
            }
        }
    }

    /// The wrap-up of a call was registered here: its after-call work counts in the AHT, as
    /// the floor and the report read it from the registration.
    pub fn nawerk_geregistreerd(&mut self, gesprek: Uuid, seconden: i64) {
        if let Some((_, n)) = self.vandaag.iter_mut().find(|(g, _)| g.meta.id == gesprek) {
            *n = Some(n.map_or(seconden, |n| n.max(seconden)));
        }
    }

    /// The longest wait now, at `nu` (the view's clock, which ticks without events).
    pub fn langste_wacht(&self, nu: DateTime<Utc>) -> Option<i64> {
        self.wachtenden
            .iter()
            .map(|w| (nu - w.sinds).num_seconds().max(0))
            .max()
    }

    pub fn beller(&self, nummer: &str) -> Option<&(Uuid, String)> {
        self.bellers.get(nummer)?.as_ref()
    }

    /// The call's id as recorded: the source's own for a PBX; for the simulator, qualified
    /// by its run, since its counter starts again with every run and every desk.
    pub fn extern_id(&self, id: &str) -> String {
        match self.simulator_run {
            Some(run) => format!("sim:{run}:{id}"),
            None => id.to_string(),
        }
    }

    /// The record id of the source's call `id`.
    pub fn record_id(&self, id: &str) -> Uuid {
        Gesprek::id_voor(&self.extern_id(id))
    }

    /// Record the call as it stands now; once it ended it is no longer followed here.
    fn bewaar(&mut self, id: &str, g: &mut Gevolg) {
        let Some(r) = self.lopend.get(id) else {
            return;
        };
        g.effects
            .push(TelEffect::BewaarGesprek(Box::new(r.clone())));
        if r.beeindigd_op.is_some() || r.verlaten_op.is_some() {
            self.lopend.remove(id);
        }
    }

    /// This agent put the caller on hold (or took them back): recorded.
    pub fn wacht(&mut self, id: &str, aan: bool, g: &mut Gevolg) {
        let nu = self.nu;
        if let Some(r) = self.lopend.get_mut(id) {
            r.in_wacht_sinds = aan.then_some(nu);
            self.bewaar(id, g);
        }
    }

    /// Apply one event from the call source.
    pub fn event(
        &mut self,
        e: TelEvent,
        desk: Uuid,
        medewerker: Option<Uuid>,
        naam: &str,
    ) -> Gevolg {
        let mut g = Gevolg::default();
        match e {
            TelEvent::Verbinding(v) => {
                if v {
                    self.geen_verbinding = None;
                } else {
                    if self.verbonden {
                        self.verbroken_op = Some(self.nu);
                    }
                    self.wachtenden.clear();
                    self.aangeboden = None;
                }
                self.verbonden = v;
            }
            TelEvent::Collega { naam, status, op } => {
                if !self.op_toestel {
                    g.effects.push(TelEffect::BewaarCollega {
                        naam: naam.clone(),
                        status,
                        op,
                    });
                }
                match self.collegas.iter_mut().find(|c| c.0 == naam) {
                    Some(c) => *c = (naam, status, op),
                    None => {
                        if self.collegas.len() >= MAX_GEVOLGD {
                            self.collegas.remove(0);
                        }
                        self.collegas.push((naam, status, op))
                    }
                }
            }
            TelEvent::Storing { reden, opnieuw_op } => {
                // Said once when the connection goes (or the first attempt fails); the pane
                // keeps the reason and the countdown to the next attempt.
                if self.geen_verbinding.is_none() {
                    g.melding = Some((
                        format!(
                            "Telefonie: geen verbinding met de centrale ({reden}). De rest van de desk werkt door."
                        ),
                        true,
                    ));
                }
                self.geen_verbinding = Some(GeenVerbinding { reden, opnieuw_op });
            }
            TelEvent::Binnen {
                id,
                linkedid,
                nummer,
                keuze,
                terugval,
                sinds,
            } => {
                if !self.lopend.contains_key(&id) && self.lopend.len() >= MAX_GEVOLGD {
                    // More calls than a queue holds (a broken source, or endings never
                    // reported): the oldest that is not this agent's is no longer followed.
                    self.vergeet_oudste();
                }
                if !self.bellers.contains_key(&nummer) {
                    if self.bellers.len() >= MAX_GEVOLGD {
                        self.bellers.clear();
                    }
                    g.effects.push(TelEffect::HerkenNummer(nummer.clone()));
                }
                let extern_id = self.extern_id(&id);
                let simulator_desk = self.simulator_run.map(|_| desk);
                // The record is created when the caller joined the queue.
                let meta = RecordMeta::new(sinds, desk);
                // Seen again (the PBX's queue state after a reconnect): what is known stays.
                self.lopend.entry(id.clone()).or_insert_with(|| Gesprek {
                    meta: RecordMeta {
                        id: Gesprek::id_voor(&extern_id),
                        ..meta
                    },
                    extern_id,
                    nummer: nummer.clone(),
                    keuze: keuze.clone(),
                    terugval,
                    binnen_op: sinds,
                    aangeboden_op: None,
                    aangenomen_op: None,
                    beeindigd_op: None,
                    verlaten_op: None,
                    medewerker_id: None,
                    agent: None,
                    doorverbindingen: Vec::new(),
                    linkedid,
                    simulator_desk,
                    in_wacht_sinds: None,
                    afgebroken_op: None,
                    afgebroken_reden: None,
                });
                self.bewaar(&id, &mut g);
                if !self.wachtenden.iter().any(|w| w.id == id)
                    && self.wachtenden.len() < MAX_GEVOLGD
                {
                    self.wachtenden.push(Wachtende {
                        id,
                        nummer,
                        keuze,
                        terugval,
                        sinds,
                    });
                }
            }
            TelEvent::Weg {
                id,
                aangenomen_door,
                op,
            } => {
                let sinds = self
                    .wachtenden
                    .iter()
                    .position(|w| w.id == id)
                    .map(|pos| self.wachtenden.remove(pos).sinds);
                if self.aangeboden.as_deref() == Some(id.as_str()) {
                    self.aangeboden = None;
                }
                let beantwoord = aangenomen_door.is_some();
                match aangenomen_door {
                    None => {
                        if let Some(r) = self.lopend.get_mut(&id) {
                            r.verlaten_op = Some(op);
                        }
                    }
                    Some(door) => {
                        if let Some(r) = self.lopend.get_mut(&id) {
                            r.aangenomen_op = Some(op);
                            match door {
                                Some(n) => r.agent = Some(n),
                                None => {
                                    r.medewerker_id = medewerker;
                                    r.agent = Some(naam.to_string());
                                }
                            }
                        }
                        self.bewaar(&id, &mut g);
                    }
                }
                // Into today's figures: its moments (from the record, else as the queue knew it).
                if let Some(binnen) = self.lopend.get(&id).map(|r| r.binnen_op).or(sinds) {
                    let mut r = Gesprek::uit_tijden(
                        binnen,
                        beantwoord.then_some(op),
                        None,
                        (!beantwoord).then_some(op),
                    );
                    r.meta.id = self.record_id(&id);
                    self.uit_de_rij(r);
                }
                if !beantwoord {
                    self.bewaar(&id, &mut g);
                }
            }
            TelEvent::Aangeboden { id, op } => {
                if let Some(r) = self.lopend.get_mut(&id) {
                    r.aangeboden_op.get_or_insert(op);
                }
                self.bewaar(&id, &mut g);
                let w = self.wachtenden.iter().find(|w| w.id == id);
                let wie = w.map_or(String::new(), |w| {
                    let naam = self.beller(&w.nummer).map_or(w.nummer.as_str(), |b| &b.1);
                    format!("{naam} ({})", w.keuze)
                });
                self.aangeboden = Some(id.clone());
                if self.op_toestel {
                    g.melding = Some((
                        format!("☎ Gesprek voor u: {wie}. Neem op met uw toestel."),
                        false,
                    ));
                } else if self.automatisch_aannemen {
                    g.effects.push(TelEffect::Command(TelCommand::Aannemen(id)));
                } else {
                    g.melding = Some((format!("☎ Gesprek voor u: {wie}. F6 aannemen."), false));
                }
            }
            TelEvent::AanbodVervallen { id } => {
                if self.aangeboden.as_deref() == Some(id.as_str()) {
                    self.aangeboden = None;
                }
                // The source stops offering calls; so does the desk's state.
                self.zet_status(
                    AgentStatus::Pauze,
                    Some("niet opgenomen".into()),
                    desk,
                    medewerker,
                    &mut g,
                );
                g.melding = Some((
                    "Gesprek niet aangenomen: u staat op pauze. Druk b in de Wachtrij voor beschikbaar."
                        .into(),
                    true,
                ));
            }
            TelEvent::Verbonden { id, op } => {
                self.aangeboden = None;
                let (nummer, keuze) = self
                    .lopend
                    .get(&id)
                    .map(|r| (r.nummer.clone(), r.keuze.clone()))
                    .unwrap_or_default();
                self.gesprek = Some(ActiefGesprek {
                    id: id.clone(),
                    nummer: nummer.clone(),
                    keuze,
                    aangenomen_op: op,
                    in_wacht: false,
                    doorverbinden: None,
                    niet_opgenomen: None,
                });
                self.zet_status(AgentStatus::InGesprek, None, desk, medewerker, &mut g);
                let wie = self.beller(&nummer).map_or(nummer.clone(), |b| b.1.clone());
                g.melding = Some((
                    format!("☎ Verbonden met {wie}. F7 wacht · F8 doorverbinden · F6 ophangen."),
                    false,
                ));
                // Answered: a contact starts, also for a withheld number (empty).
                g.screen_pop = Some(nummer);
            }
            TelEvent::Beeindigd { id, op } => {
                // Only this desk's own call ends here; the end of another call (a late event
                // of an earlier one) leaves the call in hand alone.
                if let Some(a) = self.gesprek.take_if(|a| a.id == id) {
                    self.einde(a, op, desk, medewerker, &mut g);
                }
            }
            TelEvent::Doorverbonden {
                id,
                naar,
                gelukt,
                sinds,
                op,
            } => {
                if let Some(r) = self.lopend.get_mut(&id) {
                    r.doorverbindingen.push(Doorverbinding {
                        naar: naar.clone(),
                        gelukt,
                        seconden: (op - sinds).num_seconds().max(0),
                    });
                    // Back with the agent, or gone to the colleague: off hold here.
                    r.in_wacht_sinds = None;
                }
                if !gelukt {
                    self.bewaar(&id, &mut g);
                }
                if let Some(a) = self.gesprek.as_mut().filter(|a| a.id == id) {
                    a.doorverbinden = None;
                    a.in_wacht = false;
                    if gelukt {
                        let a = self.gesprek.take().expect("just matched");
                        g.melding = Some((format!("Doorverbonden met {naar}."), false));
                        self.einde(a, op, desk, medewerker, &mut g);
                        if let Some(n) = g.nawerk.as_mut() {
                            n.doorverbonden_naar = Some(naar);
                        }
                    } else {
                        a.niet_opgenomen = Some(naar.clone());
                        g.melding = Some((
                            format!(
                                "{naar} neemt niet op: het gesprek is terug bij u. F5 registreren, Ctrl-T maakt een contactverzoek met het nummer van de beller."
                            ),
                            true,
                        ));
                    }
                }
            }
            TelEvent::Herbouwd { wachtend, lid, op } => {
                // Left the queue while the connection was down (answered elsewhere or hung up:
                // unknown): closed with that reason, never shown as waiting for good.
                let weg: Vec<String> = self
                    .lopend
                    .iter()
                    .filter(|(id, r)| {
                        r.aangenomen_op.is_none() && r.open() && !wachtend.contains(id)
                    })
                    .map(|(id, _)| id.clone())
                    .collect();
                for id in weg {
                    if let Some(mut r) = self.lopend.remove(&id) {
                        r.afgebroken_op = Some(op);
                        r.afgebroken_reden = Some(REDEN_WEG_BIJ_HERVERBINDEN.into());
                        g.effects.push(TelEffect::BewaarGesprek(Box::new(r)));
                    }
                }
                self.wachtenden.retain(|w| wachtend.contains(&w.id));
                if let Some(lid) = lid {
                    self.herbouwd_lid(lid, op, desk, medewerker, &mut g);
                }
                // Answered by a colleague before the drop: the PBX lists no answered calls and
                // the colleague's desk records the end, so this desk stops following them
                // (writing nothing; a missed end would otherwise hold them here all day).
                let eigen = self.gesprek.as_ref().map(|a| a.id.clone());
                self.lopend
                    .retain(|id, r| r.aangenomen_op.is_none() || Some(id) == eigen.as_ref());
                self.verbroken_op = None;
            }
            TelEvent::Klaar { id, op } => {
                if let Some(r) = self.lopend.get_mut(&id) {
                    r.beeindigd_op = Some(op);
                }
                self.afgelopen(&id, op);
                self.bewaar(&id, &mut g);
            }
        }
        g
    }

    /// After a reconnect the PBX says where this agent stands: a call the desk still holds
    /// but the PBX no longer has ended during the outage (closed with a record, nawerk opens
    /// so it is registered); the agent's pause and membership are the PBX's (nawerk, the
    /// desk's own step after a call, stays and is sent again).
    fn herbouwd_lid(
        &mut self,
        lid: crate::telefonie::Lidmaatschap,
        op: DateTime<Utc>,
        desk: Uuid,
        medewerker: Option<Uuid>,
        g: &mut Gevolg,
    ) {
        if !lid.in_gesprek
            && let Some(a) = self.gesprek.take()
        {
            // It ended at the latest when the connection went.
            let einde = self.verbroken_op.unwrap_or(op).max(a.aangenomen_op);
            if let Some(r) = self.lopend.get_mut(&a.id) {
                r.afgebroken_op = Some(op);
                r.afgebroken_reden = Some(REDEN_GESPREK_WEG_BIJ_HERVERBINDEN.into());
                r.in_wacht_sinds = None;
            }
            if let Some(r) = self.lopend.remove(&a.id) {
                g.effects.push(TelEffect::BewaarGesprek(Box::new(r)));
            }
            self.afgelopen(&a.id, einde);
            let record_id = self.record_id(&a.id);
            self.laatste_gesprek = Some(record_id);
            self.zet_status(AgentStatus::Nawerk, None, desk, medewerker, g);
            self.nawerk_sinds = Some(einde);
            g.nawerk = Some(Nawerk {
                gesprek_id: record_id,
                nummer: a.nummer,
                begin: a.aangenomen_op,
                einde,
                doorverbonden_naar: None,
                niet_bereikt: a.niet_opgenomen.clone(),
            });
            g.melding = Some((
                "Het gesprek is beëindigd terwijl de centrale onbereikbaar was: registreer het nu (nawerk)."
                    .into(),
                true,
            ));
        }
        if self.gesprek.is_some() {
            // Still in the call at the PBX: the desk stays in gesprek (F6 hangs up again).
            return;
        }
        let reden = lid.reden.clone().filter(|r| !r.is_empty());
        let pbx = if !lid.lid {
            (AgentStatus::Afgemeld, None)
        } else if !lid.gepauzeerd {
            (AgentStatus::Beschikbaar, None)
        } else {
            match reden.as_deref() {
                Some(r) if r.eq_ignore_ascii_case(AgentStatus::Afgemeld.as_str()) => {
                    (AgentStatus::Afgemeld, None)
                }
                Some(r) if r.eq_ignore_ascii_case(AgentStatus::Nawerk.as_str()) => {
                    (AgentStatus::Nawerk, None)
                }
                _ => (AgentStatus::Pauze, reden.or_else(|| Some("pauze".into()))),
            }
        };
        if self.status == AgentStatus::Nawerk && lid.lid {
            // The wrap-up is the desk's: it stays, and the PBX is told again.
            if pbx.0 != AgentStatus::Nawerk {
                g.effects.push(TelEffect::Command(TelCommand::Status(
                    AgentStatus::Nawerk,
                    None,
                )));
            }
            return;
        }
        if (self.status, self.pauze_reden.clone()) == pbx {
            return;
        }
        // Taken over from the PBX: recorded, not sent back.
        let (status, reden) = pbx;
        self.status = status;
        self.status_sinds = op;
        self.pauze_reden = reden.clone();
        self.aangeboden = None;
        if status != AgentStatus::Nawerk {
            self.nawerk_sinds = None;
            self.nawerk = None;
        }
        self.bewaar_status(status, reden, op, desk, medewerker, g);
    }

    /// F6 while the PBX is unreachable: the agent says the call is over; it is recorded as
    /// ended now and the wrap-up opens.
    pub fn ophangen_zonder_verbinding(
        &mut self,
        desk: Uuid,
        medewerker: Option<Uuid>,
        g: &mut Gevolg,
    ) {
        if let Some(a) = self.gesprek.take() {
            let op = self.nu.max(a.aangenomen_op);
            self.einde(a, op, desk, medewerker, g);
            g.melding = Some((
                "Geen verbinding met de centrale: hang op met uw toestel. Het gesprek is aan de desk beëindigd (nawerk)."
                    .into(),
                true,
            ));
        }
    }

    /// Stop following the oldest call that is not this agent's (the state's bound).
    fn vergeet_oudste(&mut self) {
        let eigen = self.gesprek.as_ref().map(|a| a.id.clone());
        let oudste = self
            .lopend
            .iter()
            .filter(|(id, _)| Some(*id) != eigen.as_ref() && Some(*id) != self.aangeboden.as_ref())
            .min_by_key(|(_, r)| r.binnen_op)
            .map(|(id, _)| id.clone());
        if let Some(id) = oudste {
            self.lopend.remove(&id);
            self.wachtenden.retain(|w| w.id != id);
        }
    }

    /// This agent's call ended: record it, start nawerk, open the wrap-up.
    fn einde(
        &mut self,
        a: ActiefGesprek,
        op: DateTime<Utc>,
        desk: Uuid,
        medewerker: Option<Uuid>,
        g: &mut Gevolg,
    ) {
        if let Some(r) = self.lopend.get_mut(&a.id) {
            r.beeindigd_op = Some(op);
            r.in_wacht_sinds = None;
        }
        self.afgelopen(&a.id, op);
        let record_id = self.record_id(&a.id);
        self.laatste_gesprek = Some(record_id);
        self.bewaar(&a.id, g);
        self.zet_status(AgentStatus::Nawerk, None, desk, medewerker, g);
        self.nawerk_sinds = Some(op);
        g.nawerk = Some(Nawerk {
            gesprek_id: record_id,
            nummer: a.nummer,
            begin: a.aangenomen_op,
            einde: op,
            doorverbonden_naar: None,
            niet_bereikt: a.niet_opgenomen.clone(),
        });
    }

    /// Seconds in the current state at `nu`.
    pub fn in_status(&self, nu: DateTime<Utc>) -> i64 {
        (nu - self.status_sinds).num_seconds().max(0)
    }

    /// Nawerk past its limit at `nu`.
    pub fn nawerk_te_lang(&self, nu: DateTime<Utc>) -> bool {
        self.nawerk_sinds
            .is_some_and(|s| (nu - s).num_seconds() > self.nawerk_max_s)
    }
}
