//! The store thread: it owns the SQLite connection, takes commands over a channel and reports
//! back through a callback. The UI never waits on it.

use std::sync::mpsc;
use std::thread::JoinHandle;

use chrono::{DateTime, Local, Utc};

use std::collections::VecDeque;

use uuid::Uuid;

use super::Store;
use super::lookup::CONCEPT_REGISTRATIE as CONCEPT_KEY;
use super::lookup::{self, AuditEntry, AuditReden, Referentie, Treffer};
use super::overview::{self, Overview};
use super::verzoeken;
use crate::domain::Medewerker;
use crate::domain::contact::{Contactmoment, Contactverzoek, RegistratieRecords};
use crate::domain::klant::Klantbeeld;
use crate::domain::zaak::ZaakDetail;
use crate::domain::zoekvraag::Zoekvraag;

/// Who is looking, for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kijker {
    pub medewerker_id: Option<Uuid>,
    pub naam: String,
}

/// Which form a command came from, so that its failure goes back to that form only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Herkomst {
    Registratie,
    Klantgegevens,
    Melding,
    Contactverzoek,
    Profiel,
    /// Loading or background work: no form waits for it.
    Overig,
}

/// Work for the store thread.
#[derive(Debug)]
pub enum Command {
    /// Load the desk overview for the local day `[day_start, day_end)`.
    LoadOverview {
        day_start: DateTime<Utc>,
        day_end: DateTime<Utc>,
        now: DateTime<Utc>,
    },
    /// Insert or update the medewerker record of this desk's user.
    SaveMedewerker(Box<Medewerker>),
    /// Make sure this desk's medewerker has a record (a config from elsewhere, the demo user);
    /// an existing record is left as it is.
    EnsureMedewerker(Box<Medewerker>),
    /// Search klanten/zaken. Only the newest of several queued searches runs.
    Zoek {
        seq: u64,
        vraag: Zoekvraag,
    },
    /// Load a klantbeeld; the lookup is written to the audit log first.
    OpenKlant {
        id: Uuid,
        kijker: Kijker,
    },
    /// Log that the BSN of klant `id` is shown; answered with `BsnVrijgegeven` once logged.
    ToonBsn {
        id: Uuid,
        kijker: Kijker,
    },
    /// Load a zaak; the lookup is written to the audit log first.
    OpenZaak {
        id: Uuid,
        kijker: Kijker,
    },
    /// Write a contactmoment with its vragen (and contactverzoek) in one durable transaction,
    /// removing the registration draft in the same transaction.
    Registreer(Box<RegistratieRecords>),
    /// Autosave (Some) or drop (None) the registration draft.
    BewaarConcept(Option<String>),
    /// The contact in hand (JSON), or none.
    BewaarContact(Option<String>),
    /// The contactverzoeken list; only the newest of several queued loads runs.
    LaadVerzoeken {
        seq: u64,
        filter: verzoeken::Filter,
        zoek: String,
        wie: verzoeken::Wie,
    },
    VerzoekDetail(Uuid),
    /// Correct a klant's telefoonnummer and e-mailadres (normalised; empty removes).
    WijzigContact {
        partij: Uuid,
        nieuw: [String; 2],
    },
    /// Create a klant with minimal data and open its klantbeeld (audited).
    NieuweKlant {
        partij: Box<crate::domain::klant::NieuwePartij>,
        contact: [String; 2],
        kijker: Kijker,
    },
    /// The audit log of one klant, for a supervisor.
    AuditVanKlant(Uuid),
    /// Record a result (see `verzoeken::RESULTATEN`) with a logboek line.
    Afhandelen {
        id: Uuid,
        resultaat: usize,
        toelichting: String,
        medewerker: String,
    },
    /// Log a kennisbank search.
    LogZoekactie {
        log: crate::domain::kennisbank::Zoeklog,
        medewerker_id: Option<Uuid>,
    },
    /// Flag a kennisbank article.
    Meld {
        artikel: String,
        soort: crate::domain::kennisbank::MeldingSoort,
        toelichting: String,
        medewerker: String,
    },
    /// The kennisbank statistics since a moment.
    KbStatistiek {
        sinds: DateTime<Utc>,
    },
    /// Record a call (an upsert: desks that saw the same call write the same row).
    BewaarGesprek(Box<crate::domain::telefonie::Gesprek>),
    BewaarStatus(Box<crate::domain::telefonie::StatusWissel>),
    /// Which klant has this phone number?
    HerkenNummer(String),
    /// Today's calls of one queue (`Some(desk)`: that desk's simulator; `None`: the exchange).
    GesprekkenVandaag(Option<Uuid>),
    /// Free slots for these diensten together (the first ten).
    ZoekSlots {
        diensten: Vec<String>,
        vanaf: DateTime<Utc>,
        plek: Option<String>,
    },
    /// The month view's free times per day.
    VrijPerDag {
        diensten: Vec<String>,
        maand: chrono::NaiveDate,
        plek: Option<String>,
    },
    /// Book (or change) an afspraak; refused when the slot was just taken. With `verzet_van`,
    /// the old one becomes "verzet" in the same transaction.
    Boek(Box<crate::domain::afspraken::Afspraak>),
    /// Two afspraken back to back at two plekken, both or neither.
    BoekAansluitend(
        Box<(
            crate::domain::afspraken::Afspraak,
            crate::domain::afspraken::Afspraak,
        )>,
    ),
    AnnuleerAfspraak {
        id: Uuid,
        reden: String,
    },
    LaadAgenda(chrono::NaiveDate),
    LaadVloer {
        normen: crate::domain::kpi::Normen,
    },
    /// Training: the scenario's klanten by name.
    TrainingKlanten(Vec<String>),
    /// Training: compute the review from what was registered, keep it, report it.
    TrainingBeoordeel(Box<crate::domain::training::BeoordeelVraag>),
    GastBinnen {
        locatie: String,
        naam: String,
        voor_wie: String,
        bedrijf: Option<String>,
    },
    GastBuiten(Box<crate::domain::klantgeleiding::Bezoeker>),
    LaadGebouw {
        locatie: String,
    },
    Betaal(Box<super::kas::NieuweBetaling>),
    LaadKas {
        balie: String,
    },
    SluitKas {
        balie: String,
        geteld_cent: i64,
        medewerker: String,
    },
    AfspraakNoShow(Uuid),
    /// Check a visitor in: the next ticket number for the dienst's prefix today.
    Inchecken {
        locatie: String,
        dienst: String,
        prefix: String,
        partij: Option<Uuid>,
    },
    /// Call the next visitor for this balie: the store picks and claims (see
    /// `klantgeleiding::roep_volgende`).
    Volgende {
        locatie: String,
        balie: String,
        diensten: Vec<String>,
    },
    /// A bezoek's next step, made only when the stored bezoek is still as `verwacht`.
    Overgang {
        bezoek: Box<crate::domain::klantgeleiding::Bezoek>,
        verwacht: crate::domain::klantgeleiding::Verwacht,
    },
    LaadBezoeken {
        locatie: String,
    },
    /// Sign this balie in (true) or out: its record of the day.
    BalieStand {
        locatie: String,
        balie: String,
        aangemeld: bool,
        medewerker: Option<String>,
    },
    LaadAfsprakenVandaag,
    AfspraakInchecken {
        locatie: String,
        afspraak: Box<crate::domain::klantgeleiding::DagAfspraak>,
    },
}

impl Command {
    /// The form waiting for this command's outcome.
    pub fn herkomst(&self) -> Herkomst {
        match self {
            Command::Registreer(_) => Herkomst::Registratie,
            Command::WijzigContact { .. } | Command::NieuweKlant { .. } => Herkomst::Klantgegevens,
            Command::Meld { .. } => Herkomst::Melding,
            Command::Afhandelen { .. } => Herkomst::Contactverzoek,
            Command::SaveMedewerker(_) | Command::EnsureMedewerker(_) => Herkomst::Profiel,
            _ => Herkomst::Overig,
        }
    }
}

/// What the store thread reports.
#[derive(Debug)]
pub enum Event {
    Opened {
        schema_version: i32,
    },
    OpenFailed(String),
    Overview(Box<Overview>),
    MedewerkerSaved(Box<Medewerker>),
    Zoekresultaat {
        seq: u64,
        treffers: Vec<Treffer>,
    },
    Klantbeeld(Box<Klantbeeld>),
    BsnVrijgegeven {
        id: Uuid,
    },
    Zaak(Box<ZaakDetail>),
    NietGevonden {
        wat: &'static str,
    },
    /// Afdelingen and medewerkers for the pickers (sent after opening).
    Referentie(Box<Referentie>),
    /// A registration draft survived from an earlier run.
    ConceptGevonden(String),
    /// The contact in hand when the desk stopped (JSON).
    ContactGevonden(String),
    /// Done; nothing to show.
    Klaar,
    Geregistreerd {
        contactmoment: Box<Contactmoment>,
        verzoek: Option<Box<Contactverzoek>>,
    },
    Verzoeken {
        seq: u64,
        regels: Vec<verzoeken::VerzoekRegel>,
    },
    VerzoekDetail(Box<(verzoeken::VerzoekRegel, Vec<verzoeken::LogRegel>)>),
    Afgehandeld(Uuid),
    /// The klantbeeld after a correction, and how many details changed.
    ContactGewijzigd(Box<Klantbeeld>, usize),
    AuditLijst(Uuid, Vec<lookup::AuditRegel>),
    /// How often each kennisbank article was opened (sent after opening).
    KbGeopend(std::collections::HashMap<String, u32>),
    KbGemeld(String),
    GesprekkenVandaag(Vec<(crate::domain::telefonie::Gesprek, Option<i64>)>),
    NummerHerkend {
        nummer: String,
        klant: Option<(Uuid, String)>,
    },
    /// Phone numbers of klanten, for the simulator's callers.
    Telefoonnummers(Vec<String>),
    /// The diensten on offer (sent after opening).
    Diensten(Vec<crate::domain::afspraken::Dienst>),
    /// The balies and spreekkamers with the diensten they serve.
    Plekken(Vec<(String, Vec<String>)>),
    VrijPerDag {
        maand: chrono::NaiveDate,
        per_dag: Vec<(chrono::NaiveDate, usize)>,
    },
    Slots(Vec<crate::domain::afspraken::Slot>),
    Geboekt(Box<crate::domain::afspraken::Afspraak>),
    BoekenGeweigerd(String),
    AfspraakGeannuleerd(Box<crate::domain::afspraken::Afspraak>),
    AfspraakNietVerschenen(Box<crate::domain::afspraken::Afspraak>),
    Vloer(Box<super::vloer::Vloer>),
    TrainingKlanten(Vec<crate::domain::training::GevondenKlant>),
    TrainingBeoordeeld(Box<crate::domain::training::Beoordeling>),
    GastBinnen(Result<Box<crate::domain::klantgeleiding::Bezoeker>, String>),
    GastBuiten(Result<Box<crate::domain::klantgeleiding::Bezoeker>, String>),
    InGebouw(Vec<crate::domain::klantgeleiding::Bezoeker>),
    Betaald(Result<Box<crate::domain::kas::Betaling>, String>),
    Kasdag(Box<super::kas::Kasdag>),
    KasGesloten(Result<Box<crate::domain::kas::Kasopmaak>, String>),
    Agenda {
        dag: chrono::NaiveDate,
        regels: Vec<crate::domain::klantgeleiding::DagAfspraak>,
    },
    Ingecheckt(Box<crate::domain::klantgeleiding::Bezoek>),
    /// Call-next's answer: who was called (and whom another desk took first), or why not.
    Opgeroepen(Result<Box<super::klantgeleiding::Oproep>, String>),
    /// A step at the counter lost to another desk: the notice for this balie.
    KgVerloren(String),
    /// Today's open bezoeken, the average handling time per dienst, and the balies signed in.
    Bezoeken(
        Vec<crate::domain::klantgeleiding::Bezoek>,
        Vec<(String, i64)>,
        Vec<String>,
    ),
    AfsprakenVandaag(Vec<crate::domain::klantgeleiding::DagAfspraak>),
    KbStatistiek(Box<crate::domain::kennisbank::KbStatistiek>),
    Failed {
        what: &'static str,
        error: String,
    },
    /// A command failed; `herkomst` is the form that asked.
    Mislukt {
        what: &'static str,
        error: String,
        herkomst: Herkomst,
    },
}

/// Today's open bezoeken at `locatie` with the day's handling times, as the pane wants them.
fn bezoeken(store: &Store, locatie: &str, dag: chrono::NaiveDate) -> Event {
    match super::klantgeleiding::open_bezoeken(store.conn(), locatie, dag) {
        Ok(v) => Event::Bezoeken(
            v,
            super::klantgeleiding::behandeltijden(store.conn(), locatie, dag).unwrap_or_default(),
            super::klantgeleiding::aangemelde_balies(store.conn(), locatie, dag)
                .unwrap_or_default(),
        ),
        Err(e) => Event::Failed {
            what: "bezoekers laden",
            error: e.to_string(),
        },
    }
}

/// The UI side of the store thread. Dropping it ends the thread after its current command.
pub struct Handle {
    tx: mpsc::Sender<Command>,
    thread: Option<JoinHandle<()>>,
}

impl Handle {
    /// Queue a command; never blocks. A closed store (failed open) drops the command.
    pub fn send(&self, cmd: Command) {
        let _ = self.tx.send(cmd);
    }

    /// Close the channel and wait for the thread to finish its current work.
    pub fn shutdown(mut self) {
        self.finish();
    }

    fn finish(&mut self) {
        let (tx, _) = mpsc::channel();
        drop(std::mem::replace(&mut self.tx, tx));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Start the store thread. `open` runs on that thread (it may first generate a demo database);
/// every result goes to `report`.
pub fn spawn<O, R>(open: O, report: R) -> Handle
where
    O: FnOnce() -> Result<Store, String> + Send + 'static,
    R: Fn(Event) + Send + 'static,
{
    let (tx, rx) = mpsc::channel::<Command>();
    let thread = std::thread::Builder::new()
        .name("loket-store".into())
        .spawn(move || {
            let mut store = match open() {
                Ok(s) => s,
                Err(e) => {
                    report(Event::OpenFailed(e));
                    return;
                }
            };
            report(Event::Opened {
                schema_version: store.schema_version().unwrap_or(0),
            });
            // Calls this desk left open when it stopped (killed, crashed): nobody follows them
            // any more, so the floor must not count them as waiting.
            if let Err(e) = super::gesprekken::sluit_open(
                &mut store,
                crate::sync::klok::nu(),
                super::gesprekken::REDEN_HERSTART,
            ) {
                report(Event::Failed {
                    what: "open gesprekken afsluiten",
                    error: e.to_string(),
                });
            }
            if let Ok(g) = super::kennisbank::geopend(store.conn()) {
                report(Event::KbGeopend(g));
            }
            if let Ok(n) = lookup::telefoonnummers(store.conn(), 1000) {
                report(Event::Telefoonnummers(n));
            }
            if let Ok(d) = super::afspraken::diensten(store.conn()) {
                report(Event::Diensten(d));
            }
            if let Ok(p) = super::afspraken::plekken(store.conn(), Local::now().date_naive()) {
                report(Event::Plekken(
                    p.into_iter().map(|p| (p.naam, p.producten)).collect(),
                ));
            }
            match lookup::referentie(store.conn()) {
                Ok(r) => report(Event::Referentie(Box::new(r))),
                Err(e) => report(Event::Failed {
                    what: "afdelingen en medewerkers laden",
                    error: e.to_string(),
                }),
            }
            if let Ok(Some(contact)) = lookup::concept(
                store.conn(),
                &concept_sleutel(&store, lookup::CONCEPT_CONTACT),
            ) {
                report(Event::ContactGevonden(contact));
            }
            if let Ok(Some(concept)) =
                lookup::concept(store.conn(), &concept_sleutel(&store, CONCEPT_KEY))
            {
                report(Event::ConceptGevonden(concept));
            }
            let mut queued: VecDeque<Command> = VecDeque::new();
            while let Some(mut cmd) = queued.pop_front().or_else(|| rx.recv().ok()) {
                // Typing fast queues a search per keystroke: run only the newest.
                if matches!(cmd, Command::Zoek { .. } | Command::LaadVerzoeken { .. }) {
                    while let Ok(next) = rx.try_recv() {
                        if std::mem::discriminant(&next) == std::mem::discriminant(&cmd) {
                            cmd = next;
                        } else {
                            queued.push_back(next);
                        }
                    }
                }
                let herkomst = cmd.herkomst();
                report(match handle(&mut store, cmd) {
                    Event::Failed { what, error } => Event::Mislukt {
                        what,
                        error,
                        herkomst,
                    },
                    ev => ev,
                });
            }
            // The desk stops: its simulator's callers go with it, and nobody here follows the
            // PBX's calls any more (a desk that still does opens them again).
            if let Err(e) = super::gesprekken::sluit_open(
                &mut store,
                crate::sync::klok::nu(),
                super::gesprekken::REDEN_GESTOPT,
            ) {
                crate::logboek::schrijf(&format!("open gesprekken afsluiten: {e}"));
            }
        })
        .expect("spawn store thread");
    Handle {
        tx,
        thread: Some(thread),
    }
}

fn handle(store: &mut Store, cmd: Command) -> Event {
    match cmd {
        Command::LoadOverview {
            day_start,
            day_end,
            now,
        } => match overview::load(store.conn(), day_start, day_end, now) {
            Ok(o) => Event::Overview(Box::new(o)),
            Err(e) => Event::Failed {
                what: "overzicht laden",
                error: e.to_string(),
            },
        },
        Command::Zoek { seq, vraag } => match lookup::zoek(store.conn(), &vraag) {
            Ok(treffers) => Event::Zoekresultaat { seq, treffers },
            Err(e) => Event::Failed {
                what: "zoeken",
                error: e.to_string(),
            },
        },
        Command::OpenKlant { id, kijker } => {
            let loaded = audit(store, &kijker, Some(id), None, AuditReden::Klantbeeld)
                .and_then(|()| lookup::klantbeeld(store.conn(), id));
            match loaded {
                Ok(Some(k)) => Event::Klantbeeld(Box::new(k)),
                Ok(None) => Event::NietGevonden { wat: "klant" },
                Err(e) => Event::Failed {
                    what: "klantbeeld laden",
                    error: e.to_string(),
                },
            }
        }
        Command::ToonBsn { id, kijker } => {
            match audit(store, &kijker, Some(id), None, AuditReden::BsnGetoond) {
                Ok(()) => Event::BsnVrijgegeven { id },
                Err(e) => Event::Failed {
                    what: "BSN tonen",
                    error: e.to_string(),
                },
            }
        }
        Command::OpenZaak { id, kijker } => {
            let loaded = audit(store, &kijker, None, Some(id), AuditReden::Zaak)
                .and_then(|()| lookup::zaak(store.conn(), id));
            match loaded {
                Ok(Some(z)) => Event::Zaak(Box::new(z)),
                Ok(None) => Event::NietGevonden { wat: "zaak" },
                Err(e) => Event::Failed {
                    what: "zaak laden",
                    error: e.to_string(),
                },
            }
        }
        Command::Registreer(records) => match registreer(store, *records) {
            Ok(e) => e,
            Err(e) => Event::Failed {
                what: "registratie opslaan",
                error: format!("{e:#}"),
            },
        },
        Command::BewaarContact(payload) => {
            match lookup::bewaar_concept(
                store.conn(),
                &concept_sleutel(store, lookup::CONCEPT_CONTACT),
                payload.as_deref(),
                crate::sync::klok::nu(),
            ) {
                Ok(()) => Event::Klaar,
                Err(e) => Event::Failed {
                    what: "contact bewaren",
                    error: e.to_string(),
                },
            }
        }
        Command::BewaarConcept(payload) => {
            match lookup::bewaar_concept(
                store.conn(),
                &concept_sleutel(store, CONCEPT_KEY),
                payload.as_deref(),
                crate::sync::klok::nu(),
            ) {
                Ok(()) => Event::Klaar,
                Err(e) => Event::Failed {
                    what: "concept bewaren",
                    error: e.to_string(),
                },
            }
        }
        Command::LaadVerzoeken {
            seq,
            filter,
            zoek,
            wie,
        } => match verzoeken::lijst(store.conn(), filter, &zoek, &wie) {
            Ok(regels) => Event::Verzoeken { seq, regels },
            Err(e) => Event::Failed {
                what: "contactverzoeken laden",
                error: e.to_string(),
            },
        },
        Command::WijzigContact { partij, nieuw } => {
            let result = super::klanten::wijzig_contact(
                store,
                partij,
                [nieuw[0].as_str(), nieuw[1].as_str()],
                crate::sync::klok::nu(),
            )
            .and_then(|n| Ok((n, lookup::klantbeeld(store.conn(), partij)?)));
            match result {
                Ok((n, Some(k))) => Event::ContactGewijzigd(Box::new(k), n),
                Ok((_, None)) => Event::NietGevonden { wat: "klant" },
                Err(e) => Event::Failed {
                    what: "contactgegevens opslaan",
                    error: format!("{e:#}"),
                },
            }
        }
        Command::NieuweKlant {
            partij,
            contact,
            kijker,
        } => {
            let result = super::klanten::nieuwe_klant(
                store,
                *partij,
                [contact[0].as_str(), contact[1].as_str()],
                crate::sync::klok::nu(),
            )
            .and_then(|id| {
                audit(store, &kijker, Some(id), None, AuditReden::Klantbeeld)?;
                Ok(lookup::klantbeeld(store.conn(), id)?)
            });
            match result {
                Ok(Some(k)) => Event::Klantbeeld(Box::new(k)),
                Ok(None) => Event::NietGevonden { wat: "klant" },
                Err(e) => Event::Failed {
                    what: "klant aanmaken",
                    error: format!("{e:#}"),
                },
            }
        }
        Command::LogZoekactie { log, medewerker_id } => {
            match super::kennisbank::log_zoekactie(
                store,
                &log,
                medewerker_id,
                crate::sync::klok::nu(),
            ) {
                Ok(_) => Event::Klaar,
                Err(e) => Event::Failed {
                    what: "zoekactie vastleggen",
                    error: e.to_string(),
                },
            }
        }
        Command::Meld {
            artikel,
            soort,
            toelichting,
            medewerker,
        } => match super::kennisbank::meld(
            store,
            &artikel,
            soort,
            &toelichting,
            &medewerker,
            crate::sync::klok::nu(),
        ) {
            Ok(m) => Event::KbGemeld(m.artikel),
            Err(e) => Event::Failed {
                what: "melding opslaan",
                error: e.to_string(),
            },
        },
        Command::KbStatistiek { sinds } => {
            match super::kennisbank::statistiek(store.conn(), Some(sinds)) {
                Ok(s) => Event::KbStatistiek(Box::new(s)),
                Err(e) => Event::Failed {
                    what: "zoekgedrag laden",
                    error: e.to_string(),
                },
            }
        }
        Command::BewaarGesprek(mut g) => {
            match super::gesprekken::bewaar(store, &mut g, crate::sync::klok::nu()) {
                Ok(()) => Event::Klaar,
                Err(e) => Event::Failed {
                    what: "gesprek vastleggen",
                    error: e.to_string(),
                },
            }
        }
        Command::BewaarStatus(mut s) => match store.save(&mut *s, crate::sync::klok::nu()) {
            Ok(()) => Event::Klaar,
            Err(e) => Event::Failed {
                what: "status vastleggen",
                error: e.to_string(),
            },
        },
        Command::VrijPerDag {
            diensten,
            maand,
            plek,
        } => match super::afspraken::vrij_per_dag(
            store.conn(),
            &diensten,
            maand,
            crate::sync::klok::nu(),
            plek.as_deref(),
        ) {
            Ok(per_dag) => Event::VrijPerDag { maand, per_dag },
            Err(e) => Event::Failed {
                what: "maandoverzicht",
                error: e.to_string(),
            },
        },
        Command::ZoekSlots {
            diensten,
            vanaf,
            plek,
        } => match super::afspraken::slots(store.conn(), &diensten, vanaf, 10, plek.as_deref()) {
            Ok(s) => Event::Slots(s),
            Err(e) => Event::Failed {
                what: "vrije tijden zoeken",
                error: e.to_string(),
            },
        },
        Command::GastBinnen {
            locatie,
            naam,
            voor_wie,
            bedrijf,
        } => Event::GastBinnen(
            super::klantgeleiding::bezoeker_binnen(
                store,
                &locatie,
                &naam,
                &voor_wie,
                bedrijf.as_deref(),
                crate::sync::klok::nu(),
            )
            .map(Box::new)
            .map_err(|e| e.to_string()),
        ),
        Command::GastBuiten(b) => Event::GastBuiten(
            super::klantgeleiding::bezoeker_buiten(store, *b, crate::sync::klok::nu())
                .map(Box::new)
                .map_err(|e| e.to_string()),
        ),
        Command::LaadGebouw { locatie } => {
            match super::klantgeleiding::in_gebouw(store.conn(), &locatie) {
                Ok(v) => Event::InGebouw(v),
                Err(e) => Event::Failed {
                    what: "bezoekers in het gebouw laden",
                    error: e.to_string(),
                },
            }
        }
        Command::Betaal(b) => Event::Betaald(
            super::kas::betaal(store, &b, crate::sync::klok::nu())
                .map(Box::new)
                .map_err(|e| e.to_string()),
        ),
        Command::LaadKas { balie } => {
            match super::kas::kasdag(store.conn(), &balie, Local::now().date_naive()) {
                Ok(d) => Event::Kasdag(Box::new(d)),
                Err(e) => Event::Failed {
                    what: "kas laden",
                    error: e.to_string(),
                },
            }
        }
        Command::SluitKas {
            balie,
            geteld_cent,
            medewerker,
        } => Event::KasGesloten(
            super::kas::sluit_dag(
                store,
                &balie,
                geteld_cent,
                &medewerker,
                crate::sync::klok::nu(),
            )
            .map(Box::new)
            .map_err(|e| e.to_string()),
        ),
        Command::LaadVloer { normen } => {
            let nu = crate::sync::klok::nu();
            match super::vloer::laad(
                store.conn(),
                nu.with_timezone(&Local).date_naive(),
                nu,
                &normen,
            ) {
                Ok(v) => Event::Vloer(Box::new(v)),
                Err(e) => Event::Failed {
                    what: "vloer laden",
                    error: e.to_string(),
                },
            }
        }
        Command::TrainingKlanten(namen) => {
            let mut uit = Vec::new();
            for n in namen {
                match super::training::klant(store.conn(), &n) {
                    Ok(k) => uit.push((n, k)),
                    Err(e) => {
                        return Event::Failed {
                            what: "trainingsklanten opzoeken",
                            error: e.to_string(),
                        };
                    }
                }
            }
            Event::TrainingKlanten(uit)
        }
        Command::TrainingBeoordeel(v) => match super::training::beoordeel(store, &v) {
            Ok(b) => Event::TrainingBeoordeeld(Box::new(b)),
            Err(e) => Event::Failed {
                what: "beoordeling maken",
                error: format!("{e:#}"),
            },
        },
        Command::LaadAgenda(dag) => match super::klantgeleiding::dagagenda(store.conn(), dag) {
            Ok(regels) => Event::Agenda { dag, regels },
            Err(e) => Event::Failed {
                what: "dagagenda laden",
                error: e.to_string(),
            },
        },
        Command::AfspraakNoShow(id) => {
            match super::afspraken::wijzig_status(
                store,
                id,
                "no_show",
                None,
                crate::sync::klok::nu(),
            ) {
                Ok(a) => Event::AfspraakNietVerschenen(Box::new(a)),
                Err(e) => Event::Failed {
                    what: "niet verschenen markeren",
                    error: e.to_string(),
                },
            }
        }
        Command::AnnuleerAfspraak { id, reden } => {
            match super::afspraken::wijzig_status(
                store,
                id,
                "geannuleerd",
                Some(&reden),
                crate::sync::klok::nu(),
            ) {
                Ok(a) => Event::AfspraakGeannuleerd(Box::new(a)),
                Err(e) => Event::Failed {
                    what: "afspraak annuleren",
                    error: e.to_string(),
                },
            }
        }
        Command::Boek(mut a) if a.verzet_van.is_some() => {
            let oud = a.verzet_van.unwrap_or_default();
            match super::afspraken::verzet(store, oud, &mut a, crate::sync::klok::nu()) {
                Ok(()) => Event::Geboekt(a),
                Err(e) => Event::BoekenGeweigerd(e.to_string()),
            }
        }
        Command::BoekAansluitend(ab) => {
            let (mut a, mut b) = *ab;
            match super::afspraken::boek_aansluitend(store, &mut a, &mut b, crate::sync::klok::nu())
            {
                Ok(()) => Event::Geboekt(Box::new(a)),
                Err(e) => Event::BoekenGeweigerd(e.to_string()),
            }
        }
        Command::Boek(mut a) => {
            match super::afspraken::boek(store, &mut a, crate::sync::klok::nu()) {
                Ok(()) => Event::Geboekt(a),
                Err(e) => Event::BoekenGeweigerd(e.to_string()),
            }
        }
        Command::Inchecken {
            locatie,
            dienst,
            prefix,
            partij,
        } => match super::klantgeleiding::inchecken(
            store,
            &locatie,
            &dienst,
            &prefix,
            partij,
            crate::sync::klok::nu(),
        ) {
            Ok(b) => Event::Ingecheckt(Box::new(b)),
            Err(e) => Event::Failed {
                what: "inchecken",
                error: e.to_string(),
            },
        },
        Command::Volgende {
            locatie,
            balie,
            diensten,
        } => match super::klantgeleiding::roep_volgende(
            store,
            &locatie,
            &balie,
            &diensten,
            crate::sync::klok::nu(),
        ) {
            Ok(Ok(o)) => Event::Opgeroepen(Ok(Box::new(o))),
            Ok(Err(e)) => Event::Opgeroepen(Err(e.to_string())),
            Err(e) => Event::Failed {
                what: "volgende oproepen",
                error: e.to_string(),
            },
        },
        Command::Overgang {
            mut bezoek,
            verwacht,
        } => {
            let locatie = bezoek.locatie.clone();
            let dag = bezoek.dag;
            match super::klantgeleiding::overgang(
                store,
                &mut bezoek,
                &verwacht,
                crate::sync::klok::nu(),
            ) {
                Ok(Ok(())) => bezoeken(store, &locatie, dag),
                Ok(Err(v)) => Event::KgVerloren(v.melding()),
                Err(e) => Event::Failed {
                    what: "bezoek bijwerken",
                    error: e.to_string(),
                },
            }
        }
        Command::LaadAfsprakenVandaag => {
            match super::klantgeleiding::afspraken_vandaag(
                store.conn(),
                chrono::Local::now().date_naive(),
            ) {
                Ok(v) => Event::AfsprakenVandaag(v),
                Err(e) => Event::Failed {
                    what: "afspraken laden",
                    error: e.to_string(),
                },
            }
        }
        Command::AfspraakInchecken { locatie, afspraak } => {
            match super::klantgeleiding::afspraak_inchecken(
                store,
                &locatie,
                &afspraak,
                crate::sync::klok::nu(),
            ) {
                Ok(b) => Event::Ingecheckt(Box::new(b)),
                Err(e) => Event::Failed {
                    what: "afspraak inchecken",
                    error: e.to_string(),
                },
            }
        }
        Command::BalieStand {
            locatie,
            balie,
            aangemeld,
            medewerker,
        } => match super::klantgeleiding::zet_balie(
            store,
            &locatie,
            &balie,
            aangemeld,
            medewerker.as_deref(),
            crate::sync::klok::nu(),
        ) {
            Ok(_) => bezoeken(
                store,
                &locatie,
                crate::sync::klok::nu().with_timezone(&Local).date_naive(),
            ),
            Err(e) => Event::Failed {
                what: if aangemeld {
                    "balie aanmelden"
                } else {
                    "balie afmelden"
                },
                error: e.to_string(),
            },
        },
        Command::LaadBezoeken { locatie } => {
            bezoeken(store, &locatie, chrono::Local::now().date_naive())
        }
        Command::GesprekkenVandaag(wachtrij) => {
            let nu = chrono::Utc::now();
            let dag = nu.with_timezone(&chrono::Local).date_naive();
            let (van, tot) = super::vloer::dag_grenzen(dag);
            match super::vloer::gesprekken_van(store.conn(), &van, &tot, nu, Some(wachtrij)) {
                Ok(v) => Event::GesprekkenVandaag(v),
                Err(e) => Event::Failed {
                    what: "gesprekken van vandaag laden",
                    error: e.to_string(),
                },
            }
        }
        Command::HerkenNummer(nummer) => {
            let klant = lookup::klant_met_telefoon(store.conn(), &nummer).unwrap_or(None);
            Event::NummerHerkend { nummer, klant }
        }
        Command::AuditVanKlant(id) => match lookup::audit_van_klant(store.conn(), id) {
            Ok(rows) => Event::AuditLijst(id, rows),
            Err(e) => Event::Failed {
                what: "inzagelog laden",
                error: e.to_string(),
            },
        },
        Command::VerzoekDetail(id) => match verzoeken::detail(store.conn(), id) {
            Ok(Some(d)) => Event::VerzoekDetail(Box::new(d)),
            Ok(None) => Event::NietGevonden {
                wat: "contactverzoek",
            },
            Err(e) => Event::Failed {
                what: "contactverzoek laden",
                error: e.to_string(),
            },
        },
        Command::Afhandelen {
            id,
            resultaat,
            toelichting,
            medewerker,
        } => {
            match verzoeken::afhandelen(
                store,
                id,
                resultaat,
                &toelichting,
                &medewerker,
                crate::sync::klok::nu(),
            ) {
                Ok(()) => Event::Afgehandeld(id),
                Err(e) => Event::Failed {
                    what: "contactverzoek afhandelen",
                    error: format!("{e:#}"),
                },
            }
        }
        Command::EnsureMedewerker(mut m) => {
            let exists = store
                .conn()
                .query_row(
                    "SELECT count(*) FROM medewerker WHERE id = ?1",
                    [m.meta.id.to_string()],
                    |r| r.get::<_, i64>(0),
                )
                .map(|n| n > 0);
            match exists {
                Ok(true) => Event::Klaar,
                Ok(false) => match store.save(m.as_mut(), crate::sync::klok::nu()) {
                    Ok(()) => Event::Klaar,
                    Err(e) => Event::Failed {
                        what: "medewerker vastleggen",
                        error: e.to_string(),
                    },
                },
                Err(e) => Event::Failed {
                    what: "medewerker vastleggen",
                    error: e.to_string(),
                },
            }
        }
        Command::SaveMedewerker(mut m) => match store.save(m.as_mut(), crate::sync::klok::nu()) {
            Ok(()) => Event::MedewerkerSaved(m),
            Err(e) => Event::Failed {
                what: "medewerker opslaan",
                error: e.to_string(),
            },
        },
    }
}

fn audit(
    store: &Store,
    kijker: &Kijker,
    partij_id: Option<Uuid>,
    zaak_id: Option<Uuid>,
    reden: AuditReden,
) -> rusqlite::Result<()> {
    lookup::write_audit(
        store.conn(),
        store.desk_id(),
        &AuditEntry {
            at: crate::sync::klok::nu(),
            medewerker_id: kijker.medewerker_id,
            medewerker: kijker.naam.clone(),
            partij_id,
            zaak_id,
            reden,
        },
    )
}

/// A draft's key in the `concept` table: per desk, since several desks may share one database
/// file (a hall on one file), and one desk's draft or contact is never another's.
fn concept_sleutel(store: &Store, soort: &str) -> String {
    format!("{soort}:{}", store.desk_id())
}

fn registreer(store: &mut Store, mut r: RegistratieRecords) -> anyhow::Result<Event> {
    let sleutel = concept_sleutel(store, CONCEPT_KEY);
    let mut batch = store.batch(crate::sync::klok::nu())?;
    batch.save(&mut r.contactmoment)?;
    for v in &mut r.vragen {
        batch.save(v)?;
    }
    if let Some((cv, log)) = r.verzoek.as_mut() {
        batch.save(cv)?;
        batch.save(log)?;
    }
    batch.concept(&sleutel, None)?;
    batch.commit()?;
    Ok(Event::Geregistreerd {
        contactmoment: Box::new(r.contactmoment),
        verzoek: r.verzoek.map(|(cv, _)| Box::new(cv)),
    })
}
