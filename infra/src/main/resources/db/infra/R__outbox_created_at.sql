-- created_at is the moment the row is inserted (clock_timestamp()), not the start of its transaction (now()): the
-- writing transaction commits right after, so the relay's lag metric (created_at -> broker confirm) measures the
-- relay's own delay, not how long the handler worked before it queued the message. Repeatable: re-applied on change.
alter table outbox_message alter column created_at set default clock_timestamp();
