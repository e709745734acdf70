/**
 * The dead-letter admin API every service gets from infra ({@code /admin/dead-letters}): list the messages parked in
 * the {@code <queue>.dlq} of each incoming queue, replay them into their queue once the cause is fixed (the inbox
 * keeps a replayed duplicate from having a second effect), or discard them. Start with {@link
 * dev.bazaar.infra.deadletter.DeadLetterQueues}: it explains how listing leaves every message in place.
 */
package dev.bazaar.infra.deadletter;
