package com.p4p.arrears.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.p4p.arrears.policy.TestPolicies;

/**
 * The read-ahead reader is, for the step, the row reader followed by the validator: same results in
 * the same order, and a restart position that ignores what was read ahead.
 */
class ValidatingReaderTest {

    static final LocalDate D = LocalDate.of(2024, 3, 15);

    @TempDir
    Path dir;

    private Path spend(int rows) throws IOException {
        StringBuilder s = new StringBuilder(Rows.SPEND_HEADER).append('\n');
        for (int i = 1; i <= rows; i++) {
            s.append(i % 7 == 0 ? "bad id!" : "C" + i).append(",A1,K1,2024-03-15,1,1.00,USD\n");
            if (i % 100 == 0) {
                s.append('\n'); // blank lines shift line numbers
            }
        }
        s.append("TRAILER,").append(rows).append(',').append(rows).append(".00\n");
        Path f = dir.resolve("spend_20240315.csv");
        Files.writeString(f, s.toString(), StandardCharsets.UTF_8);
        return f;
    }

    private ValidatingReader<LedgerItem> reader(Path f) {
        return new ValidatingReader<>(new CsvRowReader(Source.SPEND, f),
                new SpendRowValidator(TestPolicies.defaultPolicy(), D));
    }

    private static String describe(Validated<LedgerItem> v) {
        return v instanceof Validated.Valid<LedgerItem> ok ? ok.lineNumber() + ":" + ok.row().id()
                : v.lineNumber() + ":" + ((Validated.Rejected<LedgerItem>) v).reason();
    }

    private List<String> plain(Path f) throws Exception {
        CsvRowReader rows = new CsvRowReader(Source.SPEND, f);
        SpendRowValidator validator = new SpendRowValidator(TestPolicies.defaultPolicy(), D);
        rows.open(new ExecutionContext());
        List<String> out = new ArrayList<>();
        for (InputRow r = rows.read(); r != null; r = rows.read()) {
            out.add(describe(validator.process(r)));
        }
        rows.close();
        return out;
    }

    @Test
    void handsOutWhatTheReaderAndValidatorWouldInTheSameOrder() throws Exception {
        Path f = spend(5_000);
        ValidatingReader<LedgerItem> reader = reader(f);
        reader.open(new ExecutionContext());
        List<String> out = new ArrayList<>();
        for (Validated<LedgerItem> v = reader.read(); v != null; v = reader.read()) {
            out.add(describe(v));
        }
        assertThat(reader.read()).isNull();
        reader.close();
        assertThat(out).hasSize(5_000).isEqualTo(plain(f));
    }

    @Test
    void aRestartContinuesAfterTheLastRowHandedOutNotAfterWhatWasReadAhead() throws Exception {
        Path f = spend(3_000);
        List<String> all = plain(f);
        ExecutionContext context = new ExecutionContext();
        List<String> out = new ArrayList<>();
        for (int chunk = 0; chunk < 100; chunk++) {
            ValidatingReader<LedgerItem> reader = reader(f);
            reader.open(context);
            Validated<LedgerItem> v = null;
            for (int i = 0; i < 37 && (v = reader.read()) != null; i++) {
                out.add(describe(v));
            }
            reader.update(context);
            // what the plain reader would have saved after the same rows
            CsvRowReader plainReader = new CsvRowReader(Source.SPEND, f);
            plainReader.open(new ExecutionContext());
            for (int i = 0; i < out.size(); i++) {
                plainReader.read();
            }
            ExecutionContext expected = new ExecutionContext();
            plainReader.update(expected);
            plainReader.close();
            assertThat(context.getLong(CsvRowReader.POSITION_KEY)).isEqualTo(expected.getLong(CsvRowReader.POSITION_KEY));
            reader.close();
            if (v == null) {
                break;
            }
        }
        assertThat(out).isEqualTo(all);
    }

    @Test
    void aFileThatCannotBeReadFailsTheReadNotTheThread() {
        ValidatingReader<LedgerItem> reader = reader(dir.resolve("missing.csv"));
        assertThatThrownBy(() -> reader.open(new ExecutionContext())).hasMessageContaining("missing.csv");
    }

    @Test
    void aFileNotDeliveredReadsNothing() throws Exception {
        ValidatingReader<LedgerItem> reader = new ValidatingReader<>(CsvRowReader.empty(Source.SPEND),
                new SpendRowValidator(TestPolicies.defaultPolicy(), D));
        ExecutionContext context = new ExecutionContext();
        reader.open(context);
        assertThat(reader.read()).isNull();
        reader.update(context);
        assertThat(context.containsKey(CsvRowReader.POSITION_KEY)).isFalse();
        reader.close();
    }
}
