//! The store thread: it owns the SQLite connection, takes commands over a channel and reports
//! back through a callback. The UI never waits on it.

mod handle;

use handle::handle;

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
