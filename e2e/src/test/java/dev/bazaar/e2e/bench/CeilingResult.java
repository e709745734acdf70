package dev.bazaar.e2e.bench;

/**
 * The machine's own limits for the saga's two kinds of work, each measured alone on the same cores: pgbench running
 * a saga-shaped transaction, RabbitMQ PerfTest moving relay-shaped messages. {@code Double.NaN} where a tool could
 * not run (the reason is in {@code notes}).
 */
record CeilingResult(
        int pgbenchClients,
        double pgbenchSeconds,
        double pgbenchTps,
        double postgresCpuMicrosPerTransaction,
        double pgbenchMachineBusyPercent,
        int messageBodyBytes,
        int perfTestProducers,
        int perfTestConfirmsInFlight,
        double perfTestSeconds,
        double perfTestMessagesPerSecond,
        double brokerCpuMicrosPerMessage,
        double perfTestMachineBusyPercent,
        String pgbenchScript,
        String perfTestCommand,
        String notes) {

    /**
     * Orders/s the two servers could carry if they had the machine to themselves and shared it in proportion:
     * each order needs {@code tx / tps + msgs / msgPerSecond} seconds of the whole machine.
     */
    double ordersPerSecond(double transactionsPerOrder, double messagesPerOrder) {
        return 1 / (transactionsPerOrder / pgbenchTps + messagesPerOrder / perfTestMessagesPerSecond);
    }

    /** CPU milliseconds per order the two servers need at least, at their benchmarked cost per unit of work. */
    double serverCpuMillisPerOrder(double transactionsPerOrder, double messagesPerOrder) {
        return (transactionsPerOrder * postgresCpuMicrosPerTransaction
                + messagesPerOrder * brokerCpuMicrosPerMessage) / 1000;
    }
}
