//! The first-run form: the medewerker's name and role.

use uuid::Uuid;

use crate::app::text_field::{Edit, TextField};
use crate::config::MedewerkerProfiel;
use crate::domain::Rol;

pub mod jobs;
pub mod keys;
mod update;
pub mod view;
pub use update::update;

/// What the profile form is told: its keys, and that the profile was stored.
#[derive(Debug, Clone, PartialEq)]
pub enum ProfielMsg {
    Char(char),
    Backspace,
    /// Moving or deleting in the name (Home, End, Delete, Ctrl-W); ←/→ are the options.
    Edit(Edit),
    NextField,
    PrevField,
    /// →: the next rol on the rol field, the cursor one on in the name.
    NextOption,
    /// ←: the previous rol on the rol field, the cursor one back in the name.
    PrevOption,
    Submit,
    /// The medewerker record is in the database; the config file is next.
    MedewerkerStored(Box<crate::config::MedewerkerProfiel>),
    /// Both the record and the config file are written.
    Saved(Box<crate::config::MedewerkerProfiel>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProfileField {
    #[default]
    Naam,
    Rol,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProfileForm {
    pub naam: TextField,
    pub rol: Rol,
    pub field: ProfileField,
    /// Shown under the form, in Dutch; the input stays as typed.
    pub error: Option<String>,
    /// Submitted and waiting for the store.
    pub saving: bool,
}

/// Longest name accepted (characters).
const MAX_NAAM: usize = 80;

impl ProfileForm {
    pub fn is_dirty(&self) -> bool {
        !self.naam.trim().is_empty()
    }

    pub fn edit(&mut self, msg: &ProfielMsg) {
        if self.saving {
            return;
        }
        match msg {
            ProfielMsg::Char(c) => {
                if self.field == ProfileField::Naam {
                    self.naam.insert(*c, MAX_NAAM);
                } else if let Some(r) = c
                    .to_digit(10)
                    .and_then(|d| Rol::ALL.get((d as usize).wrapping_sub(1)))
                {
                    self.rol = *r;
                }
            }
            ProfielMsg::Backspace if self.field == ProfileField::Naam => {
                self.naam.backspace();
            }
            ProfielMsg::Edit(e) if self.field == ProfileField::Naam => {
                self.naam.edit(*e);
            }
            // In the name ←/→ move the cursor; on the rol field they choose.
            ProfielMsg::NextOption if self.field == ProfileField::Naam => {
                self.naam.edit(Edit::Right);
            }
            ProfielMsg::PrevOption if self.field == ProfileField::Naam => {
                self.naam.edit(Edit::Left);
            }
            ProfielMsg::NextField | ProfielMsg::PrevField => {
                self.field = match self.field {
                    ProfileField::Naam => ProfileField::Rol,
                    ProfileField::Rol => ProfileField::Naam,
                }
            }
            ProfielMsg::NextOption | ProfielMsg::PrevOption if self.field == ProfileField::Rol => {
                let i = Rol::ALL.iter().position(|r| *r == self.rol).unwrap_or(0);
                let n = Rol::ALL.len();
                let next = if *msg == ProfielMsg::NextOption {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.rol = Rol::ALL[next];
            }
            _ => return,
        }
        self.error = None;
    }

    /// Validate; on success mark the form as saving and return the profile to store.
    pub fn submit(&mut self) -> Option<MedewerkerProfiel> {
        let naam = self.naam.split_whitespace().collect::<Vec<_>>().join(" ");
        if naam.is_empty() {
            self.error = Some("Vul uw naam in.".into());
            self.field = ProfileField::Naam;
            return None;
        }
        if naam.chars().count() < 2 {
            self.error = Some("Een naam heeft minstens twee tekens.".into());
            return None;
        }
        self.error = None;
        self.saving = true;
        Some(MedewerkerProfiel {
            id: Uuid::now_v7(),
            naam,
            rol: self.rol,
            afdeling: None,
        })
    }
}
