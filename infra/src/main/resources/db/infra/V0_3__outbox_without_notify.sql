-- The code that commits outbox rows now publishes them itself right after the commit; the relay only recovers rows
-- older than its recovery age and polls for them. The NOTIFY trigger is gone: nothing waits for it any more, and
-- NOTIFY at commit takes a lock shared by the whole PostgreSQL instance, which serialized every outbox-writing commit.
drop trigger if exists outbox_message_inserted on outbox_message;
drop function if exists bazaar_outbox_notify();
