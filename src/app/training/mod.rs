//! Training mode's own state: the scenario's cases on their way to the trainee, which one is
//! being handled (its words on screen), and the review. No I/O: what has to happen goes out as
//! effects (a scripted caller into the simulator, a visitor's ticket, the review to compute).

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::domain::training::{Beoordeling, GevalKanaal, Scenario};

pub use crate::domain::training::{Afhandeling, BeoordeelVraag, GevondenKlant};

pub mod jobs;
pub mod keys;
mod update;
pub mod view;
pub use update::update;

/// What training mode is told: the scenario's klanten found, the review, its keys.
#[derive(Debug, Clone, PartialEq)]
pub enum TrainingMsg {
    /// Training: the scenario's klanten as found in the training database.
    Klanten(Vec<crate::app::training::GevondenKlant>),
    /// Training: the review was computed and kept.
    Beoordeeld(Box<crate::domain::training::Beoordeling>),
    /// Training: show the review as it stands (F10), or close it.
    Beoordeling,
    Scroll(i16),
}

/// Where a case is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stand {
    /// The demo klant, found in the database: id and telephone number.
    pub klant: Option<(Uuid, Option<String>)>,
    /// The number the call comes from.
    pub nummer: String,
    /// Sent to the queue or the ticket machine.
    pub vrijgegeven: Option<DateTime<Utc>>,
    /// Answered or called to the balie: the trainee is on it.
    pub actief_sinds: Option<DateTime<Utc>>,
    /// The visitor's ticket (balie cases).
    pub bezoek: Option<Uuid>,
    /// The registration that handled it, and when.
    pub contactmoment: Option<(Uuid, DateTime<Utc>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Training {
    pub scenario: Scenario,
    pub trainee: String,
    /// This session (its review is kept under this id and replaced when asked again).
    pub sessie: Uuid,
    /// Set when the klanten are looked up and the clock starts.
    pub gestart: Option<DateTime<Utc>>,
    pub gevallen: Vec<Stand>,
    /// The case on screen.
    pub actief: Option<usize>,
    pub beoordeling: Option<Box<Beoordeling>>,
    pub beoordeling_open: bool,
    pub scroll: u16,
    /// Background visitors, seconds after the start (wall clock).
    pub bezoekers: Vec<i64>,
    pub volgende_bezoeker: usize,
    /// Today's afspraken already decided: came in, or a no-show.
    pub afspraken_beslist: std::collections::HashSet<Uuid>,
}

/// What training mode asks of the rest of the desk.
#[derive(Debug, Clone, PartialEq)]
pub enum TrainingUit {
    /// Look up the scenario's klanten in the training database.
    KlantenOpzoeken(Vec<String>),
    /// A scripted caller joins the queue (for this trainee only).
    Beller {
        id: String,
        nummer: String,
        keuze: String,
    },
    /// A visitor takes a ticket for this dienst.
    Bezoeker {
        dienst: String,
        partij: Option<Uuid>,
    },
    /// Compute, keep and show the review.
    Beoordeel(Box<BeoordeelVraag>),
    /// A klant with an afspraak comes in (checked in at the zuil).
    Afspraak(Box<crate::domain::klantgeleiding::DagAfspraak>),
}

/// The id a scripted call carries in the queue.
pub fn gesprek_id(geval: &str) -> String {
    format!("training-{geval}")
}

impl Training {
    pub fn new(scenario: Scenario, trainee: String) -> Training {
        // An hour of visitors on the scenario's clock, on the wall clock.
        let snel = i64::from(scenario.snelheid.max(1));
        let bezoekers =
            crate::domain::training::bezoekers(scenario.seed, scenario.bezoekers_per_uur, 3 * 3600)
                .into_iter()
                .map(|s| s / snel)
                .collect();
        Training {
            gevallen: vec![Stand::default(); scenario.gevallen.len()],
            scenario,
            trainee,
            sessie: Uuid::now_v7(),
            gestart: None,
            actief: None,
            beoordeling: None,
            beoordeling_open: false,
            scroll: 0,
            bezoekers,
            volgende_bezoeker: 0,
            afspraken_beslist: Default::default(),
        }
    }

    /// The start: which klanten to look up.
    pub fn begin(&self) -> TrainingUit {
        let mut namen: Vec<String> = self
            .scenario
            .gevallen
            .iter()
            .filter_map(|g| g.klant.clone())
            .collect();
        namen.dedup();
        TrainingUit::KlantenOpzoeken(namen)
    }

    /// The klanten were looked up: the cases get their numbers and the clock starts.
    pub fn klanten_gevonden(&mut self, gevonden: &[GevondenKlant], nu: DateTime<Utc>) {
        for (i, g) in self.scenario.gevallen.iter().enumerate() {
            let klant = g
                .klant
                .as_ref()
                .and_then(|k| gevonden.iter().find(|(n, _)| n == k))
                .and_then(|(_, k)| k.clone());
            // Anonymous callers get a number of their own, the same every run.
            let nummer = klant.as_ref().and_then(|k| k.1.clone()).unwrap_or_else(|| {
                let h =
                    g.id.bytes()
                        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
                format!("06{:08}", h % 100_000_000)
            });
            self.gevallen[i].klant = klant;
            self.gevallen[i].nummer = nummer;
        }
        self.gestart = Some(nu);
    }

    /// When case `i` comes, counted from `vanaf` (None: never, for a time past any clock; the
    /// scenario's check keeps its numbers within a day, this is the second line).
    fn wanneer(&self, i: usize, vanaf: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let snel = i64::from(self.scenario.snelheid.max(1));
        let ms = self.scenario.gevallen[i].na_seconden.checked_mul(1000)? / snel;
        vanaf.checked_add_signed(Duration::try_milliseconds(ms)?)
    }

    /// Every second: the cases and visitors whose time has come.
    pub fn stap(&mut self, nu: DateTime<Utc>) -> Vec<TrainingUit> {
        let Some(start) = self.gestart else {
            return Vec::new();
        };
        let mut uit = Vec::new();
        for i in 0..self.gevallen.len() {
            if self.gevallen[i].vrijgegeven.is_some() {
                continue;
            }
            // Guided: one at a time, the next after the previous was registered.
            let vanaf = if self.scenario.begeleid {
                match i.checked_sub(1) {
                    None => start,
                    Some(v) => match self.gevallen[v].contactmoment {
                        Some((_, t)) => t,
                        None => break,
                    },
                }
            } else {
                start
            };
            if self.wanneer(i, vanaf).is_none_or(|t| nu < t) {
                if self.scenario.begeleid {
                    break;
                }
                continue;
            }
            let g = &self.scenario.gevallen[i];
            let s = &mut self.gevallen[i];
            s.vrijgegeven = Some(nu);
            uit.push(match g.kanaal {
                GevalKanaal::Telefoon => TrainingUit::Beller {
                    id: gesprek_id(&g.id),
                    nummer: s.nummer.clone(),
                    keuze: g.keuze.clone(),
                },
                GevalKanaal::Balie => TrainingUit::Bezoeker {
                    dienst: g.keuze.clone(),
                    partij: s.klant.as_ref().map(|k| k.0),
                },
            });
        }
        while let Some(s) = self.bezoekers.get(self.volgende_bezoeker)
            && Duration::try_seconds(*s)
                .and_then(|d| start.checked_add_signed(d))
                .is_some_and(|t| nu >= t)
        {
            self.volgende_bezoeker += 1;
            uit.push(TrainingUit::Bezoeker {
                dienst: String::new(),
                partij: None,
            });
        }
        uit
    }

    /// Today's afspraken around their time: the scenario's share comes in, the others are
    /// no-shows (the same ones every run of the scenario).
    pub fn afspraken(
        &mut self,
        vandaag: &[crate::domain::klantgeleiding::DagAfspraak],
        nu: DateTime<Utc>,
    ) -> Vec<TrainingUit> {
        let Some(opkomst) = self.scenario.afspraken_opkomst else {
            return Vec::new();
        };
        if self.gestart.is_none() {
            return Vec::new();
        }
        let mut uit = Vec::new();
        for a in vandaag {
            let rond = nu >= a.begin_op - Duration::minutes(10)
                && nu <= a.begin_op + Duration::minutes(15);
            if !rond || !self.afspraken_beslist.insert(a.id) {
                continue;
            }
            // A draw per afspraak from the scenario's seed (splitmix64 over the id).
            let mut h =
                self.scenario.seed ^ (a.id.as_u128() as u64) ^ ((a.id.as_u128() >> 64) as u64);
            h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            h ^= h >> 31;
            if (h % 1000) as f64 / 1000.0 < opkomst {
                uit.push(TrainingUit::Afspraak(Box::new(a.clone())));
            }
        }
        uit
    }

    /// A visitor's ticket was printed: the first balie case waiting for one takes it.
    pub fn ticket(&mut self, bezoek: Uuid, dienst: &str, partij: Option<Uuid>) {
        if let Some(i) = (0..self.gevallen.len()).find(|&i| {
            let g = &self.scenario.gevallen[i];
            let s = &self.gevallen[i];
            g.kanaal == GevalKanaal::Balie
                && s.vrijgegeven.is_some()
                && s.bezoek.is_none()
                && g.keuze == dienst
                && s.klant.as_ref().map(|k| k.0) == partij
        }) {
            self.gevallen[i].bezoek = Some(bezoek);
        }
    }

    /// A caller was connected to the trainee.
    pub fn verbonden(&mut self, id: &str, op: DateTime<Utc>) {
        if let Some(i) = self
            .scenario
            .gevallen
            .iter()
            .position(|g| gesprek_id(&g.id) == id)
        {
            self.gevallen[i].actief_sinds.get_or_insert(op);
            self.actief = Some(i);
        }
    }

    /// A visitor was called to the trainee's balie.
    pub fn opgeroepen(&mut self, bezoek: Uuid, op: DateTime<Utc>) {
        if let Some(i) = self.gevallen.iter().position(|s| s.bezoek == Some(bezoek)) {
            self.gevallen[i].actief_sinds.get_or_insert(op);
            self.actief = Some(i);
        }
    }

    /// A contact was registered: the case it was (by its call, else the case on screen) is
    /// done. When every case is, the review is asked for.
    /// `record_id` gives the call record's id of a source call id (the desk's simulator run
    /// qualifies it).
    pub fn geregistreerd(
        &mut self,
        contactmoment: Uuid,
        gesprek: Option<Uuid>,
        nu: DateTime<Utc>,
        record_id: impl Fn(&str) -> Uuid,
    ) -> Option<TrainingUit> {
        let via_gesprek = gesprek.and_then(|g| {
            self.scenario
                .gevallen
                .iter()
                .position(|c| record_id(&gesprek_id(&c.id)) == g)
        });
        let i = via_gesprek.or(self
            .actief
            .filter(|&i| self.scenario.gevallen[i].kanaal == GevalKanaal::Balie))?;
        if self.gevallen[i].contactmoment.is_some() {
            return None;
        }
        self.gevallen[i].contactmoment = Some((contactmoment, nu));
        if self.actief == Some(i) {
            self.actief = None;
        }
        self.klaar().then(|| self.beoordeel(nu))
    }

    /// Every case registered.
    pub fn klaar(&self) -> bool {
        self.gevallen.iter().all(|s| s.contactmoment.is_some())
    }

    /// (registered, all) cases.
    pub fn voortgang(&self) -> (usize, usize) {
        (
            self.gevallen
                .iter()
                .filter(|s| s.contactmoment.is_some())
                .count(),
            self.gevallen.len(),
        )
    }

    /// The review as it stands now (cases not yet handled count as missed).
    pub fn beoordeel(&self, nu: DateTime<Utc>) -> TrainingUit {
        let start = self.gestart.unwrap_or(nu);
        TrainingUit::Beoordeel(Box::new(BeoordeelVraag {
            sessie: self.sessie,
            scenario: self.scenario.clone(),
            trainee: self.trainee.clone(),
            gestart: start,
            gevallen: self
                .gevallen
                .iter()
                .map(|s| {
                    s.contactmoment.map(|(cm, klaar)| {
                        (cm, s.actief_sinds.or(s.vrijgegeven).unwrap_or(start), klaar)
                    })
                })
                .collect(),
            bereikt: self
                .gevallen
                .iter()
                .map(|s| s.vrijgegeven.is_some())
                .collect(),
            titels: Default::default(),
            afgesloten: self.klaar(),
        }))
    }

    /// Has the trainee started on anything (a review is worth keeping)?
    pub fn begonnen(&self) -> bool {
        self.gevallen.iter().any(|s| s.actief_sinds.is_some())
    }

    /// Does the scenario send visitors to the counter?
    pub fn met_bezoekers(&self) -> bool {
        self.scenario.bezoekers_per_uur > 0.0
            || self.scenario.afspraken_opkomst.is_some()
            || self
                .scenario
                .gevallen
                .iter()
                .any(|g| g.kanaal == GevalKanaal::Balie)
    }

    /// A case that reached the desk and waits for the trainee (not yet answered or called).
    pub fn wachtend(&self) -> Option<GevalKanaal> {
        self.gevallen
            .iter()
            .zip(&self.scenario.gevallen)
            .find(|(s, _)| {
                s.vrijgegeven.is_some() && s.actief_sinds.is_none() && s.contactmoment.is_none()
            })
            .map(|(_, g)| g.kanaal)
    }

    /// What the case on screen says, with who says it.
    pub fn woorden(&self) -> Option<(&str, String)> {
        let i = self.actief?;
        let g = &self.scenario.gevallen[i];
        let wie = g.klant.clone().unwrap_or_else(|| match g.kanaal {
            GevalKanaal::Telefoon => "De beller".into(),
            GevalKanaal::Balie => "De bezoeker".into(),
        });
        Some((g.zegt.as_str(), wie))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::telefonie::Gesprek;
    use crate::domain::training::{Bekend, parse};

    fn scenario(begeleid: bool) -> Scenario {
        let tekst = format!(
            r#"titel = "Proef"
snelheid = 2
begeleid = {begeleid}

[[geval]]
id = "een"
kanaal = "telefoon"
na_seconden = 10
klant = "Jan de Vries"
keuze = "Burgerzaken"
zegt = "Mijn paspoort is verlopen."

[[geval]]
id = "twee"
kanaal = "balie"
na_seconden = 20
keuze = "Uittreksel en verklaringen"
zegt = "Een uittreksel graag."
"#
        );
        parse("proef.toml", &tekst, &Bekend::default()).unwrap()
    }

    fn t(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000 + s, 0).unwrap()
    }

    #[test]
    fn cases_arrive_on_the_scenario_clock_and_are_followed_to_their_registration() {
        let mut tr = Training::new(scenario(false), "Sanne".into());
        assert_eq!(
            tr.begin(),
            TrainingUit::KlantenOpzoeken(vec!["Jan de Vries".into()])
        );
        assert!(
            tr.stap(t(100)).is_empty(),
            "nothing before the klanten are known"
        );
        let jan = Uuid::from_u128(9);
        tr.klanten_gevonden(
            &[(
                "Jan de Vries".into(),
                Some((jan, Some("0612345678".into()))),
            )],
            t(0),
        );
        // Speed 2: the call after 5 s, the visitor after 10 s.
        assert!(tr.stap(t(4)).is_empty());
        assert_eq!(
            tr.stap(t(5)),
            vec![TrainingUit::Beller {
                id: "training-een".into(),
                nummer: "0612345678".into(),
                keuze: "Burgerzaken".into()
            }]
        );
        assert_eq!(
            tr.stap(t(10)),
            vec![TrainingUit::Bezoeker {
                dienst: "Uittreksel en verklaringen".into(),
                partij: None
            }]
        );
        assert!(tr.stap(t(11)).is_empty(), "each case once");
        // The call is answered: its words are on screen.
        tr.verbonden("training-een", t(12));
        assert_eq!(
            tr.woorden(),
            Some(("Mijn paspoort is verlopen.", "Jan de Vries".to_string()))
        );
        // Its registration (found by the call) closes it.
        let g = Gesprek::id_voor("training-een");
        assert_eq!(
            tr.geregistreerd(Uuid::from_u128(1), Some(g), t(60), Gesprek::id_voor),
            None
        );
        assert_eq!(tr.actief, None);
        // The visitor's ticket, called, registered: all done, the review is asked for.
        tr.ticket(Uuid::from_u128(5), "Uittreksel en verklaringen", None);
        tr.opgeroepen(Uuid::from_u128(5), t(70));
        assert_eq!(tr.woorden().unwrap().1, "De bezoeker");
        match tr.geregistreerd(Uuid::from_u128(2), None, t(90), Gesprek::id_voor) {
            Some(TrainingUit::Beoordeel(v)) => {
                assert_eq!(v.bereikt, vec![true, true]);
                assert_eq!(
                    v.gevallen,
                    vec![
                        Some((Uuid::from_u128(1), t(12), t(60))),
                        Some((Uuid::from_u128(2), t(70), t(90)))
                    ]
                );
            }
            x => panic!("{x:?}"),
        }
        assert_eq!(tr.voortgang(), (2, 2));
    }

    #[test]
    fn numbers_past_any_clock_never_panic_at_run_time() {
        // The check refuses these; a scenario made otherwise still runs (second line).
        let mut sc = scenario(false);
        sc.gevallen[0].na_seconden = i64::MAX;
        sc.bezoekers_per_uur = f64::NAN;
        let mut tr = Training::new(sc, "Sanne".into());
        assert!(tr.bezoekers.is_empty());
        tr.klanten_gevonden(&[], t(0));
        let uit = tr.stap(t(1_000_000));
        assert_eq!(
            uit.len(),
            1,
            "only the case with a time on the clock: {uit:?}"
        );
        assert!(tr.gevallen[0].vrijgegeven.is_none());
        // Begeleid: the case that never comes holds the ones after it, without a panic.
        let mut sc = scenario(true);
        sc.gevallen[0].na_seconden = i64::MIN;
        let mut tr = Training::new(sc, "Sanne".into());
        tr.klanten_gevonden(&[], t(0));
        assert!(tr.stap(t(1_000_000)).is_empty());
    }

    #[test]
    fn guided_cases_come_one_at_a_time() {
        let mut tr = Training::new(scenario(true), "Sanne".into());
        tr.klanten_gevonden(&[], t(0));
        assert_eq!(tr.stap(t(5)).len(), 1, "the first after its delay");
        assert!(
            tr.stap(t(500)).is_empty(),
            "the second waits for the first to be registered"
        );
        tr.verbonden("training-een", t(600));
        let g = Gesprek::id_voor("training-een");
        tr.geregistreerd(Uuid::from_u128(1), Some(g), t(700), Gesprek::id_voor);
        assert!(tr.stap(t(709)).is_empty(), "then its own delay (20 s / 2)");
        assert_eq!(tr.stap(t(710)).len(), 1);
        // An anonymous caller's number is the same every run.
        let mut ander = Training::new(scenario(true), "x".into());
        ander.klanten_gevonden(&[], t(0));
        assert_eq!(tr.gevallen[0].nummer, ander.gevallen[0].nummer);
    }

    #[test]
    fn afspraken_come_in_around_their_time_and_the_rest_are_no_shows() {
        let mut sc = scenario(false);
        sc.afspraken_opkomst = Some(0.8);
        let mut tr = Training::new(sc.clone(), "Sanne".into());
        tr.klanten_gevonden(&[], t(0));
        let vandaag: Vec<crate::domain::klantgeleiding::DagAfspraak> = (0..200)
            .map(|i| crate::domain::klantgeleiding::DagAfspraak {
                id: Uuid::from_u128(1000 + i),
                begin_op: t(3600),
                eind_op: t(4500),
                medewerker: None,
                product: "Aanvraag paspoort of ID-kaart".into(),
                locatie: "Balie 2".into(),
                partij_id: None,
                klant: "K".into(),
                status: "gepland".into(),
            })
            .collect();
        assert!(
            tr.afspraken(&vandaag, t(0)).is_empty(),
            "an hour early: not yet"
        );
        let komen = tr.afspraken(&vandaag, t(3300));
        assert!((140..=180).contains(&komen.len()), "{} of 200", komen.len());
        assert!(
            tr.afspraken(&vandaag, t(3400)).is_empty(),
            "each decided once"
        );
        // The same scenario decides the same afspraken.
        let mut ander = Training::new(sc, "x".into());
        ander.klanten_gevonden(&[], t(0));
        assert_eq!(ander.afspraken(&vandaag, t(3300)), komen);
    }
}
