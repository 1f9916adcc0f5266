package com.p4p.arrears.ops;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import com.p4p.arrears.policy.Policy;
import com.p4p.arrears.policy.PolicyProvider;
import com.p4p.arrears.report.AccountExplanation;
import com.p4p.arrears.report.AccountExplanationJson;
import com.p4p.arrears.report.AccountExplanationStore;
import com.p4p.arrears.report.AccountExplanationText;
import com.p4p.arrears.report.HoldHistory;

/**
 * {@code explain --account A [--json]} (SPEC 11): the arithmetic behind A's account_status.csv row of
 * the last completed night. Read-only: it reads the job repository the way {@code status} does (no job
 * is launched, no lock is taken) and runs SELECTs only.
 */
public final class ExplainCommand {

    private final NightlyRunner runner;
    private final JdbcTemplate jdbc;
    private final PolicyProvider policies;
    private final PrintStream out;

    public ExplainCommand(NightlyRunner runner, JdbcTemplate jdbc, PolicyProvider policies, PrintStream out) {
        this.runner = runner;
        this.jdbc = jdbc;
        this.policies = policies;
        this.out = out;
    }

    public ExitCode run(CommandLineArgs cli) {
        String accountId = cli.required("account");
        boolean json = cli.flag("json");
        Map<LocalDate, NightlyRunner.Night> nights = runner.nights();
        LocalDate night = NightlyRunner.lastCompleteDate(nights).orElseThrow(() ->
                new CommandLineArgs.UsageException("no night has completed yet: there is nothing to explain"));
        String policyPath = runner.lastExecution(night).getJobParameters().getString(RunParameters.POLICY);
        Policy policy = policies.get(policyPath);
        String policySource = policyPath == null || policyPath.isEmpty() ? "the default policy (jobs/policy.yaml)" : policyPath;

        AccountExplanationStore store = new AccountExplanationStore(jdbc);
        Optional<AccountExplanationStore.AccountRow> account = store.account(accountId);
        if (account.isEmpty() || account.get().firstSeenDate().isAfter(night)) {
            throw new CommandLineArgs.UsageException("unknown account " + accountId + ": it is not in the ledger of "
                    + night + " (the last completed night); ids are case-sensitive");
        }
        Optional<AccountExplanationStore.StateRow> state = store.state(accountId);
        LocalDate totals = account.get().totalsAsOf();
        if (state.isEmpty() || !state.get().asOfDate().equals(night) || (totals != null && totals.isAfter(night))) {
            // a later night is half done and has already moved this account: its figures are no longer the
            // last completed night's, and guessing them back would not be the row that night wrote
            throw new RunRefusedException("refused explain " + accountId + ": the unfinished night after " + night
                    + " has already moved this account; restart that night to completion, then explain");
        }
        List<LocalDate> completed = nights.values().stream()
                .filter(n -> n.status() == org.springframework.batch.core.BatchStatus.COMPLETED && !n.date().isAfter(night))
                .map(NightlyRunner.Night::date).toList();
        boolean hold = new HoldHistory(store.holdChanges(accountId), account.get().holdNow()).on(night);
        AccountExplanation e = AccountExplanation.of(night, policySource, policy, account.get(), state.get(), hold,
                store.spendByChargeDate(accountId), store.actions(accountId, completed), store.credit(accountId, completed),
                policy.runway().map(r -> store.windowSpendByNight(accountId, night, r)).orElse(null));
        out.print(json ? AccountExplanationJson.render(e) + "\n" : AccountExplanationText.render(e));
        return ExitCode.COMPLETED;
    }
}
