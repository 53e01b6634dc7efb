//! A klant edited at two desks at once (issue 18, item 1): fields merge one by one against the
//! row each desk changed from; when both changed the same field the later edit wins and the
//! losing edit is kept on the server for the desk whose edit it was, never dropped silently.

use chrono::{Duration, Utc};
use loket::domain::RecordMeta;
use loket::domain::klant::NieuwePartij;

use crate::common::*;
use crate::pg::Pg;

fn klant(id: uuid::Uuid, voornamen: &str, achternaam: &str) -> NieuwePartij {
    NieuwePartij {
        meta: RecordMeta {
            id,
            ..RecordMeta::new(Utc::now(), uuid::Uuid::nil())
        },
        voornamen: voornamen.into(),
        voorvoegsel_achternaam: String::new(),
        achternaam: achternaam.into(),
        zoeknaam: achternaam.to_lowercase(),
    }
}

async fn server_veld(url: &str, id: uuid::Uuid, veld: &str) -> String {
    client(url)
        .await
        .query_one(
            "SELECT payload->>$2 FROM loket_record WHERE tabel = 'partij' AND record_id = $1",
            &[&id, &veld],
        )
        .await
        .unwrap()
        .get(0)
}

async fn verloren(url: &str) -> Vec<(uuid::Uuid, String, String, String)> {
    client(url)
        .await
        .query(
            "SELECT desk_id, veld, eigen #>> '{}', winnaar #>> '{}' FROM loket_verloren ORDER BY id",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect()
}

#[test]
fn edits_of_different_fields_both_stay_and_the_same_field_keeps_the_loser_for_its_desk() {
    let Some(pg) = Pg::start() else { return };
    let url = pg.database("loket");
    let a = Desk::new(pg.dir(), "a");
    let b = Desk::new(pg.dir(), "b");
    rt().block_on(async {
        init(&url).await;
        let id = uuid::Uuid::now_v7();
        let t0 = Utc::now();
        a.store().save(&mut klant(id, "Eva", "Bakker"), t0).unwrap();
        a.ronde(&url).await.unwrap();
        b.ronde(&url).await.unwrap();
        // Offline, A corrects the first name, B the surname.
        a.store()
            .save(&mut klant(id, "Eef", "Bakker"), t0 + Duration::seconds(1))
            .unwrap();
        b.store()
            .save(&mut klant(id, "Eva", "de Vries"), t0 + Duration::seconds(2))
            .unwrap();
        b.ronde(&url).await.unwrap();
        let ra = a.ronde(&url).await.unwrap();
        assert!(ra.geweigerd.is_empty());
        b.ronde(&url).await.unwrap();
        assert_eq!(server_veld(&url, id, "voornamen").await, "Eef");
        assert_eq!(server_veld(&url, id, "achternaam").await, "de Vries");
        for d in [&a, &b] {
            assert_eq!(
                d.tel(&format!(
                    "SELECT count(*) FROM partij WHERE id = '{id}' AND voornamen = 'Eef' AND achternaam = 'de Vries'"
                )),
                1,
                "both edits on every desk"
            );
        }
        assert!(verloren(&url).await.is_empty(), "nothing was lost");

        // Both change the surname: B's edit is later and wins, whichever arrives first.
        a.store()
            .save(&mut klant(id, "Eef", "Jansen"), t0 + Duration::seconds(3))
            .unwrap();
        b.store()
            .save(&mut klant(id, "Eef", "Pietersen"), t0 + Duration::seconds(4))
            .unwrap();
        a.ronde(&url).await.unwrap();
        b.ronde(&url).await.unwrap();
        a.ronde(&url).await.unwrap();
        assert_eq!(server_veld(&url, id, "achternaam").await, "Pietersen");
        assert_eq!(
            verloren(&url).await,
            vec![(
                a.id,
                "achternaam".to_string(),
                "Jansen".to_string(),
                "Pietersen".to_string()
            )],
            "A's edit lost (it arrived first, B's replaced it) and is kept for A"
        );
        // The other order: the earlier edit arrives last and loses on arrival.
        b.store()
            .save(&mut klant(id, "Evelien", "Pietersen"), t0 + Duration::seconds(5))
            .unwrap();
        a.store()
            .save(&mut klant(id, "Eveline", "Pietersen"), t0 + Duration::seconds(6))
            .unwrap();
        a.ronde(&url).await.unwrap();
        b.ronde(&url).await.unwrap();
        assert_eq!(server_veld(&url, id, "voornamen").await, "Eveline");
        let v = verloren(&url).await;
        assert_eq!(
            v.last().unwrap(),
            &(
                b.id,
                "voornamen".to_string(),
                "Evelien".to_string(),
                "Eveline".to_string()
            )
        );
        a.ronde(&url).await.unwrap();
        for d in [&a, &b] {
            assert_eq!(
                d.tel(&format!(
                    "SELECT count(*) FROM partij WHERE id = '{id}' AND voornamen = 'Eveline' AND achternaam = 'Pietersen'"
                )),
                1,
                "every desk ends with the server's version"
            );
        }
    });
}
