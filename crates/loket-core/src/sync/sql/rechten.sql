-- Who may do what on the shared database (issue 19). Run by every `loket server init` after the
-- functions, so a function made again never keeps the default right of everyone to call it.
-- Nobody but the owner writes a table: desks hand in through the apply functions (SECURITY
-- DEFINER, each checking that the login is the desk it writes as), so the change log,
-- contactmomenten, payments and cash-ups are append-only for every login there is.

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

GRANT USAGE ON SCHEMA public TO loket_desk, loket_medewerker, loket_supervisor, loket_trainer,
    loket_beheerder, loket_privacy;

-- A desk (its own login): reads the change log and what it needs to catch up, hands in through
-- the functions, and sees only its own row and its own lost edits.
GRANT SELECT ON loket_meta, loket_change, loket_record TO loket_desk;
GRANT SELECT ON loket_desk, loket_verloren TO loket_desk;
GRANT EXECUTE ON FUNCTION loket_lever_in(uuid, jsonb), loket_herstel(uuid, jsonb),
    loket_lease_blok(uuid, text, date, text, int), loket_desk_nummer(uuid), loket_controlegetallen(),
    loket_eigen_desk(), loket_hlc_ms(text) TO loket_desk;

ALTER TABLE loket_desk ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS eigen_desk ON loket_desk;
CREATE POLICY eigen_desk ON loket_desk FOR SELECT TO loket_desk USING (desk_id = loket_eigen_desk());
ALTER TABLE loket_verloren ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS eigen_desk ON loket_verloren;
CREATE POLICY eigen_desk ON loket_verloren FOR SELECT TO loket_desk USING (desk_id = loket_eigen_desk());

-- A medewerker (any role): signs in at a desk; the rest of their work goes through the desk.
-- The schema version is no secret (a tool says "werk loket bij" by it).
GRANT SELECT ON loket_meta TO loket_medewerker, loket_supervisor, loket_trainer, loket_beheerder,
    loket_privacy;
GRANT EXECUTE ON FUNCTION loket_aanmelden(uuid) TO loket_medewerker, loket_supervisor,
    loket_trainer, loket_beheerder, loket_privacy;

-- The privacy officer reads the audit log of every desk (and nobody else does: a medewerker, a
-- supervisor and a desk have no right on it).
GRANT SELECT ON loket_inzage TO loket_privacy;
