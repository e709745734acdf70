create table probe_effect (
    id         uuid primary key,
    product_id uuid        not null,
    sku        text        not null,
    applied_at timestamptz not null default now()
);
