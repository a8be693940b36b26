package org.misbridge.mis.oneroster.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.ReadIssue;
import org.misbridge.api.spi.MisReadException;

/**
 * A set's manifest.csv: the OneRoster version and, per file, {@code bulk}, {@code delta} or
 * {@code absent}. A set without a manifest is read as a 1.1 bulk set. An entry for a file the
 * snapshot is made from must be right; one for a file it does not use only raises an issue.
 *
 * @param v12    OneRoster 1.2 rather than 1.1
 * @param modes  {@code file.users → delta} and so on, keyed by lower-case file name ({@code users.csv})
 * @param issues what was wrong with entries for files the snapshot does not use
 */
record Manifest(boolean v12, Map<String, String> modes, List<ReadIssue> issues) {

    private static final Set<String> MODES = Set.of("bulk", "delta", "absent");

    /** The files a snapshot is made from: their entries and their contents stay strict. */
    static final Set<String> SNAPSHOT_FILES = Set.of("users.csv", "enrollments.csv", "classes.csv", "orgs.csv", "roles.csv");

    static Manifest read(CsvSource source, Charset charset) throws MisReadException, IOException {
        InputStream in = source.open(OneRosterCsvReader.MANIFEST);
        if (in == null) {
            return new Manifest(false, Map.of(), List.of());
        }
        String[] version = {null};
        Map<String, String> modes = new HashMap<>();
        List<ReadIssue> issues = new ArrayList<>();
        CsvTable.read(OneRosterCsvReader.MANIFEST, in, charset, List.of("propertyName", "value"), row -> {
            String property = row.getOrEmpty("propertyName");
            String value = row.getOrEmpty("value");
            if ("oneroster.version".equalsIgnoreCase(property)) {
                version[0] = value;
            } else if (property.toLowerCase(Locale.ROOT).startsWith("file.")) {
                String file = property.substring(5).toLowerCase(Locale.ROOT) + ".csv";
                String mode = value.toLowerCase(Locale.ROOT);
                if (MODES.contains(mode)) {
                    modes.put(file, mode);
                    return;
                }
                String problem = MisReadException.shown(property, 60) + " is " + (value.isEmpty() ? "blank"
                        : MisReadException.quote(value)) + "; expected bulk, delta or absent";
                if (SNAPSHOT_FILES.contains(file)) {
                    throw row.fail("value", problem, null);
                }
                issues.add(UnusedFiles.issue(OneRosterCsvReader.MANIFEST, row.number(), "value", problem));
                modes.put(file, "absent"); // a file the snapshot does not use, named unusably: not read at all
            }
        });
        if (version[0] == null || version[0].equals("1.1")) {
            return new Manifest(false, modes, issues);
        }
        if (version[0].equals("1.2")) {
            return new Manifest(true, modes, issues);
        }
        throw new MisReadException(OneRosterCsvReader.MANIFEST, "oneroster.version " + MisReadException.shown(version[0], 60)
                + " is not supported; expected 1.1 or 1.2");
    }

    /** The manifest's word for {@code file}, or null when it does not mention it. */
    @Nullable String mode(String file) {
        return modes.get(file.toLowerCase(Locale.ROOT));
    }

    /** A delta set: one of the files the snapshot is made from is marked delta. */
    boolean delta() {
        return SNAPSHOT_FILES.stream().anyMatch(f -> "delta".equals(modes.get(f)));
    }
}
