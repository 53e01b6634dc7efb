//! How the Zaak/klant pane answers its messages: searching klanten and zaken, the klantbeeld
//! and the zaak (audited), revealing a BSN, editing a klant's contact details, and what the
//! store reported.

use super::ZkMsg;
use crate::app::{
    Ctx, Effect, Pane, Rol, State, View, ZkEffect, afspraak_direct_zoeken, afspraak_openen,
    betrokkene, zaak_klant, zk,
};

/// Apply a message of this feature; what has to happen outside goes into `effects`.
pub fn update(state: &mut State, ctx: &Ctx, msg: ZkMsg, effects: &mut Vec<Effect>) {
    match msg {
        ZkMsg::FormEdit(e) => {
            if let Some(f) = state.zaak_klant.form.as_mut() {
                f.edit(e);
            }
        }
        ZkMsg::Edit(e) => zk(effects, state.zaak_klant.edit(e)),
        ZkMsg::ZoekChar(c) => {
            state.voorwerk(ctx.nu);
            zk(effects, state.zaak_klant.type_char(c));
        }
        ZkMsg::ZoekBackspace => zk(effects, state.zaak_klant.backspace()),
        ZkMsg::ZoekWissen => state.zaak_klant.clear(),
        ZkMsg::ZoekStart(c) if state.focus == Pane::Kennisbank => {
            let dag = state.now.date_naive();
            if state.kennisbank.open.is_some() {
                state.kennisbank.back(dag);
                state.zoomed = false;
            }
            state.kennisbank.input_active = true;
            state.kennisbank.clear(dag);
            state.kennisbank.type_char(c, dag);
        }
        ZkMsg::ZoekStart(c) => {
            state.zaak_klant.new_search();
            state.focus = Pane::ZaakKlant;
            state.zoomed = false;
            state.voorwerk(ctx.nu);
            zk(effects, state.zaak_klant.type_char(c));
        }
        ZkMsg::ZoekActiveren => {
            state.zaak_klant.new_search();
            state.focus = Pane::ZaakKlant;
            state.zoomed = false;
        }
        ZkMsg::Up => state.zaak_klant.up(),
        ZkMsg::Down => state.zaak_klant.down(),
        ZkMsg::Lijst(mv) => state.zaak_klant.lijst(mv),
        ZkMsg::Open => zk(effects, state.zaak_klant.open_selected()),
        ZkMsg::Back => {
            state.zaak_klant.back();
            if state.zaak_klant.view == View::Zoeken {
                state.zoomed = false;
            }
        }
        ZkMsg::BsnTonen => zk(effects, state.zaak_klant.toggle_bsn()),
        ZkMsg::KlantWijzigen => {
            if let Some(k) = &state.zaak_klant.klant {
                state.zaak_klant.form = Some(zaak_klant::KlantForm::wijzigen(k));
            }
        }
        ZkMsg::KlantNieuw => {
            state.zaak_klant.form = Some(zaak_klant::KlantForm::nieuw(&state.zaak_klant.query));
            state.focus = Pane::ZaakKlant;
            state.zoomed = true;
        }
        ZkMsg::AuditTonen => {
            // A supervisor, or the privacy officer (a role the desk knows from the sign-in).
            let privacy = state
                .aanmelden
                .wie
                .as_ref()
                .is_some_and(|w| w.rol == crate::identiteit::ServerRol::Privacy);
            if ctx.rol() != Rol::Supervisor && !privacy {
                state.notify(
                    "De inzagelog is alleen voor een supervisor of de privacy officer.".into(),
                    true,
                );
            } else if let Some(k) = &state.zaak_klant.klant {
                effects.push(Effect::ZaakKlant(ZkEffect::Audit(k.id)));
            }
        }
        ZkMsg::FormChar(_)
        | ZkMsg::FormBackspace
        | ZkMsg::FormNext
        | ZkMsg::FormPrev
        | ZkMsg::FormEnter
        | ZkMsg::FormSave
        | ZkMsg::FormCancel => {
            let klant = state.zaak_klant.klant.as_ref().map(|k| k.id);
            let zk_view = state.zaak_klant.view;
            if let Some(f) = state.zaak_klant.form.as_mut()
                && !f.bezig
            {
                match msg {
                    ZkMsg::FormChar(c) => f.type_char(c),
                    ZkMsg::FormBackspace => f.backspace(),
                    ZkMsg::FormNext => f.next(),
                    ZkMsg::FormPrev => f.prev(),
                    ZkMsg::FormEnter if !f.on_last() => f.next(),
                    ZkMsg::FormCancel => {
                        state.zaak_klant.form = None;
                        if zk_view == View::Zoeken {
                            state.zoomed = false;
                        }
                    }
                    _ => {
                        if let Some(w) = f.submit(klant) {
                            effects.push(Effect::ZaakKlant(ZkEffect::Wijzig(w)));
                        }
                    }
                }
            }
        }
        ZkMsg::ContactGewijzigd(k, n) => {
            state.zaak_klant.klant_loaded(*k);
            state.notify(
                if n == 0 {
                    "Geen wijzigingen.".into()
                } else {
                    "Contactgegevens opgeslagen.".into()
                },
                false,
            );
        }
        ZkMsg::AuditLoaded(id, rows) => {
            if state.zaak_klant.klant.as_ref().is_some_and(|k| k.id == id) {
                state.zaak_klant.audit = Some(rows);
            }
        }
        ZkMsg::AanvragerOpenen => zk(effects, state.zaak_klant.open_aanvrager()),
        ZkMsg::Zoekresultaat { seq, treffers } => {
            zk(effects, state.zaak_klant.hits(seq, treffers));
        }
        ZkMsg::KlantbeeldLoaded(k) => {
            state.voorwerk(ctx.nu);
            // The linked klant's own details (a screen pop knew only the name).
            if let Some(c) = state.contact.as_mut() {
                c.verrijk(&betrokkene(&k));
            }
            let (id, naam) = (k.id, k.naam.clone());
            state.zaak_klant.klant_loaded(*k);
            // A screen pop that arrives after the agent moved on (to the kennisbank, say)
            // waits in its pane instead of taking the keys they are typing.
            match state.screen_pop_focus.take() {
                Some(voor) if voor != state.focus => state.notify(
                    format!("Klantbeeld van {naam} staat klaar in Zaak/Klant (F4)."),
                    false,
                ),
                _ => {
                    state.focus = Pane::ZaakKlant;
                    state.zoomed = true;
                }
            }
            if state.afspraak_na_laden.take() == Some(id) {
                afspraak_openen(state, id, naam);
                afspraak_direct_zoeken(state, ctx, effects);
            }
        }
        ZkMsg::BsnVrijgegeven(id) => state.zaak_klant.bsn_logged(id),
        ZkMsg::ZaakLoaded(z) => {
            state.voorwerk(ctx.nu);
            state.zaak_klant.zaak_loaded(*z);
            state.focus = Pane::ZaakKlant;
            state.zoomed = true;
        }
        ZkMsg::NietGevonden(wat) => {
            state.zaak_klant.laden = false;
            state.notify(format!("De {wat} is niet (meer) gevonden."), true);
        }
    }
}
