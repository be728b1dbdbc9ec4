//! Status moves: a table of allowed (from, to) pairs is the whole rule, so the check and
//! the list of next steps the UI offers cannot disagree.

use crate::error::{CoreError, Result};

/// Refuses a move that is not in `table`, with the stable `invalid_transition` code.
pub fn check_move<T: Copy + PartialEq + std::fmt::Display>(
    table: &[(T, T)],
    from: T,
    to: T,
) -> Result<()> {
    if table.iter().any(|&(a, b)| a == from && b == to) {
        Ok(())
    } else {
        Err(CoreError::InvalidTransition {
            from: from.to_string(),
            to: to.to_string(),
        })
    }
}

/// Where `table` allows a move from `from`, in the table's order.
pub fn next_moves<T: Copy + PartialEq>(table: &[(T, T)], from: T) -> Vec<T> {
    table
        .iter()
        .filter(|(a, _)| *a == from)
        .map(|&(_, b)| b)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &[(u8, u8)] = &[(1, 2), (1, 3), (2, 3)];

    #[test]
    fn only_listed_moves_pass() {
        assert!(check_move(TABLE, 1, 3).is_ok());
        let err = check_move(TABLE, 3, 1).unwrap_err();
        assert_eq!(err.code(), "invalid_transition");
        assert_eq!(next_moves(TABLE, 1), [2, 3]);
        assert!(next_moves(TABLE, 3).is_empty());
    }
}
