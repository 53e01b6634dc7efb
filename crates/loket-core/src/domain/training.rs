//! Training scenarios: files trainers read and write (`assets/scenarios/*.toml`), with the
//! arrival profile of calls and walk-in visitors, a speed factor, and scripted cases: a caller
//! or visitor, the words they say, who they are, and what a good handling is.

use serde::Deserialize;

use super::contact::Gespreksresultaat;

/// The scenarios that come with loket (name, file text).
pub const INGEBOUWD: [(&str, &str); 5] = [
    (
        "eerste-dag",
        include_str!("../../../../assets/scenarios/eerste-dag.toml"),
    ),
    (
        "maandag-afvalstoring",
        include_str!("../../../../assets/scenarios/maandag-afvalstoring.toml"),
    ),
    (
        "belastingpiek",
        include_str!("../../../../assets/scenarios/belastingpiek.toml"),
    ),
    (
        "verhuisseizoen",
        include_str!("../../../../assets/scenarios/verhuisseizoen.toml"),
    ),
    (
        "baliedag",
        include_str!("../../../../assets/scenarios/baliedag.toml"),
    ),
];

/// The largest scenario file (bytes).
pub const MAX_BYTES: u64 = 256 * 1024;
/// The most cases in one scenario.
pub const MAX_GEVALLEN: usize = 200;
/// The latest a case may come, and the longest handling norm (seconds: a day).
pub const MAX_SECONDEN: i64 = 24 * 3600;
/// The most callers already waiting when a scenario starts.
pub const MAX_AL_WACHTEND: i64 = 50;
/// The speed factors a scenario may run at.
pub const SNELHEDEN: std::ops::RangeInclusive<i64> = 1..=20;

/// How a case reaches the trainee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GevalKanaal {
    Telefoon,
    Balie,
}

/// What a good handling of a case is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verwacht {
    /// The kennisbank article that should be opened.
    pub artikel: Option<String>,
    /// Words the onderwerp should contain (case and accents ignored).
    pub onderwerp: Option<String>,
    pub resultaat: Option<Gespreksresultaat>,
    pub contactverzoek: Option<bool>,
    pub afspraak: Option<bool>,
    /// Handling time (talk plus after-call work) within this many seconds.
    pub norm_seconden: Option<i64>,
}

/// A scripted caller or visitor.
#[derive(Debug, Clone, PartialEq)]
pub struct Geval {
    pub id: String,
    pub kanaal: GevalKanaal,
    /// Seconds after the start (on the scenario's clock, so divided by the speed factor).
    pub na_seconden: i64,
    /// A demo klant by full name ("Jan de Vries"); None: anonymous.
    pub klant: Option<String>,
    /// Telephone: the keuzemenu option; balie: the dienst.
    pub keuze: String,
    /// What they say, shown on screen when the call is answered or the visitor called.
    pub zegt: String,
    pub verwacht: Verwacht,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub naam: String,
    pub titel: String,
    pub omschrijving: String,
    /// 1..=20: callers arrive, wait and give up this many times as fast.
    pub snelheid: u32,
    /// One case at a time: the next comes when the previous is registered.
    pub begeleid: bool,
    pub seed: u64,
    pub bellers_per_uur: f64,
    pub bezoekers_per_uur: f64,
    /// Callers waiting when the scenario starts.
    pub al_wachtend: usize,
    /// The share of today's afspraken whose klant comes in (checked in around their time);
    /// the others are no-shows. None: afspraken are left to the trainee.
    pub afspraken_opkomst: Option<f64>,
    pub gevallen: Vec<Geval>,
}

/// A problem in a scenario file, by line.
pub use super::Fout;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Bestand {
    titel: String,
    #[serde(default)]
    omschrijving: String,
    #[serde(default = "een")]
    snelheid: i64,
    #[serde(default)]
    begeleid: bool,
    #[serde(default)]
    seed: i64,
    #[serde(default)]
    aankomsten: Aankomsten,
    #[serde(default)]
    geval: Vec<GevalBestand>,
}

fn een() -> i64 {
    1
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Aankomsten {
    #[serde(default)]
    bellers_per_uur: f64,
    #[serde(default)]
    bezoekers_per_uur: f64,
    #[serde(default)]
    al_wachtend: i64,
    #[serde(default)]
    afspraken_opkomst: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GevalBestand {
    id: String,
    kanaal: GevalKanaal,
    #[serde(default)]
    na_seconden: i64,
    #[serde(default)]
    klant: Option<String>,
    keuze: String,
    zegt: String,
    #[serde(default)]
    verwacht: VerwachtBestand,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct VerwachtBestand {
    artikel: Option<String>,
    onderwerp: Option<String>,
    resultaat: Option<String>,
    contactverzoek: Option<bool>,
    afspraak: Option<bool>,
    norm_seconden: Option<i64>,
}

/// What a scenario may refer to: the kennisbank's article ids, the keuzemenu, the diensten at
/// the counter and the demo klanten (when known; empty lists are not checked).
#[derive(Debug, Clone, Default)]
pub struct Bekend {
    pub artikelen: Vec<String>,
    pub keuzemenu: Vec<String>,
    pub diensten: Vec<String>,
    pub klanten: Vec<String>,
}

fn regel_van(tekst: &str, offset: usize) -> usize {
    tekst[..offset.min(tekst.len())].matches('\n').count() + 1
}

/// Parse and check one scenario file. `bestand` is its name (for messages; the scenario's name
/// is the file name without `.toml`). Every problem is reported, by line.
pub fn parse(bestand: &str, tekst: &str, bekend: &Bekend) -> Result<Scenario, Vec<Fout>> {
    let fout = |regel: usize, melding: String| Fout {
        bestand: bestand.to_string(),
        regel,
        melding,
    };
    if tekst.len() as u64 > MAX_BYTES {
        return Err(vec![fout(
            1,
            format!(
                "het bestand is te groot ({} KiB); hoogstens {} KiB kan",
                (tekst.len() as u64).div_ceil(1024),
                MAX_BYTES / 1024
            ),
        )]);
    }
    // A BOM some editors put at the start is not part of the text.
    let tekst = tekst.strip_prefix('\u{feff}').unwrap_or(tekst);
    let b: Bestand = toml::from_str(tekst).map_err(|e| {
        let regel = e.span().map_or(1, |s| regel_van(tekst, s.start));
        vec![fout(regel, crate::melding::toml(e.message()))]
    })?;
    let mut fouten = Vec::new();
    let sleutel = |naam: &str| {
        tekst
            .lines()
            .position(|l| l.trim_start().starts_with(naam))
            .map_or(1, |i| i + 1)
    };
    if b.titel.trim().is_empty() {
        fouten.push(fout(sleutel("titel"), "titel is leeg".into()));
    }
    if !SNELHEDEN.contains(&b.snelheid) {
        fouten.push(fout(
            sleutel("snelheid"),
            format!(
                "snelheid {} ligt niet tussen {} en {}",
                b.snelheid,
                SNELHEDEN.start(),
                SNELHEDEN.end()
            ),
        ));
    }
    // A TOML number is at most 2^63 - 1; a seed is any of those from 0.
    let seed = u64::try_from(b.seed).unwrap_or_else(|_| {
        fouten.push(fout(
            sleutel("seed"),
            format!("seed {} is negatief; kies een getal vanaf 0", b.seed),
        ));
        0
    });
    let a = &b.aankomsten;
    if !(0..=MAX_AL_WACHTEND).contains(&a.al_wachtend) {
        fouten.push(fout(
            sleutel("al_wachtend"),
            format!(
                "al_wachtend {} ligt niet tussen 0 en {MAX_AL_WACHTEND}",
                a.al_wachtend
            ),
        ));
    }
    if let Some(teveel) = b.geval.get(MAX_GEVALLEN) {
        let regel = tekst
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim() == "[[geval]]")
            .nth(MAX_GEVALLEN)
            .map_or(1, |(i, _)| i + 1);
        fouten.push(fout(
            regel,
            format!(
                "het scenario heeft {} gevallen (\"{}\" is er een te veel); hoogstens {MAX_GEVALLEN} kunnen",
                b.geval.len(),
                teveel.id
            ),
        ));
        return Err(fouten);
    }
    for (naam, v) in [
        ("bellers_per_uur", a.bellers_per_uur),
        ("bezoekers_per_uur", a.bezoekers_per_uur),
    ] {
        if !(0.0..=600.0).contains(&v) {
            fouten.push(fout(
                sleutel(naam),
                format!("{naam} {v} ligt niet tussen 0 en 600"),
            ));
        }
    }
    if let Some(o) = a.afspraken_opkomst
        && !(0.0..=1.0).contains(&o)
    {
        fouten.push(fout(
            sleutel("afspraken_opkomst"),
            format!("afspraken_opkomst {o} ligt niet tussen 0 en 1"),
        ));
    }
    let mut gevallen = Vec::new();
    let mut ids = std::collections::HashSet::new();
    // Each case's lines: from its [[geval]] header to the next one.
    let regels: Vec<&str> = tekst.lines().collect();
    let koppen: Vec<usize> = regels
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[geval]]")
        .map(|(i, _)| i)
        .collect();
    for (n, v) in b.geval.iter().enumerate() {
        let begin = koppen.get(n).copied().unwrap_or(0);
        let eind = koppen.get(n + 1).copied().unwrap_or(regels.len());
        // The line of a key inside this case.
        let binnen = |naam: &str| {
            regels[begin..eind]
                .iter()
                .position(|l| l.trim_start().starts_with(naam))
                .map_or(begin + 1, |i| begin + i + 1)
        };
        if !ids.insert(v.id.clone()) {
            fouten.push(fout(binnen("id"), format!("geval \"{}\" bestaat al", v.id)));
        }
        if v.zegt.trim().is_empty() {
            fouten.push(fout(binnen("zegt"), "zegt is leeg".into()));
        }
        if !(0..=MAX_SECONDEN).contains(&v.na_seconden) {
            fouten.push(fout(
                binnen("na_seconden"),
                format!(
                    "na_seconden {} ligt niet tussen 0 en {MAX_SECONDEN} (een dag)",
                    v.na_seconden
                ),
            ));
        }
        let keuzes = match v.kanaal {
            GevalKanaal::Telefoon => &bekend.keuzemenu,
            GevalKanaal::Balie => &bekend.diensten,
        };
        if !keuzes.is_empty() && !keuzes.contains(&v.keuze) {
            fouten.push(fout(
                binnen("keuze"),
                format!(
                    "keuze \"{}\" is onbekend; kies uit: {}",
                    v.keuze,
                    keuzes.join(", ")
                ),
            ));
        }
        if let Some(k) = &v.klant
            && !bekend.klanten.is_empty()
            && !bekend.klanten.contains(k)
        {
            fouten.push(fout(
                binnen("klant"),
                format!(
                    "klant \"{k}\" staat niet in de demodata; kies uit: {}",
                    bekend.klanten.join(", ")
                ),
            ));
        }
        let w = &v.verwacht;
        if let Some(a) = &w.artikel
            && !bekend.artikelen.is_empty()
            && !bekend.artikelen.contains(a)
        {
            fouten.push(fout(
                binnen("artikel"),
                format!("artikel \"{a}\" staat niet in de kennisbank"),
            ));
        }
        let resultaat = match &w.resultaat {
            None => None,
            Some(r) => match Gespreksresultaat::ALL.iter().find(|x| x.label() == r) {
                Some(x) => Some(*x),
                None => {
                    fouten.push(fout(
                        binnen("resultaat"),
                        format!(
                            "resultaat \"{r}\" is onbekend; kies uit: {}",
                            Gespreksresultaat::ALL
                                .iter()
                                .map(|x| x.label())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                    None
                }
            },
        };
        if let Some(n) = w.norm_seconden
            && !(1..=MAX_SECONDEN).contains(&n)
        {
            fouten.push(fout(
                binnen("norm_seconden"),
                format!("norm_seconden {n} ligt niet tussen 1 en {MAX_SECONDEN} (een dag)"),
            ));
        }
        gevallen.push(Geval {
            id: v.id.clone(),
            kanaal: v.kanaal,
            na_seconden: v.na_seconden,
            klant: v.klant.clone(),
            keuze: v.keuze.clone(),
            zegt: v.zegt.trim().to_string(),
            verwacht: Verwacht {
                artikel: w.artikel.clone(),
                onderwerp: w.onderwerp.clone(),
                resultaat,
                contactverzoek: w.contactverzoek,
                afspraak: w.afspraak,
                norm_seconden: w.norm_seconden,
            },
        });
    }
    if gevallen.is_empty() {
        fouten.push(fout(1, "het scenario heeft geen enkel [[geval]]".into()));
    }
    if !fouten.is_empty() {
        return Err(fouten);
    }
    gevallen.sort_by_key(|g| g.na_seconden);
    Ok(Scenario {
        naam: std::path::Path::new(bestand)
            .file_stem()
            .map_or(bestand.to_string(), |s| s.to_string_lossy().into_owned()),
        titel: b.titel.trim().to_string(),
        omschrijving: b.omschrijving.trim().to_string(),
        // Both within range: checked above.
        snelheid: u32::try_from(b.snelheid).unwrap_or(1),
        begeleid: b.begeleid,
        seed,
        bellers_per_uur: a.bellers_per_uur,
        bezoekers_per_uur: a.bezoekers_per_uur,
        al_wachtend: usize::try_from(a.al_wachtend).unwrap_or(0),
        afspraken_opkomst: a.afspraken_opkomst,
        gevallen,
    })
}

/// What the trainee did in one case, as far as the database knows.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Feiten {
    /// Kennisbank articles consulted (the contact's bronnen).
    pub bronnen: Vec<String>,
    pub onderwerp: String,
    /// The gespreksresultaat label of the first vraag.
    pub resultaat: String,
    pub contactverzoek: bool,
    pub afspraak: bool,
    /// Talk plus after-call work.
    pub seconden: i64,
    /// What they searched the kennisbank for during the case.
    pub zoektermen: Vec<String>,
}

/// One check of a case against its expected handling.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Controle {
    pub wat: String,
    pub goed: bool,
    /// What was expected and what happened, in words.
    pub toelichting: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GevalUitkomst {
    pub id: String,
    pub zegt: String,
    /// None: the case was not handled (not answered or not registered).
    pub feiten: Option<Feiten>,
    pub controles: Vec<Controle>,
    /// Not yet reached in a session still running: no words, no checks, no score.
    #[serde(default)]
    pub nog_niet: bool,
}

/// The review of a training session, per case and overall.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Beoordeling {
    pub trainee: String,
    pub scenario: String,
    pub titel: String,
    pub gestart_op: chrono::DateTime<chrono::Utc>,
    pub afgerond_op: chrono::DateTime<chrono::Utc>,
    pub gevallen: Vec<GevalUitkomst>,
}

impl Beoordeling {
    /// Cases registered, and cases in all.
    pub fn gevallen_behandeld(&self) -> (usize, usize) {
        (
            self.gevallen.iter().filter(|g| g.feiten.is_some()).count(),
            self.gevallen.len(),
        )
    }

    /// Checks right, and checks in all (a case not handled counts all its checks as missed).
    pub fn score(&self) -> (usize, usize) {
        self.gevallen.iter().fold((0, 0), |(g, t), u| {
            (
                g + u.controles.iter().filter(|c| c.goed).count(),
                t + u.controles.len(),
            )
        })
    }
}

fn gevouwen(s: &str) -> String {
    deunicode::deunicode(s).to_lowercase()
}

/// The checks of one case: what the trainee did against what a good handling is. Without
/// facts (not handled) every expectation is missed. `titel` names an article by its id.
pub fn controleer(
    geval: &Geval,
    feiten: Option<&Feiten>,
    titel: &dyn Fn(&str) -> String,
) -> Vec<Controle> {
    let v = &geval.verwacht;
    let mut uit = Vec::new();
    let mut voeg = |wat: &str, goed: bool, toelichting: String| {
        uit.push(Controle {
            wat: wat.into(),
            goed,
            toelichting,
        })
    };
    let Some(f) = feiten else {
        // Not handled: every expectation is missed, so a skipped case weighs as much as a
        // handled one.
        let mut wat: Vec<&str> = Vec::new();
        if v.artikel.is_some() {
            wat.push("het goede artikel geopend");
        }
        if v.onderwerp.is_some() {
            wat.push("onderwerp");
        }
        if v.resultaat.is_some() {
            wat.push("juiste resultaat");
        }
        if v.contactverzoek.is_some() {
            wat.push("contactverzoek");
        }
        if v.afspraak.is_some() {
            wat.push("afspraak");
        }
        if v.norm_seconden.is_some() || wat.is_empty() {
            wat.push("binnen de afhandeltijd");
        }
        for w in wat {
            voeg(
                w,
                false,
                "niet behandeld (niet aangenomen of niet geregistreerd)".into(),
            );
        }
        return uit;
    };
    if let Some(a) = &v.artikel {
        let goed = f.bronnen.contains(a);
        let geopend: Vec<String> = f.bronnen.iter().map(|b| titel(b)).collect();
        voeg(
            "het goede artikel geopend",
            goed,
            if goed {
                format!("\"{}\"", titel(a))
            } else if f.bronnen.is_empty() {
                format!("verwacht \"{}\"; geen artikel geopend", titel(a))
            } else {
                format!(
                    "verwacht \"{}\"; geopend: {}",
                    titel(a),
                    geopend
                        .iter()
                        .map(|t| format!("\"{t}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
        );
    }
    if let Some(o) = &v.onderwerp {
        let goed = gevouwen(&f.onderwerp).contains(&gevouwen(o));
        voeg(
            "onderwerp",
            goed,
            format!(
                "verwacht iets met \"{o}\"; geregistreerd \"{}\"",
                f.onderwerp
            ),
        );
    }
    if let Some(r) = v.resultaat {
        let goed = f.resultaat == r.label();
        voeg(
            "juiste resultaat",
            goed,
            format!("verwacht {}; geregistreerd {}", r.label(), f.resultaat),
        );
    }
    if let Some(c) = v.contactverzoek {
        let goed = f.contactverzoek == c;
        let ja = |b: bool| if b { "wel" } else { "geen" };
        voeg(
            "contactverzoek",
            goed,
            format!("verwacht {}; gemaakt: {}", ja(c), ja(f.contactverzoek)),
        );
    }
    if let Some(a) = v.afspraak {
        let goed = f.afspraak == a;
        let ja = |b: bool| if b { "wel" } else { "geen" };
        voeg(
            "afspraak",
            goed,
            format!("verwacht {}; gemaakt: {}", ja(a), ja(f.afspraak)),
        );
    }
    if let Some(n) = v.norm_seconden {
        let goed = f.seconden <= n;
        voeg(
            "binnen de afhandeltijd",
            goed,
            format!(
                "{}:{:02} (norm {}:{:02})",
                f.seconden / 60,
                f.seconden % 60,
                n / 60,
                n % 60
            ),
        );
    }
    uit
}

/// The review for the coach, in Markdown.
pub fn markdown(b: &Beoordeling) -> String {
    use chrono::Local;
    let (goed, totaal) = b.score();
    let (behandeld, alle) = b.gevallen_behandeld();
    let mut o = format!(
        "# Training: {}\n\nTrainee: {}. Scenario: {}. {} t/m {}. {behandeld} van {alle} {} afgerond.\n\n{}\n",
        b.titel,
        b.trainee,
        b.scenario,
        b.gestart_op.with_timezone(&Local).format("%d-%m-%Y %H:%M"),
        b.afgerond_op.with_timezone(&Local).format("%H:%M"),
        if alle == 1 { "geval" } else { "gevallen" },
        if totaal == 0 {
            "Nog niets te beoordelen: rond eerst een geval af (registreren met Ctrl-S).".to_string()
        } else {
            format!("**{goed} van {totaal} punten goed.**")
        }
    );
    for (i, g) in b.gevallen.iter().enumerate() {
        if g.nog_niet {
            if g.zegt.is_empty() {
                o.push_str(&format!("\n## Geval {}: nog niet aan de beurt\n", i + 1));
            } else {
                o.push_str(&format!(
                    "\n## Geval {}: {} (bezig: wordt beoordeeld als het geregistreerd is)\n\n> {}\n",
                    i + 1,
                    g.id,
                    g.zegt
                ));
            }
            continue;
        }
        o.push_str(&format!("\n## Geval {}: {}\n\n", i + 1, g.id));
        if !g.zegt.is_empty() {
            o.push_str(&format!("> {}\n\n", g.zegt));
        }
        if let Some(f) = &g.feiten {
            o.push_str(&format!(
                "Geregistreerd: {} ({}).\n",
                if f.onderwerp.is_empty() {
                    "-"
                } else {
                    &f.onderwerp
                },
                f.resultaat
            ));
            o.push_str(&format!(
                "Gezocht op: {}.\n\n",
                if f.zoektermen.is_empty() {
                    "niets".to_string()
                } else {
                    f.zoektermen
                        .iter()
                        .map(|z| format!("\"{z}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ));
        }
        for c in &g.controles {
            o.push_str(&format!(
                "- {} {}: {}\n",
                if c.goed { "✓" } else { "✖" },
                c.wat,
                c.toelichting
            ));
        }
    }
    o
}

/// Seconds after the start at which the background visitors arrive (Poisson, `per_uur` on the
/// scenario's clock, over `duur_s`): the same seed gives the same arrivals. A rate that is not
/// a number or out of range (the scenario's check refuses it) gives none; never more than
/// [`MAX_BEZOEKERS`].
pub fn bezoekers(seed: u64, per_uur: f64, duur_s: i64) -> Vec<i64> {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x6b6c_616e_7465_6e00);
    let mut uit = Vec::new();
    if !(per_uur > 0.0 && per_uur <= 3600.0) {
        return uit;
    }
    let mut t = 0.0;
    while uit.len() < MAX_BEZOEKERS {
        let u: f64 = rng.random::<f64>().max(1e-12);
        t += -u.ln() * 3600.0 / per_uur;
        // Past the end, or not a number: no more.
        if !matches!(
            t.partial_cmp(&(duur_s as f64)),
            Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
        ) {
            break;
        }
        uit.push(t as i64);
    }
    uit
}

/// The most background visitors one session sends.
pub const MAX_BEZOEKERS: usize = 10_000;

/// A scenario klant by name, as found in the training database: id and telephone number.
pub type GevondenKlant = (String, Option<(uuid::Uuid, Option<String>)>);

/// A case's registration and the time window the trainee worked on it.
pub type Afhandeling = Option<(
    uuid::Uuid,
    chrono::DateTime<chrono::Utc>,
    chrono::DateTime<chrono::Utc>,
)>;

/// Everything the store needs to review a session.
#[derive(Debug, Clone, PartialEq)]
pub struct BeoordeelVraag {
    pub sessie: uuid::Uuid,
    pub scenario: Scenario,
    pub trainee: String,
    pub gestart: chrono::DateTime<chrono::Utc>,
    /// Per case: the registration and the time window in which the trainee worked on it.
    pub gevallen: Vec<Afhandeling>,
    /// Per case: has it reached the trainee yet (cases still to come are not judged while the
    /// session runs).
    pub bereikt: Vec<bool>,
    /// Article titles by id, to name them in the review.
    pub titels: std::collections::HashMap<String, String>,
    /// The session ended (all cases done, or the trainee left): a case that reached the
    /// trainee and was not handled is missed. While it runs (F10) such a case is still open.
    pub afgesloten: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bekend() -> Bekend {
        Bekend {
            artikelen: vec!["paspoort".into(), "grofvuil".into()],
            keuzemenu: vec!["Burgerzaken".into(), "Afval en openbare ruimte".into()],
            diensten: vec!["Ophalen reisdocument of rijbewijs".into()],
            klanten: vec!["Jan de Vries".into()],
        }
    }

    const GOED: &str = r#"titel = "Proef"
snelheid = 5
begeleid = true
seed = 3

[aankomsten]
bellers_per_uur = 20

[[geval]]
id = "tweede"
kanaal = "balie"
na_seconden = 60
keuze = "Ophalen reisdocument of rijbewijs"
zegt = "Ik kom mijn paspoort ophalen."

[[geval]]
id = "paspoort"
kanaal = "telefoon"
klant = "Jan de Vries"
keuze = "Burgerzaken"
zegt = "Mijn paspoort is verlopen."
[geval.verwacht]
artikel = "paspoort"
resultaat = "afspraak gemaakt"
afspraak = true
norm_seconden = 300
"#;

    #[test]
    fn a_good_scenario_parses_with_its_cases_in_time_order() {
        let s = parse("proef.toml", GOED, &bekend()).unwrap();
        assert_eq!(s.naam, "proef");
        assert_eq!((s.snelheid, s.begeleid, s.seed), (5, true, 3));
        assert_eq!(s.bellers_per_uur, 20.0);
        let ids: Vec<&str> = s.gevallen.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, vec!["paspoort", "tweede"]);
        let v = &s.gevallen[0].verwacht;
        assert_eq!(v.resultaat, Some(Gespreksresultaat::AfspraakGemaakt));
        assert_eq!((v.afspraak, v.norm_seconden), (Some(true), Some(300)));
        assert_eq!(s.gevallen[0].klant.as_deref(), Some("Jan de Vries"));
    }

    #[test]
    fn broken_scenarios_are_reported_by_file_and_line() {
        let slecht = GOED
            .replace("snelheid = 5", "snelheid = 50")
            .replace("artikel = \"paspoort\"", "artikel = \"bestaat-niet\"")
            .replace("resultaat = \"afspraak gemaakt\"", "resultaat = \"klaar\"")
            .replace("keuze = \"Burgerzaken\"", "keuze = \"Sport\"");
        let fouten: Vec<String> = parse("proef.toml", &slecht, &bekend())
            .unwrap_err()
            .iter()
            .map(|f| f.to_string())
            .collect();
        assert!(
            fouten.contains(&"proef.toml:2: snelheid 50 ligt niet tussen 1 en 20".to_string()),
            "{fouten:?}"
        );
        assert!(
            fouten
                .iter()
                .any(|f| f.starts_with("proef.toml:20: keuze \"Sport\"")),
            "{fouten:?}"
        );
        assert!(
            fouten
                .iter()
                .any(|f| f.starts_with("proef.toml:23: artikel \"bestaat-niet\"")),
            "{fouten:?}"
        );
        assert!(
            fouten
                .iter()
                .any(|f| f.starts_with("proef.toml:24: resultaat \"klaar\"")),
            "{fouten:?}"
        );
        // An unknown key and a wrong type are toml's own errors, still with their line.
        let onbekend = GOED.replace("seed = 3", "zaad = 3");
        let f = parse("proef.toml", &onbekend, &bekend()).unwrap_err();
        assert_eq!(f[0].regel, 4, "{f:?}");
        // The TOML reader's own messages come in Dutch.
        let f = parse(
            "proef.toml",
            &GOED.replace("snelheid = 5", "snelheid = \"snel\""),
            &bekend(),
        )
        .unwrap_err();
        assert_eq!(f[0].regel, 2, "{f:?}");
        assert!(
            f[0].melding.contains("ongeldig type") && f[0].melding.contains("verwacht een getal"),
            "{f:?}"
        );
        let f = parse(
            "proef.toml",
            &GOED.replace("kanaal = \"balie\"", "kanaal = \"fax\""),
            &bekend(),
        )
        .unwrap_err();
        assert!(
            f[0].melding
                .contains("onbekende waarde `fax`, verwacht `telefoon` of `balie`"),
            "{f:?}"
        );
        let dubbel = GOED.replace("id = \"tweede\"", "id = \"paspoort\"");
        let f = parse("proef.toml", &dubbel, &bekend()).unwrap_err();
        assert!(f[0].melding.contains("bestaat al"), "{f:?}");
    }

    #[test]
    fn the_built_in_scenarios_are_valid() {
        for (naam, tekst) in INGEBOUWD {
            let s = parse(&format!("{naam}.toml"), tekst, &Bekend::default())
                .unwrap_or_else(|f| panic!("{f:?}"));
            assert!(!s.gevallen.is_empty());
        }
    }

    #[test]
    fn a_case_is_checked_against_its_expected_handling() {
        let s = parse("proef.toml", GOED, &bekend()).unwrap();
        let g = &s.gevallen[0];
        let goed = Feiten {
            bronnen: vec!["paspoort".into()],
            onderwerp: "Paspoort verlopen".into(),
            resultaat: "afspraak gemaakt".into(),
            contactverzoek: false,
            afspraak: true,
            seconden: 250,
            zoektermen: vec!["paspot".into()],
        };
        let titel = |id: &str| match id {
            "paspoort" => "Paspoort aanvragen".to_string(),
            x => x.to_string(),
        };
        let c = controleer(g, Some(&goed), &titel);
        assert_eq!(c.len(), 4, "{c:?}");
        assert!(c.iter().all(|c| c.goed), "{c:?}");
        // Wrong article, no afspraak, too slow: three misses, the result still right.
        let fout = Feiten {
            bronnen: vec!["id-kaart".into()],
            afspraak: false,
            seconden: 301,
            ..goed.clone()
        };
        let c = controleer(g, Some(&fout), &titel);
        let mis: Vec<&str> = c
            .iter()
            .filter(|c| !c.goed)
            .map(|c| c.wat.as_str())
            .collect();
        assert_eq!(
            mis,
            vec![
                "het goede artikel geopend",
                "afspraak",
                "binnen de afhandeltijd"
            ]
        );
        assert!(
            c[0].toelichting
                .contains("verwacht \"Paspoort aanvragen\"; geopend: \"id-kaart\""),
            "{c:?}"
        );
        // Not handled at all: every expectation missed, as many points as a handled case.
        let c = controleer(g, None, &titel);
        assert_eq!(c.len(), 4);
        assert!(
            c.iter()
                .all(|c| !c.goed && c.toelichting.starts_with("niet behandeld"))
        );
        let b = Beoordeling {
            trainee: "Sanne".into(),
            scenario: "proef".into(),
            titel: "Proef".into(),
            gestart_op: chrono::Utc::now(),
            afgerond_op: chrono::Utc::now(),
            gevallen: vec![GevalUitkomst {
                id: g.id.clone(),
                zegt: g.zegt.clone(),
                feiten: Some(fout.clone()),
                controles: controleer(g, Some(&fout), &titel),
                nog_niet: false,
            }],
        };
        assert_eq!(b.score(), (1, 4));
        let md = markdown(&b);
        assert!(md.contains("**1 van 4 punten goed.**"), "{md}");
        assert!(md.contains("1 van 1 geval afgerond."), "{md}");
        assert!(md.contains("Gezocht op: \"paspot\"."), "{md}");
        assert!(
            md.contains("- ✖ afspraak: verwacht wel; gemaakt: geen"),
            "{md}"
        );
    }

    #[test]
    fn every_number_is_range_checked_where_the_scenario_is_read() {
        // Each of these passed the check and then panicked or grew without end in the desk.
        let slecht = GOED
            .replace("snelheid = 5", "snelheid = 5000000000")
            .replace(
                "bellers_per_uur = 20",
                "bellers_per_uur = nan\nal_wachtend = 1000000000000",
            )
            .replace("na_seconden = 60", "na_seconden = 9223372036854775807")
            .replace("norm_seconden = 300", "norm_seconden = 9223372036854775807");
        let fouten: Vec<String> = parse("proef.toml", &slecht, &bekend())
            .unwrap_err()
            .iter()
            .map(|f| f.to_string())
            .collect();
        assert_eq!(
            fouten,
            vec![
                "proef.toml:2: snelheid 5000000000 ligt niet tussen 1 en 20",
                "proef.toml:8: al_wachtend 1000000000000 ligt niet tussen 0 en 50",
                "proef.toml:7: bellers_per_uur NaN ligt niet tussen 0 en 600",
                "proef.toml:13: na_seconden 9223372036854775807 ligt niet tussen 0 en 86400 (een dag)",
                "proef.toml:27: norm_seconden 9223372036854775807 ligt niet tussen 1 en 86400 (een dag)",
            ]
        );
        let negatief = GOED
            .replace("seed = 3", "seed = -1")
            .replace("bellers_per_uur = 20", "al_wachtend = -1")
            .replace("na_seconden = 60", "na_seconden = -1")
            .replace("snelheid = 5", "snelheid = -3");
        let fouten: Vec<String> = parse("proef.toml", &negatief, &bekend())
            .unwrap_err()
            .iter()
            .map(|f| f.melding.clone())
            .collect();
        assert_eq!(
            fouten,
            vec![
                "snelheid -3 ligt niet tussen 1 en 20",
                "seed -1 is negatief; kies een getal vanaf 0",
                "al_wachtend -1 ligt niet tussen 0 en 50",
                "na_seconden -1 ligt niet tussen 0 en 86400 (een dag)",
            ]
        );
        // The limits themselves still pass.
        let rand = GOED
            .replace("bellers_per_uur = 20", "al_wachtend = 50")
            .replace("na_seconden = 60", "na_seconden = 86400")
            .replace("norm_seconden = 300", "norm_seconden = 86400");
        let s = parse("proef.toml", &rand, &bekend()).unwrap();
        assert_eq!(s.al_wachtend, 50);
        assert_eq!(s.gevallen[1].na_seconden, 86400);
    }

    #[test]
    fn a_scenario_is_bounded_in_size_and_cases_and_may_start_with_a_bom() {
        let s = parse("proef.toml", &format!("\u{feff}{GOED}"), &bekend()).unwrap();
        assert_eq!(s.titel, "Proef");
        let geval = "[[geval]]\nkanaal = \"telefoon\"\nkeuze = \"Burgerzaken\"\nzegt = \"Hallo\"\n";
        let mut veel = String::from("titel = \"Veel\"\n");
        for i in 0..=MAX_GEVALLEN {
            veel.push_str(&geval.replace("[[geval]]\n", &format!("[[geval]]\nid = \"g{i}\"\n")));
        }
        let f = parse("veel.toml", &veel, &bekend()).unwrap_err();
        let regel = 2 + MAX_GEVALLEN * 5;
        assert_eq!(
            f[0].to_string(),
            format!(
                "veel.toml:{regel}: het scenario heeft 201 gevallen (\"g200\" is er een te veel); hoogstens 200 kunnen"
            )
        );
        let diep = format!("titel = {}{}\n", "[".repeat(20_000), "]".repeat(20_000));
        let f = parse("diep.toml", &diep, &bekend()).unwrap_err();
        assert_eq!(
            f[0].to_string(),
            "diep.toml:1: te diep genest: te veel [ of { in elkaar"
        );
        let groot = GOED.replace("Proef", &"x".repeat(300 * 1024));
        let f = parse("groot.toml", &groot, &bekend()).unwrap_err();
        assert_eq!(
            f[0].to_string(),
            "groot.toml:1: het bestand is te groot (301 KiB); hoogstens 256 KiB kan"
        );
    }

    #[test]
    fn visitors_at_a_rate_that_is_not_a_number_never_come() {
        // A NaN rate never ended the draw: the desk's memory grew until it died.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send((
                bezoekers(1, f64::NAN, 3600).len(),
                bezoekers(1, f64::INFINITY, 3600).len(),
                bezoekers(1, 1e300, 3600).len(),
                bezoekers(1, 3600.0, i64::MAX).len(),
            ));
        });
        let n = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the draw ends");
        assert_eq!(n, (0, 0, 0, MAX_BEZOEKERS));
    }

    #[test]
    fn the_same_seed_gives_the_same_visitors() {
        let a = bezoekers(4, 30.0, 3600);
        assert_eq!(a, bezoekers(4, 30.0, 3600));
        assert_ne!(a, bezoekers(5, 30.0, 3600));
        // About 30 in the hour.
        assert!((15..=45).contains(&a.len()), "{}", a.len());
        assert!(bezoekers(4, 0.0, 3600).is_empty());
    }
}
