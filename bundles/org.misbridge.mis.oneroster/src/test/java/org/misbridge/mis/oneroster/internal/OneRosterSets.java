package org.misbridge.mis.oneroster.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test helpers: the shared real OneRoster sets, small generated sets and zips of them. */
final class OneRosterSets {

    static final String USERS_HEADER = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
            + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password";
    static final String ENROLLMENTS_HEADER = "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate";
    static final String CLASSES_HEADER = "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods";
    static final String ORGS_HEADER = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId";

    private OneRosterSets() {
    }

    static Clock clockAt(String date) {
        return Clock.fixed(Instant.parse(date + "T12:00:00Z"), ZoneOffset.UTC);
    }

    /** The shared data folder, or a skipped test when it is not there. */
    static Path sharedOneRoster(String set) {
        String property = System.getProperty("misbridge.shared.data");
        Path data = property != null && Files.isDirectory(Path.of(property)) ? Path.of(property) : Path.of("../../../shared/data");
        assumeTrue(Files.isDirectory(data.resolve("oneroster").resolve(set)), "shared data folder ../shared/data is absent");
        return data.resolve("oneroster").resolve(set);
    }

    /** A small valid set: one org, one class, whatever users and enrollments the test gives. */
    static Map<String, String> set(String users, String enrollments) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("manifest.csv", "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.1\r\n");
        files.put("orgs.csv", ORGS_HEADER + "\r\norg-1,,,Test School,school,,\r\n");
        files.put("classes.csv", CLASSES_HEADER + "\r\ncls-1,,,Maths 7A,,,,scheduled,,org-1,,,,\r\ncls-reg,,,7RG,,,,homeroom,,org-1,,,,\r\n");
        files.put("users.csv", USERS_HEADER + "\r\n" + users);
        files.put("enrollments.csv", ENROLLMENTS_HEADER + "\r\n" + enrollments);
        return files;
    }

    static Path write(Path folder, Map<String, String> files) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        return folder;
    }

    /** Zips the files of {@code folder} at the zip's root, or under {@code prefix}. */
    static Path zip(Path folder, Path zip, String prefix) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out);
                Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                zipOut.putNextEntry(new ZipEntry(prefix + file.getFileName()));
                zipOut.write(Files.readAllBytes(file));
                zipOut.closeEntry();
            }
        }
        return zip;
    }

    static Path zipOf(Path zip, List<Map.Entry<String, byte[]>> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries) {
                zipOut.putNextEntry(new ZipEntry(entry.getKey()));
                zipOut.write(entry.getValue());
                zipOut.closeEntry();
            }
        }
        return zip;
    }
}
