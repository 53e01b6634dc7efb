//! End-to-end: the real binary in a real terminal (tmux), driven by keys like a user would.
//! Without tmux these tests skip loudly; CI sets LOKET_REQUIRE_TMUX=1 to turn that into a failure.

#[path = "../pg/mod.rs"]
mod pg;
#[path = "../tmux/mod.rs"]
mod tmux;

mod common;
mod kennisbank;
mod klantgeleiding;
mod lifecycle;
mod registratie;
mod sync;
mod telefonie;
mod training;
mod vloer;
