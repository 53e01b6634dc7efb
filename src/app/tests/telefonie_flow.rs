use super::*;
use crate::app::telefonie::TelEffect;
use crate::domain::telefonie::AgentStatus;
use crate::telefonie::{TelCommand, TelEvent};

pub(crate) fn t(s: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap() + chrono::Duration::seconds(s)
}

fn ev(s: &mut State, at: i64, events: Vec<TelEvent>) -> Vec<Effect> {
    update(
        s,
        &Ctx::nu(),
        Action::Tel(TelMsg::Events { nu: t(at), events }),
    )
}

fn binnen(id: &str, nummer: &str, at: i64) -> TelEvent {
    TelEvent::Binnen {
        id: id.into(),
        linkedid: None,
        nummer: nummer.into(),
        keuze: "Burgerzaken".into(),
        terugval: false,
        sinds: t(at),
    }
}

pub(crate) fn commands(effects: &[Effect]) -> Vec<TelCommand> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Telefonie(TelEffect::Command(c)) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

pub(crate) fn gesprekken(effects: &[Effect]) -> Vec<crate::domain::telefonie::Gesprek> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Telefonie(TelEffect::BewaarGesprek(g)) => Some((**g).clone()),
            _ => None,
        })
        .collect()
}

fn statussen(effects: &[Effect]) -> Vec<AgentStatus> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Telefonie(TelEffect::BewaarStatus(s)) => Some(s.status),
            _ => None,
        })
        .collect()
}

/// The re-trial of issue 15: a TIC desk killed while beschikbaar came back afgemeld, but the
/// floor went on counting the agent as beschikbaar (its last stored status).
#[test]
fn a_desk_whose_telephony_starts_records_the_agent_afgemeld() {
    let mut s = ready();
    let eff = ev(&mut s, 0, vec![TelEvent::Verbinding(true)]);
    assert_eq!(statussen(&eff), vec![AgentStatus::Afgemeld]);
    assert_eq!(s.telefonie.status, AgentStatus::Afgemeld);
    // Once: the next events record nothing new.
    assert!(statussen(&ev(&mut s, 1, vec![])).is_empty());
}

#[test]
fn the_simulated_floor_is_recorded_but_a_pbx_colleague_is_not() {
    let mut s = ready();
    let collega = |s: &mut State| {
        ev(
            s,
            1,
            vec![TelEvent::Collega {
                naam: "Kees de Boer".into(),
                status: AgentStatus::InGesprek,
                op: t(1),
            }],
        )
    };
    let effects = collega(&mut s);
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::Telefonie(TelEffect::BewaarCollega { naam, status: AgentStatus::InGesprek, .. })
            if naam == "Kees de Boer"
    )));
    // With Asterisk every colleague's own desk records them.
    s.telefonie.op_toestel = true;
    let effects = collega(&mut s);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Telefonie(TelEffect::BewaarCollega { .. })))
    );
}

#[test]
fn leaving_the_desk_signs_the_agent_out() {
    let mut s = ready();
    ev(&mut s, 0, vec![TelEvent::Verbinding(true)]);
    press(&mut s, KeyCode::Char('b'), KeyModifiers::NONE);
    let effects = update(&mut s, &Ctx::nu(), Action::Quit);
    assert!(s.quit);
    assert_eq!(statussen(&effects), vec![AgentStatus::Afgemeld]);
}

#[test]
fn offered_accepted_with_screen_pop_hung_up_wrapped_up_and_available_again() {
    let mut s = ready();
    let jan = Uuid::from_u128(7);
    let effects = ev(
        &mut s,
        0,
        vec![TelEvent::Verbinding(true), binnen("c1", "0612345678", 0)],
    );
    assert!(effects.contains(&Effect::Telefonie(TelEffect::HerkenNummer(
        "0612345678".into()
    ))));
    update(
        &mut s,
        &Ctx::nu(),
        Action::Tel(TelMsg::NummerHerkend {
            nummer: "0612345678".into(),
            beller: Some((jan, "Jan de Vries".into())),
        }),
    );
    // b in the Wachtrij pane: beschikbaar, told to the source and recorded.
    let effects = press(&mut s, KeyCode::Char('b'), KeyModifiers::NONE);
    assert_eq!(statussen(&effects), vec![AgentStatus::Beschikbaar]);
    assert_eq!(
        commands(&effects),
        vec![TelCommand::Status(AgentStatus::Beschikbaar, None)]
    );
    ev(
        &mut s,
        5,
        vec![TelEvent::Aangeboden {
            id: "c1".into(),
            op: t(5),
        }],
    );
    assert!(s.notice.as_ref().unwrap().text.contains("Jan de Vries"));
    let effects = press(&mut s, KeyCode::F(6), KeyModifiers::NONE);
    assert_eq!(commands(&effects), vec![TelCommand::Aannemen("c1".into())]);
    let effects = ev(
        &mut s,
        8,
        vec![
            TelEvent::Weg {
                id: "c1".into(),
                aangenomen_door: Some(None),
                op: t(8),
            },
            TelEvent::Verbonden {
                id: "c1".into(),
                op: t(8),
            },
        ],
    );
    // Screen pop: the known klant's klantbeeld (audited by the store).
    assert!(
        effects.contains(&Effect::ZaakKlant(ZkEffect::OpenKlant(jan))),
        "{effects:?}"
    );
    assert_eq!(statussen(&effects), vec![AgentStatus::InGesprek]);
    // The agent goes to the kennisbank before the klantbeeld arrives: it waits in its
    // pane and does not take the keys they type.
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    let kb = super::zaak_klant::klantbeeld(jan, false);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(kb))),
    );
    assert_eq!(s.focus, Pane::Kennisbank);
    assert!(
        s.notice
            .as_ref()
            .unwrap()
            .text
            .contains("staat klaar in Zaak/Klant")
    );
    assert_eq!(s.telefonie.vandaag.len(), 1);
    assert_eq!(s.telefonie.vandaag[0].0.wachttijd(), Some(8));
    let k = s.telefonie.kpi(&s.normen);
    assert_eq!((k.beantwoord, k.servicelevel), (1, Some(100.0)));
    assert_eq!(k.gemiddelde_afhandeltijd, None, "still talking");
    // Hold and resume.
    let effects = press(&mut s, KeyCode::F(7), KeyModifiers::NONE);
    assert_eq!(
        commands(&effects),
        vec![TelCommand::Wacht("c1".into(), true)]
    );
    press(&mut s, KeyCode::F(7), KeyModifiers::NONE);
    assert!(!s.telefonie.gesprek.as_ref().unwrap().in_wacht);
    // Hang up: nawerk, the call recorded, the wrap-up opened and prefilled.
    let effects = press(&mut s, KeyCode::F(6), KeyModifiers::NONE);
    assert_eq!(commands(&effects), vec![TelCommand::Ophangen("c1".into())]);
    let effects = ev(
        &mut s,
        128,
        vec![TelEvent::Beeindigd {
            id: "c1".into(),
            op: t(128),
        }],
    );
    assert_eq!(statussen(&effects), vec![AgentStatus::Nawerk]);
    let g = gesprekken(&effects);
    assert_eq!(g.len(), 1);
    assert_eq!(
        g[0].meta.id,
        crate::domain::telefonie::Gesprek::id_voor("c1")
    );
    assert_eq!(g[0].wachttijd(), Some(8));
    assert_eq!(g[0].gespreksduur(), Some(120));
    let r = s.registratie.as_ref().expect("wrap-up opened");
    assert_eq!(r.kanaal, crate::domain::Kanaal::Telefoon);
    assert_eq!(r.gesprek_id, Some(g[0].meta.id));
    assert_eq!(r.beller.as_deref(), Some("0612345678"));
    assert_eq!(
        (r.geopend_op - r.begonnen_op).num_seconds(),
        120,
        "talk time"
    );
    typ(&mut s, "Paspoort");
    let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let Some(Effect::Registreer(rec)) = effects.first() else {
        panic!("{effects:?}")
    };
    assert_eq!(rec.contactmoment.gesprek_id, Some(g[0].meta.id));
    assert_eq!(rec.contactmoment.duur_seconden, 120);
    let effects = update(
        &mut s,
        &Ctx::nu(),
        Action::Reg(RegMsg::Geregistreerd {
            contactmoment: Box::new(rec.contactmoment.clone()),
            verzoek: None,
        }),
    );
    assert_eq!(
        statussen(&effects),
        vec![AgentStatus::Beschikbaar],
        "nawerk ends"
    );
    // The desk's AHT now has talk and the registered nawerk, as the floor will read it.
    let k = s.telefonie.kpi(&s.normen);
    assert_eq!(
        k.gemiddelde_afhandeltijd,
        Some((120 + rec.contactmoment.nawerk_seconden) as f64)
    );
    assert_eq!(k.afgehandeld, 1);
}

/// Call c1 from `nummer` (known as `beller`) joins at 0 s, is offered at 3 s and answered
/// with F6 at 4 s.
fn opnemen(s: &mut State, nummer: &str, beller: crate::app::telefonie::Beller) {
    ev(s, 0, vec![binnen("c1", nummer, 0)]);
    update(
        s,
        &Ctx::nu(),
        Action::Tel(TelMsg::NummerHerkend {
            nummer: nummer.into(),
            beller,
        }),
    );
    ev(
        s,
        3,
        vec![TelEvent::Aangeboden {
            id: "c1".into(),
            op: t(3),
        }],
    );
    press(s, KeyCode::F(6), KeyModifiers::NONE);
    ev(
        s,
        4,
        vec![TelEvent::Verbonden {
            id: "c1".into(),
            op: t(4),
        }],
    );
}

#[test]
fn an_unknown_caller_after_looking_at_another_klant_is_saved_anonymous_with_the_number() {
    let mut s = ready();
    // Before the call the agent looked up Jan (say, for an e-mail).
    let jan = Uuid::from_u128(7);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
            super::zaak_klant::klantbeeld(jan, false),
        ))),
    );
    opnemen(&mut s, "0616169760", None);
    let c = s
        .contact
        .as_ref()
        .expect("an answered call is the contact in hand");
    assert_eq!(c.regel(), "Contact: beller 0616169760 · klant: — · zaak: —");
    assert!(
        s.zaak_klant.klant.is_none(),
        "the new contact starts from an empty klant search"
    );
    // During the call the agent opens Jan again, only to look: still not linked.
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
            super::zaak_klant::klantbeeld(jan, false),
        ))),
    );
    assert!(s.contact.as_ref().unwrap().klant.is_none());
    ev(
        &mut s,
        64,
        vec![TelEvent::Beeindigd {
            id: "c1".into(),
            op: t(64),
        }],
    );
    let r = s.registratie.as_ref().expect("wrap-up opened");
    assert!(r.klant.is_none() && r.anoniem, "{:?}", r.klant);
    assert_eq!(r.beller.as_deref(), Some("0616169760"));
    typ(&mut s, "Afvalkalender");
    // A callback goes to the caller's number, not to Jan's.
    press(&mut s, KeyCode::Char('t'), KeyModifiers::CONTROL);
    assert_eq!(
        s.registratie
            .as_ref()
            .unwrap()
            .verzoek
            .as_ref()
            .unwrap()
            .telefoon,
        "0616169760"
    );
    press(&mut s, KeyCode::Char('t'), KeyModifiers::CONTROL);
    let effects = press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let Some(Effect::Registreer(rec)) = effects.first() else {
        panic!("{effects:?}")
    };
    assert_eq!(rec.contactmoment.partij_id, None, "saved anonymous");
    assert!(rec.contactmoment.gesprek_id.is_some());
    update(
        &mut s,
        &Ctx::nu(),
        Action::Reg(RegMsg::Geregistreerd {
            contactmoment: Box::new(rec.contactmoment.clone()),
            verzoek: None,
        }),
    );
    assert!(s.contact.is_none());
}

#[test]
fn a_new_call_starts_with_an_empty_question_and_ctrl_p_brings_the_last_one_back() {
    let mut s = ready();
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    typ(&mut s, "paspoort verlopen");
    // Looked up for someone before: a klant on screen, a question in the kennisbank.
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
            super::zaak_klant::klantbeeld(Uuid::from_u128(8), false),
        ))),
    );
    opnemen(&mut s, "0611111111", None);
    assert_eq!(
        s.kennisbank.query, "",
        "the new contact's question starts empty"
    );
    assert_eq!(
        s.zaak_klant.query, "0611111111",
        "the klant search holds the number only"
    );
    assert!(s.zaak_klant.klant.is_none());
    press(&mut s, KeyCode::F(3), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::KbZoeken);
    press(&mut s, KeyCode::Char('p'), KeyModifiers::CONTROL);
    assert_eq!(s.kennisbank.query, "paspoort verlopen");
    // Again: nothing older, so it stays (said once).
    press(&mut s, KeyCode::Char('p'), KeyModifiers::CONTROL);
    assert_eq!(s.kennisbank.query, "paspoort verlopen");
}

#[test]
fn after_a_restart_the_desk_counts_todays_calls_of_its_queue_from_the_store() {
    let mut s = ready();
    let desk = s.session.desk_id;
    s.telefonie.simulator_run = Some(Uuid::from_u128(5));
    // The first event asks for today's calls of this desk's queue.
    let effects = ev(&mut s, 0, vec![binnen("c9", "0612000000", 0)]);
    assert!(effects.contains(&Effect::Telefonie(
        crate::app::telefonie::TelEffect::LaadVandaag(Some(desk))
    )));
    // Before the restart: one answered within the norm, one abandoned after 40 s, one
    // still open (it does not count until it leaves the queue).
    let mut beantwoord =
        crate::domain::telefonie::Gesprek::uit_tijden(t(-300), Some(t(-290)), Some(t(-200)), None);
    beantwoord.meta.id = Uuid::from_u128(1);
    let mut verlaten =
        crate::domain::telefonie::Gesprek::uit_tijden(t(-100), None, None, Some(t(-60)));
    verlaten.meta.id = Uuid::from_u128(2);
    let mut open = crate::domain::telefonie::Gesprek::uit_tijden(t(-10), None, None, None);
    open.meta.id = Uuid::from_u128(3);
    let geladen = vec![(beantwoord, Some(30)), (verlaten, None), (open, None)];
    update(
        &mut s,
        &Ctx::nu(),
        Action::Tel(TelMsg::GesprekkenVandaag(geladen.clone())),
    );
    let k = s.telefonie.kpi(&crate::domain::kpi::Normen::default());
    assert_eq!((k.beantwoord, k.verlaten, k.aangeboden), (1, 1, 2));
    assert_eq!(k.servicelevel, Some(50.0));
    // Loaded twice (a second start of the source): counted once.
    update(
        &mut s,
        &Ctx::nu(),
        Action::Tel(TelMsg::GesprekkenVandaag(geladen)),
    );
    let k = s.telefonie.kpi(&crate::domain::kpi::Normen::default());
    assert_eq!(k.aangeboden, 2);
}

#[test]
fn a_known_caller_is_linked_by_the_screen_pop_and_the_wrap_up_says_so() {
    let mut s = ready();
    let jan = Uuid::from_u128(7);
    opnemen(&mut s, "0612345678", Some((jan, "Jan de Vries".into())));
    let k = s.contact.as_ref().unwrap().klant.as_ref().unwrap();
    assert_eq!((k.klant.id, k.via), (jan, klantcontact::Via::ScreenPop));
    // Looking at another klant during the call changes nothing.
    let eva = Uuid::from_u128(8);
    update(
        &mut s,
        &Ctx::nu(),
        Action::Zk(ZkMsg::KlantbeeldLoaded(Box::new(
            super::zaak_klant::klantbeeld(eva, false),
        ))),
    );
    ev(
        &mut s,
        40,
        vec![TelEvent::Beeindigd {
            id: "c1".into(),
            op: t(40),
        }],
    );
    let r = s.registratie.as_ref().unwrap();
    assert_eq!(r.klant.as_ref().map(|k| k.id), Some(jan));
    assert_eq!(r.via, Some(klantcontact::Via::ScreenPop));
}

#[test]
fn an_unknown_number_prefills_the_klant_search_and_an_abandoned_caller_is_recorded() {
    let mut s = ready();
    ev(
        &mut s,
        0,
        vec![binnen("c1", "0687654321", 0), binnen("c2", "0611111111", 0)],
    );
    update(
        &mut s,
        &Ctx::nu(),
        Action::Tel(TelMsg::NummerHerkend {
            nummer: "0687654321".into(),
            beller: None,
        }),
    );
    let effects = ev(
        &mut s,
        95,
        vec![TelEvent::Weg {
            id: "c2".into(),
            aangenomen_door: None,
            op: t(95),
        }],
    );
    let g = gesprekken(&effects);
    assert_eq!(g[0].verlaten_op, Some(t(95)));
    assert_eq!(g[0].wachttijd(), Some(95));
    assert_eq!(
        s.telefonie.kpi(&s.normen).servicelevel,
        Some(0.0),
        "an abandoned call counts against"
    );
    ev(
        &mut s,
        100,
        vec![TelEvent::Aangeboden {
            id: "c1".into(),
            op: t(100),
        }],
    );
    press(&mut s, KeyCode::F(6), KeyModifiers::NONE);
    let effects = ev(
        &mut s,
        101,
        vec![TelEvent::Verbonden {
            id: "c1".into(),
            op: t(101),
        }],
    );
    assert_eq!(s.focus, Pane::ZaakKlant);
    assert_eq!(s.zaak_klant.query, "0687654321");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::ZaakKlant(ZkEffect::Zoek { .. }))),
        "{effects:?}"
    );
}

/// In a call with c1 (0612345678), the transfer picker open (F8), with the afdeling Burgerzaken
/// and one colleague, Piet Bakker, whose presence is `aanwezigheid`.
fn doorverbinden_met_piet(aanwezigheid: &str) -> State {
    let mut s = ready();
    update(
        &mut s,
        &Ctx::nu(),
        Action::ReferentieLoaded(Box::new(crate::domain::Referentie {
            afdelingen: vec![(Uuid::from_u128(1), "Burgerzaken".into())],
            groepen: vec![],
            medewerkers: vec![crate::domain::MedewerkerRegel {
                id: Uuid::from_u128(2),
                naam: "Piet Bakker".into(),
                afdeling_id: None,
                afdeling: None,
                aanwezigheid: aanwezigheid.into(),
            }],
        })),
    );
    ev(&mut s, 0, vec![binnen("c1", "0612345678", 0)]);
    ev(
        &mut s,
        1,
        vec![TelEvent::Aangeboden {
            id: "c1".into(),
            op: t(1),
        }],
    );
    press(&mut s, KeyCode::F(6), KeyModifiers::NONE);
    ev(
        &mut s,
        2,
        vec![TelEvent::Verbonden {
            id: "c1".into(),
            op: t(2),
        }],
    );
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut s, KeyCode::F(8), KeyModifiers::NONE);
    s
}

#[test]
fn a_transfer_that_is_not_picked_up_comes_back_and_a_busy_colleague_needs_erachter() {
    let mut s = doorverbinden_met_piet("in_gesprek");
    assert_eq!(s.mode(), Mode::Doorverbinden);
    // Letters find a colleague; none of them is an action (e used to put the caller
    // erachter at whoever was selected).
    typ(&mut s, "piet");
    assert!(
        s.telefonie
            .gesprek
            .as_ref()
            .unwrap()
            .doorverbinden
            .is_none()
    );
    let doelen = crate::app::doorverbind_doelen(&s);
    assert_eq!(doelen.len(), 1, "{doelen:?}");
    assert_eq!(doelen[0].0, "Piet Bakker");
    // Piet is in gesprek: Enter asks for erachter zetten, Ctrl-E does it.
    let effects = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(commands(&effects).is_empty());
    assert!(s.notice.as_ref().unwrap().text.contains("erachter"));
    let effects = press(&mut s, KeyCode::Char('e'), KeyModifiers::CONTROL);
    assert_eq!(
        commands(&effects),
        vec![TelCommand::Doorverbinden {
            id: "c1".into(),
            naar: "Piet Bakker".into(),
            aanwezigheid: "in_gesprek".into(),
            erachter: true,
        }]
    );
    assert!(s.telefonie.gesprek.as_ref().unwrap().in_wacht);
    ev(
        &mut s,
        60,
        vec![TelEvent::Doorverbonden {
            id: "c1".into(),
            naar: "Piet Bakker".into(),
            gelukt: false,
            sinds: t(35),
            op: t(60),
        }],
    );
    let g = s
        .telefonie
        .gesprek
        .as_ref()
        .expect("the call is back with this agent");
    assert!(!g.in_wacht && g.doorverbinden.is_none());
    assert!(s.notice.as_ref().unwrap().text.contains("contactverzoek"));
    // The contactverzoek is prefilled from the call: the caller's number, addressed to the
    // colleague who did not pick up, saying so.
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('t'), KeyModifiers::CONTROL);
    let r = s.registratie.as_ref().unwrap();
    let vz = r.verzoek.as_ref().unwrap();
    assert_eq!(vz.telefoon, "0612345678");
    assert_eq!(
        vz.aan,
        Some(crate::app::registratie::Aan::Medewerker(Uuid::from_u128(2)))
    );
    assert!(
        vz.toelichting
            .contains("Doorverbinden met Piet Bakker lukte niet")
    );
    assert_eq!(r.beller.as_deref(), Some("0612345678"));
    // A second transfer, to the afdeling, is picked up: the call ends here.
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    press(&mut s, KeyCode::F(8), KeyModifiers::NONE);
    press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let effects = ev(
        &mut s,
        90,
        vec![TelEvent::Doorverbonden {
            id: "c1".into(),
            naar: "Burgerzaken".into(),
            gelukt: true,
            sinds: t(78),
            op: t(90),
        }],
    );
    assert!(s.telefonie.gesprek.is_none());
    // The wrap-up says so: doorverbonden, to the afdeling.
    let r = s.registratie.as_ref().expect("wrap-up");
    assert_eq!(
        r.vragen[0].resultaat,
        crate::domain::contact::Gespreksresultaat::Doorverbonden
    );
    assert_eq!(r.vragen[0].afdeling, Some(Uuid::from_u128(1)));
    assert_eq!(r.notitie, "Doorverbonden met Burgerzaken.");
    let g = gesprekken(&effects);
    assert_eq!(
        g[0].doorverbindingen,
        vec![
            crate::domain::telefonie::Doorverbinding {
                naar: "Piet Bakker".into(),
                gelukt: false,
                seconden: 25
            },
            crate::domain::telefonie::Doorverbinding {
                naar: "Burgerzaken".into(),
                gelukt: true,
                seconden: 12
            }
        ]
    );
    assert_eq!(statussen(&effects), vec![AgentStatus::Nawerk]);
}

#[test]
fn quitting_during_a_call_asks_first_and_articles_from_before_are_not_its_bronnen() {
    let mut s = ready();
    s.voorwerk.bronnen.push("hondenbelasting".into());
    ev(&mut s, 0, vec![binnen("c1", "0612345678", 0)]);
    ev(
        &mut s,
        1,
        vec![TelEvent::Aangeboden {
            id: "c1".into(),
            op: t(1),
        }],
    );
    press(&mut s, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(
        s.confirm_quit && !s.quit,
        "a ringing call is not left silently"
    );
    press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
    press(&mut s, KeyCode::F(6), KeyModifiers::NONE);
    ev(
        &mut s,
        2,
        vec![TelEvent::Verbonden {
            id: "c1".into(),
            op: t(2),
        }],
    );
    assert!(s.bronnen().is_empty());
    ev(
        &mut s,
        30,
        vec![TelEvent::Beeindigd {
            id: "c1".into(),
            op: t(30),
        }],
    );
    assert!(
        s.notice.as_ref().unwrap().text.starts_with("Nawerk"),
        "{:?}",
        s.notice
    );
    // Cancelling the wrap-up leaves nawerk with a way out; F5 brings the call back.
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert!(s.registratie.is_none());
    assert!(s.notice.as_ref().unwrap().text.contains("b in de Wachtrij"));
    press(&mut s, KeyCode::F(5), KeyModifiers::NONE);
    let r = s.registratie.as_ref().unwrap();
    assert_eq!(r.beller.as_deref(), Some("0612345678"));
    assert_eq!((r.geopend_op - r.begonnen_op).num_seconds(), 28);
}

#[test]
fn pause_needs_a_reason_and_an_unanswered_offer_pauses_the_agent() {
    let mut s = ready();
    ev(&mut s, 0, vec![binnen("c1", "0612345678", 0)]);
    press(&mut s, KeyCode::Char('p'), KeyModifiers::NONE);
    assert_eq!(s.mode(), Mode::PauzeKiezen);
    let effects = press(&mut s, KeyCode::Char('2'), KeyModifiers::NONE);
    assert_eq!(statussen(&effects), vec![AgentStatus::Pauze]);
    assert_eq!(s.telefonie.pauze_reden.as_deref(), Some("lunch"));
    press(&mut s, KeyCode::Char('b'), KeyModifiers::NONE);
    ev(
        &mut s,
        5,
        vec![TelEvent::Aangeboden {
            id: "c1".into(),
            op: t(5),
        }],
    );
    let effects = ev(
        &mut s,
        20,
        vec![TelEvent::AanbodVervallen { id: "c1".into() }],
    );
    assert_eq!(statussen(&effects), vec![AgentStatus::Pauze]);
    assert!(s.telefonie.aangeboden.is_none());
    assert!(s.notice.as_ref().unwrap().is_error);
}

/// Issue 16: the transfer picker's search has the text fields' cursor keys.
#[test]
fn the_transfer_search_is_mended_at_its_cursor() {
    let mut s = doorverbinden_met_piet("beschikbaar");
    assert_eq!(s.mode(), Mode::Doorverbinden);
    typ(&mut s, "bur zaken");
    assert!(crate::app::doorverbind_doelen(&s).is_empty());
    for _ in 0..6 {
        press(&mut s, KeyCode::Left, KeyModifiers::NONE);
    }
    press(&mut s, KeyCode::Delete, KeyModifiers::NONE);
    typ(&mut s, "ger");
    press(&mut s, KeyCode::Right, KeyModifiers::NONE);
    let k = s.telefonie.doorverbind_keuze.as_ref().unwrap();
    assert_eq!((k.filter.as_str(), k.filter.cursor()), ("burgerzaken", 7));
    let doelen = crate::app::doorverbind_doelen(&s);
    assert_eq!(doelen.len(), 1, "{doelen:?}");
    assert_eq!(doelen[0].0, "Burgerzaken");
    press(&mut s, KeyCode::End, KeyModifiers::NONE);
    press(&mut s, KeyCode::Char('w'), KeyModifiers::CONTROL);
    update(&mut s, &Ctx::nu(), Action::Plakken("bakker".into()));
    press(&mut s, KeyCode::Home, KeyModifiers::NONE);
    typ(&mut s, "piet ");
    let doelen = crate::app::doorverbind_doelen(&s);
    assert_eq!(
        s.telefonie.doorverbind_keuze.as_ref().unwrap().filter,
        "piet bakker"
    );
    assert_eq!(doelen.len(), 1, "{doelen:?}");
    assert_eq!(doelen[0].0, "Piet Bakker");
}

#[test]
fn the_end_of_another_call_leaves_the_call_in_hand_alone() {
    // A late AgentComplete of an earlier call (or of a call answered during an outage) must not
    // throw away the call the agent is in: it was dropped unsaved before.
    let mut s = ready();
    ev(
        &mut s,
        0,
        vec![TelEvent::Verbinding(true), binnen("c2", "0612345678", 0)],
    );
    press(&mut s, KeyCode::Char('b'), KeyModifiers::NONE);
    ev(
        &mut s,
        5,
        vec![
            TelEvent::Weg {
                id: "c2".into(),
                aangenomen_door: Some(None),
                op: t(5),
            },
            TelEvent::Verbonden {
                id: "c2".into(),
                op: t(5),
            },
        ],
    );
    assert_eq!(s.telefonie.gesprek.as_ref().unwrap().id, "c2");
    let effects = ev(
        &mut s,
        9,
        vec![TelEvent::Beeindigd {
            id: "c1".into(),
            op: t(9),
        }],
    );
    assert_eq!(
        s.telefonie.gesprek.as_ref().map(|g| g.id.as_str()),
        Some("c2")
    );
    assert!(
        gesprekken(&effects)
            .iter()
            .all(|g| g.beeindigd_op.is_none())
    );
    // Its own end still ends it, and it is saved.
    let effects = ev(
        &mut s,
        30,
        vec![TelEvent::Beeindigd {
            id: "c2".into(),
            op: t(30),
        }],
    );
    assert!(s.telefonie.gesprek.is_none());
    assert!(!gesprekken(&effects).is_empty());
}
