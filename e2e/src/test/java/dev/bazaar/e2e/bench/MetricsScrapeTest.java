package dev.bazaar.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The Prometheus text the services expose, as Micrometer writes it: two scrapes of one service give the interval's
 * publishes, confirm waits, SQL round trips and per-queue consumer counts; a service without the consumer meters counts as 0.
 */
class MetricsScrapeTest {

    private static final String EARLIER = """
            # HELP bazaar_outbox_published_total Outbox messages the broker confirmed
            # TYPE bazaar_outbox_published_total counter
            bazaar_outbox_published_total 100.0
            # TYPE bazaar_outbox_publish_batches_total counter
            bazaar_outbox_publish_batches_total 40.0
            # TYPE bazaar_sql_round_trips_total counter
            bazaar_sql_round_trips_total 500.0
            # TYPE bazaar_consumer_deliveries_total counter
            bazaar_consumer_deliveries_total{queue="ordering.credit-replies"} 20.0
            bazaar_consumer_deliveries_total{queue="ordering.stock-replies"} 30.0
            # TYPE bazaar_consumer_acks_total counter
            bazaar_consumer_acks_total{queue="ordering.credit-replies"} 10.0
            bazaar_consumer_acks_total{queue="ordering.stock-replies"} 12.0
            # TYPE bazaar_consumer_batch_size_messages summary
            bazaar_consumer_batch_size_messages_count{queue="ordering.credit-replies"} 10.0
            bazaar_consumer_batch_size_messages_sum{queue="ordering.credit-replies"} 20.0
            bazaar_consumer_batch_size_messages_count{queue="ordering.stock-replies"} 12.0
            bazaar_consumer_batch_size_messages_sum{queue="ordering.stock-replies"} 30.0
            # TYPE bazaar_consumer_batch_size_messages_max gauge
            bazaar_consumer_batch_size_messages_max{queue="ordering.stock-replies"} 4.0
            """;

    private static final String LATER = """
            bazaar_outbox_published_total 400.0
            bazaar_outbox_publish_batches_total 140.0
            bazaar_sql_round_trips_total 1700.0
            bazaar_consumer_deliveries_total{queue="ordering.credit-replies"} 170.0
            bazaar_consumer_deliveries_total{queue="ordering.stock-replies"} 330.0
            bazaar_consumer_acks_total{queue="ordering.credit-replies"} 60.0
            bazaar_consumer_acks_total{queue="ordering.stock-replies"} 112.0
            bazaar_consumer_batch_size_messages_count{queue="ordering.credit-replies"} 60.0
            bazaar_consumer_batch_size_messages_sum{queue="ordering.credit-replies"} 170.0
            bazaar_consumer_batch_size_messages_count{queue="ordering.stock-replies"} 112.0
            bazaar_consumer_batch_size_messages_sum{queue="ordering.stock-replies"} 330.0
            bazaar_consumer_batch_size_messages_max{queue="ordering.stock-replies"} 9.0
            """;

    /** Another service, of an older build: the relay's counter only. */
    private static final String OLDER_SERVICE = """
            bazaar_outbox_published_total 50.0
            """;

    @Test
    void anExemplarAfterTheSampleIsNotTakenForItsValue() {
        assertThat(MetricsScrape.value("bazaar_outbox_published_total 8219.0 # {span_id=\"d2eab682377d1534\","
                + "trace_id=\"2f462573f6ea919208e16bb2296c789a\"} 1.0 1796540141.673")).isEqualTo(8219.0);
        assertThat(MetricsScrape.value("bazaar_consumer_acks_total{queue=\"ordering.stock-replies\"} 112.0 "
                + "# {span_id=\"d2eab682377d1534\",trace_id=\"2f462573f6ea919208e16bb2296c789a\"} 1.0 1796540141.673"))
                .isEqualTo(112.0);
        assertThat(MetricsScrape.value("bazaar_consumer_acks_total{queue=\"ordering.stock-replies\"} 12.0"))
                .isEqualTo(12.0);
    }

    @Test
    void twoScrapesGiveTheIntervalsPublishesConfirmWaitsAndConsumerCounts() {
        MetricsScrape interval = MetricsScrape.parse(LATER).minus(MetricsScrape.parse(EARLIER));

        assertThat(interval.published()).isEqualTo(300.0);
        assertThat(interval.publishBatches()).isEqualTo(100.0);
        assertThat(interval.sqlRoundTrips()).isEqualTo(1200.0);
        assertThat(interval.deliveries()).isEqualTo(450.0);
        assertThat(interval.acks()).isEqualTo(150.0);
        assertThat(interval.meanBatchSizes()).containsOnlyKeys("ordering.credit-replies", "ordering.stock-replies");
        assertThat(interval.meanBatchSizes().get("ordering.credit-replies")).isCloseTo(3.0, within(1e-9));
        assertThat(interval.meanBatchSizes().get("ordering.stock-replies")).isCloseTo(3.0, within(1e-9));
        assertThat(BenchReport.batchSizes(interval.meanBatchSizes()))
                .isEqualTo("ordering.credit-replies 3.0, ordering.stock-replies 3.0");
    }

    @Test
    void missingMetersCountAsZeroWhenServicesAreSummed() {
        MetricsScrape older = MetricsScrape.parse(OLDER_SERVICE);
        MetricsScrape total = MetricsScrape.empty().plus(MetricsScrape.parse(LATER).minus(MetricsScrape.parse(EARLIER)))
                .plus(older.minus(older));

        assertThat(older.publishBatches()).isZero();
        assertThat(older.sqlRoundTrips()).isZero();
        assertThat(older.queues()).isEmpty();
        assertThat(older.meanBatchSizes()).isEmpty();
        assertThat(BenchReport.batchSizes(older.meanBatchSizes())).isEqualTo("-");
        assertThat(total.published()).isEqualTo(300.0);
        assertThat(total.deliveries()).isEqualTo(450.0);
        assertThat(total.queues().get("ordering.stock-replies").batches()).isEqualTo(100.0);
    }

    @Test
    void aQueueWithoutBatchesInTheIntervalHasNoMeanBatchSize() {
        MetricsScrape idle = MetricsScrape.parse(EARLIER).minus(MetricsScrape.parse(EARLIER));

        assertThat(idle.queues()).containsOnlyKeys("ordering.credit-replies", "ordering.stock-replies");
        assertThat(idle.meanBatchSizes()).isEmpty();
    }
}
