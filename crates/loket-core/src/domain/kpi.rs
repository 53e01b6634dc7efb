//! Every figure desk, floor and report show, defined once (issue 15 §4). Each function below is
//! the only place its formula lives; the desk's queue summary (`app::telefonie`), the floor
//! (`store::vloer`) and `loket rapport` (`store::rapport`) all call them on the same input, so
//! one set of calls gives one set of figures everywhere. README "Definities" says the same.
//!
//! Telephone, over the calls that arrived in the period (a call belongs to the local day it
//! arrived, also when it ends after midnight; a transfer does not make it a second call):
//! - **kort opgehangen** (short abandon): hung up while waiting after less than
//!   `Normen::kort_opgehangen_s` seconds (default 5). Counted and shown apart; left out of
//!   offered, service level and abandon rate (the caller did not really wait);
//! - **aangeboden** (offered) = beantwoord + verlaten, where verlaten are the abandons that are
//!   not short;
//! - **servicelevel** = beantwoord binnen de norm (wait ≤ `telefoon_s`) / aangeboden;
//! - **verlaten %** (abandon rate) = verlaten / aangeboden;
//! - **ASA** (gemiddelde wachttijd) = Σ wait of the answered calls / beantwoord;
//! - **AHT** (gemiddelde afhandeltijd) = Σ (talk + hold + nawerk) / afgehandeld, over the
//!   answered calls that have ended (talk + hold = ended − answered; nawerk from the call's
//!   registration where there is one, else 0).
//!
//! Agents: **bezetting** (occupancy) = (gesprek + nawerk) / (gesprek + nawerk + beschikbaar),
//! over the signed-in time; pause and afgemeld count in neither.
//!
//! Contacts: **eerstelijns afgehandeld** (first-contact resolution) = contacts settled in the
//! first line / contacts.
//!
//! Counter: **wachttijd** of a visitor = opgeroepen − aangekomen, for the visitors called (those
//! still waiting and no-shows never called have no wait to judge); shown as mean and max, and
//! the share called within `balie_s`. The **verwachte wachttijd** for someone joining the queue
//! of a dienst = wachtend × behandeltijd / balies, where behandeltijd is the mean of today's
//! handlings of that dienst longer than 0 s (else the dienst's planned duration) and balies are
//! the open balies that serve that dienst (at least 1).

use chrono::{DateTime, Local, NaiveDate, Timelike, Utc};

use super::telefonie::{AgentStatus, Gesprek};

/// The servicenormen every verdict is judged against (from `[normen]` in config.toml; the
/// defaults are the seeds').
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Normen {
    /// Telephone: answered within this many seconds…
    pub telefoon_s: i64,
    /// …in this share of the calls (percent).
    pub servicelevel_pct: f64,
    /// First-contact resolution (percent).
    pub fcr_pct: f64,
    /// A walk-in visitor is helped within this many seconds.
    pub balie_s: i64,
    /// Written channels: answered within this many werkdagen of the day the message came in.
    pub email_werkdagen: u32,
    pub post_werkdagen: u32,
    pub social_media_werkdagen: u32,
    /// Communicated norms must be met in this share of the cases (percent).
    pub gehaald_pct: f64,
    /// A caller who hangs up within fewer seconds than this is a short abandon ("kort
    /// opgehangen"): shown apart, not offered.
    pub kort_opgehangen_s: i64,
}

impl Default for Normen {
    fn default() -> Self {
        Normen {
            telefoon_s: 30,
            servicelevel_pct: 80.0,
            fcr_pct: 80.0,
            balie_s: 15 * 60,
            email_werkdagen: 3,
            post_werkdagen: 5,
            social_media_werkdagen: 1,
            gehaald_pct: 95.0,
            kort_opgehangen_s: KORT_OPGEHANGEN_S,
        }
    }
}

impl Normen {
    /// The norm in werkdagen of a written channel (None for telefoon, balie and chat).
    pub fn werkdagen(&self, kanaal: super::Kanaal) -> Option<u32> {
        match kanaal {
            super::Kanaal::Email => Some(self.email_werkdagen),
            super::Kanaal::Post => Some(self.post_werkdagen),
            super::Kanaal::SocialMedia => Some(self.social_media_werkdagen),
            _ => None,
        }
    }
}

/// The default threshold of a short abandon, seconds (`[normen] kort_opgehangen_seconden`).
pub const KORT_OPGEHANGEN_S: i64 = 5;

/// `teller / noemer` in percent; None when there is nothing to divide by.
pub fn procent(teller: u32, noemer: u32) -> Option<f64> {
    (noemer > 0).then(|| f64::from(teller) * 100.0 / f64::from(noemer))
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TelefoonKpi {
    /// beantwoord + verlaten (short abandons not included).
    pub aangeboden: u32,
    pub beantwoord: u32,
    /// Hung up while waiting, after the short-abandon threshold.
    pub verlaten: u32,
    /// Hung up while waiting, within the short-abandon threshold: apart from everything else.
    pub kort_opgehangen: u32,
    /// Still waiting now.
    pub wachtend: u32,
    pub binnen_norm: u32,
    /// Answered calls that have ended: the calls AHT is over.
    pub afgehandeld: u32,
    /// binnen_norm / aangeboden, percent (0..100); None without offered calls.
    pub servicelevel: Option<f64>,
    /// verlaten / aangeboden, percent.
    pub verlaten_pct: Option<f64>,
    /// ASA: mean wait of the answered calls, seconds.
    pub gemiddelde_wachttijd: Option<f64>,
    /// AHT: mean talk + hold + nawerk of the ended answered calls, seconds.
    pub gemiddelde_afhandeltijd: Option<f64>,
    /// The longest wait today, answered, abandoned or still waiting (seconds).
    pub langste_wachttijd: i64,
    /// The longest wait of the callers waiting now (0 when nobody waits).
    pub langste_nu: i64,
    /// Calls arrived per hour of the day (0..24).
    pub per_uur: [u32; 24],
}

/// Figures for `dag` from the calls (and per call its after-call work in seconds, when known),
/// against `normen`; `nu` for the calls still waiting.
pub fn telefoon(
    gesprekken: &[(Gesprek, Option<i64>)],
    dag: NaiveDate,
    normen: &Normen,
    nu: DateTime<Utc>,
) -> TelefoonKpi {
    telefoon_periode(gesprekken, dag, dag, normen, nu)
}

/// The same figures for the days `van` to `tot` inclusive (for the reports).
pub fn telefoon_periode(
    gesprekken: &[(Gesprek, Option<i64>)],
    van: NaiveDate,
    tot: NaiveDate,
    normen: &Normen,
    nu: DateTime<Utc>,
) -> TelefoonKpi {
    let mut k = TelefoonKpi::default();
    let (mut wacht_som, mut aht_som) = (0i64, 0i64);
    for (g, nawerk) in gesprekken {
        let binnen = g.binnen_op.with_timezone(&Local);
        if binnen.date_naive() < van || binnen.date_naive() > tot {
            continue;
        }
        k.per_uur[binnen.hour() as usize] += 1;
        match (g.aangenomen_op, g.verlaten_op) {
            (Some(aan), _) => {
                let wacht = (aan - g.binnen_op).num_seconds().max(0);
                k.aangeboden += 1;
                k.beantwoord += 1;
                wacht_som = wacht_som.saturating_add(wacht);
                k.langste_wachttijd = k.langste_wachttijd.max(wacht);
                if wacht <= normen.telefoon_s {
                    k.binnen_norm += 1;
                }
                if let Some(praat) = g.gespreksduur() {
                    aht_som =
                        aht_som.saturating_add(praat.saturating_add(nawerk.unwrap_or(0).max(0)));
                    k.afgehandeld += 1;
                }
            }
            (None, Some(weg)) => {
                let wacht = (weg - g.binnen_op).num_seconds().max(0);
                k.langste_wachttijd = k.langste_wachttijd.max(wacht);
                if wacht < normen.kort_opgehangen_s {
                    k.kort_opgehangen += 1;
                } else {
                    k.aangeboden += 1;
                    k.verlaten += 1;
                }
            }
            (None, None) => {
                k.wachtend += 1;
                let wacht = (nu - g.binnen_op).num_seconds().max(0);
                k.langste_wachttijd = k.langste_wachttijd.max(wacht);
                k.langste_nu = k.langste_nu.max(wacht);
            }
        }
    }
    k.servicelevel = procent(k.binnen_norm, k.aangeboden);
    k.verlaten_pct = procent(k.verlaten, k.aangeboden);
    k.gemiddelde_wachttijd = (k.beantwoord > 0).then(|| wacht_som as f64 / f64::from(k.beantwoord));
    k.gemiddelde_afhandeltijd =
        (k.afgehandeld > 0).then(|| aht_som as f64 / f64::from(k.afgehandeld));
    k
}

/// Occupancy in percent from one agent's state changes in time order, until `nu`: (gesprek +
/// nawerk) / (gesprek + nawerk + beschikbaar). None before any available or busy time.
pub fn bezetting(wissels: &[(AgentStatus, DateTime<Utc>)], nu: DateTime<Utc>) -> Option<f64> {
    let (mut bezig, mut beschikbaar) = (0i64, 0i64);
    for (i, (status, sinds)) in wissels.iter().enumerate() {
        let eind = wissels.get(i + 1).map_or(nu, |w| w.1);
        let duur = (eind - *sinds).num_seconds().max(0);
        match status {
            AgentStatus::InGesprek | AgentStatus::Nawerk => bezig = bezig.saturating_add(duur),
            AgentStatus::Beschikbaar => beschikbaar = beschikbaar.saturating_add(duur),
            AgentStatus::Pauze | AgentStatus::Afgemeld => {}
        }
    }
    let noemer = bezig.saturating_add(beschikbaar);
    (noemer > 0).then(|| bezig as f64 * 100.0 / noemer as f64)
}

/// First-contact resolution in percent: contacts settled in the first line / contacts.
pub fn eerste_lijn(afgehandeld: u32, contacten: u32) -> Option<f64> {
    procent(afgehandeld, contacten)
}

/// The counter's waits of the visitors called.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BalieKpi {
    pub opgeroepen: u32,
    /// Called within `balie_s`.
    pub binnen_norm: u32,
    /// binnen_norm / opgeroepen, percent.
    pub binnen_norm_pct: Option<f64>,
    /// Mean and longest wait (opgeroepen − aangekomen), seconds.
    pub gemiddelde_wachttijd: Option<f64>,
    pub langste_wachttijd: Option<i64>,
}

/// The waits of visitors (arrived, called): those never called are left out.
pub fn balie(bezoeken: &[(DateTime<Utc>, Option<DateTime<Utc>>)], normen: &Normen) -> BalieKpi {
    let mut k = BalieKpi::default();
    let mut som = 0i64;
    for (aangekomen, opgeroepen) in bezoeken {
        let Some(opgeroepen) = opgeroepen else {
            continue;
        };
        let wacht = (*opgeroepen - *aangekomen).num_seconds().max(0);
        k.opgeroepen += 1;
        som = som.saturating_add(wacht);
        if wacht <= normen.balie_s {
            k.binnen_norm += 1;
        }
        k.langste_wachttijd = Some(k.langste_wachttijd.map_or(wacht, |l| l.max(wacht)));
    }
    k.binnen_norm_pct = procent(k.binnen_norm, k.opgeroepen);
    k.gemiddelde_wachttijd = (k.opgeroepen > 0).then(|| som as f64 / f64::from(k.opgeroepen));
    k
}

/// The mean handling time of a dienst from today's handlings (seconds): a handling of 0 s (a
/// visitor finished straight from the call, never started) says nothing about how long the
/// dienst takes and is ignored. None without any longer handling.
pub fn behandeltijd(duren_s: &[i64]) -> Option<i64> {
    let echt: Vec<i64> = duren_s.iter().copied().filter(|d| *d > 0).collect();
    let n = i64::try_from(echt.len()).ok().filter(|n| *n > 0)?;
    let som = echt.iter().fold(0i64, |s, d| s.saturating_add(*d));
    Some(som / n)
}

/// Does `balie` serve `dienst`? By the plek records (name, diensten served): a balie listed
/// there serves its diensten only; a balie without a plek record (a snelbalie configured only in
/// its desk's `[balie]`) is taken to serve every dienst.
pub fn bedient(plekken: &[(String, Vec<String>)], balie: &str, dienst: &str) -> bool {
    plekken
        .iter()
        .find(|(naam, _)| naam == balie)
        .is_none_or(|(_, diensten)| diensten.is_empty() || diensten.iter().any(|d| d == dienst))
}

/// The expected wait for someone joining the queue of a dienst now, seconds: `wachtend` times
/// the handling time (today's, see `behandeltijd`, else `gepland_s`), shared over the open
/// balies that serve the dienst (at least one).
pub fn verwachte_wacht(
    wachtend: u32,
    behandeltijd_s: Option<i64>,
    gepland_s: i64,
    balies_voor_dienst: usize,
) -> i64 {
    let duur = behandeltijd_s.unwrap_or(gepland_s).max(0);
    let balies = i64::try_from(balies_voor_dienst.max(1)).unwrap_or(i64::MAX);
    i64::from(wachtend).saturating_mul(duur) / balies
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn om(u: u32, m: u32, s: u32) -> DateTime<Utc> {
        Local
            .with_ymd_and_hms(2026, 11, 23, u, m, s)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn gesprek(binnen: DateTime<Utc>, wacht: Option<i64>, weg: Option<i64>, praat: i64) -> Gesprek {
        Gesprek::uit_tijden(
            binnen,
            wacht.map(|w| binnen + Duration::seconds(w)),
            wacht.map(|w| binnen + Duration::seconds(w + praat)),
            weg.map(|w| binnen + Duration::seconds(w)),
        )
    }

    fn norm(telefoon_s: i64) -> Normen {
        Normen {
            telefoon_s,
            ..Normen::default()
        }
    }

    #[test]
    fn answered_at_exactly_the_norm_is_within_it_and_a_short_hang_up_is_not_offered() {
        let dag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let calls = vec![
            (gesprek(om(9, 0, 0), Some(30), None, 120), Some(60)),
            (gesprek(om(9, 5, 0), Some(31), None, 200), None),
            (gesprek(om(9, 10, 0), None, Some(5), 0), None),
            (gesprek(om(9, 11, 0), None, Some(4), 0), None),
            (gesprek(om(10, 0, 0), None, None, 0), None),
        ];
        let k = telefoon(&calls, dag, &norm(30), om(10, 2, 0));
        assert_eq!((k.aangeboden, k.beantwoord, k.verlaten), (3, 2, 1));
        assert_eq!((k.kort_opgehangen, k.wachtend, k.binnen_norm), (1, 1, 1));
        assert!((k.servicelevel.unwrap() - 100.0 / 3.0).abs() < 1e-9);
        assert!((k.verlaten_pct.unwrap() - 100.0 / 3.0).abs() < 1e-9);
        assert_eq!(k.gemiddelde_wachttijd, Some(30.5));
        // (120 + 60) and (200 + 0): after-call work counts where known.
        assert_eq!(k.gemiddelde_afhandeltijd, Some(190.0));
        assert_eq!(k.afgehandeld, 2);
        assert_eq!(k.langste_wachttijd, 120, "the caller still waiting");
        assert_eq!(k.langste_nu, 120);
        assert_eq!((k.per_uur[9], k.per_uur[10]), (4, 1));
    }

    #[test]
    fn the_short_abandon_threshold_comes_from_the_norms_and_moves_calls_in_and_out_of_sl() {
        let dag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        // One answered in time, abandons after 3, 8 and 40 seconds.
        let calls = vec![
            (gesprek(om(9, 0, 0), Some(10), None, 60), None),
            (gesprek(om(9, 1, 0), None, Some(3), 0), None),
            (gesprek(om(9, 2, 0), None, Some(8), 0), None),
            (gesprek(om(9, 3, 0), None, Some(40), 0), None),
        ];
        let k = telefoon(&calls, dag, &Normen::default(), om(10, 0, 0));
        assert_eq!((k.aangeboden, k.verlaten, k.kort_opgehangen), (3, 2, 1));
        assert!((k.servicelevel.unwrap() - 100.0 / 3.0).abs() < 1e-9);
        let tien = Normen {
            kort_opgehangen_s: 10,
            ..Normen::default()
        };
        let k = telefoon(&calls, dag, &tien, om(10, 0, 0));
        assert_eq!((k.aangeboden, k.verlaten, k.kort_opgehangen), (2, 1, 2));
        assert_eq!(k.servicelevel, Some(50.0));
        assert_eq!(k.verlaten_pct, Some(50.0));
        let geen = Normen {
            kort_opgehangen_s: 0,
            ..Normen::default()
        };
        let k = telefoon(&calls, dag, &geen, om(10, 0, 0));
        assert_eq!((k.aangeboden, k.verlaten, k.kort_opgehangen), (4, 3, 0));
        assert_eq!(k.servicelevel, Some(25.0));
    }

    #[test]
    fn a_call_spanning_midnight_belongs_to_the_day_it_arrived_and_a_transfer_counts_once() {
        let dag = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut laat = gesprek(om(23, 59, 50), Some(20), None, 600);
        let door = |naar: &str| crate::domain::telefonie::Doorverbinding {
            naar: naar.into(),
            gelukt: true,
            seconden: 10,
        };
        laat.doorverbindingen = vec![door("Belastingen"), door("Burgerzaken")];
        let volgende_dag = gesprek(om(23, 59, 50) + Duration::seconds(30), Some(5), None, 60);
        let k = telefoon(
            &[(laat, None), (volgende_dag, None)],
            dag,
            &norm(30),
            om(23, 59, 59),
        );
        assert_eq!((k.aangeboden, k.beantwoord, k.binnen_norm), (1, 1, 1));
        assert_eq!(k.per_uur[23], 1);
        let k = telefoon(&[], dag, &norm(30), om(9, 0, 0));
        assert_eq!((k.servicelevel, k.gemiddelde_wachttijd), (None, None));
    }

    #[test]
    fn occupancy_counts_talk_and_nawerk_over_signed_in_time_without_pauses() {
        use AgentStatus::*;
        let w = [
            (Beschikbaar, om(9, 0, 0)),
            (InGesprek, om(9, 10, 0)),
            (Nawerk, om(9, 20, 0)),
            (Pauze, om(9, 25, 0)),
            (Beschikbaar, om(9, 55, 0)),
            (Afgemeld, om(10, 0, 0)),
        ];
        // Busy 15 min, available 15 min; the pause and afgemeld time count in neither.
        assert_eq!(bezetting(&w, om(12, 0, 0)), Some(50.0));
        assert_eq!(bezetting(&[(Pauze, om(9, 0, 0))], om(10, 0, 0)), None);
        assert_eq!(bezetting(&[], om(10, 0, 0)), None);
    }

    #[test]
    fn first_contact_resolution_is_settled_over_contacts() {
        assert_eq!(eerste_lijn(3, 4), Some(75.0));
        assert_eq!(eerste_lijn(0, 0), None);
    }

    #[test]
    fn the_counter_wait_is_called_minus_arrived_for_visitors_called_only() {
        let n = Normen::default();
        let k = balie(
            &[
                (om(9, 0, 0), Some(om(9, 5, 0))),
                (om(9, 0, 0), Some(om(9, 15, 0))),
                (om(9, 0, 0), Some(om(9, 15, 1))),
                (om(9, 30, 0), None),
            ],
            &n,
        );
        assert_eq!(
            (k.opgeroepen, k.binnen_norm),
            (3, 2),
            "15:00 is within, 15:01 not"
        );
        assert_eq!(k.langste_wachttijd, Some(901));
        assert!((k.gemiddelde_wachttijd.unwrap() - (300.0 + 900.0 + 901.0) / 3.0).abs() < 1e-9);
        assert!((k.binnen_norm_pct.unwrap() - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(balie(&[(om(9, 0, 0), None)], &n), BalieKpi::default());
    }

    #[test]
    fn the_expected_wait_ignores_handlings_of_zero_seconds_and_balies_of_other_diensten() {
        assert_eq!(behandeltijd(&[0, 0, 300, 0, 180]), Some(240));
        assert_eq!(behandeltijd(&[0, 0]), None, "only 0 s handlings: no figure");
        assert_eq!(behandeltijd(&[]), None);
        let plekken = vec![
            ("Balie 1".to_string(), vec!["Paspoort".to_string()]),
            ("Balie 2".to_string(), vec!["Rijbewijs".to_string()]),
        ];
        assert!(bedient(&plekken, "Balie 1", "Paspoort"));
        assert!(!bedient(&plekken, "Balie 2", "Paspoort"));
        assert!(
            bedient(&plekken, "Snelbalie 1", "Paspoort"),
            "no plek record: every dienst"
        );
        // Three waiting, 240 s each, two balies for the dienst; none open still divides by one.
        assert_eq!(verwachte_wacht(3, Some(240), 600, 2), 360);
        assert_eq!(verwachte_wacht(3, None, 600, 0), 1800);
        assert_eq!(verwachte_wacht(u32::MAX, Some(i64::MAX), 0, 1), i64::MAX);
    }
}
