//! One cached input of the engine (the settings, the templates, the files to copy) with its
//! own errors: a reading that fails keeps the last good value, so that `serve` goes on serving
//! what it had while the errors are shown, and the next good reading replaces both.

use crate::error::Diagnostic;

/// A cached input and the errors of its last reading.
pub(super) struct Input<T> {
    /// The last good value.
    pub(super) value: T,
    /// What was wrong with the last reading (none when it was good).
    pub(super) errors: Vec<Diagnostic>,
}

impl<T> Input<T> {
    /// An input read without errors.
    pub(super) fn new(value: T) -> Input<T> {
        Input {
            value,
            errors: Vec::new(),
        }
    }

    /// Takes a new reading: its value when it read, else its errors, the last good value kept.
    pub(super) fn take(&mut self, read: Result<T, Vec<Diagnostic>>) {
        match read {
            Ok(value) => {
                self.value = value;
                self.errors.clear();
            }
            Err(errors) => self.errors = errors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_reading_keeps_the_last_good_value_and_a_good_one_clears_the_errors() {
        let mut input = Input::new(1);
        input.take(Err(vec![Diagnostic::new("site.toml", "broken")]));
        assert_eq!((input.value, input.errors.len()), (1, 1));
        input.take(Ok(2));
        assert_eq!((input.value, input.errors.len()), (2, 0));
    }
}
