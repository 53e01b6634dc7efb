use super::*;
use chrono::{Duration, NaiveDate};

fn klant() -> Betrokkene {
    Betrokkene {
        id: Uuid::now_v7(),
        naam: "Jan de Vries".into(),
        telefoon: Some("0612345678".into()),
        email: Some("jan@voorbeeld.nl".into()),
    }
}

fn form(klant: Option<Betrokkene>) -> Registratie {
    let t = Utc::now();
    Registratie::new(Kanaal::Telefoon, klant, None, t - Duration::seconds(200), t)
}

fn typ(r: &mut Registratie, s: &str) {
    for c in s.chars() {
        r.type_char(c);
    }
}

#[test]
fn limits_are_enforced_while_typing() {
    let mut r = form(None);
    typ(&mut r, &"é".repeat(250));
    assert_eq!(r.vragen[0].onderwerp.chars().count(), MAX_ONDERWERP);
    r.veld = Veld::Notitie;
    typ(&mut r, &"x".repeat(1200));
    assert_eq!(r.notitie.chars().count(), MAX_TEKST);
}

#[test]
fn required_fields_are_checked_in_dutch_and_focused() {
    let mut r = form(Some(klant()));
    r.veld = Veld::Notitie;
    let err = r.build(Utc::now(), Uuid::nil(), None, "Eva").unwrap_err();
    assert_eq!(err, "Vul het onderwerp van vraag 1 in.");
    assert_eq!(r.veld, Veld::Onderwerp(0));
    typ(&mut r, "Paspoort");
    r.toggle_verzoek();
    let err = r.build(Utc::now(), Uuid::nil(), None, "Eva").unwrap_err();
    assert!(err.contains("aan wie"), "{err}");
    r.verzoek.as_mut().unwrap().aan = Some(Aan::Afdeling(Uuid::now_v7()));
    let err = r.build(Utc::now(), Uuid::nil(), None, "Eva").unwrap_err();
    assert!(err.contains("toelichting"), "{err}");
    assert_eq!(r.veld, Veld::VerzoekToelichting);
}

#[test]
fn a_contactverzoek_is_prefilled_from_the_klant_and_changes_the_result() {
    let mut r = form(Some(klant()));
    assert!(r.eerste_lijn(), "afgehandeld: first line");
    r.toggle_verzoek();
    let vz = r.verzoek.as_ref().unwrap();
    assert_eq!(vz.telefoon, "0612345678");
    assert_eq!(vz.email, "jan@voorbeeld.nl");
    assert_eq!(vz.handeling, "Terugbellen");
    assert_eq!(vz.werkdagen, 1);
    assert_eq!(r.vragen[0].resultaat, Gespreksresultaat::Terugbelverzoek);
    assert!(
        !r.eerste_lijn(),
        "a callback is not settled in the first line"
    );
    r.toggle_verzoek();
    assert!(r.verzoek.is_none());
}

#[test]
fn a_callback_result_needs_a_contactverzoek_and_the_other_way_round() {
    let mut r = form(Some(klant()));
    typ(&mut r, "Paspoort");
    r.vragen[0].resultaat = Gespreksresultaat::Terugbelverzoek;
    let now = Utc::now();
    let fout = r.build(now, Uuid::nil(), None, "Eva").unwrap_err();
    assert!(fout.contains("Ctrl-T"), "{fout}");
    assert_eq!(r.veld, Veld::Resultaat(0));
    // Ctrl-T adds the verzoek; removing it again puts the result back.
    r.toggle_verzoek();
    assert_eq!(r.vragen[0].resultaat, Gespreksresultaat::Terugbelverzoek);
    r.toggle_verzoek();
    assert_eq!(r.vragen[0].resultaat, Gespreksresultaat::Afgehandeld);
    assert!(r.build(now, Uuid::nil(), None, "Eva").is_ok());
    // A verzoek kept with another result is refused.
    r.toggle_verzoek();
    r.vragen[0].resultaat = Gespreksresultaat::Doorverbonden;
    let fout = r.build(now, Uuid::nil(), None, "Eva").unwrap_err();
    assert!(fout.contains("contactverzoek"), "{fout}");
}

#[test]
fn several_vragen_become_one_contactmoment_with_numbered_vragen() {
    let mut r = form(Some(klant()));
    typ(&mut r, "Paspoort");
    r.add_vraag();
    typ(&mut r, "Afvalkalender");
    r.toggle_verzoek();
    let afdeling = Uuid::now_v7();
    let vz = r.verzoek.as_mut().unwrap();
    vz.aan = Some(Aan::Afdeling(afdeling));
    vz.toelichting = "Terugbellen over de ophaaldag".into();
    // With two vragen Ctrl-T leaves their results to the agent: the callback must be one.
    let now = Utc::now();
    let fout = r
        .build(now, Uuid::nil(), Some(Uuid::nil()), "Eva")
        .unwrap_err();
    assert!(fout.contains("terugbelverzoek"), "{fout}");
    assert_eq!(r.veld, Veld::Resultaat(0));
    r.vragen[1].resultaat = Gespreksresultaat::Terugbelverzoek;
    let rec = r.build(now, Uuid::nil(), Some(Uuid::nil()), "Eva").unwrap();
    assert_eq!(rec.contactmoment.onderwerp, "Paspoort");
    assert_eq!(rec.contactmoment.duur_seconden, 200);
    assert_eq!(rec.contactmoment.partij_id, r.klant.as_ref().map(|k| k.id));
    assert!(!rec.contactmoment.eerstelijns_afgehandeld);
    let nummers: Vec<i64> = rec.vragen.iter().map(|v| v.volgnummer).collect();
    assert_eq!(nummers, vec![1, 2]);
    assert!(
        rec.vragen
            .iter()
            .all(|v| v.contactmoment_id == rec.contactmoment.meta.id)
    );
    let (cv, log) = rec.verzoek.unwrap();
    assert_eq!(cv.afdeling_id, Some(afdeling));
    assert_eq!(cv.contactmoment_id, Some(rec.contactmoment.meta.id));
    assert_eq!(cv.status, "te_verwerken");
    assert_eq!(log.actie, "aangemaakt");
    assert!(cv.uiterlijk_op > now);
}

#[test]
fn a_written_contact_says_which_werkdag_its_message_came_in() {
    let mut r = form(Some(klant()));
    assert!(
        !r.velden().contains(&Veld::Ontvangen),
        "telefoon: no such field"
    );
    r.veld = Veld::Kanaal;
    r.type_char('3');
    assert_eq!(r.kanaal, Kanaal::Email);
    r.next_field();
    assert_eq!(r.veld, Veld::Ontvangen, "right after the kanaal");
    let refs = Referentie::default();
    // ← goes back in time, → forward again but not past today.
    for _ in 0..3 {
        r.option(false, &refs, &|_| 1);
    }
    r.option(true, &refs, &|_| 1);
    assert_eq!(r.ontvangen_werkdagen, 2);
    r.veld = Veld::Onderwerp(0);
    typ(&mut r, "Bezwaar WOZ");
    let now = Utc::now();
    let rec = r.build(now, Uuid::nil(), None, "Eva").unwrap();
    let vandaag = now.with_timezone(&Local).date_naive();
    let ontvangen = rec.contactmoment.ontvangen_op.expect("a written channel");
    assert_eq!(
        werkdagen::werkdagen_tussen(ontvangen, vandaag, &Sluitingsdagen::default()),
        2 - u32::from(!werkdagen::is_werkdag(vandaag, &Sluitingsdagen::default())),
        "{ontvangen} is two werkdagen before {vandaag}"
    );
    // Back to telefoon: no arrival day is stored.
    r.kanaal = Kanaal::Telefoon;
    let rec = r.build(now, Uuid::nil(), None, "Eva").unwrap();
    assert_eq!(rec.contactmoment.ontvangen_op, None);
}

#[test]
fn anoniem_leaves_the_betrokkene_out() {
    let mut r = form(Some(klant()));
    typ(&mut r, "Vraag over parkeren");
    r.toggle_anoniem();
    let rec = r.build(Utc::now(), Uuid::nil(), None, "Eva").unwrap();
    assert_eq!(rec.contactmoment.partij_id, None);
    let mut r = form(None);
    r.toggle_anoniem();
    assert!(r.anoniem, "without a klant it stays anonymous");
}

#[test]
fn the_deadline_counts_werkdagen_and_ends_at_five() {
    // Thursday 2 April 2026 + 1 werkdag: Goede Vrijdag, weekend and Tweede Paasdag skipped.
    let d = deadline(NaiveDate::from_ymd_opt(2026, 4, 2).unwrap(), 1).with_timezone(&Local);
    assert_eq!(d.date_naive(), NaiveDate::from_ymd_opt(2026, 4, 7).unwrap());
    assert_eq!(d.format("%H:%M").to_string(), "17:00");
}

#[test]
fn a_draft_survives_a_round_trip_through_json() {
    let mut r = form(Some(klant()));
    typ(&mut r, "Rijbewijs verlengen");
    r.toggle_verzoek();
    let json = serde_json::to_string(&r).unwrap();
    let back: Registratie = serde_json::from_str(&json).unwrap();
    assert_eq!(back.vragen, r.vragen);
    assert_eq!(back.verzoek, r.verzoek);
    assert_eq!(back.klant, r.klant);
    assert_eq!(back.begonnen_op, r.begonnen_op);
}

#[test]
fn digits_pick_the_kanaal_and_space_flips_yes_no_fields() {
    let mut r = form(Some(klant()));
    r.veld = Veld::Kanaal;
    r.type_char('2');
    assert_eq!(r.kanaal, Kanaal::Balie);
    r.veld = Veld::EersteLijn;
    r.type_char(' ');
    assert_eq!(r.eerste_lijn, Some(false));
    r.veld = Veld::Betrokkene;
    r.type_char(' ');
    assert!(r.anoniem);
}
