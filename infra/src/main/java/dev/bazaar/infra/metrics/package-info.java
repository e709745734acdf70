/**
 * Settings of the gauges that a periodic query refreshes (outbox backlog, dead-letter depth, orders in progress);
 * the counters and histograms are recorded where their events happen.
 */
package dev.bazaar.infra.metrics;
