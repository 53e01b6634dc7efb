//! The desk's kennisbank loader: one thread that reads the kennisbank when the desk starts, when
//! a file in the folder changed, and when the agent asks (Ctrl-R). Never two loads at once: a
//! request while a load runs is kept as one more load after it, however often it is made. It
//! reads through [`super::lees`], the same path as `loket kennisbank check`, so the desk loads
//! exactly what the check passes.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::Kennisbank;

/// What became of a request to read the kennisbank again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verzoek {
    /// A load starts now.
    Gestart,
    /// A load is running: one more follows it, with the files as they are then.
    NaDeHuidige,
    /// A load was already asked for and has not started yet: this one is the same.
    AlGevraagd,
}

#[derive(Debug, Default)]
struct Staat {
    gevraagd: bool,
    bezig: bool,
    stop: bool,
}

#[derive(Debug, Default)]
struct Gedeeld {
    staat: Mutex<Staat>,
    wek: Condvar,
}

impl Gedeeld {
    fn staat(&self) -> std::sync::MutexGuard<'_, Staat> {
        // A panic elsewhere while holding the lock leaves plain flags behind: still usable.
        self.staat.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The loader; dropping it stops the thread after the load it is on.
#[derive(Debug)]
pub struct Lader {
    gedeeld: Arc<Gedeeld>,
    draad: Option<std::thread::JoinHandle<()>>,
}

/// How often a watched folder is looked at.
pub const KIJK_ELKE: Duration = Duration::from_secs(2);

/// The kennisbank of `dir` (the built-in one without), a folder that cannot be read reported in
/// it: what `loket kennisbank check` reads, in the form the desk shows.
pub fn lees_of_melding(dir: Option<&Path>) -> Kennisbank {
    super::lees(dir).unwrap_or_else(|e| {
        Kennisbank::onleesbaar(
            dir.map(|d| d.display().to_string()).unwrap_or_default(),
            crate::melding::tekst(&e),
        )
    })
}

/// What a folder of articles looks like now: names, sizes and modification times (of at most
/// a bounded number of entries).
pub type Vingerafdruk = Vec<(std::ffi::OsString, u64, Option<std::time::SystemTime>)>;

pub fn vingerafdruk(dir: &Path) -> Vingerafdruk {
    let mut v: Vingerafdruk = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .take(super::MAX_BESTANDEN.saturating_mul(4))
        .filter_map(Result::ok)
        .filter_map(|e| {
            let m = e.metadata().ok()?;
            Some((e.file_name(), m.len(), m.modified().ok()))
        })
        .collect();
    v.sort();
    v
}

impl Lader {
    /// Load the kennisbank of `dir` (the built-in one without) now and hand it to `stuur`; with
    /// `kijk`, look at the folder that often and load again when a file changed. The thread
    /// ends when `stuur` returns false (nobody listens) or the loader is dropped.
    pub fn start(
        dir: Option<PathBuf>,
        kijk: bool,
        stuur: impl FnMut(Kennisbank) -> bool + Send + 'static,
    ) -> std::io::Result<Lader> {
        let kijk = kijk.then_some(KIJK_ELKE).filter(|_| dir.is_some());
        let d = dir.clone();
        Lader::start_met(
            move || lees_of_melding(dir.as_deref()),
            move || d.as_deref().map(vingerafdruk),
            kijk,
            stuur,
        )
    }

    /// [`Lader::start`] with its reading and looking given (for tests).
    pub fn start_met<F: PartialEq + Send + 'static>(
        mut laad: impl FnMut() -> Kennisbank + Send + 'static,
        mut afdruk: impl FnMut() -> F + Send + 'static,
        kijk: Option<Duration>,
        mut stuur: impl FnMut(Kennisbank) -> bool + Send + 'static,
    ) -> std::io::Result<Lader> {
        let gedeeld = Arc::new(Gedeeld::default());
        gedeeld.staat().gevraagd = true;
        let g = gedeeld.clone();
        let draad = std::thread::Builder::new()
            .name("loket-kennisbank".into())
            .spawn(move || {
                let mut gezien: Option<F> = None;
                loop {
                    {
                        let mut s = g.staat();
                        while !s.gevraagd && !s.stop {
                            match kijk {
                                None => s = g.wek.wait(s).unwrap_or_else(|e| e.into_inner()),
                                Some(elke) => {
                                    let (t, wacht) = g
                                        .wek
                                        .wait_timeout(s, elke)
                                        .unwrap_or_else(|e| e.into_inner());
                                    s = t;
                                    if wacht.timed_out() && !s.gevraagd && !s.stop {
                                        drop(s);
                                        let nu = afdruk();
                                        let anders = gezien.as_ref() != Some(&nu);
                                        s = g.staat();
                                        s.gevraagd |= anders;
                                    }
                                }
                            }
                        }
                        if s.stop {
                            return;
                        }
                        s.gevraagd = false;
                        s.bezig = true;
                    }
                    // What the folder looked like when this load began: a change during it
                    // is seen at the next look.
                    gezien = Some(afdruk());
                    let kb = laad();
                    g.staat().bezig = false;
                    if !stuur(kb) {
                        return;
                    }
                }
            })?;
        Ok(Lader {
            gedeeld,
            draad: Some(draad),
        })
    }

    /// Read the kennisbank again (Ctrl-R): never a second load beside a running one.
    pub fn herlaad(&self) -> Verzoek {
        let mut s = self.gedeeld.staat();
        if s.gevraagd {
            return Verzoek::AlGevraagd;
        }
        s.gevraagd = true;
        self.gedeeld.wek.notify_all();
        if s.bezig {
            Verzoek::NaDeHuidige
        } else {
            Verzoek::Gestart
        }
    }

    /// Stop after the load under way, and wait for that.
    pub fn stop(mut self) {
        self.stop_zonder_wachten();
        if let Some(d) = self.draad.take() {
            let _ = d.join();
        }
    }

    fn stop_zonder_wachten(&self) {
        self.gedeeld.staat().stop = true;
        self.gedeeld.wek.notify_all();
    }
}

impl Drop for Lader {
    fn drop(&mut self) {
        // The desk is closing: it does not wait for a load to finish.
        self.stop_zonder_wachten();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc;

    const WACHT: Duration = Duration::from_secs(10);

    #[test]
    fn a_reload_while_loading_is_one_more_load_after_it_never_a_second_at_once() {
        let (begonnen_tx, begonnen) = mpsc::channel::<()>();
        let (los_tx, los) = mpsc::channel::<()>();
        let (klaar_tx, klaar) = mpsc::channel::<Kennisbank>();
        let tegelijk = Arc::new(AtomicUsize::new(0));
        let meeste = Arc::new(AtomicUsize::new(0));
        let keer = Arc::new(AtomicUsize::new(0));
        let (t, m, k) = (tegelijk.clone(), meeste.clone(), keer.clone());
        let lader = Lader::start_met(
            move || {
                let nu = t.fetch_add(1, Ordering::SeqCst) + 1;
                m.fetch_max(nu, Ordering::SeqCst);
                k.fetch_add(1, Ordering::SeqCst);
                let _ = begonnen_tx.send(());
                // Held until the test lets go (or gives up on it).
                let _ = los.recv();
                t.fetch_sub(1, Ordering::SeqCst);
                Kennisbank::default()
            },
            || (),
            None,
            move |kb| klaar_tx.send(kb).is_ok(),
        )
        .unwrap();
        begonnen.recv_timeout(WACHT).expect("the first load starts");
        // Ctrl-R ten times while it runs: one more load, after it.
        assert_eq!(lader.herlaad(), Verzoek::NaDeHuidige);
        for _ in 0..9 {
            assert_eq!(lader.herlaad(), Verzoek::AlGevraagd);
        }
        los_tx.send(()).unwrap();
        klaar.recv_timeout(WACHT).expect("the first load ends");
        begonnen
            .recv_timeout(WACHT)
            .expect("the one more load starts");
        los_tx.send(()).unwrap();
        klaar.recv_timeout(WACHT).expect("and ends");
        // Idle: a request starts a load at once.
        drop(los_tx);
        assert_eq!(lader.herlaad(), Verzoek::Gestart);
        klaar.recv_timeout(WACHT).expect("the third load");
        lader.stop();
        assert_eq!(keer.load(Ordering::SeqCst), 3);
        assert_eq!(meeste.load(Ordering::SeqCst), 1, "never two loads at once");
    }

    #[test]
    fn the_desk_loads_exactly_what_the_check_reads() {
        // A folder with a good article, a broken one and a FIFO: the desk gets the same
        // articles and the same messages as `loket kennisbank check` prints.
        let dir = tempfile::tempdir().unwrap();
        let (naam, tekst) = crate::kennisbank::INGEBOUWD
            .iter()
            .find(|(n, _)| *n == "paspoort.md")
            .unwrap();
        std::fs::write(dir.path().join(naam), tekst).unwrap();
        std::fs::write(dir.path().join("kapot.md"), "geen front matter\n").unwrap();
        let gemaakt = std::process::Command::new("mkfifo")
            .arg(dir.path().join("x.md"))
            .status()
            .unwrap();
        assert!(gemaakt.success());
        let (tx, rx) = mpsc::channel::<Kennisbank>();
        let lader = Lader::start(Some(dir.path().to_path_buf()), false, move |kb| {
            tx.send(kb).is_ok()
        })
        .unwrap();
        let desk = rx.recv_timeout(WACHT).expect("the desk's load");
        lader.stop();
        let check = crate::kennisbank::lees(Some(dir.path())).unwrap();
        assert_eq!(desk, check);
        assert_eq!(desk.artikelen.len(), 1);
        let bestanden: std::collections::BTreeSet<&str> =
            desk.fouten.iter().map(|f| f.bestand.as_str()).collect();
        assert_eq!(
            bestanden.into_iter().collect::<Vec<_>>(),
            vec!["kapot.md", "paspoort.md", "x.md"],
            "{:?}",
            desk.fouten
        );
    }

    #[test]
    fn a_watched_folder_is_loaded_again_when_a_file_changed() {
        let dir = tempfile::tempdir().unwrap();
        let (tx, rx) = mpsc::channel::<Kennisbank>();
        let d = dir.path().to_path_buf();
        let lader = Lader::start_met(
            move || lees_of_melding(Some(&d)),
            {
                let d = dir.path().to_path_buf();
                move || vingerafdruk(&d)
            },
            Some(Duration::from_millis(20)),
            move |kb| tx.send(kb).is_ok(),
        )
        .unwrap();
        assert!(rx.recv_timeout(WACHT).unwrap().artikelen.is_empty());
        std::fs::write(
            dir.path().join("kapot.md"),
            "geen front matter\n## Antwoord\nx\n",
        )
        .unwrap();
        let kb = rx.recv_timeout(WACHT).expect("the change is seen");
        assert_eq!(kb.fouten.len(), 1, "{:?}", kb.fouten);
        lader.stop();
    }
}
