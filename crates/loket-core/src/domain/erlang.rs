//! Erlang C: how many agents a telephone queue needs for its service level. Computed through the
//! Erlang B recursion (B(0) = 1, B(k) = A·B(k-1) / (k + A·B(k-1))), which never forms a factorial
//! or a power, so it stays exact enough at hundreds of agents.

/// Offered traffic in Erlangs: calls per hour times the average handling time.
pub fn verkeer(oproepen_per_uur: f64, aht_s: f64) -> f64 {
    oproepen_per_uur * aht_s / 3600.0
}

/// The probability that a caller has to wait, with `agents` agents and `a` Erlangs of traffic.
/// 1 when the agents cannot carry the traffic (the queue only grows).
pub fn kans_wachten(agents: u32, a: f64) -> f64 {
    if a <= 0.0 {
        return 0.0;
    }
    if f64::from(agents) <= a {
        return 1.0;
    }
    let mut b = 1.0;
    for k in 1..=agents {
        b = a * b / (f64::from(k) + a * b);
    }
    let n = f64::from(agents);
    n * b / (n - a * (1.0 - b))
}

/// The share of callers answered within `norm_s` seconds.
pub fn servicelevel(agents: u32, a: f64, aht_s: f64, norm_s: f64) -> f64 {
    if a <= 0.0 {
        return 1.0;
    }
    let pw = kans_wachten(agents, a);
    if pw >= 1.0 {
        return 0.0;
    }
    (1.0 - pw * (-(f64::from(agents) - a) * norm_s / aht_s).exp()).clamp(0.0, 1.0)
}

/// Average speed of answer in seconds (infinite when the agents cannot carry the traffic).
pub fn gemiddelde_wachttijd(agents: u32, a: f64, aht_s: f64) -> f64 {
    let pw = kans_wachten(agents, a);
    if pw >= 1.0 {
        return f64::INFINITY;
    }
    pw * aht_s / (f64::from(agents) - a)
}

/// The fewest agents that answer `doel` (0..1) of the callers within `norm_s` seconds, at
/// `oproepen_per_uur` calls per hour of `aht_s` seconds each (at most 2,000 agents).
pub fn benodigde_agents(oproepen_per_uur: f64, aht_s: f64, norm_s: f64, doel: f64) -> u32 {
    let a = verkeer(oproepen_per_uur, aht_s);
    if a <= 0.0 {
        return 0;
    }
    let mut n = a.floor() as u32 + 1;
    while n < 2000 && servicelevel(n, a, aht_s, norm_s) < doel {
        n += 1;
    }
    n
}

/// Staffing advice: the agents the last half hour's arrivals need for the norm, against those
/// logged in now. Positive: agents short.
pub fn advies(
    binnen_30_min: u32,
    aht_s: f64,
    norm_s: f64,
    doel: f64,
    aangemeld: u32,
) -> (u32, i64) {
    let nodig = benodigde_agents(f64::from(binnen_30_min) * 2.0, aht_s, norm_s, doel);
    (nodig, i64::from(nodig) - i64::from(aangemeld))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dicht(x: f64, y: f64, eps: f64) -> bool {
        (x - y).abs() < eps
    }

    /// The worked example used in call centre handbooks (e.g. Call Centre Helper's "Erlang C
    /// formula made simple"): 100 calls in half an hour of 180 s each is 10 Erlangs; target 80%
    /// within 20 s.
    #[test]
    fn the_handbook_example_of_ten_erlangs() {
        let a = verkeer(200.0, 180.0);
        assert!(dicht(a, 10.0, 1e-12));
        assert!(dicht(kans_wachten(11, a), 0.6821, 5e-5));
        assert!(dicht(servicelevel(11, a, 180.0, 20.0), 0.3896, 5e-4));
        assert!(dicht(servicelevel(13, a, 180.0, 20.0), 0.7956, 5e-4));
        assert!(dicht(servicelevel(14, a, 180.0, 20.0), 0.8884, 5e-4));
        assert!(dicht(gemiddelde_wachttijd(14, a, 180.0), 7.84, 0.01));
        // 13 agents miss 80% by a hair; 14 is the answer.
        assert_eq!(benodigde_agents(200.0, 180.0, 20.0, 0.8), 14);
    }

    #[test]
    fn the_advice_compares_with_who_is_logged_in() {
        // 100 calls in the last half hour of 180 s: 10 Erlangs, 14 needed for 80% in 20 s.
        assert_eq!(advies(100, 180.0, 20.0, 0.8, 12), (14, 2));
        assert_eq!(advies(100, 180.0, 20.0, 0.8, 15), (14, -1));
        assert_eq!(advies(0, 180.0, 20.0, 0.8, 3), (0, -3));
    }

    #[test]
    fn no_overflow_at_hundreds_of_agents() {
        let pw = kans_wachten(200, 190.0);
        assert!(pw.is_finite() && pw > 0.0 && pw < 1.0, "{pw}");
        assert!(dicht(pw, 0.3653, 5e-4));
        let n = benodigde_agents(4000.0, 180.0, 30.0, 0.8);
        assert!((200..230).contains(&n), "{n}");
    }

    #[test]
    fn too_few_agents_always_wait_and_no_calls_need_no_one() {
        assert_eq!(kans_wachten(10, 10.0), 1.0);
        assert_eq!(servicelevel(5, 10.0, 180.0, 20.0), 0.0);
        assert!(gemiddelde_wachttijd(5, 10.0, 180.0).is_infinite());
        assert_eq!(benodigde_agents(0.0, 180.0, 20.0, 0.8), 0);
    }

    proptest::proptest! {
        #[test]
        fn more_calls_never_need_fewer_agents(
            rate in 1.0f64..3000.0,
            extra in 0.0f64..500.0,
            aht in 30.0f64..900.0,
        ) {
            let n1 = benodigde_agents(rate, aht, 30.0, 0.8);
            let n2 = benodigde_agents(rate + extra, aht, 30.0, 0.8);
            proptest::prop_assert!(n2 >= n1, "{rate}+{extra}: {n1} > {n2}");
        }
    }
}
