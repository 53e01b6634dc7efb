//! The Meldingen list: its keys in the Wachtrij, what each key does to the chosen entry, its
//! jobs on a real store, and its drawing at 80x24 and large.

use chrono::{Local, TimeZone, Utc};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use serde_json::json;
use uuid::Uuid;

use super::*;
use crate::app::keymap::Mode;
use crate::app::tests::jobs::draai;
use crate::app::tests::{press, ready};
use crate::ui::Theme;
use crate::ui::tests::{render, text};

fn op(minuut: u32) -> DateTime<Utc> {
    Local
        .with_ymd_and_hms(2026, 11, 23, 9, minuut, 0)
        .unwrap()
        .with_timezone(&Utc)
}

const EVA: Uuid = Uuid::from_u128(0xe7a);
const JAN: Uuid = Uuid::from_u128(0x7a9);

fn geweigerd() -> Melding {
    Melding {
        id: 3,
        op: op(31),
        soort: Soort::Geweigerd,
        klant: Some(JAN),
        klant_naam: Some("Jan de Vries".into()),
        klant_telefoon: Some("0612345678".into()),
        tabel: "afspraak".into(),
        record_id: Uuid::from_u128(1).to_string(),
        tekst: "Afspraak Aanvraag rijbewijs op 27-11 10:00 bij Balie 3 niet bevestigd: dubbele \
                boeking: op deze plek is die tijd al door een andere desk geboekt. Bel Jan de \
                Vries (0612345678); Ctrl-O biedt een ander tijdstip aan."
            .into(),
        veld: None,
        eigen: None,
        product: Some("Aanvraag rijbewijs".into()),
        afgehandeld: false,
    }
}

fn verloren() -> Melding {
    Melding {
        id: 5,
        op: op(42),
        soort: Soort::Verloren,
        klant: Some(EVA),
        klant_naam: Some("Eva Bakker".into()),
        klant_telefoon: Some("06-2222".into()),
        tabel: "digitaal_adres".into(),
        record_id: Uuid::from_u128(2).to_string(),
        tekst: "Uw wijziging van het telefoonnummer van Eva Bakker is overschreven door Jan \
                Jansen (andere desk) om 09:42 op 23-11: 06-1111 werd 06-2222."
            .into(),
        veld: Some("adres".into()),
        eigen: Some(json!("06-1111")),
        product: None,
        afgehandeld: false,
    }
}

fn niet_toegepast() -> Melding {
    Melding {
        id: 2,
        op: op(12),
        soort: Soort::NietToegepast,
        klant: None,
        klant_naam: None,
        klant_telefoon: None,
        tabel: "medewerker".into(),
        record_id: Uuid::from_u128(3).to_string(),
        tekst:
            "Een wijziging van een andere desk (medewerker 00000000-0000-0000-0000-000000000003) \
                kon hier niet worden verwerkt: CHECK constraint failed: rol. Deze desk probeert \
                het elke ronde opnieuw; meld het aan de beheerder als het blijft staan."
                .into(),
        veld: None,
        eigen: None,
        product: None,
        afgehandeld: false,
    }
}

fn doe(s: &mut State, m: MeldingMsg) -> Vec<Effect> {
    crate::app::update(s, &Ctx::nu(), msg(m))
}

/// A desk with three open entries, the Wachtrij in focus.
fn desk() -> State {
    let mut s = ready();
    s.focus = Pane::Wachtrij;
    s.overview = Some(crate::store::overview::Overview::default());
    doe(
        &mut s,
        MeldingMsg::Geladen(vec![verloren(), geweigerd(), niet_toegepast()]),
    );
    s
}

fn druk(s: &mut State, c: KeyCode) -> Vec<Effect> {
    press(s, c, KeyModifiers::NONE)
}

fn heeft(effects: &[Effect], e: MeldingEffect) -> bool {
    effects.contains(&Effect::Feature(FeatureEffect::Meldingen(e)))
}

#[test]
fn m_in_the_wachtrij_opens_the_list_and_its_keys_walk_it() {
    let mut s = desk();
    assert_eq!(s.mode(), Mode::Verzoeken);
    let e = druk(&mut s, KeyCode::Char('m'));
    assert_eq!(s.mode(), Mode::Feature(NAAM));
    assert!(heeft(&e, MeldingEffect::Laad), "{e:?}");
    assert_eq!(s.features.meldingen.huidige().map(|r| r.id), Some(5));
    druk(&mut s, KeyCode::Down);
    druk(&mut s, KeyCode::Down);
    druk(&mut s, KeyCode::Down);
    assert_eq!(
        s.features.meldingen.huidige().map(|r| r.id),
        Some(2),
        "stops at the end"
    );
    druk(&mut s, KeyCode::Up);
    assert_eq!(s.features.meldingen.huidige().map(|r| r.id), Some(3));
    // A reload keeps the chosen entry chosen, wherever it now stands.
    doe(
        &mut s,
        MeldingMsg::Geladen(vec![geweigerd(), niet_toegepast()]),
    );
    assert_eq!(s.features.meldingen.huidige().map(|r| r.id), Some(3));
    druk(&mut s, KeyCode::Esc);
    assert_eq!(s.mode(), Mode::Verzoeken);
    // The list gives up the keys when the Wachtrij does.
    druk(&mut s, KeyCode::Char('m'));
    s.focus = Pane::Kennisbank;
    doe(&mut s, MeldingMsg::Op);
    assert!(!s.features.meldingen.open);
}

#[test]
fn each_kind_has_its_one_key_way_to_act() {
    let mut s = desk();
    druk(&mut s, KeyCode::Char('m'));
    // A lost edit: my value again, or akkoord.
    let e = druk(&mut s, KeyCode::Char('w'));
    assert!(heeft(&e, MeldingEffect::OpnieuwOpslaan(5)), "{e:?}");
    let e = druk(&mut s, KeyCode::Char('a'));
    assert!(heeft(&e, MeldingEffect::Afhandelen(5)), "{e:?}");
    // 'o' is for a refused afspraak only.
    let e = druk(&mut s, KeyCode::Char('o'));
    assert!(e.is_empty());
    assert!(
        s.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("geweigerde afspraak"))
    );
    // A refused afspraak: another time for its klant (the klantbeeld opens, then the form).
    druk(&mut s, KeyCode::Down);
    let e = druk(&mut s, KeyCode::Char('w'));
    assert!(!heeft(&e, MeldingEffect::OpnieuwOpslaan(3)));
    let e = druk(&mut s, KeyCode::Char('o'));
    assert!(
        e.contains(&Effect::ZaakKlant(ZkEffect::OpenKlant(JAN))),
        "{e:?}"
    );
    assert_eq!(s.afspraak_na_laden, Some(JAN));
    assert_eq!(s.afspraak_product.as_deref(), Some("Aanvraag rijbewijs"));
    assert!(!s.features.meldingen.open);
    // Enter opens the klant; an entry without a klant says so.
    s.focus = Pane::Wachtrij;
    druk(&mut s, KeyCode::Char('m'));
    druk(&mut s, KeyCode::Down);
    let e = druk(&mut s, KeyCode::Enter);
    assert!(
        e.contains(&Effect::ZaakKlant(ZkEffect::OpenKlant(JAN))),
        "{e:?}"
    );
    assert_eq!(s.focus, Pane::ZaakKlant);
    s.focus = Pane::Wachtrij;
    druk(&mut s, KeyCode::Char('m'));
    druk(&mut s, KeyCode::Down);
    druk(&mut s, KeyCode::Down);
    let e = druk(&mut s, KeyCode::Enter);
    assert!(e.is_empty(), "{e:?}");
    assert!(
        s.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("geen klant"))
    );
}

#[test]
fn a_sync_round_reloads_the_list() {
    let mut s = desk();
    let bericht = crate::sync::SyncBericht {
        indicator: crate::sync::SyncIndicator::Gesynchroniseerd,
        laatst_ok: Some(op(50)),
        ..Default::default()
    };
    let e = crate::app::update(&mut s, &Ctx::nu(), Action::Sync(Box::new(bericht.clone())));
    assert!(heeft(&e, MeldingEffect::Laad), "{e:?}");
    // The same round again: nothing new to read.
    let e = crate::app::update(&mut s, &Ctx::nu(), Action::Sync(Box::new(bericht)));
    assert!(!heeft(&e, MeldingEffect::Laad), "{e:?}");
}

#[test]
fn the_jobs_read_handle_and_save_again_on_the_store() {
    let acties = draai(|jobs, state| {
        jobs.run(|store| {
            let c = store.conn();
            crate::sync::melding::bewaar_verloren(
                c,
                &[crate::sync::melding::Verloren {
                    id: 1,
                    tabel: "partij".into(),
                    record_id: Uuid::from_u128(9),
                    veld: "achternaam".into(),
                    eigen: json!("Bakker"),
                    winnaar: json!("Bakker-de Wit"),
                    door_desk: Uuid::from_u128(2),
                    door: None,
                    op: op(40),
                }],
            )
            .unwrap();
            None
        });
        jobs::opstart(jobs);
        // Its record is not on this desk: saving again says so, the entry stays.
        jobs::start(MeldingEffect::OpnieuwOpslaan(1), state, jobs);
        jobs::start(MeldingEffect::Afhandelen(1), state, jobs);
    });
    let geladen: Vec<&Vec<Melding>> = acties
        .iter()
        .filter_map(|a| match a {
            Action::Feature(FeatureMsg::Meldingen(MeldingMsg::Geladen(r))) => Some(r),
            _ => None,
        })
        .collect();
    assert_eq!(geladen.len(), 2, "{acties:?}");
    assert_eq!(geladen[0].len(), 1);
    assert!(geladen[0][0].tekst.contains("de achternaam"));
    assert!(geladen[1].is_empty(), "handled");
    assert!(
        acties.iter().any(
            |a| matches!(a, Action::SaveFailed { error, .. } if error.contains("bestaat niet meer"))
        ),
        "{acties:?}"
    );
}

#[test]
fn the_wachtrij_shows_the_count_and_the_newest_at_80x24() {
    let s = desk();
    let t = text(&render(&s, 80, 24, Theme { color: false }));
    assert!(t.contains("3 meldingen"), "{t}");
    insta::assert_snapshot!("meldingen_dicht_80x24", t);
}

#[test]
fn the_open_list_wraps_the_chosen_text_at_80x24() {
    let mut s = desk();
    druk(&mut s, KeyCode::Char('m'));
    druk(&mut s, KeyCode::Down);
    let t = text(&render(&s, 80, 24, Theme { color: false }));
    assert!(t.contains("Meldingen: 3 open"), "{t}");
    assert!(t.contains("o ander tijdstip"), "{t}");
    insta::assert_snapshot!("meldingen_open_80x24", t);
}

#[test]
fn the_open_list_at_200x60_shows_every_entry_and_the_whole_text() {
    let mut s = desk();
    druk(&mut s, KeyCode::Char('m'));
    let t = text(&render(&s, 200, 60, Theme { color: false }));
    for deel in [
        "Eva Bakker (06-2222)",
        "Jan de Vries (0612345678)",
        "niet verwerkt",
        "06-1111 werd 06-2222.",
        "w mijn waarde opnieuw opslaan",
    ] {
        assert!(t.contains(deel), "{deel}:\n{t}");
    }
    insta::assert_snapshot!("meldingen_open_200x60", t);
}
