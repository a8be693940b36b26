package org.misbridge.mis.oneroster.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.spi.MisReadException;

/**
 * A set's manifest.csv: the OneRoster version and, per file, {@code bulk}, {@code delta} or
 * {@code absent}. A set without a manifest is read as a 1.1 bulk set.
 *
 * @param v12   OneRoster 1.2 rather than 1.1
 * @param modes {@code file.users → delta} and so on, keyed by lower-case file name ({@code users.csv})
 */
record Manifest(boolean v12, Map<String, String> modes) {

    private static final Set<String> MODES = Set.of("bulk", "delta", "absent");
    private static final Set<String> SNAPSHOT_FILES = Set.of("users.csv", "enrollments.csv", "classes.csv", "orgs.csv", "roles.csv");

    static Manifest read(CsvSource source) throws MisReadException, IOException {
        Reader reader = source.open(OneRosterCsvReader.MANIFEST);
        if (reader == null) {
            return new Manifest(false, Map.of());
        }
        String[] version = {null};
        Map<String, String> modes = new HashMap<>();
        CsvTable.read(OneRosterCsvReader.MANIFEST, reader, List.of("propertyName", "value"), row -> {
            String property = row.getOrEmpty("propertyName");
            String value = row.getOrEmpty("value");
            if ("oneroster.version".equalsIgnoreCase(property)) {
                version[0] = value;
            } else if (property.toLowerCase(Locale.ROOT).startsWith("file.")) {
                String mode = value.toLowerCase(Locale.ROOT);
                if (!MODES.contains(mode)) {
                    throw row.fail("value", property + " is '" + value + "'; expected bulk, delta or absent", null);
                }
                modes.put(property.substring(5).toLowerCase(Locale.ROOT) + ".csv", mode);
            }
        });
        if (version[0] == null || version[0].equals("1.1")) {
            return new Manifest(false, modes);
        }
        if (version[0].equals("1.2")) {
            return new Manifest(true, modes);
        }
        throw new MisReadException(OneRosterCsvReader.MANIFEST, "oneroster.version " + version[0]
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
