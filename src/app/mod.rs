//! Application state and its one update function. State is plain data; `update` changes it in
//! answer to an [`Action`] and returns the [`Effect`]s (I/O) the runtime must carry out. Nothing in
//! here touches the terminal, the disk or the network.

pub mod aanmelden;
pub mod afspraken;
pub mod features;
mod input;
pub mod jobs;
pub mod kas;
pub mod kennisbank;
pub mod keymap;
pub mod klantcontact;
pub mod klantgeleiding;
pub mod list_cursor;
pub mod overlay;
pub mod profile_form;
pub mod registratie;
mod state;
pub mod telefonie;
pub mod text_field;
pub mod training;
pub mod verzoeken;
pub mod vloer;
pub mod zaak_klant;

use chrono::{DateTime, Local, Utc};
use klantgeleiding::KgMsg;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use registratie::RegMsg;
use telefonie::TelMsg;
use uuid::Uuid;
use zaak_klant::ZkMsg;

use crate::config::MedewerkerProfiel;
use crate::domain::Rol;
use crate::store::overview::Overview;
use crate::sync::SyncIndicator;
use input::plakken;
pub use input::{MAX_PLAKKEN, key_to_action};
pub use kennisbank::KbEffect;
pub use keymap::Mode;
pub use profile_form::{ProfileField, ProfileForm};
pub use registratie::Registratie;
use state::OVERVIEW_REFRESH_TICKS;
pub use state::{DbState, Notice, Session, State};
pub use verzoeken::{Verzoeken, VzEffect};
pub use zaak_klant::{View, ZaakKlant, ZkEffect};

/// The four panes of the desk, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Wachtrij,
    Klantgeleiding,
    Kennisbank,
    ZaakKlant,
}

impl Pane {
    pub const ALL: [Pane; 4] = [
        Pane::Wachtrij,
        Pane::Klantgeleiding,
        Pane::Kennisbank,
        Pane::ZaakKlant,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Wachtrij => "Wachtrij",
            Pane::Klantgeleiding => "Klantgeleiding",
            Pane::Kennisbank => "Kennisbank",
            Pane::ZaakKlant => "Zaak/Klant",
        }
    }

    /// The function key that jumps here (F1..F4).
    pub fn number(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0) + 1
    }

    fn offset(self, by: isize) -> Pane {
        let n = Pane::ALL.len() as isize;
        let i = (self.number() as isize - 1 + by).rem_euclid(n);
        Pane::ALL[i as usize]
    }
}

/// Everything that can happen: keys (through the keymap), ticks, and results of background work.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    FocusNext,
    FocusPrev,
    FocusPane(Pane),
    Open,
    Back,
    ToggleHelp,
    ScrollUp,
    ScrollDown,
    Quit,
    ConfirmQuit,
    CancelQuit,
    /// The first account of a desk without [sync], asked on first start.
    Profiel(profile_form::ProfielMsg),
    /// Signing in, the lock, signing out.
    Aanmelden(aanmelden::AanmeldMsg),
    /// The Zaak/klant pane: search, klantbeeld, zaak, the klant's details, and what the store reported.
    Zk(zaak_klant::ZkMsg),
    /// The kennisbank pane: its keys, and what the store reported.
    Kb(kennisbank::KbMsg),
    /// A message for the bottom bar, from the runtime.
    Melding(String),
    /// The telephone queue: the call source's events, the agent's keys, what the store reported.
    Tel(telefonie::TelMsg),
    /// Klantgeleiding: visitors, tickets and the day's afspraken at the counter.
    Kg(klantgeleiding::KgMsg),
    /// The receptie's and balie's windows: visitors for staff, the building, the till.
    Kas(kas::KasMsg),
    /// The sync task reported.
    Sync(Box<crate::sync::SyncBericht>),
    /// The floor view (F9): its keys and its data.
    Vloer(vloer::VloerMsg),
    /// Booking, moving and cancelling an afspraak: the form's keys and what the store reported.
    Afspraak(afspraken::AfspraakMsg),
    /// The wrap-up (registratie) of a contact: its keys, its draft, and what the store reported.
    Reg(registratie::RegMsg),
    /// Training mode: its review and the scenario's klanten.
    Training(training::TrainingMsg),
    /// Text pasted into the terminal (bracketed paste): for the field in focus, never keys.
    Plakken(String),
    /// Ctrl-K in a klantbeeld or zaak: link it to the contact in hand (starting one if none),
    /// or unlink it when it is linked.
    ContactKoppelen,
    /// The contactverzoeken list: its keys and what the store reported.
    Vz(verzoeken::VzMsg),
    /// Once a second: the clock.
    Tick(DateTime<Local>),
    /// The terminal is now this size (width, height); redraw.
    Resize(u16, u16),
    /// SIGTERM or SIGHUP: leave now, without questions.
    Terminate,
    StoreOpened {
        schema_version: i32,
    },
    StoreFailed(String),
    OverviewLoaded(Box<Overview>),
    ReferentieLoaded(Box<crate::store::lookup::Referentie>),
    /// The contact in hand when the desk last stopped (JSON).
    ContactGevonden(String),
    /// A registered feature's message (see [`features`]).
    Feature(features::FeatureMsg),
    /// A save or load failed; `herkomst` is the form that asked (only that form is told).
    SaveFailed {
        what: String,
        error: String,
        herkomst: jobs::Herkomst,
    },
}

/// I/O for the runtime to carry out; its outcome comes back as an [`Action`].
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadOverview,
    /// Signing in, unlocking, signing out.
    Aanmelden(aanmelden::AanmeldEffect),
    /// Work for the Zaak/Klant pane (search, open, reveal: all audited by the store).
    ZaakKlant(ZkEffect),
    /// Write a registration durably (one transaction).
    Registreer(Box<crate::domain::contact::RegistratieRecords>),
    /// Autosave (Some) or drop (None) the registration draft.
    BewaarConcept(Option<String>),
    /// Keep the contact in hand (JSON), or none.
    BewaarContact(Option<String>),
    /// Work for the contactverzoeken list.
    Verzoeken(VzEffect),
    /// Work for the Kennisbank pane.
    Kennisbank(KbEffect),
    /// Work for the telephone queue.
    Telefonie(telefonie::TelEffect),
    /// Finding slots and booking afspraken.
    Afspraak(afspraken::AfspraakEffect),
    /// Visitors at the counter.
    Klantgeleiding(klantgeleiding::KgEffect),
    /// Start a sync round now (a call waits for the server's verdict).
    SyncNu,
    /// Send this action back after this long (a bounded wait ends as an action, never by
    /// blocking).
    Later(std::time::Duration, Box<Action>),
    /// Bezoekersregistratie and the till.
    Venster(kas::VensterEffect),
    /// The floor view's figures.
    LaadVloer,
    /// Training: look up the scenario's klanten.
    TrainingKlanten(Vec<String>),
    /// A registered feature's work (see [`features`]).
    Feature(features::FeatureEffect),
    /// Training: compute, keep and report the review.
    TrainingBeoordeel(Box<training::BeoordeelVraag>),
}

/// Move focus; entering the Zaak/Klant pane puts the cursor in its search field.
fn focus(state: &mut State, pane: Pane) {
    if state.focus != pane {
        state.zoomed = false;
    } else if pane == Pane::Kennisbank && state.kennisbank.statistiek.is_none() {
        // F3 on the Kennisbank itself: back to the search field for the next question.
        let dag = state.now.date_naive();
        if state.kennisbank.open.is_some() {
            state.kennisbank.back(dag);
            state.zoomed = false;
        }
        state.kennisbank.input_active = true;
        return;
    }
    if state.focus == Pane::Kennisbank && pane != Pane::Kennisbank {
        state.kennisbank.einde_zoekvraag();
    }
    state.focus = pane;
    if pane == Pane::Kennisbank && state.kennisbank.open.is_none() {
        state.kennisbank.input_active = true;
    }
    if pane == Pane::ZaakKlant && state.zaak_klant.view == View::Zoeken {
        state.zaak_klant.input_active = true;
    }
}

fn zk(effects: &mut Vec<Effect>, e: Option<ZkEffect>) {
    if let Some(e) = e {
        effects.push(Effect::ZaakKlant(e));
    }
}

/// Open the afspraak form for klant `id`; their coming afspraken when the klantbeeld shows them.
fn afspraak_openen(state: &mut State, id: Uuid, naam: String) {
    let bestaande = state
        .zaak_klant
        .klant
        .as_ref()
        .filter(|k| k.id == id)
        .map(|k| k.afspraken.clone())
        .unwrap_or_default();
    state.afspraak = Some(afspraken::AfspraakForm::new(
        id,
        naam,
        &state.diensten,
        bestaande,
        state.plekken.clone(),
    ));
}

/// Re-offering a refused afspraak: its diensten chosen and the next free times looked up at once.
fn afspraak_direct_zoeken(state: &mut State, ctx: &Ctx, effects: &mut Vec<Effect>) {
    let Some(product) = state.afspraak_product.take() else {
        return;
    };
    if let Some(f) = state.afspraak.as_mut() {
        let producten: Vec<&str> = product.split(" + ").collect();
        for (d, g) in f.diensten.iter_mut() {
            *g = producten.contains(&d.naam.as_str());
        }
        if !f.gekozen().is_empty() {
            let e = f.zoek(ctx.nu);
            effects.push(Effect::Afspraak(e));
        }
    }
}

/// What an update may know of the world outside its state: the moment and who is at the
/// keyboard. The runtime reads the clock once per action and hands both in here, so `update` never
/// reads the clock itself and a test can pin it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ctx {
    /// The moment the action is handled.
    pub nu: DateTime<Utc>,
    /// The medewerker at the keyboard; none before somebody signed in.
    pub medewerker: Option<MedewerkerProfiel>,
    /// The action came from the keyboard (a key or a paste): the idle lock counts from it.
    pub door_toets: bool,
}

impl Ctx {
    /// The context at the clock's present moment, nobody known at the keyboard.
    pub fn nu() -> Self {
        Ctx::op(Utc::now())
    }

    /// The context at a given moment.
    pub fn op(nu: DateTime<Utc>) -> Self {
        Ctx {
            nu,
            medewerker: None,
            door_toets: false,
        }
    }

    /// The same moment, for an action that came from the keyboard.
    pub fn door_toets(self) -> Self {
        Ctx {
            door_toets: true,
            ..self
        }
    }

    /// The same moment, with `medewerker` at the keyboard.
    pub fn met(self, medewerker: Option<MedewerkerProfiel>) -> Self {
        Ctx { medewerker, ..self }
    }

    pub fn medewerker_id(&self) -> Option<Uuid> {
        self.medewerker.as_ref().map(|m| m.id)
    }

    /// The medewerker's name as records and logboeken write it ("onbekend" before the profile).
    pub fn medewerker_naam(&self) -> &str {
        self.medewerker
            .as_ref()
            .map_or("onbekend", |m| m.naam.as_str())
    }

    /// Their role: what they may see (a medewerker until known).
    pub fn rol(&self) -> Rol {
        self.medewerker.as_ref().map_or(Rol::Medewerker, |m| m.rol)
    }
}

/// What the keyboard may do while nobody is signed in or the desk is locked.
fn voor_aanmeldscherm(action: &Action) -> bool {
    matches!(
        action,
        Action::Aanmelden(_)
            | Action::Profiel(_)
            | Action::Quit
            | Action::ConfirmQuit
            | Action::CancelQuit
            | Action::Plakken(_)
            | Action::Resize(..)
    )
}

/// Apply `action` to `state` at the moment in `ctx`; return the I/O to carry out.
pub fn update(state: &mut State, ctx: &Ctx, action: Action) -> Vec<Effect> {
    if ctx.door_toets {
        state.aanmelden.laatste_activiteit = Some(ctx.nu);
        // Behind the sign-in screen or the lock the keyboard reaches nothing but the screen
        // itself (and leaving), whatever a key table says: the one guard, at the one place every
        // key passes.
        if !state.aanmelden.open() && !voor_aanmeldscherm(&action) {
            return Vec::new();
        }
    }
    let contact_voor = state.contact.clone();
    let mut effects = update_zonder_contact(state, ctx, action);
    features::na_update(state, &mut effects);
    state.bewaar_overlays();
    // The contact in hand is kept in the database as it changes: a desk killed mid-contact has
    // it back, with the klant and zaak the agent linked.
    if state.contact != contact_voor && state.db == DbState::Ready {
        effects.push(Effect::BewaarContact(
            state
                .contact
                .as_ref()
                .and_then(|c| serde_json::to_string(c).ok()),
        ));
    }
    effects
}

fn update_zonder_contact(state: &mut State, ctx: &Ctx, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    if state.training.is_some() {
        training_vooraf(state, ctx, &action, &mut effects);
    }
    let mut effects = update_inner(state, ctx, action, effects);
    if state.training.is_some() {
        training_achteraf(state, ctx, &mut effects);
    }
    // Leaving the desk signs its balie out: the floor no longer counts it as open.
    if state.quit && state.klantgeleiding.aangemeld {
        state.klantgeleiding.aangemeld = false;
        effects.push(Effect::Klantgeleiding(klantgeleiding::KgEffect::Aanmelden(
            false,
        )));
    }
    // Leaving the desk signs the agent out, so the floor does not show them in pauze for ever.
    if state.quit
        && state.telefonie.actief
        && state.telefonie.status != crate::domain::telefonie::AgentStatus::Afgemeld
    {
        agent_status(
            state,
            ctx,
            crate::domain::telefonie::AgentStatus::Afgemeld,
            &mut effects,
        );
    }
    effects
}

/// The agent's telephone state changes outside the queue's own keys (saving the wrap-up,
/// leaving): told to the source and recorded.
pub(crate) fn agent_status(
    state: &mut State,
    ctx: &Ctx,
    status: crate::domain::telefonie::AgentStatus,
    effects: &mut Vec<Effect>,
) {
    let mut g = telefonie::Gevolg::default();
    let desk = state.session.desk_id;
    let mw = ctx.medewerker_id();
    state.telefonie.zet_status(status, None, desk, mw, &mut g);
    effects.extend(g.effects.into_iter().map(Effect::Telefonie));
}

/// Training mode sees what happens at the desk: time passing, a call connected, a ticket
/// printed, a contact registered.
fn training_vooraf(state: &mut State, ctx: &Ctx, action: &Action, effects: &mut Vec<Effect>) {
    let nu = ctx.nu;
    let db_klaar = state.db == DbState::Ready;
    let ticks = state.ticks;
    let Some(tr) = state.training.as_mut() else {
        return;
    };
    let mut uit = Vec::new();
    match action {
        Action::Tick(_) if db_klaar => {
            if tr.gestart.is_none() && !state.training_gevraagd {
                state.training_gevraagd = true;
                uit.push(tr.begin());
            }
            uit.extend(tr.stap(nu));
            uit.extend(tr.afspraken(&state.klantgeleiding.vandaag, nu));
            if tr.scenario.afspraken_opkomst.is_some() && ticks.is_multiple_of(30) {
                effects.push(Effect::Klantgeleiding(
                    klantgeleiding::KgEffect::LaadAfspraken,
                ));
            }
        }
        Action::Tel(TelMsg::Events { events, .. }) => {
            for e in events {
                if let crate::telefonie::TelEvent::Verbonden { id, op } = e {
                    tr.verbonden(id, *op);
                }
            }
        }
        Action::Kg(KgMsg::Ingecheckt(b)) => tr.ticket(b.meta.id, &b.dienst, b.partij_id),
        Action::Reg(RegMsg::Geregistreerd { contactmoment, .. }) => {
            let tel = &state.telefonie;
            uit.extend(tr.geregistreerd(
                contactmoment.meta.id,
                contactmoment.gesprek_id,
                nu,
                |id| tel.record_id(id),
            ));
        }
        _ => {}
    }
    for u in uit {
        training_effect(state, u, effects);
    }
}

/// A visitor called to this balie may be a training case; leaving keeps the review as it
/// stands for the coach.
fn training_achteraf(state: &mut State, ctx: &Ctx, effects: &mut Vec<Effect>) {
    let nu = ctx.nu;
    let Some(tr) = state.training.as_mut() else {
        return;
    };
    let bewaren = state.quit && tr.gestart.is_some() && !tr.klaar() && tr.begonnen();
    if bewaren {
        let mut v = tr.beoordeel(nu);
        if let training::TrainingUit::Beoordeel(b) = &mut v {
            b.afgesloten = true;
        }
        tr.gestart = None;
        training_effect(state, v, effects);
    }
}

/// What training mode asks, as the desk's own effects.
fn training_effect(state: &mut State, u: training::TrainingUit, effects: &mut Vec<Effect>) {
    use training::TrainingUit;
    match u {
        TrainingUit::KlantenOpzoeken(namen) => effects.push(Effect::TrainingKlanten(namen)),
        TrainingUit::Beller { id, nummer, keuze } => {
            effects.push(Effect::Telefonie(telefonie::TelEffect::Command(
                crate::telefonie::TelCommand::Inplannen { id, nummer, keuze },
            )))
        }
        TrainingUit::Bezoeker { dienst, partij } => {
            // A background visitor: the walk-in diensten in turn.
            let inloop: Vec<&crate::domain::afspraken::Dienst> = state
                .diensten
                .iter()
                .filter(|d| d.vorm == "inloop")
                .collect();
            let gekozen = if dienst.is_empty() {
                let n = state.training.as_ref().map_or(0, |t| t.volgende_bezoeker);
                inloop.get(n % inloop.len().max(1)).copied()
            } else {
                state.diensten.iter().find(|d| d.naam == dienst)
            };
            if let Some(d) = gekozen {
                effects.push(Effect::Klantgeleiding(
                    klantgeleiding::KgEffect::Inchecken {
                        dienst: d.naam.clone(),
                        prefix: d.prefix.clone(),
                        partij,
                    },
                ));
            }
        }
        TrainingUit::Beoordeel(mut v) => {
            if let Some(kb) = &state.kennisbank.kb {
                v.titels = kb
                    .artikelen
                    .iter()
                    .map(|a| (a.id.clone(), a.titel.clone()))
                    .collect();
            }
            effects.push(Effect::TrainingBeoordeel(v))
        }
        TrainingUit::Afspraak(a) => effects.push(Effect::Klantgeleiding(
            klantgeleiding::KgEffect::AfspraakInchecken(a),
        )),
    }
}

fn update_inner(
    state: &mut State,
    ctx: &Ctx,
    action: Action,
    mut effects: Vec<Effect>,
) -> Vec<Effect> {
    match action {
        Action::FocusNext => focus(state, state.focus.offset(1)),
        Action::FocusPrev => focus(state, state.focus.offset(-1)),
        Action::FocusPane(p) => focus(state, p),
        Action::Open => state.zoomed = true,
        Action::Back => state.zoomed = false,
        Action::ToggleHelp => {
            state.help = match state.help {
                Some(_) => None,
                None => Some(0),
            }
        }
        Action::ScrollDown => {
            if let Some(off) = state.help.as_mut() {
                *off = off.saturating_add(1);
            }
        }
        Action::ScrollUp => {
            if let Some(off) = state.help.as_mut() {
                *off = off.saturating_sub(1);
            }
        }
        Action::Training(m) => training::update(state, ctx, m, &mut effects),
        // A locked desk is not closed from its lock (its medewerker's work is behind it),
        // unless its database failed and nothing can be done at all.
        Action::Quit
            if state.aanmelden.fase == aanmelden::Fase::Vergrendeld
                && !matches!(state.db, DbState::Failed(_)) => {}
        Action::Quit => {
            if state.has_unsaved_input() {
                state.confirm_quit = true;
            } else {
                state.quit = true;
            }
        }
        Action::ConfirmQuit | Action::Terminate => {
            // A half-filled registration is kept as a draft for the next start.
            if let Some(r) = state.registratie.as_ref().filter(|r| r.is_dirty())
                && let Ok(json) = serde_json::to_string(r)
            {
                effects.push(Effect::BewaarConcept(Some(json)));
            }
            state.quit = true;
        }
        Action::CancelQuit => state.confirm_quit = false,
        Action::Profiel(m) => profile_form::update(state, ctx, m, &mut effects),
        Action::Aanmelden(m) => aanmelden::update(state, ctx, m, &mut effects),
        Action::Feature(m) => features::update(state, ctx, m, &mut effects),
        Action::Zk(m) => zaak_klant::update(state, ctx, m, &mut effects),
        Action::Kb(m) => kennisbank::update(state, ctx, m, &mut effects),
        Action::Melding(text) => state.notify(text, false),
        Action::Afspraak(m) => afspraken::update(state, ctx, m, &mut effects),
        Action::Kg(m) => klantgeleiding::update(state, ctx, m, &mut effects),
        Action::Kas(m) => kas::update(state, ctx, m, &mut effects),
        Action::Tel(m) => telefonie::update(state, ctx, m, &mut effects),
        Action::ContactKoppelen => contact_koppelen(state, ctx.nu),
        Action::ContactGevonden(json) => {
            // The contact in hand before a crash, when it is of today and nothing newer began.
            if state.contact.is_none()
                && let Ok(c) = serde_json::from_str::<klantcontact::Klantcontact>(&json)
                && c.begonnen_op.with_timezone(&Local).date_naive() == state.now.date_naive()
            {
                state.notify(format!("Van voor de herstart: {}", c.regel()), false);
                state.contact = Some(c);
            }
        }
        Action::Plakken(tekst) => return plakken(state, ctx, &tekst, effects),
        Action::Reg(m) => registratie::update(state, ctx, m, &mut effects),
        Action::ReferentieLoaded(r) => {
            state.referentie = *r;
            // "Mijn afdeling" is known by name in the config; now it has an id.
            effects.push(Effect::Verzoeken(state.verzoeken.reload()));
        }
        Action::Vz(m) => verzoeken::update(state, ctx, m, &mut effects),
        Action::Tick(now) => {
            aanmelden::update::bij_tick(state, ctx, &mut effects);
            if state.vloer_open && state.db == DbState::Ready {
                effects.push(Effect::LaadVloer);
            }
            if state.db == DbState::Ready && chrono::Timelike::second(&now) % 5 == 0 {
                effects.push(Effect::Klantgeleiding(klantgeleiding::KgEffect::Laad));
            }
            state.now = now;
            // Autosave the wrap-up form every few seconds while it changes.
            if let Some(r) = &state.registratie
                && state.concept_versie != state.concept_bewaard
                && state.ticks.is_multiple_of(3)
                && let Ok(json) = serde_json::to_string(r)
            {
                state.concept_bewaard = state.concept_versie;
                effects.push(Effect::BewaarConcept(Some(json)));
            }
            if state.notice_ttl > 0 {
                state.notice_ttl -= 1;
                if state.notice_ttl == 0 {
                    state.notice = None;
                }
            }
            state.ticks = state.ticks.wrapping_add(1);
            if state.db == DbState::Ready && state.ticks.is_multiple_of(OVERVIEW_REFRESH_TICKS) {
                effects.push(Effect::LoadOverview);
                effects.push(Effect::Verzoeken(state.verzoeken.reload()));
            }
        }
        Action::Resize(w, h) => state.size = (w, h),
        Action::Vloer(m) => vloer::update(state, ctx, m, &mut effects),
        Action::Sync(b) => {
            // Only the sign-in the server spoke of (not the next medewerker's, signed in since).
            if let Some((id, reden)) = b.afgemeld.clone()
                && state.aanmelden.wie.as_ref().map(|w| w.aanmelding) == Some(id)
            {
                aanmelden::update(
                    state,
                    ctx,
                    aanmelden::AanmeldMsg::Ingetrokken(reden),
                    &mut effects,
                );
            }
            state.sync = b.indicator;
            state.sync_wachtend = b.wachtend;
            state.sync_laatst = b.laatst_ok;
            state.sync_fout = b.fout.clone();
            if let Some(o) = b.opnieuw_aanbieden.clone() {
                state.afspraak_opnieuw = Some(o);
            }
            if let Some(eerste) = b.geweigerd.first() {
                let meer = match b.geweigerd.len() {
                    1 => String::new(),
                    n => format!(" (en {} meer: Meldingen in de Wachtrij, m)", n - 1),
                };
                state.notify(format!("{eerste}{meer}"), true);
            }
            let kg = &mut state.klantgeleiding;
            let nu = ctx.nu;
            for id in &b.oproep_toegepast {
                kg.uitspraak(*id, true, nu);
            }
            for id in &b.oproep_geweigerd {
                kg.uitspraak(*id, false, nu);
            }
            // A visitor this balie called went to another balie first: it is not ours, and the
            // balie simply calls the next (the notice says both). A call still waiting for the
            // verdict was never announced; only the one the server accepts will be.
            let wacht_op = kg.beslissing.as_ref().map(|w| w.bezoek.meta.id);
            // A verdict on the call waited for answers it here and now.
            if let Some(w) = wacht_op {
                kg.uitspraak_over(w, nu);
            }
            if !b.oproep_geweigerd.is_empty()
                && wacht_op.is_none_or(|w| b.oproep_geweigerd.contains(&w))
                && kg.huidig.is_none_or(|h| b.oproep_geweigerd.contains(&h))
            {
                let voor = kg.beslissing.take().map(|w| w.voor).unwrap_or_default();
                kg.huidig = None;
                if let Ok(e) = kg.volgende() {
                    let melding = state.notice.as_ref().map(|n| n.text.clone());
                    kg.vooraf = Some(format!("{voor}{}", melding.unwrap_or_default()))
                        .filter(|v| !v.trim().is_empty());
                    effects.push(Effect::Klantgeleiding(e));
                }
            } else if let Some(id) = wacht_op.filter(|w| b.oproep_toegepast.contains(w))
                && let Some(w) = kg.beslissing.take()
            {
                debug_assert_eq!(w.bezoek.meta.id, id);
                aankondigen(state, ctx, w.bezoek, &w.voor, &mut effects);
            } else if wacht_op.is_some()
                && matches!(b.indicator, SyncIndicator::Offline | SyncIndicator::Fout)
            {
                // The server went away (or fails) while this balie waited: the call stands
                // from its own file, as offline.
                if let Some(w) = state.klantgeleiding.beslissing.take() {
                    let voor = format!("{}{} ", w.voor, klantgeleiding::SERVER_STIL);
                    aankondigen(state, ctx, w.bezoek, &voor, &mut effects);
                }
            }
            if (!b.tabellen.is_empty() || !b.geweigerd.is_empty()) && state.db == DbState::Ready {
                // Other desks changed something, or the server refused a change and this
                // desk took the server's version: show it.
                effects.push(Effect::LoadOverview);
                effects.push(Effect::Verzoeken(state.verzoeken.reload()));
                effects.push(Effect::Klantgeleiding(klantgeleiding::KgEffect::Laad));
                effects.push(Effect::Venster(kas::VensterEffect::LaadGebouw));
            }
        }
        Action::StoreOpened { .. } => {
            state.db = DbState::Ready;
            // A balie is open from the moment its desk starts, stored so the floor sees it.
            if state.klantgeleiding.balie.is_some() && !state.klantgeleiding.aangemeld {
                state.klantgeleiding.aangemeld = true;
                effects.push(Effect::Klantgeleiding(klantgeleiding::KgEffect::Aanmelden(
                    true,
                )));
            }
            effects.push(Effect::LoadOverview);
            effects.push(Effect::Verzoeken(state.verzoeken.reload()));
        }
        Action::StoreFailed(msg) => state.db = DbState::Failed(msg),
        Action::OverviewLoaded(o) => state.overview = Some(*o),
        Action::SaveFailed {
            what,
            error,
            herkomst,
        } => {
            use jobs::Herkomst;
            let mut text = format!("{what} mislukt: {error}");
            if let Some(first) = text.get(..1) {
                text = first.to_uppercase() + &text[1..];
            }
            // Only the form that asked hears of it: another form waiting for its own save
            // stays waiting.
            match herkomst {
                Herkomst::Contactverzoek => state.verzoeken.bezig = false,
                Herkomst::Melding => {
                    if let Some(f) = state.kennisbank.melding.as_mut().filter(|f| f.bezig) {
                        f.bezig = false;
                        f.fout = Some(format!("{text}. Uw melding staat er nog; probeer opnieuw."));
                    }
                }
                Herkomst::Klantgegevens => {
                    if let Some(f) = state.zaak_klant.form.as_mut() {
                        f.bezig = false;
                        f.fout = Some(text.clone());
                    }
                }
                Herkomst::Registratie => {
                    if let Some(r) = state.registratie.as_mut().filter(|r| r.bezig) {
                        r.bezig = false;
                        r.fout = Some(format!(
                            "{text}. Uw invoer is bewaard; probeer opnieuw (Ctrl-S)."
                        ));
                    }
                }
                Herkomst::Profiel => {
                    if let Some(form) = state.profile_form.as_mut() {
                        form.saving = false;
                        form.error = Some(text.clone());
                    }
                }
                Herkomst::Overig => {}
            }
            state.notify(text, true);
        }
    }
    // Searches that ended in this action go to the search log.
    for log in state.kennisbank.te_loggen.drain(..) {
        effects.push(Effect::Kennisbank(KbEffect::Log(log)));
    }
    effects
}

/// Where a warm transfer can go: the afdelingen (with how many are beschikbaar), then the
/// colleagues with their presence and afdeling. (naam, aanwezigheid, toelichting)
pub fn doorverbind_doelen(state: &State) -> Vec<(String, String, String)> {
    let ik = state.session.medewerker.as_ref().map(|m| m.id);
    let mensen = || {
        state
            .referentie
            .medewerkers
            .iter()
            .filter(move |m| Some(m.id) != ik)
    };
    state
        .referentie
        .afdelingen
        .iter()
        .map(|(id, naam)| {
            let vrij = mensen()
                .filter(|m| m.afdeling_id == Some(*id) && m.aanwezigheid == "beschikbaar")
                .count();
            (
                naam.clone(),
                // An afdeling with nobody free rarely picks up.
                if vrij > 0 {
                    "afdeling"
                } else {
                    "afdeling_bezet"
                }
                .to_string(),
                format!("{vrij} beschikbaar"),
            )
        })
        .chain(mensen().map(|m| {
            (
                m.naam.clone(),
                m.aanwezig().as_str().to_string(),
                m.afdeling.clone().unwrap_or_default(),
            )
        }))
        .filter(|(naam, _, afdeling)| {
            // Typed letters narrow the list by name or afdeling.
            let filter = state
                .telefonie
                .doorverbind_keuze
                .as_ref()
                .map_or("", |k| k.filter.as_str());
            filter.is_empty() || {
                let f = deunicode::deunicode(filter).to_lowercase();
                deunicode::deunicode(naam).to_lowercase().contains(&f)
                    || deunicode::deunicode(afdeling).to_lowercase().contains(&f)
            }
        })
        .collect()
}

/// Announce the call of `b` at this balie ("Opgeroepen: S-009 naar Balie 2."), after `voor`
/// (whom other desks took first, or why it is announced without the server): the visitor is in
/// hand now and their contact starts.
fn aankondigen(
    state: &mut State,
    ctx: &Ctx,
    b: crate::domain::klantgeleiding::Bezoek,
    voor: &str,
    effects: &mut Vec<Effect>,
) {
    state.notify(
        format!(
            "{voor}Opgeroepen: {} naar {}.",
            b.nummer,
            b.balie.clone().unwrap_or_default()
        ),
        false,
    );
    if let Some(tr) = state.training.as_mut() {
        tr.opgeroepen(b.meta.id, ctx.nu);
    }
    // Their contact starts, linked to the klant of their own ticket or afspraak (whose
    // klantbeeld comes up, audited).
    bezoeker_contact(state, &b, ctx.nu, effects);
    state.klantgeleiding.opgeroepen(b);
}

/// A visitor called (or resumed) at this balie: their contact starts, linked to the klant of
/// their own ticket or afspraak (never to a klant on screen), whose klantbeeld comes up
/// (audited) as a caller's does on the phone.
fn bezoeker_contact(
    state: &mut State,
    b: &crate::domain::klantgeleiding::Bezoek,
    now: DateTime<Utc>,
    effects: &mut Vec<Effect>,
) {
    state.contact_begint(
        klantcontact::Aanleiding::Bezoek {
            nummer: b.nummer.clone(),
            bezoek_id: b.meta.id,
        },
        b.geholpen_op.unwrap_or(now),
    );
    if let (Some(id), Some(c)) = (b.partij_id, state.contact.as_mut()) {
        let via = if b.afspraak_id.is_some() {
            klantcontact::Via::Afspraak
        } else {
            klantcontact::Via::Ticket
        };
        c.koppel(
            registratie::Betrokkene {
                id,
                naam: "(klantbeeld laden…)".into(),
                telefoon: None,
                email: None,
            },
            via,
        );
        state.zaak_klant.laden = true;
        // It waits in Zaak/Klant: the keys here (s, k) stay with the balie.
        state.screen_pop_focus = Some(Pane::ZaakKlant);
        effects.push(Effect::ZaakKlant(ZkEffect::OpenKlant(id)));
    }
}

/// Ctrl-K in a klantbeeld or zaak: the agent links what is on screen to the contact in hand (a
/// zaak also links its aanvrager when no klant is linked yet); pressed again on what is linked,
/// it unlinks. With nothing in hand this starts a contact, as F5 would.
fn contact_koppelen(state: &mut State, now: DateTime<Utc>) {
    let zk = &state.zaak_klant;
    let view = zk.view;
    let (klant, zaak) = match zk.view {
        View::Klant => (zk.klant.as_ref().map(betrokkene), None),
        View::Zaak => {
            let Some(z) = zk.zaak.as_ref() else {
                return;
            };
            // The aanvrager, with their contact details when their klantbeeld is the one
            // this zaak was opened from.
            let aanvrager = z.aanvrager_id.map(|id| match zk.klant.as_ref() {
                Some(k) if k.id == id => betrokkene(k),
                _ => registratie::Betrokkene {
                    id,
                    naam: z.aanvrager.clone().unwrap_or_default(),
                    telefoon: None,
                    email: None,
                },
            });
            (aanvrager, Some((z.id, z.identificatie.clone())))
        }
        View::Zoeken => return,
    };
    if klant.is_none() && zaak.is_none() {
        return;
    }
    state.contact_in_hand(now);
    let Some(c) = state.contact.as_mut() else {
        return;
    };
    let melding = match (view, klant, zaak) {
        // Pressed again on what is linked: unlinked.
        (View::Klant, Some(k), _) if c.klant.as_ref().is_some_and(|x| x.klant.id == k.id) => {
            c.klant = None;
            format!("{} is niet meer gekoppeld aan dit contact.", k.naam)
        }
        (View::Zaak, _, Some((id, nr))) if c.zaak.as_ref().is_some_and(|z| z.0 == id) => {
            c.zaak = None;
            format!("Zaak {nr} is niet meer gekoppeld aan dit contact.")
        }
        (_, klant, zaak) => {
            let mut tekst = Vec::new();
            let mut let_op = String::new();
            if let Some((id, nr)) = zaak {
                tekst.push(format!("zaak {nr}"));
                c.zaak = Some((id, nr));
            }
            let mut vorige = None;
            if let Some(k) = klant {
                match c.klant.as_ref() {
                    // A zaak links its aanvrager only when no klant is linked yet, and says
                    // so when the zaak is someone else's; a klantbeeld always links.
                    Some(x) if view == View::Zaak && x.klant.id != k.id => {
                        let_op = format!(
                            " Let op: de aanvrager van deze zaak is {}, niet {}.",
                            k.naam, x.klant.naam
                        );
                    }
                    Some(_) if view == View::Zaak => {}
                    _ => {
                        tekst.push(k.naam.clone());
                        vorige = c.koppel(k, klantcontact::Via::DoorU);
                    }
                }
            }
            let mut m = format!("Gekoppeld aan dit contact: {}.", tekst.join(" en "));
            if let Some(v) = vorige {
                m.push_str(&format!(" ({v} is niet meer gekoppeld.)"));
            }
            m + &let_op
        }
    };
    // A wrap-up already open takes the link too.
    let (klant, via, zaak) = (
        c.klant.as_ref().map(|k| k.klant.clone()),
        c.klant.as_ref().map(|k| k.via),
        c.zaak.clone(),
    );
    if let Some(r) = state.registratie.as_mut() {
        r.anoniem = klant.is_none();
        r.klant = klant;
        r.via = via;
        r.zaak = zaak;
    }
    state.notify(melding, false);
}

/// How a visitor with an afspraak arrived against its time: "afspraak om 10:30, 55 min te
/// vroeg", "… 3 min te laat", or on time (within five minutes either way).
pub fn aankomst_tekst(aangekomen: DateTime<Utc>, afspraak: DateTime<Utc>) -> String {
    let minuten = (aangekomen - afspraak).num_minutes();
    let om = afspraak.with_timezone(&Local).format("%H:%M");
    match minuten {
        m if m > 0 => format!("afspraak om {om}, {m} min te laat"),
        m if m < -5 => format!("afspraak om {om}, {} min te vroeg", -m),
        _ => format!("afspraak om {om}, op tijd"),
    }
}

/// A klantbeeld as the betrokkene of a contact.
fn betrokkene(k: &crate::domain::klant::Klantbeeld) -> registratie::Betrokkene {
    registratie::Betrokkene {
        id: k.id,
        naam: k.naam.clone(),
        telefoon: k.telefoon().map(String::from),
        email: k.email().map(String::from),
    }
}

/// Fill the wrap-up of call `n` (record id, number, answered, ended): kanaal telefoon, the
/// caller, talk time and a transfer's result. The klant is the contact's (linked), never the
/// one on screen.
fn vul_nawerk(state: &mut State, n: &telefonie::Nawerk) {
    let afdeling = n.doorverbonden_naar.as_ref().and_then(|naar| {
        state
            .referentie
            .afdelingen
            .iter()
            .find(|(_, a)| a == naar)
            .map(|(id, _)| *id)
    });
    if let Some(r) = state.registratie.as_mut() {
        r.kanaal = crate::domain::Kanaal::Telefoon;
        r.gesprek_id = Some(n.gesprek_id);
        r.beller = Some(n.nummer.clone());
        r.niet_bereikt = n.niet_bereikt.clone();
        r.begonnen_op = n.begin;
        r.geopend_op = n.einde;
        if n.doorverbonden_naar.is_some() {
            let v = &mut r.vragen[0];
            v.resultaat = crate::domain::contact::Gespreksresultaat::Doorverbonden;
            if v.afdeling.is_none() {
                v.afdeling = afdeling;
            }
            if r.notitie.is_empty()
                && let Some(naar) = &n.doorverbonden_naar
            {
                r.notitie.set(&format!("Doorverbonden met {naar}."));
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
