//! The one rule that keeps `serve` honest: what a template sees and the fingerprint that says
//! whether a file must be rendered again are made from the same value. Every piece of a page's
//! input is a [`Part`], which gives its template value and feeds its hash from the same data;
//! page inputs are structs declared with `parts!`, which lists their fields once for both.
//! There is no hand-kept list of "what the template sees" to drift from the context.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;
use tera::Value;

/// A piece of a page's input.
pub trait Part {
    /// Its template value.
    fn value(&self) -> Value;
    /// Feeds it to a hasher: equal hashes mean equal values.
    fn hash_into(&self, hasher: &mut FxHasher);
}

/// A value of a page's input that is serialized as it is and hashed as it is.
macro_rules! plain_parts {
    ($($ty:ty),* $(,)?) => {
        $(impl $crate::render::parts::Part for $ty {
            fn value(&self) -> tera::Value {
                tera::Value::from_serializable(self)
            }
            fn hash_into(&self, hasher: &mut rustc_hash::FxHasher) {
                std::hash::Hash::hash(self, hasher)
            }
        })*
    };
}
pub(crate) use plain_parts;

plain_parts!(
    String,
    &str,
    std::borrow::Cow<'_, str>,
    usize,
    i16,
    i8,
    bool
);

/// Declares a struct whose fields are all [`Part`]s, and makes the struct a part too: a map of
/// its fields, hashed field by field (names included). The field list is written once, here,
/// for both.
macro_rules! parts {
    ($(#[$doc:meta])* $vis:vis struct $name:ident$(<$lt:lifetime>)? { $($(#[$fdoc:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        $vis struct $name$(<$lt>)? { $($(#[$fdoc])* pub $field: $ty),* }

        impl$(<$lt>)? $crate::render::parts::Fields for $name$(<$lt>)? {
            fn each(&self, _visit: &mut dyn FnMut(&'static str, &dyn $crate::render::parts::Part)) {
                $(_visit(stringify!($field), &self.$field);)*
            }
        }

        impl$(<$lt>)? $crate::render::parts::Part for $name$(<$lt>)? {
            fn value(&self) -> tera::Value {
                $crate::render::parts::map_value(self)
            }
            fn hash_into(&self, hasher: &mut rustc_hash::FxHasher) {
                $crate::render::parts::hash_fields(self, hasher)
            }
        }
    };
}
pub(crate) use parts;

/// A struct of named parts (declared with `parts!`).
pub trait Fields {
    /// Calls `f` with each field's name and value, in order.
    fn each(&self, f: &mut dyn FnMut(&'static str, &dyn Part));
}

/// The template value of a struct of parts: a map of its fields.
pub fn map_value(fields: &dyn Fields) -> Value {
    let mut map = tera::Map::new();
    fields.each(&mut |name, part| {
        map.insert(name.into(), part.value());
    });
    Value::from(map)
}

/// Hashes a struct of parts, field by field, names included.
pub fn hash_fields(fields: &dyn Fields, hasher: &mut FxHasher) {
    fields.each(&mut |name, part| {
        name.hash(hasher);
        part.hash_into(hasher);
    });
}

/// Fills a template context with a struct's fields, each a top-level variable.
pub fn context(fields: &dyn Fields) -> tera::Context {
    let mut context = tera::Context::new();
    fields.each(&mut |name, part| context.insert_value(name, part.value()));
    context
}

impl<T: Part> Part for Option<T> {
    fn value(&self) -> Value {
        self.as_ref().map_or_else(Value::none, Part::value)
    }
    fn hash_into(&self, hasher: &mut FxHasher) {
        match self {
            Some(part) => {
                1u8.hash(hasher);
                part.hash_into(hasher);
            }
            None => 0u8.hash(hasher),
        }
    }
}

impl<T: Part> Part for Vec<T> {
    fn value(&self) -> Value {
        Value::from(self.iter().map(Part::value).collect::<Vec<Value>>())
    }
    fn hash_into(&self, hasher: &mut FxHasher) {
        self.len().hash(hasher);
        self.iter().for_each(|part| part.hash_into(hasher));
    }
}

/// A value made once and shared by many pages (a briefing as lists show it, the settings):
/// the template value, and the hash of what it was made from, taken at the same time.
#[derive(Debug, Clone)]
pub struct Made {
    /// The template value (cheap to clone: Tera shares maps and lists).
    pub value: Value,
    /// The hash of what the value was made from.
    pub hash: u64,
}

impl Made {
    /// Makes the template value of `view` and hashes the same `view`.
    pub fn of<T: serde::Serialize + Hash>(view: &T) -> Made {
        let mut hasher = FxHasher::default();
        view.hash(&mut hasher);
        Made {
            value: Value::from_serializable(view),
            hash: hasher.finish(),
        }
    }
}

impl Part for &Made {
    fn value(&self) -> Value {
        self.value.clone()
    }
    fn hash_into(&self, hasher: &mut FxHasher) {
        self.hash.hash(hasher);
    }
}

/// The hash of a part.
pub fn hash_of(part: &dyn Part) -> u64 {
    let mut hasher = FxHasher::default();
    part.hash_into(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    parts! {
        struct Example<'a> {
            title: &'a str,
            count: usize,
            tags: Vec<String>,
            year: Option<i16>,
        }
    }

    #[test]
    fn the_context_and_the_hash_come_from_the_same_fields() {
        let a = Example {
            title: "A",
            count: 2,
            tags: vec!["x".into()],
            year: None,
        };
        let context = context(&a);
        for name in ["title", "count", "tags", "year"] {
            assert!(context.contains_key(name), "{name}");
        }
        let b = Example { count: 3, ..a };
        assert_ne!(hash_of(&a_again()), hash_of(&b));
        assert_eq!(hash_of(&a_again()), hash_of(&a_again()));
    }

    fn a_again() -> Example<'static> {
        Example {
            title: "A",
            count: 2,
            tags: vec!["x".into()],
            year: None,
        }
    }
}
