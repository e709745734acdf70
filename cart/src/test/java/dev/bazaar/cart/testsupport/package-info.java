/** Test fixtures of the cart service: its HTTP API, catalog's and ordering's events, and the database. */
package dev.bazaar.cart.testsupport;
