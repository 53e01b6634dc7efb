//! The store thread: it owns the SQLite connection, takes commands over a channel and reports
//! back through a callback. The UI never waits on it.

use std::sync::mpsc;
use std::thread::JoinHandle;

use chrono::{DateTime, Utc};

use super::Store;
use super::overview::{self, Overview};
use crate::domain::Medewerker;

/// Work for the store thread.
#[derive(Debug)]
pub enum Command {
    /// Load the desk overview for the local day `[day_start, day_end)`.
    LoadOverview {
        day_start: DateTime<Utc>,
        day_end: DateTime<Utc>,
        now: DateTime<Utc>,
    },
    /// Insert or update the medewerker record of this desk's user.
    SaveMedewerker(Box<Medewerker>),
}

/// What the store thread reports.
#[derive(Debug)]
pub enum Event {
    Opened { schema_version: i32 },
    OpenFailed(String),
    Overview(Box<Overview>),
    MedewerkerSaved(Box<Medewerker>),
    Failed { what: &'static str, error: String },
}

/// The UI side of the store thread. Dropping it ends the thread after its current command.
pub struct Handle {
    tx: mpsc::Sender<Command>,
    thread: Option<JoinHandle<()>>,
}

impl Handle {
    /// Queue a command; never blocks. A closed store (failed open) drops the command.
    pub fn send(&self, cmd: Command) {
        let _ = self.tx.send(cmd);
    }

    /// Close the channel and wait for the thread to finish its current work.
    pub fn shutdown(mut self) {
        self.finish();
    }

    fn finish(&mut self) {
        let (tx, _) = mpsc::channel();
        drop(std::mem::replace(&mut self.tx, tx));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Start the store thread. `open` runs on that thread (it may first generate a demo database);
/// every result goes to `report`.
pub fn spawn<O, R>(open: O, report: R) -> Handle
where
    O: FnOnce() -> Result<Store, String> + Send + 'static,
    R: Fn(Event) + Send + 'static,
{
    let (tx, rx) = mpsc::channel::<Command>();
    let thread = std::thread::Builder::new()
        .name("loket-store".into())
        .spawn(move || {
            let mut store = match open() {
                Ok(s) => s,
                Err(e) => {
                    report(Event::OpenFailed(e));
                    return;
                }
            };
            report(Event::Opened {
                schema_version: store.schema_version().unwrap_or(0),
            });
            while let Ok(cmd) = rx.recv() {
                report(handle(&mut store, cmd));
            }
        })
        .expect("spawn store thread");
    Handle {
        tx,
        thread: Some(thread),
    }
}

fn handle(store: &mut Store, cmd: Command) -> Event {
    match cmd {
        Command::LoadOverview {
            day_start,
            day_end,
            now,
        } => match overview::load(store.conn(), day_start, day_end, now) {
            Ok(o) => Event::Overview(Box::new(o)),
            Err(e) => Event::Failed {
                what: "overzicht laden",
                error: e.to_string(),
            },
        },
        Command::SaveMedewerker(mut m) => match store.save(m.as_mut(), Utc::now()) {
            Ok(()) => Event::MedewerkerSaved(m),
            Err(e) => Event::Failed {
                what: "medewerker opslaan",
                error: e.to_string(),
            },
        },
    }
}
