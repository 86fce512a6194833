//! The model stage: the site as plain data ([`model`]), each briefing made from its parsed
//! file ([`briefing`]), the stories and who belongs to them ([`story`]), and the one place that makes every URL ([`urls`]).

pub mod briefing;
pub mod digest;
pub mod model;
pub mod story;
pub mod urls;
