package com.p4p.arrears.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench generator's id shapes (issue 14): the same nights, only the ids differ. */
class NightGeneratorIdShapeTest {

    private static final Pattern UUID_V4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern ORDERED = Pattern.compile("(CHG-20261126-[0-9]{9}|PAY-20261126-[0-9]{8})");

    @TempDir
    Path dir;

    @Test
    void randomIdsAreUuidsAndEverythingElseIsTheOrderedNight() throws IOException {
        Path ordered = generate("ordered", 7);
        Path random = generate("random", 7);
        for (String file : List.of("spend_20261126.csv", "payments_20261126.csv")) {
            List<String> o = Files.readAllLines(ordered.resolve(file));
            List<String> r = Files.readAllLines(random.resolve(file));
            assertThat(r).hasSameSizeAs(o);
            assertThat(r.get(0)).isEqualTo(o.get(0));
            assertThat(r.get(r.size() - 1)).as("trailer: same count and control total").isEqualTo(o.get(o.size() - 1));
            Map<String, String> renamed = new HashMap<>();
            for (int i = 1; i < o.size() - 1; i++) {
                String[] of = o.get(i).split(",", 2);
                String[] rf = r.get(i).split(",", 2);
                renamed.putIfAbsent(of[0], rf[0]);
                assertThat(rf[1]).as(file + " line " + i + " but for its ids").isEqualTo(renamedOriginal(of[1], renamed));
                String shape = of[0].endsWith("#") ? "#" : ""; // the BAD_ID reject keeps its bad suffix
                assertThat(ORDERED.matcher(of[0].substring(0, of[0].length() - shape.length())).matches()).isTrue();
                assertThat(UUID_V4.matcher(rf[0].substring(0, rf[0].length() - shape.length())).matches())
                        .as(rf[0]).isTrue();
            }
        }
        assertThat(Files.readAllLines(random.resolve("accounts_20261126.csv")))
                .isEqualTo(Files.readAllLines(ordered.resolve("accounts_20261126.csv")));
    }

    /** A refund's or chargeback's original payment id (the last field) as the same night names it in the other shape. */
    private static String renamedOriginal(String fields, Map<String, String> renamed) {
        int last = fields.lastIndexOf(',');
        String original = fields.substring(last + 1);
        return last < 0 || !renamed.containsKey(original) ? fields : fields.substring(0, last + 1) + renamed.get(original);
    }

    @Test
    void theSameSeedGivesTheSameIdsAndAnotherSeedOthers() throws IOException {
        List<String> first = Files.readAllLines(generate("random", 7).resolve("spend_20261126.csv"));
        List<String> again = Files.readAllLines(generate("random", 7).resolve("spend_20261126.csv"));
        List<String> other = Files.readAllLines(generate("random", 8).resolve("spend_20261126.csv"));
        assertThat(again).isEqualTo(first);
        assertThat(other.get(1).split(",")[0]).isNotEqualTo(first.get(1).split(",")[0]);
    }

    @Test
    void refusesAnUnknownShape() {
        assertThatThrownBy(() -> new SourceIds("sorted", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ordered or random");
    }

    private int runs;

    private Path generate(String shape, long seed) throws IOException {
        Path out = dir.resolve(shape + "-" + seed + "-" + runs++);
        NightGenerator.main(new String[] {"--out", out.toString(), "--accounts", "200", "--spend", "3000",
                "--payments", "600", "--seed", Long.toString(seed), "--id-shape", shape, "--date", "2026-11-26"});
        return out;
    }
}
