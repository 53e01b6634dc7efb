use super::*;

#[test]
fn only_a_supervisor_opens_the_floor_view_and_it_refreshes_every_second() {
    let mut s = ready();
    assert!(press(&mut s, KeyCode::F(9), KeyModifiers::NONE).is_empty());
    assert!(!s.vloer_open);
    assert!(
        s.notice.as_ref().unwrap().is_error,
        "a medewerker is told why"
    );
    s.session.medewerker = Some(crate::config::MedewerkerProfiel {
        id: Uuid::nil(),
        naam: "Rianne van der Meer".into(),
        rol: Rol::Supervisor,
        afdeling: None,
    });
    assert_eq!(
        press(&mut s, KeyCode::F(9), KeyModifiers::NONE),
        vec![Effect::LaadVloer]
    );
    assert_eq!(s.mode(), Mode::Vloer);
    let nu = s.now;
    let effects = update(&mut s, &Ctx::nu(), Action::Tick(nu));
    assert!(effects.contains(&Effect::LaadVloer));
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert!(!s.vloer_open);
    let effects = update(&mut s, &Ctx::nu(), Action::Tick(nu));
    assert!(
        !effects.contains(&Effect::LaadVloer),
        "closed: no more loading"
    );
}
