//! Driving the real binary in tmux for end-to-end tests: one tmux server per session (so
//! parallel tests never share one), keys and text sent as a user types, and waits on what the
//! screen shows. Without tmux the tests skip loudly; LOKET_REQUIRE_TMUX turns that into a failure.

#![allow(dead_code)]

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub fn tmux_available() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var_os("LOKET_REQUIRE_TMUX").is_some() {
            panic!("tmux is required (LOKET_REQUIRE_TMUX is set) but not found");
        }
        eprintln!("!!! SKIPPED: tmux not found; end-to-end terminal tests did not run !!!");
    }
    ok
}

/// One tmux session running one shell command; killed on drop.
pub struct Tmux {
    pub name: String,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl Tmux {
    /// A tmux command on this test's own server (`-L`): tests run in parallel, and on one shared
    /// server the last session closing in one test can stop the server under another test's
    /// `new-session` ("server exited unexpectedly").
    pub fn tmux(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.name]);
        c
    }

    /// Sign in on the desk's sign-in screen as a medewerker would: login, Tab, password, Enter.
    pub fn aanmelden(&self, login: &str, wachtwoord: &str) {
        self.wait_for(&["Aanmelden", "Login:"], 30);
        self.text(login);
        self.keys(&["Tab"]);
        self.text(wachtwoord);
        self.keys(&["Enter"]);
    }

    pub fn start(cmd: &str, w: u16, h: u16) -> Tmux {
        let name = format!(
            "loket-e2e-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        // After the app exits, print its exit code and whether the terminal is back in
        // canonical (cooked) mode, then keep the pane open for capture. The code goes on a line
        // of its own (\r\n: after a SIGKILL the terminal is still raw): otherwise the shell's
        // "Killed <command>" notice, as long as the path to the binary, can wrap it in two.
        let script = format!(
            "{cmd}; rc=$?; printf '\\r\\nEXIT=%s\\r\\n' \"$rc\"; stty -a | grep -o -- '-\\?icanon'; sleep 60"
        );
        let tmux = Tmux { name };
        let status = tmux
            .tmux()
            .args([
                "new-session",
                "-d",
                "-s",
                &tmux.name,
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
            ])
            .arg(script)
            .env("NO_COLOR", "")
            .status()
            .unwrap();
        assert!(status.success(), "tmux new-session failed");
        tmux
    }

    pub fn capture(&self) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        let status = self
            .tmux()
            .args(["send-keys", "-t", &self.name])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    pub fn text(&self, text: &str) {
        let status = self
            .tmux()
            .args(["send-keys", "-l", "-t", &self.name, text])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Wait until `needle` is gone from the screen.
    pub fn wait_gone(&self, needle: &str, secs: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs * 3);
        loop {
            let screen = self.capture();
            if !screen.contains(needle) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {needle:?} to go; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Wait until every needle is on screen; fail with the screen after `secs` (times three:
    /// on a loaded 2-core CI machine, with other end-to-end tests running beside this one, a
    /// screen can take longer; a passing test never waits longer than it needs).
    pub fn wait_for(&self, needles: &[&str], secs: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs * 3);
        loop {
            let screen = self.capture();
            if needles.iter().all(|n| screen.contains(n)) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {needles:?}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Send `signal` to the loket process running in this pane.
    pub fn signal_app(&self, signal: &str) {
        let shell = self.pane_pid();
        let out = Command::new("pgrep")
            .args(["-P", &shell.to_string(), "loket"])
            .output()
            .unwrap();
        let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(
            !pid.is_empty(),
            "loket process not found under shell {shell}"
        );
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{signal} {pid} failed");
    }

    pub fn pane_pid(&self) -> u32 {
        let out = self
            .tmux()
            .args(["display-message", "-p", "-t", &self.name, "#{pane_pid}"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux().args(["kill-server"]).status();
    }
}
