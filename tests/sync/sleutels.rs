//! Contact details keyed by their natural key (issue 18 item 2), through the real server: two
//! desks adding the same number offline keep one record, different numbers are both kept with
//! the newest shown everywhere, and a correction ends the old number on every desk.

use crate::common::{Desk, init, rt, server_tel};
use crate::pg::Pg;
use chrono::{DateTime, Duration, TimeZone, Utc};
use loket::store::klanten::wijzig_contact;

fn minuut(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap() + Duration::minutes(n)
}

#[test]
fn contact_details_added_on_two_desks_offline_converge_on_their_natural_key() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    rt().block_on(async {
        init(&url).await;
        let klant = loket::store::klanten::nieuwe_klant(
            &mut a.store(),
            loket::domain::klant::NieuwePartij {
                meta: loket::domain::RecordMeta::new(minuut(0), a.id),
                voornamen: "Eva".into(),
                voorvoegsel_achternaam: String::new(),
                achternaam: "Bakker".into(),
                zoeknaam: "bakker".into(),
            },
            ["", "eva@voorbeeld.nl"],
            minuut(0),
        )
        .unwrap();
        a.ronde(&url).await.unwrap();
        b.ronde(&url).await.unwrap();
        let live_tel = |d: &Desk| {
            d.tel(&format!(
                "SELECT count(*) FROM digitaal_adres WHERE partij_id = '{klant}'
                   AND soort_digitaal_adres = 'telefoonnummer' AND deleted = 0"
            ))
        };
        let server_live = || {
            server_tel(
                &url,
                "SELECT count(*) FROM loket_record WHERE tabel = 'digitaal_adres'
                   AND payload->>'soort_digitaal_adres' = 'telefoonnummer'
                   AND payload->>'deleted' = '0'",
            )
        };
        // Both offline add the same number, typed differently: one record.
        wijzig_contact(
            &mut a.store(),
            klant,
            ["06-12 34 56 78", "eva@voorbeeld.nl"],
            minuut(1),
        )
        .unwrap();
        wijzig_contact(
            &mut b.store(),
            klant,
            ["+31612345678", "eva@voorbeeld.nl"],
            minuut(2),
        )
        .unwrap();
        for _ in 0..2 {
            a.ronde(&url).await.unwrap();
            b.ronde(&url).await.unwrap();
        }
        assert_eq!((live_tel(&a), live_tel(&b), server_live().await), (1, 1, 1));

        // Different numbers offline: both kept, B's (the newer) shown on both desks.
        wijzig_contact(
            &mut b.store(),
            klant,
            ["0622222222", "eva@voorbeeld.nl"],
            minuut(4),
        )
        .unwrap();
        wijzig_contact(
            &mut a.store(),
            klant,
            ["0611111111", "eva@voorbeeld.nl"],
            minuut(3),
        )
        .unwrap();
        for _ in 0..2 {
            a.ronde(&url).await.unwrap();
            b.ronde(&url).await.unwrap();
        }
        let getoond = |d: &Desk| {
            loket::store::lookup::klantbeeld(d.store().conn(), klant)
                .unwrap()
                .unwrap()
                .telefoon()
                .map(String::from)
        };
        assert_eq!((live_tel(&a), live_tel(&b), server_live().await), (2, 2, 2));
        assert_eq!(getoond(&a).as_deref(), Some("0622222222"));
        assert_eq!(getoond(&b).as_deref(), Some("0622222222"));

        // A corrects the one shown: it is ended everywhere, the new one shown everywhere.
        wijzig_contact(
            &mut a.store(),
            klant,
            ["0633333333", "eva@voorbeeld.nl"],
            minuut(5),
        )
        .unwrap();
        a.ronde(&url).await.unwrap();
        b.ronde(&url).await.unwrap();
        for d in [&a, &b] {
            assert_eq!(getoond(d).as_deref(), Some("0633333333"));
            assert_eq!(
                d.tel(&format!(
                    "SELECT count(*) FROM digitaal_adres WHERE partij_id = '{klant}'
                       AND adres = '0622222222' AND deleted = 1"
                )),
                1
            );
        }
        assert_eq!((live_tel(&a), live_tel(&b), server_live().await), (2, 2, 2));
    });
}
