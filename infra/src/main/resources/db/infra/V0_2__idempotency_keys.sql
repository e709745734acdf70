-- Responses of HTTP commands sent with an Idempotency-Key: a retry gets the stored response and creates nothing new.
create table idempotency_key (
    scope        text        not null,
    key          text        not null,
    fingerprint  text        not null,
    status       int,
    location     text,
    body         text,
    created_at   timestamptz not null default now(),
    primary key (scope, key)
);
