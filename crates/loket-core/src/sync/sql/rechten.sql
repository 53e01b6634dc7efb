-- Who may do what on the shared database (issue 19). Run by every `loket server init` after the
-- functions, so a function made again never keeps the default right of everyone to call it.
-- Nobody but the owner writes a table: desks hand in through the apply functions (SECURITY
-- DEFINER, each checking that the login is the desk it writes as), so the change log,
-- contactmomenten, payments and cash-ups are append-only for every login there is. The group
-- roles are this database's own (`loket_groep`): a login of another loket database on the same
-- cluster has no right here, not even to connect.

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC;
DO $$
DECLARE
    v_f regprocedure;
BEGIN
    FOR v_f IN SELECT p.oid::regprocedure FROM pg_proc p
                WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'loket\_%' LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', v_f);
    END LOOP;
END $$;

DO $$
DECLARE
    v_desk name := loket_groep('desk');
    -- Every medewerker's group, whatever their role.
    v_mensen text := format('%I, %I, %I, %I, %I', loket_groep('medewerker'), loket_groep('supervisor'),
                            loket_groep('trainer'), loket_groep('beheerder'), loket_groep('privacy'));
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I, %s', v_desk, v_mensen);

    -- A desk (its own login): reads the change log and what it needs to catch up, hands in
    -- through the functions, and sees only its own row and its own lost edits.
    EXECUTE format('GRANT SELECT ON loket_meta, loket_change, loket_record, loket_desk, loket_verloren TO %I', v_desk);
    EXECUTE format('GRANT EXECUTE ON FUNCTION loket_lever_in(uuid, jsonb), loket_herstel(uuid, jsonb),
        loket_lease_blok(uuid, text, date, text, int), loket_desk_nummer(uuid), loket_controlegetallen(),
        loket_eigen_desk(), loket_hlc_ms(text),
        loket_aanmelding_melden(uuid, name, bigint, timestamptz, timestamptz, uuid) TO %I', v_desk);
    ALTER TABLE loket_desk ENABLE ROW LEVEL SECURITY;
    DROP POLICY IF EXISTS eigen_desk ON loket_desk;
    EXECUTE format('CREATE POLICY eigen_desk ON loket_desk FOR SELECT TO %I USING (desk_id = loket_eigen_desk())', v_desk);
    ALTER TABLE loket_verloren ENABLE ROW LEVEL SECURITY;
    DROP POLICY IF EXISTS eigen_desk ON loket_verloren;
    EXECUTE format('CREATE POLICY eigen_desk ON loket_verloren FOR SELECT TO %I USING (desk_id = loket_eigen_desk())', v_desk);

    -- A medewerker (any role): signs in at a desk; the rest of their work goes through the
    -- desk. The schema version is no secret (a tool says "werk loket bij" by it).
    EXECUTE format('GRANT EXECUTE ON FUNCTION loket_aanmelden(uuid) TO %s', v_mensen);
    EXECUTE format('GRANT SELECT ON loket_meta TO %s', v_mensen);

    -- The privacy officer reads the audit log of every desk, through the function that logs
    -- the reading too (and nobody else does: a medewerker, a supervisor and a desk have no
    -- right on it).
    EXECUTE format('GRANT EXECUTE ON FUNCTION loket_inzage_van_klant(uuid, uuid[], text) TO %I', loket_groep('privacy'));

    -- Only loket's roles (and the owner) connect, and nobody but the owner creates objects in
    -- the schema the functions run in. Needs the database's owner; without that right the
    -- defaults stay and init says so.
    BEGIN
        EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I, %s', current_database(), v_desk, v_mensen);
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE WARNING 'loket: alleen de eigenaar van de database kan CONNECT en CREATE voor iedereen intrekken; doe dat met die login';
    END;
END $$;
