/**
 * Test fixtures of the ordering service: the HTTP API, the other services on the broker ({@link
 * dev.bazaar.ordering.testsupport.Participants}), the database, and given/expect scripts for the saga's decisions
 * ({@link dev.bazaar.ordering.testsupport.SagaScript}).
 */
package dev.bazaar.ordering.testsupport;
