package com.p4p.arrears.ops.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates realistic nights of input files for the benchmark (jobs/bench.sh): a full accounts
 * snapshot, spend and payments of the requested sizes and a balances file, with correct trailers.
 * <p>
 * Mostly valid rows, and a small share of everything a real feed brings: rejects of every kind
 * (about 0.1%), duplicates and conflicting duplicates (also of earlier nights' rows), unknown accounts
 * (some arrive the next night and release their suspense, some never do), currency mismatches, late
 * charges (up to 200 days old), refunds, chargebacks (a few orphans), quoted values, UTF-8 text.
 * The generator tracks every account's ledger balance, so the balances file agrees with the ledger
 * except for a deliberate 0.1% of mismatches and omissions.
 * <p>
 * Plain Java with no dependencies, deterministic for a seed, streaming: memory is a few bytes per
 * account whatever the row counts. Test code, not part of the product jar: the benchmark runs it from
 * the test classes that {@code ./mvnw package -DskipTests} compiles.
 * <pre>
 * java -cp target/test-classes com.p4p.arrears.ops.bench.NightGenerator --out DIR --accounts N --spend N
 *      --payments N [--nights 1] [--date 2026-11-26] [--seed 42] [--balances true] [--id-shape ordered]
 * </pre>
 * {@code --id-shape random} names charges and payments by UUIDs instead of date and counter ({@link SourceIds}).
 */
public final class NightGenerator {

    static final String[] CURRENCIES = {"USD", "EUR", "CNY", "JPY"};
    static final int[] MINOR_DIGITS = {2, 2, 2, 0};
    /** Exchange factor from US cents to the currency's minor unit, in percent. */
    static final int[] FACTOR_PERCENT = {100, 90, 700, 150};
    static final String[] CHANNELS = {"ALIPAY", "CARD", "BANK_TRANSFER", "OFFLINE", "WECHAT_PAY", "PAYPAL"};
    static final DateTimeFormatter FILE_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final int accounts;
    private final long spendRows;
    private final long paymentRows;
    private final boolean balancesFile;
    private final SplittableRandom random;
    /** No charge is billed more than this many days late (the default, 200, caps nothing). */
    private int maxLateDays = 200;
    private final SourceIds ids;

    /** Each account's ledger balance in its currency's minor unit, as the pipeline will compute it. */
    private final long[] balance;
    /** Spend and payments held in suspense for accounts that arrive on the second night. */
    private final long[] pending;
    private final byte[] currency;

    /** Recent rows that took an id (posted or suspended): duplicates and conflicts repeat them. */
    private final Ring spendTaken = new Ring(1 << 14);
    private final Ring paymentsTaken = new Ring(1 << 14);
    /** Recent posted PAYMENTs: refunds and chargebacks name them. */
    private final Ring postedPayments = new Ring(1 << 14);

    private LocalDate date;
    private int night;
    private final Map<String, long[]> counts = new HashMap<>();

    NightGenerator(int accounts, long spendRows, long paymentRows, boolean balancesFile, long seed) {
        this(accounts, spendRows, paymentRows, balancesFile, seed, "ordered");
    }

    NightGenerator(int accounts, long spendRows, long paymentRows, boolean balancesFile, long seed, String idShape) {
        this.accounts = accounts;
        this.ids = new SourceIds(idShape, seed);
        this.spendRows = spendRows;
        this.paymentRows = paymentRows;
        this.balancesFile = balancesFile;
        this.random = new SplittableRandom(seed);
        this.balance = new long[accounts];
        this.pending = new long[accounts];
        this.currency = new byte[accounts];
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < accounts; i++) {
            int p = r.nextInt(100);
            currency[i] = (byte) (p < 40 ? 0 : p < 60 ? 1 : p < 90 ? 2 : 3);
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        if (!o.containsKey("out")) {
            System.err.println("usage: NightGenerator --out DIR --accounts N --spend N --payments N [--nights 1]"
                    + " [--date 2026-11-26] [--seed 42] [--balances true] [--id-shape ordered|random] [--late-days N]");
            System.exit(2);
        }
        Path out = Path.of(o.get("out"));
        Files.createDirectories(out);
        NightGenerator g = new NightGenerator(Integer.parseInt(o.getOrDefault("accounts", "1000")),
                Long.parseLong(o.getOrDefault("spend", "10000")), Long.parseLong(o.getOrDefault("payments", "1000")),
                Boolean.parseBoolean(o.getOrDefault("balances", "true")), Long.parseLong(o.getOrDefault("seed", "42")),
                o.getOrDefault("id-shape", "ordered"));
        g.maxLateDays = Integer.parseInt(o.getOrDefault("late-days", "200"));
        LocalDate first = LocalDate.parse(o.getOrDefault("date", "2026-11-26"));
        int nights = Integer.parseInt(o.getOrDefault("nights", "1"));
        for (int n = 1; n <= nights; n++) {
            long t0 = System.nanoTime();
            g.night(out, first.plusDays(n - 1), n);
            System.out.printf("generated %s in %.1fs: %s%n", first.plusDays(n - 1), (System.nanoTime() - t0) / 1e9,
                    g.describeCounts());
        }
    }

    // ---- accounts ----

    /** Accounts that arrive only on the second night: their first night's rows wait in suspense. */
    boolean late(int i) {
        return i % 499 == 3;
    }

    boolean known(int i) {
        return night >= 2 || !late(i);
    }

    static String accountId(int i) {
        return "ACC" + pad(i, 8);
    }

    void night(Path dir, LocalDate d, int n) throws IOException {
        this.date = d;
        this.night = n;
        counts.clear();
        if (n == 2) {
            // late accounts arrive in tonight's snapshot; their suspended items post before spend
            for (int i = 0; i < accounts; i++) {
                balance[i] += pending[i];
                pending[i] = 0;
            }
        }
        writeAccounts(dir.resolve("accounts_" + FILE_DATE.format(d) + ".csv"));
        writeSpend(dir.resolve("spend_" + FILE_DATE.format(d) + ".csv"));
        writePayments(dir.resolve("payments_" + FILE_DATE.format(d) + ".csv"));
        if (balancesFile) {
            writeBalances(dir.resolve("balances_" + FILE_DATE.format(d) + ".csv"));
        }
    }

    private void writeAccounts(Path file) throws IOException {
        try (CsvOut out = new CsvOut(file, "account_id,store_id,currency,opened_date,enforcement_hold", -1)) {
            StringBuilder row = new StringBuilder(80);
            for (int i = 0; i < accounts; i++) {
                if (!known(i)) {
                    continue;
                }
                int storeVersion = night >= 2 && i % 211 == 5 ? night : 0; // 0.5% move store on later nights
                String store = "STORE" + pad(i / 3, 7) + (storeVersion == 0 ? "" : "-" + storeVersion);
                String hold = i % 97 == 11 ? "Y" : i % 13 == 0 ? "" : "N";
                String line = accountLine(row, accountId(i), store, CURRENCIES[currency[i]],
                        LocalDate.of(2020, 1, 1).plusDays(i % 2000).toString(), hold);
                out.row(line);
                count("accounts.valid");
                if (i % 10007 == 17) { // the same row twice in one snapshot: a duplicate
                    out.row(line);
                    count("accounts.duplicate");
                } else if (i % 20011 == 29) { // a second row with another store: a conflict
                    out.row(accountLine(row, accountId(i), store + "X", CURRENCIES[currency[i]], "2021-01-01", "N"));
                    count("accounts.conflict");
                } else if (night >= 2 && i % 20021 == 31) { // tries to change the currency
                    out.row(accountLine(row, accountId(i), store, CURRENCIES[(currency[i] + 1) % 4], "2021-01-01", "N"));
                    count("accounts.currency_change");
                }
                if (i % 9973 == 3) { // junk rows, one reason after another
                    out.row(switch ((i / 9973) % 5) {
                        case 0 -> "JUNK" + i + ",S1,usd,2021-01-01,N";
                        case 1 -> "JUNK" + i + ",S1,USD,2021-02-30,N";
                        case 2 -> "JUNK" + i + ",S1,USD,2021-01-01,maybe";
                        case 3 -> "JUNK" + i + ",,USD,2021-01-01,N";
                        default -> "JUNK" + i + ",S1,\"USD\"x,2021-01-01,N";
                    });
                    count("accounts.rejected");
                }
            }
        }
    }

    private static String accountLine(StringBuilder row, String id, String store, String currency, String opened,
                                      String hold) {
        row.setLength(0);
        return row.append(id).append(',').append(store).append(',').append(currency).append(',').append(opened)
                .append(',').append(hold).toString();
    }

    // ---- spend ----

    private void writeSpend(Path file) throws IOException {
        String day = FILE_DATE.format(date);
        try (CsvOut out = new CsvOut(file, "charge_id,account_id,campaign_id,charge_date,clicks,amount,currency", 5)) {
            StringBuilder row = new StringBuilder(120);
            for (long n = 1; n <= spendRows; n++) {
                int p = random.nextInt(100_000);
                String id = ids.next("CHG", day, n, 9);
                if (p < 100) { // 0.1% rejects, one reason after another
                    out.row(spendReject(row, id, (int) (n % 10)));
                    count("spend.rejected");
                    continue;
                }
                if (p < 200 && spendTaken.size() > 0) { // 0.1% duplicates of rows already taken
                    String[] f = spendTaken.pick(random);
                    String[] dup = f.clone();
                    dup[5] = dropTrailingZero(dup[5]);
                    out.row(join(row, dup));
                    count("spend.duplicate");
                    continue;
                }
                if (p < 220 && spendTaken.size() > 0) { // 0.02% conflicting duplicates
                    String[] f = spendTaken.pick(random).clone();
                    int c = currencyIndex(f[6]);
                    f[5] = money(parseMinor(f[5], MINOR_DIGITS[c]) + 1, MINOR_DIGITS[c]);
                    out.row(join(row, f));
                    count("spend.conflict");
                    continue;
                }
                boolean ghost = p < 270; // 0.05% for accounts that never arrive
                int account = ghost ? -1 : random.nextInt(accounts);
                int c = ghost ? random.nextInt(4) : currency[account];
                boolean mismatch = p >= 270 && p < 300; // 0.03% in another currency
                int rowCurrency = mismatch ? (c + 1 + random.nextInt(3)) % 4 : c;
                int clicks = 1 + random.nextInt(20);
                long cents = (long) clicks * (5 + random.nextInt(96));
                LocalDate chargeDate = date;
                int age = random.nextInt(1000);
                if (age < 5) { // 0.5%: a late charge of an old campaign, large
                    chargeDate = date.minusDays(30 + random.nextInt(170));
                    cents = 5_000 + random.nextInt(150_000);
                } else if (age < 20) {
                    chargeDate = date.minusDays(8 + random.nextInt(38));
                } else if (age < 70) {
                    chargeDate = date.minusDays(1 + random.nextInt(7));
                }
                if (chargeDate.isBefore(date.minusDays(maxLateDays))) {
                    chargeDate = date.minusDays(maxLateDays); // --late-days: the same charges, billed less late
                }
                long amount = cents * FACTOR_PERCENT[rowCurrency] / 100 + 1;
                String accountId = ghost ? "GHOST" + pad(random.nextInt(5000), 5) : accountId(account);
                String campaign = "CMP-" + (ghost ? "G" : pad(account, 8)) + "-" + (n % 4);
                if (random.nextInt(100) == 0) {
                    campaign = "\"" + campaign + "\""; // quoted, as some exporters do
                }
                String[] f = {id, accountId, campaign, chargeDate.toString(), Integer.toString(clicks),
                        money(amount, MINOR_DIGITS[rowCurrency]), CURRENCIES[rowCurrency]};
                out.row(join(row, f));
                if (mismatch && !ghost) {
                    count(known(account) ? "spend.currency_mismatch" : "spend.suspended");
                    if (!known(account)) {
                        spendTaken.add(f); // suspended before the currency is compared
                    }
                    continue;
                }
                spendTaken.add(f);
                if (ghost) {
                    count("spend.suspended");
                } else if (known(account)) {
                    balance[account] -= amount;
                    count("spend.posted");
                } else {
                    pending[account] -= mismatch ? 0 : amount;
                    count("spend.suspended");
                }
            }
        }
    }

    private String spendReject(StringBuilder row, String id, int kind) {
        String d = date.toString();
        String a = accountId(random.nextInt(accounts));
        return switch (kind) {
            case 0 -> id + "," + a + ",\"CMP-1\"x," + d + ",3,1.50,USD";    // MALFORMED_ROW: bad quoting
            case 1 -> id + "," + a + ",CMP-1," + d + ",3,1.50,USD,extra";   // MALFORMED_ROW: field count
            case 2 -> id + "," + a + ",," + d + ",3,1.50,USD";              // MISSING_FIELD
            case 3 -> id + "#," + a + ",CMP-1," + d + ",3,1.50,USD";        // BAD_ID
            case 4 -> id + "," + a + ",CMP-1,2026-02-30,3,1.50,USD";       // BAD_DATE
            case 5 -> id + "," + a + ",CMP-1," + date.plusDays(1) + ",3,1.50,USD"; // FUTURE_DATE
            case 6 -> id + "," + a + ",CMP-1," + d + ",3,1.50,usd";         // BAD_CURRENCY
            case 7 -> id + "," + a + ",CMP-1," + d + ",3,1.505,USD";        // BAD_AMOUNT: too many decimals
            case 8 -> id + "," + a + ",CMP-1," + d + ",3,0.00,USD";         // BAD_AMOUNT: not > 0
            default -> id + "," + a + ",CMP-1," + d + ",-3,1.50,USD";       // BAD_CLICKS
        };
    }

    // ---- payments ----

    private void writePayments(Path file) throws IOException {
        String day = FILE_DATE.format(date);
        try (CsvOut out = new CsvOut(file, "payment_id,account_id,type,amount,currency,channel,paid_date,original_payment_id", 3)) {
            StringBuilder row = new StringBuilder(120);
            for (long n = 1; n <= paymentRows; n++) {
                int p = random.nextInt(100_000);
                String id = ids.next("PAY", day, n, 8);
                if (p < 300) { // 0.3% rejects
                    out.row(paymentReject(row, id, (int) (n % 6)));
                    count("payments.rejected");
                    continue;
                }
                if (p < 400 && paymentsTaken.size() > 0) { // duplicates
                    String[] dup = paymentsTaken.pick(random).clone();
                    dup[3] = dropTrailingZero(dup[3]);
                    out.row(join(row, dup));
                    count("payments.duplicate");
                    continue;
                }
                if (p < 420 && paymentsTaken.size() > 0) { // conflicts: another channel
                    String[] f = paymentsTaken.pick(random).clone();
                    f[5] = "CORRECTED";
                    out.row(join(row, f));
                    count("payments.conflict");
                    continue;
                }
                boolean ghost = p < 470;
                boolean mismatch = p >= 470 && p < 500;
                int kind = random.nextInt(100); // 92% PAYMENT, 5% REFUND, 3% CHARGEBACK
                String type = kind < 92 ? "PAYMENT" : kind < 97 ? "REFUND" : "CHARGEBACK";
                int account;
                String original = "";
                long amount;
                int c;
                if (type.equals("CHARGEBACK") && !ghost && postedPayments.size() > 0 && random.nextInt(10) > 0) {
                    String[] orig = postedPayments.pick(random); // usually of a posted payment, same account
                    account = Integer.parseInt(orig[1].substring(3));
                    c = currency[account];
                    amount = parseMinor(orig[3], MINOR_DIGITS[c]);
                    original = orig[0];
                } else {
                    account = ghost ? -1 : random.nextInt(accounts);
                    c = ghost ? random.nextInt(4) : currency[account];
                    long cents = type.equals("PAYMENT") ? 500 + random.nextInt(14_500) : 100 + random.nextInt(3_000);
                    amount = cents * FACTOR_PERCENT[c] / 100 + 1;
                    if (type.equals("CHARGEBACK")) {
                        original = "PAY-LOST-" + n; // never posted: ORPHAN_CHARGEBACK
                    } else if (type.equals("REFUND") && random.nextBoolean() && postedPayments.size() > 0) {
                        original = postedPayments.pick(random)[0];
                    }
                }
                int rowCurrency = mismatch ? (c + 1 + random.nextInt(3)) % 4 : c;
                if (mismatch) {
                    amount = Math.max(1, amount * FACTOR_PERCENT[rowCurrency] / FACTOR_PERCENT[c]);
                }
                String channel = CHANNELS[random.nextInt(CHANNELS.length)];
                int r = random.nextInt(1000);
                if (r == 0) {
                    channel = "银行转账"; // UTF-8 free text
                } else if (r == 1) {
                    channel = "\"BANK, WIRE\""; // a quoted value with a comma
                }
                LocalDate paid = random.nextInt(100) < 97 ? date : date.minusDays(1 + random.nextInt(3));
                String accountId = ghost ? "GHOST" + pad(random.nextInt(5000), 5) : accountId(account);
                String[] f = {id, accountId, type, money(amount, MINOR_DIGITS[rowCurrency]), CURRENCIES[rowCurrency],
                        channel, paid.toString(), original};
                out.row(join(row, f));
                if (mismatch && !ghost && known(account)) {
                    count("payments.currency_mismatch");
                    continue;
                }
                paymentsTaken.add(f);
                if (ghost || !known(account)) {
                    if (!ghost && !mismatch) {
                        pending[account] += type.equals("PAYMENT") ? amount : -amount;
                    }
                    count("payments.suspended");
                    continue;
                }
                balance[account] += type.equals("PAYMENT") ? amount : -amount;
                if (type.equals("PAYMENT")) {
                    postedPayments.add(f);
                }
                count("payments.posted");
            }
        }
    }

    private String paymentReject(StringBuilder row, String id, int kind) {
        String d = date.toString();
        String a = accountId(random.nextInt(accounts));
        return switch (kind) {
            case 0 -> id + "," + a + ",REVERSAL,10.00,USD,CARD," + d + ",";     // BAD_TYPE
            case 1 -> id + "," + a + ",PAYMENT,10.00,USD,," + d + ",";          // MISSING_FIELD: channel
            case 2 -> id + "," + a + ",CHARGEBACK,10.00,USD,CARD," + d + ",";   // MISSING_FIELD: original
            case 3 -> id + "," + a + ",PAYMENT,1e3,USD,CARD," + d + ",";        // BAD_AMOUNT
            case 4 -> id + "," + a + ",PAYMENT,10.00,USD,CARD," + d;            // MALFORMED_ROW: field count
            default -> id + "," + a + ",PAYMENT,10.00,USD,CARD,26-11-2026,";    // BAD_DATE
        };
    }

    // ---- balances ----

    private void writeBalances(Path file) throws IOException {
        try (CsvOut out = new CsvOut(file, "account_id,balance,currency", 1)) {
            StringBuilder row = new StringBuilder(60);
            for (int i = 0; i < accounts; i++) {
                if (i % 1009 == 7) {
                    count("balances.missing"); // the platform forgot it: MISSING_IN_SNAPSHOT
                    continue;
                }
                long b = balance[i] + (i % 997 == 5 ? 1 : 0); // 0.1% disagree: BALANCE_MISMATCH
                String[] f = {accountId(i), money(b, MINOR_DIGITS[currency[i]]), CURRENCIES[currency[i]]};
                out.row(join(row, f));
                count(known(i) ? "balances.compared" : "balances.unknown");
            }
            for (int g = 0; g < Math.max(1, accounts / 10_000); g++) {
                String[] f = {"PLATFORM-ONLY-" + g, "12.00", "USD"}; // UNKNOWN_ACCOUNT
                out.row(join(row, f));
                count("balances.unknown");
            }
            out.row("ACC00000001,12.345,USD"); // BAD_AMOUNT
            count("balances.rejected");
        }
    }

    // ---- helpers ----

    private void count(String what) {
        counts.computeIfAbsent(what, k -> new long[1])[0]++;
    }

    String describeCounts() {
        return new java.util.TreeMap<>(counts).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()[0])
                .reduce((a, b) -> a + " " + b).orElse("");
    }

    static int currencyIndex(String code) {
        for (int i = 0; i < CURRENCIES.length; i++) {
            if (CURRENCIES[i].equals(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException(code);
    }

    static String pad(long value, int width) {
        String s = Long.toString(value);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** Minor units as a plain decimal with the currency's digits, e.g. 1234 -> 12.34, -5 -> -0.05. */
    static String money(long minor, int digits) {
        if (digits == 0) {
            return Long.toString(minor);
        }
        long abs = Math.abs(minor);
        long unit = digits == 2 ? 100 : (long) Math.pow(10, digits);
        return (minor < 0 ? "-" : "") + (abs / unit) + "." + pad(abs % unit, digits);
    }

    static long parseMinor(String amount, int digits) {
        java.math.BigDecimal v = new java.math.BigDecimal(amount);
        return v.movePointRight(digits).longValueExact();
    }

    /** "5.20" -> "5.2": the same number written differently, which must still count as identical. */
    static String dropTrailingZero(String amount) {
        return amount.indexOf('.') > 0 && amount.endsWith("0") ? amount.substring(0, amount.length() - 1) : amount;
    }

    private static String join(StringBuilder row, String[] f) {
        row.setLength(0);
        for (int i = 0; i < f.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(f[i]);
        }
        return row.toString();
    }

    /** A bounded ring of recent rows' fields. */
    static final class Ring {
        private final String[][] rows;
        private int next;
        private int size;

        Ring(int capacity) {
            rows = new String[capacity][];
        }

        void add(String[] row) {
            rows[next] = row;
            next = (next + 1) % rows.length;
            size = Math.min(size + 1, rows.length);
        }

        int size() {
            return size;
        }

        String[] pick(SplittableRandom random) {
            return rows[random.nextInt(size)];
        }
    }

    /**
     * A CSV file with a header, data rows and a trailer whose count and control total are computed as
     * SPEC 2 defines them: the amount column of the rows that are valid RFC 4180, have the header's
     * width and whose amount parses as a decimal.
     */
    static final class CsvOut implements AutoCloseable {
        private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");
        private final Writer out;
        private final int amountColumn;
        private final int width;
        private long rows;
        /** Control total in 1/10000 units (no generated amount has more than four decimals). */
        private long total;

        CsvOut(Path file, String header, int amountColumn) throws IOException {
            this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                    1 << 20);
            this.amountColumn = amountColumn;
            this.width = header.split(",").length;
            out.write(header);
            out.write('\n');
        }

        void row(String line) throws IOException {
            out.write(line);
            out.write('\n');
            rows++;
            if (amountColumn >= 0) {
                String amount = field(line, amountColumn, width);
                if (amount != null && DECIMAL.matcher(amount).matches()) {
                    total += new java.math.BigDecimal(amount).movePointRight(4).longValueExact();
                }
            }
        }

        /** Field {@code index} of an RFC 4180 line, or null when the line is malformed or not {@code width} wide. */
        static String field(String line, int index, int width) {
            java.util.List<String> fields = new java.util.ArrayList<>();
            StringBuilder f = new StringBuilder();
            int i = 0;
            int n = line.length();
            while (true) {
                f.setLength(0);
                if (i < n && line.charAt(i) == '"') {
                    i++;
                    while (true) {
                        if (i >= n) {
                            return null;
                        }
                        char ch = line.charAt(i++);
                        if (ch == '"') {
                            if (i < n && line.charAt(i) == '"') {
                                f.append('"');
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            f.append(ch);
                        }
                    }
                } else {
                    while (i < n && line.charAt(i) != ',') {
                        if (line.charAt(i) == '"') {
                            return null;
                        }
                        f.append(line.charAt(i++));
                    }
                }
                fields.add(f.toString());
                if (i == n) {
                    break;
                }
                if (line.charAt(i) != ',') {
                    return null;
                }
                i++;
            }
            return fields.size() == width ? fields.get(index) : null;
        }

        @Override
        public void close() throws IOException {
            out.write("TRAILER," + rows);
            if (amountColumn >= 0) {
                out.write("," + java.math.BigDecimal.valueOf(total, 4).toPlainString());
            }
            out.write('\n');
            out.close();
        }
    }
}
