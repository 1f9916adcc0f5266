package com.p4p.arrears.ledger;

import org.springframework.test.context.TestPropertySource;

/**
 * The same nights with the posting steps' sums switched off ({@code pipeline.close.use-posting-sums}):
 * on MySQL too the close sums the day's entries in the database (as a night restarted in a new
 * process does), and the totals, movements and ageing history are the same.
 */
@TestPropertySource(properties = "pipeline.close.use-posting-sums=false")
class DayMovementsFromTheEntriesTest extends DayMovementsMatchTheLedgerTest {

    @Override
    protected String expectedPathOnMySql() {
        return CloseLedgerDayTasklet.SUMMED_FROM_ENTRIES;
    }
}
