-- Many live events in one call (a first scan flips a thousand backup jobs: three thousand events).
-- One lock, one insert and one NOTIFY carrying the highest id: hubs read every event up to the id
-- announced, so one announcement covers the lot. Called one by one, vigie_publish cost that scan
-- about 90 ms of database time; ids follow the order of the arrays.
CREATE FUNCTION vigie_publish_many(p_topics TEXT[], p_types TEXT[], p_payloads JSONB[], p_relaxed BOOLEAN DEFAULT FALSE) RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
  last_id BIGINT;
BEGIN
  IF p_relaxed THEN
    PERFORM set_config('synchronous_commit', 'off', true);
  END IF;
  PERFORM pg_advisory_xact_lock(7669676965);
  WITH added AS (
    INSERT INTO "LiveEvent" ("topic", "type", "payload")
    SELECT e.topic, e.type, e.payload FROM unnest(p_topics, p_types, p_payloads) WITH ORDINALITY AS e(topic, type, payload, n)
    ORDER BY e.n
    RETURNING "id"
  )
  SELECT max("id") INTO last_id FROM added;
  IF last_id IS NOT NULL THEN
    PERFORM pg_notify('vigie_live', last_id::TEXT);
  END IF;
  RETURN last_id;
END
$$;
