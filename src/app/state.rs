//! The desk's whole state: plain data that `update` changes and drawing reads.

use super::*;

/// Where the database stands.
#[derive(Debug, Clone, PartialEq)]
pub enum DbState {
    /// Being opened (or, in demo mode, generated).
    Opening,
    Ready,
    /// Refused or unreadable; the message says why, in Dutch.
    Failed(String),
}

/// A line for the bottom bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// Who is working at this desk, for the status bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// From the config; else the database's; else none yet.
    pub gemeente: Option<String>,
    pub medewerker: Option<MedewerkerProfiel>,
    pub desk_id: Uuid,
    pub demo: bool,
    /// Contactverzoek deadline in werkdagen per afdeling name (config).
    pub termijnen: std::collections::BTreeMap<String, u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub session: Session,
    pub focus: Pane,
    /// The focused pane fills the screen (Enter), until Esc.
    pub zoomed: bool,
    pub help: Option<u16>,
    pub confirm_quit: bool,
    /// Who is signed in; the sign-in screen and the lock.
    pub aanmelden: super::aanmelden::Aanmelden,
    pub profile_form: Option<ProfileForm>,
    pub zaak_klant: ZaakKlant,
    /// The wrap-up form, while open.
    pub registratie: Option<Registratie>,
    /// The contactverzoeken list in the Wachtrij pane.
    pub verzoeken: Verzoeken,
    /// The Kennisbank pane.
    pub kennisbank: kennisbank::KennisbankPane,
    /// The telephone queue (Wachtrij pane) and this agent's state.
    pub telefonie: telefonie::Telefonie,
    /// The diensten on offer (from the store).
    pub diensten: Vec<crate::domain::afspraken::Dienst>,
    /// The balies and spreekkamers with the diensten they serve.
    pub plekken: Vec<(String, Vec<String>)>,
    /// Booking an afspraak, when open.
    pub afspraak: Option<afspraken::AfspraakForm>,
    /// Open the afspraak form for this klant as soon as their klantbeeld has loaded.
    pub afspraak_na_laden: Option<Uuid>,
    /// The klant and product(s) of an afspraak the server refused (Ctrl-O offers another time),
    /// and the product(s) to choose when the form opens.
    pub afspraak_opnieuw: Option<(Uuid, String)>,
    pub afspraak_product: Option<String>,
    /// Visitors at the counter (Klantgeleiding pane).
    pub klantgeleiding: klantgeleiding::KlantgeleidingPane,
    /// The contact in hand: what its registration is saved on (the klant only when linked).
    pub contact: Option<klantcontact::Klantcontact>,
    /// Searches and articles read with no contact in hand (a contact started with F5 takes them).
    pub voorwerk: klantcontact::Voorwerk,
    /// A draft from an earlier run, offered for recovery.
    pub concept_aanbod: Option<Registratie>,
    /// "Registratie annuleren?" is asked.
    pub confirm_cancel: bool,
    /// Afdelingen and medewerkers for pickers.
    pub referentie: crate::store::lookup::Referentie,
    /// Edits of the form since it opened, and the edit count last autosaved.
    pub(super) concept_versie: u64,
    pub(super) concept_bewaard: u64,
    pub db: DbState,
    pub overview: Option<Overview>,
    pub sync: SyncIndicator,
    /// The floor view, when a supervisor opened it (F9), with its latest data.
    pub vloer_open: bool,
    pub vloer: Option<Box<crate::store::vloer::Vloer>>,
    pub vloer_weergave: vloer::Weergave,
    /// The servicenormen of `[normen]` (the floor view's verdicts).
    pub normen: crate::domain::kpi::Normen,
    /// The pane in focus when a screen pop asked for the caller's klantbeeld.
    pub screen_pop_focus: Option<Pane>,
    /// Training mode: the scenario being played, its cases and the review.
    pub training: Option<training::Training>,
    /// Training: the klanten were asked for (the clock starts when they are known).
    pub training_gevraagd: bool,
    /// Changes of this desk not yet handed in, and when sync last succeeded.
    pub sync_wachtend: i64,
    pub sync_laatst: Option<DateTime<chrono::Utc>>,
    /// Offline: why, in a few words; a fault: the error in Dutch (from the sync task).
    pub sync_fout: Option<String>,
    pub now: DateTime<Local>,
    pub notice: Option<Notice>,
    /// Seconds until the notice gives way to the key hints again.
    pub(super) notice_ttl: u32,
    /// Terminal size, for refusing keys while the window is too small.
    pub size: (u16, u16),
    pub quit: bool,
    pub(super) ticks: u32,
    /// The open overlays in the order they were opened (see [`overlay`]).
    pub(super) overlay_stapel: Vec<overlay::Overlay>,
    /// The registered features' state (see [`super::features`]).
    pub features: super::features::FeatureState,
}

/// Reload the overview this often (in ticks of a second), so "te laat" counts stay true.
pub(super) const OVERVIEW_REFRESH_TICKS: u32 = 60;

impl State {
    /// A desk at `fase`: `Laden` for a desk that starts (somebody must sign in), `Aangemeld`
    /// for one whose session names its medewerker already (tests), `EersteAccount` with the
    /// first-run form open.
    pub fn new(session: Session, fase: super::aanmelden::Fase, now: DateTime<Local>) -> State {
        let rol = session
            .medewerker
            .as_ref()
            .map_or(Rol::Medewerker, |m| m.rol);
        let profile_form = (fase == super::aanmelden::Fase::EersteAccount)
            .then(|| ProfileForm::voor(session.medewerker.as_ref()));
        State {
            session,
            focus: Pane::Wachtrij,
            zoomed: false,
            help: None,
            confirm_quit: false,
            profile_form,
            aanmelden: super::aanmelden::Aanmelden {
                fase,
                ..Default::default()
            },
            zaak_klant: ZaakKlant::default(),
            registratie: None,
            verzoeken: Verzoeken {
                filter: crate::domain::contact::Filter::voor(rol)[0],
                ..Verzoeken::default()
            },
            kennisbank: Default::default(),
            telefonie: Default::default(),
            diensten: Vec::new(),
            plekken: Vec::new(),
            afspraak: None,
            afspraak_na_laden: None,
            afspraak_opnieuw: None,
            afspraak_product: None,
            klantgeleiding: Default::default(),
            contact: None,
            voorwerk: Default::default(),
            concept_aanbod: None,
            confirm_cancel: false,
            referentie: Default::default(),
            concept_versie: 0,
            concept_bewaard: 0,
            db: DbState::Opening,
            overview: None,
            sync: SyncIndicator::Lokaal,
            sync_wachtend: 0,
            sync_laatst: None,
            sync_fout: None,
            vloer_open: false,
            vloer: None,
            vloer_weergave: Default::default(),
            normen: Default::default(),
            screen_pop_focus: None,
            training: None,
            training_gevraagd: false,
            now,
            notice: None,
            notice_ttl: 0,
            size: (u16::MAX, u16::MAX),
            quit: false,
            ticks: 0,
            overlay_stapel: Vec::new(),
            features: Default::default(),
        }
    }

    /// The mode whose bindings apply now.
    pub fn mode(&self) -> Mode {
        use overlay::Overlay;
        // Until somebody is signed in, and while locked, only the sign-in screen takes keys
        // (a database that failed to open first: then nothing can be done but leave).
        if self.aanmelden.fase != super::aanmelden::Fase::Aangemeld
            && matches!(self.db, DbState::Failed(_))
        {
            return Mode::Fout;
        }
        match self.aanmelden.fase {
            super::aanmelden::Fase::Aangemeld => {}
            super::aanmelden::Fase::EersteAccount if self.confirm_quit => return Mode::Bevestigen,
            super::aanmelden::Fase::EersteAccount => return Mode::Formulier,
            _ => return Mode::Aanmelden,
        }
        if let Some(o) = self.bovenste_overlay() {
            return match o {
                Overlay::Stoppen => Mode::Bevestigen,
                Overlay::Help => Mode::Help,
                Overlay::Fout => Mode::Fout,
                Overlay::Annuleren => Mode::Annuleren,
                Overlay::Concept => Mode::Concept,
                Overlay::TrainingBeoordeling => Mode::TrainingBeoordeling,
                Overlay::Vloer => Mode::Vloer,
                Overlay::Afspraak => {
                    if self
                        .afspraak
                        .as_ref()
                        .is_some_and(|f| matches!(f.stap, afspraken::Stap::Annuleren { .. }))
                    {
                        Mode::AfspraakReden
                    } else {
                        Mode::Afspraak
                    }
                }
                Overlay::Registratie => Mode::Registratie,
                Overlay::Profiel => Mode::Formulier,
                Overlay::Doorverbinden => Mode::Doorverbinden,
                Overlay::Pauze => Mode::PauzeKiezen,
                Overlay::Feature(naam) => Mode::Feature(naam),
            };
        }
        if self.focus == Pane::Klantgeleiding
            && self.db == DbState::Ready
            && self.klantgeleiding.inchecken.is_some()
        {
            Mode::Inchecken
        } else if self.focus == Pane::Klantgeleiding
            && self.db == DbState::Ready
            && self.klantgeleiding.agenda.is_some()
        {
            Mode::Agenda
        } else if self.focus == Pane::Klantgeleiding
            && self.db == DbState::Ready
            && self.klantgeleiding.venster.is_some()
        {
            Mode::KgVenster
        } else if self.focus == Pane::Klantgeleiding && self.db == DbState::Ready {
            Mode::Klantgeleiding
        } else if self.focus == Pane::Kennisbank && self.kennisbank.melding.is_some() {
            Mode::KbMelden
        } else if self.focus == Pane::Kennisbank && self.kennisbank.statistiek.is_some() {
            Mode::KbStatistiek
        } else if self.focus == Pane::Kennisbank && self.kennisbank.open.is_some() {
            Mode::KbArtikel
        } else if self.focus == Pane::Kennisbank && self.kennisbank.input_active {
            Mode::KbZoeken
        } else if self.focus == Pane::Wachtrij && self.db == DbState::Ready {
            if self.verzoeken.afhandelen.is_some() {
                Mode::VerzoekAfhandelen
            } else if self.verzoeken.zoeken {
                Mode::VerzoekZoeken
            } else {
                Mode::Verzoeken
            }
        } else if self.focus == Pane::ZaakKlant
            && self.db == DbState::Ready
            && self.zaak_klant.form.is_some()
        {
            Mode::KlantForm
        } else if self.focus == Pane::ZaakKlant && self.db == DbState::Ready {
            match self.zaak_klant.view {
                View::Zoeken if self.zaak_klant.input_active => Mode::Zoeken,
                View::Zoeken => Mode::Balie,
                View::Klant => Mode::Klantbeeld,
                View::Zaak => Mode::Zaak,
            }
        } else {
            Mode::Balie
        }
    }

    /// The articles consulted for the contact in hand, or before any contact.
    pub fn bronnen(&self) -> &[String] {
        match &self.contact {
            Some(c) => &c.bronnen,
            None => &self.voorwerk.bronnen,
        }
    }

    /// An article was opened: a bron of the contact in hand (or of the one F5 starts next).
    pub(super) fn bron_geraadpleegd(&mut self, id: String, now: DateTime<Utc>) {
        match self.contact.as_mut() {
            Some(c) => c.bron(id),
            None => {
                self.voorwerk.begin.get_or_insert(now);
                if !self.voorwerk.bronnen.contains(&id) {
                    self.voorwerk.bronnen.push(id);
                }
            }
        }
    }

    /// The agent is at work (a search, a klant or zaak opened) with nothing in hand: a contact
    /// started with F5 begins then.
    pub(super) fn voorwerk(&mut self, now: DateTime<Utc>) {
        if self.contact.is_none() {
            self.voorwerk.begin.get_or_insert(now);
        }
    }

    /// A new contact (a call answered, a visitor called): nothing looked at before belongs to
    /// it. The kennisbank question and the klant search start empty (earlier questions stay
    /// under Ctrl-P).
    pub(super) fn contact_begint(
        &mut self,
        aanleiding: klantcontact::Aanleiding,
        begin: DateTime<Utc>,
    ) {
        self.contact = Some(klantcontact::Klantcontact::new(aanleiding, begin));
        self.voorwerk = Default::default();
        let dag = self.now.date_naive();
        self.kennisbank.nieuw_contact(dag);
        self.lege_klantzoekvraag();
    }

    /// The contact in hand, or one the agent starts now (F5, Ctrl-K): it began when they started
    /// looking things up, with the articles they read as its bronnen.
    pub(super) fn contact_in_hand(&mut self, now: DateTime<Utc>) {
        if self.contact.is_none() {
            let voorwerk = std::mem::take(&mut self.voorwerk);
            let mut c = klantcontact::Klantcontact::new(
                klantcontact::Aanleiding::Handmatig,
                voorwerk.begin.unwrap_or(now),
            );
            c.bronnen = voorwerk.bronnen;
            self.contact = Some(c);
        }
    }

    /// The contact is done (registered, or its draft dropped): the next starts from nothing.
    pub(super) fn contact_eindigt(&mut self) {
        self.contact = None;
        self.voorwerk = Default::default();
    }

    /// Zaak/Klant back to an empty search (results still on their way are dropped).
    pub(super) fn lege_klantzoekvraag(&mut self) {
        self.zaak_klant = ZaakKlant {
            seq: self.zaak_klant.seq + 1,
            input_active: self.focus == Pane::ZaakKlant,
            ..ZaakKlant::default()
        };
        self.zaak_klant.shown_seq = self.zaak_klant.seq;
        if self.focus == Pane::ZaakKlant {
            self.zoomed = false;
        }
    }

    /// The role of the medewerker at this desk (medewerker until known).
    pub fn rol(&self) -> Rol {
        self.session
            .medewerker
            .as_ref()
            .map_or(Rol::Medewerker, |m| m.rol)
    }

    /// The medewerker's name as records and logboeken write it ("onbekend" before the profile).
    pub fn medewerker_naam(&self) -> String {
        self.session
            .medewerker
            .as_ref()
            .map_or_else(|| "onbekend".to_string(), |m| m.naam.clone())
    }

    /// True when leaving now would lose typed input.
    /// (With a refused database nothing can be saved, so there is nothing to keep.)
    pub fn has_unsaved_input(&self) -> bool {
        !matches!(self.db, DbState::Failed(_))
            && (self
                .profile_form
                .as_ref()
                .is_some_and(ProfileForm::is_dirty)
                || self.registratie.as_ref().is_some_and(Registratie::is_dirty)
                || self.in_gesprek_of_nawerk())
    }

    /// A call is ringing, going on, or being wrapped up: leaving would lose it.
    pub fn in_gesprek_of_nawerk(&self) -> bool {
        let t = &self.telefonie;
        t.gesprek.is_some()
            || t.aangeboden.is_some()
            || t.status == crate::domain::telefonie::AgentStatus::Nawerk
    }

    /// Show a message in the bottom line for a while (errors a little longer).
    pub fn notify(&mut self, text: String, is_error: bool) {
        self.notice_ttl = if is_error { 15 } else { 6 };
        self.notice = Some(Notice { text, is_error });
    }

    /// The window is below the 80x24 the desk needs.
    pub fn too_small(&self) -> bool {
        self.size.0 < crate::ui::MIN_WIDTH || self.size.1 < crate::ui::MIN_HEIGHT
    }

    /// The sync state for the status bar, true to the facts: "gesynchroniseerd 4 s" only when
    /// nothing waits, else "3 wachtend (laatst 4 s)"; "offline: server onbereikbaar, 12
    /// wachtend (laatst 2 min)" when the server cannot be reached, and "fout, 12 wachtend: …"
    /// with the error in Dutch when it can be reached but refuses or fails. The
    /// most important facts come first, so a cut end loses the least.
    pub fn sync_tekst(&self) -> String {
        let leeftijd = |t: DateTime<chrono::Utc>| {
            let s = (self.now.with_timezone(&chrono::Utc) - t)
                .num_seconds()
                .max(0);
            if s < 60 {
                format!("{s} s")
            } else if s < 3600 {
                format!("{} min", s / 60)
            } else {
                format!("{} u", s / 3600)
            }
        };
        let laatst = self
            .sync_laatst
            .map(|l| format!(" (laatst {})", leeftijd(l)))
            .unwrap_or_default();
        let n = self.sync_wachtend;
        let wachtend = format!("{n} wachtend");
        match self.sync {
            SyncIndicator::Lokaal => "lokaal".into(),
            SyncIndicator::Bezig if n > 0 => format!("bezig - {wachtend}"),
            SyncIndicator::Bezig => "bezig".into(),
            SyncIndicator::Gesynchroniseerd if n > 0 => format!("{wachtend}{laatst}"),
            SyncIndicator::Gesynchroniseerd => match self.sync_laatst {
                Some(t) => format!("gesynchroniseerd {}", leeftijd(t)),
                None => "gesynchroniseerd".into(),
            },
            SyncIndicator::Offline => {
                let waarom = self.sync_fout.as_deref().unwrap_or("server onbereikbaar");
                format!("offline: {waarom}, {wachtend}{laatst}")
            }
            SyncIndicator::Fout => {
                let fout = self.sync_fout.as_deref().unwrap_or("onbekend");
                format!("fout, {wachtend}: {fout}{laatst}")
            }
        }
    }

    /// The gemeente name to show.
    pub fn gemeente(&self) -> &str {
        self.session
            .gemeente
            .as_deref()
            .or(self.overview.as_ref().and_then(|o| o.gemeente.as_deref()))
            .unwrap_or("loket")
    }
}
