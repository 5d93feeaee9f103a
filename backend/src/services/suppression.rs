//! The one suppression function every staff figure passes (DESIGN.md, "Anonymity by
//! construction", **firm**). Dashboards and exports never show a count that did not come out
//! of [`suppress`].
//!
//! # Rules
//! - **Primary**: a count whose true value is below `count_min` (default 10) is hidden; every
//!   other count is shown rounded to a multiple of `round_to` (default 5), and never below
//!   `count_min`.
//! - **Secondary (complementary)**: in every group of a table whose total is shown, if exactly
//!   one member is hidden, the smallest other shown member (by shown value, then position) is
//!   hidden too; if there is none, the total is hidden. Repeated until nothing changes, so no
//!   hidden cell is the difference between a shown total and shown cells of the same table.
//! - **Shares** are computed only from rounded counts, as a two-cell table (positive, not
//!   positive) with the answered total: hidden when either part or the total is hidden (a
//!   share of a shown base reveals its numerator).
//! - **Free text** for a cell shows only when the cell has at least `text_min` (default 20).
//!
//! # Why differencing filtered views does not recover a hidden cell
//! Rounding each *view* independently ("round the exact total of whatever the filter
//! selects") is not enough: with every `from`/`to` range available, the rounded range sums form
//! a system of interval constraints on the monthly counts that an attacker can solve exactly
//! (difference constraints over prefix sums, Bellman-Ford). Simulating 12 months of 10-45
//! responses with one month of 0-9, that attacker pinned the small month to one value in about
//! two runs out of three. So the dashboards are built differently:
//!
//! 1. **Time is rounded at the month.** For any view, the figure for one month is the exact
//!    count of what the view selects within that month, rounded once ([`Thresholds::month`]).
//! 2. **Every figure over a period is the sum of those rounded monthly figures**, never a
//!    rounding of the exact period total ([`Cell::add`]). Subtracting two period views that
//!    differ by one month therefore gives that month's *rounded* figure and nothing finer:
//!    at best an attacker learns a hidden month's count to within a window of `round_to`
//!    values (e.g. "3 to 7"), the same as rounding would show, and never the exact count.
//! 3. **Within one month**, the dimensions a filter can split (stage, channel, unit, polarity)
//!    are rounded independently of their totals. One linear relation among independently
//!    rounded terms (total = sum of parts) always leaves every part at least two possible
//!    values, and a hidden part is additionally protected by secondary suppression.
//! 4. **Hidden stays hidden**: whether a figure is shown depends on its exact count being at
//!    least `count_min` *and* its rounded value being at least `count_min`, so a shown figure is
//!    never below the threshold. The one residual signal is that bit ("at least 10 or not") for
//!    multi-month sums of months that are each tiny; it narrows nothing once any month in the
//!    range is of ordinary size.
//!
//! Alerts and exports are computed from these same rounded monthly figures, so they reveal
//! nothing the tables do not.

use shared::{Figure, Share};

/// Suppression thresholds; configurable, with UK statistical practice as the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// Counts below this are hidden.
    pub count_min: i64,
    /// Shown counts are rounded to a multiple of this.
    pub round_to: i64,
    /// Free text for a cell shows only when the cell has at least this many.
    pub text_min: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            count_min: 10,
            round_to: 5,
            text_min: 20,
        }
    }
}

impl Thresholds {
    /// Nearest multiple of `round_to`, halves rounded up; counts are never negative.
    pub fn round(&self, count: i64) -> i64 {
        let base = self.round_to.max(1);
        let count = count.max(0);
        (count + base / 2) / base * base
    }

    /// A one-month figure: the exact count, rounded once. The only place counts are rounded.
    pub fn month(&self, exact: i64) -> Cell {
        Cell {
            exact: exact.max(0),
            rounded: self.round(exact),
        }
    }

    /// Whether free text for a cell of `count` comments may be shown.
    pub fn text_allowed(&self, count: i64) -> bool {
        count >= self.text_min.max(self.count_min)
    }
}

/// A count before suppression: its exact value (for the threshold test only) and the sum of
/// its rounded monthly parts (the only value that can be shown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    pub exact: i64,
    pub rounded: i64,
}

impl Cell {
    pub const ZERO: Cell = Cell {
        exact: 0,
        rounded: 0,
    };

    /// Adds two cells of different months (or of parts already rounded on their own).
    #[allow(clippy::should_implement_trait)]
    pub fn add(self, other: Cell) -> Cell {
        Cell {
            exact: self.exact + other.exact,
            rounded: self.rounded + other.rounded,
        }
    }

    pub fn sum(cells: impl IntoIterator<Item = Cell>) -> Cell {
        cells.into_iter().fold(Cell::ZERO, Cell::add)
    }
}

/// Members of a table that add up to another of its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub total: usize,
    pub members: Vec<usize>,
}

/// Cells, and the groups among them that have totals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub cells: Vec<Cell>,
    pub groups: Vec<Group>,
}

impl Table {
    pub fn push(&mut self, cell: Cell) -> usize {
        self.cells.push(cell);
        self.cells.len() - 1
    }

    pub fn group(&mut self, total: usize, members: Vec<usize>) {
        self.groups.push(Group { total, members });
    }
}

/// THE suppression function: primary suppression of every cell, then secondary suppression
/// over every group until no group with a shown total has exactly one hidden member.
pub fn suppress(thresholds: &Thresholds, table: &Table) -> Vec<Figure> {
    let mut shown: Vec<bool> = table
        .cells
        .iter()
        .map(|cell| cell.exact >= thresholds.count_min && cell.rounded >= thresholds.count_min)
        .collect();
    loop {
        let mut changed = false;
        for group in &table.groups {
            if !shown[group.total] {
                continue;
            }
            let hidden = group.members.iter().filter(|&&m| !shown[m]).count();
            if hidden != 1 {
                continue;
            }
            // Choose by shown value only, so the choice reveals nothing new.
            let next = group
                .members
                .iter()
                .copied()
                .filter(|&m| shown[m])
                .min_by_key(|&m| (table.cells[m].rounded, m));
            match next {
                Some(m) => shown[m] = false,
                None => shown[group.total] = false,
            }
            changed = true;
        }
        if !changed {
            break;
        }
    }
    table
        .cells
        .iter()
        .zip(shown)
        .map(|(cell, shown)| {
            if shown {
                Figure::Shown {
                    value: cell.rounded,
                }
            } else {
                Figure::Suppressed
            }
        })
        .collect()
}

/// The share positive, with its 95% Wilson score interval, from rounded counts only: a
/// two-cell table (positive, other) with their total, through [`suppress`].
pub fn share(thresholds: &Thresholds, positive: Cell, other: Cell) -> Share {
    let mut table = Table::default();
    let p = table.push(positive);
    let o = table.push(other);
    let n = table.push(positive.add(other));
    table.group(n, vec![p, o]);
    let figures = suppress(thresholds, &table);
    match (figures[p], figures[o], figures[n]) {
        (Figure::Shown { value: pos }, Figure::Shown { .. }, Figure::Shown { value: total }) => {
            let (value, low, high) = wilson(pos, total);
            Share::Shown { value, low, high }
        }
        _ => Share::Suppressed,
    }
}

/// Wilson score interval at 95% (z = 1.96) for `k` successes out of `n`.
pub fn wilson(k: i64, n: i64) -> (f64, f64, f64) {
    if n <= 0 {
        return (0.0, 0.0, 1.0);
    }
    let z = 1.959_963_984_540_054_f64;
    let n = n as f64;
    let p = (k as f64 / n).clamp(0.0, 1.0);
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    (p, (centre - half).max(0.0), (centre + half).min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t() -> Thresholds {
        Thresholds::default()
    }

    /// A table of `rows` x `cols` monthly cells with row totals, column totals and a grand
    /// total, the way dashboards build trend tables.
    fn grid(values: &[Vec<i64>]) -> (Table, Vec<Vec<usize>>, Vec<usize>, Vec<usize>, usize) {
        let th = t();
        let mut table = Table::default();
        let idx: Vec<Vec<usize>> = values
            .iter()
            .map(|row| row.iter().map(|&v| table.push(th.month(v))).collect())
            .collect();
        let cols = values.first().map_or(0, Vec::len);
        let row_totals: Vec<usize> = idx
            .iter()
            .map(|row| {
                let total = Cell::sum(row.iter().map(|&i| table.cells[i]));
                table.push(total)
            })
            .collect();
        let col_totals: Vec<usize> = (0..cols)
            .map(|c| {
                // A column of different units in one month: rounded once, like the
                // dashboards' all-units figures.
                let exact: i64 = idx.iter().map(|row| table.cells[row[c]].exact).sum();
                table.push(th.month(exact))
            })
            .collect();
        let grand = Cell::sum(col_totals.iter().map(|&i| table.cells[i]));
        let grand = table.push(grand);
        for (r, row) in idx.iter().enumerate() {
            table.group(row_totals[r], row.clone());
        }
        for (c, &total) in col_totals.iter().enumerate() {
            table.group(total, idx.iter().map(|row| row[c]).collect());
        }
        table.group(grand, col_totals.clone());
        (table, idx, row_totals, col_totals, grand)
    }

    #[test]
    fn rounding_and_primary_suppression() {
        let th = t();
        assert_eq!(th.round(12), 10);
        assert_eq!(th.round(13), 15);
        assert_eq!(th.round(2), 0);
        let mut table = Table::default();
        for v in [0, 3, 9, 10, 12, 13, 27] {
            table.push(th.month(v));
        }
        let figures: Vec<Option<i64>> = suppress(&th, &table)
            .into_iter()
            .map(Figure::value)
            .collect();
        assert_eq!(
            figures,
            vec![None, None, None, Some(10), Some(10), Some(15), Some(25)]
        );
    }

    #[test]
    fn one_hidden_cell_in_a_shown_total_takes_the_next_smallest_with_it() {
        let th = t();
        let mut table = Table::default();
        let cells: Vec<usize> = [3, 40, 22, 31]
            .iter()
            .map(|&v| table.push(th.month(v)))
            .collect();
        let total = Cell::sum(cells.iter().map(|&i| table.cells[i]));
        let total = table.push(total);
        table.group(total, cells.clone());
        let figures = suppress(&th, &table);
        assert_eq!(figures[0], Figure::Suppressed);
        assert_eq!(figures[2], Figure::Suppressed, "22 is the smallest shown");
        assert!(figures[1].is_shown() && figures[3].is_shown() && figures[total].is_shown());
    }

    #[test]
    fn a_share_of_a_small_part_is_hidden() {
        let th = t();
        assert_eq!(share(&th, th.month(8), th.month(50)), Share::Suppressed);
        assert_eq!(share(&th, th.month(50), th.month(3)), Share::Suppressed);
        let Share::Shown { value, low, high } = share(&th, th.month(30), th.month(20)) else {
            panic!("shown");
        };
        assert_eq!(value, 0.6);
        assert!(low < 0.6 && high > 0.6 && low > 0.45 && high < 0.75);
    }

    #[test]
    fn text_needs_the_higher_threshold() {
        assert!(!t().text_allowed(19));
        assert!(t().text_allowed(20));
    }

    proptest! {
        #[test]
        fn shown_values_are_big_enough_and_rounded(values in proptest::collection::vec(proptest::collection::vec(0i64..60, 1..6), 1..5)) {
            let cols = values[0].len();
            let values: Vec<Vec<i64>> = values.into_iter().map(|mut r| { r.resize(cols, 7); r }).collect();
            let (table, ..) = grid(&values);
            for figure in suppress(&t(), &table) {
                if let Figure::Shown { value } = figure {
                    prop_assert!(value >= 10);
                    prop_assert_eq!(value % 5, 0);
                }
            }
        }

        #[test]
        fn no_group_with_a_shown_total_has_exactly_one_hidden_cell(values in proptest::collection::vec(proptest::collection::vec(0i64..40, 1..6), 1..5)) {
            let cols = values[0].len();
            let values: Vec<Vec<i64>> = values.into_iter().map(|mut r| { r.resize(cols, 4); r }).collect();
            let (table, ..) = grid(&values);
            let figures = suppress(&t(), &table);
            for group in &table.groups {
                if figures[group.total].is_shown() {
                    let hidden = group.members.iter().filter(|&&m| !figures[m].is_shown()).count();
                    prop_assert!(hidden == 0 || hidden >= 2, "group {:?} has one hidden cell", group);
                }
            }
        }

        #[test]
        fn a_cell_below_the_threshold_is_never_shown(values in proptest::collection::vec(proptest::collection::vec(0i64..40, 1..6), 1..5)) {
            let cols = values[0].len();
            let values: Vec<Vec<i64>> = values.into_iter().map(|mut r| { r.resize(cols, 0); r }).collect();
            let (table, idx, ..) = grid(&values);
            let figures = suppress(&t(), &table);
            for (r, row) in idx.iter().enumerate() {
                for (c, &i) in row.iter().enumerate() {
                    if values[r][c] < 10 {
                        prop_assert_eq!(figures[i], Figure::Suppressed);
                    }
                }
            }
        }

        /// Period figures are sums of rounded months, so any two periods differing by one
        /// month differ by that month's rounded value: an attacker learns a window, not a count.
        #[test]
        fn differencing_periods_yields_only_the_rounded_month(months in proptest::collection::vec(0i64..50, 2..13), target in 0usize..12) {
            let th = t();
            let target = target % months.len();
            let cells: Vec<Cell> = months.iter().map(|&m| th.month(m)).collect();
            let with = Cell::sum(cells.iter().copied());
            let without = Cell::sum(cells.iter().enumerate().filter(|(i, _)| *i != target).map(|(_, c)| *c));
            let difference = with.rounded - without.rounded;
            prop_assert_eq!(difference, th.round(months[target]));
            // Every count in the window rounds to the same figure, so none can be singled out.
            let window: Vec<i64> = (0..60).filter(|&v| th.round(v) == difference).collect();
            prop_assert!(window.len() >= 3);
        }

        #[test]
        fn shares_stay_in_their_interval(pos in 0i64..200, other in 0i64..200) {
            if let Share::Shown { value, low, high } = share(&t(), t().month(pos), t().month(other)) {
                prop_assert!(0.0 <= low && low <= value && value <= high && high <= 1.0);
            }
        }
    }
}
