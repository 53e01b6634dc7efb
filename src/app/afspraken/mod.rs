//! Booking an afspraak from the klantbeeld: choose one or more diensten, see the next free
//! slots at any suitable plek, pick one, and give the klant the confirmation (with what to
//! bring, from the dienst's kennisbank article).

use crate::app::list_cursor::{ListCursor, Move};
use chrono::{DateTime, Datelike, Local, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use crate::domain::RecordMeta;
use crate::domain::afspraken::{Afspraak, Dienst, Slot, bevestiging, bevestiging_aansluitend};
use crate::domain::klant::KlantAfspraak;

pub mod jobs;
pub mod keys;
mod update;
pub mod view;
pub use update::update;

/// What the afspraak form is told: its keys, and what the store reported (diensten, free slots, booked, refused).
#[derive(Debug, Clone, PartialEq)]
pub enum AfspraakMsg {
    /// Ctrl-O: offer the klant of a refused afspraak the next free time.
    Opnieuw,
    /// In the free times: `b` the next suitable balie, `m` the month view.
    Plek,
    Maand,
    /// In the month view: a day back or on.
    Left,
    Right,
    MaandGeladen(chrono::NaiveDate, Vec<(chrono::NaiveDate, usize)>),
    /// Booking an afspraak for the klant on screen.
    Nieuw,
    Up,
    Down,
    /// PgUp/PgDn/Home/End in the afspraken, diensten or free times.
    Lijst(crate::app::list_cursor::Move),
    Toggle,
    Verder,
    Back,
    /// In the overview of the klant's afspraken: n new, v reschedule, x cancel.
    Nieuwe,
    Verzetten,
    Annuleren,
    Char(char),
    Backspace,
    /// Moving or deleting in the cancel reason (←, →, Home, End, Delete, Ctrl-W).
    Edit(crate::app::text_field::Edit),
    Geannuleerd(Box<crate::domain::afspraken::Afspraak>),
    DienstenGeladen(Vec<crate::domain::afspraken::Dienst>),
    SlotsGevonden(Vec<crate::domain::afspraken::Slot>),
    Geboekt(Box<crate::domain::afspraken::Afspraak>),
    BoekenGeweigerd(String),
}

/// I/O for booking.
#[derive(Debug, Clone, PartialEq)]
pub enum AfspraakEffect {
    ZoekSlots {
        diensten: Vec<String>,
        vanaf: DateTime<Utc>,
        plek: Option<String>,
    },
    /// How many free times each day of the month has (for the month view).
    ZoekMaand {
        diensten: Vec<String>,
        maand: NaiveDate,
        plek: Option<String>,
    },
    /// Book; with `verzet_van` set, the old one becomes "verzet" in the same transaction.
    Boek(Box<Afspraak>),
    /// Diensten no single plek serves together: two afspraken back to back at two plekken,
    /// booked in one transaction (both or neither).
    BoekAansluitend(Box<(Afspraak, Afspraak)>),
    Annuleer {
        id: Uuid,
        reden: String,
    },
}

/// Longest reason for cancelling an afspraak (characters).
const MAX_REDEN: usize = 200;

/// Where the form is.
#[derive(Debug, Clone, PartialEq)]
pub enum Stap {
    /// The klant's coming afspraken: n new, v reschedule, x cancel.
    Overzicht,
    /// Typing why the afspraak under the cursor is cancelled.
    Annuleren {
        reden: crate::app::text_field::TextField,
    },
    /// Choosing diensten (cursor, chosen).
    Diensten,
    /// Waiting for, then choosing from, the free slots.
    Tijden {
        slots: Option<Vec<Slot>>,
        gekozen: ListCursor,
    },
    /// A compact month view: the day under the cursor and the free times per day.
    Maand {
        dag: NaiveDate,
        vrij: Option<Vec<(NaiveDate, usize)>>,
    },
    /// Booked: the confirmation to read out or send.
    Bevestigd(String),
}

/// The first of `dag`'s month.
pub fn maand_van(dag: NaiveDate) -> NaiveDate {
    dag.with_day(1).unwrap_or(dag)
}

#[derive(Debug, Clone, PartialEq)]
pub struct AfspraakForm {
    pub partij_id: Uuid,
    pub klant: String,
    /// The diensten by appointment, with whether they are chosen.
    pub diensten: Vec<(Dienst, bool)>,
    pub cursor: ListCursor,
    pub stap: Stap,
    pub fout: Option<String>,
    pub bezig: bool,
    /// The klant's coming afspraken, and the one under the cursor in the overview.
    pub bestaande: Vec<KlantAfspraak>,
    pub keuze: ListCursor,
    /// Rescheduling this afspraak (id, product).
    pub verzet: Option<(Uuid, String)>,
    /// Every plek with the diensten it serves (to choose a balie).
    pub plekken: Vec<(String, Vec<String>)>,
    /// Only this balie or spreekkamer, when chosen.
    pub plek: Option<String>,
    /// Free times from this day (picked in the month view), else from now.
    pub vanaf: Option<NaiveDate>,
}

impl AfspraakForm {
    pub fn new(
        partij_id: Uuid,
        klant: String,
        diensten: &[Dienst],
        bestaande: Vec<KlantAfspraak>,
        plekken: Vec<(String, Vec<String>)>,
    ) -> AfspraakForm {
        AfspraakForm {
            plekken,
            plek: None,
            vanaf: None,
            stap: if bestaande.is_empty() {
                Stap::Diensten
            } else {
                Stap::Overzicht
            },
            bestaande,
            keuze: ListCursor::new(),
            verzet: None,
            partij_id,
            klant,
            diensten: diensten
                .iter()
                .filter(|d| d.vorm == "afspraak")
                .map(|d| (d.clone(), false))
                .collect(),
            cursor: ListCursor::new(),
            fout: None,
            bezig: false,
        }
    }

    pub fn gekozen(&self) -> Vec<String> {
        self.diensten
            .iter()
            .filter(|(_, g)| *g)
            .map(|(d, _)| d.naam.clone())
            .collect()
    }

    /// The free-slot search for the chosen diensten, balie and day.
    pub fn zoek(&mut self, now: DateTime<Utc>) -> AfspraakEffect {
        self.fout = None;
        self.stap = Stap::Tijden {
            slots: None,
            gekozen: ListCursor::new(),
        };
        let vanaf = self
            .vanaf
            .and_then(|d| {
                Local
                    .from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
                    .earliest()
            })
            .map(|l| l.with_timezone(&Utc))
            .map_or(now, |t| t.max(now));
        AfspraakEffect::ZoekSlots {
            diensten: self.gekozen(),
            vanaf,
            plek: self.plek.clone(),
        }
    }

    /// The balies and spreekkamers that serve every chosen dienst.
    pub fn geschikte_plekken(&self) -> Vec<&str> {
        let gekozen = self.gekozen();
        self.plekken
            .iter()
            .filter(|(_, p)| gekozen.iter().all(|g| p.contains(g)))
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// `b` with the free times shown: the next suitable balie (after the last: any balie).
    pub fn volgende_plek(&mut self, now: DateTime<Utc>) -> Option<AfspraakEffect> {
        if !matches!(self.stap, Stap::Tijden { .. }) || self.bezig {
            return None;
        }
        let geschikt = self.geschikte_plekken();
        let volgende = match &self.plek {
            None => geschikt.first().map(|p| p.to_string()),
            Some(nu) => geschikt
                .iter()
                .position(|p| p == nu)
                .and_then(|i| geschikt.get(i + 1))
                .map(|p| p.to_string()),
        };
        self.plek = volgende;
        Some(self.zoek(now))
    }

    /// `m` with the free times shown: the month view, on the day searched from.
    pub fn maand(&mut self, vandaag: NaiveDate) -> Option<AfspraakEffect> {
        if !matches!(self.stap, Stap::Tijden { .. }) || self.bezig {
            return None;
        }
        let dag = self.vanaf.unwrap_or(vandaag).max(vandaag);
        self.stap = Stap::Maand { dag, vrij: None };
        Some(AfspraakEffect::ZoekMaand {
            diensten: self.gekozen(),
            maand: maand_van(dag),
            plek: self.plek.clone(),
        })
    }

    /// Arrows in the month view: move the day (not before today); a new month is looked up.
    pub fn verschuif(&mut self, dagen: i64, vandaag: NaiveDate) -> Option<AfspraakEffect> {
        let Stap::Maand { dag, vrij } = &mut self.stap else {
            return None;
        };
        let nieuw = (*dag + chrono::Duration::days(dagen)).max(vandaag);
        let andere_maand = maand_van(nieuw) != maand_van(*dag);
        *dag = nieuw;
        if andere_maand {
            *vrij = None;
            return Some(AfspraakEffect::ZoekMaand {
                diensten: self.gekozen(),
                maand: maand_van(nieuw),
                plek: self.plek.clone(),
            });
        }
        None
    }

    /// The month's free times arrived (ignored when the view moved to another month).
    pub fn maand_geladen(&mut self, maand: NaiveDate, per_dag: Vec<(NaiveDate, usize)>) {
        if let Stap::Maand { dag, vrij } = &mut self.stap
            && maand_van(*dag) == maand
        {
            *vrij = Some(per_dag);
        }
    }

    pub fn op(&mut self) {
        self.lijst(Move::Up);
    }

    pub fn neer(&mut self) {
        self.lijst(Move::Down);
    }

    /// A move in the list of this step: the klant's afspraken, the diensten or the free times
    /// (each stops at its ends; the month view moves by day and week instead).
    pub fn lijst(&mut self, mv: Move) {
        match &mut self.stap {
            Stap::Overzicht => {
                self.keuze.apply(mv, self.bestaande.len());
            }
            Stap::Diensten => {
                self.cursor.apply(mv, self.diensten.len());
            }
            Stap::Tijden { gekozen, slots } => {
                gekozen.apply(mv, slots.as_ref().map_or(0, Vec::len));
            }
            Stap::Annuleren { .. } | Stap::Maand { .. } | Stap::Bevestigd(_) => {}
        }
    }

    /// Space: choose or drop the dienst under the cursor.
    pub fn wissel(&mut self) {
        if self.stap == Stap::Diensten
            && let Some(d) = self.cursor.get_mut(&mut self.diensten)
        {
            d.1 = !d.1;
        }
    }

    /// Enter: find slots (the dienst under the cursor when none is chosen), or book the chosen
    /// slot.
    pub fn verder(
        &mut self,
        now: DateTime<Utc>,
        desk: Uuid,
        medewerker: Option<Uuid>,
        meenemen: &dyn Fn(&str) -> Vec<String>,
    ) -> Option<AfspraakEffect> {
        if self.bezig {
            return None;
        }
        match &self.stap {
            Stap::Overzicht => {
                self.stap = Stap::Diensten;
                None
            }
            Stap::Annuleren { reden } => {
                if reden.trim().is_empty() {
                    self.fout = Some("Geef een reden voor het annuleren.".into());
                    return None;
                }
                let id = self.keuze.get(&self.bestaande)?.id;
                self.fout = None;
                self.bezig = true;
                Some(AfspraakEffect::Annuleer {
                    id,
                    reden: reden.trim().to_string(),
                })
            }
            Stap::Diensten => {
                if self.gekozen().is_empty()
                    && let Some(d) = self.cursor.get_mut(&mut self.diensten)
                {
                    d.1 = true;
                }
                let diensten = self.gekozen();
                if diensten.is_empty() {
                    self.fout = Some("Er zijn geen diensten op afspraak.".into());
                    return None;
                }
                self.fout = None;
                Some(self.zoek(now))
            }
            Stap::Maand { dag, .. } => {
                self.vanaf = Some(*dag);
                Some(self.zoek(now))
            }
            Stap::Tijden {
                slots: Some(slots),
                gekozen,
            } => {
                let slot = gekozen.get(slots)?.clone();
                let naar_utc = |t: chrono::NaiveDateTime| {
                    Local
                        .from_local_datetime(&t)
                        .earliest()
                        .map(|l| l.with_timezone(&Utc))
                };
                let (Some(begin), Some(eind)) = (naar_utc(slot.begin), naar_utc(slot.eind)) else {
                    self.fout =
                        Some("Dit tijdstip bestaat niet (zomertijd); kies een ander.".into());
                    return None;
                };
                let producten = self.gekozen();
                let mee: Vec<String> = producten.iter().flat_map(|p| meenemen(p)).collect();
                if let Some(twee) = slot.aansluitend.as_deref() {
                    if self.verzet.is_some() {
                        self.fout = Some(
                            "Verzetten naar twee plekken kan niet: annuleer deze afspraak en boek opnieuw."
                                .into(),
                        );
                        return None;
                    }
                    let (Some(b2), Some(e2)) = (naar_utc(twee.begin), naar_utc(twee.eind)) else {
                        self.fout =
                            Some("Dit tijdstip bestaat niet (zomertijd); kies een ander.".into());
                        return None;
                    };
                    let tekst = bevestiging_aansluitend(slot.begin, &slot.plek, twee, &mee);
                    let deel = |plek: &str, producten: &[String], begin, eind| Afspraak {
                        meta: RecordMeta::new(now, desk),
                        partij_id: Some(self.partij_id),
                        product: producten.join(" + "),
                        locatie: plek.to_string(),
                        medewerker_id: medewerker,
                        begin_op: begin,
                        eind_op: eind,
                        status: "gepland".into(),
                        bevestiging: Some(tekst.clone()),
                        reden: None,
                        verzet_van: None,
                    };
                    self.bezig = true;
                    return Some(AfspraakEffect::BoekAansluitend(Box::new((
                        deel(&slot.plek, &twee.eerst, begin, eind),
                        deel(&twee.plek, &twee.daarna, b2, e2),
                    ))));
                }
                self.bezig = true;
                Some(AfspraakEffect::Boek(Box::new(Afspraak {
                    meta: RecordMeta::new(now, desk),
                    partij_id: Some(self.partij_id),
                    product: producten.join(" + "),
                    locatie: slot.plek.clone(),
                    medewerker_id: medewerker,
                    begin_op: begin,
                    eind_op: eind,
                    status: "gepland".into(),
                    bevestiging: Some(bevestiging(slot.begin, &slot.plek, &producten, &mee)),
                    reden: None,
                    verzet_van: self.verzet.as_ref().map(|(id, _)| *id),
                })))
            }
            _ => None,
        }
    }

    /// Esc: one step back; None when the form should close.
    pub fn terug(mut self) -> Option<AfspraakForm> {
        match self.stap {
            Stap::Tijden { .. } if self.bezig => Some(self),
            Stap::Maand { .. } => {
                self.stap = Stap::Tijden {
                    slots: None,
                    gekozen: ListCursor::new(),
                };
                Some(self)
            }
            Stap::Tijden { .. } if self.verzet.is_some() => {
                self.verzet = None;
                self.stap = Stap::Overzicht;
                Some(self)
            }
            Stap::Tijden { .. } => {
                self.stap = Stap::Diensten;
                self.plek = None;
                self.vanaf = None;
                Some(self)
            }
            Stap::Annuleren { .. } => {
                self.stap = Stap::Overzicht;
                Some(self)
            }
            Stap::Diensten if !self.bestaande.is_empty() => {
                self.stap = Stap::Overzicht;
                Some(self)
            }
            _ => None,
        }
    }

    /// In the overview: `n` a new afspraak.
    pub fn nieuw(&mut self) {
        if self.stap == Stap::Overzicht {
            self.verzet = None;
            self.stap = Stap::Diensten;
        }
    }

    /// In the overview: `v` reschedule the afspraak under the cursor: the free slots for the
    /// same diensten.
    pub fn verzetten(&mut self, now: DateTime<Utc>) -> Option<AfspraakEffect> {
        if self.stap != Stap::Overzicht {
            return None;
        }
        let a = self.keuze.get(&self.bestaande)?.clone();
        let producten: Vec<String> = a.product.split(" + ").map(String::from).collect();
        for (d, g) in self.diensten.iter_mut() {
            *g = producten.contains(&d.naam);
        }
        self.verzet = Some((a.id, a.product));
        Some(self.zoek(now))
    }

    /// In the overview: `x` cancel the afspraak under the cursor (a reason is asked).
    pub fn annuleren(&mut self) {
        if self.stap == Stap::Overzicht && !self.bestaande.is_empty() {
            self.stap = Stap::Annuleren {
                reden: Default::default(),
            };
        }
    }

    pub fn typ(&mut self, c: char) {
        if let Stap::Annuleren { reden } = &mut self.stap {
            reden.insert(c, MAX_REDEN);
        }
    }

    pub fn wis(&mut self) {
        if let Stap::Annuleren { reden } = &mut self.stap {
            reden.backspace();
        }
    }

    /// ←/→/Home/End/Delete/Ctrl-W in the cancel reason.
    pub fn bewerk(&mut self, e: crate::app::text_field::Edit) {
        if let Stap::Annuleren { reden } = &mut self.stap {
            reden.edit(e);
        }
    }
}
