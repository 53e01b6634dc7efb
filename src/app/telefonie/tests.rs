//! The telephone queue at the desk when the PBX misbehaves (issue 17): times tick without
//! events, a lost connection says why and when it tries again, F6 works without a PBX, the
//! rebuild after a reconnect sets the agent's state, and whatever the PBX sends (the seed
//! corpus of `tests/data/ami/`, mutated) never panics the desk nor grows its state.

use chrono::Local;
use proptest::prelude::*;

use super::{MAX_GEVOLGD, TelEffect, TelMsg};
use crate::app::tests::ready;
use crate::app::tests::telefonie_flow::{commands, gesprekken, t};

/// The desk drawn without colour, as text.
fn scherm(s: &State, w: u16, h: u16) -> String {
    crate::ui::tests::text(&crate::ui::tests::render(
        s,
        w,
        h,
        crate::ui::Theme { color: false },
    ))
}
use crate::app::{Action, Ctx, Effect, State, update};
use crate::domain::telefonie::AgentStatus;
use crate::telefonie::{Lidmaatschap, TelCommand, TelEvent};

fn ev(s: &mut State, at: i64, events: Vec<TelEvent>) -> Vec<Effect> {
    update(
        s,
        &Ctx::op(t(at)),
        Action::Tel(TelMsg::Events { nu: t(at), events }),
    )
}

fn tel(s: &mut State, at: i64, msg: TelMsg) -> Vec<Effect> {
    update(s, &Ctx::op(t(at)), Action::Tel(msg))
}

/// The runtime's clock tick, one second after another; no call source event.
fn tik(s: &mut State, at: i64) {
    update(
        s,
        &Ctx::op(t(at)),
        Action::Tick(t(at).with_timezone(&Local)),
    );
}

fn binnen(id: &str, sinds: i64) -> TelEvent {
    TelEvent::Binnen {
        id: id.into(),
        linkedid: None,
        nummer: format!("06{id:0>8}"),
        keuze: "Burgerzaken".into(),
        terugval: false,
        sinds: t(sinds),
    }
}

/// Issue 17: a caller showed "00:12" for three minutes on a quiet PBX, since the times were
/// computed at the last event. They run with the desk's clock now: waiting, talk, nawerk.
#[test]
fn waiting_talk_and_nawerk_times_tick_with_the_clock_without_events() {
    let mut s = ready();
    ev(
        &mut s,
        0,
        vec![
            TelEvent::Verbinding(true),
            binnen("1", -12),
            binnen("2", -3),
        ],
    );
    tik(&mut s, 0);
    let scherm0 = scherm(&s, 120, 40);
    assert!(scherm0.contains("langste 00:12"), "{scherm0}");
    tik(&mut s, 180);
    let scherm1 = scherm(&s, 120, 40);
    assert!(scherm1.contains("langste 03:12"), "{scherm1}");
    assert!(scherm1.contains("03:03"), "every caller's wait: {scherm1}");

    tel(&mut s, 180, TelMsg::Beschikbaar);
    ev(
        &mut s,
        180,
        vec![
            TelEvent::Aangeboden {
                id: "2".into(),
                op: t(180),
            },
            TelEvent::Verbonden {
                id: "2".into(),
                op: t(180),
            },
        ],
    );
    tik(&mut s, 245);
    let scherm2 = scherm(&s, 120, 40);
    assert!(scherm2.contains("☎ in gesprek 01:05"), "{scherm2}");

    ev(
        &mut s,
        245,
        vec![TelEvent::Beeindigd {
            id: "2".into(),
            op: t(245),
        }],
    );
    tik(&mut s, 290);
    assert!(scherm(&s, 120, 40).contains("☎ nawerk 00:45"));
    tik(&mut s, 310);
    assert!(scherm(&s, 120, 40).contains("☎ nawerk 01:05 ⚠ te lang"));
}

/// Issue 17: a silent PBX showed "Nog geen telefonie gekoppeld." for good. Connecting, and
/// then the reason and a countdown to the next attempt that is true as the clock runs.
#[test]
fn without_a_connection_the_pane_says_why_and_counts_down_to_the_next_attempt() {
    let mut s = ready();
    ev(&mut s, 0, vec![TelEvent::Verbinding(false)]);
    let scherm0 = scherm(&s, 120, 40);
    assert!(
        scherm0.contains("Telefonie: verbinden met de centrale…")
            && !scherm0.contains("Nog geen telefonie gekoppeld"),
        "{scherm0}"
    );
    ev(
        &mut s,
        10,
        vec![
            TelEvent::Verbinding(false),
            TelEvent::Storing {
                reden: "centrale antwoordt niet".into(),
                opnieuw_op: t(40),
            },
        ],
    );
    tik(&mut s, 10);
    let scherm1 = scherm(&s, 200, 40);
    assert!(
        scherm1.contains(
            "Telefonie: geen verbinding met de centrale (centrale antwoordt niet); nieuwe poging over 30 s"
        ),
        "{scherm1}"
    );
    assert!(
        scherm1.contains("De rest van de desk werkt door."),
        "{scherm1}"
    );
    assert!(
        scherm1.contains("☎ geen verbinding met de centrale"),
        "{scherm1}"
    );
    tik(&mut s, 31);
    assert!(scherm(&s, 120, 40).contains("nieuwe poging over 9 s"));
    tik(&mut s, 40);
    assert!(scherm(&s, 120, 40).contains("nieuwe poging loopt"));
    // In the four-pane view at 80x24 the line wraps; the countdown is still there.
    let klein = scherm(&s, 80, 24);
    assert!(klein.contains("geen verbinding"), "{klein}");
    // Connected again: the queue as before.
    ev(&mut s, 41, vec![TelEvent::Verbinding(true)]);
    assert!(scherm(&s, 120, 40).contains("☎ 0 wachtend"));
}

fn statussen(effects: &[Effect]) -> Vec<(AgentStatus, Option<String>)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Telefonie(TelEffect::BewaarStatus(s)) => Some((s.status, s.reden.clone())),
            _ => None,
        })
        .collect()
}

/// A desk with a PBX (answering on the phone), in a call with caller "1" since t(5).
fn in_gesprek() -> State {
    let mut s = ready();
    s.telefonie.op_toestel = true;
    ev(&mut s, 0, vec![TelEvent::Verbinding(true), binnen("1", 0)]);
    ev(
        &mut s,
        5,
        vec![
            TelEvent::Aangeboden {
                id: "1".into(),
                op: t(5),
            },
            TelEvent::Weg {
                id: "1".into(),
                aangenomen_door: Some(None),
                op: t(5),
            },
            TelEvent::Verbonden {
                id: "1".into(),
                op: t(5),
            },
        ],
    );
    assert_eq!(s.telefonie.status, AgentStatus::InGesprek);
    s
}

/// Issue 17: with the connection gone, F6 sent a hang-up into the void and the desk stayed
/// "in gesprek". Now F6 ends the call at the desk: recorded, nawerk and the wrap-up open.
#[test]
fn f6_without_a_connection_ends_the_call_at_the_desk_and_opens_the_wrap_up() {
    let mut s = in_gesprek();
    ev(
        &mut s,
        30,
        vec![
            TelEvent::Verbinding(false),
            TelEvent::Storing {
                reden: "verbinding verbroken".into(),
                opnieuw_op: t(32),
            },
        ],
    );
    // Status keys cannot reach the PBX: said so, nothing changes.
    let eff = tel(&mut s, 40, TelMsg::Pauze);
    assert!(statussen(&eff).is_empty() && !s.telefonie.pauze_kiezen);
    assert!(
        s.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("Geen verbinding met de centrale"))
    );
    let eff = tel(&mut s, 60, TelMsg::AannemenOphangen);
    assert!(s.telefonie.gesprek.is_none());
    assert_eq!(s.telefonie.status, AgentStatus::Nawerk);
    assert!(s.registratie.is_some(), "the wrap-up opens");
    let g = gesprekken(&eff);
    assert!(
        g.iter()
            .any(|g| g.extern_id == "1" && g.beeindigd_op == Some(t(60))),
        "{g:?}"
    );
}

/// After a reconnect the PBX's QueueMember sets the desk's state (recorded, not sent back);
/// the desk's own nawerk stays and is sent again; the desk's call that the PBX no longer has
/// is closed with a record and its reason, and the wrap-up opens.
#[test]
fn the_rebuild_sets_the_agents_state_and_closes_a_call_that_ended_meanwhile() {
    let lid = |gepauzeerd: bool, reden: Option<&str>, in_gesprek: bool| Lidmaatschap {
        lid: true,
        gepauzeerd,
        reden: reden.map(String::from),
        in_gesprek,
    };
    let herbouwd = |lid: Lidmaatschap| {
        vec![
            TelEvent::Verbinding(true),
            TelEvent::Herbouwd {
                wachtend: vec![],
                lid: Some(lid),
                op: t(100),
            },
        ]
    };

    // The call ended during the outage; a colleague's call from before is no longer followed.
    let mut s = in_gesprek();
    ev(
        &mut s,
        20,
        vec![
            binnen("2", 10),
            TelEvent::Weg {
                id: "2".into(),
                aangenomen_door: Some(Some("Fatima".into())),
                op: t(20),
            },
        ],
    );
    assert!(s.telefonie.lopend.contains_key("2"));
    ev(&mut s, 30, vec![TelEvent::Verbinding(false)]);
    let eff = ev(&mut s, 100, herbouwd(lid(false, None, false)));
    assert!(
        s.telefonie.lopend.is_empty(),
        "{:?}",
        s.telefonie.lopend.keys()
    );
    assert!(!gesprekken(&eff).iter().any(|g| g.extern_id == "2"));
    assert!(s.telefonie.gesprek.is_none());
    assert_eq!(s.telefonie.status, AgentStatus::Nawerk);
    assert!(s.registratie.is_some());
    let g = gesprekken(&eff);
    assert!(
        g.iter().any(|g| g.extern_id == "1"
            && g.afgebroken_op == Some(t(100))
            && g.afgebroken_reden.as_deref() == Some(super::REDEN_GESPREK_WEG_BIJ_HERVERBINDEN)),
        "{g:?}"
    );
    assert_eq!(
        s.telefonie.nawerk.as_ref().map(|n| (n.begin, n.einde)),
        Some((t(5), t(30))),
        "talk time up to the moment the connection went"
    );
    // Nawerk is the desk's: the PBX (not paused) is told again.
    assert_eq!(
        commands(&eff).last(),
        Some(&TelCommand::Status(AgentStatus::Nawerk, None))
    );

    // Still in the call at the PBX: nothing changes.
    let mut s = in_gesprek();
    ev(&mut s, 30, vec![TelEvent::Verbinding(false)]);
    let eff = ev(&mut s, 100, herbouwd(lid(false, None, true)));
    assert_eq!(s.telefonie.status, AgentStatus::InGesprek);
    assert!(
        s.telefonie.lopend.contains_key("1"),
        "its own call is followed on"
    );
    assert!(gesprekken(&eff).is_empty() && s.registratie.is_none());

    // Paused at the PBX (a supervisor, or another screen): the desk shows it, records it and
    // sends nothing back; not a member: afgemeld.
    let mut s = ready();
    s.telefonie.op_toestel = true;
    ev(&mut s, 0, vec![TelEvent::Verbinding(true)]);
    tel(&mut s, 1, TelMsg::Beschikbaar);
    let eff = ev(&mut s, 100, herbouwd(lid(true, Some("lunch"), false)));
    assert_eq!(
        (s.telefonie.status, s.telefonie.pauze_reden.as_deref()),
        (AgentStatus::Pauze, Some("lunch"))
    );
    assert_eq!(
        statussen(&eff),
        vec![(AgentStatus::Pauze, Some("lunch".into()))]
    );
    assert!(commands(&eff).is_empty());
    let eff = ev(&mut s, 101, herbouwd(lid(true, Some("lunch"), false)));
    assert!(
        statussen(&eff).is_empty(),
        "the same state is not recorded twice"
    );
    let eff = ev(&mut s, 102, herbouwd(Lidmaatschap::default()));
    assert_eq!(s.telefonie.status, AgentStatus::Afgemeld);
    assert_eq!(statussen(&eff), vec![(AgentStatus::Afgemeld, None)]);
    let eff = ev(&mut s, 103, herbouwd(lid(false, None, false)));
    assert_eq!(s.telefonie.status, AgentStatus::Beschikbaar);
    assert!(commands(&eff).is_empty());
}

#[test]
fn the_desk_follows_a_bounded_number_of_calls_whatever_the_source_sends() {
    let mut s = ready();
    ev(&mut s, 0, vec![TelEvent::Verbinding(true)]);
    for i in 0..3 * MAX_GEVOLGD {
        ev(&mut s, 1, vec![binnen(&i.to_string(), 0)]);
        ev(
            &mut s,
            1,
            vec![TelEvent::Collega {
                naam: format!("collega {i}"),
                status: AgentStatus::Beschikbaar,
                op: t(1),
            }],
        );
    }
    let tel = &s.telefonie;
    assert!(tel.lopend.len() <= MAX_GEVOLGD, "{}", tel.lopend.len());
    assert!(tel.wachtenden.len() <= MAX_GEVOLGD);
    assert!(tel.collegas.len() <= MAX_GEVOLGD);
    assert!(tel.bellers.len() <= MAX_GEVOLGD);
    // The newest are the ones followed.
    assert!(tel.lopend.contains_key(&(3 * MAX_GEVOLGD - 1).to_string()));

    // Today's figures keep at most MAX_VANDAAG calls.
    let oud = crate::domain::telefonie::Gesprek::uit_tijden(t(0), Some(t(1)), None, None);
    s.telefonie.vandaag = vec![(oud, None); super::MAX_VANDAAG];
    ev(&mut s, 2, vec![binnen("laatste", 2)]);
    ev(
        &mut s,
        3,
        vec![TelEvent::Weg {
            id: "laatste".into(),
            aangenomen_door: None,
            op: t(3),
        }],
    );
    assert_eq!(s.telefonie.vandaag.len(), super::MAX_VANDAAG);
    assert!(
        s.telefonie
            .vandaag
            .last()
            .is_some_and(|(g, _)| g.verlaten_op == Some(t(3)))
    );
}

/// The seed corpus, mutated, through the AMI parser and translator into the desk's update,
/// mixed with the agent's keys and clock ticks: never a panic, the state stays bounded, and
/// the desk draws whatever state it reached.
fn verkeer() -> impl Strategy<Value = (Vec<u8>, Vec<(u8, usize)>)> {
    let corpus: Vec<Vec<u8>> = crate::telefonie::ami::corpus()
        .into_iter()
        .map(|(_, t)| t.into_bytes())
        .collect();
    (
        0..corpus.len(),
        proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..30),
        proptest::collection::vec((0u8..10, 1usize..400), 1..30),
    )
        .prop_map(move |(i, mutaties, stappen)| {
            let mut b = corpus[i].clone();
            for (plek, byte) in mutaties {
                let at = plek.index(b.len().max(1)).min(b.len().saturating_sub(1));
                match byte % 3 {
                    0 if !b.is_empty() => b[at] = byte,
                    1 if !b.is_empty() => {
                        b.remove(at);
                    }
                    _ => b.insert(at.min(b.len()), byte),
                }
            }
            (b, stappen)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mutated_pbx_traffic_and_keys_never_panic_the_desk_nor_grow_its_state(
        (bytes, stappen) in verkeer(),
    ) {
        use crate::telefonie::ami::{Gelezen, Parser, Vertaler};
        let mut s = ready();
        s.telefonie.op_toestel = true;
        let mut p = Parser::new();
        let mut v = Vertaler::new("PJSIP/2001", "kcc");
        v.reset();
        ev(&mut s, 0, vec![TelEvent::Verbinding(true)]);
        let mut at = 0i64;
        let mut rest: &[u8] = &bytes;
        for (soort, n) in stappen {
            at += 1;
            match soort {
                0 => { tel(&mut s, at, TelMsg::AannemenOphangen); }
                1 => { tel(&mut s, at, TelMsg::Beschikbaar); }
                2 => { tel(&mut s, at, TelMsg::PauzeReden((n % 7) as u8)); }
                3 => { tel(&mut s, at, TelMsg::Afmelden); }
                4 => { ev(&mut s, at, vec![TelEvent::Verbinding(false)]); v.reset(); }
                5 => tik(&mut s, at + 30),
                _ => {
                    let (stuk, over) = rest.split_at(n.min(rest.len()));
                    rest = over;
                    let mut events = Vec::new();
                    for g in p.voed(stuk) {
                        if let Gelezen::Bericht(b) = g {
                            events.extend(v.vertaal(&b, t(at)));
                        }
                    }
                    ev(&mut s, at, events);
                }
            }
        }
        let tel = &s.telefonie;
        prop_assert!(tel.lopend.len() <= MAX_GEVOLGD);
        prop_assert!(tel.wachtenden.len() <= MAX_GEVOLGD);
        prop_assert!(tel.collegas.len() <= MAX_GEVOLGD);
        let _ = scherm(&s, 80, 24);
    }
}
