//! Versioned schema migrations. Each entry is one schema version; `PRAGMA user_version` holds the
//! version a database is at. Never edit a released entry: add a new one.
//!
//! Every table whose rows sync carries the same five columns: `id` (UUID v7 text), `created_at`,
//! `updated_at` (UTC, RFC 3339 with milliseconds, so text order is time order), `desk_id` (the desk that
//! last wrote it) and `deleted` (tombstone). Rows are written through `Store::save`, which appends the
//! matching `outbox` row in the same transaction.

pub const MIGRATIONS: &[&str] = &[
    // 1: the desk's working data.
    r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Change log (outbox): every synced write appends one row in the same transaction.
-- op_seq counts this database's operations without gaps; the sync issue uploads in op_seq order.
CREATE TABLE outbox (
    op_seq      INTEGER PRIMARY KEY,
    op_id       TEXT NOT NULL UNIQUE,
    hlc         TEXT NOT NULL,
    desk_id     TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    operation   TEXT NOT NULL CHECK (operation IN ('upsert', 'delete')),
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    uploaded_at TEXT
);
CREATE INDEX outbox_pending ON outbox (op_seq) WHERE uploaded_at IS NULL;

CREATE TABLE afdeling (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    desk_id     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    naam        TEXT NOT NULL,
    telefoon    TEXT
);

CREATE TABLE medewerker (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    desk_id       TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0,
    naam          TEXT NOT NULL,
    rol           TEXT NOT NULL CHECK (rol IN ('medewerker', 'supervisor', 'trainer')),
    functie       TEXT NOT NULL,
    afdeling_id   TEXT REFERENCES afdeling (id),
    aanwezigheid  TEXT NOT NULL,
    telefoon      TEXT
);

-- Klantinteracties: partij (persoon or organisatie) with its identificatoren and address.
CREATE TABLE partij (
    id                       TEXT PRIMARY KEY,
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL,
    desk_id                  TEXT NOT NULL,
    deleted                  INTEGER NOT NULL DEFAULT 0,
    soort_partij             TEXT NOT NULL CHECK (soort_partij IN ('persoon', 'organisatie')),
    voornamen                TEXT,
    voorvoegsel_achternaam   TEXT,
    achternaam               TEXT,
    geboortedatum            TEXT,
    statutaire_naam          TEXT,
    bsn                      TEXT,
    kvk_nummer               TEXT,
    vestigingsnummer         TEXT,
    straatnaam               TEXT,
    huisnummer               INTEGER,
    huisnummertoevoeging     TEXT,
    postcode                 TEXT,
    woonplaats               TEXT,
    voorkeurskanaal          TEXT,
    indicatie_geheimhouding  INTEGER NOT NULL DEFAULT 0,
    zoeknaam                 TEXT NOT NULL
);
CREATE UNIQUE INDEX partij_bsn ON partij (bsn) WHERE bsn IS NOT NULL;
CREATE INDEX partij_kvk ON partij (kvk_nummer) WHERE kvk_nummer IS NOT NULL;
CREATE INDEX partij_vestiging ON partij (vestigingsnummer) WHERE vestigingsnummer IS NOT NULL;
CREATE INDEX partij_adres ON partij (postcode, huisnummer);
CREATE INDEX partij_zoeknaam ON partij (zoeknaam);

CREATE TABLE digitaal_adres (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    desk_id       TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0,
    partij_id     TEXT NOT NULL REFERENCES partij (id),
    soort_digitaal_adres TEXT NOT NULL CHECK (soort_digitaal_adres IN ('telefoonnummer', 'email')),
    adres         TEXT NOT NULL
);
CREATE INDEX digitaal_adres_adres ON digitaal_adres (adres);
CREATE INDEX digitaal_adres_partij ON digitaal_adres (partij_id);

-- Catalogi API: zaaktype. knip says which line handles it.
CREATE TABLE zaaktype (
    id                          TEXT PRIMARY KEY,
    created_at                  TEXT NOT NULL,
    updated_at                  TEXT NOT NULL,
    desk_id                     TEXT NOT NULL,
    deleted                     INTEGER NOT NULL DEFAULT 0,
    identificatie               TEXT NOT NULL UNIQUE,
    omschrijving                TEXT NOT NULL,
    afdeling_id                 TEXT NOT NULL REFERENCES afdeling (id),
    knip                        TEXT NOT NULL,
    doorlooptijd_dagen          INTEGER NOT NULL,
    vertrouwelijkheidaanduiding TEXT NOT NULL
);

-- Zaken API: zaak, its status history and the initiator rol (aanvrager).
CREATE TABLE zaak (
    id                            TEXT PRIMARY KEY,
    created_at                    TEXT NOT NULL,
    updated_at                    TEXT NOT NULL,
    desk_id                       TEXT NOT NULL,
    deleted                       INTEGER NOT NULL DEFAULT 0,
    identificatie                 TEXT NOT NULL UNIQUE,
    zaaktype_id                   TEXT NOT NULL REFERENCES zaaktype (id),
    omschrijving                  TEXT NOT NULL,
    startdatum                    TEXT NOT NULL,
    einddatum_gepland             TEXT,
    uiterlijke_einddatum_afdoening TEXT,
    einddatum                     TEXT,
    vertrouwelijkheidaanduiding   TEXT NOT NULL,
    initiator_partij_id           TEXT REFERENCES partij (id),
    behandelaar_medewerker_id     TEXT REFERENCES medewerker (id)
);
CREATE INDEX zaak_initiator ON zaak (initiator_partij_id);

CREATE TABLE zaak_status (
    id                 TEXT PRIMARY KEY,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    desk_id            TEXT NOT NULL,
    deleted            INTEGER NOT NULL DEFAULT 0,
    zaak_id            TEXT NOT NULL REFERENCES zaak (id),
    statustype         TEXT NOT NULL,
    datum_status_gezet TEXT NOT NULL,
    statustoelichting  TEXT
);
CREATE INDEX zaak_status_zaak ON zaak_status (zaak_id, datum_status_gezet);

-- Klantinteracties: klantcontact, here called contactmoment as the KCC does.
CREATE TABLE contactmoment (
    id              TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    desk_id         TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    plaatsgevonden_op TEXT NOT NULL,
    kanaal          TEXT NOT NULL,
    onderwerp       TEXT NOT NULL,
    inhoud          TEXT NOT NULL,
    afhandeling     TEXT NOT NULL,
    partij_id       TEXT REFERENCES partij (id),
    zaak_id         TEXT REFERENCES zaak (id),
    medewerker_id   TEXT REFERENCES medewerker (id),
    duur_seconden   INTEGER NOT NULL,
    nawerk_seconden INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contactmoment_tijd ON contactmoment (plaatsgevonden_op);
CREATE INDEX contactmoment_partij ON contactmoment (partij_id, plaatsgevonden_op);
CREATE INDEX contactmoment_zaak ON contactmoment (zaak_id) WHERE zaak_id IS NOT NULL;

-- Klantinteracties: interne taak, the contactverzoek / terugbelnotitie.
CREATE TABLE contactverzoek (
    id                 TEXT PRIMARY KEY,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    desk_id            TEXT NOT NULL,
    deleted            INTEGER NOT NULL DEFAULT 0,
    contactmoment_id   TEXT REFERENCES contactmoment (id),
    partij_id          TEXT REFERENCES partij (id),
    toelichting        TEXT NOT NULL,
    terugbelnummer     TEXT,
    afdeling_id        TEXT REFERENCES afdeling (id),
    medewerker_id      TEXT REFERENCES medewerker (id),
    status             TEXT NOT NULL CHECK (status IN ('te_verwerken', 'verwerkt')),
    uiterlijk_op       TEXT NOT NULL,
    verwerkt_op        TEXT
);
CREATE INDEX contactverzoek_open ON contactverzoek (status, uiterlijk_op);
CREATE INDEX contactverzoek_partij ON contactverzoek (partij_id);

CREATE TABLE afspraak (
    id              TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    desk_id         TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    partij_id       TEXT REFERENCES partij (id),
    product         TEXT NOT NULL,
    locatie         TEXT NOT NULL,
    medewerker_id   TEXT REFERENCES medewerker (id),
    begin_op        TEXT NOT NULL,
    eind_op         TEXT NOT NULL,
    status          TEXT NOT NULL
);
CREATE INDEX afspraak_begin ON afspraak (begin_op);
CREATE INDEX afspraak_locatie ON afspraak (locatie, begin_op);
"#,
    // 2: audit trail of who looked at whose personal data (AVG/BIO). Append-only: rows are never
    // updated or deleted.
    r#"
CREATE TABLE audit_log (
    id             TEXT PRIMARY KEY,
    at             TEXT NOT NULL,
    desk_id        TEXT NOT NULL,
    medewerker_id  TEXT,
    medewerker     TEXT NOT NULL,
    partij_id      TEXT,
    zaak_id        TEXT,
    reden          TEXT NOT NULL
);
CREATE INDEX audit_log_partij ON audit_log (partij_id, at);
CREATE INDEX audit_log_zaak ON audit_log (zaak_id, at) WHERE zaak_id IS NOT NULL;
"#,
    // 3: contact registration as Klantinteracties has it: several vragen per contactmoment,
    // first-contact resolution, bronnen; contactverzoeken with their logboek; local drafts.
    r#"
ALTER TABLE contactmoment ADD COLUMN notitie TEXT;
ALTER TABLE contactmoment ADD COLUMN afdeling_id TEXT REFERENCES afdeling (id);
ALTER TABLE contactmoment ADD COLUMN eerstelijns_afgehandeld INTEGER;
ALTER TABLE contactmoment ADD COLUMN bronnen TEXT;

CREATE TABLE contactmoment_vraag (
    id                TEXT PRIMARY KEY,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    desk_id           TEXT NOT NULL,
    deleted           INTEGER NOT NULL DEFAULT 0,
    contactmoment_id  TEXT NOT NULL REFERENCES contactmoment (id),
    volgnummer        INTEGER NOT NULL,
    onderwerp         TEXT NOT NULL,
    vraag             TEXT NOT NULL,
    gespreksresultaat TEXT NOT NULL,
    afdeling_id       TEXT REFERENCES afdeling (id)
);
CREATE INDEX contactmoment_vraag_cm ON contactmoment_vraag (contactmoment_id, volgnummer);

-- A group of medewerkers (a team) that contactverzoeken can be addressed to.
CREATE TABLE groep (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    desk_id     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    naam        TEXT NOT NULL,
    afdeling_id TEXT REFERENCES afdeling (id)
);

ALTER TABLE contactverzoek ADD COLUMN groep_id TEXT REFERENCES groep (id);
ALTER TABLE contactverzoek ADD COLUMN gevraagde_handeling TEXT NOT NULL DEFAULT 'Terugbellen';
ALTER TABLE contactverzoek ADD COLUMN emailadres TEXT;
ALTER TABLE contactverzoek ADD COLUMN resultaat TEXT;
ALTER TABLE contactverzoek ADD COLUMN verwerkt_door TEXT;
CREATE INDEX contactverzoek_telefoon ON contactverzoek (terugbelnummer);

CREATE TABLE contactverzoek_logboek (
    id                 TEXT PRIMARY KEY,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    desk_id            TEXT NOT NULL,
    deleted            INTEGER NOT NULL DEFAULT 0,
    contactverzoek_id  TEXT NOT NULL REFERENCES contactverzoek (id),
    medewerker         TEXT NOT NULL,
    actie              TEXT NOT NULL,
    toelichting        TEXT
);
CREATE INDEX contactverzoek_logboek_cv ON contactverzoek_logboek (contactverzoek_id, created_at);

-- Drafts of forms, autosaved so a crash loses nothing. Local to this desk, never synced.
CREATE TABLE concept (
    key        TEXT PRIMARY KEY,
    payload    TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"#,
    // 4: what agents do with the kennisbank: every search (query folded, or NULL when it looked
    // like personal data) with the article opened, and flags on articles for the editors.
    r#"
CREATE TABLE kennisbank_zoekactie (
    id               TEXT PRIMARY KEY,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    desk_id          TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0,
    vraag            TEXT,
    aantal_treffers  INTEGER NOT NULL,
    artikel          TEXT,
    medewerker_id    TEXT REFERENCES medewerker (id)
);
CREATE INDEX kennisbank_zoekactie_tijd ON kennisbank_zoekactie (created_at);

CREATE TABLE kennisbank_melding (
    id           TEXT PRIMARY KEY,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    desk_id      TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    artikel      TEXT NOT NULL,
    soort        TEXT NOT NULL,
    toelichting  TEXT NOT NULL,
    medewerker   TEXT NOT NULL,
    status       TEXT NOT NULL
);
CREATE INDEX kennisbank_melding_status ON kennisbank_melding (status, created_at);
"#,
    // 5: the telephone queue: every call as it went (keyed by the source's call id, so desks that
    // see the same call write the same row), agent state changes (for occupancy), and the call a
    // contactmoment wraps up.
    r#"
CREATE TABLE gesprek (
    id              TEXT PRIMARY KEY,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    desk_id         TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    extern_id       TEXT NOT NULL,
    nummer          TEXT NOT NULL,
    keuze           TEXT NOT NULL,
    terugval        INTEGER NOT NULL,
    binnen_op       TEXT NOT NULL,
    aangeboden_op   TEXT,
    aangenomen_op   TEXT,
    beeindigd_op    TEXT,
    verlaten_op     TEXT,
    medewerker_id   TEXT REFERENCES medewerker (id),
    agent           TEXT,
    doorverbindingen TEXT NOT NULL
);
CREATE INDEX gesprek_binnen ON gesprek (binnen_op);

CREATE TABLE agent_status (
    id             TEXT PRIMARY KEY,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    desk_id        TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    medewerker_id  TEXT REFERENCES medewerker (id),
    status         TEXT NOT NULL,
    reden          TEXT,
    op             TEXT NOT NULL
);
CREATE INDEX agent_status_op ON agent_status (medewerker_id, op);

ALTER TABLE contactmoment ADD COLUMN gesprek_id TEXT REFERENCES gesprek (id);
"#,
    // 6: never a double booking. The database itself refuses a second afspraak that overlaps
    // one at the same locatie (cancelled and rescheduled ones free their time), whoever writes
    // it: a desk's form, the demo generator, or rows applied by sync.
    r#"
CREATE TRIGGER afspraak_geen_dubbele_insert BEFORE INSERT ON afspraak
WHEN NEW.deleted = 0 AND NEW.status NOT IN ('geannuleerd', 'verzet')
BEGIN
    SELECT RAISE(ABORT, 'dubbele boeking')
    WHERE EXISTS (
        SELECT 1 FROM afspraak a
        WHERE a.locatie = NEW.locatie AND a.id <> NEW.id AND a.deleted = 0
          AND a.status NOT IN ('geannuleerd', 'verzet')
          AND a.begin_op < NEW.eind_op AND a.eind_op > NEW.begin_op
    );
END;

CREATE TRIGGER afspraak_geen_dubbele_update BEFORE UPDATE ON afspraak
WHEN NEW.deleted = 0 AND NEW.status NOT IN ('geannuleerd', 'verzet')
BEGIN
    SELECT RAISE(ABORT, 'dubbele boeking')
    WHERE EXISTS (
        SELECT 1 FROM afspraak a
        WHERE a.locatie = NEW.locatie AND a.id <> NEW.id AND a.deleted = 0
          AND a.status NOT IN ('geannuleerd', 'verzet')
          AND a.begin_op < NEW.eind_op AND a.eind_op > NEW.begin_op
    );
END;
"#,
    // 7: where and what afspraken are for: diensten (with how long they take, how they are
    // served, the ticket prefix, and the kennisbank article that says what to bring) and the
    // plekken (balies, spreekkamers) with the diensten they serve; and the confirmation text
    // given to the klant with each afspraak.
    r#"
CREATE TABLE dienst (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    desk_id       TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0,
    naam          TEXT NOT NULL,
    vorm          TEXT NOT NULL,
    duur_minuten  INTEGER NOT NULL,
    prefix        TEXT NOT NULL,
    artikel       TEXT
);

CREATE TABLE plek (
    id             TEXT PRIMARY KEY,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    desk_id        TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    naam           TEXT NOT NULL,
    soort          TEXT NOT NULL,
    diensten       TEXT NOT NULL,
    medewerker_id  TEXT REFERENCES medewerker (id)
);

ALTER TABLE afspraak ADD COLUMN bevestiging TEXT;
-- Why it was cancelled; and for a rescheduled afspraak, the one it replaces (history kept).
ALTER TABLE afspraak ADD COLUMN reden TEXT;
ALTER TABLE afspraak ADD COLUMN verzet_van TEXT REFERENCES afspraak (id);
"#,
    // 8: visitors at the counter. A ticket number is unique per location and day (the unique
    // index is the guarantee, also after a restart or with two receptie desks).
    r#"
CREATE TABLE bezoek (
    id             TEXT PRIMARY KEY,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    desk_id        TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    dag            TEXT NOT NULL,
    locatie        TEXT NOT NULL,
    nummer         TEXT NOT NULL,
    volgnummer     INTEGER NOT NULL,
    dienst         TEXT NOT NULL,
    partij_id      TEXT REFERENCES partij (id),
    aangekomen_op  TEXT NOT NULL,
    opgeroepen_op  TEXT,
    oproepen       INTEGER NOT NULL DEFAULT 0,
    balie          TEXT,
    geholpen_op    TEXT,
    klaar_op       TEXT,
    status         TEXT NOT NULL,
    afspraak_id    TEXT REFERENCES afspraak (id),
    afspraak_op    TEXT
);
CREATE UNIQUE INDEX bezoek_nummer ON bezoek (locatie, dag, nummer);
CREATE INDEX bezoek_dag ON bezoek (dag, status);
"#,
    // 9: bezoekersregistratie (visitors for staff, not klanten: who is in the building) and the
    // till: payments at a balie with a receipt number, and the daily cash-up. Payments are
    // append-only (a mistake is corrected by a new entry pointing at it) and a closed day takes
    // no new payments and cannot be changed; the triggers hold for every writer, sync included.
    r#"
-- Openingstijden per plek and weekday (JSON: seven strings, Monday first, "09:00-12:30 13:00-16:30";
-- NULL: the gemeente's default hours), and a medewerker's absence (leave, training): no slots.
ALTER TABLE plek ADD COLUMN openingstijden TEXT;

CREATE TABLE afwezigheid (
    id             TEXT PRIMARY KEY,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    desk_id        TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    medewerker_id  TEXT NOT NULL REFERENCES medewerker (id),
    van            TEXT NOT NULL,
    tot            TEXT NOT NULL,
    reden          TEXT
);
CREATE INDEX afwezigheid_medewerker ON afwezigheid (medewerker_id, tot);

CREATE TABLE bezoeker (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    desk_id     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    locatie     TEXT NOT NULL,
    dag         TEXT NOT NULL,
    naam        TEXT NOT NULL,
    voor_wie    TEXT NOT NULL,
    bedrijf     TEXT,
    binnen_op   TEXT NOT NULL,
    buiten_op   TEXT
);
CREATE INDEX bezoeker_binnen ON bezoeker (locatie, buiten_op);

CREATE TABLE kas_betaling (
    id             TEXT PRIMARY KEY,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    desk_id        TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    balie          TEXT NOT NULL,
    dag            TEXT NOT NULL,
    volgnummer     INTEGER NOT NULL,
    bonnummer      TEXT NOT NULL,
    product        TEXT NOT NULL,
    bedrag_cent    INTEGER NOT NULL,
    methode        TEXT NOT NULL CHECK (methode IN ('contant', 'pin')),
    medewerker     TEXT NOT NULL,
    bezoek_id      TEXT REFERENCES bezoek (id),
    partij_id      TEXT REFERENCES partij (id),
    correctie_van  TEXT REFERENCES kas_betaling (id),
    reden          TEXT
);
CREATE UNIQUE INDEX kas_betaling_bon ON kas_betaling (bonnummer);
CREATE INDEX kas_betaling_dag ON kas_betaling (balie, dag);

CREATE TABLE kasopmaak (
    id                     TEXT PRIMARY KEY,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    desk_id                TEXT NOT NULL,
    deleted                INTEGER NOT NULL DEFAULT 0,
    balie                  TEXT NOT NULL,
    dag                    TEXT NOT NULL,
    contant_verwacht_cent  INTEGER NOT NULL,
    contant_geteld_cent    INTEGER NOT NULL,
    pin_cent               INTEGER NOT NULL,
    verschil_cent          INTEGER NOT NULL,
    betalingen             INTEGER NOT NULL,
    medewerker             TEXT NOT NULL,
    gesloten_op            TEXT NOT NULL
);
CREATE UNIQUE INDEX kasopmaak_dag ON kasopmaak (balie, dag);

CREATE TRIGGER kas_betaling_dag_gesloten BEFORE INSERT ON kas_betaling
BEGIN
    SELECT RAISE(ABORT, 'kasdag gesloten')
    WHERE EXISTS (SELECT 1 FROM kasopmaak k WHERE k.balie = NEW.balie AND k.dag = NEW.dag);
END;
CREATE TRIGGER kas_betaling_onveranderlijk BEFORE UPDATE ON kas_betaling
WHEN OLD.bedrag_cent IS NOT NEW.bedrag_cent OR OLD.methode IS NOT NEW.methode
  OR OLD.product IS NOT NEW.product OR OLD.bonnummer IS NOT NEW.bonnummer
  OR OLD.dag IS NOT NEW.dag OR OLD.balie IS NOT NEW.balie OR OLD.deleted IS NOT NEW.deleted
BEGIN
    SELECT RAISE(ABORT, 'betaling onveranderlijk');
END;
CREATE TRIGGER kas_betaling_niet_weg BEFORE DELETE ON kas_betaling
BEGIN
    SELECT RAISE(ABORT, 'betaling onveranderlijk');
END;
CREATE TRIGGER kasopmaak_onveranderlijk BEFORE UPDATE ON kasopmaak
WHEN OLD.contant_geteld_cent IS NOT NEW.contant_geteld_cent
  OR OLD.contant_verwacht_cent IS NOT NEW.contant_verwacht_cent OR OLD.pin_cent IS NOT NEW.pin_cent
  OR OLD.verschil_cent IS NOT NEW.verschil_cent OR OLD.medewerker IS NOT NEW.medewerker
  OR OLD.deleted IS NOT NEW.deleted
BEGIN
    SELECT RAISE(ABORT, 'kasdag gesloten');
END;
CREATE TRIGGER kasopmaak_niet_weg BEFORE DELETE ON kasopmaak
BEGIN
    SELECT RAISE(ABORT, 'kasdag gesloten');
END;
"#,
    // 10: sync with the shared database. What the server refused (shown to the medewerker until
    // seen), and an afspraak the server refused ("geweigerd": another desk had the slot first)
    // no longer holds its time here either.
    r#"
-- Blocks of ticket numbers the shared database leased to this desk (local, never synced).
CREATE TABLE ticket_blok (
    locatie  TEXT NOT NULL,
    dag      TEXT NOT NULL,
    prefix   TEXT NOT NULL,
    van      INTEGER NOT NULL,
    tot      INTEGER NOT NULL,
    PRIMARY KEY (locatie, dag, prefix, van)
);

CREATE TABLE sync_geweigerd (
    op_id      TEXT PRIMARY KEY,
    op_seq     INTEGER NOT NULL,
    tabel      TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    reden      TEXT NOT NULL,
    op         TEXT NOT NULL,
    gezien     INTEGER NOT NULL DEFAULT 0
);

DROP TRIGGER afspraak_geen_dubbele_insert;
DROP TRIGGER afspraak_geen_dubbele_update;
CREATE TRIGGER afspraak_geen_dubbele_insert BEFORE INSERT ON afspraak
WHEN NEW.deleted = 0 AND NEW.status NOT IN ('geannuleerd', 'verzet', 'geweigerd')
BEGIN
    SELECT RAISE(ABORT, 'dubbele boeking')
    WHERE EXISTS (
        SELECT 1 FROM afspraak a
        WHERE a.locatie = NEW.locatie AND a.id <> NEW.id AND a.deleted = 0
          AND a.status NOT IN ('geannuleerd', 'verzet', 'geweigerd')
          AND a.begin_op < NEW.eind_op AND a.eind_op > NEW.begin_op
    );
END;
CREATE TRIGGER afspraak_geen_dubbele_update BEFORE UPDATE ON afspraak
WHEN NEW.deleted = 0 AND NEW.status NOT IN ('geannuleerd', 'verzet', 'geweigerd')
BEGIN
    SELECT RAISE(ABORT, 'dubbele boeking')
    WHERE EXISTS (
        SELECT 1 FROM afspraak a
        WHERE a.locatie = NEW.locatie AND a.id <> NEW.id AND a.deleted = 0
          AND a.status NOT IN ('geannuleerd', 'verzet', 'geweigerd')
          AND a.begin_op < NEW.eind_op AND a.eind_op > NEW.begin_op
    );
END;
"#,
    // 11: the floor view finds a call's registration (its after-call work) by the call: without
    // this index SQLite built a temporary one over every contactmoment on each refresh.
    r#"
CREATE INDEX contactmoment_gesprek ON contactmoment (gesprek_id) WHERE gesprek_id IS NOT NULL;
"#,
    // 12: written channels (e-mail, post, social media) have a norm in werkdagen from the day the
    // klant's message came in: the registration says which day that was (NULL for the others).
    r#"
ALTER TABLE contactmoment ADD COLUMN ontvangen_op TEXT;
CREATE INDEX contactmoment_schriftelijk ON contactmoment (plaatsgevonden_op)
    WHERE ontvangen_op IS NOT NULL;
"#,
    // 13: training. A trainee's reviews, kept in the training database so a coach can follow
    // progress over several days (local only: a training database never syncs).
    r#"
CREATE TABLE training_review (
    id          TEXT PRIMARY KEY,
    trainee     TEXT NOT NULL,
    scenario    TEXT NOT NULL,
    gestart_op  TEXT NOT NULL,
    afgerond_op TEXT NOT NULL,
    goed        INTEGER NOT NULL,
    totaal      INTEGER NOT NULL,
    inhoud      TEXT NOT NULL
);
CREATE INDEX training_review_trainee ON training_review (trainee, afgerond_op);
"#,
    // 14: one truth in the hall (issue 15). A balie's signed-in state, one synced record per
    // balie per day (open on the floor while signed in, also with nobody at it); and the
    // precondition an outbox operation carries (the status the desk saw, JSON), so the shared
    // database can refuse a step another desk beat it to.
    r#"
CREATE TABLE balie_stand (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    desk_id     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    locatie     TEXT NOT NULL,
    balie       TEXT NOT NULL,
    dag         TEXT NOT NULL,
    aangemeld   INTEGER NOT NULL,
    sinds       TEXT NOT NULL,
    medewerker  TEXT
);
CREATE INDEX balie_stand_dag ON balie_stand (dag, locatie);
ALTER TABLE outbox ADD COLUMN verwacht TEXT;
"#,
    // 15: every call is stored live, from the moment it joins the queue (issue 15). Asterisk's
    // Linkedid beside the Uniqueid the record is keyed by; the desk whose simulator made a call (a
    // demo PBX of its own, so the floor shows one simulated queue per desk); since when the caller
    // is on hold; and a call closed without an ending from its source (the desk that followed it
    // restarted), with the reason. The floor reads the open calls through the partial index.
    r#"
ALTER TABLE gesprek ADD COLUMN linkedid TEXT;
ALTER TABLE gesprek ADD COLUMN simulator_desk TEXT;
ALTER TABLE gesprek ADD COLUMN in_wacht_sinds TEXT;
ALTER TABLE gesprek ADD COLUMN afgebroken_op TEXT;
ALTER TABLE gesprek ADD COLUMN afgebroken_reden TEXT;
CREATE INDEX gesprek_open ON gesprek (binnen_op)
    WHERE beeindigd_op IS NULL AND verlaten_op IS NULL AND afgebroken_op IS NULL;
"#,
    // 16: questions in the kennisbank search log that an older desk kept although they hold
    // personal data (a BSN with `_` or `/` between its digits, full-width digits, a postcode
    // with a huisnummer) lose their words. The work is Rust (`schoon_zoeklog`, run by `migrate`
    // after this step), since the test is `lijkt_persoonsgegeven`.
    r#"
-- see schoon_zoeklog
"#,
    // 17: the base of an edit (issue 18): beside each outbox operation, the row as this desk had
    // it before the write (JSON, the payload's shape; NULL for a new record), so the shared
    // database can merge concurrent edits per field instead of keeping one whole record.
    r#"
ALTER TABLE outbox ADD COLUMN basis TEXT;
"#,
    // 18: the desk's list of what the medewerker must act on (issue 18): each refusal by the
    // server, each edit that lost to another desk's, each incoming row this file could not take,
    // kept until handled (`sync::melding`). Incoming rows this file refused are kept beside it
    // and tried again each round, instead of being skipped for ever once the cursor moved on.
    r#"
CREATE TABLE sync_melding (
    id              INTEGER PRIMARY KEY,
    sleutel         TEXT NOT NULL UNIQUE,
    op              TEXT NOT NULL,
    soort           TEXT NOT NULL,
    klant_id        TEXT,
    klant_naam      TEXT,
    klant_telefoon  TEXT,
    tabel           TEXT NOT NULL,
    record_id       TEXT NOT NULL,
    tekst           TEXT NOT NULL,
    veld            TEXT,
    eigen           TEXT,
    product         TEXT,
    afgehandeld_op  TEXT
);
CREATE INDEX sync_melding_open ON sync_melding (id) WHERE afgehandeld_op IS NULL;

CREATE TABLE sync_niet_toegepast (
    tabel      TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    hlc        TEXT NOT NULL,
    desk_id    TEXT NOT NULL,
    payload    TEXT NOT NULL,
    reden      TEXT NOT NULL,
    sinds      TEXT NOT NULL,
    PRIMARY KEY (tabel, record_id)
);

-- What the server refused before this version and nobody saw yet: into the list.
INSERT OR IGNORE INTO sync_melding (sleutel, op, soort, tabel, record_id, tekst)
SELECT 'geweigerd:' || op_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'geweigerd', tabel, record_id,
       'Wijziging in ' || tabel || ' geweigerd: ' || reden || '.'
FROM sync_geweigerd WHERE gezien = 0;
"#,
    // 19: who is at the keyboard (issue 19). None of these tables syncs or has an outbox row:
    // they hold password hashes (argon2, salted) and this desk's own sign-ins.
    // - `lokaal_account`: the logins of a desk without [sync] (`loket medewerker toevoegen`).
    // - `aanmelding_cache`: per login and desk, the last sign-in the shared database accepted
    //   there, so the desk can accept that medewerker offline for a while ("offline aangemeld").
    // - `aanmelding`: every sign-in per desk (several desks may share one file, a hall on one
    //   database), from when until when, and how; the sync hands the offline ones and every
    //   sign-out to the server (`gemeld`).
    r#"
CREATE TABLE lokaal_account (
    login           TEXT PRIMARY KEY,
    medewerker_id   TEXT NOT NULL UNIQUE,
    naam            TEXT NOT NULL,
    rol             TEXT NOT NULL CHECK (rol IN ('medewerker', 'supervisor', 'trainer', 'beheerder', 'privacy')),
    afdeling        TEXT,
    wachtwoord_hash TEXT NOT NULL,
    toegevoegd_op   TEXT NOT NULL,
    gewijzigd_op    TEXT NOT NULL,
    ingetrokken_op  TEXT
);

CREATE TABLE aanmelding_cache (
    login           TEXT NOT NULL,
    desk_id         TEXT NOT NULL,
    medewerker_id   TEXT NOT NULL,
    naam            TEXT NOT NULL,
    rol             TEXT NOT NULL,
    afdeling        TEXT,
    wachtwoord_hash TEXT NOT NULL,
    aangemeld_op    TEXT NOT NULL,
    PRIMARY KEY (login, desk_id)
);

CREATE TABLE aanmelding (
    id              TEXT PRIMARY KEY,
    desk_id         TEXT NOT NULL,
    login           TEXT NOT NULL,
    medewerker_id   TEXT NOT NULL,
    rol             TEXT NOT NULL,
    wijze           TEXT NOT NULL CHECK (wijze IN ('server', 'offline', 'lokaal', 'demo', 'training')),
    server_id       INTEGER,
    van             TEXT NOT NULL,
    tot             TEXT,
    gemeld          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX aanmelding_open ON aanmelding (desk_id, van) WHERE gemeld = 0 OR tot IS NULL;
"#,
    // 20: every operation carries the medewerker signed in when it was written (issue 19); the
    // shared database accepts it only if that sign-in stood on this desk at that moment.
    r#"
ALTER TABLE outbox ADD COLUMN medewerker_id TEXT;
"#,
    // 21: every view of personal data says why (doelbinding): within a contact with the klant
    // (telefoon, balie), or without one.
    r#"
ALTER TABLE audit_log ADD COLUMN doel TEXT;
"#,
];

/// The schema version after which the search log is cleaned of personal data.
pub const ZOEKLOG_SCHOON: i32 = 16;

/// Drop the words of every logged question that looks like personal data; how many.
pub fn schoon_zoeklog(conn: &rusqlite::Connection) -> rusqlite::Result<usize> {
    let mut st =
        conn.prepare("SELECT id, vraag FROM kennisbank_zoekactie WHERE vraag IS NOT NULL")?;
    let weg: Vec<String> = st
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .filter_map(Result::ok)
        .filter(|(_, vraag)| crate::domain::kennisbank::lijkt_persoonsgegeven(vraag))
        .map(|(id, _)| id)
        .collect();
    for id in &weg {
        conn.execute(
            "UPDATE kennisbank_zoekactie SET vraag = NULL WHERE id = ?1",
            [id],
        )?;
    }
    // The outbox keeps each record as it was sent (or is still to be sent): its copy loses
    // the words too, so they never reach the shared database from here.
    let mut st = conn
        .prepare("SELECT op_seq, payload FROM outbox WHERE table_name = 'kennisbank_zoekactie'")?;
    let kopieen: Vec<(i64, String)> = st
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .filter_map(Result::ok)
        .filter_map(|(seq, payload)| {
            let mut v: serde_json::Value = serde_json::from_str(&payload).ok()?;
            crate::domain::kennisbank::schoon_zoekactie(&mut v).then(|| (seq, v.to_string()))
        })
        .collect();
    for (seq, payload) in &kopieen {
        conn.execute(
            "UPDATE outbox SET payload = ?2 WHERE op_seq = ?1",
            rusqlite::params![seq, payload],
        )?;
    }
    Ok(weg.len())
}
