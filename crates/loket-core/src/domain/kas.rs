//! The till (kas) at a balie: payments with a receipt number, and the daily cash-up
//! (kasopmaak). Amounts are whole cents. A payment is never changed: a mistake is corrected by a
//! new entry that points at it; a closed day takes no more payments.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::RecordMeta;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Methode {
    Contant,
    Pin,
}

impl Methode {
    pub fn as_str(self) -> &'static str {
        match self {
            Methode::Contant => "contant",
            Methode::Pin => "pin",
        }
    }

    pub fn parse(s: &str) -> Option<Methode> {
        match s {
            "contant" => Some(Methode::Contant),
            "pin" => Some(Methode::Pin),
            _ => None,
        }
    }

    pub fn andere(self) -> Methode {
        match self {
            Methode::Contant => Methode::Pin,
            Methode::Pin => Methode::Contant,
        }
    }
}

/// One payment (or correction) at a balie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Betaling {
    pub meta: RecordMeta,
    pub balie: String,
    pub dag: NaiveDate,
    pub volgnummer: i64,
    /// "SNELBALIE1-20261124-003": unique across balies and days.
    pub bonnummer: String,
    pub product: String,
    /// Negative for a correction that gives money back.
    pub bedrag_cent: i64,
    pub methode: Methode,
    /// Who took the payment, by name.
    pub medewerker: String,
    pub bezoek_id: Option<Uuid>,
    pub partij_id: Option<Uuid>,
    /// The payment this entry corrects.
    pub correctie_van: Option<Uuid>,
    pub reden: Option<String>,
}

/// A balie's closed day: what the till should hold, what was counted, signed by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kasopmaak {
    pub meta: RecordMeta,
    pub balie: String,
    pub dag: NaiveDate,
    pub contant_verwacht_cent: i64,
    pub contant_geteld_cent: i64,
    pub pin_cent: i64,
    /// Counted minus expected: negative is a shortage.
    pub verschil_cent: i64,
    pub betalingen: i64,
    pub medewerker: String,
    pub gesloten_op: DateTime<Utc>,
}

/// The day's totals at a balie.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Totalen {
    pub contant_cent: i64,
    pub pin_cent: i64,
    /// Per product: (product, total in cents, number of entries), by product.
    pub per_product: Vec<(String, i64, i64)>,
    pub aantal: i64,
}

impl Totalen {
    /// The totals of `betalingen`. The amounts may come from other desks: sums saturate
    /// instead of overflowing (an absurd amount shows as absurd, it does not crash the desk).
    pub fn van(betalingen: &[Betaling]) -> Totalen {
        let mut t = Totalen::default();
        for b in betalingen {
            match b.methode {
                Methode::Contant => t.contant_cent = t.contant_cent.saturating_add(b.bedrag_cent),
                Methode::Pin => t.pin_cent = t.pin_cent.saturating_add(b.bedrag_cent),
            }
            t.aantal += 1;
            match t.per_product.iter_mut().find(|(p, _, _)| *p == b.product) {
                Some(r) => {
                    r.1 = r.1.saturating_add(b.bedrag_cent);
                    r.2 += 1;
                }
                None => t.per_product.push((b.product.clone(), b.bedrag_cent, 1)),
            }
        }
        t.per_product.sort();
        t
    }
}

/// The receipt number: the balie's letters and digits, the date and a day's sequence number.
pub fn bonnummer(balie: &str, dag: NaiveDate, volgnummer: i64) -> String {
    let code: String = balie
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    format!("{code}-{}-{volgnummer:03}", dag.format("%Y%m%d"))
}

/// "€ 1.234,50", "-€ 5,00".
pub fn euro(cent: i64) -> String {
    let teken = if cent < 0 { "-" } else { "" };
    let c = cent.unsigned_abs();
    let euros = (c / 100).to_string();
    let mut met_punten = String::new();
    for (i, ch) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            met_punten.push('.');
        }
        met_punten.push(ch);
    }
    format!("{teken}€ {met_punten},{:02}", c % 100)
}

/// An amount as typed at the desk: "22,50", "22.50", "22", "€ 7,5", "-5,00". Dutch decimal comma;
/// a dot is read as a decimal point only when followed by one or two digits at the end.
pub fn lees_bedrag(invoer: &str) -> Result<i64, String> {
    let s: String = invoer
        .trim()
        .trim_start_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (negatief, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start_matches('€').to_string()),
        None => (false, s),
    };
    if s.is_empty() {
        return Err("Vul een bedrag in, bijvoorbeeld 22,50.".into());
    }
    let fout = || {
        format!(
            "\"{}\" is geen bedrag; schrijf bijvoorbeeld 22,50.",
            invoer.trim()
        )
    };
    // The decimal separator: a comma, or a dot with one or two digits after it at the end.
    let (heel, frac) = match s.rfind(',') {
        Some(i) => (s[..i].replace('.', ""), &s[i + 1..]),
        None => match s.rfind('.') {
            Some(i) if s.len() - i - 1 <= 2 && s.len() - i > 1 => (s[..i].to_string(), &s[i + 1..]),
            _ => (s.replace('.', ""), ""),
        },
    };
    if heel.is_empty() && frac.is_empty()
        || !heel.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
    {
        return Err(fout());
    }
    let euros: i64 = if heel.is_empty() {
        0
    } else {
        heel.parse().map_err(|_| fout())?
    };
    let centen: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| fout())? * 10,
        _ => frac.parse().map_err(|_| fout())?,
    };
    let bedrag = euros
        .checked_mul(100)
        .and_then(|e| e.checked_add(centen))
        .filter(|b| *b <= 10_000_000)
        .ok_or_else(|| "Dat bedrag is te groot voor de kas.".to_string())?;
    Ok(if negatief { -bedrag } else { bedrag })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_typed_at_the_desk() {
        assert_eq!(lees_bedrag("22,50"), Ok(2250));
        assert_eq!(lees_bedrag("22.50"), Ok(2250));
        assert_eq!(lees_bedrag("€ 7,5"), Ok(750));
        assert_eq!(lees_bedrag("22"), Ok(2200));
        assert_eq!(lees_bedrag("1.234,56"), Ok(123_456));
        assert_eq!(lees_bedrag("1.234"), Ok(123_400), "a thousands dot");
        assert_eq!(lees_bedrag("-5,00"), Ok(-500));
        assert_eq!(lees_bedrag(",50"), Ok(50));
        assert!(lees_bedrag("").is_err());
        assert!(lees_bedrag("abc").is_err());
        assert!(lees_bedrag("1,234").is_err(), "three decimals");
        assert!(lees_bedrag("12,3,4").is_err());
        assert!(lees_bedrag("99999999").is_err(), "too large");
    }

    #[test]
    fn absurd_amounts_from_another_desk_saturate_instead_of_crashing() {
        let b = |cent: i64| Betaling {
            meta: RecordMeta::new(chrono::Utc::now(), uuid::Uuid::nil()),
            balie: "Snelbalie 1".into(),
            dag: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            volgnummer: 1,
            bonnummer: "X".into(),
            product: "Paspoort".into(),
            bedrag_cent: cent,
            methode: Methode::Contant,
            medewerker: "A".into(),
            bezoek_id: None,
            partij_id: None,
            correctie_van: None,
            reden: None,
        };
        let t = Totalen::van(&[b(i64::MAX), b(i64::MAX), b(5)]);
        assert_eq!(t.contant_cent, i64::MAX);
        assert_eq!(t.per_product[0].1, i64::MAX);
        assert!(euro(i64::MIN).starts_with("-€ "));
    }

    #[test]
    fn euros_are_written_the_dutch_way() {
        assert_eq!(euro(2250), "€ 22,50");
        assert_eq!(euro(123_456), "€ 1.234,56");
        assert_eq!(euro(-500), "-€ 5,00");
        assert_eq!(euro(5), "€ 0,05");
    }

    #[test]
    fn receipt_numbers_name_the_balie_and_the_day() {
        let dag = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(bonnummer("Snelbalie 1", dag, 3), "SNELBALIE1-20261124-003");
    }

    #[test]
    fn totals_per_method_and_product_count_corrections() {
        let b = |product: &str, cent: i64, methode: Methode| Betaling {
            meta: RecordMeta::new(Utc::now(), Uuid::nil()),
            balie: "Balie 1".into(),
            dag: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            volgnummer: 1,
            bonnummer: String::new(),
            product: product.into(),
            bedrag_cent: cent,
            methode,
            medewerker: "T".into(),
            bezoek_id: None,
            partij_id: None,
            correctie_van: None,
            reden: None,
        };
        let t = Totalen::van(&[
            b("Paspoort", 8035, Methode::Pin),
            b("Uittreksel", 1530, Methode::Contant),
            b("Paspoort", -8035, Methode::Pin),
            b("Paspoort", 8035, Methode::Contant),
        ]);
        assert_eq!((t.contant_cent, t.pin_cent, t.aantal), (9565, 0, 4));
        assert_eq!(
            t.per_product,
            vec![("Paspoort".into(), 8035, 3), ("Uittreksel".into(), 1530, 1)]
        );
    }
}
