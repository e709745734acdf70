-- Catalog: products with their stock counters, and the stock each order holds.

-- Trigram indexes let "q" match anywhere in sku or name without a sequential scan (pg_trgm is a trusted
-- extension: the database owner may create it).
create extension if not exists pg_trgm;

create table product (
    id              uuid          not null,
    sku             varchar(64)   not null,
    name            varchar(200)  not null,
    price           numeric(12,2) not null,
    on_hand         integer       not null,
    reserved        integer       not null,
    sold            integer       not null,
    -- initial stock plus every restock: what conservation is checked against
    stock_added     bigint        not null,
    version         bigint        not null default 0,
    created_at      timestamptz   not null default now(),
    constraint product_pk primary key (id),
    constraint product_sku_uk unique (sku),
    constraint product_price_positive check (price > 0),
    constraint product_counters_not_negative check (on_hand >= 0 and reserved >= 0 and sold >= 0),
    constraint product_stock_conserved check (stock_added = on_hand::bigint + reserved + sold)
);

create index product_sku_trgm_idx on product using gin (lower(sku) gin_trgm_ops);
create index product_name_trgm_idx on product using gin (lower(name) gin_trgm_ops);

-- One row per order that ever sent stock.reserve (or stock.release first): the recorded outcome.
create table stock_reservation (
    order_id        uuid          not null,
    status          varchar(16)   not null,
    total           numeric(14,2) not null,
    -- why a reserve was rejected, as replied in stock.rejected
    reason          varchar(4000),
    version         bigint        not null default 0,
    created_at      timestamptz   not null default now(),
    updated_at      timestamptz   not null default now(),
    constraint stock_reservation_pk primary key (order_id),
    constraint stock_reservation_status_ck
        check (status in ('RESERVED', 'COMMITTED', 'RELEASED', 'RETURNED', 'REJECTED')),
    constraint stock_reservation_total_not_negative check (total >= 0)
);

create index stock_reservation_status_idx on stock_reservation (status);

-- What a successful reserve took, priced at reservation time.
create table stock_reservation_line (
    order_id        uuid          not null,
    product_id      uuid          not null,
    sku             varchar(64)   not null,
    quantity        integer       not null,
    unit_price      numeric(12,2) not null,
    constraint stock_reservation_line_pk primary key (order_id, product_id),
    constraint stock_reservation_line_reservation_fk foreign key (order_id)
        references stock_reservation (order_id) on delete cascade,
    constraint stock_reservation_line_product_fk foreign key (product_id) references product (id),
    constraint stock_reservation_line_quantity_positive check (quantity > 0),
    constraint stock_reservation_line_price_positive check (unit_price > 0)
);

create index stock_reservation_line_product_idx on stock_reservation_line (product_id);

-- Why a reserve was rejected, line by line; product_id may name a product that does not exist (no foreign key).
create table stock_shortage (
    order_id        uuid          not null,
    product_id      uuid          not null,
    sku             varchar(64),
    wanted          integer       not null,
    available       integer       not null,
    constraint stock_shortage_pk primary key (order_id, product_id),
    constraint stock_shortage_reservation_fk foreign key (order_id)
        references stock_reservation (order_id) on delete cascade,
    constraint stock_shortage_wanted_positive check (wanted > 0),
    constraint stock_shortage_available_not_negative check (available >= 0)
);
