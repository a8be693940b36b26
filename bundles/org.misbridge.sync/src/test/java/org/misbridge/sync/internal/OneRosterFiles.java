package org.misbridge.sync.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * OneRoster CSV sets written by hand in tests, with the headers of the 1.1 and 1.2 CSV bindings
 * (column order as the specifications list them), as a folder or a zip.
 */
final class OneRosterFiles {

    static final String USERS_11 = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
            + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password";
    static final String USERS_12 = "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,"
            + "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,"
            + "resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns";
    static final String ROLES_12 = "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,"
            + "orgSourcedId,userProfileSourcedId";
    static final String CLASSES = "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,"
            + "location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods";
    static final String ENROLLMENTS = "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,"
            + "role,primary,beginDate,endDate";
    static final String ORGS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId";

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    private OneRosterFiles() {
    }

    /** A 1.1 set whose manifest marks each given file bulk (or delta) and the rest absent. */
    static OneRosterFiles v11(String mode) {
        return new OneRosterFiles().manifest("1.1", mode);
    }

    static OneRosterFiles v12(String mode) {
        return new OneRosterFiles().manifest("1.2", mode);
    }

    private OneRosterFiles manifest(String version, String mode) {
        StringBuilder m = new StringBuilder("propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,")
                .append(version).append("\r\n");
        for (String file : new String[] {"academicSessions", "categories", "classes", "classResources", "courses",
            "courseResources", "demographics", "enrollments", "lineItems", "orgs", "resources", "results", "users"}) {
            boolean used = file.equals("classes") || file.equals("enrollments") || file.equals("orgs") || file.equals("users");
            m.append("file.").append(file).append(',').append(used ? mode : "absent").append("\r\n");
        }
        if (version.equals("1.2")) {
            m.append("file.roles,").append(mode).append("\r\n");
        }
        m.append("source.systemName,Hand written\r\nsource.systemCode,test\r\n");
        return text("manifest.csv", m.toString());
    }

    /** The manifest with {@code file.<file>} set to {@code mode}. */
    OneRosterFiles mode(String file, String mode) {
        String manifest = new String(files.get("manifest.csv"), StandardCharsets.UTF_8);
        return text("manifest.csv", manifest.replaceFirst("file\\." + file + ",[a-z]*\r\n", "file." + file + "," + mode + "\r\n"));
    }

    /** A file of header and rows, each row ending CRLF as the binding asks. */
    OneRosterFiles csv(String name, String header, String... rows) {
        StringBuilder s = new StringBuilder(header).append("\r\n");
        for (String row : rows) {
            s.append(row).append("\r\n");
        }
        return text(name, s.toString());
    }

    OneRosterFiles text(String name, String content) {
        return bytes(name, content.getBytes(StandardCharsets.UTF_8));
    }

    OneRosterFiles bytes(String name, byte[] content) {
        files.put(name, content);
        return this;
    }

    OneRosterFiles without(String name) {
        files.remove(name);
        return this;
    }

    Path folder(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(folder.resolve(f.getKey()), f.getValue());
        }
        return folder;
    }

    Path zip(Path zip) throws IOException {
        Files.createDirectories(zip.getParent());
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue());
                z.closeEntry();
            }
        }
        return zip;
    }
}
