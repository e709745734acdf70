/** Test fixtures of the user service: its HTTP API and the database. */
package dev.bazaar.user.testsupport;
