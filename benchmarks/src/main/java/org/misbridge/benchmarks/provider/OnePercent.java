package org.misbridge.benchmarks.provider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A day of MIS corrections: the family name of every hundredth student in a generated users.csv changes. */
public final class OnePercent {
    private OnePercent() {
    }

    /** Renames the students in place; returns their sourcedIds. */
    public static Set<String> rename(Path usersCsv) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(usersCsv, StandardCharsets.UTF_8));
        String[] header = lines.get(0).split(",", -1);
        int role = column(header, "role");
        int family = column(header, "familyName");
        Set<String> renamed = new LinkedHashSet<>();
        int students = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] cols = lines.get(i).split(",", -1); // the generator quotes nothing in these columns
            if ("student".equals(cols[role]) && students++ % 100 == 0) {
                cols[family] = cols[family] + "-Changed";
                lines.set(i, String.join(",", cols));
                renamed.add(cols[0]);
            }
        }
        Files.write(usersCsv, lines, StandardCharsets.UTF_8);
        return renamed;
    }

    private static int column(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("users.csv has no column " + name);
    }
}
