use super::klantgeleiding_flow::*;
use super::*;
use crate::app::klantgeleiding::KgEffect;
use crate::domain::klantgeleiding::Bezoek;

pub(super) fn vervang(lijst: &mut [Bezoek], b: &Bezoek) {
    if let Some(x) = lijst.iter_mut().find(|x| x.nummer == b.nummer) {
        *x = b.clone();
    }
}

/// Press `v` and answer as the store does (`roep_volgende` claims the first of the same
/// `volgorde`): the visitor called, and the effects of the answer.
pub(super) fn druk_v(s: &mut State) -> (Option<Bezoek>, Vec<Effect>) {
    let effects = press(s, KeyCode::Char('v'), KeyModifiers::NONE);
    let [Effect::Klantgeleiding(KgEffect::Volgende { balie, diensten })] = effects.as_slice()
    else {
        return (None, effects);
    };
    assert_eq!(Some(balie), s.klantgeleiding.balie.as_ref());
    let now = Utc::now();
    let gekozen =
        crate::domain::klantgeleiding::volgorde(&s.klantgeleiding.bezoeken, balie, diensten, now)
            .first()
            .map(|b| crate::domain::klantgeleiding::roep_op(b, balie, now));
    let antwoord = update(
        s,
        &Ctx::nu(),
        Action::Kg(KgMsg::Opgeroepen(Ok(Box::new(
            crate::store::klantgeleiding::Oproep {
                bezoek: gekozen.clone(),
                verloren: Vec::new(),
            },
        )))),
    );
    (gekozen, antwoord)
}

pub(super) fn bewaard(effects: &[Effect]) -> Bezoek {
    // The contact in hand is kept as it changes; here only the counter's effect counts.
    let effects: Vec<Effect> = effects
        .iter()
        .filter(|e| !matches!(e, Effect::BewaarContact(_)))
        .cloned()
        .collect();
    match effects.as_slice() {
        [Effect::Klantgeleiding(KgEffect::Bewaar(b, _))] => (**b).clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
pub(super) fn a_call_the_shared_database_gave_to_another_balie_is_said_and_the_next_is_called() {
    let mut s = ready();
    s.klantgeleiding.balie = Some("Balie 1".into());
    let s2 = bezoek("S-002", "Ophalen", 5);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            vec![bezoek("S-001", "Ophalen", 10), s2.clone()],
            Vec::new(),
            Vec::new(),
        )),
    );
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    let b = druk_v(&mut s).0.expect("called from the desk's own file");
    assert_eq!(b.nummer, "S-001");
    // The sync round: the server gave S-001 to Balie 2 first.
    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::Sync(Box::new(crate::sync::SyncBericht {
            indicator: crate::sync::SyncIndicator::Gesynchroniseerd,
            laatst_ok: Some(Utc::now()),
            geweigerd: vec![
                "S-001 is al opgeroepen door Balie 2. Uw stap is niet doorgevoerd.".into(),
            ],
            oproep_geweigerd: vec![b.meta.id],
            ..Default::default()
        })),
    );
    assert!(
        effects.contains(&Effect::Klantgeleiding(KgEffect::Volgende {
            balie: "Balie 1".into(),
            diensten: Vec::new(),
        })),
        "the balie simply calls the next: {effects:?}"
    );
    let volgende = crate::domain::klantgeleiding::roep_op(&s2, "Balie 1", Utc::now());
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::Opgeroepen(Ok(Box::new(
            crate::store::klantgeleiding::Oproep {
                bezoek: Some(volgende),
                verloren: Vec::new(),
            },
        )))),
    );
    // That round succeeded, so the desk is online now: the next call waits for its verdict.
    assert_eq!(s.klantgeleiding.huidig, None);
    update(
        &mut s,
        &Ctx::nu(),
        sync_bericht(
            crate::sync::SyncIndicator::Gesynchroniseerd,
            &[],
            Vec::new(),
            vec![s2.meta.id],
        ),
    );
    assert_eq!(
        s.notice.as_ref().map(|n| n.text.as_str()),
        Some(
            "S-001 is al opgeroepen door Balie 2. Uw stap is niet doorgevoerd. \
             Opgeroepen: S-002 naar Balie 1."
        )
    );
    assert_eq!(s.klantgeleiding.huidig, Some(s2.meta.id));
}

/// A sync report: the indicator, refusals in words, and the server's verdicts on calls.
pub(super) fn sync_bericht(
    indicator: crate::sync::SyncIndicator,
    geweigerd: &[&str],
    oproep_geweigerd: Vec<Uuid>,
    oproep_toegepast: Vec<Uuid>,
) -> Action {
    Action::Sync(Box::new(crate::sync::SyncBericht {
        indicator,
        laatst_ok: Some(Utc::now()),
        fout: (indicator == crate::sync::SyncIndicator::Offline)
            .then(|| "connection refused".into()),
        geweigerd: geweigerd.iter().map(|g| g.to_string()).collect(),
        oproep_geweigerd,
        oproep_toegepast,
        ..Default::default()
    }))
}

/// A balie with [sync] whose last round succeeded, with S-001 and S-002 waiting.
pub(super) fn online_balie() -> (State, Bezoek, Bezoek) {
    let mut s = ready();
    s.klantgeleiding.balie = Some("Balie 1".into());
    let (s1, s2) = (
        bezoek("S-001", "Ophalen", 10),
        bezoek("S-002", "Ophalen", 5),
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(
            vec![s1.clone(), s2.clone()],
            Vec::new(),
            Vec::new(),
        )),
    );
    update(
        &mut s,
        &Ctx::nu(),
        sync_bericht(
            crate::sync::SyncIndicator::Gesynchroniseerd,
            &[],
            Vec::new(),
            Vec::new(),
        ),
    );
    press(&mut s, KeyCode::F(2), KeyModifiers::NONE);
    (s, s1, s2)
}

pub(super) fn melding(s: &State) -> &str {
    s.notice.as_ref().map_or("", |n| n.text.as_str())
}

#[test]
pub(super) fn online_a_call_is_announced_only_when_the_server_accepted_it() {
    let (mut s, s1, _) = online_balie();
    let (b, effects) = druk_v(&mut s);
    let b = b.expect("claimed in the desk's own file");
    assert_eq!(b.nummer, "S-001");
    // Not announced: the pane waits, the sync task is woken, and the wait is bounded.
    assert!(!melding(&s).contains("Opgeroepen"), "{}", melding(&s));
    assert_eq!(s.klantgeleiding.huidig, None);
    assert!(s.klantgeleiding.beslissing.is_some());
    assert!(effects.contains(&Effect::SyncNu), "{effects:?}");
    assert!(
        effects.contains(&Effect::Later(
            crate::app::klantgeleiding::SERVER_WACHT,
            Box::new(Action::Kg(KgMsg::ServerStil(s1.meta.id))),
        )),
        "{effects:?}"
    );
    // The counter's keys wait for the verdict.
    for toets in ['v', 'h', 's', 'k', 'x', 'p', 'r'] {
        let effects = press(&mut s, KeyCode::Char(toets), KeyModifiers::NONE);
        assert!(effects.is_empty(), "{toets}: {effects:?}");
        assert!(
            melding(&s).starts_with("Even geduld"),
            "{toets}: {}",
            melding(&s)
        );
    }
    // The desk's own file already says S-001 is called here; still not in hand.
    let mut hier = b.clone();
    hier.balie = Some("Balie 1".into());
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::BezoekenGeladen(vec![hier], Vec::new(), Vec::new())),
    );
    assert_eq!(s.klantgeleiding.huidig, None);
    // The server accepted it: announced now.
    update(
        &mut s,
        &Ctx::nu(),
        sync_bericht(
            crate::sync::SyncIndicator::Gesynchroniseerd,
            &[],
            Vec::new(),
            vec![s1.meta.id],
        ),
    );
    assert_eq!(melding(&s), "Opgeroepen: S-001 naar Balie 1.");
    assert_eq!(s.klantgeleiding.huidig, Some(s1.meta.id));
    assert!(s.klantgeleiding.beslissing.is_none());
    assert!(
        s.contact.is_some(),
        "the visitor's contact starts at the announcement"
    );
    // The bound passing later changes nothing.
    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::ServerStil(s1.meta.id)),
    );
    assert!(effects.is_empty());
    assert_eq!(melding(&s), "Opgeroepen: S-001 naar Balie 1.");
}

#[test]
pub(super) fn online_a_refused_call_is_never_announced_and_the_next_is_called_and_announced_with_the_number()
 {
    let (mut s, s1, s2) = online_balie();
    druk_v(&mut s).0.expect("claimed");
    // The server gave S-001 to Balie 2 first.
    let effects = update(
        &mut s,
        &Ctx::nu(),
        sync_bericht(
            crate::sync::SyncIndicator::Gesynchroniseerd,
            &["S-001 is al opgeroepen door Balie 2. Uw stap is niet doorgevoerd."],
            vec![s1.meta.id],
            Vec::new(),
        ),
    );
    assert!(
        effects.contains(&Effect::Klantgeleiding(KgEffect::Volgende {
            balie: "Balie 1".into(),
            diensten: Vec::new(),
        })),
        "the balie simply calls the next: {effects:?}"
    );
    assert!(melding(&s).starts_with("S-001 is al opgeroepen door Balie 2"));
    assert!(!melding(&s).contains("Opgeroepen:"), "{}", melding(&s));
    // The store claims S-002 in the desk's file: online, that one waits for its verdict too.
    let volgende = crate::domain::klantgeleiding::roep_op(&s2, "Balie 1", Utc::now());
    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::Opgeroepen(Ok(Box::new(
            crate::store::klantgeleiding::Oproep {
                bezoek: Some(volgende),
                verloren: Vec::new(),
            },
        )))),
    );
    assert!(effects.contains(&Effect::SyncNu));
    assert!(!melding(&s).contains("Opgeroepen:"), "{}", melding(&s));
    assert_eq!(s.klantgeleiding.huidig, None);
    // The bound of the first call passing does not announce it.
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::ServerStil(s1.meta.id)),
    );
    assert!(!melding(&s).contains("Opgeroepen:"), "{}", melding(&s));
    // Accepted: only S-002 is announced, after the loss with its number.
    update(
        &mut s,
        &Ctx::nu(),
        sync_bericht(
            crate::sync::SyncIndicator::Gesynchroniseerd,
            &[],
            Vec::new(),
            vec![s2.meta.id],
        ),
    );
    assert_eq!(
        melding(&s),
        "S-001 is al opgeroepen door Balie 2. Uw stap is niet doorgevoerd. \
         Opgeroepen: S-002 naar Balie 1."
    );
    assert_eq!(s.klantgeleiding.huidig, Some(s2.meta.id));
}

#[test]
pub(super) fn online_without_a_verdict_in_time_the_call_stands_from_this_desk_and_says_so() {
    let (mut s, s1, s2) = online_balie();
    druk_v(&mut s).0.expect("claimed");
    // An older bound (another call) does not end this wait.
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::ServerStil(Uuid::now_v7())),
    );
    assert!(s.klantgeleiding.beslissing.is_some());
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::ServerStil(s1.meta.id)),
    );
    assert_eq!(
        melding(&s),
        "Server antwoordt niet: opgeroepen vanaf deze desk; een weigering volgt later. \
         Opgeroepen: S-001 naar Balie 1."
    );
    assert_eq!(s.klantgeleiding.huidig, Some(s1.meta.id));
    // The refusal comes later: told with the number, and the next is called (as offline).
    let effects = update(
        &mut s,
        &Ctx::nu(),
        sync_bericht(
            crate::sync::SyncIndicator::Gesynchroniseerd,
            &["S-001 is al opgeroepen door Balie 2. Uw stap is niet doorgevoerd."],
            vec![s1.meta.id],
            Vec::new(),
        ),
    );
    assert!(melding(&s).starts_with("S-001 is al opgeroepen door Balie 2"));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Klantgeleiding(KgEffect::Volgende { .. })))
    );
    assert_eq!(s.klantgeleiding.huidig, None);
    let _ = s2;

    // The server going away while a balie waits: the same fallback, at once.
    let (mut s, s1, _) = online_balie();
    druk_v(&mut s).0.expect("claimed");
    update(
        &mut s,
        &Ctx::nu(),
        sync_bericht(
            crate::sync::SyncIndicator::Offline,
            &[],
            Vec::new(),
            Vec::new(),
        ),
    );
    assert!(
        melding(&s).starts_with("Server antwoordt niet")
            && melding(&s).ends_with("Opgeroepen: S-001 naar Balie 1."),
        "{}",
        melding(&s)
    );
    assert_eq!(s.klantgeleiding.huidig, Some(s1.meta.id));
    // Offline now: the next call is announced at once, without waiting.
    update(
        &mut s,
        &Ctx::nu(),
        Action::Kg(KgMsg::Opgeroepen(Err("Rond eerst S-001 af".into()))),
    );
    s.klantgeleiding.huidig = None;
    s.klantgeleiding
        .bezoeken
        .retain(|b| b.meta.id != s1.meta.id);
    let (b, effects) = druk_v(&mut s);
    assert_eq!(b.map(|b| b.nummer).as_deref(), Some("S-002"));
    assert!(!effects.contains(&Effect::SyncNu), "{effects:?}");
    assert_eq!(melding(&s), "Opgeroepen: S-002 naar Balie 1.");
}

#[test]
pub(super) fn online_a_verdict_that_arrives_before_the_stores_answer_is_kept() {
    let (mut s, s1, _) = online_balie();
    // The sync task handed the claim in and heard back before the store's answer arrived.
    update(
        &mut s,
        &Ctx::nu(),
        sync_bericht(
            crate::sync::SyncIndicator::Gesynchroniseerd,
            &[],
            Vec::new(),
            vec![s1.meta.id],
        ),
    );
    let (b, effects) = druk_v(&mut s);
    assert_eq!(b.map(|b| b.meta.id), Some(s1.meta.id));
    assert!(!effects.contains(&Effect::SyncNu), "{effects:?}");
    assert_eq!(melding(&s), "Opgeroepen: S-001 naar Balie 1.");
    assert_eq!(s.klantgeleiding.huidig, Some(s1.meta.id));
}

#[test]
pub(super) fn online_a_verdict_on_an_older_call_of_the_same_visitor_does_not_count() {
    let (mut s, s1, _) = online_balie();
    // S-001 was refused to this balie long ago (then sent back to the queue, say).
    s.klantgeleiding.uitspraak(
        s1.meta.id,
        false,
        Utc::now() - chrono::Duration::seconds(30),
    );
    let (b, effects) = druk_v(&mut s);
    assert_eq!(b.map(|b| b.meta.id), Some(s1.meta.id));
    assert!(
        effects.contains(&Effect::SyncNu),
        "waits for this call's verdict"
    );
    assert!(s.klantgeleiding.beslissing.is_some());
    update(
        &mut s,
        &Ctx::nu(),
        sync_bericht(
            crate::sync::SyncIndicator::Gesynchroniseerd,
            &[],
            Vec::new(),
            vec![s1.meta.id],
        ),
    );
    assert_eq!(melding(&s), "Opgeroepen: S-001 naar Balie 1.");
    assert!(
        s.klantgeleiding.uitspraken.is_empty(),
        "the verdict was used"
    );
}

#[test]
pub(super) fn a_balie_desk_signs_its_balie_in_when_the_store_opens_and_out_when_leaving() {
    let mut s = state(false);
    s.klantgeleiding.balie = Some("Balie 2".into());
    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::StoreOpened { schema_version: 3 },
    );
    assert!(effects.contains(&Effect::Klantgeleiding(KgEffect::Aanmelden(true))));
    // Opened again (a reconnect) does not sign in twice.
    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::StoreOpened { schema_version: 3 },
    );
    assert!(!effects.contains(&Effect::Klantgeleiding(KgEffect::Aanmelden(true))));
    let effects = update(&mut s, &Ctx::nu(), Action::Quit);
    assert!(s.quit);
    assert!(effects.contains(&Effect::Klantgeleiding(KgEffect::Aanmelden(false))));
    // A desk that is no balie signs nothing in.
    let mut s = state(false);
    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::StoreOpened { schema_version: 3 },
    );
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Klantgeleiding(KgEffect::Aanmelden(_))))
    );
}
