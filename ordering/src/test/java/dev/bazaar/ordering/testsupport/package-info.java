/** Test fixtures of the ordering service: the HTTP API, the other services on the broker, and the database. */
package dev.bazaar.ordering.testsupport;
