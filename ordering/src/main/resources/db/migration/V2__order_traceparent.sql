-- The W3C trace context of the span that placed the order (ordering's POST /orders, or its consumer of cart's
-- checkout): work that no message causes, such as a deadline expiry and the compensations it sends, joins the
-- order's trace through it. Nullable: orders placed before it existed, or outside any trace, have none.
alter table orders add column traceparent text;
