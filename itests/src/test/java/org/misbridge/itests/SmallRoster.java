package org.misbridge.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A small OneRoster 1.1 bulk set written by hand from the specification's CSV binding: one school,
 * one registration class, and pupils each with two parents listed in the pupil's
 * {@code agentSourcedIds} in priority order (mum first). Ids are {@code <org>-stu-N},
 * {@code <org>-mum-N} and {@code <org>-dad-N}.
 */
final class SmallRoster {

    private static final String USERS_HEADER = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,"
            + "userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password";

    private final Path folder;
    private final String org;

    SmallRoster(Path folder, String org) {
        this.folder = folder;
        this.org = org;
    }

    Path folder() {
        return folder;
    }

    String student(int n) {
        return org + "-stu-" + n;
    }

    String mum(int n) {
        return org + "-mum-" + n;
    }

    String dad(int n) {
        return org + "-dad-" + n;
    }

    /** Writes the whole set with pupils 1 to {@code pupils}. */
    SmallRoster write(int pupils) throws IOException {
        Files.createDirectories(folder);
        put("manifest.csv", List.of("propertyName,value", "manifest.version,1.0", "oneroster.version,1.1",
                "file.academicSessions,bulk", "file.categories,absent", "file.classes,bulk", "file.classResources,absent",
                "file.courseResources,absent", "file.courses,absent", "file.demographics,absent", "file.enrollments,bulk",
                "file.lineItems,absent", "file.orgs,bulk", "file.resources,absent", "file.results,absent", "file.users,bulk",
                "source.systemName,hand-written", "source.systemCode,itest"));
        put("orgs.csv", List.of("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
                org + ",,,Small School " + org + ",school,,"));
        put("academicSessions.csv", List.of("sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
                org + "-as,,,2020/2099,schoolYear,2020-09-01,2099-07-31,,2099"));
        put("classes.csv", List.of("sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,"
                + "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods",
                org + "-cls-7A,,,7A,07,,7A,homeroom,Room 1," + org + "," + org + "-as,,,"));
        writeUsers(pupils);
        List<String> enrollments = new ArrayList<>();
        enrollments.add("sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate");
        for (int n = 1; n <= pupils; n++) {
            enrollments.add(org + "-enr-" + n + ",,," + org + "-cls-7A," + org + "," + student(n) + ",student,false,2020-09-01,2099-07-31");
        }
        put("enrollments.csv", enrollments);
        return this;
    }

    /** Rewrites users.csv as an MIS export listing only the pupils {@code from} to {@code to} (and their parents). */
    void listOnly(int from, int to) throws IOException {
        List<String> users = new ArrayList<>();
        users.add(USERS_HEADER);
        for (int n = from; n <= to; n++) {
            users.addAll(family(n));
        }
        put("users.csv", users);
    }

    private void writeUsers(int pupils) throws IOException {
        listOnly(1, pupils);
    }

    private List<String> family(int n) {
        String mobile = String.format("07700 9%05d", n * 2);
        String mobile2 = String.format("07700 9%05d", n * 2 + 1);
        return List.of(
                student(n) + ",,,TRUE," + org + ",student,pupil" + n + ",,Pupil,Number" + n + ",,,,,,\"" + mum(n) + "," + dad(n)
                        + "\",07,",
                mum(n) + ",,,TRUE," + org + ",parent,mum" + n + ",,Mum,Number" + n + ",,,mum" + n + "@example.org," + mobile + ",,"
                        + student(n) + ",,",
                dad(n) + ",,,TRUE," + org + ",parent,dad" + n + ",,Dad,Number" + n + ",,,dad" + n + "@example.org," + mobile2 + ",,"
                        + student(n) + ",,");
    }

    /** Each file written beside and moved into place whole, as an export job would. */
    private void put(String name, List<String> lines) throws IOException {
        Path tmp = folder.resolve(name + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
