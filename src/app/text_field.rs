//! One text field: its text and a cursor. Fields that use it move, delete and paste alike; each
//! field keeps its own limit (in characters) and passes it in.

use serde::{Deserialize, Serialize};

/// An edit of the text field in focus, bound to the same keys in every field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// ← one character back.
    Left,
    /// → one character on.
    Right,
    /// Home: to the start.
    Home,
    /// End: to the end.
    End,
    /// Delete: the character under the cursor.
    Delete,
    /// Ctrl-W: the word before the cursor (and the spaces after it).
    DeleteWord,
}

/// A one-line text with a cursor, counted in characters (never inside a UTF-8 sequence). Kept
/// and exchanged as its plain text; the cursor then stands at the end.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct TextField {
    text: String,
    /// Characters before the cursor.
    cursor: usize,
}

impl From<String> for TextField {
    fn from(text: String) -> Self {
        let cursor = text.chars().count();
        TextField { text, cursor }
    }
}

impl From<&str> for TextField {
    fn from(text: &str) -> Self {
        TextField::from(text.to_string())
    }
}

impl From<TextField> for String {
    fn from(f: TextField) -> String {
        f.text
    }
}

impl std::fmt::Display for TextField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// Read as the text it holds (to search with it, trim it, compare it).
impl std::ops::Deref for TextField {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl PartialEq<&str> for TextField {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl PartialEq<str> for TextField {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl TextField {
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Length in characters.
    pub fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The text before and after the cursor (to draw it there).
    pub fn split_at_cursor(&self) -> (&str, &str) {
        self.text.split_at(self.byte(self.cursor))
    }

    /// The byte offset of character `n` (the end when past it).
    fn byte(&self, n: usize) -> usize {
        self.text
            .char_indices()
            .nth(n)
            .map_or(self.text.len(), |(b, _)| b)
    }

    /// Type `c` at the cursor. Refused (false) when the field holds `max` characters or `c` is a
    /// control character.
    pub fn insert(&mut self, c: char, max: usize) -> bool {
        if c.is_control() || self.len() >= max {
            return false;
        }
        let at = self.byte(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
        true
    }

    /// Backspace: the character before the cursor. False when there is none.
    pub fn backspace(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        let at = self.byte(self.cursor - 1);
        self.text.remove(at);
        self.cursor -= 1;
        true
    }

    /// Apply `e`; true when the text changed (a search then runs again).
    pub fn edit(&mut self, e: Edit) -> bool {
        let len = self.len();
        match e {
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(len),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = len,
            Edit::Delete => {
                if self.cursor < len {
                    let at = self.byte(self.cursor);
                    self.text.remove(at);
                    return true;
                }
            }
            Edit::DeleteWord => {
                let voor: Vec<char> = self.text.chars().take(self.cursor).collect();
                let mut n = voor.len();
                while n > 0 && voor[n - 1].is_whitespace() {
                    n -= 1;
                }
                while n > 0 && !voor[n - 1].is_whitespace() {
                    n -= 1;
                }
                if n < self.cursor {
                    let (van, tot) = (self.byte(n), self.byte(self.cursor));
                    self.text.replace_range(van..tot, "");
                    self.cursor = n;
                    return true;
                }
            }
        }
        false
    }

    /// Empty the field.
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Replace the text; the cursor goes to its end.
    pub fn set(&mut self, text: &str) {
        *self = TextField::from(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn veld(s: &str) -> TextField {
        TextField::from(s)
    }

    #[test]
    fn typing_goes_in_at_the_cursor_and_respects_the_limit() {
        let mut f = veld("Jan Vries");
        for _ in 0..5 {
            f.edit(Edit::Left);
        }
        assert!(f.insert('d', 20) && f.insert('e', 20) && f.insert(' ', 20));
        assert_eq!(f.as_str(), "Jan de Vries");
        assert_eq!(f.cursor(), 7);
        assert_eq!(f.split_at_cursor(), ("Jan de ", "Vries"));
        assert!(!f.insert('x', 12), "full");
        assert!(!f.insert('\n', 40), "no control characters");
        assert_eq!(f.as_str(), "Jan de Vries");
    }

    #[test]
    fn moving_never_leaves_the_text_and_counts_characters_not_bytes() {
        let mut f = veld("één");
        assert_eq!(f.cursor(), 3);
        f.edit(Edit::Right);
        assert_eq!(f.cursor(), 3);
        f.edit(Edit::Home);
        f.edit(Edit::Left);
        assert_eq!(f.cursor(), 0);
        f.edit(Edit::Right);
        assert!(f.insert('x', 10));
        assert_eq!(f.as_str(), "éxén");
        assert!(f.backspace());
        assert!(f.edit(Edit::Delete));
        assert_eq!(f.as_str(), "én");
        f.edit(Edit::End);
        assert!(!f.edit(Edit::Delete), "nothing under the cursor at the end");
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor() {
        let mut f = veld("paspoort  aanvragen ");
        assert!(f.edit(Edit::DeleteWord));
        assert_eq!(f.as_str(), "paspoort  ");
        assert!(f.edit(Edit::DeleteWord));
        assert_eq!(f.as_str(), "");
        assert!(!f.edit(Edit::DeleteWord));
        let mut g = veld("verhuizing doorgeven");
        g.edit(Edit::Home);
        for _ in 0..10 {
            g.edit(Edit::Right);
        }
        assert!(g.edit(Edit::DeleteWord));
        assert_eq!((g.as_str(), g.cursor()), (" doorgeven", 0));
    }

    #[test]
    fn it_is_kept_as_its_plain_text() {
        let f = veld("Afvalkalender");
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(json, "\"Afvalkalender\"");
        let terug: TextField = serde_json::from_str(&json).unwrap();
        assert_eq!((terug.as_str(), terug.cursor()), ("Afvalkalender", 13));
    }
}
