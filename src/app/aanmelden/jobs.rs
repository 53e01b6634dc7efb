//! The background work of signing in: the shared database (a task on the runtime, never the
//! key path), then the desk's own records on the store thread. Password hashing (argon2, slow by
//! design) runs there too, never in the event loop.

use std::time::Duration;

use tokio::sync::mpsc;
use uuid::Uuid;

use super::{AanmeldEffect, AanmeldMsg};
use crate::app::Action;
use crate::app::jobs::Jobs;
use crate::config::SyncConfig;
use crate::identiteit::aanmelden::{self as a, ServerAntwoord, Weigering};
use crate::store::Store;

/// What signing in needs to know of this desk.
#[derive(Debug, Clone)]
pub struct Omgeving {
    /// The shared database, when this desk syncs (then it is the authority).
    pub sync: Option<SyncConfig>,
    pub desk: Uuid,
    /// How long an offline sign-in stands on the last one the server accepted.
    pub offline_geldig: Duration,
}

fn uitslag(r: Result<a::Aangemeld, Weigering>) -> Option<Action> {
    Some(Action::Aanmelden(AanmeldMsg::Uitslag(r.map(Box::new))))
}

/// The signed-in medewerker has a medewerker record here (the server's arrives by sync; a
/// desk that has not had it yet makes it, with the same id).
fn met_record(store: &mut Store, r: Result<a::Aangemeld, Weigering>, desk: Uuid) -> Option<Action> {
    if let Ok(wie) = &r {
        let profiel = crate::config::MedewerkerProfiel {
            id: wie.medewerker_id,
            naam: wie.naam.clone(),
            rol: super::update::desk_rol(wie.rol),
            afdeling: wie.afdeling.clone(),
        };
        let mut m = crate::app::profile_form::jobs::medewerker_record(&profiel, desk);
        // The sign-in stands either way: a record that could not be written now is made at
        // the next sign-in (the failure is in the log), and the screen never waits for it.
        if crate::app::profile_form::jobs::zeker(store, &mut m).is_some() {
            crate::logboek::schrijf("aanmelden: medewerkerrecord niet vastgelegd");
        }
    }
    uitslag(r)
}

pub fn start(
    e: AanmeldEffect,
    jobs: &Jobs,
    omgeving: &Omgeving,
    tx: &mpsc::UnboundedSender<Action>,
) {
    let desk = omgeving.desk;
    match e {
        AanmeldEffect::Soort => jobs.run(|store| {
            let eerste_account = !a::heeft_accounts(store.conn()).unwrap_or(true);
            Some(Action::Aanmelden(AanmeldMsg::Klaar { eerste_account }))
        }),
        AanmeldEffect::Aanmelden { login, wachtwoord } => match &omgeving.sync {
            None => jobs.run(move |store| {
                let r = a::lokaal_aanmelden(
                    store.conn(),
                    desk,
                    &login,
                    &wachtwoord.0,
                    chrono::Utc::now(),
                );
                met_record(store, r, desk)
            }),
            Some(sync) => {
                let sync = sync.clone();
                let tx = tx.clone();
                tokio::spawn(async move {
                    let msg = match a::server_aanmelden(&sync, desk, &login, &wachtwoord.0).await {
                        ServerAntwoord::Aangemeld(aanmelding) => {
                            let ww = wachtwoord.0.clone();
                            let hash = tokio::task::spawn_blocking(move || a::hash(&ww))
                                .await
                                .unwrap_or_default();
                            AanmeldMsg::ServerAkkoord {
                                login,
                                aanmelding: Box::new(aanmelding),
                                hash: super::Hash(hash),
                            }
                        }
                        ServerAntwoord::Onbereikbaar(reden) => {
                            crate::logboek::schrijf(&format!(
                                "aanmelden: gedeelde database onbereikbaar ({reden}); offline geprobeerd"
                            ));
                            AanmeldMsg::ServerOnbereikbaar { login, wachtwoord }
                        }
                        ServerAntwoord::Geweigerd(weigering) => {
                            AanmeldMsg::ServerGeweigerd { login, weigering }
                        }
                    };
                    let _ = tx.send(Action::Aanmelden(msg));
                });
            }
        },
        AanmeldEffect::EersteAccount(e) => jobs.run(move |store| {
            let hash = a::hash(&e.wachtwoord.0);
            let nu = chrono::Utc::now();
            let nieuw = a::NieuwAccount {
                login: &e.login,
                naam: &e.naam,
                rol: crate::identiteit::ServerRol::Medewerker,
                afdeling: None,
                medewerker_id: e.id,
            };
            let r = a::account_toevoegen(store.conn(), &nieuw, &hash, nu).and_then(|_| {
                a::lokaal_aanmelden(store.conn(), desk, &e.login, &e.wachtwoord.0, nu)
            });
            met_record(store, r, desk)
        }),
        AanmeldEffect::Vastleggen {
            login,
            aanmelding,
            hash,
        } => {
            // No offline sign-in wanted ([aanmelden] offline_uren = 0): nothing cached.
            let cache = !omgeving.offline_geldig.is_zero();
            jobs.run(move |store| {
                let r = a::server_aanmelding_vastleggen(
                    store.conn(),
                    desk,
                    &login,
                    &aanmelding,
                    hash.0,
                    cache,
                    chrono::Utc::now(),
                );
                met_record(store, r, desk)
            })
        }
        AanmeldEffect::Vergeten(login) => jobs.run(move |store| {
            let _ = a::cache_vergeten(store.conn(), &login);
            None
        }),
        AanmeldEffect::Offline { login, wachtwoord } => {
            let geldig = omgeving.offline_geldig;
            jobs.run(move |store| {
                let r = a::offline_aanmelden(
                    store.conn(),
                    desk,
                    &login,
                    &wachtwoord.0,
                    chrono::Utc::now(),
                    geldig,
                );
                met_record(store, r, desk)
            })
        }
        AanmeldEffect::Ontgrendelen {
            aanmelding,
            hash,
            wachtwoord,
        } => {
            let tx = tx.clone();
            tokio::task::spawn_blocking(move || {
                let ok = a::klopt(&hash.0, &wachtwoord.0);
                let _ = tx.send(Action::Aanmelden(AanmeldMsg::Ontgrendeld {
                    aanmelding,
                    ok,
                }));
            });
        }
        AanmeldEffect::EigenWerk => crate::app::jobs::na_aanmelden(jobs),
        AanmeldEffect::Afmelden(id) => {
            jobs.run(
                move |store| match a::afmelden(store.conn(), id, chrono::Utc::now()) {
                    Ok(()) => None,
                    Err(e) => crate::app::jobs::mislukt(
                        "afmelden vastleggen",
                        e,
                        crate::app::jobs::Herkomst::Overig,
                    ),
                },
            )
        }
    }
}

/// Sign in without a password: `loket --demo` as a demo person, `loket training` as the trainee.
pub fn zonder_wachtwoord(
    jobs: &Jobs,
    login: String,
    medewerker_id: Uuid,
    naam: String,
    wijze: a::Wijze,
    desk: Uuid,
) {
    jobs.run(move |store| {
        let r = a::zonder_wachtwoord(
            store.conn(),
            desk,
            &login,
            medewerker_id,
            &naam,
            wijze,
            chrono::Utc::now(),
        );
        met_record(store, r, desk)
    });
    // Who else can sign in here (password demo), for the sign-in screen once the demo person
    // signed out.
    jobs.run(|store| {
        a::voorbeeld_logins(store.conn())
            .ok()
            .map(|v| Action::Aanmelden(AanmeldMsg::Voorbeelden(v)))
    })
}
