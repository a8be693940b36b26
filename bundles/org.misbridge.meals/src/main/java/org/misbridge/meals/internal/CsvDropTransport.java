package org.misbridge.meals.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.misbridge.api.directory.PendingEntry;

/**
 * Writes each batch as one CSV file in the drop folder: first to a hidden temp file, then renamed,
 * so the meal manager never picks up half a file. The file name carries the change ids it holds.
 */
final class CsvDropTransport implements MealsTransport {

    static final String[] HEADER = {"changeId", "memberId", "kind", "givenName", "familyName", "yearGroup",
        "registrationGroup", "status", "preAdmission", "admissionDate"};

    private final Path folder;

    CsvDropTransport(Path folder) {
        this.folder = folder;
    }

    @Override
    public String describe() {
        return "CSV files in " + folder;
    }

    @Override
    public void send(String schoolId, List<PendingEntry> batch) throws PushException {
        if (batch.isEmpty()) {
            return;
        }
        String name = schoolId + "-meals-" + batch.get(0).seq() + "-" + batch.get(batch.size() - 1).seq() + ".csv";
        Path tmp = folder.resolve("." + name + ".tmp");
        try {
            Files.createDirectories(folder);
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                    CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).build())) {
                for (PendingEntry e : batch) {
                    MealRecord r = MealsPolicy.read(e.entry().payload());
                    csv.printRecord(MealsTransport.changeId(schoolId, e), r.memberId(), r.kind(), r.givenName(),
                            r.familyName(), r.yearGroup(), r.registrationGroup(), r.status(), r.preAdmission(),
                            r.admissionDate());
                }
            }
            Files.move(tmp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the next attempt overwrites it
            }
            throw new PushException("writing " + name + " to " + folder + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
    }
}
