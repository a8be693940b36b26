package org.misbridge.testkit;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Rewrites a OneRoster 1.1 bulk set as the same data in OneRoster 1.2: a user's role and orgs move
 * from users.csv to roles.csv (one row per user and org, the first org's role primary), users.csv
 * gains the 1.2 columns, and the manifest says 1.2. Everything else is copied as it is.
 */
public final class OneRoster12 {

    static final String[] USER_HEADER_12 = {"sourcedId", "status", "dateLastModified", "enabledUser", "username",
        "userIds", "givenName", "familyName", "middleName", "preferredFirstName", "preferredMiddleName",
        "preferredLastName", "pronouns", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password",
        "userMasterIdentifier", "resourceSourcedIds"};
    static final String[] ROLE_HEADER = {"sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role",
        "beginDate", "endDate", "orgSourcedId", "userProfileSourcedId"};

    private OneRoster12() {
    }

    public static void fromV11(Path v11, Path v12) throws IOException {
        Files.createDirectories(v12);
        try (Stream<Path> files = Files.list(v11)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.equals("users.csv") && !name.equals("manifest.csv")) {
                    Files.copy(f, v12.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        List<Map<String, String>> users = rows(v11.resolve("users.csv"));
        try (CSVPrinter out = printer(v12.resolve("users.csv"), USER_HEADER_12);
                CSVPrinter roles = printer(v12.resolve("roles.csv"), ROLE_HEADER)) {
            int roleSeq = 0;
            for (Map<String, String> u : users) {
                List<Object> row = new ArrayList<>();
                for (String column : USER_HEADER_12) {
                    row.add(switch (column) {
                        case "preferredFirstName", "preferredMiddleName", "preferredLastName", "pronouns",
                                "resourceSourcedIds" -> "";
                        case "userMasterIdentifier" -> u.getOrDefault("identifier", "");
                        default -> u.getOrDefault(column, "");
                    });
                }
                out.printRecord(row);
                String[] orgs = u.getOrDefault("orgSourcedIds", "").split(",");
                for (int i = 0; i < orgs.length; i++) {
                    if (!orgs[i].isBlank()) {
                        roles.printRecord("role-" + (++roleSeq), "", "", u.get("sourcedId"), i == 0 ? "primary" : "secondary",
                                u.get("role"), "", "", orgs[i].strip(), "");
                    }
                }
            }
        }
        List<Map<String, String>> manifest = rows(v11.resolve("manifest.csv"));
        try (CSVPrinter out = printer(v12.resolve("manifest.csv"), new String[] {"propertyName", "value"})) {
            for (Map<String, String> p : manifest) {
                String key = p.get("propertyName");
                out.printRecord(key, key.equals("oneroster.version") ? "1.2" : key.equals("file.roles") ? "bulk" : p.get("value"));
            }
            if (manifest.stream().noneMatch(p -> "file.roles".equals(p.get("propertyName")))) {
                out.printRecord("file.roles", "bulk");
            }
        }
    }

    private static List<Map<String, String>> rows(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<Map<String, String>> out = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                out.add(new LinkedHashMap<>(r.toMap()));
            }
            return out;
        }
    }

    private static CSVPrinter printer(Path file, String[] header) throws IOException {
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator("\r\n").build());
    }
}
