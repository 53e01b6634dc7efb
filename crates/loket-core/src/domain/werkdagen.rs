//! Werkdagen: weekdays that are not Dutch public holidays (feestdagen) or local closing days.
//! Service norms (terugbellen binnen 1 werkdag, e-mail binnen 3 werkdagen) count in these.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Which optional days the municipality is closed. Defaults follow most Dutch municipalities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sluitingsdagen {
    /// Closed on Goede Vrijdag.
    pub goede_vrijdag: bool,
    /// Closed on Bevrijdingsdag (5 May) every year; when false only in lustrum years (2025, 2030, ...).
    pub bevrijdingsdag_jaarlijks: bool,
    /// Closed on the Friday after Hemelvaartsdag.
    pub vrijdag_na_hemelvaart: bool,
    /// Extra local closing days.
    pub extra: Vec<NaiveDate>,
}

impl Default for Sluitingsdagen {
    fn default() -> Self {
        Sluitingsdagen {
            goede_vrijdag: true,
            bevrijdingsdag_jaarlijks: false,
            vrijdag_na_hemelvaart: true,
            extra: Vec::new(),
        }
    }
}

/// Easter Sunday (Gregorian calendar, anonymous algorithm / Meeus-Jones-Butcher).
pub fn eerste_paasdag(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("computus gives a valid date")
}

/// The name of the public holiday or closing day on `date`, if it is one.
pub fn feestdag(date: NaiveDate, sluiting: &Sluitingsdagen) -> Option<&'static str> {
    let year = date.year();
    let pasen = eerste_paasdag(year);
    let md = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("fixed date exists");
    let koningsdag = if md(4, 27).weekday() == Weekday::Sun {
        md(4, 26)
    } else {
        md(4, 27)
    };
    let hemelvaart = pasen + Duration::days(39);
    let fixed: [(NaiveDate, &'static str); 9] = [
        (md(1, 1), "Nieuwjaarsdag"),
        (pasen, "Eerste Paasdag"),
        (pasen + Duration::days(1), "Tweede Paasdag"),
        (koningsdag, "Koningsdag"),
        (hemelvaart, "Hemelvaartsdag"),
        (pasen + Duration::days(49), "Eerste Pinksterdag"),
        (pasen + Duration::days(50), "Tweede Pinksterdag"),
        (md(12, 25), "Eerste Kerstdag"),
        (md(12, 26), "Tweede Kerstdag"),
    ];
    if let Some((_, name)) = fixed.iter().find(|(d, _)| *d == date) {
        return Some(name);
    }
    if sluiting.goede_vrijdag && date == pasen - Duration::days(2) {
        return Some("Goede Vrijdag");
    }
    if date == md(5, 5) && (sluiting.bevrijdingsdag_jaarlijks || year % 5 == 0) {
        return Some("Bevrijdingsdag");
    }
    if sluiting.vrijdag_na_hemelvaart && date == hemelvaart + Duration::days(1) {
        return Some("Vrijdag na Hemelvaart");
    }
    if sluiting.extra.contains(&date) {
        return Some("Sluitingsdag");
    }
    None
}

/// True when the municipality is open on `date`: a weekday that is no feestdag or closing day.
pub fn is_werkdag(date: NaiveDate, sluiting: &Sluitingsdagen) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && feestdag(date, sluiting).is_none()
}

/// The date `n` werkdagen after `date` (n = 0 gives `date` itself when it is a werkdag, else the next one).
pub fn plus_werkdagen(date: NaiveDate, n: u32, sluiting: &Sluitingsdagen) -> NaiveDate {
    let mut d = date;
    while !is_werkdag(d, sluiting) {
        d += Duration::days(1);
    }
    let mut left = n;
    while left > 0 {
        d += Duration::days(1);
        if is_werkdag(d, sluiting) {
            left -= 1;
        }
    }
    d
}

/// The date `n` werkdagen before `date` (n = 0 gives `date` itself).
pub fn min_werkdagen(date: NaiveDate, n: u32, sluiting: &Sluitingsdagen) -> NaiveDate {
    let mut d = date;
    let mut left = n;
    while left > 0 {
        d -= Duration::days(1);
        if is_werkdag(d, sluiting) {
            left -= 1;
        }
    }
    d
}

/// Werkdagen strictly after `from` up to and including `to` (0 when `to <= from`).
pub fn werkdagen_tussen(from: NaiveDate, to: NaiveDate, sluiting: &Sluitingsdagen) -> u32 {
    let mut n = 0;
    let mut d = from;
    while d < to {
        d += Duration::days(1);
        if is_werkdag(d, sluiting) {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_in_werkdagen_skips_weekends_and_feestdagen() {
        let s = Sluitingsdagen::default();
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        // Tuesday 2026-11-24: one werkdag back is Monday, two is the Friday before.
        assert_eq!(min_werkdagen(d(2026, 11, 24), 0, &s), d(2026, 11, 24));
        assert_eq!(min_werkdagen(d(2026, 11, 24), 1, &s), d(2026, 11, 23));
        assert_eq!(min_werkdagen(d(2026, 11, 24), 2, &s), d(2026, 11, 20));
        // Tuesday 2026-04-07: one werkdag back skips Tweede Paasdag and the weekend.
        let terug = min_werkdagen(d(2026, 4, 7), 1, &s);
        assert!(is_werkdag(terug, &s) && terug < d(2026, 4, 6), "{terug}");
        // And counting forward again gives the same number of werkdagen.
        assert_eq!(
            werkdagen_tussen(min_werkdagen(d(2026, 11, 24), 7, &s), d(2026, 11, 24), &s),
            7
        );
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_dates_match_the_calendar() {
        assert_eq!(eerste_paasdag(2024), d(2024, 3, 31));
        assert_eq!(eerste_paasdag(2025), d(2025, 4, 20));
        assert_eq!(eerste_paasdag(2026), d(2026, 4, 5));
        assert_eq!(eerste_paasdag(2027), d(2027, 3, 28));
        assert_eq!(eerste_paasdag(2038), d(2038, 4, 25));
    }

    #[test]
    fn holidays_are_not_werkdagen() {
        let s = Sluitingsdagen::default();
        assert_eq!(feestdag(d(2026, 4, 6), &s), Some("Tweede Paasdag"));
        assert_eq!(feestdag(d(2026, 4, 27), &s), Some("Koningsdag"));
        // 27 April 2025 was a Sunday: Koningsdag moved to Saturday 26 April.
        assert_eq!(feestdag(d(2025, 4, 26), &s), Some("Koningsdag"));
        assert_eq!(feestdag(d(2026, 5, 14), &s), Some("Hemelvaartsdag"));
        assert_eq!(feestdag(d(2026, 5, 15), &s), Some("Vrijdag na Hemelvaart"));
        assert_eq!(feestdag(d(2026, 5, 25), &s), Some("Tweede Pinksterdag"));
        assert!(!is_werkdag(d(2026, 12, 25), &s));
        assert!(is_werkdag(d(2026, 11, 23), &s), "a plain Monday");
        assert!(!is_werkdag(d(2026, 11, 22), &s), "a Sunday");
    }

    #[test]
    fn bevrijdingsdag_only_in_lustrum_years_by_default() {
        let s = Sluitingsdagen::default();
        assert_eq!(feestdag(d(2025, 5, 5), &s), Some("Bevrijdingsdag"));
        assert_eq!(feestdag(d(2026, 5, 5), &s), None);
        let every_year = Sluitingsdagen {
            bevrijdingsdag_jaarlijks: true,
            ..Sluitingsdagen::default()
        };
        assert_eq!(feestdag(d(2026, 5, 5), &every_year), Some("Bevrijdingsdag"));
    }

    #[test]
    fn counting_werkdagen_skips_weekends_and_holidays() {
        let s = Sluitingsdagen::default();
        // Friday 24 Dec 2027 + 1 werkdag: 25/26 are weekend, 27 Monday is a werkdag.
        assert_eq!(plus_werkdagen(d(2027, 12, 24), 1, &s), d(2027, 12, 27));
        // Thursday 2 April 2026 + 1: Goede Vrijdag, weekend, Tweede Paasdag -> Tuesday 7 April.
        assert_eq!(plus_werkdagen(d(2026, 4, 2), 1, &s), d(2026, 4, 7));
        assert_eq!(werkdagen_tussen(d(2026, 4, 2), d(2026, 4, 7), &s), 1);
        assert_eq!(werkdagen_tussen(d(2026, 11, 23), d(2026, 11, 30), &s), 5);
        assert_eq!(werkdagen_tussen(d(2026, 11, 30), d(2026, 11, 23), &s), 0);
    }
}
