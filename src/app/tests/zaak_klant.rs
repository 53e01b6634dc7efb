use super::*;
use crate::domain::klant::{KlantTreffer, Klantbeeld, SoortPartij};
use crate::store::lookup::Treffer;

fn treffer(naam: &str) -> Treffer {
    Treffer::Klant(KlantTreffer {
        id: Uuid::now_v7(),
        soort: SoortPartij::Persoon,
        naam: naam.into(),
        adres: "Dorpsstraat 1, 5830 AA".into(),
        kenmerk: "geb. 01-01-1980".into(),
    })
}

pub(super) fn klantbeeld(id: Uuid, geheim: bool) -> Klantbeeld {
    Klantbeeld {
        id,
        soort: SoortPartij::Persoon,
        naam: "Jan de Vries".into(),
        geboortedatum: None,
        bsn: Some("999901461".into()),
        kvk_nummer: None,
        vestigingsnummer: None,
        adres: "Tuinstraat 168".into(),
        postcode_woonplaats: "5834 JM  Lindewaard".into(),
        digitale_adressen: Vec::new(),
        voorkeurskanaal: None,
        indicatie_geheimhouding: geheim,
        zaken: Vec::new(),
        contacten: Vec::new(),
        contacten_totaal: 0,
        open_contactverzoeken: Vec::new(),
        afspraken: Vec::new(),
    }
}

fn searches(effects: &[Effect]) -> Vec<u64> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::ZaakKlant(ZkEffect::Zoek { seq, .. }) => Some(*seq),
            _ => None,
        })
        .collect()
}

/// Issue 16: the search field has a cursor. A name typed without "de" is mended in place, a
/// word goes with Ctrl-W, and every change of the text searches again (moving does not).
#[test]
fn the_search_field_is_edited_at_its_cursor() {
    let mut s = ready();
    press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
    typ(&mut s, "Jan Vries");
    for _ in 0..5 {
        let e = press(&mut s, KeyCode::Left, KeyModifiers::NONE);
        assert!(searches(&e).is_empty(), "moving does not search");
    }
    typ(&mut s, "de ");
    assert_eq!(s.zaak_klant.query, "Jan de Vries");
    assert_eq!(s.zaak_klant.query.split_at_cursor(), ("Jan de ", "Vries"));
    let e = press(&mut s, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(s.zaak_klant.query, "Jan Vries");
    assert_eq!(searches(&e).len(), 1, "a changed text searches again");
    press(&mut s, KeyCode::Home, KeyModifiers::NONE);
    press(&mut s, KeyCode::Delete, KeyModifiers::NONE);
    assert_eq!(s.zaak_klant.query, "an Vries");
    press(&mut s, KeyCode::End, KeyModifiers::NONE);
    press(&mut s, KeyCode::Backspace, KeyModifiers::NONE);
    assert_eq!(s.zaak_klant.query, "an Vrie");
    // The kennisbank question takes the same keys.
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    typ(&mut s, "paspoort verlopen");
    press(&mut s, KeyCode::Char('w'), KeyModifiers::CONTROL);
    press(&mut s, KeyCode::Home, KeyModifiers::NONE);
    typ(&mut s, "nieuw ");
    assert_eq!(s.kennisbank.query, "nieuw paspoort ");
}

#[test]
fn f4_puts_the_cursor_in_the_search_field_and_q_is_text_there() {
    let mut s = ready();
    press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::Zoeken);
    let mut all = Vec::new();
    for c in "q?".chars() {
        all.extend(press(&mut s, KeyCode::Char(c), KeyModifiers::NONE));
    }
    assert!(!s.quit && s.help.is_none());
    assert_eq!(s.zaak_klant.query, "q?");
    assert_eq!(searches(&all), vec![1, 2], "a search per keystroke");
}

#[test]
fn answers_to_older_searches_are_dropped() {
    let mut s = ready();
    press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
    typ(&mut s, "bak");
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::Zoekresultaat {
            seq: 2,
            treffers: vec![treffer("Oud")],
        }),
    );
    assert!(s.zaak_klant.treffers.is_empty(), "answer to 'ba' ignored");
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::Zoekresultaat {
            seq: 3,
            treffers: vec![treffer("Eva Bakker"), treffer("Jan Bakker")],
        }),
    );
    assert_eq!(s.zaak_klant.treffers.len(), 2);
    press(&mut s, KeyCode::Down, KeyModifiers::NONE);
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let Treffer::Klant(second) = &s.zaak_klant.treffers[1] else {
        panic!()
    };
    assert_eq!(
        effects,
        vec![Effect::ZaakKlant(ZkEffect::OpenKlant(second.id))]
    );
}

#[test]
fn an_invalid_bsn_says_so_and_does_not_search() {
    let mut s = ready();
    press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
    typ(&mut s, "12345678");
    let effects = press(&mut s, KeyCode::Char('9'), KeyModifiers::NONE);
    assert!(searches(&effects).is_empty());
    assert!(
        s.zaak_klant
            .melding
            .as_deref()
            .unwrap()
            .contains("geen geldig BSN")
    );
}

#[test]
fn a_single_hit_on_a_bsn_opens_directly_but_a_name_waits_for_enter() {
    let mut s = ready();
    press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
    typ(&mut s, "999901461");
    let seq = s.zaak_klant.seq;
    let hit = treffer("Jan de Vries");
    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::Zoekresultaat {
            seq,
            treffers: vec![hit.clone()],
        }),
    );
    assert!(matches!(
        effects.as_slice(),
        [Effect::ZaakKlant(ZkEffect::OpenKlant(_))]
    ));

    let mut s = ready();
    press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
    typ(&mut s, "de vr");
    let seq = s.zaak_klant.seq;
    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::Zoekresultaat {
            seq,
            treffers: vec![hit],
        }),
    );
    assert!(effects.is_empty(), "typing may go on");
}

#[test]
fn the_bsn_is_shown_only_after_the_audit_entry_is_written() {
    let mut s = ready();
    let id = Uuid::now_v7();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(id, false)))),
    );
    assert_eq!(s.mode(), Mode::Klantbeeld);
    assert!(s.zoomed, "the klantbeeld gets the whole screen");
    let effects = press(&mut s, KeyCode::Char('b'), KeyModifiers::NONE);
    assert_eq!(effects, vec![Effect::ZaakKlant(ZkEffect::ToonBsn(id))]);
    assert!(!s.zaak_klant.bsn_zichtbaar, "not before the log is written");
    update(&mut s, &Ctx::nu(), Action::Zk(ZkMsg::BsnVrijgegeven(id)));
    assert!(s.zaak_klant.bsn_zichtbaar);
    let effects = press(&mut s, KeyCode::Char('b'), KeyModifiers::NONE);
    assert!(
        effects.is_empty() && !s.zaak_klant.bsn_zichtbaar,
        "hiding needs no log"
    );
}

#[test]
fn escape_steps_back_one_level_at_a_time() {
    let mut s = ready();
    press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
    typ(&mut s, "vries");
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(
            Uuid::now_v7(),
            false,
        )))),
    );
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!((s.zaak_klant.view, s.mode()), (View::Zoeken, Mode::Zoeken));
    assert_eq!(s.zaak_klant.query, "vries", "the search is kept");
    assert!(!s.zoomed);
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(s.zaak_klant.query, "");
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(
        s.mode(),
        Mode::Balie,
        "out of the field: q and ? work again"
    );
    press(&mut s, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(s.quit);
}

#[test]
fn slash_starts_a_search_from_any_pane() {
    let mut s = ready();
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('/'), KeyModifiers::NONE);
    assert_eq!((s.focus, s.mode()), (Pane::ZaakKlant, Mode::Zoeken));
}

/// Issue 16: the hits move with PgUp/PgDn like every list, and a narrower search keeps the hit
/// the agent moved to while it is still found; a hit no longer found gives the first.
#[test]
fn hits_page_and_a_narrower_search_keeps_the_chosen_hit() {
    let mut s = ready();
    press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
    typ(&mut s, "ba");
    let hits: Vec<Treffer> = (0..25).map(|i| treffer(&format!("Bakker {i}"))).collect();
    let seq = s.zaak_klant.seq;
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::Zoekresultaat {
            seq,
            treffers: hits.clone(),
        }),
    );
    press(&mut s, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(s.zaak_klant.selected.index(), 10);
    for _ in 0..5 {
        press(&mut s, KeyCode::PageDown, KeyModifiers::NONE);
    }
    assert_eq!(s.zaak_klant.selected.index(), 24, "stops at the last");
    press(&mut s, KeyCode::PageUp, KeyModifiers::NONE);
    assert_eq!(s.zaak_klant.selected.index(), 14);
    typ(&mut s, "k");
    let seq = s.zaak_klant.seq;
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::Zoekresultaat {
            seq,
            treffers: vec![hits[3].clone(), hits[14].clone()],
        }),
    );
    assert_eq!(
        s.zaak_klant.selected.get(&s.zaak_klant.treffers),
        Some(&hits[14])
    );
    typ(&mut s, "k");
    let seq = s.zaak_klant.seq;
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::Zoekresultaat {
            seq,
            treffers: vec![hits[3].clone()],
        }),
    );
    assert_eq!(
        s.zaak_klant.selected.index(),
        0,
        "no longer found: the first"
    );
}
