package com.p4p.arrears.partition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.PartitionNameProvider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Splits the accounts into N ranges of consecutive ids (in the database's binary order, SPEC's byte
 * order) holding as nearly as can be the same number of accounts: partition i holds the accounts at
 * positions [i*A/N, (i+1)*A/N) of the A accounts in id order. Always exactly N partitions, named
 * {@code partition0..N-1}: with no accounts, or fewer accounts than partitions, the extra ones are empty.
 * The names depend on N only, so a restarted step finds its partitions under the same names and reuses
 * their stored ranges (Spring Batch's {@code SimpleStepExecutionSplitter} asks for the names, not for a
 * new split): the accounts are never re-divided once a step has started.
 */
public class AccountRangePartitioner implements Partitioner, PartitionNameProvider {

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;

    /**
     * @param jdbc      for the count
     * @param streaming for the ids (row by row: every id passes, only N-1 are kept)
     */
    public AccountRangePartitioner(JdbcTemplate jdbc, JdbcTemplate streaming) {
        this.jdbc = jdbc;
        this.streaming = streaming;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        int n = Math.max(1, gridSize);
        long accounts = jdbc.queryForObject("SELECT COUNT(*) FROM account", Long.class);
        long[] start = new long[n + 1];
        for (int i = 0; i <= n; i++) {
            start[i] = i * accounts / n;
        }
        // the id at each partition's first position (position A: past the end, no id)
        String[] firstId = new String[n + 1];
        if (accounts > 0 && n > 1) {
            long[] position = {0};
            int[] next = {1};
            streaming.query("SELECT account_id FROM account ORDER BY account_id", rs -> {
                long p = position[0]++;
                while (next[0] < n && start[next[0]] == p) {
                    firstId[next[0]++] = rs.getString(1);
                }
            });
        }
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            boolean empty = start[i] == start[i + 1];
            String from = i == 0 ? null : firstId[i];
            String to = i == n - 1 ? null : firstId[i + 1];
            if (i > 0 && start[i] < accounts && from == null || i < n - 1 && start[i + 1] < accounts && to == null) {
                throw new IllegalStateException("the account table changed while it was being partitioned");
            }
            out.put(PartitionKeys.partitionName(i), new AccountRange(from, to, empty, i, n).toContext());
        }
        return out;
    }

    @Override
    public List<String> getPartitionNames(int gridSize) {
        return PartitionKeys.partitionNames(gridSize);
    }
}
