//! One module per screen.

pub mod audit;
pub mod case;
pub mod conflicts;
pub mod contact;
pub mod handout;
pub mod home;
pub mod intake;
pub mod outreach;
pub mod panic;
pub mod people;
pub mod pin;
pub mod places;
pub mod programme;
pub mod reports;
pub mod restrict;
pub mod services;
pub mod setup;
pub mod team;
pub mod widgets;
pub mod worker;
