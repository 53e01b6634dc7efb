//! The store thread: it owns the SQLite connection and runs jobs against it, one at a time, in
//! the order they came. A job is a function of the store that returns its caller's own message
//! (or none); the message goes to `report`. The UI never waits on it, and this thread knows no
//! feature: each feature of the desk brings its jobs (`src/app/<feature>/jobs.rs`).

use std::collections::VecDeque;
use std::sync::mpsc;
use std::thread::JoinHandle;

use super::Store;

/// Work for the store thread, and the message it answers with.
pub type Job<M> = Box<dyn FnOnce(&mut Store) -> Option<M> + Send>;

struct Queued<M> {
    /// Jobs of one kind where only the newest matters (a search per keystroke).
    soort: Option<&'static str>,
    job: Job<M>,
}

/// The store thread's queue.
pub struct Jobs<M> {
    tx: mpsc::Sender<Queued<M>>,
    thread: Option<JoinHandle<()>>,
}

impl<M> Jobs<M> {
    /// Run `job` after the jobs queued before it.
    pub fn run(&self, job: impl FnOnce(&mut Store) -> Option<M> + Send + 'static) {
        let _ = self.tx.send(Queued {
            soort: None,
            job: Box::new(job),
        });
    }

    /// Run `job` unless a newer job of the same `soort` is queued by the time its turn comes:
    /// typing fast asks a search per keystroke, and only the newest is worth running.
    pub fn run_newest(
        &self,
        soort: &'static str,
        job: impl FnOnce(&mut Store) -> Option<M> + Send + 'static,
    ) {
        let _ = self.tx.send(Queued {
            soort: Some(soort),
            job: Box::new(job),
        });
    }

    /// Finish the queued jobs, run the stop step and end the thread.
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

impl<M> Drop for Jobs<M> {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Start the store thread. `open` runs on that thread (it may first generate a demo database);
/// when it fails, its message is reported and no job runs. `stop` runs after the last job. A
/// job that panics (a bug) is given up, its open transaction rolled back, `paniek`'s message
/// reported in its place, and the thread goes on with the next job: one bad record never
/// leaves the desk without its store.
pub fn spawn<M, O, S, R, P>(open: O, stop: S, report: R, paniek: P) -> Jobs<M>
where
    M: Send + 'static,
    O: FnOnce() -> Result<Store, M> + Send + 'static,
    S: FnOnce(&mut Store) + Send + 'static,
    R: Fn(M) + Send + 'static,
    P: Fn() -> M + Send + 'static,
{
    spawn_met_wekker(open, stop, report, paniek, || {})
}

/// The newest operation in the outbox (0 when empty).
fn laatste_op(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT coalesce(max(op_seq), 0) FROM outbox", [], |r| {
            r.get(0)
        })
        .unwrap_or(0)
}

/// [`spawn`], and `gewekt` runs right after a job that committed new outbox operations (the
/// desk's sync task wakes on it and hands them in at once, instead of looking for them).
/// Only a job that changed something pays for the look at the outbox.
pub fn spawn_met_wekker<M, O, S, R, P, W>(
    open: O,
    stop: S,
    report: R,
    paniek: P,
    gewekt: W,
) -> Jobs<M>
where
    M: Send + 'static,
    O: FnOnce() -> Result<Store, M> + Send + 'static,
    S: FnOnce(&mut Store) + Send + 'static,
    R: Fn(M) + Send + 'static,
    P: Fn() -> M + Send + 'static,
    W: Fn() + Send + 'static,
{
    let (tx, rx) = mpsc::channel::<Queued<M>>();
    let thread = std::thread::Builder::new()
        .name("loket-store".into())
        .spawn(move || {
            let mut store = match open() {
                Ok(s) => s,
                Err(m) => {
                    report(m);
                    return;
                }
            };
            let mut wachtend: VecDeque<Queued<M>> = VecDeque::new();
            let mut laatst = laatste_op(&store);
            while let Some(q) = wachtend.pop_front().or_else(|| rx.recv().ok()) {
                if let Some(soort) = q.soort {
                    wachtend.extend(rx.try_iter());
                    if wachtend.iter().any(|n| n.soort == Some(soort)) {
                        continue;
                    }
                }
                let job = q.job;
                let voor = store.conn().total_changes();
                let antwoord =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&mut store)));
                // Wake first: the sync is under way while the desk shows the answer.
                if store.conn().total_changes() != voor {
                    let nu = laatste_op(&store);
                    if nu > laatst {
                        gewekt();
                    }
                    laatst = nu;
                }
                match antwoord {
                    Ok(Some(m)) => report(m),
                    Ok(None) => {}
                    Err(_) => report(paniek()),
                }
            }
            stop(&mut store);
        })
        .expect("spawn store thread");
    Jobs {
        tx,
        thread: Some(thread),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    fn store_in(dir: &tempfile::TempDir) -> Store {
        Store::open(&dir.path().join("t.db"), uuid::Uuid::nil()).unwrap()
    }

    #[test]
    fn jobs_run_in_order_and_only_the_newest_search_of_a_burst() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(store_in(&dir));
        let gezien = Arc::new(Mutex::new(Vec::<String>::new()));
        let g = gezien.clone();
        let (poort_tx, poort_rx) = mpsc::channel::<()>();
        let jobs = spawn(
            move || Store::open(&path, uuid::Uuid::nil()).map_err(|e| e.to_string()),
            |_| {},
            move |m: String| g.lock().unwrap().push(m),
            || "paniek".to_string(),
        );
        // The first job holds the thread until everything below is queued.
        jobs.run(move |_| {
            poort_rx.recv().ok();
            Some("eerst".into())
        });
        for i in 1..=5 {
            jobs.run_newest("zoek", move |_| Some(format!("zoek {i}")));
            if i == 3 {
                jobs.run(|_| Some("opslaan".into()));
            }
        }
        jobs.run(|_| None);
        jobs.run(|s| Some(format!("schema {}", s.schema_version().unwrap_or(0) > 0)));
        poort_tx.send(()).unwrap();
        jobs.shutdown();
        assert_eq!(
            *gezien.lock().unwrap(),
            ["eerst", "opslaan", "zoek 5", "schema true"]
        );
    }

    #[test]
    fn a_store_that_does_not_open_reports_why_and_runs_no_job() {
        let gezien = Arc::new(Mutex::new(Vec::<String>::new()));
        let g = gezien.clone();
        let gestopt = Arc::new(Mutex::new(false));
        let s = gestopt.clone();
        let jobs = spawn(
            || Err("kapot".to_string()),
            move |_| *s.lock().unwrap() = true,
            move |m: String| g.lock().unwrap().push(m),
            || "paniek".to_string(),
        );
        jobs.run(|_| Some("job".into()));
        jobs.shutdown();
        assert_eq!(*gezien.lock().unwrap(), ["kapot"]);
        assert!(!*gestopt.lock().unwrap(), "nothing to stop without a store");
    }

    #[test]
    fn a_job_that_panics_is_reported_rolled_back_and_the_next_job_runs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let gezien = Arc::new(Mutex::new(Vec::<String>::new()));
        let g = gezien.clone();
        let jobs = spawn(
            move || Store::open(&path, uuid::Uuid::nil()).map_err(|e| e.to_string()),
            |_| {},
            move |m: String| g.lock().unwrap().push(m),
            || "paniek".to_string(),
        );
        jobs.run(|s| {
            let tx = s.conn().unchecked_transaction().unwrap();
            tx.execute("CREATE TABLE half (x)", []).unwrap();
            panic!("een fout in een job");
        });
        jobs.run(|s| {
            let n: i64 = s
                .conn()
                .query_row(
                    "SELECT count(*) FROM sqlite_schema WHERE name = 'half'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            Some(format!("half: {n}"))
        });
        jobs.shutdown();
        assert_eq!(*gezien.lock().unwrap(), ["paniek", "half: 0"]);
    }

    #[test]
    fn a_job_that_wrote_to_the_outbox_wakes_the_sync_and_others_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let wekken = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let w = wekken.clone();
        let gezien = Arc::new(Mutex::new(Vec::<usize>::new()));
        let (g, w2) = (gezien.clone(), wekken.clone());
        let jobs = spawn_met_wekker(
            move || Store::open(&path, uuid::Uuid::nil()).map_err(|e| e.to_string()),
            |_| {},
            move |_: String| {
                g.lock()
                    .unwrap()
                    .push(w2.load(std::sync::atomic::Ordering::SeqCst))
            },
            || "paniek".to_string(),
            move || {
                w.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            },
        );
        let nu = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        // Reading, and writing what does not sync: no wake.
        jobs.run(|s| {
            s.pending_outbox().unwrap();
            s.set_meta("iets", "lokaal").unwrap();
            Some("lokaal".into())
        });
        // A saved record: one wake, before its answer is reported.
        jobs.run(move |s| {
            use crate::domain::{Aanwezigheid, Medewerker, RecordMeta, Rol};
            let mut m = Medewerker {
                meta: RecordMeta::new(nu, uuid::Uuid::nil()),
                naam: "Kim Peters".into(),
                rol: Rol::Medewerker,
                functie: "medewerker".into(),
                afdeling_id: None,
                aanwezigheid: Aanwezigheid::Beschikbaar,
                telefoon: None,
            };
            s.save(&mut m, nu).unwrap();
            Some("bewaard".into())
        });
        jobs.shutdown();
        assert_eq!(wekken.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert_eq!(*gezien.lock().unwrap(), [0, 1]);
    }

    #[test]
    fn the_stop_step_runs_after_the_last_job() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let volgorde = Arc::new(Mutex::new(Vec::<&str>::new()));
        let (v1, v2) = (volgorde.clone(), volgorde.clone());
        let jobs = spawn(
            move || Store::open(&path, uuid::Uuid::nil()).map_err(|e| e.to_string()),
            move |_| v1.lock().unwrap().push("stop"),
            |_: String| {},
            || "paniek".to_string(),
        );
        jobs.run(move |_| {
            v2.lock().unwrap().push("job");
            None
        });
        drop(jobs);
        assert_eq!(*volgorde.lock().unwrap(), ["job", "stop"]);
    }
}
