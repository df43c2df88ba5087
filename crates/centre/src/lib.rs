#![doc = "Pure core of the virtual migration centre: what a person must do and in which order (the legalisation case), where and when to do it (the route over service points), and when to remind them. No IO, no async, no database: the store and the server feed it data and keep its results."]

pub mod case;
pub mod reminders;
pub mod route;
pub mod share;
