-- Cart: the customers' carts and a local copy of catalog's products (event-carried state).

-- What cart knows about catalog's products, from product.created and product.price-changed. price_as_of is the
-- occurredAt of the event the price came from: an event applies only if it is newer, so a stale or reordered
-- price change never wins. A price change may arrive before product.created; the row then has name = sku until
-- product.created fills the name in.
create table product_copy (
    product_id      uuid          not null,
    sku             varchar(64)   not null,
    name            varchar(200)  not null,
    price           numeric(12,2) not null,
    price_as_of     timestamptz   not null,
    constraint product_copy_pk primary key (product_id),
    constraint product_copy_price_positive check (price > 0)
);

create table cart (
    id              uuid          not null,
    customer_id     uuid          not null,
    status          varchar(16)   not null,
    -- the order the cart was checked out as; kept when the order closes the cart, cleared when it is rejected
    order_id        uuid,
    -- why the last checkout's order was rejected, for the customer to read
    last_rejection  varchar(4000),
    created_at      timestamptz   not null default now(),
    updated_at      timestamptz   not null default now(),
    version         bigint        not null default 0,
    constraint cart_pk primary key (id),
    constraint cart_status_ck check (status in ('OPEN', 'CHECKED_OUT', 'CLOSED')),
    constraint cart_order_matches_status_ck check ((status = 'OPEN') = (order_id is null)),
    constraint cart_order_uk unique (order_id)
);

-- At most one active cart per customer; concurrent first requests race on this index and all get the same cart.
create unique index cart_one_active_per_customer_uk on cart (customer_id) where status in ('OPEN', 'CHECKED_OUT');

-- Only quantities: prices are read from product_copy whenever a cart is shown or checked out.
create table cart_line (
    cart_id         uuid          not null,
    product_id      uuid          not null,
    quantity        integer       not null,
    constraint cart_line_pk primary key (cart_id, product_id),
    constraint cart_line_cart_fk foreign key (cart_id) references cart (id) on delete cascade,
    constraint cart_line_product_fk foreign key (product_id) references product_copy (product_id),
    constraint cart_line_quantity_ck check (quantity between 1 and 1000)
);

create index cart_line_product_idx on cart_line (product_id);
