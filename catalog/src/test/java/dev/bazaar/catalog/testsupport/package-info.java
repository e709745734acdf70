/** Test fixtures of the catalog service: its HTTP API, ordering's stock commands, and the database. */
package dev.bazaar.catalog.testsupport;
