-- The age indexes RetentionSweeper's deletes look their rows up by (inbox rows after bazaar.retention.inbox,
-- Idempotency-Key responses after bazaar.retention.idempotency-keys): without them every batch would scan the table.
-- Repeatable rather than versioned: infra's versioned migrations (V0_x) sort below every service's own, so a new one
-- would be out of order on a database that already has them.
create index if not exists inbox_message_received_at on inbox_message (received_at);
create index if not exists idempotency_key_created_at on idempotency_key (created_at);
