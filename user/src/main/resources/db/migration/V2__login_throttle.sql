-- Failed logins per account, shared by every replica of the user service (dev.bazaar.user.application.LoginThrottle).
-- The key is the SHA-256 of the normalized email, known or not: unknown emails are throttled the same way, and the
-- addresses an attacker tries are not stored. A successful login deletes its row; rows untouched for
-- bazaar.login.forget-after are deleted in the background.

create table login_throttle (
    account         text        primary key,
    failures        integer     not null,
    last_attempt_at timestamptz not null,
    locked_until    timestamptz,
    constraint login_throttle_failures_not_negative check (failures >= 0)
);

create index login_throttle_last_attempt on login_throttle (last_attempt_at);
