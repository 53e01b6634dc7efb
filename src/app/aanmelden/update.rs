//! How the sign-in screen answers: typing, checking, the answer, locking and signing out.

use super::{AanmeldEffect, AanmeldMsg, Fase, Veld, Wachtwoord};
use crate::app::{Ctx, DbState, Effect, State};
use crate::config::MedewerkerProfiel;
use crate::domain::Rol;
use crate::domain::telefonie::AgentStatus;
use crate::identiteit::ServerRol;
use crate::identiteit::aanmelden::{Aangemeld, Wijze, wachttijd};

pub fn update(state: &mut State, ctx: &Ctx, msg: AanmeldMsg, effects: &mut Vec<Effect>) {
    match msg {
        AanmeldMsg::Char(_) | AanmeldMsg::Backspace | AanmeldMsg::Edit(_) | AanmeldMsg::Veld => {
            state.aanmelden.edit(&msg)
        }
        AanmeldMsg::Submit => indienen(state, ctx, effects),
        AanmeldMsg::Stoppen => {
            // Nobody is signed in: nothing to lose. A locked desk is not closed from its lock.
            if matches!(
                state.aanmelden.fase,
                Fase::Laden | Fase::Aanmelden | Fase::EersteAccount
            ) {
                state.quit = true;
            }
        }
        AanmeldMsg::Vergrendel => {
            if state.aanmelden.fase == Fase::Aangemeld {
                vergrendel(state, ctx, effects);
            }
        }
        AanmeldMsg::Afmelden => afmelden(state, ctx, effects, None),
        AanmeldMsg::Voorbeelden(v) => state.aanmelden.voorbeelden = v,
        AanmeldMsg::Klaar { eerste_account } => {
            if state.aanmelden.fase == Fase::Laden {
                state.aanmelden.fase = if eerste_account {
                    state.profile_form = Some(crate::app::ProfileForm::voor(
                        state.aanmelden.eerder.as_ref(),
                    ));
                    Fase::EersteAccount
                } else {
                    Fase::Aanmelden
                };
            }
        }
        AanmeldMsg::ServerAkkoord {
            login,
            aanmelding,
            hash,
        } => effects.push(Effect::Aanmelden(AanmeldEffect::Vastleggen {
            login,
            aanmelding,
            hash,
        })),
        AanmeldMsg::ServerGeweigerd { login, weigering } => {
            effects.push(Effect::Aanmelden(AanmeldEffect::Vergeten(login)));
            update(state, ctx, AanmeldMsg::Uitslag(Err(weigering)), effects);
        }
        AanmeldMsg::ServerOnbereikbaar { login, wachtwoord } => {
            effects.push(Effect::Aanmelden(AanmeldEffect::Offline {
                login,
                wachtwoord,
            }))
        }
        AanmeldMsg::Uitslag(Ok(a)) => aangemeld(state, ctx, *a, effects),
        AanmeldMsg::Uitslag(Err(w)) if state.aanmelden.fase == Fase::EersteAccount => {
            // The first account was not made (a login taken, the disk): said on its form.
            if let Some(f) = state.profile_form.as_mut() {
                f.saving = false;
                f.error = Some(hoofdletter(&w.to_string()));
            }
        }
        AanmeldMsg::Uitslag(Err(w)) => {
            let onjuist = w == crate::identiteit::aanmelden::Weigering::Onjuist;
            mislukt(state, ctx, &w.to_string(), onjuist);
        }
        // An answer for another sign-in than the one now locked (signed out meanwhile) counts
        // for nothing.
        AanmeldMsg::Ontgrendeld { aanmelding, .. }
            if state.aanmelden.wie.as_ref().map(|w| w.aanmelding) != Some(aanmelding) => {}
        AanmeldMsg::Ontgrendeld { ok: true, .. } => {
            let a = &mut state.aanmelden;
            if a.fase == Fase::Vergrendeld {
                a.fase = Fase::Aangemeld;
                a.bezig = false;
                a.mislukt = 0;
                a.wacht_tot = None;
                a.fout = None;
                a.laatste_activiteit = Some(ctx.nu);
            }
        }
        AanmeldMsg::Ontgrendeld { ok: false, .. } => {
            mislukt(state, ctx, "wachtwoord onjuist", true)
        }
        AanmeldMsg::Ingetrokken(reden) => {
            if state.aanmelden.wie.is_some() {
                afmelden(state, ctx, effects, Some(reden));
            }
        }
    }
}

fn indienen(state: &mut State, ctx: &Ctx, effects: &mut Vec<Effect>) {
    let a = &mut state.aanmelden;
    if a.bezig || !matches!(a.fase, Fase::Aanmelden | Fase::Vergrendeld) {
        return;
    }
    if let DbState::Failed(m) = &state.db {
        a.fout = Some(format!("De database van de desk is niet beschikbaar: {m}"));
        return;
    }
    if let Some(tot) = a.wacht_tot.filter(|t| *t > ctx.nu) {
        let s = (tot - ctx.nu).num_seconds().max(1);
        a.fout = Some(format!(
            "Te veel onjuiste pogingen: probeer het over {s} s opnieuw."
        ));
        return;
    }
    if a.fase == Fase::Aanmelden && a.login.trim().is_empty() {
        a.veld = Veld::Login;
        a.fout = Some("Vul uw login in.".into());
        return;
    }
    if a.wachtwoord.is_empty() {
        a.veld = Veld::Wachtwoord;
        a.fout = Some("Vul uw wachtwoord in.".into());
        return;
    }
    // The password leaves the form at once: it is checked and then forgotten.
    let wachtwoord = Wachtwoord(a.wachtwoord.to_string());
    a.wachtwoord.clear();
    a.bezig = true;
    a.fout = None;
    let e = match (a.fase, &a.wie) {
        (Fase::Vergrendeld, Some(wie)) => AanmeldEffect::Ontgrendelen {
            aanmelding: wie.aanmelding,
            hash: super::Hash(wie.hash.clone()),
            wachtwoord,
        },
        _ => AanmeldEffect::Aanmelden {
            login: a.login.trim().to_string(),
            wachtwoord,
        },
    };
    effects.push(Effect::Aanmelden(e));
}

/// A wrong password (or another refusal): said under the form; a wrong one makes the next
/// attempt wait longer.
fn mislukt(state: &mut State, ctx: &Ctx, reden: &str, onjuist: bool) {
    let a = &mut state.aanmelden;
    a.bezig = false;
    let mut tekst = hoofdletter(reden);
    if onjuist {
        a.mislukt = a.mislukt.saturating_add(1);
        let wacht = wachttijd(a.mislukt);
        if !wacht.is_zero() {
            a.wacht_tot = chrono::Duration::from_std(wacht)
                .ok()
                .and_then(|d| ctx.nu.checked_add_signed(d));
            tekst.push_str(&format!(" Volgende poging over {} s.", wacht.as_secs()));
        }
    }
    a.veld = if a.fase == Fase::Aanmelden && !onjuist {
        Veld::Login
    } else {
        Veld::Wachtwoord
    };
    a.fout = Some(tekst);
}

fn hoofdletter(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// What the desk's own code calls the role (the records' rol); beheerder and privacy officer
/// work at a desk with a medewerker's rights.
pub fn desk_rol(rol: ServerRol) -> Rol {
    match rol {
        ServerRol::Supervisor => Rol::Supervisor,
        ServerRol::Trainer => Rol::Trainer,
        ServerRol::Medewerker | ServerRol::Beheerder | ServerRol::Privacy => Rol::Medewerker,
    }
}

fn aangemeld(state: &mut State, ctx: &Ctx, wie: Aangemeld, effects: &mut Vec<Effect>) {
    state.profile_form = None;
    let a = &mut state.aanmelden;
    a.bezig = false;
    a.mislukt = 0;
    a.wacht_tot = None;
    a.fout = None;
    a.bericht = None;
    a.login.clear();
    a.wachtwoord.clear();
    a.veld = Veld::Login;
    a.fase = Fase::Aangemeld;
    a.laatste_activiteit = Some(ctx.nu);
    let profiel = MedewerkerProfiel {
        id: wie.medewerker_id,
        naam: wie.naam.clone(),
        rol: desk_rol(wie.rol),
        afdeling: wie.afdeling.clone(),
    };
    let rol = profiel.rol;
    let tekst = match wie.wijze {
        Wijze::Offline => format!(
            "Offline aangemeld als {} ({}): de gedeelde database is niet bereikbaar; uw aanmelding wordt gemeld zodra ze terug is.",
            wie.naam,
            wie.rol.as_str()
        ),
        Wijze::Demo => format!(
            "Demo: automatisch aangemeld als {} ({}). Elke demo-medewerker kan aanmelden met wachtwoord demo.",
            wie.naam,
            wie.rol.as_str()
        ),
        Wijze::Training => format!("Training: aangemeld als {}.", wie.naam),
        Wijze::Server | Wijze::Lokaal => {
            format!("Welkom, {}. Aangemeld als {}.", wie.naam, wie.rol.as_str())
        }
    };
    state.aanmelden.wie = Some(wie);
    state.session.medewerker = Some(profiel);
    // What the role may see decides the list's first view.
    state.verzoeken.filter = crate::domain::contact::Filter::voor(rol)[0];
    state.notify(tekst, false);
    // What this medewerker left here (after the store opened: its jobs come in order).
    effects.push(Effect::Aanmelden(AanmeldEffect::EigenWerk));
    if state.db == DbState::Ready {
        effects.push(Effect::LoadOverview);
    }
}

/// Lock now: the screen hides everything; the draft and the contact in hand stay. A phone agent
/// waiting for calls goes to pauze, so no call is put through to a desk nobody can see.
pub fn vergrendel(state: &mut State, ctx: &Ctx, effects: &mut Vec<Effect>) {
    let a = &mut state.aanmelden;
    a.fase = Fase::Vergrendeld;
    a.veld = Veld::Wachtwoord;
    a.wachtwoord.clear();
    a.fout = None;
    a.bezig = false;
    if state.telefonie.actief && state.telefonie.status == AgentStatus::Beschikbaar {
        crate::app::agent_status(state, ctx, AgentStatus::Pauze, effects);
    }
}

/// The idle lock: called every tick.
pub fn bij_tick(state: &mut State, ctx: &Ctx, effects: &mut Vec<Effect>) {
    let a = &state.aanmelden;
    if a.fase != Fase::Aangemeld {
        return;
    }
    if let (Some(na), Some(laatst)) = (a.vergrendel_na, a.laatste_activiteit)
        && ctx.nu.signed_duration_since(laatst) >= na
    {
        vergrendel(state, ctx, effects);
        state.aanmelden.bericht = Some("Vergrendeld na een tijd zonder toetsaanslag.".into());
    }
}

/// Sign out: the next medewerker can sign in. Not while a contact is in hand (its wrap-up
/// belongs to the one who took it), unless the server took the sign-in away.
fn afmelden(state: &mut State, ctx: &Ctx, effects: &mut Vec<Effect>, ingetrokken: Option<String>) {
    if !matches!(state.aanmelden.fase, Fase::Aangemeld | Fase::Vergrendeld) {
        return;
    }
    let in_gesprek = matches!(
        state.telefonie.status,
        AgentStatus::InGesprek | AgentStatus::Nawerk
    );
    // From the lock a colleague may sign out a medewerker who left with a visitor's contact or
    // a wrap-up open: those stay theirs (the draft and the contact are kept under their name
    // and come back when they sign in here again). Not in a call: that is someone on the line.
    let van_slot = state.aanmelden.fase == Fase::Vergrendeld && !in_gesprek;
    if ingetrokken.is_none()
        && !van_slot
        && (state.contact.is_some() || state.registratie.is_some() || in_gesprek)
    {
        let tekst = "Rond eerst het contact af (of sla de registratie op) voordat u zich afmeldt.";
        if state.aanmelden.fase == Fase::Vergrendeld {
            state.aanmelden.fout = Some(tekst.into());
        } else {
            state.notify(tekst.into(), true);
        }
        return;
    }
    // A draft cut short is kept as a concept (under this medewerker: the effect runs before
    // the sign-in ends), as when the desk stops.
    if let Some(r) = state.registratie.take()
        && let Ok(json) = serde_json::to_string(&r)
    {
        effects.push(Effect::BewaarConcept(Some(json)));
    }
    if state.klantgeleiding.aangemeld {
        state.klantgeleiding.aangemeld = false;
        effects.push(Effect::Klantgeleiding(
            crate::app::klantgeleiding::KgEffect::Aanmelden(false),
        ));
    }
    if state.telefonie.actief && state.telefonie.status != AgentStatus::Afgemeld {
        crate::app::agent_status(state, ctx, AgentStatus::Afgemeld, effects);
    }
    let wie = state.aanmelden.wie.take();
    if let Some(w) = &wie {
        effects.push(Effect::Aanmelden(AanmeldEffect::Afmelden(w.aanmelding)));
    }
    // What the previous medewerker had open is not the next one's to see.
    state.zaak_klant = Default::default();
    state.contact = None;
    state.afspraak = None;
    state.vloer_open = false;
    state.vloer = None;
    state.help = None;
    state.features.notitieblok = Default::default();
    state.session.medewerker = None;
    let a = &mut state.aanmelden;
    a.fase = Fase::Aanmelden;
    a.veld = Veld::Login;
    a.login.clear();
    a.wachtwoord.clear();
    a.fout = None;
    a.bezig = false;
    a.bericht = Some(match (ingetrokken, wie) {
        (Some(reden), _) => reden,
        (None, Some(w)) => format!("{} is afgemeld.", w.naam),
        (None, None) => "Afgemeld.".into(),
    });
}
