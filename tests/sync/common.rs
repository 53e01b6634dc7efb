//! Shared helpers: desks on their own SQLite files, the server connection, a runtime, an afspraak.

use chrono::{Duration, Utc};
use loket::config::SyncConfig;
use loket::store::Store;
use loket::sync::{self, server};
use std::path::{Path, PathBuf};
use uuid::Uuid;

pub fn cfg(url: &str) -> SyncConfig {
    SyncConfig {
        url: url.into(),
        password_file: None,
        sslmode: None,
        ca_file: None,
    }
}

pub struct Desk {
    pub db: PathBuf,
    pub id: Uuid,
}

impl Desk {
    pub fn new(dir: &Path, naam: &str) -> Desk {
        let db = dir.join(format!("{naam}.db"));
        let id = Uuid::now_v7();
        drop(Store::open(&db, id).unwrap());
        Desk { db, id }
    }

    pub fn store(&self) -> Store {
        Store::open(&self.db, self.id).unwrap()
    }

    pub fn gast(&self, naam: &str) -> loket::domain::klantgeleiding::Bezoeker {
        loket::store::klantgeleiding::bezoeker_binnen(
            &mut self.store(),
            "Stadskantoor",
            naam,
            "Team ICT",
            None,
            Utc::now(),
        )
        .unwrap()
    }

    pub fn tel(&self, sql: &str) -> i64 {
        rusqlite::Connection::open(&self.db)
            .unwrap()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    }

    pub async fn ronde(&self, url: &str) -> anyhow::Result<sync::Rapport> {
        let (mut c, _) = sync::verbinding::verbind(&cfg(url)).await?;
        sync::ronde(&mut c, &self.db, self.id, Some("Stadskantoor")).await
    }
}

pub async fn client(url: &str) -> tokio_postgres::Client {
    sync::verbinding::verbind(&cfg(url)).await.unwrap().0
}

pub async fn init(url: &str) {
    server::init(&mut client(url).await).await.unwrap();
}

pub async fn server_tel(url: &str, sql: &str) -> i64 {
    client(url).await.query_one(sql, &[]).await.unwrap().get(0)
}

pub fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

pub fn afspraak(locatie: &str, uur: u32) -> loket::domain::afspraken::Afspraak {
    let begin = (Utc::now() + Duration::days(3))
        .date_naive()
        .and_hms_opt(uur, 0, 0)
        .unwrap()
        .and_utc();
    loket::domain::afspraken::Afspraak {
        meta: loket::domain::RecordMeta::new(Utc::now(), Uuid::nil()),
        partij_id: None,
        product: "Aanvraag paspoort of ID-kaart".into(),
        locatie: locatie.into(),
        medewerker_id: None,
        begin_op: begin,
        eind_op: begin + Duration::minutes(15),
        status: "gepland".into(),
        bevestiging: None,
        reden: None,
        verzet_van: None,
    }
}
