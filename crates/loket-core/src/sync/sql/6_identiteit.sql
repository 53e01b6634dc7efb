-- 6: who is at the keyboard (issue 19). PostgreSQL is the authority: every desk gets a login of
-- its own (`loket server desk registreren`) and may hand in operations only under its own desk
-- id; every medewerker gets a login of their own in one of the group roles below
-- (`loket server medewerker toevoegen`). What each role may do is granted in rechten.sql, which
-- every `loket server init` runs again after the functions.

-- The group roles, named after this database (`loket_desk`, `loket_medewerker`, … for a database
-- called loket): roles belong to the whole PostgreSQL cluster, and a login of one loket database
-- must get no right in another on the same cluster.
DO $$
DECLARE
    v_soort text;
    v_rol text;
BEGIN
    IF current_database() !~ '^[a-z][a-z0-9_]{0,19}$' OR current_database() LIKE 'pg\_%' THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_name', DETAIL = 'loket',
            MESSAGE = format('de database heet %s: loket noemt zijn rollen ernaar en heeft een naam van 1 tot 20 kleine letters, cijfers of _ nodig (niet pg_…)', current_database());
    END IF;
    FOREACH v_soort IN ARRAY ARRAY['desk', 'medewerker', 'supervisor', 'trainer', 'beheerder', 'privacy'] LOOP
        v_rol := current_database() || '_' || v_soort;
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = v_rol);
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', v_rol);
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN
                NULL; -- made at the same moment by another init
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', DETAIL = 'loket',
                    MESSAGE = format('loket server init maakt de groepsrollen van deze database (%s …): daarvoor heeft login %s het recht CREATEROLE nodig (ALTER ROLE %s CREATEROLE), of laat een superuser init één keer doen',
                                     v_rol, session_user, session_user);
        END;
    END LOOP;
END $$;

-- A registered desk and its login. A desk hands in as this desk id only over this login.
CREATE TABLE IF NOT EXISTS loket_desk_login (
    desk_id          uuid PRIMARY KEY,
    login            name NOT NULL UNIQUE,
    naam             text NOT NULL DEFAULT '',
    geregistreerd_op timestamptz NOT NULL DEFAULT now(),
    ingetrokken_op   timestamptz
);

-- A medewerker's login: the role comes from here (never from a desk's config), and a revoked
-- login stays listed with the moment it was revoked.
CREATE TABLE IF NOT EXISTS loket_medewerker_login (
    login          name PRIMARY KEY,
    medewerker_id  uuid NOT NULL UNIQUE,
    naam           text NOT NULL,
    rol            text NOT NULL CHECK (rol IN ('medewerker', 'supervisor', 'trainer', 'beheerder', 'privacy')),
    afdeling       text,
    toegevoegd_op  timestamptz NOT NULL DEFAULT now(),
    gewijzigd_op   timestamptz NOT NULL DEFAULT now(),
    ingetrokken_op timestamptz
);

-- Every sign-in of a medewerker at a desk: who, which desk, from where, from when until when.
CREATE TABLE IF NOT EXISTS loket_aanmelding (
    id             bigserial PRIMARY KEY,
    login          name NOT NULL,
    medewerker_id  uuid NOT NULL,
    desk_id        uuid NOT NULL,
    adres          inet,
    van            timestamptz NOT NULL DEFAULT now(),
    tot            timestamptz
);
CREATE INDEX IF NOT EXISTS loket_aanmelding_medewerker ON loket_aanmelding (medewerker_id, van);

-- Every view of personal data at any desk (klantbeeld, BSN shown, zaak), handed in through the
-- outbox and never sent down to other desks, and every reading of this log itself: who (medewerker id and name as the desk had it),
-- which desk, when, and what was seen by its record id (never the BSN itself). Append-only:
-- only the apply function writes it; the privacy officer reads it.
CREATE TABLE IF NOT EXISTS loket_inzage (
    id             uuid PRIMARY KEY,
    tijdstip       timestamptz NOT NULL,
    desk_id        uuid,                   -- NULL: read on the server itself (the audit log)
    medewerker_id  uuid,
    medewerker     text NOT NULL,
    partij_id      uuid,
    zaak_id        uuid,
    handeling      text NOT NULL,
    ontvangen      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS loket_inzage_partij ON loket_inzage (partij_id, tijdstip);
CREATE INDEX IF NOT EXISTS loket_inzage_zaak ON loket_inzage (zaak_id, tijdstip) WHERE zaak_id IS NOT NULL;
