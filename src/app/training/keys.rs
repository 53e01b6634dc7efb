//! The keys of the training, one a line: (mode, keys, action, what the help says, the hint
//! line's word: empty is not in the hint line). `keymap::alle` reads them with every other table.

use ratatui::crossterm::event::KeyCode;

use crate::app::Action;
use crate::app::keymap::{Binding, bindings, key};
use crate::app::training::TrainingMsg;

pub static BINDINGS: &[Binding] = bindings! {
    (Overal, [key(KeyCode::F(10))], Action::Training(TrainingMsg::Beoordeling), "Training: de beoordeling tot nu toe (loket training)", ""),
    (TrainingBeoordeling, [key(KeyCode::Esc)], Action::Training(TrainingMsg::Beoordeling), "Beoordeling sluiten", "sluiten"),
    (TrainingBeoordeling, [key(KeyCode::Down)], Action::Training(TrainingMsg::Scroll(1)), "Verder lezen", ""),
    (TrainingBeoordeling, [key(KeyCode::Up)], Action::Training(TrainingMsg::Scroll(-1)), "Terug lezen", ""),
};
