-- The user service's own tables. Money is numeric(19,2) and never negative; every account satisfies
-- topped_up = balance + held + captured, checked by the database itself so no bug can create or destroy money.

create table customer (
    id            uuid        primary key,
    email         text        not null,
    name          text        not null,
    password_hash text        not null,
    role          text        not null,
    created_at    timestamptz not null,
    constraint customer_email_lower_case check (email = lower(email)),
    constraint customer_email_not_blank check (length(btrim(email)) > 0),
    constraint customer_name_length check (length(name) between 1 and 100),
    constraint customer_role_known check (role in ('CUSTOMER', 'ADMIN'))
);

-- Unique regardless of case even if some writer forgot to lower-case: this is the index sign-up conflicts hit.
create unique index customer_email_unique on customer (lower(email));

create table credit_account (
    customer_id uuid          primary key references customer (id),
    balance     numeric(19,2) not null default 0,
    held        numeric(19,2) not null default 0,
    captured    numeric(19,2) not null default 0,
    topped_up   numeric(19,2) not null default 0,
    version     bigint        not null default 0,
    constraint credit_account_balance_not_negative check (balance >= 0),
    constraint credit_account_held_not_negative check (held >= 0),
    constraint credit_account_captured_not_negative check (captured >= 0),
    constraint credit_account_money_conserved check (topped_up = balance + held + captured)
);

-- One row per order that ever asked for credit (the order id is the key: a repeated reserve finds it).
create table credit_hold (
    order_id    uuid          primary key,
    customer_id uuid          not null references credit_account (customer_id),
    amount      numeric(19,2) not null,
    status      text          not null,
    reason      text,
    available   numeric(19,2),
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    version     bigint        not null default 0,
    constraint credit_hold_status_known check (status in ('HELD', 'CAPTURED', 'RELEASED', 'REFUNDED', 'REJECTED')),
    -- zero only for a release that arrived before any reserve (nothing was ever held)
    constraint credit_hold_amount_positive check (amount > 0 or (status = 'RELEASED' and amount = 0)),
    constraint credit_hold_available_not_negative check (available is null or available >= 0)
);

create index credit_hold_customer on credit_hold (customer_id);

create table top_up (
    id              uuid          primary key,
    customer_id     uuid          not null references credit_account (customer_id),
    amount          numeric(19,2) not null,
    topped_up_at    timestamptz   not null,
    constraint top_up_amount_positive check (amount > 0)
);

create index top_up_customer on top_up (customer_id);
