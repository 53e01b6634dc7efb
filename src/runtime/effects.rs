//! The effect interpreter: what `update` asked for, carried out by the background tasks
//! (the store thread, the call source, the sync task, the config file), never on the key path.

use super::*;

pub(super) fn run_effect(
    effect: Effect,
    state: &State,
    store: &worker::Handle,
    setup: &Setup,
    tx: &mpsc::UnboundedSender<Action>,
) {
    match effect {
        Effect::SyncNu => {
            if let Some(w) = &setup.sync_wekker {
                w.notify_one();
            }
        }
        Effect::Later(na, action) => {
            let tx = tx.clone();
            tokio::spawn(async move {
                tokio::time::sleep(na).await;
                let _ = tx.send(*action);
            });
        }
        Effect::LoadOverview => {
            let (day_start, day_end) = local_day_bounds(state.now);
            store.send(worker::Command::LoadOverview {
                day_start,
                day_end,
                now: Utc::now(),
            });
        }
        Effect::SaveProfile(profile) => {
            store.send(worker::Command::SaveMedewerker(Box::new(
                medewerker_record(&profile, setup.config.desk_id),
            )));
        }
        Effect::ZaakKlant(e) => {
            let kijker = worker::Kijker {
                medewerker_id: state.session.medewerker.as_ref().map(|m| m.id),
                naam: state.medewerker_naam(),
            };
            store.send(match e {
                ZkEffect::Zoek { seq, vraag } => worker::Command::Zoek { seq, vraag },
                ZkEffect::OpenKlant(id) => worker::Command::OpenKlant { id, kijker },
                ZkEffect::ToonBsn(id) => worker::Command::ToonBsn { id, kijker },
                ZkEffect::OpenZaak(id) => worker::Command::OpenZaak { id, kijker },
                ZkEffect::Audit(id) => worker::Command::AuditVanKlant(id),
                ZkEffect::Wijzig(app::zaak_klant::KlantWijziging::Contact { partij, nieuw }) => {
                    worker::Command::WijzigContact { partij, nieuw }
                }
                ZkEffect::Wijzig(app::zaak_klant::KlantWijziging::Nieuw {
                    voornamen,
                    voorvoegsel,
                    achternaam,
                    contact,
                }) => worker::Command::NieuweKlant {
                    partij: Box::new(crate::domain::klant::NieuwePartij {
                        meta: RecordMeta::new(Utc::now(), setup.config.desk_id),
                        zoeknaam: crate::domain::zoekvraag::naam_sleutel(&achternaam),
                        voornamen,
                        voorvoegsel_achternaam: voorvoegsel,
                        achternaam,
                    }),
                    contact,
                    kijker,
                },
            });
        }
        Effect::Registreer(records) => store.send(worker::Command::Registreer(records)),
        Effect::Verzoeken(e) => store.send(match e {
            VzEffect::Laad { seq, filter, zoek } => worker::Command::LaadVerzoeken {
                seq,
                filter,
                zoek,
                wie: crate::store::verzoeken::Wie {
                    medewerker: state.session.medewerker.as_ref().map(|m| m.id),
                    afdeling: state
                        .session
                        .medewerker
                        .as_ref()
                        .and_then(|m| m.afdeling.as_deref())
                        .and_then(|naam| state.referentie.afdelingen.iter().find(|a| a.1 == naam))
                        .map(|a| a.0),
                    alles: state.rol() != Rol::Medewerker,
                },
            },
            VzEffect::Detail(id) => worker::Command::VerzoekDetail(id),
            VzEffect::Afhandelen {
                id,
                resultaat,
                toelichting,
            } => worker::Command::Afhandelen {
                id,
                resultaat,
                toelichting,
                medewerker: state.medewerker_naam(),
            },
        }),
        Effect::BewaarConcept(payload) => store.send(worker::Command::BewaarConcept(payload)),
        Effect::BewaarContact(payload) => store.send(worker::Command::BewaarContact(payload)),
        Effect::Telefonie(e) => match e {
            app::telefonie::TelEffect::Command(c) => {
                if let Some(t) = &setup.tel {
                    let _ = t.send(c);
                }
            }
            app::telefonie::TelEffect::BewaarGesprek(g) => {
                store.send(worker::Command::BewaarGesprek(g))
            }
            app::telefonie::TelEffect::BewaarStatus(s) => {
                store.send(worker::Command::BewaarStatus(s))
            }
            app::telefonie::TelEffect::LaadVandaag(wachtrij) => {
                store.send(worker::Command::GesprekkenVandaag(wachtrij))
            }
            app::telefonie::TelEffect::HerkenNummer(n) => {
                store.send(worker::Command::HerkenNummer(n))
            }
            // Only the demo's and training's simulated floor: never in a production database.
            app::telefonie::TelEffect::BewaarCollega { naam, status, op }
                if state.session.demo || state.training.is_some() =>
            {
                let desk = state.session.desk_id;
                let id = uuid::Uuid::new_v5(&SIM_COLLEGA_NS, naam.as_bytes());
                let mut meta = RecordMeta::new(op, desk);
                meta.id = id;
                store.send(worker::Command::EnsureMedewerker(Box::new(Medewerker {
                    meta,
                    naam,
                    rol: Rol::Medewerker,
                    functie: "medewerker dienstverlening (gesimuleerd)".into(),
                    afdeling_id: None,
                    aanwezigheid: Aanwezigheid::Beschikbaar,
                    telefoon: None,
                })));
                store.send(worker::Command::BewaarStatus(Box::new(
                    crate::domain::telefonie::StatusWissel {
                        meta: RecordMeta::new(op, desk),
                        medewerker_id: Some(id),
                        status,
                        reden: None,
                        op,
                    },
                )));
            }
            app::telefonie::TelEffect::BewaarCollega { .. } => {}
        },
        Effect::TrainingKlanten(n) => store.send(worker::Command::TrainingKlanten(n)),
        Effect::TrainingBeoordeel(v) => store.send(worker::Command::TrainingBeoordeel(v)),
        Effect::LaadVloer => store.send(worker::Command::LaadVloer {
            normen: state.normen,
        }),
        Effect::Venster(e) => store.send(match e {
            app::kas::VensterEffect::GastBinnen {
                naam,
                voor_wie,
                bedrijf,
            } => worker::Command::GastBinnen {
                locatie: state.klantgeleiding.locatie.clone(),
                naam,
                voor_wie,
                bedrijf,
            },
            app::kas::VensterEffect::GastBuiten(b) => worker::Command::GastBuiten(b),
            app::kas::VensterEffect::LaadGebouw => worker::Command::LaadGebouw {
                locatie: state.klantgeleiding.locatie.clone(),
            },
            app::kas::VensterEffect::Betaal(b) => worker::Command::Betaal(b),
            app::kas::VensterEffect::LaadKas => worker::Command::LaadKas {
                balie: state.klantgeleiding.balie.clone().unwrap_or_default(),
            },
            app::kas::VensterEffect::SluitKas { geteld_cent } => worker::Command::SluitKas {
                balie: state.klantgeleiding.balie.clone().unwrap_or_default(),
                geteld_cent,
                medewerker: state.medewerker_naam(),
            },
        }),
        Effect::Klantgeleiding(e) => store.send(match e {
            app::klantgeleiding::KgEffect::Inchecken {
                dienst,
                prefix,
                partij,
            } => worker::Command::Inchecken {
                locatie: state.klantgeleiding.locatie.clone(),
                dienst,
                prefix,
                partij,
            },
            app::klantgeleiding::KgEffect::Bewaar(b, verwacht) => worker::Command::Overgang {
                bezoek: b,
                verwacht,
            },
            app::klantgeleiding::KgEffect::Volgende { balie, diensten } => {
                worker::Command::Volgende {
                    locatie: state.klantgeleiding.locatie.clone(),
                    balie,
                    diensten,
                }
            }
            app::klantgeleiding::KgEffect::Aanmelden(aangemeld) => worker::Command::BalieStand {
                locatie: state.klantgeleiding.locatie.clone(),
                balie: state.klantgeleiding.balie.clone().unwrap_or_default(),
                aangemeld,
                medewerker: state.session.medewerker.as_ref().map(|m| m.naam.clone()),
            },
            app::klantgeleiding::KgEffect::Laad => worker::Command::LaadBezoeken {
                locatie: state.klantgeleiding.locatie.clone(),
            },
            app::klantgeleiding::KgEffect::LaadAfspraken => worker::Command::LaadAfsprakenVandaag,
            app::klantgeleiding::KgEffect::LaadAgenda(dag) => worker::Command::LaadAgenda(dag),
            app::klantgeleiding::KgEffect::AfspraakNoShow(id) => {
                worker::Command::AfspraakNoShow(id)
            }
            app::klantgeleiding::KgEffect::AfspraakInchecken(afspraak) => {
                worker::Command::AfspraakInchecken {
                    locatie: state.klantgeleiding.locatie.clone(),
                    afspraak,
                }
            }
        }),
        Effect::Afspraak(e) => store.send(match e {
            app::afspraken::AfspraakEffect::ZoekSlots {
                diensten,
                vanaf,
                plek,
            } => worker::Command::ZoekSlots {
                diensten,
                vanaf,
                plek,
            },
            app::afspraken::AfspraakEffect::ZoekMaand {
                diensten,
                maand,
                plek,
            } => worker::Command::VrijPerDag {
                diensten,
                maand,
                plek,
            },
            app::afspraken::AfspraakEffect::Boek(a) => worker::Command::Boek(a),
            app::afspraken::AfspraakEffect::BoekAansluitend(ab) => {
                worker::Command::BoekAansluitend(ab)
            }
            app::afspraken::AfspraakEffect::Annuleer { id, reden } => {
                worker::Command::AnnuleerAfspraak { id, reden }
            }
        }),
        Effect::Kennisbank(e) => match e {
            KbEffect::Log(log) => store.send(worker::Command::LogZoekactie {
                log,
                medewerker_id: state.session.medewerker.as_ref().map(|m| m.id),
            }),
            KbEffect::Melding {
                artikel,
                soort,
                toelichting,
            } => store.send(worker::Command::Meld {
                artikel,
                soort,
                toelichting,
                medewerker: state.medewerker_naam(),
            }),
            KbEffect::Statistiek { dagen } => store.send(worker::Command::KbStatistiek {
                sinds: Utc::now() - chrono::Duration::days(dagen),
            }),
            KbEffect::Herladen => match &setup.config.kennisbank {
                Some(dir) => spawn_kennisbank(Some(dir.clone()), tx.clone(), false),
                None => {
                    let _ = tx.send(Action::Melding(
                        "De ingebouwde kennisbank is in gebruik; zet kennisbank = \"map\" in config.toml om artikelen als bestanden te bewerken.".into(),
                    ));
                }
            },
        },
        Effect::WriteProfile(profile) => {
            let Some(path) = setup.config_path.clone() else {
                let _ = tx.send(Action::Profiel(ProfielMsg::Saved(Box::new(profile))));
                return;
            };
            let mut cfg = setup.config.clone();
            cfg.medewerker = Some(profile.clone());
            let tx = tx.clone();
            tokio::task::spawn_blocking(move || {
                let action = match cfg.save(&path) {
                    Ok(()) => Action::Profiel(ProfielMsg::Saved(Box::new(profile))),
                    Err(e) => Action::SaveFailed {
                        what: "configuratie".into(),
                        error: format!("{e:#}"),
                        herkomst: crate::store::worker::Herkomst::Profiel,
                    },
                };
                let _ = tx.send(action);
            });
        }
    }
}
