//! State of the Kennisbank pane: the search field, its hits and the open article. The articles
//! themselves are loaded once, in the background, and searched in memory.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::kennisbank::{self, Doel, Kennisbank};

/// A beslisboom being walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    /// The beslisboom article.
    pub boom: String,
    /// The choices made: (knoop id, keuze index).
    pub pad: Vec<(String, usize)>,
    /// Ended on this afhandeling.
    pub einde: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct KennisbankPane {
    /// None until loaded.
    pub kb: Option<Arc<Kennisbank>>,
    pub query: String,
    pub input_active: bool,
    /// Ids of the hits for `query`, best first.
    pub treffers: Vec<String>,
    pub selected: usize,
    /// The article on screen.
    pub open: Option<String>,
    pub scroll: u16,
    /// The beslisboom being walked, when one is open (or was, on the way to an article).
    pub walk: Option<Walk>,
}

impl KennisbankPane {
    pub fn loaded(&mut self, kb: Kennisbank, dag: NaiveDate) {
        self.kb = Some(Arc::new(kb));
        self.refresh(dag);
    }

    fn refresh(&mut self, dag: NaiveDate) {
        self.selected = 0;
        self.treffers = match &self.kb {
            Some(kb) => kennisbank::zoek(kb, &self.query, dag)
                .into_iter()
                .map(|a| a.id.clone())
                .collect(),
            None => Vec::new(),
        };
    }

    pub fn type_char(&mut self, c: char, dag: NaiveDate) {
        if self.query.chars().count() < 60 && !c.is_control() {
            self.query.push(c);
            self.refresh(dag);
        }
    }

    pub fn backspace(&mut self, dag: NaiveDate) {
        if self.query.pop().is_some() {
            self.refresh(dag);
        }
    }

    pub fn clear(&mut self, dag: NaiveDate) {
        self.query.clear();
        self.refresh(dag);
    }

    pub fn up(&mut self) {
        if self.open.is_some() {
            self.scroll = self.scroll.saturating_sub(1);
        } else {
            self.selected = self.selected.saturating_sub(1);
        }
    }

    pub fn down(&mut self) {
        if self.open.is_some() {
            self.scroll = self.scroll.saturating_add(1);
        } else if self.selected + 1 < self.treffers.len() {
            self.selected += 1;
        }
    }

    /// Enter: open the selected article; returns its id (it becomes a bron of the contact).
    pub fn open_selected(&mut self) -> Option<String> {
        let id = self.treffers.get(self.selected)?.clone();
        let is_boom = self
            .kb
            .as_ref()
            .and_then(|kb| kb.artikel(&id))
            .is_some_and(|a| a.beslisboom.is_some());
        self.walk = is_boom.then(|| Walk {
            boom: id.clone(),
            pad: Vec::new(),
            einde: None,
        });
        self.open = Some(id.clone());
        self.scroll = 0;
        self.input_active = false;
        Some(id)
    }

    /// The knoop the walk is at (None when it ended, or no beslisboom is open).
    pub fn huidige_knoop(&self) -> Option<&kennisbank::Knoop> {
        let walk = self.walk.as_ref()?;
        if walk.einde.is_some() || self.open.as_deref() != Some(walk.boom.as_str()) {
            return None;
        }
        let boom = self.kb.as_ref()?.artikel(&walk.boom)?.beslisboom.as_ref()?;
        let mut cur = boom.start.as_str();
        for (k, i) in &walk.pad {
            match boom.knoop(k)?.keuzes.get(*i)?.doel()? {
                Doel::Knoop(n) => cur = n,
                _ => return None,
            }
        }
        boom.knoop(cur)
    }

    /// A number key in a beslisboom: follow keuze `n` (1-based). Returns the article it ends on,
    /// which becomes a bron of the contact.
    pub fn kies(&mut self, n: usize) -> Option<String> {
        let knoop = self.huidige_knoop()?.clone();
        let keuze = knoop.keuzes.get(n.checked_sub(1)?)?;
        let doel = keuze.doel()?;
        let walk = self.walk.as_mut()?;
        walk.pad.push((knoop.id.clone(), n - 1));
        match doel {
            Doel::Knoop(_) => None,
            Doel::Afhandeling(t) => {
                walk.einde = Some(t.to_string());
                None
            }
            Doel::Artikel(a) => {
                self.open = Some(a.to_string());
                self.scroll = 0;
                Some(a.to_string())
            }
        }
    }

    /// Backspace in a beslisboom: one step back (also from the article or afhandeling it ended on).
    pub fn stap_terug(&mut self) {
        let Some(walk) = self.walk.as_mut() else {
            return;
        };
        if self.open.as_deref() != Some(walk.boom.as_str()) {
            self.open = Some(walk.boom.clone());
        }
        walk.einde = None;
        walk.pad.pop();
    }

    /// Esc: article -> hits -> clear the field -> leave the field.
    pub fn back(&mut self, dag: NaiveDate) {
        self.walk = None;
        if self.open.take().is_some() {
            self.input_active = true;
        } else if !self.query.is_empty() {
            self.clear(dag);
        } else {
            self.input_active = false;
        }
    }
}
