//! A throwaway PostgreSQL cluster for tests: initdb into a temporary folder, started on a free
//! port on 127.0.0.1 only (and a socket in the folder), stopped and removed on drop. PostgreSQL
//! refuses to run as root, so as root the cluster runs as the `postgres` user.
//!
//! Without PostgreSQL's server binaries the tests skip with a loud message; with
//! LOKET_REQUIRE_PG set (CI) that is a failure instead.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Pg {
    pub dir: tempfile::TempDir,
    pub port: u16,
    bin: PathBuf,
    als_postgres: bool,
    /// With TLS: the server's certificate and key (signed by `ca.crt` in the folder).
    tls: bool,
}

fn bindir() -> Option<PathBuf> {
    let out = Command::new("pg_config").arg("--bindir").output().ok()?;
    let p = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    p.join("initdb").exists().then_some(p)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl Pg {
    /// A fresh cluster, or None (skip) when PostgreSQL is not installed.
    pub fn start() -> Option<Pg> {
        Pg::start_met(false)
    }

    /// A fresh cluster that also speaks TLS, with a test CA (`ca.crt` in `dir()`) and a server
    /// certificate for 127.0.0.1; None (skip) without PostgreSQL or openssl.
    pub fn start_tls() -> Option<Pg> {
        if Command::new("openssl").arg("version").output().is_err() {
            if std::env::var_os("LOKET_REQUIRE_PG").is_some() {
                panic!("openssl is required for the TLS test (LOKET_REQUIRE_PG is set)");
            }
            eprintln!("!!! SKIPPED: openssl not found; the TLS sync test did not run !!!");
            return None;
        }
        Pg::start_met(true)
    }

    fn start_met(tls: bool) -> Option<Pg> {
        let Some(bin) = bindir() else {
            if std::env::var_os("LOKET_REQUIRE_PG").is_some() {
                panic!(
                    "PostgreSQL is required (LOKET_REQUIRE_PG is set) but pg_config/initdb were not found"
                );
            }
            eprintln!(
                "!!! SKIPPED: PostgreSQL server binaries not found; sync tests did not run !!!"
            );
            return None;
        };
        let dir = tempfile::Builder::new()
            .prefix("loket-pg-")
            .tempdir()
            .unwrap();
        let als_postgres = is_root();
        if als_postgres {
            let status = Command::new("chown")
                .args(["postgres:postgres", dir.path().to_str().unwrap()])
                .status()
                .unwrap();
            assert!(status.success());
        }
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let pg = Pg {
            dir,
            port,
            bin,
            als_postgres,
            tls,
        };
        let data = pg.data();
        pg.run(&format!(
            "{} -D {} -A trust -U loket --no-sync -E UTF8 >/dev/null",
            pg.bin.join("initdb").display(),
            data.display()
        ));
        if tls {
            let d = pg.dir.path().display().to_string();
            let ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
            pg.run(&format!(
                "cd {d} && openssl req -x509 {ec} -keyout ca.key -out ca.crt -days 2 -subj '/CN=loket test CA' \
                   -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null \
                 && openssl req {ec} -keyout server.key -out server.csr -subj '/CN=127.0.0.1' 2>/dev/null \
                 && printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > ext \
                 && openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile ext 2>/dev/null \
                 && openssl req -x509 {ec} -keyout ander.key -out ander-ca.crt -days 2 -subj '/CN=other CA' 2>/dev/null \
                 && chmod 600 server.key && chmod 644 ca.crt ander-ca.crt"
            ));
        }
        pg.start_server();
        Some(pg)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn run(&self, cmd: &str) {
        let status = if self.als_postgres {
            Command::new("su").args(["postgres", "-c", cmd]).status()
        } else {
            Command::new("sh").args(["-c", cmd]).status()
        }
        .unwrap();
        assert!(status.success(), "failed: {cmd}");
    }

    pub fn start_server(&self) {
        let ssl = if self.tls {
            format!(
                " -c ssl=on -c ssl_cert_file={0}/server.crt -c ssl_key_file={0}/server.key",
                self.dir.path().display()
            )
        } else {
            String::new()
        };
        self.run(&format!(
            "{} -D {} -l {} -w -o \"-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300{ssl}\" start >/dev/null",
            self.bin.join("pg_ctl").display(),
            self.data().display(),
            self.dir.path().join("log").display(),
            self.port,
            self.dir.path().display()
        ));
    }

    /// Stop at once, as a crash would (no clean shutdown).
    pub fn stop_immediate(&self) {
        self.run(&format!(
            "{} -D {} -m immediate -w stop >/dev/null",
            self.bin.join("pg_ctl").display(),
            self.data().display()
        ));
    }

    /// From now on every login but the superuser `loket` signs in with its password (SCRAM), as
    /// a real server's pg_hba.conf has it.
    pub fn wachtwoorden_verplicht(&self) {
        self.pg_hba(
            "local all all trust\n\
             host all loket 127.0.0.1/32 trust\n\
             host all all 127.0.0.1/32 scram-sha-256\n",
        );
    }

    /// Replace pg_hba.conf with these lines and have the server read it again.
    pub fn pg_hba(&self, regels: &str) {
        std::fs::write(self.data().join("pg_hba.conf"), regels).unwrap();
        self.run(&format!(
            "{} -D {} reload >/dev/null",
            self.bin.join("pg_ctl").display(),
            self.data().display()
        ));
    }

    /// The url of `db` for another login, its password to come from elsewhere (a password file).
    pub fn url_voor(&self, db: &str, login: &str) -> String {
        format!("postgres://{login}@127.0.0.1:{}/{db}", self.port)
    }

    /// The url of `db` for another login.
    pub fn url_als(&self, db: &str, login: &str, wachtwoord: &str) -> String {
        format!(
            "postgres://{login}:{wachtwoord}@127.0.0.1:{}/{db}",
            self.port
        )
    }

    pub fn url(&self, db: &str) -> String {
        format!("postgres://loket@127.0.0.1:{}/{db}", self.port)
    }

    /// Create a database (as the cluster's superuser) and return its url.
    pub fn database(&self, db: &str) -> String {
        self.run(&format!(
            "{} -h 127.0.0.1 -p {} -U loket {db}",
            self.bin.join("createdb").display(),
            self.port
        ));
        self.url(db)
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let cmd = format!(
            "{} -D {} -m immediate -w stop >/dev/null 2>&1",
            self.bin.join("pg_ctl").display(),
            self.data().display()
        );
        let _ = if self.als_postgres {
            Command::new("su").args(["postgres", "-c", &cmd]).status()
        } else {
            Command::new("sh").args(["-c", &cmd]).status()
        };
    }
}
