package org.misbridge.itests;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** Reads and rewrites a generated OneRoster file the way an MIS export would change it. */
final class CsvRows {

    private CsvRows() {
    }

    /** The data rows, header excluded. */
    static List<String[]> read(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<String[]> rows = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setSkipHeaderRecord(false).build().parse(in)) {
                rows.add(r.values());
            }
            return rows.subList(1, rows.size());
        }
    }

    /** Adds one data row at the end. */
    static void append(Path csv, String... row) throws IOException {
        rewrite(csv, c -> c); // written again by the printer, so the last row ends its line
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
                CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            printer.printRecord((Object[]) row);
        }
    }

    /** Rewrites every data row through {@code change}; a null result drops the row. */
    static void rewrite(Path csv, UnaryOperator<String[]> change) throws IOException {
        List<String[]> all;
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            all = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.parse(in)) {
                all.add(r.values());
            }
        }
        Path tmp = csv.resolveSibling(csv.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            printer.printRecord((Object[]) all.get(0));
            for (String[] row : all.subList(1, all.size())) {
                String[] changed = change.apply(row);
                if (changed != null) {
                    printer.printRecord((Object[]) changed);
                }
            }
        }
        Files.move(tmp, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
