-- The server's functions: the apply step (loket_lever_in and what it calls), ticket blocks,
-- repair and checksums. All CREATE OR REPLACE: `loket server init` runs this file after every
-- migration, so a server always has the functions of the program that set it up.

-- The tables merged field by field (klant data and the other plain records).
CREATE OR REPLACE FUNCTION loket_per_veld(p_tabel text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT p_tabel IN ('partij', 'digitaal_adres', 'medewerker', 'bezoeker', 'dienst', 'plek',
                       'kennisbank_melding', 'kennisbank_zoekactie')
$$;

-- The tables with a rule of their own (a constraint or a merge), applied under a savepoint.
CREATE OR REPLACE FUNCTION loket_met_regel(p_tabel text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT p_tabel IN ('afspraak', 'bezoek', 'kas_betaling', 'kasopmaak', 'contactverzoek', 'gesprek',
                       'audit_log')
$$;

-- Milliseconds of a stamp `{millis:013}-{counter:05}-{desk}` (NULL when unreadable).
CREATE OR REPLACE FUNCTION loket_hlc_ms(p text) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p ~ '^[0-9]{1,15}-' THEN split_part(p, '-', 1)::bigint END
$$;

-- The desk of a stamp (its last part, 32 hex digits), NULL when unreadable.
CREATE OR REPLACE FUNCTION loket_hlc_desk(p text) RETURNS uuid
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN split_part(p, '-', 3) ~ '^[0-9a-f]{32}$' THEN split_part(p, '-', 3)::uuid END
$$;

-- The stamp a desk's operation is applied with: its own when it is well formed, names this desk
-- and is not far ahead of the server's clock; else the server's time, in this desk's name. A
-- desk can neither borrow another desk's name (and so win as it, or send it a lost edit) nor
-- win every later edit with a stamp from the future.
CREATE OR REPLACE FUNCTION loket_eigen_stempel(p_hlc text, p_desk uuid, p_server_ms bigint) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN p_hlc ~ '^[0-9]{13}-[0-9]{5,10}-[0-9a-f]{32}$'
             AND split_part(p_hlc, '-', 3) = replace(p_desk::text, '-', '')
             AND split_part(p_hlc, '-', 1)::bigint <= p_server_ms + 600000
        THEN p_hlc
        ELSE lpad(p_server_ms::text, 13, '0') || '-00000-' || replace(p_desk::text, '-', '') END
$$;

-- Milliseconds since 1970 of a timestamp written as text; now when unreadable.
CREATE OR REPLACE FUNCTION loket_ms_van(p text) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (extract(epoch FROM p::timestamptz) * 1000)::bigint;
EXCEPTION WHEN others THEN
    RETURN (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
END $$;

-- The length of a JSON array held as text (a call's transfers); 0 when it is not one.
CREATE OR REPLACE FUNCTION loket_json_lengte(p text) RETURNS int
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN coalesce(jsonb_array_length(p::jsonb), 0);
EXCEPTION WHEN others THEN
    RETURN 0;
END $$;

-- The earlier of two timestamps written as text in loket's one format (sorts as time).
CREATE OR REPLACE FUNCTION loket_vroegst(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN a IS NULL OR a = 'null'::jsonb THEN coalesce(b, 'null'::jsonb)
        WHEN b IS NULL OR b = 'null'::jsonb THEN a
        WHEN (a #>> '{}') <= (b #>> '{}') THEN a ELSE b END
$$;

-- Why the server's record `oud` no longer is as the desk saw it (`verwacht`); NULL when it is.
CREATE OR REPLACE FUNCTION loket_voorwaarde(p_tabel text, p_verwacht jsonb, p_oud jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    n text := coalesce(p_oud->>'nummer', '');
    s text := coalesce(p_oud->>'status', '');
    aan text := coalesce(p_oud->>'balie', 'een andere balie');
BEGIN
    IF p_tabel = 'contactverzoek' THEN
        IF p_oud->>'status' = 'verwerkt' AND p_verwacht->>'status' IS DISTINCT FROM 'verwerkt' THEN
            RETURN 'dit contactverzoek is al afgehandeld door ' || coalesce(p_oud->>'verwerkt_door', 'een collega');
        END IF;
        RETURN NULL;
    END IF;
    IF p_tabel <> 'bezoek' THEN
        RETURN NULL;
    END IF;
    IF p_verwacht->>'status' IS NOT DISTINCT FROM p_oud->>'status'
       AND p_verwacht->>'balie' IS NOT DISTINCT FROM p_oud->>'balie' THEN
        RETURN NULL;
    END IF;
    RETURN CASE s
        WHEN 'opgeroepen' THEN n || ' is al opgeroepen door ' || aan || '.'
        WHEN 'in_behandeling' THEN n || ' wordt al geholpen aan ' || aan || '.'
        WHEN 'geparkeerd' THEN n || ' is geparkeerd aan ' || aan || '.'
        WHEN 'klaar' THEN n || ' is al afgerond.'
        WHEN 'no_show' THEN n || ' is al als niet verschenen gemeld.'
        WHEN 'wachtend' THEN n || ' wacht weer in de rij.'
        ELSE n || ' is intussen ' || s || '.' END;
END $$;

-- One PBX call as two desks saw it, merged so a call only moves forward (the Rust twin is
-- `Gesprek::samenvoegen`): `o` the older version, `n` the newer.
CREATE OR REPLACE FUNCTION loket_gesprek_samen(o jsonb, n jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    g jsonb := n;
    veld text;
BEGIN
    g := jsonb_set(g, '{created_at}', loket_vroegst(o->'created_at', n->'created_at'));
    FOREACH veld IN ARRAY ARRAY['extern_id', 'nummer', 'keuze'] LOOP
        IF coalesce(n->>veld, '') = '' THEN
            g := jsonb_set(g, ARRAY[veld], coalesce(o->veld, 'null'::jsonb));
        END IF;
    END LOOP;
    g := jsonb_set(g, '{terugval}', to_jsonb(CASE WHEN (o->>'terugval') = '1' OR (n->>'terugval') = '1' THEN 1 ELSE 0 END));
    FOREACH veld IN ARRAY ARRAY['binnen_op', 'aangeboden_op', 'aangenomen_op', 'beeindigd_op', 'verlaten_op'] LOOP
        g := jsonb_set(g, ARRAY[veld], loket_vroegst(o->veld, n->veld));
    END LOOP;
    FOREACH veld IN ARRAY ARRAY['medewerker_id', 'agent', 'linkedid', 'simulator_desk'] LOOP
        IF n->veld IS NULL OR n->veld = 'null'::jsonb THEN
            g := jsonb_set(g, ARRAY[veld], coalesce(o->veld, 'null'::jsonb));
        END IF;
    END LOOP;
    IF loket_json_lengte(o->>'doorverbindingen') > loket_json_lengte(n->>'doorverbindingen') THEN
        g := jsonb_set(g, '{doorverbindingen}', o->'doorverbindingen');
    END IF;
    IF g->'aangenomen_op' IS NOT NULL AND g->'aangenomen_op' <> 'null'::jsonb THEN
        g := jsonb_set(g, '{verlaten_op}', 'null'::jsonb);
    END IF;
    IF (g->'beeindigd_op' IS NOT NULL AND g->'beeindigd_op' <> 'null'::jsonb)
       OR (g->'verlaten_op' IS NOT NULL AND g->'verlaten_op' <> 'null'::jsonb) THEN
        g := g || '{"afgebroken_op": null, "afgebroken_reden": null, "in_wacht_sinds": null}'::jsonb;
    END IF;
    RETURN g;
END $$;

-- Apply one operation under its table's rule (no change number yet: the caller numbers what was
-- applied). Returns the outcome and, when applied, the stamp and payload of the record now.
CREATE OR REPLACE FUNCTION loket_toepassen(
    p_desk uuid, p_tabel text, p_rec uuid, p_hlc text, p_nieuw jsonb, p_verwacht jsonb, p_basis jsonb,
    OUT o_uitkomst text, OUT o_reden text, OUT o_hlc text, OUT o_payload jsonb)
LANGUAGE plpgsql AS $f$
DECLARE
    v_oud jsonb;
    v_oud_hlc text;
    v_veld_hlc jsonb;
    v_nieuw_veld_hlc jsonb;
    v_winnaar jsonb;
    v_verliezer jsonb;
    v_veld text;
    v_waarde jsonb;
    v_stempel text;
    v_eerder text;
    v_actief boolean;
    -- Fields derived from another (a partij's zoeknaam from its achternaam): merged like the
    -- rest, but a lost edit is told once, by the field it comes from.
    v_afgeleid text[] := ARRAY['zoeknaam'];
    v_verloren boolean := false;
BEGIN
    o_uitkomst := 'toegepast';
    o_hlc := p_hlc;
    o_payload := p_nieuw;
    IF p_tabel = 'audit_log' THEN
        -- A view of personal data: into the server's audit log, in the name of the desk that
        -- hands it in, once; never into the change log (it goes to no other desk).
        INSERT INTO loket_inzage (id, tijdstip, desk_id, medewerker_id, medewerker, partij_id, zaak_id, handeling, doel)
        VALUES (p_rec, coalesce((p_nieuw->>'at')::timestamptz, now()), p_desk,
                (p_nieuw->>'medewerker_id')::uuid, left(coalesce(p_nieuw->>'medewerker', ''), 200),
                (p_nieuw->>'partij_id')::uuid, (p_nieuw->>'zaak_id')::uuid,
                left(coalesce(p_nieuw->>'reden', ''), 40), left(p_nieuw->>'doel', 80))
        ON CONFLICT (id) DO NOTHING;
        o_uitkomst := 'gelijk';
        o_payload := NULL;
        RETURN;
    END IF;
    SELECT r.hlc, r.payload, r.veld_hlc INTO v_oud_hlc, v_oud, v_veld_hlc
      FROM loket_record r WHERE r.tabel = p_tabel AND r.record_id = p_rec FOR UPDATE;
    -- A compare-and-set from a desk: only when the record is still as that desk saw it.
    IF p_verwacht IS NOT NULL AND v_oud IS NOT NULL THEN
        o_reden := loket_voorwaarde(p_tabel, p_verwacht, v_oud);
        IF o_reden IS NOT NULL THEN
            o_uitkomst := 'geweigerd';
            RETURN;
        END IF;
    END IF;
    v_nieuw_veld_hlc := CASE WHEN v_oud IS NULL AND loket_per_veld(p_tabel)
                             THEN jsonb_build_object('_', p_hlc) ELSE '{}'::jsonb END;
    IF v_oud IS NOT NULL THEN
        IF p_tabel IN ('contactmoment', 'contactmoment_vraag', 'contactverzoek_logboek', 'kas_betaling', 'kasopmaak') THEN
            o_uitkomst := 'behouden';
            RETURN;
        ELSIF p_tabel = 'contactverzoek' THEN
            -- Status only moves forward; the other fields: last writer wins.
            IF v_oud_hlc > p_hlc THEN
                v_winnaar := v_oud; v_verliezer := p_nieuw;
            ELSE
                v_winnaar := p_nieuw; v_verliezer := v_oud;
            END IF;
            IF v_verliezer->>'status' = 'verwerkt' AND v_winnaar->>'status' IS DISTINCT FROM 'verwerkt' THEN
                FOREACH v_veld IN ARRAY ARRAY['status', 'verwerkt_op', 'resultaat', 'verwerkt_door'] LOOP
                    IF v_verliezer ? v_veld THEN
                        v_winnaar := jsonb_set(v_winnaar, ARRAY[v_veld], v_verliezer->v_veld);
                    END IF;
                END LOOP;
            END IF;
            IF v_winnaar = v_oud THEN
                o_uitkomst := 'behouden';
                RETURN;
            END IF;
            o_payload := v_winnaar;
            o_hlc := greatest(v_oud_hlc, p_hlc);
        ELSIF p_tabel = 'gesprek' THEN
            IF v_oud ? 'binnen_op' AND p_nieuw ? 'binnen_op' AND v_oud ? 'created_at' AND p_nieuw ? 'created_at' THEN
                IF v_oud_hlc > p_hlc THEN
                    o_payload := loket_gesprek_samen(p_nieuw, v_oud);
                ELSE
                    o_payload := loket_gesprek_samen(v_oud, p_nieuw);
                END IF;
                IF o_payload = v_oud THEN
                    o_uitkomst := 'behouden';
                    RETURN;
                END IF;
            ELSIF v_oud_hlc > p_hlc THEN
                o_uitkomst := 'behouden';
                RETURN;
            END IF;
            o_hlc := greatest(v_oud_hlc, p_hlc);
        ELSIF loket_per_veld(p_tabel) THEN
            -- Field by field (three-way, against the row the desk changed from): a field this
            -- desk did not change keeps the server's value; a field both changed goes to the later
            -- stamp, and the edit that lost is kept for the desk whose edit it was.
            o_payload := v_oud;
            v_nieuw_veld_hlc := v_veld_hlc;
            FOR v_veld, v_waarde IN SELECT key, value FROM jsonb_each(p_nieuw) LOOP
                CONTINUE WHEN v_veld IN ('id', 'created_at', 'updated_at', 'desk_id');
                CONTINUE WHEN v_oud->v_veld IS NOT DISTINCT FROM v_waarde;
                -- Not changed by this desk: it only had an older value.
                CONTINUE WHEN p_basis IS NOT NULL AND p_basis->v_veld IS NOT DISTINCT FROM v_waarde;
                -- The field's own stamp; else the record's creation ('_'); else (a record from
                -- before per-field stamps) the record's.
                v_stempel := coalesce(v_veld_hlc->>v_veld, v_veld_hlc->>'_', v_oud_hlc);
                IF p_hlc >= v_stempel THEN
                    o_payload := jsonb_set(o_payload, ARRAY[v_veld], v_waarde);
                    v_nieuw_veld_hlc := jsonb_set(v_nieuw_veld_hlc, ARRAY[v_veld], to_jsonb(p_hlc));
                    -- The value it replaces was another desk's edit this desk never saw.
                    IF p_basis IS NOT NULL AND p_basis->v_veld IS DISTINCT FROM v_oud->v_veld
                       AND loket_hlc_desk(v_stempel) IS DISTINCT FROM p_desk
                       AND v_veld <> ALL (v_afgeleid) THEN
                        INSERT INTO loket_verloren (desk_id, tabel, record_id, veld, eigen, winnaar, door_desk, door_hlc)
                        VALUES (coalesce(loket_hlc_desk(v_stempel), p_desk), p_tabel, p_rec, v_veld,
                                v_oud->v_veld, v_waarde, p_desk, p_hlc);
                    END IF;
                ELSIF v_veld <> ALL (v_afgeleid)
                      AND loket_hlc_desk(v_stempel) IS DISTINCT FROM p_desk THEN
                    -- (Losing to a later edit of this same desk is no loss: that edit follows.)
                    v_verloren := true;
                    INSERT INTO loket_verloren (desk_id, tabel, record_id, veld, eigen, winnaar, door_desk, door_hlc)
                    VALUES (p_desk, p_tabel, p_rec, v_veld, v_waarde, v_oud->v_veld,
                            loket_hlc_desk(v_stempel), v_stempel);
                END IF;
            END LOOP;
            IF o_payload = v_oud THEN
                -- Nothing left to change: the server already holds this ('gelijk'), or every
                -- field this desk changed lost (and is kept in loket_verloren).
                o_uitkomst := CASE WHEN v_verloren THEN 'behouden' ELSE 'gelijk' END;
                RETURN;
            END IF;
            o_payload := jsonb_set(o_payload, '{updated_at}',
                greatest(v_oud->'updated_at', p_nieuw->'updated_at'));
            o_hlc := greatest(v_oud_hlc, p_hlc);
        ELSIF v_oud_hlc > p_hlc THEN
            o_uitkomst := 'behouden';
            RETURN;
        END IF;
    END IF;
    IF p_tabel = 'afspraak' THEN
        v_actief := coalesce(o_payload->>'status', '') NOT IN ('geannuleerd', 'verzet', 'geweigerd')
            AND (o_payload->>'deleted') IS DISTINCT FROM '1';
        IF v_actief THEN
            INSERT INTO loket_afspraak (record_id, locatie, periode)
            VALUES (p_rec, coalesce(o_payload->>'locatie', ''),
                    tstzrange((o_payload->>'begin_op')::timestamptz, (o_payload->>'eind_op')::timestamptz))
            ON CONFLICT (record_id) DO UPDATE SET locatie = excluded.locatie, periode = excluded.periode;
        ELSE
            DELETE FROM loket_afspraak WHERE record_id = p_rec;
        END IF;
    ELSIF p_tabel = 'bezoek' AND v_oud IS NULL AND (o_payload->>'deleted') IS DISTINCT FROM '1' THEN
        INSERT INTO loket_ticket (record_id, locatie, dag, nummer)
        VALUES (p_rec, coalesce(o_payload->>'locatie', ''), (o_payload->>'dag')::date, coalesce(o_payload->>'nummer', ''));
        -- A visitor with an afspraak: that afspraak is checked in once, by one desk.
        IF o_payload->>'afspraak_id' IS NOT NULL THEN
            INSERT INTO loket_afspraak_bezoek (afspraak_id, record_id) VALUES ((o_payload->>'afspraak_id')::uuid, p_rec);
        END IF;
    ELSIF p_tabel = 'kas_betaling' THEN
        -- A payment is corrected once, also by desks that corrected it offline.
        IF o_payload->>'correctie_van' IS NOT NULL THEN
            PERFORM 1 FROM loket_record
              WHERE tabel = 'kas_betaling' AND record_id = (o_payload->>'correctie_van')::uuid FOR UPDATE;
            SELECT r.payload->>'bonnummer' INTO v_eerder FROM loket_record r
              WHERE r.tabel = 'kas_betaling' AND r.payload->>'correctie_van' = o_payload->>'correctie_van'
                AND r.record_id <> p_rec LIMIT 1;
            IF FOUND THEN
                o_uitkomst := 'geweigerd';
                o_reden := 'deze betaling is al gecorrigeerd met bon ' || coalesce(v_eerder, '');
                RETURN;
            END IF;
        END IF;
        INSERT INTO loket_bon (record_id, bonnummer) VALUES (p_rec, coalesce(o_payload->>'bonnummer', ''));
    ELSIF p_tabel = 'kasopmaak' THEN
        INSERT INTO loket_kasdag (record_id, balie, dag)
        VALUES (p_rec, coalesce(o_payload->>'balie', ''), (o_payload->>'dag')::date);
    END IF;
    INSERT INTO loket_record (tabel, record_id, hlc, desk_id, payload, veld_hlc)
    VALUES (p_tabel, p_rec, o_hlc, p_desk, o_payload, v_nieuw_veld_hlc)
    ON CONFLICT (tabel, record_id) DO UPDATE
    SET hlc = excluded.hlc, desk_id = excluded.desk_id, payload = excluded.payload, veld_hlc = excluded.veld_hlc;
END $f$;

-- [`loket_toepassen`] under a savepoint: a rule of the server that says no (a double booking, a
-- ticket or receipt number taken, data the server cannot take) becomes a refusal in Dutch.
CREATE OR REPLACE FUNCTION loket_toepassen_met_regel(
    p_desk uuid, p_tabel text, p_rec uuid, p_hlc text, p_nieuw jsonb, p_verwacht jsonb, p_basis jsonb,
    OUT uitkomst text, OUT reden text, OUT hlc text, OUT payload jsonb)
LANGUAGE plpgsql AS $f$
DECLARE
    v_constraint text;
    v_bericht text;
BEGIN
    SELECT t.o_uitkomst, t.o_reden, t.o_hlc, t.o_payload INTO uitkomst, reden, hlc, payload
      FROM loket_toepassen(p_desk, p_tabel, p_rec, p_hlc, p_nieuw, p_verwacht, p_basis) t;
EXCEPTION
    WHEN exclusion_violation THEN
        uitkomst := 'geweigerd';
        reden := 'dubbele boeking: op deze plek is die tijd al door een andere desk geboekt';
    WHEN unique_violation THEN
        GET STACKED DIAGNOSTICS v_constraint = CONSTRAINT_NAME;
        uitkomst := 'geweigerd';
        reden := CASE
            WHEN v_constraint LIKE 'loket_ticket%' THEN 'ticketnummer bestaat al op deze locatie en dag'
            WHEN v_constraint LIKE 'loket_bon%' THEN 'bonnummer bestaat al'
            WHEN v_constraint LIKE 'loket_afspraak_bezoek%' THEN 'deze afspraak is al ingecheckt aan een andere desk'
            WHEN v_constraint LIKE 'loket_kasdag%' THEN 'deze kasdag is al afgesloten'
            ELSE 'niet uniek (' || coalesce(v_constraint, '') || ')' END;
    WHEN data_exception OR integrity_constraint_violation THEN
        GET STACKED DIAGNOSTICS v_bericht = MESSAGE_TEXT;
        uitkomst := 'geweigerd';
        reden := 'ongeldige gegevens: ' || v_bericht;
END $f$;

-- Hand in a batch of a desk's operations (a JSON array, in op_seq order) in one call. A resent
-- operation (known by its op_id) gets its stored outcome and changes nothing; a gap stops the
-- batch; a number this desk already used for another operation means the desk's file was replaced
-- (nothing of the batch is applied and the answer says from where to renumber). An operation the
-- desk brings with a decision made before a server restore (`besluit`) keeps that decision.
-- Whether the work a desk hands in under a medewerker's name (an operation's "m") was done under
-- a sign-in of theirs that stood on that desk at that moment (its stamp, give or take ten
-- minutes of clock). Without "m" the desk wrote it with nobody signed in (the telephone's
-- records): nothing to check. A contactmoment and an audit row name their medewerker
-- themselves: that must be the same one.
-- (No SET search_path of its own: then the planner can inline it into the apply function's
-- set insert, which runs with loket's search_path.)
CREATE OR REPLACE FUNCTION loket_namens_wie_klopt(p_desk uuid, p_op jsonb) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce(NOT (p_op ? 'm')
        OR (p_op->>'m' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
            AND EXISTS (SELECT 1 FROM loket_aanmelding a
                     WHERE a.medewerker_id = (p_op->>'m')::uuid AND a.desk_id = p_desk
                       AND a.van <= to_timestamp(loket_hlc_ms(p_op->>'hlc') / 1000.0) + interval '10 minutes'
                       AND (a.tot IS NULL
                            OR a.tot >= to_timestamp(loket_hlc_ms(p_op->>'hlc') / 1000.0) - interval '10 minutes'))
            AND (p_op->>'tabel' NOT IN ('contactmoment', 'audit_log')
                 OR p_op->'payload'->>'medewerker_id' IS NULL
                 OR p_op->'payload'->>'medewerker_id' = p_op->>'m')), false)
$$;

-- The same for a whole batch at once, for the set insert: true when, per medewerker named, one
-- sign-in of theirs on this desk covers all of their operations in it (and none names another
-- medewerker than the one who wrote it). One look per medewerker instead of one per operation;
-- a batch that is not covered so simply goes the step per operation, which judges each.
CREATE OR REPLACE FUNCTION loket_namens_wie_klopt_alle(p_desk uuid, p_ops jsonb) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT NOT EXISTS (
        SELECT 1
          FROM (SELECT e->>'m' AS m,
                       min(loket_hlc_ms(e->>'hlc')) AS van, max(loket_hlc_ms(e->>'hlc')) AS tot,
                       bool_or(loket_hlc_ms(e->>'hlc') IS NULL) AS onleesbaar,
                       bool_or(e->>'tabel' IN ('contactmoment', 'audit_log')
                               AND e->'payload'->>'medewerker_id' IS NOT NULL
                               AND e->'payload'->>'medewerker_id' IS DISTINCT FROM e->>'m') AS ander
                  FROM jsonb_array_elements(p_ops) e
                 WHERE e ? 'm'
                 GROUP BY e->>'m') g
         WHERE g.ander OR g.onleesbaar
            OR NOT EXISTS (
                SELECT 1 FROM loket_aanmelding a
                 WHERE a.medewerker_id = CASE WHEN g.m ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                                              THEN g.m::uuid END
                   AND a.desk_id = p_desk
                   AND a.van <= to_timestamp(g.van / 1000.0) + interval '10 minutes'
                   AND (a.tot IS NULL OR a.tot >= to_timestamp(g.tot / 1000.0) - interval '10 minutes')))
$$;

CREATE OR REPLACE FUNCTION loket_lever_in(p_desk uuid, p_ops jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
    v_teller bigint;
    v_laatste bigint;
    v_server_ms bigint;
    v_op jsonb;
    v_seq bigint;
    v_id uuid;
    v_tabel text;
    v_rec uuid;
    v_hlc text;
    v_bekend jsonb;
    v_eerder jsonb;
    v_u text;
    v_r text;
    v_h text;
    v_p jsonb;
    v_gat bigint;
    v_seqs bigint[] := '{}';
    v_ids uuid[] := '{}';
    v_uitkomsten text[] := '{}';
    v_redenen text[] := '{}';
    v_antwoord_seqs bigint[] := '{}';
    v_antwoord_u text[] := '{}';
    v_antwoord_r text[] := '{}';
    v_c_tabel text[] := '{}';
    v_c_rec uuid[] := '{}';
    v_c_hlc text[] := '{}';
    v_c_payload jsonb[] := '{}';
    v_nieuw jsonb;
    v_n_nieuw bigint;
    v_b_tabel text[] := '{}';
    v_b_rec uuid[] := '{}';
    v_b_hlc text[] := '{}';
    v_b_payload jsonb[] := '{}';
BEGIN
    PERFORM loket_controleer_desk(p_desk);
    INSERT INTO loket_desk (desk_id)
    SELECT p_desk WHERE NOT EXISTS (SELECT 1 FROM loket_desk WHERE desk_id = p_desk)
    ON CONFLICT DO NOTHING;
    -- The counter row first, before any record: every applying call takes its locks in that
    -- order (no deadlocks) and holds the counter until it commits (commit-ordered numbers).
    -- The call runs on the server alone: the lock is never held across the network.
    SELECT waarde INTO v_teller FROM loket_teller WHERE id = 1 FOR UPDATE;
    SELECT last_op_seq INTO v_laatste FROM loket_desk WHERE desk_id = p_desk FOR UPDATE;
    v_server_ms := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    -- The common batch (a desk that worked offline): numbered on from the last, every operation
    -- creating a record of its own on a table without a rule, with no precondition or earlier
    -- decision. Written as sets, without a step per operation. Should one of its operations or
    -- records be on the server already, the unique keys say so, nothing of this attempt stays,
    -- and the step per operation below decides, as for any batch.
    IF jsonb_typeof(p_ops) = 'array' AND jsonb_array_length(p_ops) > 0
       AND NOT EXISTS (
           SELECT 1 FROM jsonb_array_elements(p_ops) WITH ORDINALITY e(o, i)
            WHERE (e.o->>'op_seq')::bigint IS DISTINCT FROM v_laatste + e.i
               OR e.o ? 'besluit' OR coalesce(e.o->'verwacht', 'null'::jsonb) <> 'null'::jsonb
               OR loket_met_regel(e.o->>'tabel'))
       AND loket_namens_wie_klopt_alle(p_desk, p_ops)
       AND (SELECT count(DISTINCT e->>'record_id') FROM jsonb_array_elements(p_ops) e)
           = jsonb_array_length(p_ops) THEN
        v_n_nieuw := jsonb_array_length(p_ops);
        BEGIN
            WITH x AS MATERIALIZED (
                SELECT o.*, loket_eigen_stempel(o.hlc, p_desk, v_server_ms) AS h
                  FROM ROWS FROM (jsonb_to_recordset(p_ops)
                                  AS (op_seq bigint, op_id uuid, tabel text, record_id uuid, hlc text, payload jsonb))
                       WITH ORDINALITY AS o(op_seq, op_id, tabel, record_id, hlc, payload, n)
            ), r AS (
                INSERT INTO loket_record (tabel, record_id, hlc, desk_id, payload, veld_hlc)
                SELECT x.tabel, x.record_id, x.h, p_desk, coalesce(x.payload, 'null'::jsonb),
                       CASE WHEN loket_per_veld(x.tabel) THEN jsonb_build_object('_', x.h) ELSE '{}'::jsonb END
                  FROM x
            ), c AS (
                INSERT INTO loket_change (seq, tabel, record_id, desk_id, hlc, payload)
                SELECT v_teller + x.n, x.tabel, x.record_id, p_desk, x.h, coalesce(x.payload, 'null'::jsonb) FROM x
            )
            INSERT INTO loket_op (desk_id, op_seq, op_id, uitkomst, reden)
            SELECT p_desk, x.op_seq, x.op_id, 'toegepast', NULL FROM x;
            UPDATE loket_teller SET waarde = v_teller + v_n_nieuw WHERE id = 1;
            NOTIFY loket_change;
            UPDATE loket_desk SET last_op_seq = v_laatste + v_n_nieuw, laatst_gezien = now() WHERE desk_id = p_desk;
            RETURN jsonb_build_object(
                'uitkomsten', (SELECT jsonb_agg(jsonb_build_array(v_laatste + i, 'toegepast', NULL) ORDER BY i)
                                 FROM generate_series(1, v_n_nieuw) i),
                'gat', NULL, 'hernummeren', NULL, 'laatste', v_laatste + v_n_nieuw);
        EXCEPTION WHEN unique_violation THEN
            NULL;
        END;
    END IF;
    -- The operations of this batch the server already has (one look for the whole batch).
    SELECT coalesce(jsonb_object_agg(l.op_id::text,
                                     jsonb_build_array(l.uitkomst, l.reden, l.desk_id = p_desk)), '{}'::jsonb)
      INTO v_bekend
      FROM loket_op l
     WHERE l.op_id IN (SELECT (e->>'op_id')::uuid FROM jsonb_array_elements(p_ops) e);
    IF EXISTS (
        SELECT 1 FROM jsonb_array_elements(p_ops) o
        WHERE (o->>'op_seq')::bigint <= v_laatste AND NOT v_bekend ? (o->>'op_id')
    ) THEN
        RETURN jsonb_build_object('uitkomsten', '[]'::jsonb, 'gat', NULL, 'hernummeren', v_laatste,
                                  'laatste', v_laatste);
    END IF;
    -- Records this batch creates on a table without a rule of its own, written once in the
    -- batch and not on the server yet: they need no look at an old version and are written
    -- together after the loop (their changes keep their place in the order).
    SELECT coalesce(jsonb_object_agg(x.rec, true), '{}'::jsonb) INTO v_nieuw
      FROM (SELECT e->>'record_id' AS rec, e->>'tabel' AS tabel, e->>'besluit' AS besluit,
                   e->'verwacht' AS verwacht, count(*) OVER (PARTITION BY e->>'record_id') AS n
              FROM jsonb_array_elements(p_ops) e) x
     WHERE x.n = 1 AND x.besluit IS NULL AND (x.verwacht IS NULL OR x.verwacht = 'null'::jsonb)
       AND NOT loket_met_regel(x.tabel)
       AND NOT EXISTS (SELECT 1 FROM loket_record r WHERE r.tabel = x.tabel AND r.record_id = x.rec::uuid);
    FOR v_op IN SELECT e.value FROM jsonb_array_elements(p_ops) WITH ORDINALITY e(value, i) ORDER BY e.i LOOP
        v_seq := (v_op->>'op_seq')::bigint;
        v_eerder := v_bekend->(v_op->>'op_id');
        IF v_eerder IS NOT NULL THEN
            -- Handed in before (the answer was lost, or the desk's file was restored).
            v_antwoord_seqs := array_append(v_antwoord_seqs, v_seq);
            IF (v_eerder->>2)::boolean THEN
                v_antwoord_u := array_append(v_antwoord_u, v_eerder->>0);
                v_antwoord_r := array_append(v_antwoord_r, v_eerder->>1);
            ELSE
                v_antwoord_u := array_append(v_antwoord_u, 'geweigerd'::text);
                v_antwoord_r := array_append(v_antwoord_r, 'operatie van een andere desk'::text);
            END IF;
            IF v_seq = v_laatste + 1 THEN
                v_laatste := v_seq;
            END IF;
            CONTINUE;
        END IF;
        IF v_seq <> v_laatste + 1 THEN
            v_gat := v_laatste + 1;
            EXIT;
        END IF;
        v_id := (v_op->>'op_id')::uuid;
        v_tabel := v_op->>'tabel';
        v_rec := (v_op->>'record_id')::uuid;
        v_hlc := loket_eigen_stempel(v_op->>'hlc', p_desk, v_server_ms);
        IF v_op->>'besluit' = 'geweigerd' THEN
            -- Refused before the server was restored: that decision stays made.
            v_u := 'geweigerd';
            v_r := coalesce(v_op->>'reden', 'geweigerd');
            v_h := NULL;
            v_p := NULL;
        ELSIF NOT loket_namens_wie_klopt(p_desk, v_op) THEN
            -- Written in the name of a medewerker who was not signed in at this desk then.
            v_u := 'geweigerd';
            v_r := 'medewerker niet aangemeld op deze desk op het moment van de wijziging';
            v_h := NULL;
            v_p := NULL;
        ELSIF v_nieuw ? (v_op->>'record_id') THEN
            v_u := 'toegepast';
            v_r := NULL;
            v_h := v_hlc;
            v_p := v_op->'payload';
            v_b_tabel := array_append(v_b_tabel, v_tabel);
            v_b_rec := array_append(v_b_rec, v_rec);
            v_b_hlc := array_append(v_b_hlc, v_hlc);
            v_b_payload := array_append(v_b_payload, v_p);
        ELSIF loket_met_regel(v_tabel) THEN
            SELECT t.uitkomst, t.reden, t.hlc, t.payload INTO v_u, v_r, v_h, v_p
              FROM loket_toepassen_met_regel(p_desk, v_tabel, v_rec,
                v_hlc, v_op->'payload', nullif(v_op->'verwacht', 'null'::jsonb), nullif(v_op->'basis', 'null'::jsonb)) t;
        ELSE
            SELECT t.o_uitkomst, t.o_reden, t.o_hlc, t.o_payload INTO v_u, v_r, v_h, v_p
              FROM loket_toepassen(p_desk, v_tabel, v_rec,
                v_hlc, v_op->'payload', nullif(v_op->'verwacht', 'null'::jsonb), nullif(v_op->'basis', 'null'::jsonb)) t;
        END IF;
        IF v_u = 'toegepast' THEN
            v_c_tabel := array_append(v_c_tabel, v_tabel);
            v_c_rec := array_append(v_c_rec, v_rec);
            v_c_hlc := array_append(v_c_hlc, v_h);
            v_c_payload := array_append(v_c_payload, v_p);
        ELSIF v_u = 'gelijk' THEN
            -- The server already holds exactly this (two desks wrote the same): applied, no
            -- change to number.
            v_u := 'toegepast';
        END IF;
        v_seqs := array_append(v_seqs, v_seq);
        v_ids := array_append(v_ids, v_id);
        v_uitkomsten := array_append(v_uitkomsten, v_u);
        v_redenen := array_append(v_redenen, v_r);
        v_antwoord_seqs := array_append(v_antwoord_seqs, v_seq);
        v_antwoord_u := array_append(v_antwoord_u, v_u);
        v_antwoord_r := array_append(v_antwoord_r, v_r);
        v_laatste := v_seq;
    END LOOP;
    INSERT INTO loket_record (tabel, record_id, hlc, desk_id, payload, veld_hlc)
    SELECT x.tabel, x.rec, x.hlc, p_desk, x.payload,
           CASE WHEN loket_per_veld(x.tabel) THEN jsonb_build_object('_', x.hlc) ELSE '{}'::jsonb END
      FROM unnest(v_b_tabel, v_b_rec, v_b_hlc, v_b_payload) AS x(tabel, rec, hlc, payload);
    -- The changes, numbered in order from the counter this call holds.
    INSERT INTO loket_change (seq, tabel, record_id, desk_id, hlc, payload)
    SELECT v_teller + x.n, x.tabel, x.rec, p_desk, x.hlc, x.payload
      FROM unnest(v_c_tabel, v_c_rec, v_c_hlc, v_c_payload) WITH ORDINALITY AS x(tabel, rec, hlc, payload, n);
    INSERT INTO loket_op (desk_id, op_seq, op_id, uitkomst, reden)
    SELECT p_desk, * FROM unnest(v_seqs, v_ids, v_uitkomsten, v_redenen);
    IF cardinality(v_c_tabel) > 0 THEN
        UPDATE loket_teller SET waarde = v_teller + cardinality(v_c_tabel) WHERE id = 1;
        -- Delivered at commit; a wake-up hint for the other desks, never the guarantee.
        NOTIFY loket_change;
    END IF;
    UPDATE loket_desk SET last_op_seq = v_laatste, laatst_gezien = now() WHERE desk_id = p_desk;
    RETURN jsonb_build_object(
        'uitkomsten', coalesce((SELECT jsonb_agg(jsonb_build_array(s, u, r) ORDER BY o)
                                  FROM unnest(v_antwoord_seqs, v_antwoord_u, v_antwoord_r) WITH ORDINALITY AS x(s, u, r, o)), '[]'::jsonb),
        'gat', v_gat, 'hernummeren', NULL, 'laatste', v_laatste);
END $f$;

-- Lease the next block of ticket numbers for a location, day and prefix to a desk, in one call
-- (the lock that makes blocks unique is held on the server only).
CREATE OR REPLACE FUNCTION loket_lease_blok(p_desk uuid, p_locatie text, p_dag date, p_prefix text, p_grootte int)
RETURNS int[]
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
    v_van int;
BEGIN
    PERFORM loket_controleer_desk(p_desk);
    IF p_grootte IS NULL OR p_grootte < 1 OR p_grootte > 1000 THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', DETAIL = 'loket',
            MESSAGE = format('een blok ticketnummers is 1 tot 1000 groot, niet %s', p_grootte);
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext(p_locatie || '|' || p_prefix));
    SELECT coalesce(max(tot), 0) + 1 INTO v_van FROM loket_ticketblok
     WHERE locatie = p_locatie AND prefix = p_prefix AND dag = p_dag;
    INSERT INTO loket_ticketblok (locatie, dag, prefix, van, tot, desk_id)
    VALUES (p_locatie, p_dag, p_prefix, v_van, v_van + p_grootte - 1, p_desk);
    RETURN ARRAY[v_van, v_van + p_grootte - 1];
END $f$;

-- Symmetric repair after a server restore: a desk hands back records it holds that the server
-- lacks (another desk's, say, that never came back). Only what is absent is added, under the
-- same rules, stamped now, in the name of the desk that wrote it; nothing present is changed.
-- Returns {"toegevoegd": n, "geweigerd": [[tabel, record_id, reden]]}.
CREATE OR REPLACE FUNCTION loket_herstel(p_desk uuid, p_rijen jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
    v_teller bigint;
    v_rij jsonb;
    v_tabel text;
    v_rec uuid;
    v_schrijver uuid;
    v_hlc text;
    v_t record;
    v_n int := 0;
    v_geweigerd jsonb := '[]'::jsonb;
    v_server_ms bigint;
BEGIN
    PERFORM loket_controleer_desk(p_desk);
    SELECT waarde INTO v_teller FROM loket_teller WHERE id = 1 FOR UPDATE;
    v_server_ms := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    FOR v_rij IN SELECT value FROM jsonb_array_elements(p_rijen) LOOP
        v_tabel := v_rij->>'tabel';
        v_rec := (v_rij->>'record_id')::uuid;
        -- The audit log is only ever handed in by the desk where the view happened.
        IF v_tabel = 'audit_log' THEN
            v_geweigerd := v_geweigerd || jsonb_build_array(jsonb_build_array(v_tabel, v_rec,
                'het auditlog wordt niet hersteld'));
            CONTINUE;
        END IF;
        CONTINUE WHEN EXISTS (SELECT 1 FROM loket_record WHERE tabel = v_tabel AND record_id = v_rec);
        v_schrijver := CASE WHEN (v_rij->'payload'->>'desk_id') ~ '^[0-9a-fA-F-]{36}$'
                            THEN (v_rij->'payload'->>'desk_id')::uuid ELSE p_desk END;
        -- Stamped at the time the record was last changed (its updated_at), so it keeps its
        -- place among the writer's own changes that may still come.
        -- Never later than now: a handed-back record wins no edit that is still to come.
        v_hlc := loket_eigen_stempel(NULL, v_schrijver, least(loket_ms_van(v_rij->'payload'->>'updated_at'), v_server_ms));
        SELECT * INTO v_t FROM loket_toepassen_met_regel(v_schrijver, v_tabel, v_rec, v_hlc,
            v_rij->'payload', NULL, NULL);
        IF v_t.uitkomst = 'toegepast' THEN
            v_teller := v_teller + 1;
            INSERT INTO loket_change (seq, tabel, record_id, desk_id, hlc, payload)
            VALUES (v_teller, v_tabel, v_rec, v_schrijver, v_t.hlc, v_t.payload);
            v_n := v_n + 1;
        ELSE
            v_geweigerd := v_geweigerd || jsonb_build_array(jsonb_build_array(v_tabel, v_rec, v_t.reden));
        END IF;
    END LOOP;
    UPDATE loket_teller SET waarde = v_teller WHERE id = 1;
    IF v_n > 0 THEN
        NOTIFY loket_change;
    END IF;
    RETURN jsonb_build_object('toegevoegd', v_n, 'geweigerd', v_geweigerd);
END $f$;

-- Per table: how many records and a checksum over (record id, updated_at), as a desk computes
-- it over its own rows (`sync::controle`): the sum of the first 60 bits of each md5.
CREATE OR REPLACE FUNCTION loket_controlegetallen() RETURNS TABLE (tabel text, aantal bigint, som text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT r.tabel, count(*),
           coalesce(sum(('x' || substr(md5(r.record_id::text || '|' || coalesce(r.payload->>'updated_at', '')), 1, 15))::bit(60)::bigint::numeric), 0)::text
      FROM loket_record r GROUP BY r.tabel
$$;

-- The name of one of this database's group roles ('desk', 'medewerker', 'supervisor', 'trainer',
-- 'beheerder', 'privacy'): named after the database, since roles belong to the whole cluster.
CREATE OR REPLACE FUNCTION loket_groep(p_soort text) RETURNS name
LANGUAGE sql STABLE AS $$
    SELECT (current_database() || '_' || p_soort)::name
$$;

-- The desk this login was registered for (NULL for any other login, or a revoked desk).
CREATE OR REPLACE FUNCTION loket_eigen_desk() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT desk_id FROM loket_desk_login WHERE login = session_user AND ingetrokken_op IS NULL
$$;

-- Whether the login of this session may write as desk `p_desk`: the login registered for it, or
-- the owner of the tables (the beheerder's own tools, and desks set up before desks had logins
-- of their own). Anyone else is refused with a message that says who tried what.
CREATE OR REPLACE FUNCTION loket_controleer_desk(p_desk uuid) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF loket_eigen_desk() = p_desk THEN
        RETURN;
    END IF;
    IF pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'loket_record'::regclass), 'MEMBER') THEN
        RETURN;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', DETAIL = 'loket',
        MESSAGE = format('login %s mag niet schrijven als desk %s', session_user, p_desk);
END $$;

-- The desk's number on this server (for its fallback ticket prefix); registers the desk in the
-- list of desks that hand in when it is new.
CREATE OR REPLACE FUNCTION loket_desk_nummer(p_desk uuid) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_nummer int;
BEGIN
    PERFORM loket_controleer_desk(p_desk);
    INSERT INTO loket_desk (desk_id)
    SELECT p_desk WHERE NOT EXISTS (SELECT 1 FROM loket_desk WHERE desk_id = p_desk)
    ON CONFLICT DO NOTHING;
    SELECT nummer INTO v_nummer FROM loket_desk WHERE desk_id = p_desk;
    RETURN v_nummer;
END $$;

-- A medewerker signs in at a desk with their own login: the server records it (who, which desk,
-- from where, from when) and answers with who they are and their role, as the server knows it.
CREATE OR REPLACE FUNCTION loket_aanmelden(p_desk uuid) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_m loket_medewerker_login;
    v_id bigint;
BEGIN
    SELECT * INTO v_m FROM loket_medewerker_login WHERE login = session_user AND ingetrokken_op IS NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', DETAIL = 'loket',
            MESSAGE = format('login %s is geen medewerker van loket (of is ingetrokken)', session_user);
    END IF;
    -- A registered desk only while its registration stands. (An unregistered desk hands in as
    -- the owner of the tables, if at all: the sign-in only names it.)
    IF EXISTS (SELECT 1 FROM loket_desk_login WHERE desk_id = p_desk AND ingetrokken_op IS NOT NULL) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', DETAIL = 'loket',
            MESSAGE = format('desk %s is ingetrokken op deze server: vraag de beheerder', p_desk);
    END IF;
    -- A new sign-in at a desk ends any other still open there (a desk killed, a sign-in whose
    -- desk never heard the answer).
    UPDATE loket_aanmelding SET tot = greatest(now(), van) WHERE desk_id = p_desk AND tot IS NULL;
    INSERT INTO loket_aanmelding (login, medewerker_id, desk_id, adres)
    VALUES (v_m.login, v_m.medewerker_id, p_desk, inet_client_addr())
    RETURNING id INTO v_id;
    RETURN jsonb_build_object('aanmelding', v_id, 'medewerker_id', v_m.medewerker_id, 'naam', v_m.naam,
                              'rol', v_m.rol, 'afdeling', v_m.afdeling);
END $$;

-- What a desk hands in about its sign-ins with each round, and the answer it locks out by: the
-- end of a sign-in the server recorded (p_server_id; p_tot set), a sign-in the desk accepted
-- offline on its cache (no p_server_id; keyed by the desk's own id for it, so a lost answer
-- never records it twice), or only the question whether the medewerker signed in there still
-- may work (p_tot NULL). An offline sign-in counts only on a desk where the server checked that
-- login's password within the longest offline time (72 h) before, and not after the login was
-- revoked; a new sign-in at a desk ends any other still open there. The answer: the sign-in's
-- id, whether the login stands (not revoked, still a medewerker of loket), its role now, and
-- whether an offline sign-in was taken. Times come from the desk and are held to the server's
-- clock (never in its future).
CREATE OR REPLACE FUNCTION loket_aanmelding_melden(p_desk uuid, p_login name, p_server_id bigint,
                                                   p_van timestamptz, p_tot timestamptz,
                                                   p_desk_aanmelding uuid)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_m loket_medewerker_login;
    v_id bigint := p_server_id;
    v_erkend boolean := true;
    v_van timestamptz := least(p_van, now());
    -- (least and greatest pass a NULL by: an open sign-in stays open.)
    v_tot timestamptz := CASE WHEN p_tot IS NOT NULL THEN greatest(least(p_tot, now()), least(p_van, now())) END;
BEGIN
    PERFORM loket_controleer_desk(p_desk);
    SELECT * INTO v_m FROM loket_medewerker_login WHERE login = p_login;
    IF p_server_id IS NOT NULL THEN
        IF v_tot IS NOT NULL THEN
            UPDATE loket_aanmelding SET tot = greatest(v_tot, van)
             WHERE id = p_server_id AND desk_id = p_desk AND tot IS NULL;
        END IF;
    ELSE
        v_erkend := v_m.login IS NOT NULL
            AND (v_m.ingetrokken_op IS NULL OR v_m.ingetrokken_op > v_van)
            AND EXISTS (SELECT 1 FROM loket_aanmelding a
                         WHERE a.login = p_login AND a.desk_id = p_desk AND NOT a.offline
                           AND a.van <= v_van AND a.van >= v_van - interval '72 hours');
        IF v_erkend THEN
            UPDATE loket_aanmelding SET tot = greatest(v_van, van)
             WHERE desk_id = p_desk AND tot IS NULL AND desk_aanmelding IS DISTINCT FROM p_desk_aanmelding;
            INSERT INTO loket_aanmelding (login, medewerker_id, desk_id, van, tot, offline, desk_aanmelding)
            VALUES (v_m.login, v_m.medewerker_id, p_desk, v_van, v_tot, true, p_desk_aanmelding)
            ON CONFLICT (desk_aanmelding) DO UPDATE SET tot = coalesce(loket_aanmelding.tot, EXCLUDED.tot)
            RETURNING id INTO v_id;
        END IF;
    END IF;
    RETURN jsonb_build_object('aanmelding', v_id,
                              'actief', v_erkend AND v_m.login IS NOT NULL AND v_m.ingetrokken_op IS NULL,
                              'erkend', v_erkend,
                              'rol', v_m.rol);
END $$;

-- The audit log of one klant (their record and the zaken given), newest first, for the privacy
-- officer; the reading itself goes into the log first (who, when, which klant, and whether it
-- was looked at or exported), so no view of personal data goes unrecorded, this one included.
CREATE OR REPLACE FUNCTION loket_inzage_van_klant(p_partij uuid, p_zaken uuid[], p_handeling text)
RETURNS SETOF loket_inzage
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF p_handeling NOT IN ('auditlog bekeken', 'auditlog geëxporteerd') THEN
        RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', DETAIL = 'loket',
            MESSAGE = format('onbekende handeling %s', left(p_handeling, 40));
    END IF;
    RETURN QUERY
        SELECT * FROM loket_inzage WHERE partij_id = p_partij OR zaak_id = ANY(p_zaken)
         ORDER BY tijdstip DESC, id DESC;
    INSERT INTO loket_inzage (id, tijdstip, desk_id, medewerker_id, medewerker, partij_id, handeling, doel)
    SELECT gen_random_uuid(), clock_timestamp(), NULL, m.medewerker_id, coalesce(m.naam, session_user),
           p_partij, p_handeling, 'verantwoording (privacy)'
      FROM (SELECT 1) x LEFT JOIN loket_medewerker_login m ON m.login = session_user;
END $$;
