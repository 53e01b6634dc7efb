//! One cursor for every list: the chosen row, moved alike in each list (↑/↓, PgUp/PgDn,
//! Home/End), kept in range when the list changes under it, and kept on the chosen item when a
//! typed text narrows the list. The list itself stays with its feature; the cursor is told its
//! length at every move, so it never points past the end and never panics.

/// A move of the cursor, bound to the same keys in every list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// ↑ one row up.
    Up,
    /// ↓ one row down.
    Down,
    /// PgUp: a page up.
    PageUp,
    /// PgDn: a page down.
    PageDown,
    /// Home: the first row.
    First,
    /// End: the last row.
    Last,
}

/// Rows in a page for PgUp/PgDn. `update` does not know how tall the window is (drawing is a
/// function of the state, not the other way round), so a page is the same in every list: about
/// what the smaller windows show.
pub const PAGE: usize = 10;

/// The chosen row of a list. An empty list has row 0 chosen and [`ListCursor::get`] gives none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct ListCursor {
    selected: usize,
}

impl ListCursor {
    /// On the first row.
    pub const fn new() -> Self {
        ListCursor { selected: 0 }
    }

    /// The chosen row (0 in an empty list).
    pub fn index(self) -> usize {
        self.selected
    }

    /// The chosen item of `items` (none in an empty list).
    pub fn get<T>(self, items: &[T]) -> Option<&T> {
        items.get(self.selected)
    }

    /// The chosen item of `items`, to change it.
    pub fn get_mut<T>(self, items: &mut [T]) -> Option<&mut T> {
        items.get_mut(self.selected)
    }

    /// Back to the first row (a new list).
    pub fn reset(&mut self) {
        self.selected = 0;
    }

    /// Choose row `index`, or the last one when the list is shorter.
    pub fn select(&mut self, index: usize, len: usize) {
        self.selected = index.min(len.saturating_sub(1));
    }

    /// The list now holds `len` rows: the chosen row stays, or becomes the last one.
    pub fn clamp(&mut self, len: usize) {
        self.select(self.selected, len);
    }

    /// One row up; stops at the first.
    pub fn up(&mut self, len: usize) {
        self.select(self.selected.saturating_sub(1), len);
    }

    /// One row down; stops at the last.
    pub fn down(&mut self, len: usize) {
        self.select(self.selected.saturating_add(1), len);
    }

    /// One row up; from the first to the last.
    pub fn up_wrapping(&mut self, len: usize) {
        self.selected = match len {
            0 => 0,
            _ if self.selected == 0 || self.selected >= len => len - 1,
            _ => self.selected - 1,
        };
    }

    /// One row down; from the last to the first.
    pub fn down_wrapping(&mut self, len: usize) {
        self.selected = if self.selected.saturating_add(1) < len {
            self.selected + 1
        } else {
            0
        };
    }

    /// `page` rows up; stops at the first.
    pub fn page_up(&mut self, len: usize, page: usize) {
        self.select(self.selected.saturating_sub(page.max(1)), len);
    }

    /// `page` rows down; stops at the last.
    pub fn page_down(&mut self, len: usize, page: usize) {
        self.select(self.selected.saturating_add(page.max(1)), len);
    }

    /// The first row.
    pub fn first(&mut self) {
        self.selected = 0;
    }

    /// The last row.
    pub fn last(&mut self, len: usize) {
        self.selected = len.saturating_sub(1);
    }

    /// Apply a move in a list that stops at its ends. Returns whether the row changed.
    pub fn apply(&mut self, mv: Move, len: usize) -> bool {
        self.apply_with(mv, len, false)
    }

    /// Apply a move in a list where ↑ on the first row goes to the last and ↓ on the last to the
    /// first (pages and Home/End still stop at the ends). Returns whether the row changed.
    pub fn apply_wrapping(&mut self, mv: Move, len: usize) -> bool {
        self.apply_with(mv, len, true)
    }

    fn apply_with(&mut self, mv: Move, len: usize, wrapping: bool) -> bool {
        let voor = self.selected;
        match mv {
            Move::Up if wrapping => self.up_wrapping(len),
            Move::Down if wrapping => self.down_wrapping(len),
            Move::Up => self.up(len),
            Move::Down => self.down(len),
            Move::PageUp => self.page_up(len, PAGE),
            Move::PageDown => self.page_down(len, PAGE),
            Move::First => self.first(),
            Move::Last => self.last(len),
        }
        self.selected != voor
    }

    /// The list was filtered or searched anew. `was` is the key of the item chosen before (take
    /// it from the old list before replacing it), `keys` the keys of the new list in order.
    ///
    /// A cursor that was moved off the first row stays on its item while that item is still
    /// shown; otherwise (never moved, or its item filtered away) it goes to the first match.
    /// In a list that only narrows, the first row stays the first match either way; in a list
    /// ranked anew at every keystroke, the best match stays chosen until the agent moves.
    pub fn refilter<K: PartialEq>(&mut self, was: Option<K>, keys: impl IntoIterator<Item = K>) {
        if self.selected == 0 {
            return;
        }
        self.keep(was, keys);
    }

    /// The list was loaded again (its rows may have moved, come or gone): the item chosen
    /// before stays chosen wherever it now is; when it is gone, the first row. `was` and
    /// `keys` as in [`ListCursor::refilter`].
    pub fn keep<K: PartialEq>(&mut self, was: Option<K>, keys: impl IntoIterator<Item = K>) {
        self.selected = was
            .and_then(|was| keys.into_iter().position(|k| k == was))
            .unwrap_or(0);
    }

    /// Filter `items` with `keep` and keep the cursor as [`ListCursor::refilter`] does; the
    /// cursor stood in `shown`, the rows (indices into `items`) shown before. Returns the rows
    /// shown now.
    pub fn filter<T>(
        &mut self,
        items: &[T],
        shown: &[usize],
        keep: impl Fn(&T) -> bool,
    ) -> Vec<usize> {
        let nu: Vec<usize> = (0..items.len()).filter(|&i| keep(&items[i])).collect();
        self.refilter(self.get(shown).copied(), nu.iter().copied());
        nu
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(i: usize) -> ListCursor {
        ListCursor { selected: i }
    }

    #[test]
    fn an_empty_list_never_moves_and_has_nothing_chosen() {
        for mv in [
            Move::Up,
            Move::Down,
            Move::PageUp,
            Move::PageDown,
            Move::First,
            Move::Last,
        ] {
            let mut c = ListCursor::new();
            assert!(!c.apply(mv, 0), "{mv:?}");
            assert_eq!(c.index(), 0);
            assert!(!c.apply_wrapping(mv, 0), "{mv:?}");
            assert_eq!(c.index(), 0);
            assert_eq!(c.get::<u8>(&[]), None);
        }
        let mut c = at(5);
        c.clamp(0);
        assert_eq!(c.index(), 0);
        let mut c = at(5);
        c.up_wrapping(0);
        assert_eq!(c.index(), 0);
        c.down_wrapping(0);
        assert_eq!(c.index(), 0);
    }

    #[test]
    fn up_and_down_stop_at_the_ends() {
        let mut c = ListCursor::new();
        c.up(3);
        assert_eq!(c.index(), 0);
        c.down(3);
        c.down(3);
        c.down(3);
        assert_eq!(c.index(), 2);
        assert!(!c.apply(Move::Down, 3));
        assert!(c.apply(Move::Up, 3));
        assert_eq!(c.index(), 1);
    }

    #[test]
    fn wrapping_goes_round_both_ways() {
        let mut c = ListCursor::new();
        c.up_wrapping(3);
        assert_eq!(c.index(), 2);
        c.down_wrapping(3);
        assert_eq!(c.index(), 0);
        c.down_wrapping(3);
        assert_eq!(c.index(), 1);
        // One row: round and round on it.
        let mut c = ListCursor::new();
        c.up_wrapping(1);
        assert_eq!(c.index(), 0);
        c.down_wrapping(1);
        assert_eq!(c.index(), 0);
        // A cursor left past the end (the list shrank) comes back in range.
        let mut c = at(9);
        c.up_wrapping(3);
        assert_eq!(c.index(), 2);
        let mut c = at(9);
        c.down_wrapping(3);
        assert_eq!(c.index(), 0);
    }

    #[test]
    fn pages_stop_at_the_ends_even_in_a_wrapping_list() {
        let mut c = ListCursor::new();
        c.apply(Move::PageDown, 25);
        assert_eq!(c.index(), PAGE);
        c.apply(Move::PageDown, 25);
        c.apply(Move::PageDown, 25);
        assert_eq!(c.index(), 24);
        c.apply_wrapping(Move::PageDown, 25);
        assert_eq!(c.index(), 24);
        c.apply(Move::PageUp, 25);
        assert_eq!(c.index(), 24 - PAGE);
        c.apply(Move::PageUp, 25);
        c.apply(Move::PageUp, 25);
        assert_eq!(c.index(), 0);
        c.apply_wrapping(Move::PageUp, 25);
        assert_eq!(c.index(), 0);
        // A page of 0 still moves a row; a huge page lands on the last.
        c.page_down(5, 0);
        assert_eq!(c.index(), 1);
        c.page_down(5, usize::MAX);
        assert_eq!(c.index(), 4);
        c.page_up(5, usize::MAX);
        assert_eq!(c.index(), 0);
    }

    #[test]
    fn home_and_end() {
        let mut c = at(3);
        assert!(c.apply(Move::Last, 7));
        assert_eq!(c.index(), 6);
        assert!(!c.apply(Move::Last, 7));
        assert!(c.apply(Move::First, 7));
        assert_eq!(c.index(), 0);
    }

    #[test]
    fn a_list_that_shrinks_below_the_cursor_keeps_it_in_range() {
        let mut c = at(8);
        c.clamp(4);
        assert_eq!(c.index(), 3);
        c.clamp(10);
        assert_eq!(c.index(), 3, "growing keeps the row");
        let mut c = at(8);
        c.up(4);
        assert_eq!(c.index(), 3);
        let mut c = at(8);
        c.down(4);
        assert_eq!(c.index(), 3);
        let mut c = at(8);
        c.select(100, 2);
        assert_eq!(c.index(), 1);
        assert_eq!(c.get(&['a', 'b']), Some(&'b'));
        assert_eq!(
            at(8).get(&['a', 'b']),
            None,
            "an unclamped cursor gets nothing"
        );
    }

    #[test]
    fn refilter_keeps_a_still_shown_item_or_takes_the_first_match() {
        let oud = ["anna", "bert", "carla", "daan"];
        // Moved to carla; "a" still shows her, now third.
        let mut c = at(2);
        let nu = ["anna", "carla", "daan"];
        c.refilter(c.get(&oud).copied(), nu);
        assert_eq!(c.get(&nu), Some(&"carla"));
        // Carla filtered away: the first match.
        let nu = ["bert"];
        let mut c = at(2);
        c.refilter(c.get(&oud).copied(), nu);
        assert_eq!(c.index(), 0);
        // Never moved: the first match, even when the old first is shown further down.
        let mut c = ListCursor::new();
        let nu = ["daan", "anna"];
        c.refilter(c.get(&oud).copied(), nu);
        assert_eq!(c.index(), 0);
        // Narrowed to nothing.
        let mut c = at(3);
        c.refilter(c.get(&oud).copied(), std::iter::empty::<&str>());
        assert_eq!(c.index(), 0);
        // A cursor past the old end had nothing chosen.
        let mut c = at(9);
        c.refilter(c.get(&oud).copied(), oud);
        assert_eq!(c.index(), 0);
    }

    #[test]
    fn keep_follows_the_item_even_from_the_first_row() {
        let oud = ["anna", "bert"];
        let nu = ["nieuw", "anna", "bert"];
        let mut c = ListCursor::new();
        c.keep(c.get(&oud).copied(), nu);
        assert_eq!(c.get(&nu), Some(&"anna"));
        let mut c = at(1);
        c.keep(c.get(&oud).copied(), ["anna"]);
        assert_eq!(c.index(), 0, "gone: the first row");
        let mut c = at(1);
        c.keep(None::<&str>, nu);
        assert_eq!(c.index(), 0);
    }

    #[test]
    fn filter_narrows_and_keeps_the_item() {
        let items = ["anna", "bert", "carla", "daan"];
        let alle: Vec<usize> = (0..items.len()).collect();
        let mut c = at(3);
        let shown = c.filter(&items, &alle, |s| s.contains('a'));
        assert_eq!(shown, vec![0, 2, 3]);
        assert_eq!(c.get(&shown).map(|&i| items[i]), Some("daan"));
        let shown2 = c.filter(&items, &shown, |s| s.contains("rl"));
        assert_eq!(shown2, vec![2]);
        assert_eq!(c.index(), 0);
        let leeg = c.filter(&items, &shown2, |_| false);
        assert!(leeg.is_empty());
        assert_eq!(c.get(&leeg), None);
    }

    /// Any sequence of moves and changes of length leaves the cursor in range.
    #[test]
    fn never_out_of_range() {
        let moves = [
            Move::Up,
            Move::Down,
            Move::PageUp,
            Move::PageDown,
            Move::First,
            Move::Last,
        ];
        let mut c = ListCursor::new();
        let mut len = 0usize;
        // A small deterministic walk over lengths and moves.
        let mut x: u32 = 7;
        for _ in 0..5000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let r = (x >> 8) as usize;
            match r % 9 {
                0 => {
                    len = r % 30;
                    c.clamp(len);
                }
                1 => c.up_wrapping(len),
                2 => c.down_wrapping(len),
                n => {
                    let mv = moves[n % moves.len()];
                    if r.is_multiple_of(2) {
                        c.apply(mv, len);
                    } else {
                        c.apply_wrapping(mv, len);
                    }
                }
            }
            assert!(c.index() < len.max(1), "{} of {len}", c.index());
        }
    }
}
