package dev.bazaar.catalog.testsupport;

/** The stock counters of one product row. */
public record StockRow(int onHand, int reserved, int sold, long stockAdded) {

    public boolean conserved() {
        return stockAdded == (long) onHand + reserved + sold;
    }
}
