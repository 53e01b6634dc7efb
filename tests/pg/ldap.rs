//! A throwaway directory server (OpenLDAP's `slapd`, Debian package `slapd`) on 127.0.0.1 with
//! one organisational unit of people, for PostgreSQL's `ldap` sign-in method. Skipped loudly
//! without slapd; `LOKET_REQUIRE_SLAPD=1` (set by CI) turns the skip into a failure.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};

pub const SUFFIX: &str = "dc=loket,dc=test";
pub const MENSEN: &str = "ou=mensen,dc=loket,dc=test";

pub struct Slapd {
    dir: tempfile::TempDir,
    pub port: u16,
    proces: Child,
}

fn slapd() -> Option<PathBuf> {
    [
        "/usr/sbin/slapd",
        "/usr/local/sbin/slapd",
        "/usr/local/libexec/slapd",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

impl Slapd {
    /// Started with these people (uid, password) under [`MENSEN`].
    pub fn start(mensen: &[(&str, &str)]) -> Option<Slapd> {
        let Some(bin) = slapd() else {
            if std::env::var_os("LOKET_REQUIRE_SLAPD").is_some() {
                panic!("slapd is required (LOKET_REQUIRE_SLAPD is set) but was not found");
            }
            eprintln!("!!! SKIPPED: slapd not found; the directory sign-in test did not run !!!");
            return None;
        };
        let dir = tempfile::Builder::new()
            .prefix("loket-ldap-")
            .tempdir()
            .unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("data")).unwrap();
        let modules = [
            "/usr/lib/ldap",
            "/usr/lib/x86_64-linux-gnu/ldap",
            "/usr/lib/aarch64-linux-gnu/ldap",
        ]
        .into_iter()
        .find(|m| Path::new(m).join("back_mdb.so").exists());
        let module = modules
            .map(|m| format!("modulepath {m}\nmoduleload back_mdb\n"))
            .unwrap_or_default();
        std::fs::write(
            d.join("slapd.conf"),
            format!(
                "include /etc/ldap/schema/core.schema\n\
                 include /etc/ldap/schema/cosine.schema\n\
                 include /etc/ldap/schema/inetorgperson.schema\n\
                 pidfile {0}/slapd.pid\n\
                 {module}\
                 database mdb\n\
                 maxsize 10485760\n\
                 suffix \"{SUFFIX}\"\n\
                 rootdn \"cn=admin,{SUFFIX}\"\n\
                 rootpw beheer-geheim\n\
                 directory {0}/data\n\
                 access to attrs=userPassword by anonymous auth by * none\n\
                 access to * by * read\n",
                d.display()
            ),
        )
        .unwrap();
        let mut ldif = format!(
            "dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: loket\no: loket test\n\n\
             dn: {MENSEN}\nobjectClass: organizationalUnit\nou: mensen\n\n"
        );
        for (uid, wachtwoord) in mensen {
            ldif.push_str(&format!(
                "dn: uid={uid},{MENSEN}\nobjectClass: inetOrgPerson\nuid: {uid}\ncn: {uid}\nsn: {uid}\nuserPassword: {wachtwoord}\n\n"
            ));
        }
        std::fs::write(d.join("mensen.ldif"), ldif).unwrap();
        let conf = d.join("slapd.conf");
        let slapadd = bin.with_file_name("slapadd");
        let status = Command::new(if slapadd.exists() {
            slapadd
        } else {
            bin.clone()
        })
        .args([
            "-f",
            conf.to_str().unwrap(),
            "-l",
            d.join("mensen.ldif").to_str().unwrap(),
        ])
        .output()
        .unwrap();
        assert!(status.status.success(), "slapadd: {status:?}");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let proces = Command::new(&bin)
            .args([
                "-d",
                "0",
                "-f",
                conf.to_str().unwrap(),
                "-h",
                &format!("ldap://127.0.0.1:{port}/"),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(d.join("slapd.log")).unwrap())
            .spawn()
            .unwrap();
        let slapd = Slapd { dir, port, proces };
        let tot = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < tot,
                "slapd did not start: {}",
                std::fs::read_to_string(slapd.dir.path().join("slapd.log")).unwrap_or_default()
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Some(slapd)
    }
}

impl Drop for Slapd {
    fn drop(&mut self) {
        let _ = self.proces.kill();
        let _ = self.proces.wait();
    }
}
