//! The model stage: the site as plain data ([`model`]) and the one place that makes every URL
//! ([`urls`]).

pub mod model;
pub mod urls;
