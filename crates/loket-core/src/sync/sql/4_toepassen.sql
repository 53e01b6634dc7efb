-- 4: the apply step runs on the server (issue 18): a desk hands in a batch with ONE call of
-- loket_lever_in (in functies.sql); the counter row that numbers changes in commit order is
-- taken inside it and released at its commit, so no lock is ever held across the network.
-- Per-field stamps let contact details merge field by field; every edit that loses to a
-- concurrent edit of the same field is kept in loket_verloren for the desk whose edit lost.
ALTER TABLE loket_record ADD COLUMN IF NOT EXISTS veld_hlc jsonb NOT NULL DEFAULT '{}';
CREATE TABLE IF NOT EXISTS loket_verloren (
    id         bigserial PRIMARY KEY,
    desk_id    uuid NOT NULL,
    tabel      text NOT NULL,
    record_id  uuid NOT NULL,
    veld       text NOT NULL,
    eigen      jsonb,
    winnaar    jsonb,
    door_desk  uuid,
    door_hlc   text NOT NULL,
    ontstaan   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS loket_verloren_desk ON loket_verloren (desk_id, id);
