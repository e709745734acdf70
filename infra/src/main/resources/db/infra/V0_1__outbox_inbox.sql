-- Shared by every Bazaar service (shipped in the infra library, applied by each service's Flyway).

-- Transactional outbox: rows are written in the same transaction as the state change they announce and published
-- by OutboxRelay in seq order; a row is deleted only after the broker confirmed it.
create table outbox_message (
    seq            bigserial   primary key,
    id             uuid        not null unique,
    routing_key    text        not null,
    message_type   text        not null,
    aggregate_id   text        not null,
    correlation_id text        not null,
    body           text        not null,
    created_at     timestamptz not null default now()
);

-- Wakes the relay at commit (NOTIFY is delivered only when the inserting transaction commits).
create function bazaar_outbox_notify() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('bazaar_outbox', '');
    return null;
end
$$;

create trigger outbox_message_inserted
    after insert on outbox_message
    for each statement execute function bazaar_outbox_notify();

-- Idempotent inbox: one row per consumer and message id, written in the transaction of the message's effect.
create table inbox_message (
    consumer     text        not null,
    message_id   uuid        not null,
    message_type text        not null,
    received_at  timestamptz not null default now(),
    primary key (consumer, message_id)
);
