//! The notitieblok: a small window where the agent jots something down during a contact (a
//! number the caller reads out, a name to look up). The note belongs to the contact in hand: it
//! survives a restart as the contact does, and a new contact starts with an empty page.
//!
//! A registered feature (see `app/features.rs`): everything it is lives in this folder.

pub mod jobs;
mod view;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::KeyCode;
use serde::{Deserialize, Serialize};

use crate::app::features::{Feature, FeatureEffect, FeatureMsg};
use crate::app::keymap::{Binding, TekstInvoer, alt, bindings, ctrl, key};
use crate::app::text_field::{Edit, TextField};
use crate::app::{Action, Ctx, Effect, State};

/// Its name: the title of its window and of its keys in the help.
pub const NAAM: &str = "Notitieblok";

/// The longest note (characters).
pub const MAX_NOTITIE: usize = 500;

/// The note and whether its window is open.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Notitieblok {
    #[serde(skip)]
    pub open: bool,
    pub tekst: TextField,
    /// The contact it belongs to (when that contact began); none: no contact was in hand.
    pub contact: Option<DateTime<Utc>>,
}

impl Notitieblok {
    /// The note as it stands for the contact in hand: a note of an earlier contact went with it.
    pub fn voor(&self, contact: Option<DateTime<Utc>>) -> Option<&TextField> {
        (self.contact == contact).then_some(&self.tekst)
    }
}

/// What the notitieblok is told.
#[derive(Debug, Clone, PartialEq)]
pub enum NotitieMsg {
    /// Alt-N: open or close the window.
    Wissel,
    Sluiten,
    Char(char),
    Backspace,
    Edit(Edit),
    /// Ctrl-U: an empty page.
    Wissen,
    /// At start: the note this desk kept (JSON).
    Gevonden(String),
}

/// Its work on the store: keep the note (JSON), or none.
#[derive(Debug, Clone, PartialEq)]
pub enum NotitieEffect {
    Bewaar(Option<String>),
}

const fn msg(m: NotitieMsg) -> Action {
    Action::Feature(FeatureMsg::Notitieblok(m))
}

static BINDINGS: &[Binding] = bindings! {
    (Overal, [alt('n')], msg(NotitieMsg::Wissel), "Notitieblok: iets opschrijven bij het contact in behandeling", ""),
    (Feature(NAAM), [key(KeyCode::Left)], msg(NotitieMsg::Edit(Edit::Left)), "Cursor een teken terug", ""),
    (Feature(NAAM), [key(KeyCode::Right)], msg(NotitieMsg::Edit(Edit::Right)), "Cursor een teken verder", ""),
    (Feature(NAAM), [key(KeyCode::Home)], msg(NotitieMsg::Edit(Edit::Home)), "Cursor naar het begin", ""),
    (Feature(NAAM), [key(KeyCode::End)], msg(NotitieMsg::Edit(Edit::End)), "Cursor naar het eind", ""),
    (Feature(NAAM), [key(KeyCode::Delete)], msg(NotitieMsg::Edit(Edit::Delete)), "Teken onder de cursor wissen", ""),
    (Feature(NAAM), [ctrl('w')], msg(NotitieMsg::Edit(Edit::DeleteWord)), "Woord voor de cursor wissen", ""),
    (Feature(NAAM), [key(KeyCode::Backspace)], msg(NotitieMsg::Backspace), "Teken voor de cursor wissen", ""),
    (Feature(NAAM), [ctrl('u')], msg(NotitieMsg::Wissen), "Notitie leegmaken", "leegmaken"),
    (Feature(NAAM), [key(KeyCode::Esc), key(KeyCode::Enter)], msg(NotitieMsg::Sluiten), "Notitieblok sluiten (de notitie blijft bij het contact)", "sluiten"),
};

/// The notitieblok as the hubs see it.
pub static FEATURE: Feature = Feature {
    naam: NAAM,
    bindings: BINDINGS,
    tekst: Some(TekstInvoer {
        actie: |c| Some(msg(NotitieMsg::Char(c))),
        help: "typt in de notitie (plakken kan ook)",
    }),
    open: |s| s.features.notitieblok.open,
    // Over the wrap-up and the afspraak form (a number jotted while registering), under the
    // database error, help and the quit question.
    laag: 6,
    teken: view::teken,
    na_update: Some(contact_gewisseld),
};

/// The note goes with its contact: when that contact ends or another begins, the note is
/// dropped from the desk's database too (it may hold a number or a name).
fn contact_gewisseld(state: &mut State, effects: &mut Vec<Effect>) {
    let contact = contact_in_hand(state);
    let blok = &mut state.features.notitieblok;
    if blok.contact != contact && !blok.tekst.is_empty() {
        blok.tekst.clear();
        blok.contact = contact;
        effects.push(Effect::Feature(FeatureEffect::Notitieblok(
            NotitieEffect::Bewaar(None),
        )));
    }
}

/// The start of the contact in hand, which a note belongs to.
fn contact_in_hand(state: &State) -> Option<DateTime<Utc>> {
    state.contact.as_ref().map(|c| c.begonnen_op)
}

pub fn update(state: &mut State, _ctx: &Ctx, msg: NotitieMsg, effects: &mut Vec<Effect>) {
    let contact = contact_in_hand(state);
    let blok = &mut state.features.notitieblok;
    // A new contact starts with an empty page.
    let nieuw_contact = blok.contact != contact;
    if nieuw_contact && !matches!(msg, NotitieMsg::Gevonden(_)) {
        blok.tekst.clear();
        blok.contact = contact;
    }
    let veranderd = match msg {
        NotitieMsg::Wissel => {
            blok.open = !blok.open;
            nieuw_contact
        }
        NotitieMsg::Sluiten => {
            blok.open = false;
            false
        }
        NotitieMsg::Char(c) => blok.tekst.insert(c, MAX_NOTITIE),
        NotitieMsg::Backspace => blok.tekst.backspace(),
        NotitieMsg::Edit(e) => blok.tekst.edit(e),
        NotitieMsg::Wissen => {
            let had = !blok.tekst.is_empty();
            blok.tekst.clear();
            had
        }
        NotitieMsg::Gevonden(json) => {
            // What the store hands back is read as from outside: a note longer than the
            // notitieblok takes is refused as garbage is.
            match serde_json::from_str::<Notitieblok>(&json) {
                Ok(n) if n.tekst.len() <= MAX_NOTITIE => *blok = n,
                _ => state.notify(
                    "De notitie van de vorige keer kon niet worden gelezen; het notitieblok begint leeg."
                        .into(),
                    true,
                ),
            }
            false
        }
    };
    if veranderd {
        let blok = &state.features.notitieblok;
        let bewaard = (!blok.tekst.is_empty())
            .then(|| serde_json::to_string(blok).ok())
            .flatten();
        effects.push(Effect::Feature(FeatureEffect::Notitieblok(
            NotitieEffect::Bewaar(bewaard),
        )));
    }
}

#[cfg(test)]
mod tests;
