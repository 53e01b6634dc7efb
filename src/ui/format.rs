//! Dutch formatting of numbers, dates and times for the screen.

use chrono::{DateTime, Datelike, Local, Timelike, Weekday};

/// A text field in focus: its text with the cursor drawn where it is.
pub fn met_cursor(veld: &crate::app::text_field::TextField) -> String {
    let (voor, na) = veld.split_at_cursor();
    format!("{voor}▏{na}")
}

/// 2000 -> "2.000", as Dutch writes numbers.
pub fn getal(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

pub fn weekdag_kort(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "ma",
        Weekday::Tue => "di",
        Weekday::Wed => "wo",
        Weekday::Thu => "do",
        Weekday::Fri => "vr",
        Weekday::Sat => "za",
        Weekday::Sun => "zo",
    }
}

const MAANDEN: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// "november 2026"
pub fn maand(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!(
        "{} {}",
        crate::domain::afspraken::MAANDEN[d.month0() as usize],
        d.year()
    )
}

/// "ma 23 nov 19:45:12"
pub fn klok(t: DateTime<Local>) -> String {
    format!(
        "{} {} {} {:02}:{:02}:{:02}",
        weekdag_kort(t.weekday()),
        t.day(),
        MAANDEN[t.month0() as usize],
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn numbers_get_dutch_thousands_separators() {
        assert_eq!(getal(0), "0");
        assert_eq!(getal(999), "999");
        assert_eq!(getal(2000), "2.000");
        assert_eq!(getal(1_000_000), "1.000.000");
        assert_eq!(getal(-12345), "-12.345");
    }

    #[test]
    fn clock_is_dutch() {
        let t = Local.with_ymd_and_hms(2026, 11, 23, 9, 5, 7).unwrap();
        assert_eq!(klok(t), "ma 23 nov 09:05:07");
    }
}

/// `tekst` in lines of at most `breedte` characters, broken between words (a word longer than
/// a line is cut). An empty line stays one empty line.
pub fn wrap(tekst: &str, breedte: usize) -> Vec<String> {
    // A line holds at least one character (a zero-width area would never end).
    let breedte = breedte.max(1);
    let mut uit = Vec::new();
    let mut regel = String::new();
    for woord in tekst.split_whitespace() {
        let mut woord: String = woord.to_string();
        while woord.chars().count() > breedte {
            if !regel.is_empty() {
                uit.push(std::mem::take(&mut regel));
            }
            let kop: String = woord.chars().take(breedte).collect();
            woord = woord.chars().skip(breedte).collect();
            uit.push(kop);
        }
        let nodig = regel.chars().count() + usize::from(!regel.is_empty()) + woord.chars().count();
        if nodig > breedte && !regel.is_empty() {
            uit.push(std::mem::take(&mut regel));
        }
        if !regel.is_empty() {
            regel.push(' ');
        }
        regel.push_str(&woord);
    }
    if !regel.is_empty() || uit.is_empty() {
        uit.push(regel);
    }
    uit
}

#[cfg(test)]
mod wrap_tests {
    #[test]
    fn words_are_kept_whole_and_lines_stay_within_the_width() {
        assert_eq!(super::wrap("", 10), vec![String::new()]);
        assert_eq!(
            super::wrap("Altijd op afspraak bij de balie", 12),
            vec!["Altijd op", "afspraak bij", "de balie"]
        );
        assert_eq!(super::wrap("abcdefghijkl", 5), vec!["abcde", "fghij", "kl"]);
    }
}
