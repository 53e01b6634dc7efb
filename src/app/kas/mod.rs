//! The receptie's and balie's own windows in the Klantgeleiding pane: registering a visitor
//! for staff (bezoekersregistratie) and who is in the building; a payment at the till; and the
//! daily cash-up (kasopmaak) with corrections. Plain data and the rules of each form; the store
//! does the writing.

pub mod jobs;
pub mod keys;
pub mod view;

use uuid::Uuid;

use crate::app::list_cursor::{ListCursor, Move};
use crate::app::text_field::{Edit, TextField};

use crate::domain::kas::{Betaling, Methode, Totalen, lees_bedrag};
use crate::domain::klantgeleiding::Bezoeker;
use crate::store::kas::{Kasdag, NieuweBetaling};

/// A visitor for staff: three fields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GastForm {
    pub naam: TextField,
    pub voor_wie: TextField,
    pub bedrijf: TextField,
    pub veld: usize,
    pub fout: Option<String>,
    pub bezig: bool,
}

/// A payment: product, amount, method; for a correction also the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct BetaalForm {
    pub product: TextField,
    pub bedrag: TextField,
    pub methode: Methode,
    pub reden: TextField,
    /// Correcting this payment (id, receipt number).
    pub correctie_van: Option<(Uuid, String)>,
    pub bezoek_id: Option<Uuid>,
    pub partij_id: Option<Uuid>,
    pub veld: usize,
    pub fout: Option<String>,
    pub bezig: bool,
}

/// Today's till at this balie, and the counted cash to close it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KasVenster {
    pub dag: Option<Kasdag>,
    pub geteld: TextField,
    pub selected: ListCursor,
    /// The counted amount was entered: Enter once more closes the day.
    pub bevestigen: Option<i64>,
    pub fout: Option<String>,
    pub bezig: bool,
}

/// The window open over the Klantgeleiding pane.
#[derive(Debug, Clone, PartialEq)]
pub enum Venster {
    Gast(GastForm),
    /// Who is in the building; the selected one can be signed out.
    Gebouw {
        selected: ListCursor,
    },
    Betaling(BetaalForm),
    Kas(KasVenster),
}

/// What a window asks of the store.
#[derive(Debug, Clone, PartialEq)]
pub enum VensterEffect {
    GastBinnen {
        naam: String,
        voor_wie: String,
        bedrijf: Option<String>,
    },
    GastBuiten(Box<Bezoeker>),
    LaadGebouw,
    Betaal(Box<NieuweBetaling>),
    LaadKas,
    SluitKas {
        geteld_cent: i64,
    },
}

impl BetaalForm {
    pub fn new(product: String, bezoek_id: Option<Uuid>, partij_id: Option<Uuid>) -> BetaalForm {
        BetaalForm {
            product: product.into(),
            bedrag: TextField::default(),
            methode: Methode::Pin,
            reden: TextField::default(),
            correctie_van: None,
            bezoek_id,
            partij_id,
            veld: 0,
            fout: None,
            bezig: false,
        }
    }

    /// A correction of `b`: the same product and method, the amount given back, a reason asked.
    pub fn correctie(b: &Betaling) -> BetaalForm {
        let mut f = BetaalForm::new(b.product.clone(), b.bezoek_id, b.partij_id);
        f.methode = b.methode;
        f.bedrag = crate::domain::kas::euro(-b.bedrag_cent)
            .replace("€ ", "")
            .replace('.', "")
            .into();
        f.correctie_van = Some((b.meta.id, b.bonnummer.clone()));
        f.veld = 3;
        f
    }

    pub fn velden(&self) -> usize {
        if self.correctie_van.is_some() { 4 } else { 3 }
    }
}

/// Longest text in a field of these windows (characters).
const MAX_VELD: usize = 80;

impl Venster {
    fn veld_tekst(&mut self) -> Option<&mut TextField> {
        match self {
            Venster::Gast(f) => Some(match f.veld {
                0 => &mut f.naam,
                1 => &mut f.voor_wie,
                _ => &mut f.bedrijf,
            }),
            Venster::Betaling(f) => match f.veld {
                0 => Some(&mut f.product),
                1 => Some(&mut f.bedrag),
                3 => Some(&mut f.reden),
                _ => None,
            },
            Venster::Kas(k) if k.dag.as_ref().is_some_and(|d| d.opmaak.is_none()) => {
                k.bevestigen = None;
                Some(&mut k.geteld)
            }
            _ => None,
        }
    }

    pub fn typ(&mut self, c: char) {
        if let Some(t) = self.veld_tekst() {
            t.insert(c, MAX_VELD);
        }
    }

    pub fn wis(&mut self) {
        if let Some(t) = self.veld_tekst() {
            t.backspace();
        }
    }

    /// Home/End/Delete/Ctrl-W in the field in focus (←/→ switch the payment method here).
    pub fn bewerk(&mut self, e: Edit) {
        if let Some(t) = self.veld_tekst() {
            t.edit(e);
        }
    }

    /// Up/down (and Tab): the previous or next field, or row in a list.
    pub fn beweeg(&mut self, stap: i64, in_gebouw: usize) {
        let nieuw =
            |i: usize, n: usize| (i as i64 + stap).clamp(0, n.saturating_sub(1) as i64) as usize;
        match self {
            Venster::Gast(f) => f.veld = nieuw(f.veld, 3),
            Venster::Betaling(f) => f.veld = nieuw(f.veld, f.velden()),
            Venster::Gebouw { .. } | Venster::Kas(_) => {
                self.lijst(if stap < 0 { Move::Up } else { Move::Down }, in_gebouw)
            }
        }
    }

    /// A move in the building list or the till's payments (both stop at their ends).
    pub fn lijst(&mut self, mv: Move, in_gebouw: usize) {
        match self {
            Venster::Gebouw { selected } => {
                selected.apply(mv, in_gebouw);
            }
            Venster::Kas(k) => {
                let n = k.dag.as_ref().map_or(0, |d| d.betalingen.len());
                k.selected.apply(mv, n);
            }
            Venster::Gast(_) | Venster::Betaling(_) => {}
        }
    }

    /// Left/right: contant or pin.
    pub fn wissel(&mut self) {
        if let Venster::Betaling(f) = self {
            f.methode = f.methode.andere();
        }
    }

    /// Enter: the next field, or save; in the building list sign the selected one out; at the
    /// till ask once, then close the day.
    pub fn enter(
        &mut self,
        in_gebouw: &[Bezoeker],
        balie: &str,
        medewerker: &str,
    ) -> Option<VensterEffect> {
        match self {
            Venster::Gast(f) => {
                if f.bezig {
                    return None;
                }
                // Enter moves to the next field; on the last one it saves.
                if f.veld < 2 {
                    f.veld += 1;
                    return None;
                }
                if f.naam.trim().is_empty() {
                    f.fout = Some("Vul de naam van de bezoeker in.".into());
                    f.veld = 0;
                    return None;
                }
                if f.voor_wie.trim().is_empty() {
                    f.fout = Some("Vul in voor wie de bezoeker komt.".into());
                    f.veld = 1;
                    return None;
                }
                f.fout = None;
                f.bezig = true;
                Some(VensterEffect::GastBinnen {
                    naam: f.naam.trim().to_string(),
                    voor_wie: f.voor_wie.trim().to_string(),
                    bedrijf: Some(f.bedrijf.trim().to_string()).filter(|b| !b.is_empty()),
                })
            }
            Venster::Gebouw { selected } => selected
                .get(in_gebouw)
                .map(|b| VensterEffect::GastBuiten(Box::new(b.clone()))),
            Venster::Betaling(f) => {
                if f.bezig {
                    return None;
                }
                // Enter on the product goes to the amount; from there it books (the method
                // is switched with the arrows on any field).
                if f.veld == 0 {
                    f.veld = 1;
                    return None;
                }
                if f.product.trim().is_empty() {
                    f.fout = Some("Vul het product in.".into());
                    f.veld = 0;
                    return None;
                }
                let bedrag = match lees_bedrag(&f.bedrag) {
                    Ok(b) => b,
                    Err(m) => {
                        f.fout = Some(m);
                        f.veld = 1;
                        return None;
                    }
                };
                if f.correctie_van.is_some() && f.reden.trim().is_empty() {
                    f.fout = Some("Geef een reden voor de correctie.".into());
                    f.veld = 3;
                    return None;
                }
                f.fout = None;
                f.bezig = true;
                Some(VensterEffect::Betaal(Box::new(NieuweBetaling {
                    balie: balie.to_string(),
                    product: f.product.trim().to_string(),
                    bedrag_cent: bedrag,
                    methode: f.methode,
                    medewerker: medewerker.to_string(),
                    bezoek_id: f.bezoek_id,
                    partij_id: f.partij_id,
                    correctie_van: f.correctie_van.as_ref().map(|(id, _)| *id),
                    reden: Some(f.reden.trim().to_string()).filter(|r| !r.is_empty()),
                })))
            }
            Venster::Kas(k) => {
                if k.bezig || k.dag.as_ref().is_none_or(|d| d.opmaak.is_some()) {
                    return None;
                }
                match (k.bevestigen, lees_bedrag(&k.geteld)) {
                    (Some(geteld), _) => {
                        k.bezig = true;
                        Some(VensterEffect::SluitKas {
                            geteld_cent: geteld,
                        })
                    }
                    (None, Ok(geteld)) if geteld >= 0 => {
                        k.fout = None;
                        k.bevestigen = Some(geteld);
                        None
                    }
                    (None, Ok(_)) => {
                        k.fout = Some("Het getelde bedrag kan niet negatief zijn.".into());
                        None
                    }
                    (None, Err(m)) => {
                        k.fout = Some(m);
                        None
                    }
                }
            }
        }
    }
}

impl KasVenster {
    pub fn totalen(&self) -> Totalen {
        self.dag.as_ref().map(Kasdag::totalen).unwrap_or_default()
    }
}

/// What the kas windows are told: a key, or what the store answered.
#[derive(Debug, Clone, PartialEq)]
pub enum KasMsg {
    /// Open a window: g visitor for staff, u who is in the building, b payment, o the till's day.
    Open(VensterSoort),
    Char(char),
    Backspace,
    /// Moving or deleting in the field in focus (Home, End, Delete, Ctrl-W).
    Edit(Edit),
    Up,
    Down,
    /// PgUp/PgDn in the building list or the till's payments.
    Lijst(Move),
    /// Tab: the next field, or the next payment method.
    Toggle,
    Enter,
    /// Correct the selected payment of the open till day.
    Correctie,
    Close,
    GastBinnen(Result<Box<Bezoeker>, String>),
    GastBuiten(Result<Box<Bezoeker>, String>),
    InGebouw(Vec<Bezoeker>),
    Betaald(Result<Box<Betaling>, String>),
    Kasdag(Box<Kasdag>),
    KasGesloten(Result<Box<crate::domain::kas::Kasopmaak>, String>),
}

/// Which window to open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VensterSoort {
    Gast,
    Gebouw,
    Betaling,
    Kas,
}

/// Apply a message of the kas windows.
pub(super) fn update(
    state: &mut super::State,
    ctx: &super::Ctx,
    msg: KasMsg,
    effects: &mut Vec<super::Effect>,
) {
    match msg {
        KasMsg::Open(soort) => {
            let kg = &mut state.klantgeleiding;
            let venster = match soort {
                VensterSoort::Gast => Some(Venster::Gast(Default::default())),
                VensterSoort::Gebouw => Some(Venster::Gebouw {
                    selected: ListCursor::new(),
                }),
                _ if kg.balie.is_none() => {
                    state.notify(
                        "De kas hoort bij een balie: zet naam = \"...\" onder [balie] in config.toml."
                            .into(),
                        true,
                    );
                    None
                }
                VensterSoort::Betaling => {
                    let b = kg.huidig_bezoek();
                    Some(Venster::Betaling(BetaalForm::new(
                        b.map(|b| b.dienst.clone()).unwrap_or_default(),
                        b.map(|b| b.meta.id),
                        b.and_then(|b| b.partij_id),
                    )))
                }
                _ => Some(Venster::Kas(Default::default())),
            };
            if let Some(v) = venster {
                let laad = match &v {
                    Venster::Gebouw { .. } => Some(VensterEffect::LaadGebouw),
                    Venster::Kas(_) => Some(VensterEffect::LaadKas),
                    _ => None,
                };
                state.klantgeleiding.venster = Some(v);
                state.zoomed = true;
                if let Some(e) = laad {
                    effects.push(super::Effect::Venster(e));
                }
            }
        }
        KasMsg::Char(c) => {
            if let Some(v) = state.klantgeleiding.venster.as_mut() {
                v.typ(c);
            }
        }
        KasMsg::Backspace => {
            if let Some(v) = state.klantgeleiding.venster.as_mut() {
                v.wis();
            }
        }
        KasMsg::Edit(e) => {
            if let Some(v) = state.klantgeleiding.venster.as_mut() {
                v.bewerk(e);
            }
        }
        KasMsg::Up | KasMsg::Down => {
            let n = state.klantgeleiding.in_gebouw.len();
            if let Some(v) = state.klantgeleiding.venster.as_mut() {
                v.beweeg(if msg == KasMsg::Up { -1 } else { 1 }, n);
            }
        }
        KasMsg::Lijst(mv) => {
            let n = state.klantgeleiding.in_gebouw.len();
            if let Some(v) = state.klantgeleiding.venster.as_mut() {
                v.lijst(mv, n);
            }
        }
        KasMsg::Toggle => {
            if let Some(v) = state.klantgeleiding.venster.as_mut() {
                v.wissel();
            }
        }
        KasMsg::Enter => {
            let naam = ctx.medewerker_naam().to_string();
            let kg = &mut state.klantgeleiding;
            let balie = kg.balie.clone().unwrap_or_default();
            if let Some(v) = kg.venster.as_mut()
                && let Some(e) = v.enter(&kg.in_gebouw, &balie, &naam)
            {
                effects.push(super::Effect::Venster(e));
            }
        }
        KasMsg::Correctie => {
            let kg = &mut state.klantgeleiding;
            let gekozen = match &kg.venster {
                Some(Venster::Kas(k)) if k.dag.as_ref().is_some_and(|d| d.opmaak.is_none()) => k
                    .dag
                    .as_ref()
                    .and_then(|d| k.selected.get(&d.betalingen))
                    .cloned(),
                Some(Venster::Kas(_)) => {
                    state.notify(
                        "De kasdag is afgesloten; een correctie boekt u op een open dag.".into(),
                        true,
                    );
                    None
                }
                _ => None,
            };
            if let Some(b) = gekozen {
                state.klantgeleiding.venster = Some(Venster::Betaling(BetaalForm::correctie(&b)));
            }
        }
        KasMsg::Close => {
            state.klantgeleiding.venster = None;
            state.zoomed = false;
        }
        KasMsg::GastBinnen(r) => match r {
            Ok(b) => {
                state.klantgeleiding.venster = None;
                state.zoomed = false;
                state.notify(
                    format!("{} is binnen (voor {}).", b.naam, b.voor_wie),
                    false,
                );
                effects.push(super::Effect::Venster(VensterEffect::LaadGebouw));
            }
            Err(m) => {
                if let Some(Venster::Gast(f)) = state.klantgeleiding.venster.as_mut() {
                    f.bezig = false;
                    f.fout = Some(format!("Niet opgeslagen: {m}."));
                }
            }
        },
        KasMsg::GastBuiten(r) => match r {
            Ok(b) => {
                state.notify(format!("{} is vertrokken.", b.naam), false);
                effects.push(super::Effect::Venster(VensterEffect::LaadGebouw));
            }
            Err(m) => state.notify(format!("Niet opgeslagen: {m}."), true),
        },
        KasMsg::InGebouw(v) => {
            let n = v.len();
            state.klantgeleiding.in_gebouw = v;
            if let Some(Venster::Gebouw { selected }) = state.klantgeleiding.venster.as_mut() {
                selected.clamp(n);
            }
        }
        KasMsg::Betaald(r) => match r {
            Ok(b) => {
                state.klantgeleiding.venster = None;
                state.zoomed = false;
                let wat = if b.correctie_van.is_some() {
                    "Correctie geboekt"
                } else {
                    "Betaald"
                };
                state.notify(
                    format!(
                        "{wat}: {} {} ({}). Bon {}.",
                        b.product,
                        crate::domain::kas::euro(b.bedrag_cent),
                        b.methode.as_str(),
                        b.bonnummer
                    ),
                    false,
                );
            }
            Err(m) => {
                if let Some(Venster::Betaling(f)) = state.klantgeleiding.venster.as_mut() {
                    f.bezig = false;
                    f.fout = Some(format!("Niet geboekt: {m}."));
                }
            }
        },
        KasMsg::Kasdag(d) => {
            if let Some(Venster::Kas(k)) = state.klantgeleiding.venster.as_mut() {
                k.selected.clamp(d.betalingen.len());
                k.dag = Some(*d);
                k.bezig = false;
            }
        }
        KasMsg::KasGesloten(r) => match r {
            Ok(k) => {
                state.notify(
                    format!(
                        "Kasdag afgesloten door {}; verschil {}.",
                        k.medewerker,
                        crate::domain::kas::euro(k.verschil_cent)
                    ),
                    false,
                );
                effects.push(super::Effect::Venster(VensterEffect::LaadKas));
            }
            Err(m) => {
                if let Some(Venster::Kas(k)) = state.klantgeleiding.venster.as_mut() {
                    k.bezig = false;
                    k.bevestigen = None;
                    k.fout = Some(format!("Niet afgesloten: {m}."));
                }
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_visitor_form_walks_its_fields_and_names_what_is_missing() {
        let mut v = Venster::Gast(GastForm::default());
        assert_eq!(v.enter(&[], "B", "M"), None);
        let Venster::Gast(f) = &v else { panic!() };
        assert_eq!(f.veld, 1, "Enter on an empty field moves on");
        v.beweeg(-1, 0);
        for c in "Kim Peters".chars() {
            v.typ(c);
        }
        v.beweeg(2, 0);
        for c in "Storingsdienst".chars() {
            v.typ(c);
        }
        assert_eq!(v.enter(&[], "B", "M"), None);
        let Venster::Gast(f) = &v else { panic!() };
        assert_eq!(f.fout.as_deref(), Some("Vul in voor wie de bezoeker komt."));
        assert_eq!(f.veld, 1);
        for c in "Team ICT".chars() {
            v.typ(c);
        }
        assert_eq!(v.enter(&[], "B", "M"), None, "on to Bedrijf");
        assert_eq!(
            v.enter(&[], "B", "M"),
            Some(VensterEffect::GastBinnen {
                naam: "Kim Peters".into(),
                voor_wie: "Team ICT".into(),
                bedrijf: Some("Storingsdienst".into())
            })
        );
    }

    #[test]
    fn a_payment_needs_a_valid_amount_and_a_correction_a_reason() {
        let mut v = Venster::Betaling(BetaalForm::new("Paspoort".into(), None, None));
        v.enter(&[], "Balie 1", "Tess");
        for c in "80,3x".chars() {
            v.typ(c);
        }
        v.wissel();
        assert_eq!(v.enter(&[], "Balie 1", "Tess"), None);
        let Venster::Betaling(f) = &v else { panic!() };
        assert!(
            f.fout.as_deref().unwrap().contains("geen bedrag"),
            "{:?}",
            f.fout
        );
        assert_eq!((f.veld, f.methode), (1, Methode::Contant));
        v.wis();
        v.typ('5');
        let Some(VensterEffect::Betaal(b)) = v.enter(&[], "Balie 1", "Tess") else {
            panic!()
        };
        assert_eq!(
            (
                b.bedrag_cent,
                b.methode,
                b.balie.as_str(),
                b.medewerker.as_str()
            ),
            (8035, Methode::Contant, "Balie 1", "Tess")
        );
        // Correcting it: the amount given back, and a reason asked.
        let betaald = Betaling {
            meta: crate::domain::RecordMeta::new(chrono::Utc::now(), Uuid::nil()),
            balie: "Balie 1".into(),
            dag: chrono::Utc::now().date_naive(),
            volgnummer: 1,
            bonnummer: "BALIE1-20261124-001".into(),
            product: "Paspoort".into(),
            bedrag_cent: 123_456,
            methode: Methode::Pin,
            medewerker: "Tess".into(),
            bezoek_id: None,
            partij_id: None,
            correctie_van: None,
            reden: None,
        };
        let mut v = Venster::Betaling(BetaalForm::correctie(&betaald));
        assert_eq!(v.enter(&[], "Balie 1", "Tess"), None);
        for c in "dubbel aangeslagen".chars() {
            v.typ(c);
        }
        let Some(VensterEffect::Betaal(b)) = v.enter(&[], "Balie 1", "Tess") else {
            panic!()
        };
        assert_eq!(b.bedrag_cent, -123_456);
        assert_eq!(b.correctie_van, Some(betaald.meta.id));
        assert_eq!(b.reden.as_deref(), Some("dubbel aangeslagen"));
    }

    #[test]
    fn closing_the_till_asks_once_more_and_a_closed_day_takes_no_input() {
        let mut v = Venster::Kas(KasVenster {
            dag: Some(Kasdag::default()),
            ..Default::default()
        });
        for c in "-5".chars() {
            v.typ(c);
        }
        assert_eq!(v.enter(&[], "B", "M"), None);
        v.wis();
        v.wis();
        for c in "150,00".chars() {
            v.typ(c);
        }
        assert_eq!(v.enter(&[], "B", "M"), None, "first Enter asks");
        assert_eq!(
            v.enter(&[], "B", "M"),
            Some(VensterEffect::SluitKas { geteld_cent: 15000 })
        );
        let mut gesloten = Venster::Kas(KasVenster {
            dag: Some(Kasdag {
                betalingen: Vec::new(),
                opmaak: Some(crate::domain::kas::Kasopmaak {
                    meta: crate::domain::RecordMeta::new(chrono::Utc::now(), Uuid::nil()),
                    balie: "B".into(),
                    dag: chrono::Utc::now().date_naive(),
                    contant_verwacht_cent: 0,
                    contant_geteld_cent: 0,
                    pin_cent: 0,
                    verschil_cent: 0,
                    betalingen: 0,
                    medewerker: "M".into(),
                    gesloten_op: chrono::Utc::now(),
                }),
            }),
            ..Default::default()
        });
        gesloten.typ('1');
        assert_eq!(gesloten.enter(&[], "B", "M"), None);
        let Venster::Kas(k) = &gesloten else { panic!() };
        assert!(k.geteld.is_empty());
    }
}
