-- The operator console's "rejections of the last hour": rejected orders by the time they were rejected. REJECTED is
-- final, so updated_at is that time; a partial index stays as small as the rejected orders.
create index orders_rejected_idx on orders (updated_at) where status = 'REJECTED';
