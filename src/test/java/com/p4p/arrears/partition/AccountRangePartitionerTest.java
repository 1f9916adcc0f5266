package com.p4p.arrears.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.db.Databases;
import com.p4p.arrears.support.PipelineTest;

/**
 * The account ranges of a partitioned step, against the real account table (MariaDB's binary collation in
 * CI, H2 here): exactly N partitions named by N alone, every account in exactly one of them, ranges
 * consecutive in byte order and as even as counts allow.
 */
@PipelineTest
class AccountRangePartitionerTest {

    /** Ids whose byte order differs from alphabetical and case-insensitive order. */
    static final List<String> IDS = List.of("a1", "B2", "_x", "Z", "0", "A-7", "a", "b", "Ab", "aB", "A", "9z", "z9",
            "ACC00000001", "ACC00000010", "ACC0000002", "acc1", "X_", "X-", "~", "M", "m", "Mm");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    AccountRangePartitioner partitioner() {
        return new AccountRangePartitioner(jdbc, Databases.streaming(dataSource));
    }

    void accounts(List<String> ids) {
        for (String id : ids) {
            jdbc.update("INSERT INTO account (account_id, store_id, currency, opened_date, enforcement_hold,"
                    + " first_seen_date, snapshot_date, snapshot_line) VALUES (?, 'S', 'USD', DATE '2026-01-01', 'N',"
                    + " DATE '2026-01-01', DATE '2026-01-01', 2)", id);
        }
    }

    @Test
    void noAccountsGiveExactlyNEmptyPartitionsNamedByNAlone() {
        for (int n : new int[] {1, 2, 3, 7}) {
            Map<String, ExecutionContext> partitions = partitioner().partition(n);
            assertThat(partitions.keySet()).as("n=" + n).containsExactlyInAnyOrderElementsOf(partitioner().getPartitionNames(n))
                    .hasSize(n);
            for (ExecutionContext c : partitions.values()) {
                AccountRange r = AccountRange.of(c);
                assertThat(r.empty()).isTrue();
                assertThat(r.count()).isEqualTo(n);
                assertThat(accountsIn(r)).isEmpty();
            }
        }
    }

    @Test
    void morePartitionsThanAccountsLeaveTheExtraOnesEmptyAndEveryAccountInOne() {
        accounts(List.of("K2", "K1"));

        Map<String, ExecutionContext> partitions = partitioner().partition(5);

        assertThat(partitions.keySet()).containsExactlyInAnyOrder("partition0", "partition1", "partition2",
                "partition3", "partition4");
        List<AccountRange> ranges = ranges(partitions, 5);
        assertThat(ranges).filteredOn(AccountRange::empty).hasSize(3);
        assertThat(ranges.stream().flatMap(r -> accountsIn(r).stream()).toList()).containsExactly("K1", "K2");
        assertThat(ranges.stream().filter(r -> !r.empty()).map(r -> accountsIn(r).size()).toList()).containsExactly(1, 1);
    }

    @Test
    void everyAccountIsInExactlyOneRangeAndTheRangesFollowEachOtherInByteOrder() {
        accounts(IDS);
        List<String> byteOrder = new ArrayList<>(IDS);
        byteOrder.sort(AccountRangePartitionerTest::compareBytes);

        for (int n = 1; n <= IDS.size() + 2; n++) {
            List<AccountRange> ranges = ranges(partitioner().partition(n), n);
            List<String> concatenated = new ArrayList<>();
            for (AccountRange r : ranges) {
                List<String> in = accountsIn(r);
                // the database's range is the byte-order range of its bounds
                assertThat(in).as("n=%d %s", n, r).containsExactlyElementsOf(
                        byteOrder.stream().filter(id -> !r.empty() && (r.from() == null || compareBytes(id, r.from()) >= 0)
                                && (r.to() == null || compareBytes(id, r.to()) < 0)).toList());
                // as even as counts allow: floor(A/N) or ceil(A/N) accounts each
                assertThat(in.size()).as("n=%d %s", n, r).isBetween(IDS.size() / n, (IDS.size() + n - 1) / n);
                concatenated.addAll(in);
            }
            assertThat(concatenated).as("n=" + n + ": the ranges in order are all accounts in byte order, each once")
                    .containsExactlyElementsOf(byteOrder);
        }
    }

    @Test
    void theNamesAskedOnARestartAreTheNamesOfTheSplit() {
        accounts(IDS);
        for (int n : new int[] {1, 3, 7}) {
            assertThat(partitioner().partition(n).keySet()).containsExactlyInAnyOrderElementsOf(
                    partitioner().getPartitionNames(n));
        }
    }

    /** The ranges of a split, by partition index 0..n-1. */
    static List<AccountRange> ranges(Map<String, ExecutionContext> partitions, int n) {
        List<AccountRange> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AccountRange r = AccountRange.of(partitions.get(PartitionKeys.partitionName(i)));
            assertThat(r.index()).isEqualTo(i);
            assertThat(r.count()).isEqualTo(n);
            out.add(r);
        }
        return out;
    }

    /** The accounts the database returns for a range, as the partition's readers ask for them. */
    List<String> accountsIn(AccountRange r) {
        return jdbc.queryForList("SELECT account_id FROM account WHERE 1 = 1" + r.andCondition("account_id")
                + " ORDER BY account_id", String.class, r.parameters());
    }

    static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
