//! The kennisbank: articles as Markdown files with a TOML front matter block, loaded and checked
//! (a bad file is reported by name and line, the rest still loads), and searched in memory.
//! Nothing here knows about the terminal.

pub mod lader;
pub mod search;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

pub use search::{
    MAX as MAX_TREFFERS, Populariteit, actueel_bij, zoek, zoek_met, zoek_met_actueel,
};

/// The articles built into the binary (the trainers' kennisbank of Gemeente Lindewaard).
pub const INGEBOUWD: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/kennisbank_files.rs"));

pub const SOORTEN: [&str; 5] = ["product", "vac", "werkinstructie", "beslisboom", "actueel"];
pub const KNIPPEN: [&str; 5] = [
    "1e lijn direct",
    "1e lijn snelbalie",
    "2e lijn op afspraak",
    "3e lijn vakspecialist",
    "extern doorverwijzen",
];
pub const AFDELINGEN: [&str; 7] = [
    "Publiekscentrum (KCC)",
    "Burgerzaken",
    "Belastingen",
    "Vergunningen/APV",
    "Openbare Ruimte",
    "Bouwen & Wonen",
    "Sociaal Domein",
];

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: String,
    titel: String,
    soort: String,
    #[serde(default)]
    trefwoorden: Vec<String>,
    afdeling: String,
    knip: String,
    afhandeling: String,
    kosten: Option<String>,
    doorlooptijd: Option<String>,
    #[serde(default)]
    meenemen: Vec<String>,
    #[serde(default)]
    gerelateerd: Vec<String>,
    geldig_van: Option<String>,
    geldig_tot: Option<String>,
    /// Beslisboom: the first knoop.
    start: Option<String>,
    /// Beslisboom: its questions.
    #[serde(default)]
    knoop: Vec<Knoop>,
}

/// The most one article file may hold (bytes).
pub const MAX_ARTIKEL_BYTES: u64 = 256 * 1024;
/// The most article files one kennisbank folder may hold.
pub const MAX_BESTANDEN: usize = 1000;
/// The most bytes read from one folder in all (files past it are refused, not read).
pub const MAX_TOTAAL_BYTES: u64 = 32 * 1024 * 1024;
/// The most knopen one beslisboom may have.
pub const MAX_KNOPEN: usize = 200;
/// The most questions on one path through a beslisboom, from the start.
pub const MAX_DIEPTE: usize = 50;
/// The fewest and the most keuzes of one knoop (the number keys 1 to 9).
pub const KEUZES: std::ops::RangeInclusive<usize> = 2..=9;

/// The limits one file is checked against (the standard ones, or wider in tests that prove
/// that a walk is iterative and linear).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grenzen {
    pub bytes: u64,
    pub knopen: usize,
    pub diepte: usize,
}

impl Grenzen {
    pub const STANDAARD: Grenzen = Grenzen {
        bytes: MAX_ARTIKEL_BYTES,
        knopen: MAX_KNOPEN,
        diepte: MAX_DIEPTE,
    };
}

/// One question of a beslisboom.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Knoop {
    pub id: String,
    pub vraag: String,
    pub keuzes: Vec<Keuze>,
}

/// One answer to a knoop: leads to another knoop, to an article, or ends on an afhandeling.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keuze {
    pub tekst: String,
    pub naar: Option<String>,
    pub artikel: Option<String>,
    pub afhandeling: Option<String>,
}

/// Where a keuze leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doel<'a> {
    Knoop(&'a str),
    Artikel(&'a str),
    Afhandeling(&'a str),
}

impl Keuze {
    pub fn doel(&self) -> Option<Doel<'_>> {
        match (&self.naar, &self.artikel, &self.afhandeling) {
            (Some(n), None, None) => Some(Doel::Knoop(n)),
            (None, Some(a), None) => Some(Doel::Artikel(a)),
            (None, None, Some(t)) => Some(Doel::Afhandeling(t)),
            _ => None,
        }
    }
}

/// A beslisboom: walked question by question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Beslisboom {
    pub start: String,
    pub knopen: Vec<Knoop>,
    /// Each knoop's place in `knopen` by its id: a step of a walk costs one look-up, not a
    /// search through the tree (the desk follows the path on every redraw).
    index: HashMap<String, usize>,
}

impl Beslisboom {
    pub fn knoop(&self, id: &str) -> Option<&Knoop> {
        self.index.get(id).and_then(|&i| self.knopen.get(i))
    }
}

/// One article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artikel {
    pub id: String,
    pub titel: String,
    pub soort: String,
    pub trefwoorden: Vec<String>,
    pub afdeling: String,
    pub knip: String,
    pub afhandeling: String,
    pub kosten: Option<String>,
    pub doorlooptijd: Option<String>,
    pub meenemen: Vec<String>,
    pub gerelateerd: Vec<String>,
    pub geldig_van: Option<NaiveDate>,
    pub geldig_tot: Option<NaiveDate>,
    /// For the klant (B1).
    pub antwoord: String,
    /// Staff only.
    pub onderwatertekst: String,
    /// The words of the titel, the trefwoorden and the antwoord, lowercase with diacritics
    /// folded (computed once at load, for the search index).
    pub(crate) titel_woorden: Vec<String>,
    pub(crate) trefwoord_woorden: Vec<String>,
    pub(crate) tekst_woorden: Vec<String>,
    /// Line of `gerelateerd` in the file, for messages about broken links.
    pub(crate) gerelateerd_regel: usize,
    /// The articles a beslisboom ends on, each once, with the line where it first does.
    pub(crate) eind_artikelen: Vec<(String, usize)>,
    /// Set for soort "beslisboom".
    pub beslisboom: Option<Beslisboom>,
}

impl Artikel {
    /// Valid on `dag` (actueel messages expire).
    pub fn geldig_op(&self, dag: NaiveDate) -> bool {
        self.geldig_van.is_none_or(|v| v <= dag) && self.geldig_tot.is_none_or(|t| dag <= t)
    }
}

/// A problem in one file: where, and what (in Dutch).
pub use crate::domain::Fout;

/// The loaded kennisbank and what was wrong with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kennisbank {
    pub artikelen: Vec<Artikel>,
    /// Files that could not be loaded, and warnings about ones that could.
    pub fouten: Vec<Fout>,
    /// The search index over `artikelen` (built by [`laad`]).
    pub(crate) index: search::Index,
    /// Why the folder itself could not be read (missing, not a folder), when that is so.
    pub onleesbaar: Option<String>,
}

impl Kennisbank {
    /// A kennisbank that could not be read: empty, with the reason as its one error.
    pub fn onleesbaar(bestand: String, melding: String) -> Kennisbank {
        Kennisbank {
            onleesbaar: Some(melding.clone()),
            fouten: vec![Fout {
                bestand,
                regel: 0,
                melding,
            }],
            ..Default::default()
        }
    }

    pub fn artikel(&self, id: &str) -> Option<&Artikel> {
        self.artikelen.iter().find(|a| a.id == id)
    }

    /// The Actueel messages valid on `dag`.
    pub fn actueel(&self, dag: NaiveDate) -> impl Iterator<Item = &Artikel> {
        self.artikelen
            .iter()
            .filter(move |a| a.soort == "actueel" && a.geldig_op(dag))
    }
}

fn fout(bestand: &str, regel: usize, melding: impl Into<String>) -> Fout {
    Fout {
        bestand: bestand.to_string(),
        regel,
        melding: melding.into(),
    }
}

/// Parse one file. `bestand` is its name (for messages and the id check).
pub fn parse(bestand: &str, tekst: &str) -> Result<Artikel, Fout> {
    parse_met(bestand, tekst, Grenzen::STANDAARD)
}

/// [`parse`] against the limits `g`.
pub fn parse_met(bestand: &str, tekst: &str, g: Grenzen) -> Result<Artikel, Fout> {
    if tekst.len() as u64 > g.bytes {
        return Err(fout(
            bestand,
            1,
            format!(
                "het bestand is te groot ({} KiB); hoogstens {} KiB kan",
                (tekst.len() as u64).div_ceil(1024),
                g.bytes / 1024
            ),
        ));
    }
    // A BOM some editors put at the start is not part of the text.
    let tekst = tekst.strip_prefix('\u{feff}').unwrap_or(tekst);
    let lines: Vec<&str> = tekst.lines().collect();
    if lines.first().map(|l| l.trim()) != Some("+++") {
        return Err(fout(
            bestand,
            1,
            "het bestand begint niet met +++ (front matter)",
        ));
    }
    let Some(end) = lines.iter().skip(1).position(|l| l.trim() == "+++") else {
        return Err(fout(
            bestand,
            1,
            "de front matter wordt niet afgesloten met +++",
        ));
    };
    let end = end + 1; // index of the closing +++
    let front = lines[1..end].join("\n");
    let fm: FrontMatter = toml::from_str(&front).map_err(|e| {
        let regel = e
            .span()
            .map(|s| front[..s.start.min(front.len())].matches('\n').count() + 1)
            .unwrap_or(1)
            + 1;
        let msg = crate::melding::toml(e.message());
        fout(bestand, regel, format!("front matter: {msg}"))
    })?;
    let regel_van = |key: &str| {
        lines[1..end]
            .iter()
            .position(|l| l.trim_start().starts_with(key))
            .map_or(2, |i| i + 2)
    };
    let stem = bestand.trim_end_matches(".md");
    if fm.id != stem {
        return Err(fout(
            bestand,
            regel_van("id"),
            format!(
                "id \"{}\" hoort gelijk te zijn aan de bestandsnaam \"{stem}\"",
                fm.id
            ),
        ));
    }
    if fm.titel.trim().is_empty() {
        return Err(fout(bestand, regel_van("titel"), "titel is leeg"));
    }
    for (key, value, allowed) in [
        ("soort", &fm.soort, &SOORTEN[..]),
        ("knip", &fm.knip, &KNIPPEN[..]),
        ("afdeling", &fm.afdeling, &AFDELINGEN[..]),
    ] {
        if !allowed.contains(&value.as_str()) {
            return Err(fout(
                bestand,
                regel_van(key),
                format!(
                    "{key} \"{value}\" is onbekend; kies uit: {}",
                    allowed.join(", ")
                ),
            ));
        }
    }
    let datum = |key: &str, v: &Option<String>| -> Result<Option<NaiveDate>, Fout> {
        v.as_deref()
            .map(|s| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
                    fout(
                        bestand,
                        regel_van(key),
                        format!("{key} \"{s}\" is geen datum (JJJJ-MM-DD)"),
                    )
                })
            })
            .transpose()
    };
    let beslisboom = boom(bestand, &fm, &regel_van, g)?;
    let titel_woorden = woorden(&fm.titel);
    let trefwoord_woorden = woorden(&fm.trefwoorden.join(" "));
    let geldig_van = datum("geldig_van", &fm.geldig_van)?;
    let geldig_tot = datum("geldig_tot", &fm.geldig_tot)?;
    // Body: ## Antwoord, then ## Onderwatertekst.
    let body = &lines[end + 1..];
    let kop = |naam: &str| body.iter().position(|l| l.trim() == format!("## {naam}"));
    let Some(a) = kop("Antwoord") else {
        return Err(fout(bestand, end + 2, "sectie \"## Antwoord\" ontbreekt"));
    };
    let Some(o) = kop("Onderwatertekst") else {
        return Err(fout(
            bestand,
            end + 2,
            "sectie \"## Onderwatertekst\" ontbreekt",
        ));
    };
    if o < a {
        return Err(fout(
            bestand,
            end + 2 + o,
            "\"## Onderwatertekst\" hoort na \"## Antwoord\" te staan",
        ));
    }
    let antwoord = body[a + 1..o].join("\n").trim().to_string();
    let onderwatertekst = body[o + 1..].join("\n").trim().to_string();
    if antwoord.is_empty() {
        return Err(fout(bestand, end + 2 + a, "de sectie Antwoord is leeg"));
    }
    let mut eind_artikelen: Vec<(String, usize)> = Vec::new();
    if let Some(b) = &beslisboom {
        let mut gezien = HashSet::new();
        for c in b.knopen.iter().flat_map(|k| &k.keuzes) {
            if let Some(a) = &c.artikel
                && gezien.insert(a.as_str())
            {
                let zoek = format!("artikel = \"{a}\"");
                let regel = lines[1..end]
                    .iter()
                    .position(|l| l.contains(&zoek))
                    .map_or(regel_van("start"), |i| i + 2);
                eind_artikelen.push((a.clone(), regel));
            }
        }
    }
    let mut tekst_woorden = woorden(&antwoord);
    tekst_woorden.sort_unstable();
    tekst_woorden.dedup();
    Ok(Artikel {
        id: fm.id,
        titel: fm.titel,
        soort: fm.soort,
        trefwoorden: fm.trefwoorden,
        afdeling: fm.afdeling,
        knip: fm.knip,
        afhandeling: fm.afhandeling,
        kosten: fm.kosten,
        doorlooptijd: fm.doorlooptijd,
        meenemen: fm.meenemen,
        gerelateerd: fm.gerelateerd,
        geldig_van,
        geldig_tot,
        antwoord,
        onderwatertekst,
        titel_woorden,
        trefwoord_woorden,
        tekst_woorden,
        gerelateerd_regel: regel_van("gerelateerd"),
        eind_artikelen,
        beslisboom,
    })
}

fn woorden(tekst: &str) -> Vec<String> {
    crate::domain::zoekvraag::naam_sleutel(tekst)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// Check a beslisboom's structure: a start, 2 to 9 keuzes per knoop, each leading to exactly
/// one place, no unknown or doubled knopen, no loops, no knopen that cannot be reached, and no
/// more knopen or questions on a path than `g` allows. Every walk here is iterative and visits
/// each knoop and keuze once, whatever the shape of the tree.
fn boom(
    bestand: &str,
    fm: &FrontMatter,
    regel_van: &dyn Fn(&str) -> usize,
    g: Grenzen,
) -> Result<Option<Beslisboom>, Fout> {
    if fm.soort != "beslisboom" {
        if fm.start.is_some() || !fm.knoop.is_empty() {
            return Err(fout(
                bestand,
                regel_van("start"),
                "start en knoop horen alleen bij soort \"beslisboom\"",
            ));
        }
        return Ok(None);
    }
    let Some(start) = fm.start.clone() else {
        return Err(fout(
            bestand,
            2,
            "een beslisboom heeft een start-knoop nodig (start = \"...\")",
        ));
    };
    let regel_knoop = |id: &str| regel_van(&format!("id = \"{id}\""));
    if let Some(teveel) = fm.knoop.get(g.knopen) {
        return Err(fout(
            bestand,
            regel_knoop(&teveel.id),
            format!(
                "de beslisboom heeft {} knopen; hoogstens {} kan (splits hem in kleinere bomen)",
                fm.knoop.len(),
                g.knopen
            ),
        ));
    }
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(fm.knoop.len());
    for (i, k) in fm.knoop.iter().enumerate() {
        if index.insert(k.id.as_str(), i).is_some() {
            return Err(fout(
                bestand,
                regel_knoop(&k.id),
                format!("knoop \"{}\" bestaat al", k.id),
            ));
        }
    }
    let Some(&begin) = index.get(start.as_str()) else {
        return Err(fout(
            bestand,
            regel_van("start"),
            format!("start-knoop \"{start}\" bestaat niet"),
        ));
    };
    for k in &fm.knoop {
        if !KEUZES.contains(&k.keuzes.len()) {
            return Err(fout(
                bestand,
                regel_knoop(&k.id),
                format!(
                    "knoop \"{}\" heeft {} keuzes; {} tot {} kunnen",
                    k.id,
                    k.keuzes.len(),
                    KEUZES.start(),
                    KEUZES.end()
                ),
            ));
        }
        for c in &k.keuzes {
            match c.doel() {
                None => {
                    return Err(fout(
                        bestand,
                        regel_knoop(&k.id),
                        format!(
                            "keuze \"{}\" in knoop \"{}\" moet precies een van naar, artikel of afhandeling hebben",
                            c.tekst, k.id
                        ),
                    ));
                }
                Some(Doel::Knoop(n)) if !index.contains_key(n) => {
                    return Err(fout(
                        bestand,
                        regel_knoop(&k.id),
                        format!(
                            "keuze \"{}\" leidt naar knoop \"{n}\", die niet bestaat",
                            c.tekst
                        ),
                    ));
                }
                _ => {}
            }
        }
    }
    let id = |i: usize| fm.knoop[i].id.as_str();
    match structuur(begin, &fm.knoop, &index, g.diepte) {
        Ok(()) => {}
        Err(BoomFout::Kring(lus)) => {
            // The knoop whose keuze closes the ring is where to fix it.
            let sluit = lus.len().saturating_sub(2);
            let namen: Vec<&str> = if lus.len() > 12 {
                let mut v: Vec<&str> = lus[..5].iter().map(|&i| id(i)).collect();
                v.push("…");
                v.extend(lus[lus.len() - 5..].iter().map(|&i| id(i)));
                v
            } else {
                lus.iter().map(|&i| id(i)).collect()
            };
            return Err(fout(
                bestand,
                regel_knoop(id(lus[sluit])),
                format!("de beslisboom loopt in een kring: {}", namen.join(" → ")),
            ));
        }
        Err(BoomFout::Los(i)) => {
            return Err(fout(
                bestand,
                regel_knoop(id(i)),
                format!("knoop \"{}\" is vanaf de start niet te bereiken", id(i)),
            ));
        }
        Err(BoomFout::TeDiep { knoop, diepte }) => {
            return Err(fout(
                bestand,
                regel_knoop(id(knoop)),
                format!(
                    "de beslisboom is {diepte} vragen diep (bij knoop \"{}\" al meer dan {}); hoogstens {} vragen achter elkaar kunnen",
                    id(knoop),
                    g.diepte,
                    g.diepte
                ),
            ));
        }
    }
    Ok(Some(Beslisboom {
        start,
        knopen: fm.knoop.clone(),
        index: index.into_iter().map(|(k, i)| (k.to_string(), i)).collect(),
    }))
}

/// What [`structuur`] found wrong (knopen by their index).
#[derive(Debug, Clone, PartialEq, Eq)]
enum BoomFout {
    /// A path that comes back to a knoop on it: from that knoop round to it again.
    Kring(Vec<usize>),
    /// Not reachable from the start.
    Los(usize),
    /// The longest path has `diepte` questions; `knoop` is the first one too deep on it.
    TeDiep { knoop: usize, diepte: usize },
}

/// One depth-first walk from `start` with an explicit stack: loops, knopen not reached, and
/// the longest path (in questions). Linear in knopen plus keuzes: a knoop is entered once, so
/// branches that converge on the same knopen are not walked again for every way to them.
/// Keuzes to unknown knopen are ignored (checked before).
fn structuur(
    start: usize,
    knopen: &[Knoop],
    index: &HashMap<&str, usize>,
    max_diepte: usize,
) -> Result<(), BoomFout> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Staat {
        Nieuw,
        OpPad,
        Klaar,
    }
    let volgende = |k: &Keuze| match k.doel() {
        Some(Doel::Knoop(n)) => index.get(n).copied(),
        _ => None,
    };
    let mut staat = vec![Staat::Nieuw; knopen.len()];
    // The most questions on a path from each knoop on (set when it is done).
    let mut langste = vec![0usize; knopen.len()];
    // The path being walked: (knoop, the next of its keuzes to follow).
    let mut pad: Vec<(usize, usize)> = vec![(start, 0)];
    staat[start] = Staat::OpPad;
    while let Some(top) = pad.last_mut() {
        let (k, i) = *top;
        if let Some(keuze) = knopen[k].keuzes.get(i) {
            top.1 += 1;
            let Some(n) = volgende(keuze) else { continue };
            match staat[n] {
                Staat::Nieuw => {
                    staat[n] = Staat::OpPad;
                    pad.push((n, 0));
                }
                Staat::OpPad => {
                    let van = pad.iter().position(|&(x, _)| x == n).unwrap_or(0);
                    let mut lus: Vec<usize> = pad[van..].iter().map(|&(x, _)| x).collect();
                    lus.push(n);
                    return Err(BoomFout::Kring(lus));
                }
                Staat::Klaar => {}
            }
        } else {
            let verder = knopen[k]
                .keuzes
                .iter()
                .filter_map(volgende)
                .map(|n| langste[n])
                .max()
                .unwrap_or(0);
            langste[k] = verder.saturating_add(1);
            staat[k] = Staat::Klaar;
            pad.pop();
        }
    }
    if let Some(los) = staat.iter().position(|s| *s == Staat::Nieuw) {
        return Err(BoomFout::Los(los));
    }
    let diepte = langste[start];
    if diepte > max_diepte {
        // Down the longest path to the first question too many.
        let mut k = start;
        for _ in 0..max_diepte {
            let Some(n) = knopen[k]
                .keuzes
                .iter()
                .rev()
                .filter_map(volgende)
                .max_by_key(|&n| langste[n])
            else {
                break;
            };
            k = n;
        }
        return Err(BoomFout::TeDiep { knoop: k, diepte });
    }
    Ok(())
}

/// Load articles from (name, text) pairs: bad files are reported and skipped, duplicate ids and
/// links to articles that do not exist are reported.
pub fn laad(bestanden: &[(String, String)]) -> Kennisbank {
    laad_zonder(bestanden, &[])
}

/// [`laad`], where `geweigerd` names the files that could not even be read (their own error
/// says so; links to them are not reported again).
fn laad_zonder(bestanden: &[(String, String)], geweigerd: &[String]) -> Kennisbank {
    let mut kb = Kennisbank::default();
    let mut ids = HashSet::new();
    // Files that could not be read: links to them are not reported again (their own error
    // says what to fix), only links to articles that do not exist at all.
    let mut overgeslagen: HashSet<String> = geweigerd
        .iter()
        .filter_map(|n| Path::new(n).file_stem().and_then(|s| s.to_str()))
        .map(String::from)
        .collect();
    for (naam, tekst) in bestanden {
        match parse(naam, tekst) {
            Ok(a) => {
                if ids.insert(a.id.clone()) {
                    kb.artikelen.push(a);
                } else {
                    kb.fouten
                        .push(fout(naam, 2, format!("id \"{}\" bestaat al", a.id)));
                }
            }
            Err(f) => {
                if let Some(stam) = Path::new(naam).file_stem().and_then(|s| s.to_str()) {
                    overgeslagen.insert(stam.to_string());
                }
                kb.fouten.push(f)
            }
        }
    }
    for a in &kb.artikelen {
        // Each missing article once, where the tree first ends on it.
        for (doel, regel) in &a.eind_artikelen {
            if !ids.contains(doel) && !overgeslagen.contains(doel) {
                kb.fouten.push(fout(
                    &format!("{}.md", a.id),
                    *regel,
                    format!("beslisboom eindigt op artikel \"{doel}\", dat niet bestaat"),
                ));
            }
        }
        for g in &a.gerelateerd {
            if !ids.contains(g) && !overgeslagen.contains(g) {
                kb.fouten.push(fout(
                    &format!("{}.md", a.id),
                    a.gerelateerd_regel,
                    format!("gerelateerd artikel \"{g}\" bestaat niet"),
                ));
            }
        }
    }
    kb.artikelen.sort_by(|a, b| a.titel.cmp(&b.titel));
    kb.index = search::Index::bouw(&kb.artikelen);
    kb
}

/// The built-in articles.
pub fn ingebouwd() -> Kennisbank {
    let files: Vec<(String, String)> = INGEBOUWD
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    laad(&files)
}

/// The articles of folder `dir`, or the built-in ones without it.
pub fn lees(dir: Option<&Path>) -> anyhow::Result<Kennisbank> {
    match dir {
        Some(d) => lees_map(d),
        None => Ok(ingebouwd()),
    }
}

/// Read every `*.md` in `dir` (sorted by name) and load them: `loket kennisbank check` and the
/// desk's loader both come here, so the desk loads exactly what the check passes. Only regular
/// files are read, each at most [`MAX_ARTIKEL_BYTES`], at most [`MAX_BESTANDEN`] of them and
/// [`MAX_TOTAAL_BYTES`] in all; a file that is refused is reported by name and the others
/// still load. Only a folder that cannot be listed at all is an error.
pub fn lees_map(dir: &Path) -> anyhow::Result<Kennisbank> {
    let lijst = std::fs::read_dir(dir).map_err(|e| {
        crate::logboek::schrijf(&format!("kennisbank-map {} lezen: {e}", dir.display()));
        anyhow::anyhow!(
            "de kennisbank-map {} kan niet gelezen worden ({})",
            dir.display(),
            match e.kind() {
                std::io::ErrorKind::NotFound => "bestaat niet",
                std::io::ErrorKind::PermissionDenied => "geen leesrechten",
                std::io::ErrorKind::NotADirectory => "is geen map",
                _ => "zie het logboek",
            }
        )
    })?;
    let mut paths = Vec::new();
    let mut unreadable = Vec::new();
    for entry in lijst {
        match entry {
            Ok(e) => {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "md") {
                    paths.push(p);
                }
            }
            Err(e) => {
                crate::logboek::schrijf(&format!("kennisbank-map {} lezen: {e}", dir.display()));
                unreadable.push(fout(
                    &dir.display().to_string(),
                    1,
                    "een bestand in de map kan niet worden opgesomd (zie het logboek)",
                ));
            }
        }
    }
    paths.sort();
    let mut files = Vec::new();
    let mut totaal: u64 = 0;
    for (n, p) in paths.iter().enumerate() {
        let naam = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if n >= MAX_BESTANDEN {
            unreadable.push(fout(
                &naam,
                1,
                format!(
                    "niet gelezen: de map heeft {} artikelen; hoogstens {MAX_BESTANDEN} kunnen",
                    paths.len()
                ),
            ));
            continue;
        }
        match crate::bestand::lees_tekst(p, MAX_ARTIKEL_BYTES) {
            Ok(t) if totaal.saturating_add(t.len() as u64) > MAX_TOTAAL_BYTES => {
                unreadable.push(fout(
                    &naam,
                    1,
                    format!(
                        "niet gelezen: de artikelen samen zijn groter dan {} MiB",
                        MAX_TOTAAL_BYTES / (1024 * 1024)
                    ),
                ));
            }
            Ok(t) => {
                totaal = totaal.saturating_add(t.len() as u64);
                files.push((naam, t));
            }
            Err(f) => unreadable.push(fout(&naam, f.regel.max(1), f.melding)),
        }
    }
    let geweigerd: Vec<String> = unreadable.iter().map(|f| f.bestand.clone()).collect();
    let mut kb = laad_zonder(&files, &geweigerd);
    kb.fouten.extend(unreadable);
    Ok(kb)
}

#[cfg(test)]
mod tests;

/// Test fixtures shared with the desk's UI tests (the `test-support` feature).
#[cfg(any(test, feature = "test-support"))]
pub mod tests_support {
    /// A small, valid beslisboom.
    pub const GOEDE_BOOM: &str = "[[knoop]]\nid = \"a\"\nvraag = \"Waarheen?\"\nkeuzes = [\n  { tekst = \"Binnen\", naar = \"b\" },\n  { tekst = \"Buitenland\", afhandeling = \"Uitschrijven via de snelbalie\" },\n]\n\n[[knoop]]\nid = \"b\"\nvraag = \"Wanneer?\"\nkeuzes = [\n  { tekst = \"Binnenkort\", artikel = \"paspoort\" },\n  { tekst = \"Later\", afhandeling = \"Terugbellen\" },\n]\n";
}
