//! Burgerservicenummer (BSN): 9 digits that pass the elfproef.

/// Weights of the BSN elfproef: positions 1..8 weigh 9..2, the last digit weighs -1.
const WEIGHTS: [i32; 9] = [9, 8, 7, 6, 5, 4, 3, 2, -1];

/// True when `s` is exactly nine ASCII digits that pass the elfproef
/// (weighted sum divisible by 11, and not all zeros).
pub fn is_valid(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.len() != 9 || !bytes.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: i32 = bytes
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| i32::from(b - b'0') * w)
        .sum();
    sum != 0 && sum % 11 == 0
}

/// The last digit that makes `first8` (eight digits) a valid BSN, if one exists.
/// Returns `None` when the weighted sum would need a check digit of 10.
pub fn check_digit(first8: &str) -> Option<u8> {
    let bytes = first8.as_bytes();
    if bytes.len() != 8 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: i32 = bytes
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| i32::from(b - b'0') * w)
        .sum();
    let digit = sum % 11;
    (digit < 10).then_some(digit as u8)
}

/// The masked form shown on screen until the agent reveals it: `*****1234`.
pub fn mask(bsn: &str) -> String {
    let n = bsn.chars().count();
    let keep: String = bsn.chars().skip(n.saturating_sub(4)).collect();
    format!("{}{}", "*".repeat(n.saturating_sub(4)), keep)
}

/// True for numbers in the range the BRP reserves for testing (starting 9999).
pub fn is_test_number(s: &str) -> bool {
    is_valid(s) && s.starts_with("9999")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_valid_numbers_pass() {
        // 9*(9+8+7+6+5+4+3+2) - 0 = 396 = 11 * 36
        assert!(is_valid("999999990"));
        assert!(is_valid("111222333"));
        assert!(is_valid("123456782"));
    }

    #[test]
    fn wrong_numbers_fail() {
        assert!(!is_valid("123456789"));
        assert!(!is_valid("111222334"));
        assert!(!is_valid("000000000"), "all zeros is not a BSN");
        assert!(!is_valid("12345678"), "too short");
        assert!(!is_valid("1234567820"), "too long");
        assert!(!is_valid("12345678a"));
        assert!(!is_valid(""));
    }

    #[test]
    fn check_digit_completes_a_valid_number() {
        for first8 in ["99990001", "99991234", "12345678", "11122233"] {
            if let Some(d) = check_digit(first8) {
                let full = format!("{first8}{d}");
                assert!(is_valid(&full), "{full} should be valid");
                // every other last digit is invalid
                for other in 0..10u8 {
                    if other != d {
                        assert!(!is_valid(&format!("{first8}{other}")));
                    }
                }
            } else {
                for other in 0..10u8 {
                    assert!(!is_valid(&format!("{first8}{other}")));
                }
            }
        }
    }

    #[test]
    fn mask_keeps_last_four() {
        assert_eq!(mask("999912345"), "*****2345");
        assert_eq!(mask("12"), "12");
    }

    #[test]
    fn test_range() {
        let d = check_digit("99990001").map(|d| format!("99990001{d}"));
        if let Some(n) = d {
            assert!(is_test_number(&n));
        }
        assert!(!is_test_number("123456782"));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every 8-digit prefix has at most one valid completion, and check_digit finds it.
        #[test]
        fn check_digit_is_the_only_valid_completion(first8 in "[0-9]{8}") {
            let valid: Vec<u8> = (0..10u8).filter(|d| is_valid(&format!("{first8}{d}"))).collect();
            match check_digit(&first8) {
                Some(d) if first8 != "00000000" => prop_assert_eq!(valid, vec![d]),
                _ => prop_assert!(valid.is_empty() || first8 == "00000000"),
            }
        }

        /// Changing any one digit of a valid BSN makes it invalid (the elfproef catches every
        /// single-digit typo).
        #[test]
        fn a_single_digit_typo_is_always_caught(first8 in "[1-9][0-9]{7}", pos in 0usize..9, delta in 1u8..10) {
            if let Some(d) = check_digit(&first8) {
                let good = format!("{first8}{d}");
                prop_assume!(is_valid(&good));
                let mut bytes = good.into_bytes();
                bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
                let typo = String::from_utf8(bytes).unwrap();
                prop_assert!(!is_valid(&typo), "{} passed", typo);
            }
        }

        /// Anything that is not nine digits is never valid.
        #[test]
        fn only_nine_digits_can_be_valid(s in "\\PC{0,12}") {
            if is_valid(&s) {
                prop_assert!(s.len() == 9 && s.bytes().all(|b| b.is_ascii_digit()));
            }
        }
    }
}
