//! State of the Kennisbank pane: the search field, its hits and the open article. The articles
//! themselves are loaded once, in the background, and searched in memory.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::kennisbank::{self, Kennisbank};

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
        self.open = Some(id.clone());
        self.scroll = 0;
        self.input_active = false;
        Some(id)
    }

    /// Esc: article -> hits -> clear the field -> leave the field.
    pub fn back(&mut self, dag: NaiveDate) {
        if self.open.take().is_some() {
            self.input_active = true;
        } else if !self.query.is_empty() {
            self.clear(dag);
        } else {
            self.input_active = false;
        }
    }
}
