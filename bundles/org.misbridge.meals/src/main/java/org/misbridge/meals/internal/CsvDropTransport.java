package org.misbridge.meals.internal;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.misbridge.api.directory.PendingEntry;
import org.misbridge.api.files.SafeFiles;
import org.misbridge.api.files.SpreadsheetCells;

/**
 * Writes each batch as one CSV file in the drop folder through {@link SafeFiles} (an unpredictable
 * temp file never opened through a link, then renamed), so the meal manager never picks up half a
 * file and a link planted in the folder is never followed. The file name carries the change ids it
 * holds. Cells go out quoted by commons-csv and neutralised for spreadsheets ({@link SpreadsheetCells}):
 * people open drop folders in spreadsheets too.
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
        try {
            Path checked = SafeFiles.checkedFolder(folder, "meals.dropFolder", SafeFiles.karafConfigurationFolders());
            SafeFiles.replace(checked, name, out -> {
                try (Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                        CSVPrinter csv = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setHeader(HEADER).build())) {
                    for (PendingEntry e : batch) {
                        MealRecord r = MealsPolicy.read(e.entry().payload());
                        csv.printRecord(SpreadsheetCells.texts(MealsTransport.changeId(schoolId, e), r.memberId(), r.kind(),
                                r.givenName(), r.familyName(), r.yearGroup(), r.registrationGroup(), r.status(),
                                r.preAdmission(), r.admissionDate()));
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new PushException("writing " + name + " to " + folder + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
    }
}
