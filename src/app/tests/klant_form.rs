use super::zaak_klant::klantbeeld;
use super::*;
use crate::app::zaak_klant::KlantWijziging;

#[test]
fn contact_details_are_validated_in_dutch_and_normalised() {
    let mut s = ready();
    let id = Uuid::now_v7();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(id, false)))),
    );
    press(&mut s, KeyCode::Char('w'), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::KlantForm);
    typ(&mut s, "123");
    let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(effects.is_empty());
    let f = s.zaak_klant.form.as_ref().unwrap();
    assert!(
        f.fout
            .as_deref()
            .unwrap()
            .contains("geen geldig telefoonnummer")
    );
    for _ in 0..3 {
        press(&mut s, KeyCode::Backspace, KeyModifiers::NONE);
    }
    typ(&mut s, "06 1234 5678");
    press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    typ(&mut s, "Jan@Voorbeeld.NL");
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        effects,
        vec![Effect::ZaakKlant(ZkEffect::Wijzig(
            KlantWijziging::Contact {
                partij: id,
                nieuw: ["0612345678".into(), "jan@voorbeeld.nl".into()]
            }
        ))]
    );
}

/// Issue 16: the klant form's fields have the search field's cursor keys.
#[test]
fn a_klant_form_field_is_mended_at_its_cursor() {
    let mut s = ready();
    press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
    typ(&mut s, "Zwrt");
    press(&mut s, KeyCode::Char('k'), KeyModifiers::CONTROL);
    press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut s, KeyCode::Left, KeyModifiers::NONE);
    press(&mut s, KeyCode::Left, KeyModifiers::NONE);
    typ(&mut s, "a");
    let f = s.zaak_klant.form.as_ref().unwrap();
    assert_eq!(f.velden[2].1, "Zwart");
    press(&mut s, KeyCode::End, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(s.zaak_klant.form.as_ref().unwrap().velden[2].1, "");
}

#[test]
fn a_new_klant_needs_an_achternaam_and_one_contact_detail() {
    let mut s = ready();
    press(&mut s, KeyCode::F(4), KeyModifiers::NONE);
    typ(&mut s, "Zwart");
    press(&mut s, KeyCode::Char('k'), KeyModifiers::CONTROL);
    assert_eq!(s.mode(), Mode::KlantForm);
    let f = s.zaak_klant.form.as_ref().unwrap();
    assert_eq!(
        f.velden[2].1, "Zwart",
        "the search text starts the achternaam"
    );
    let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(effects.is_empty());
    assert_eq!(
        s.zaak_klant.form.as_ref().unwrap().fout.as_deref(),
        Some("Vul een telefoonnummer of e-mailadres in.")
    );
    assert_eq!(
        s.zaak_klant.form.as_ref().unwrap().veld,
        3,
        "cursor on Telefoon"
    );
    press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    typ(&mut s, "piet@zwart.nl");
    let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(matches!(
        effects.as_slice(),
        [Effect::ZaakKlant(ZkEffect::Wijzig(
            KlantWijziging::Nieuw { .. }
        ))]
    ));
}

#[test]
fn the_audit_log_is_for_supervisors_only() {
    let mut s = ready();
    let id = Uuid::now_v7();
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(klantbeeld(id, false)))),
    );
    let effects = press(&mut s, KeyCode::Char('l'), KeyModifiers::NONE);
    assert!(effects.is_empty());
    assert!(
        s.notice
            .as_ref()
            .unwrap()
            .text
            .contains("alleen voor een supervisor")
    );
    // The privacy officer works at a desk with a medewerker's rights, and may read the log.
    s.aanmelden.wie = Some(crate::identiteit::aanmelden::Aangemeld {
        login: "p.privacy".into(),
        medewerker_id: Uuid::nil(),
        naam: "Pim".into(),
        rol: crate::identiteit::ServerRol::Privacy,
        afdeling: None,
        wijze: crate::identiteit::aanmelden::Wijze::Server,
        aanmelding: Uuid::nil(),
        hash: String::new(),
    });
    let effects = press(&mut s, KeyCode::Char('l'), KeyModifiers::NONE);
    assert_eq!(effects, vec![Effect::ZaakKlant(ZkEffect::Audit(id))]);
    s.aanmelden.wie = None;
    s.session.medewerker = Some(crate::config::MedewerkerProfiel {
        id: Uuid::nil(),
        naam: "Hendrik".into(),
        rol: Rol::Supervisor,
        afdeling: None,
    });
    let effects = press(&mut s, KeyCode::Char('l'), KeyModifiers::NONE);
    assert_eq!(effects, vec![Effect::ZaakKlant(ZkEffect::Audit(id))]);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::AuditLoaded(id, Vec::new())),
    );
    assert!(s.zaak_klant.audit.is_some());
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert!(s.zaak_klant.audit.is_none(), "Esc closes the log first");
    assert_eq!(s.mode(), Mode::Klantbeeld);
}
