-- Who did what to which record, when and from where: one row per change attempted through the API
-- (and per refused access), appended and never changed. The trigger refuses UPDATE, DELETE and TRUNCATE
-- for everyone, the service's own login included, so the log cannot be edited through the platform.
CREATE TABLE audit_log (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL,
    actor          text NOT NULL,
    actor_name     text,
    roles          text[] NOT NULL,
    action         text NOT NULL,
    method         text NOT NULL,
    route          text NOT NULL,
    path           text NOT NULL,
    record_id      text,
    status         integer NOT NULL,
    client_address text,
    trace_id       text
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor, at);
CREATE INDEX audit_log_record ON audit_log (record_id, at) WHERE record_id IS NOT NULL;

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
