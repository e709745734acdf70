-- The W3C trace context of the span that wrote the row: the publisher sends it as the AMQP header traceparent, so the
-- consumer continues the same trace, also when the relay publishes the row after a crash. Repeatable: re-applied on
-- change; nullable, so rows written before it existed are published without one.
alter table outbox_message add column if not exists traceparent text;
