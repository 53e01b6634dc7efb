//! The store thread's work: each command run against the store, its outcome as an event.

use super::*;

pub(super) fn handle(store: &mut Store, cmd: Command) -> Event {
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
            let result = crate::store::klanten::wijzig_contact(
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
            let result = crate::store::klanten::nieuwe_klant(
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
            match crate::store::kennisbank::log_zoekactie(
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
        } => match crate::store::kennisbank::meld(
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
            match crate::store::kennisbank::statistiek(store.conn(), Some(sinds)) {
                Ok(s) => Event::KbStatistiek(Box::new(s)),
                Err(e) => Event::Failed {
                    what: "zoekgedrag laden",
                    error: e.to_string(),
                },
            }
        }
        Command::BewaarGesprek(mut g) => {
            match crate::store::gesprekken::bewaar(store, &mut g, crate::sync::klok::nu()) {
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
        } => match crate::store::afspraken::vrij_per_dag(
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
        } => match crate::store::afspraken::slots(
            store.conn(),
            &diensten,
            vanaf,
            10,
            plek.as_deref(),
        ) {
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
            crate::store::klantgeleiding::bezoeker_binnen(
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
            crate::store::klantgeleiding::bezoeker_buiten(store, *b, crate::sync::klok::nu())
                .map(Box::new)
                .map_err(|e| e.to_string()),
        ),
        Command::LaadGebouw { locatie } => {
            match crate::store::klantgeleiding::in_gebouw(store.conn(), &locatie) {
                Ok(v) => Event::InGebouw(v),
                Err(e) => Event::Failed {
                    what: "bezoekers in het gebouw laden",
                    error: e.to_string(),
                },
            }
        }
        Command::Betaal(b) => Event::Betaald(
            crate::store::kas::betaal(store, &b, crate::sync::klok::nu())
                .map(Box::new)
                .map_err(|e| e.to_string()),
        ),
        Command::LaadKas { balie } => {
            match crate::store::kas::kasdag(store.conn(), &balie, Local::now().date_naive()) {
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
            crate::store::kas::sluit_dag(
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
            match crate::store::vloer::laad(
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
                match crate::store::training::klant(store.conn(), &n) {
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
        Command::TrainingBeoordeel(v) => match crate::store::training::beoordeel(store, &v) {
            Ok(b) => Event::TrainingBeoordeeld(Box::new(b)),
            Err(e) => Event::Failed {
                what: "beoordeling maken",
                error: format!("{e:#}"),
            },
        },
        Command::LaadAgenda(dag) => {
            match crate::store::klantgeleiding::dagagenda(store.conn(), dag) {
                Ok(regels) => Event::Agenda { dag, regels },
                Err(e) => Event::Failed {
                    what: "dagagenda laden",
                    error: e.to_string(),
                },
            }
        }
        Command::AfspraakNoShow(id) => {
            match crate::store::afspraken::wijzig_status(
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
            match crate::store::afspraken::wijzig_status(
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
            match crate::store::afspraken::verzet(store, oud, &mut a, crate::sync::klok::nu()) {
                Ok(()) => Event::Geboekt(a),
                Err(e) => Event::BoekenGeweigerd(e.to_string()),
            }
        }
        Command::BoekAansluitend(ab) => {
            let (mut a, mut b) = *ab;
            match crate::store::afspraken::boek_aansluitend(
                store,
                &mut a,
                &mut b,
                crate::sync::klok::nu(),
            ) {
                Ok(()) => Event::Geboekt(Box::new(a)),
                Err(e) => Event::BoekenGeweigerd(e.to_string()),
            }
        }
        Command::Boek(mut a) => {
            match crate::store::afspraken::boek(store, &mut a, crate::sync::klok::nu()) {
                Ok(()) => Event::Geboekt(a),
                Err(e) => Event::BoekenGeweigerd(e.to_string()),
            }
        }
        Command::Inchecken {
            locatie,
            dienst,
            prefix,
            partij,
        } => match crate::store::klantgeleiding::inchecken(
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
        } => match crate::store::klantgeleiding::roep_volgende(
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
            match crate::store::klantgeleiding::overgang(
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
            match crate::store::klantgeleiding::afspraken_vandaag(
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
            match crate::store::klantgeleiding::afspraak_inchecken(
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
        } => match crate::store::klantgeleiding::zet_balie(
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
            let (van, tot) = crate::store::vloer::dag_grenzen(dag);
            match crate::store::vloer::gesprekken_van(store.conn(), &van, &tot, nu, Some(wachtrij))
            {
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
