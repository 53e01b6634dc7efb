//! Afspraken: finding free slots at the balies and spreekkamers. Pure: opening hours per
//! weekday (with an evening opening), closed days (weekends and feestdagen, as the werkdagen
//! code computes them), a medewerker's absence, bookings, and the combined duration of several
//! products ("paspoort + ID-kaart"). Times are local wall-clock times: opening hours are, so a
//! DST change moves nothing.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::RecordMeta;
use super::werkdagen::{self, Sluitingsdagen};

/// An afspraak as stored: who, what, where, when. A plek cannot hold two afspraken that
/// overlap; the database refuses the second (see the store's `afspraken`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Afspraak {
    pub meta: RecordMeta,
    pub partij_id: Option<Uuid>,
    /// One product, or several joined with " + ".
    pub product: String,
    /// The balie or spreekkamer.
    pub locatie: String,
    pub medewerker_id: Option<Uuid>,
    pub begin_op: DateTime<Utc>,
    pub eind_op: DateTime<Utc>,
    /// gepland, geannuleerd, verzet, no-show, aanwezig, geholpen.
    pub status: String,
    /// The confirmation given to the klant (B1), with what to bring.
    #[serde(default)]
    pub bevestiging: Option<String>,
    /// Why it was cancelled.
    #[serde(default)]
    pub reden: Option<String>,
    /// The afspraak this one replaces (rescheduled; that one has status "verzet").
    #[serde(default)]
    pub verzet_van: Option<Uuid>,
}

/// A dienst as the desk offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dienst {
    pub naam: String,
    /// "afspraak" or "inloop".
    pub vorm: String,
    pub duur_minuten: u32,
    pub prefix: String,
    /// The kennisbank article about it (what to bring).
    pub artikel: Option<String>,
}

/// The months in Dutch, January first (for the klant's confirmation and the month view).
pub const MAANDEN: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// The confirmation for the klant, in plain Dutch (B1): when, where, what, what to bring.
pub fn bevestiging(
    begin: NaiveDateTime,
    plek: &str,
    producten: &[String],
    meenemen: &[String],
) -> String {
    const DAGEN: [&str; 7] = [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ];
    let mut t = format!(
        "U heeft een afspraak op {} {} {} om {} uur bij {plek}. Uw afspraak is voor: {}.",
        DAGEN[begin.weekday().num_days_from_monday() as usize],
        begin.day(),
        MAANDEN[begin.month0() as usize],
        begin.format("%H:%M"),
        producten.join(" en ")
    );
    if !meenemen.is_empty() {
        t.push_str(&format!(" Neem mee: {}.", meenemen.join("; ")));
    }
    t.push_str(" Komt u niet? Zeg uw afspraak dan af, dan kan iemand anders komen.");
    t
}

/// The confirmation of two afspraken back to back at two plekken.
pub fn bevestiging_aansluitend(
    begin: NaiveDateTime,
    plek: &str,
    twee: &Aansluitend,
    meenemen: &[String],
) -> String {
    let mut t = bevestiging(begin, plek, &twee.eerst, &[]);
    // Before "Komt u niet?": the second part and what to bring.
    if let Some(i) = t.find(" Komt u niet?") {
        t.truncate(i);
    }
    t.push_str(&format!(
        " Aansluitend om {} uur bij {}: {}.",
        twee.begin.format("%H:%M"),
        twee.plek,
        twee.daarna.join(" en ")
    ));
    if !meenemen.is_empty() {
        t.push_str(&format!(" Neem mee: {}.", meenemen.join("; ")));
    }
    t.push_str(" Komt u niet? Zeg uw afspraak dan af, dan kan iemand anders komen.");
    t
}

/// Statuses that no longer hold the plek.
pub const VRIJGEGEVEN: [&str; 3] = ["geannuleerd", "verzet", "geweigerd"];

/// Opening hours per weekday (Monday first): blocks of [from, to).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Openingstijden {
    pub per_dag: [Vec<(NaiveTime, NaiveTime)>; 7],
}

fn tijd(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
}

impl Openingstijden {
    /// The gemeente's appointment hours: weekdays 9:00-12:30 and 13:00-16:30 (a lunch break),
    /// Thursday evening 18:00-20:00 as well.
    pub fn gemeente() -> Openingstijden {
        let dag = vec![(tijd(9, 0), tijd(12, 30)), (tijd(13, 0), tijd(16, 30))];
        let mut donderdag = dag.clone();
        donderdag.push((tijd(18, 0), tijd(20, 0)));
        Openingstijden {
            per_dag: [
                dag.clone(),
                dag.clone(),
                dag.clone(),
                donderdag,
                dag,
                Vec::new(),
                Vec::new(),
            ],
        }
    }
}

impl Openingstijden {
    /// Read hours as stored: seven strings, Monday first, each with blocks "09:00-12:30" separated
    /// by spaces or commas; an empty string is a closed day.
    pub fn lees(dagen: &[String]) -> Result<Openingstijden, String> {
        if dagen.len() != 7 {
            return Err(format!("zeven dagen verwacht, {} gevonden", dagen.len()));
        }
        let mut per_dag: [Vec<(NaiveTime, NaiveTime)>; 7] = Default::default();
        for (i, d) in dagen.iter().enumerate() {
            for blok in d.split([' ', ',']).filter(|b| !b.is_empty()) {
                let (van, tot) = blok
                    .split_once('-')
                    .ok_or_else(|| format!("\"{blok}\" is geen blok als 09:00-12:30"))?;
                let t = |s: &str| {
                    NaiveTime::parse_from_str(s.trim(), "%H:%M")
                        .map_err(|_| format!("\"{s}\" is geen tijd als 09:00"))
                };
                let (van, tot) = (t(van)?, t(tot)?);
                if van >= tot {
                    return Err(format!("\"{blok}\" eindigt voor het begint"));
                }
                per_dag[i].push((van, tot));
            }
            per_dag[i].sort();
        }
        Ok(Openingstijden { per_dag })
    }
}

/// A balie or spreekkamer where afspraken take place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plek {
    pub naam: String,
    /// The products served here.
    pub producten: Vec<String>,
    pub open: Openingstijden,
    /// Days its medewerker is away (leave, training): no slots, inclusive ranges.
    pub afwezig: Vec<(NaiveDate, NaiveDate)>,
}

impl Plek {
    fn afwezig_op(&self, dag: NaiveDate) -> bool {
        self.afwezig
            .iter()
            .any(|(van, tot)| *van <= dag && dag <= *tot)
    }
}

/// A booked afspraak at a plek (cancelled ones are not passed in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Geboekt {
    pub plek: String,
    pub begin: NaiveDateTime,
    pub eind: NaiveDateTime,
}

/// A free slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub plek: String,
    pub begin: NaiveDateTime,
    pub eind: NaiveDateTime,
    /// Diensten no single plek serves together: this slot is for some of them (`eerst`), and
    /// the rest follow straight after at another plek.
    pub aansluitend: Option<Box<Aansluitend>>,
}

/// The second part of a slot split over two plekken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aansluitend {
    /// The diensten of the first part (at the slot's own plek).
    pub eerst: Vec<String>,
    pub plek: String,
    pub begin: NaiveDateTime,
    pub eind: NaiveDateTime,
    /// The diensten of this second part.
    pub daarna: Vec<String>,
}

/// Whether any one plek serves all these products together.
pub fn samen_te_boeken(plekken: &[Plek], producten: &[&str]) -> bool {
    plekken
        .iter()
        .any(|p| producten.iter().all(|d| p.producten.iter().any(|x| x == d)))
}

/// What is asked for.
#[derive(Debug, Clone)]
pub struct Zoekopdracht<'a> {
    /// The products and their durations in minutes; the slot is as long as all together.
    pub producten: &'a [(&'a str, u32)],
    /// No slot before this moment.
    pub vanaf: NaiveDateTime,
    pub aantal: usize,
    /// How many days ahead to look.
    pub dagen: u32,
    /// Only this plek (a chosen balie), or any that serves every product.
    pub plek: Option<&'a str>,
    /// Slots start on this grid, in minutes from the start of an opening block.
    pub stap_min: u32,
}

/// The first `aantal` free slots, earliest first (then by plek). When no plek serves all the
/// products together (and no plek was chosen), back-to-back slots at two plekken instead.
pub fn vrije_slots(
    plekken: &[Plek],
    geboekt: &[Geboekt],
    sluiting: &Sluitingsdagen,
    vraag: &Zoekopdracht,
) -> Vec<Slot> {
    let producten: Vec<&str> = vraag.producten.iter().map(|(p, _)| *p).collect();
    if vraag.plek.is_none() && producten.len() >= 2 && !samen_te_boeken(plekken, &producten) {
        return aansluitende_slots(plekken, geboekt, sluiting, vraag);
    }
    enkele_slots(plekken, geboekt, sluiting, vraag)
}

/// Split over two plekken: one part of the products at one plek, the rest straight after at
/// another, for every way of splitting them; the earliest `aantal`.
fn aansluitende_slots(
    plekken: &[Plek],
    geboekt: &[Geboekt],
    sluiting: &Sluitingsdagen,
    vraag: &Zoekopdracht,
) -> Vec<Slot> {
    let n = vraag.producten.len();
    // A handful of diensten at most (the form offers a short list); 2^n splits.
    if !(2..=6).contains(&n) {
        return Vec::new();
    }
    let mut uit: Vec<Slot> = Vec::new();
    for mask in 1..(1u32 << n) - 1 {
        let (eerst, daarna): (Vec<_>, Vec<_>) = vraag
            .producten
            .iter()
            .enumerate()
            .partition(|(i, _)| mask & (1 << i) != 0);
        let eerst: Vec<(&str, u32)> = eerst.into_iter().map(|(_, p)| *p).collect();
        let daarna: Vec<(&str, u32)> = daarna.into_iter().map(|(_, p)| *p).collect();
        let namen_b: Vec<&str> = daarna.iter().map(|(p, _)| *p).collect();
        let tweede: Vec<&Plek> = plekken
            .iter()
            .filter(|q| namen_b.iter().all(|d| q.producten.iter().any(|x| x == d)))
            .collect();
        if tweede.is_empty() {
            continue;
        }
        let duur_b = Duration::minutes(i64::from(daarna.iter().map(|(_, d)| d).sum::<u32>()));
        let deel = Zoekopdracht {
            producten: &eerst,
            aantal: 400,
            ..vraag.clone()
        };
        let mut gevonden = 0;
        for s in enkele_slots(plekken, geboekt, sluiting, &deel) {
            let (b, e) = (s.eind, s.eind + duur_b);
            if let Some(q) = tweede
                .iter()
                .find(|q| q.naam != s.plek && vrij_op(q, b, e, geboekt, sluiting))
            {
                uit.push(Slot {
                    aansluitend: Some(Box::new(Aansluitend {
                        eerst: eerst.iter().map(|(p, _)| p.to_string()).collect(),
                        plek: q.naam.clone(),
                        begin: b,
                        eind: e,
                        daarna: namen_b.iter().map(|p| p.to_string()).collect(),
                    })),
                    ..s
                });
                gevonden += 1;
                if gevonden == vraag.aantal {
                    break;
                }
            }
        }
    }
    uit.sort_by(|a, b| a.begin.cmp(&b.begin).then_with(|| a.plek.cmp(&b.plek)));
    uit.truncate(vraag.aantal);
    uit
}

/// Plek `p` is open and free from `begin` to `eind` (within one opening block of a werkdag).
fn vrij_op(
    p: &Plek,
    begin: NaiveDateTime,
    eind: NaiveDateTime,
    geboekt: &[Geboekt],
    sluiting: &Sluitingsdagen,
) -> bool {
    let dag = begin.date();
    if eind.date() != dag || !werkdagen::is_werkdag(dag, sluiting) || p.afwezig_op(dag) {
        return false;
    }
    let open = p.open.per_dag[dag.weekday().num_days_from_monday() as usize]
        .iter()
        .any(|(o, d)| dag.and_time(*o) <= begin && eind <= dag.and_time(*d));
    open && !geboekt
        .iter()
        .any(|g| g.plek == p.naam && g.begin < eind && begin < g.eind)
}

/// Free slots at plekken that serve every product.
fn enkele_slots(
    plekken: &[Plek],
    geboekt: &[Geboekt],
    sluiting: &Sluitingsdagen,
    vraag: &Zoekopdracht,
) -> Vec<Slot> {
    let duur: u32 = vraag.producten.iter().map(|(_, d)| d).sum();
    if duur == 0 || vraag.aantal == 0 {
        return Vec::new();
    }
    let duur = Duration::minutes(i64::from(duur));
    let stap = Duration::minutes(i64::from(vraag.stap_min.max(1)));
    let geschikt: Vec<&Plek> = plekken
        .iter()
        .filter(|p| vraag.plek.is_none_or(|n| p.naam == n))
        .filter(|p| {
            vraag
                .producten
                .iter()
                .all(|(prod, _)| p.producten.iter().any(|x| x == prod))
        })
        .collect();
    // Bookings per plek and day, sorted by begin.
    let mut per: HashMap<(&str, NaiveDate), Vec<(NaiveDateTime, NaiveDateTime)>> = HashMap::new();
    for g in geboekt {
        per.entry((g.plek.as_str(), g.begin.date()))
            .or_default()
            .push((g.begin, g.eind));
    }
    for v in per.values_mut() {
        v.sort();
    }
    let mut uit = Vec::new();
    for d in 0..vraag.dagen {
        let dag = vraag.vanaf.date() + Duration::days(i64::from(d));
        if !werkdagen::is_werkdag(dag, sluiting) {
            continue;
        }
        let mut van_dag = Vec::new();
        for p in &geschikt {
            if p.afwezig_op(dag) {
                continue;
            }
            let bezet = per
                .get(&(p.naam.as_str(), dag))
                .map_or(&[][..], |v| v.as_slice());
            for (open, dicht) in &p.open.per_dag[dag.weekday().num_days_from_monday() as usize] {
                let (open, dicht) = (dag.and_time(*open), dag.and_time(*dicht));
                let mut t = open;
                while t + duur <= dicht {
                    if t >= vraag.vanaf {
                        let eind = t + duur;
                        // The first booking that ends after t; overlap when it begins before eind.
                        let i = bezet.partition_point(|(_, e)| *e <= t);
                        match bezet.get(i) {
                            Some((b, e)) if *b < eind => {
                                // Skip to the end of that booking, on the grid.
                                let mut n = t + stap;
                                while n < *e {
                                    n += stap;
                                }
                                t = n;
                                continue;
                            }
                            _ => van_dag.push(Slot {
                                plek: p.naam.clone(),
                                begin: t,
                                eind,
                                aansluitend: None,
                            }),
                        }
                    }
                    t += stap;
                }
            }
        }
        van_dag.sort_by(|a, b| a.begin.cmp(&b.begin).then_with(|| a.plek.cmp(&b.plek)));
        for s in van_dag {
            uit.push(s);
            if uit.len() == vraag.aantal {
                return uit;
            }
        }
    }
    uit
}

/// Minutes since midnight, for compact display.
pub fn minuut(t: NaiveDateTime) -> u32 {
    t.hour() * 60 + t.minute()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dt(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
        d.and_time(tijd(h, m))
    }

    fn plek(naam: &str, producten: &[&str]) -> Plek {
        Plek {
            naam: naam.into(),
            producten: producten.iter().map(|s| s.to_string()).collect(),
            open: Openingstijden::gemeente(),
            afwezig: Vec::new(),
        }
    }

    fn maandag() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn vraag<'a>(
        producten: &'a [(&'a str, u32)],
        vanaf: NaiveDateTime,
        aantal: usize,
    ) -> Zoekopdracht<'a> {
        Zoekopdracht {
            producten,
            vanaf,
            aantal,
            dagen: 56,
            plek: None,
            stap_min: 5,
        }
    }

    #[test]
    fn diensten_no_plek_serves_together_get_back_to_back_times_at_two_plekken() {
        let plekken = [
            plek("Balie 1", &["paspoort"]),
            plek("Balie 3", &["rijbewijs"]),
        ];
        let m = maandag();
        // Balie 3 is busy at 9:15, so paspoort 9:00 then rijbewijs 9:15 does not fit there.
        let geboekt = [Geboekt {
            plek: "Balie 3".into(),
            begin: dt(m, 9, 15),
            eind: dt(m, 9, 30),
        }];
        let producten = [("paspoort", 15), ("rijbewijs", 15)];
        assert!(!samen_te_boeken(&plekken, &["paspoort", "rijbewijs"]));
        let slots = vrije_slots(
            &plekken,
            &geboekt,
            &Sluitingsdagen::default(),
            &vraag(&producten, dt(m, 9, 0), 3),
        );
        assert_eq!(slots.len(), 3, "{slots:?}");
        for s in &slots {
            let twee = s.aansluitend.as_deref().expect("split over two plekken");
            assert_ne!(s.plek, twee.plek);
            assert_eq!(s.eind, twee.begin, "back to back");
            assert_eq!(twee.eind - twee.begin, Duration::minutes(15));
            // Never over a booking at either plek.
            for g in &geboekt {
                assert!(!(g.plek == twee.plek && g.begin < twee.eind && twee.begin < g.eind));
                assert!(!(g.plek == s.plek && g.begin < s.eind && s.begin < g.eind));
            }
        }
        // Earliest first: rijbewijs 9:00 at Balie 3, then paspoort 9:15 at Balie 1.
        let eerste = &slots[0];
        assert_eq!(
            (eerste.plek.as_str(), eerste.begin),
            ("Balie 3", dt(m, 9, 0))
        );
        let twee = eerste.aansluitend.as_deref().unwrap();
        assert_eq!(
            (twee.plek.as_str(), twee.begin, twee.daarna.clone()),
            ("Balie 1", dt(m, 9, 15), vec!["paspoort".to_string()])
        );
        let tekst = bevestiging_aansluitend(eerste.begin, &eerste.plek, twee, &[]);
        assert!(
            tekst.contains("om 09:00 uur bij Balie 3")
                && tekst.contains("Aansluitend om 09:15 uur bij Balie 1: paspoort."),
            "{tekst}"
        );
        // Served together somewhere: ordinary slots, never split.
        let samen = [
            plek("Balie 1", &["paspoort", "rijbewijs"]),
            plek("Balie 3", &["rijbewijs"]),
        ];
        let slots = vrije_slots(
            &samen,
            &[],
            &Sluitingsdagen::default(),
            &vraag(&producten, dt(m, 9, 0), 3),
        );
        assert!(
            slots
                .iter()
                .all(|s| s.aansluitend.is_none() && s.plek == "Balie 1")
        );
    }

    #[test]
    fn the_next_slots_respect_bookings_lunch_and_the_combined_duration() {
        let plekken = [
            plek("Balie 1", &["paspoort", "id-kaart"]),
            plek("Balie 3", &["rijbewijs"]),
        ];
        let geboekt = [Geboekt {
            plek: "Balie 1".into(),
            begin: dt(maandag(), 9, 0),
            eind: dt(maandag(), 9, 25),
        }];
        let p = [("paspoort", 15), ("id-kaart", 10)];
        let s = vrije_slots(
            &plekken,
            &geboekt,
            &Sluitingsdagen::default(),
            &vraag(&p, dt(maandag(), 8, 0), 3),
        );
        assert_eq!(s[0].begin, dt(maandag(), 9, 25), "after the booking");
        assert_eq!(s[0].eind, dt(maandag(), 9, 50), "15 + 10 minutes");
        assert!(
            s.iter().all(|x| x.plek == "Balie 1"),
            "only a balie serving both"
        );
        // Just before lunch: a 25-minute slot must end by 12:30.
        let s = vrije_slots(
            &plekken,
            &[],
            &Sluitingsdagen::default(),
            &vraag(&p, dt(maandag(), 12, 10), 2),
        );
        assert_eq!(s[0].begin, dt(maandag(), 13, 0));
    }

    #[test]
    fn stored_openingstijden_are_read_per_weekday_and_bad_ones_say_why() {
        let dagen: Vec<String> = [
            "09:00-12:30 13:00-16:30",
            "09:00-12:30,13:00-16:30",
            "",
            "13:00-16:30 09:00-12:30 18:00-20:00",
            "09:00-12:30",
            "",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let o = Openingstijden::lees(&dagen).unwrap();
        assert_eq!(o.per_dag[0], o.per_dag[1]);
        assert!(o.per_dag[2].is_empty());
        assert_eq!(o.per_dag[3].len(), 3);
        assert_eq!(o.per_dag[3][0].0, tijd(9, 0), "sorted");
        let fout = |d: &str| {
            let mut v = dagen.clone();
            v[0] = d.into();
            Openingstijden::lees(&v).unwrap_err()
        };
        assert!(fout("9-12").contains("geen tijd"));
        assert!(fout("12:00-09:00").contains("eindigt voor"));
        assert!(fout("09:00").contains("geen blok"));
        assert!(Openingstijden::lees(&dagen[..6]).is_err());
    }

    #[test]
    fn closed_days_absence_and_the_evening_opening() {
        let mut b = plek("Balie 1", &["paspoort"]);
        // Away on Monday and Tuesday.
        b.afwezig.push((maandag(), maandag() + Duration::days(1)));
        let p = [("paspoort", 15)];
        let s = vrije_slots(
            &[b.clone()],
            &[],
            &Sluitingsdagen::default(),
            &vraag(&p, dt(maandag(), 8, 0), 1),
        );
        assert_eq!(s[0].begin, dt(maandag() + Duration::days(2), 9, 0));
        // Thursday after 16:30: the evening opening.
        let donderdag = maandag() + Duration::days(3);
        let s = vrije_slots(
            &[b.clone()],
            &[],
            &Sluitingsdagen::default(),
            &vraag(&p, dt(donderdag, 16, 20), 2),
        );
        assert_eq!(s[0].begin, dt(donderdag, 18, 0));
        // Christmas: 25 and 26 December 2026 are a Friday and Saturday; the next slot after
        // Thursday evening is Monday the 28th.
        b.afwezig.clear();
        let s = vrije_slots(
            &[b],
            &[],
            &Sluitingsdagen::default(),
            &vraag(
                &p,
                dt(NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(), 20, 0),
                1,
            ),
        );
        assert_eq!(
            s[0].begin,
            dt(NaiveDate::from_ymd_opt(2026, 12, 28).unwrap(), 9, 0)
        );
    }

    #[test]
    fn dst_weekends_change_nothing_in_wall_clock_slots() {
        // Last Sundays of March and October 2026: 29 March and 25 October.
        for zondag in [
            NaiveDate::from_ymd_opt(2026, 3, 29).unwrap(),
            NaiveDate::from_ymd_opt(2026, 10, 25).unwrap(),
        ] {
            let p = [("paspoort", 15)];
            let s = vrije_slots(
                &[plek("Balie 1", &["paspoort"])],
                &[],
                &Sluitingsdagen::default(),
                &vraag(&p, dt(zondag - Duration::days(2), 16, 20), 1),
            );
            assert_eq!(s[0].begin, dt(zondag + Duration::days(1), 9, 0), "{zondag}");
            assert_eq!(s[0].eind - s[0].begin, Duration::minutes(15));
        }
    }

    #[test]
    fn a_chosen_balie_only() {
        let plekken = [
            plek("Balie 1", &["paspoort"]),
            plek("Balie 2", &["paspoort"]),
        ];
        let p = [("paspoort", 15)];
        let mut v = vraag(&p, dt(maandag(), 8, 0), 4);
        v.plek = Some("Balie 2");
        let s = vrije_slots(&plekken, &[], &Sluitingsdagen::default(), &v);
        assert!(s.iter().all(|x| x.plek == "Balie 2"));
        assert_eq!(s.len(), 4);
    }

    proptest! {
        #[test]
        fn slots_never_overlap_bookings_and_stay_in_opening_hours(
            boekingen in proptest::collection::vec((0u32..20, 0u32..4, 9u32..20, 0u32..12, 1u32..8), 0..60),
            duur in 5u32..60,
            aantal in 1usize..30,
        ) {
            let namen = ["Balie 1", "Balie 2", "Balie 3", "Spreekkamer 1"];
            let plekken: Vec<Plek> = namen.iter().map(|n| plek(n, &["x"])).collect();
            let geboekt: Vec<Geboekt> = boekingen
                .iter()
                .map(|(dag, p, h, m5, lengte)| {
                    let begin = dt(maandag() + Duration::days(i64::from(*dag)), *h, m5 * 5);
                    Geboekt { plek: namen[*p as usize].into(), begin, eind: begin + Duration::minutes(i64::from(lengte * 10)) }
                })
                .collect();
            let p = [("x", duur)];
            let s = vrije_slots(&plekken, &geboekt, &Sluitingsdagen::default(), &vraag(&p, dt(maandag(), 7, 0), aantal));
            prop_assert!(s.len() <= aantal);
            for (i, slot) in s.iter().enumerate() {
                prop_assert_eq!(slot.eind - slot.begin, Duration::minutes(i64::from(duur)));
                prop_assert!(werkdagen::is_werkdag(slot.begin.date(), &Sluitingsdagen::default()));
                let blokken = &Openingstijden::gemeente().per_dag[slot.begin.weekday().num_days_from_monday() as usize];
                prop_assert!(blokken.iter().any(|(o, d)| slot.begin.time() >= *o && slot.eind.time() <= *d), "{:?}", slot);
                for g in geboekt.iter().filter(|g| g.plek == slot.plek) {
                    prop_assert!(slot.eind <= g.begin || slot.begin >= g.eind, "{:?} overlaps {:?}", slot, g);
                }
                if i > 0 {
                    prop_assert!(s[i - 1].begin <= slot.begin, "in order");
                }
            }
        }
    }
}
