package org.misbridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * A Wonde API ({@code /v1.0/schools/{id}/...}) on 127.0.0.1 for tests and demos. It serves a
 * {@link School} in the JSON shape Wonde documents: records in {@code data}, includes wrapped as
 * {@code {"data": ...}}, dates as {@code {"date": "yyyy-MM-dd HH:mm:ss.000000", ...}}, and pages
 * chained by {@code meta.pagination.next} links that keep the request's parameters. Only requests
 * with the school's token (Bearer, or Basic with the token as user) are answered.
 *
 * <p>Replacing the school with {@link #school(School)} stamps each record whose JSON changed with
 * the current time (a group's or class's own fields and its members' ids, not the names its
 * includes carry) and lists the ids that vanished under {@code deletions}, so {@code updated_after}
 * reads see exactly what changed; the first school's records count as last updated in 2020.
 *
 * <p>Fault switches: the next requests answer 429 (with {@code Retry-After}), 500, or slowly; next
 * links can be made to expire (answering a chosen 4xx) or to point at another origin; a collection
 * can be denied (403 or 404, as when a school does not share it); and the token can be changed.
 */
public final class FakeWonde implements AutoCloseable {

    /** Wonde's email slots for one person; any may be null. */
    public record Emails(@Nullable String email, @Nullable String primary, @Nullable String home, @Nullable String work) {
        public static Emails none() {
            return new Emails(null, null, null, null);
        }

        /** One address in the home slot, which is also the main one. */
        public static Emails home(String address) {
            return new Emails(address, address, address, null);
        }
    }

    /** Wonde's telephone slots for one person; any may be null. */
    public record Phones(@Nullable String phone, @Nullable String primary, @Nullable String mobile, @Nullable String home,
            @Nullable String work) {
        public static Phones none() {
            return new Phones(null, null, null, null, null);
        }

        /** One number in the mobile slot, which is also the main one. */
        public static Phones mobile(String number) {
            return new Phones(number, number, number, null, null);
        }
    }

    /** A parent or carer (a Wonde contact). */
    public record Carer(String id, String forename, String surname, Emails emails, Phones phones) {
        public Carer {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(emails, "emails");
            Objects.requireNonNull(phones, "phones");
        }
    }

    /** How a carer relates to one pupil: Wonde's {@code relationship} object; null fields are sent as null. */
    public record CarerLink(String carerId, @Nullable String relationship, @Nullable Integer priority,
            @Nullable Boolean parentalResponsibility) {
        public CarerLink {
            Objects.requireNonNull(carerId, "carerId");
        }
    }

    /** Which collection a pupil is served from. */
    public enum Roll {
        /** {@code students} */
        ON_ROLL,
        /** {@code students-pre-admission} */
        PRE_ADMISSION,
        /** {@code students-leaver} */
        LEAVER
    }

    /**
     * A pupil. Year, registration group and classes are not fields: they come from the
     * {@link Grouping}s that list the pupil.
     */
    public record Pupil(String id, String misId, @Nullable String upn, @Nullable String forename, @Nullable String surname,
            @Nullable String legalForename, @Nullable String legalSurname, Roll roll, @Nullable LocalDate admissionDate,
            @Nullable LocalDate leavingDate, List<CarerLink> carers) {
        public Pupil {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(roll, "roll");
            carers = List.copyOf(carers);
        }
    }

    /** A member of staff (a Wonde employee). */
    public record Employee(String id, String forename, String surname, Emails emails, Phones phones,
            @Nullable LocalDate leavingDate) {
        public Employee {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(emails, "emails");
            Objects.requireNonNull(phones, "phones");
        }
    }

    /**
     * A group ({@code type} YEAR, REGISTRATION, HOUSE, ...) served from {@code groups}, or a class
     * ({@code type} CLASS) served from {@code classes}; members are pupil and employee ids.
     */
    public record Grouping(String id, String name, String type, List<String> memberIds) {
        public static final String CLASS = "CLASS";

        public Grouping {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            memberIds = List.copyOf(memberIds);
        }

        public boolean isClass() {
            return CLASS.equals(type);
        }
    }

    /** One school as Wonde holds it. */
    public record School(String wondeId, List<Pupil> pupils, List<Carer> carers, List<Employee> employees,
            List<Grouping> groups) {
        public School {
            Objects.requireNonNull(wondeId, "wondeId");
            pupils = List.copyOf(pupils);
            carers = List.copyOf(carers);
            employees = List.copyOf(employees);
            groups = List.copyOf(groups);
        }

        public @Nullable Carer carer(String id) {
            return carers.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
        }

        public @Nullable Pupil pupil(String id) {
            return pupils.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
        }

        /**
         * A small school that covers the awkward cases: siblings sharing contacts at different
         * priorities, priorities 1/2/3 with and without parental responsibility, a contact without a
         * priority and one repeating another's, an unknown responsibility, a landline-only contact,
         * addresses only in untyped slots, a pupil known only by a legal forename, a pupil on roll
         * with a planned leaving date, a pre-admission, a leaver, and a house group.
         */
        public static School sample() {
            List<Carer> carers = List.of(
                    new Carer("C1", "Ann", "Lee", Emails.home("ann.lee@example.org"), Phones.mobile("07700900001")),
                    new Carer("C2", "Ben", "Lee", new Emails("ben.lee@example.org", "ben.lee@example.org", null,
                            "ben@work.example.com"), new Phones("07700 900002", "07700 900002", "07700 900002", null,
                            "01632960002")),
                    new Carer("C3", "Cath", "Jones", new Emails("cath@example.org", null, null, null),
                            new Phones(null, null, null, "01632960003", null)),
                    new Carer("C4", "Zara", "Khan", new Emails(null, null, "zara@example.org", null),
                            Phones.mobile("07700900004")),
                    new Carer("C5", "Omar", "Khan", Emails.none(), Phones.mobile("07700900005")),
                    new Carer("C6", "Rose", "Shaw", Emails.none(), new Phones("01632960006", "01632960006", null,
                            "01632960006", null)),
                    new Carer("C7", "Tim", "Shaw", Emails.home("tim.shaw@example.org"), Phones.none()),
                    new Carer("C8", "Pat", "Reed", Emails.home("pat.reed@example.org"), Phones.mobile("07700900008")),
                    new Carer("C9", "Kim", "Gale", Emails.home("kim.gale@example.org"), Phones.mobile("07700900009")));
            List<Pupil> pupils = List.of(
                    new Pupil("P1", "1001", "A123456789012", "Sam", "Lee", "Samuel", "Lee", Roll.ON_ROLL,
                            LocalDate.of(2025, 9, 1), null, List.of(
                                    new CarerLink("C1", "Mother", 1, true),
                                    new CarerLink("C2", "Father", 2, true),
                                    new CarerLink("C3", "Grandmother", 3, false))),
                    new Pupil("P2", "1002", "B123456789013", "Mia", "Lee", "Mia", "Lee", Roll.ON_ROLL,
                            LocalDate.of(2024, 9, 1), null, List.of(
                                    new CarerLink("C2", "Father", 1, true),
                                    new CarerLink("C1", "Mother", 2, true))),
                    new Pupil("P3", "1003", null, null, "Khan", "Noah", "Khan", Roll.ON_ROLL,
                            LocalDate.of(2025, 9, 1), null, List.of(
                                    new CarerLink("C4", "Carer", null, null),
                                    new CarerLink("C5", "Father", 1, false))),
                    new Pupil("P4", "1004", "C123456789014", "Ivy", "Shaw", "Ivy", "Shaw", Roll.ON_ROLL,
                            LocalDate.of(2024, 9, 1), null, List.of(
                                    new CarerLink("C6", "Mother", 1, true),
                                    new CarerLink("C7", "Step-father", 1, false))),
                    new Pupil("P5", "1005", null, "Leo", "Reed", "Leo", "Reed", Roll.PRE_ADMISSION,
                            LocalDate.of(2027, 9, 1), null, List.of(new CarerLink("C8", "Mother", 1, true))),
                    new Pupil("P6", "1006", "D123456789015", "Eve", "Gale", "Eve", "Gale", Roll.LEAVER,
                            LocalDate.of(2021, 9, 1), LocalDate.of(2026, 7, 20), List.of(new CarerLink("C9", "Mother", 1, true))),
                    new Pupil("P7", "1007", "E123456789016", "Tom", "Gale", "Thomas", "Gale", Roll.ON_ROLL,
                            LocalDate.of(2024, 9, 1), LocalDate.of(2026, 12, 18), List.of(new CarerLink("C9", "Mother", 1, true))));
            List<Employee> employees = List.of(
                    new Employee("E1", "Jane", "Smith", new Emails("jane@home.example.org", "j.smith@school.example.org",
                            "jane@home.example.org", "j.smith@school.example.org"), Phones.mobile("07700900100"), null),
                    new Employee("E2", "Raj", "Patel", new Emails("r.patel@school.example.org", null, null, null),
                            Phones.none(), LocalDate.of(2026, 12, 31)));
            List<Grouping> groups = List.of(
                    new Grouping("G-Y7", "Year 7", "YEAR", List.of("P1", "P3")),
                    new Grouping("G-Y8", "Year 8", "YEAR", List.of("P2", "P4", "P7")),
                    new Grouping("G-7A", "7A", "REGISTRATION", List.of("P1", "P3")),
                    new Grouping("G-8B", "8B", "REGISTRATION", List.of("P2", "P4", "P7")),
                    new Grouping("G-RED", "Red House", "HOUSE", List.of("P1", "P2", "E2")),
                    new Grouping("K-7MA", "7A/Ma1", Grouping.CLASS, List.of("P1", "P3", "E1")),
                    new Grouping("K-8EN", "8B/En1", Grouping.CLASS, List.of("P2", "P4", "E2")));
            return new School("A1930499544", pupils, carers, employees, groups);
        }

        /**
         * The school {@link SchoolGenerator} wrote as OneRoster CSV in {@code folder}, as Wonde would
         * serve it: a student whose enrollments all begin after {@code today} is a pre-admission,
         * one whose enrollments all ended a leaver; contacts keep the order of
         * {@code agentSourcedIds} as their priority, with parental responsibility for priorities 1
         * and 2 only; homerooms become registration groups, scheduled classes classes, and grades
         * year groups. Every fourth contact's email is only in the untyped slot.
         */
        public static School fromOneRoster(String wondeId, Path folder, LocalDate today) throws IOException {
            Map<String, CSVRecord> users = new LinkedHashMap<>();
            readCsv(folder.resolve("users.csv"), r -> users.put(r.get("sourcedId"), r));
            Map<String, CSVRecord> classes = new LinkedHashMap<>();
            readCsv(folder.resolve("classes.csv"), r -> classes.put(r.get("sourcedId"), r));
            Map<String, List<CSVRecord>> enrollmentsByUser = new HashMap<>();
            Map<String, List<String>> membersByClass = new LinkedHashMap<>();
            readCsv(folder.resolve("enrollments.csv"), r -> {
                enrollmentsByUser.computeIfAbsent(r.get("userSourcedId"), k -> new ArrayList<>()).add(r);
                membersByClass.computeIfAbsent(r.get("classSourcedId"), k -> new ArrayList<>()).add(r.get("userSourcedId"));
            });

            List<Carer> carers = new ArrayList<>();
            List<Employee> employees = new ArrayList<>();
            List<Pupil> pupils = new ArrayList<>();
            Map<String, List<String>> years = new LinkedHashMap<>();
            int carerSerial = 0;
            for (CSVRecord user : users.values()) {
                String id = user.get("sourcedId");
                switch (user.get("role")) {
                    case "parent", "guardian" -> {
                        String email = blankToNull(user.get("email"));
                        Emails emails = email == null ? Emails.none()
                                : carerSerial++ % 4 == 3 ? new Emails(email, null, null, null) : Emails.home(email);
                        String sms = blankToNull(user.get("sms"));
                        String phone = blankToNull(user.get("phone"));
                        carers.add(new Carer(id, user.get("givenName"), user.get("familyName"), emails,
                                new Phones(sms != null ? sms : phone, sms, sms, phone, null)));
                    }
                    case "teacher" -> employees.add(new Employee(id, user.get("givenName"), user.get("familyName"),
                            new Emails(null, null, null, blankToNull(user.get("email"))),
                            new Phones(null, null, blankToNull(user.get("sms")), null, null), null));
                    case "student" -> {
                        pupils.add(pupil(user, users, enrollmentsByUser.getOrDefault(id, List.of()), today));
                        String grade = user.get("grades").replaceFirst("^0+(?=\\d)", "");
                        years.computeIfAbsent(grade, k -> new ArrayList<>()).add(id);
                    }
                    default -> {
                    }
                }
            }
            List<Grouping> groups = new ArrayList<>();
            years.forEach((year, ids) -> groups.add(new Grouping(wondeId + "-year-" + year, "Year " + year, "YEAR", ids)));
            for (CSVRecord cls : classes.values()) {
                String id = cls.get("sourcedId");
                String type = "homeroom".equals(cls.get("classType")) ? "REGISTRATION" : Grouping.CLASS;
                groups.add(new Grouping(id, cls.get("title"), type, membersByClass.getOrDefault(id, List.of())));
            }
            return new School(wondeId, pupils, carers, employees, groups);
        }

        private static Pupil pupil(CSVRecord user, Map<String, CSVRecord> users, List<CSVRecord> enrollments, LocalDate today) {
            LocalDate begin = null;
            LocalDate end = null;
            boolean allFuture = !enrollments.isEmpty();
            boolean allEnded = !enrollments.isEmpty();
            for (CSVRecord e : enrollments) {
                LocalDate b = LocalDate.parse(e.get("beginDate"));
                LocalDate en = LocalDate.parse(e.get("endDate"));
                begin = begin == null || b.isBefore(begin) ? b : begin;
                end = end == null || en.isAfter(end) ? en : end;
                allFuture &= b.isAfter(today);
                allEnded &= en.isBefore(today);
            }
            Roll roll = allFuture ? Roll.PRE_ADMISSION : allEnded ? Roll.LEAVER : Roll.ON_ROLL;
            List<CarerLink> links = new ArrayList<>();
            String agents = user.get("agentSourcedIds");
            int priority = 0;
            for (String agent : agents.isBlank() ? new String[0] : agents.split(",")) {
                CSVRecord carer = users.get(agent.strip());
                if (carer == null) {
                    continue;
                }
                priority++;
                String role = carer.get("role");
                links.add(new CarerLink(agent.strip(), Character.toUpperCase(role.charAt(0)) + role.substring(1),
                        priority, priority <= 2));
            }
            String id = user.get("sourcedId");
            return new Pupil(id, id.substring(id.lastIndexOf('-') + 1), blankToNull(user.get("identifier")),
                    user.get("givenName"), user.get("familyName"), user.get("givenName"), user.get("familyName"), roll,
                    begin, roll == Roll.LEAVER ? end : null, links);
        }

        private interface RowHandler {
            void accept(CSVRecord row);
        }

        private static void readCsv(Path file, RowHandler handler) throws IOException {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
                for (CSVRecord row : parser) {
                    handler.accept(row);
                }
            }
        }

        private static @Nullable String blankToNull(@Nullable String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    /** How the next requests misbehave, in order. */
    public enum Fault {
        /** Answer 429 with {@code Retry-After} (see {@link #retryAfterSeconds(int)}). */
        RATE_LIMIT_429,
        /** Answer 500. */
        ERROR_500,
        /** Answer normally after {@link #slowMillis(long)}. */
        SLOW
    }

    /** What Wonde's {@code deletions} lists: a record removed at a time. */
    private record Deletion(String id, String type, Instant at) {
    }

    /** The school with what {@code updated_after} and {@code deletions} need; replaced whole. */
    private record State(School school, Index index, Map<String, Instant> updatedAt, Map<String, String> renderedAs,
            List<Deletion> deletions) {
    }

    /**
     * Lookups over one school, made once per state: each person by id (the first with it) and each
     * pupil's groups in the school's order. Found by walks, a school of 100,000 pupils took minutes to
     * serve, and made for each answer they were most of a delta's time (the fake, not the reader under test).
     */
    private record Index(Map<String, Pupil> pupils, Map<String, Carer> carers, Map<String, Employee> employees,
            Map<String, List<Grouping>> groupsOf) {
        static Index of(School school) {
            Map<String, Pupil> pupils = new HashMap<>();
            school.pupils().forEach(p -> pupils.putIfAbsent(p.id(), p));
            Map<String, Carer> carers = new HashMap<>();
            school.carers().forEach(c -> carers.putIfAbsent(c.id(), c));
            Map<String, Employee> employees = new HashMap<>();
            school.employees().forEach(e -> employees.putIfAbsent(e.id(), e));
            Map<String, List<Grouping>> groupsOf = new HashMap<>();
            for (Grouping g : school.groups()) {
                for (String member : new LinkedHashSet<>(g.memberIds())) {
                    groupsOf.computeIfAbsent(member, k -> new ArrayList<>()).add(g);
                }
            }
            return new Index(pupils, carers, employees, groupsOf);
        }
    }

    /** The time the first school's records count as last updated. */
    public static final Instant FIRST_UPDATED = Instant.parse("2020-01-01T00:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter WONDE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final DateTimeFormatter UPDATED_AFTER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final List<String> ENDPOINTS = List.of("students", "students-pre-admission", "students-leaver",
            "contacts", "employees", "groups", "classes", "deletions");
    private static final int DEFAULT_PER_PAGE = 50;
    private static final int MAX_PER_PAGE = 1000;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-wonde");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Map<String, Integer> denied = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile State state;
    // each endpoint's records as rendered for the state they were rendered from, so that its pages are cut
    // from one rendering rather than each page rendering the whole school again
    private final Map<String, List<ObjectNode>> rendered = new ConcurrentHashMap<>();
    private volatile @Nullable State renderedFor;
    private volatile String token;
    private volatile long slowMillis = 3000;
    private volatile int retryAfterSeconds = 1;
    private volatile int expiredCursorStatus;
    private volatile @Nullable URI nextLinkOrigin;

    private FakeWonde(HttpServer server, School school, String token) {
        this.server = server;
        this.token = token;
        this.state = stamp(null, school, FIRST_UPDATED);
    }

    /** Starts on a free port of 127.0.0.1, serving {@code school} to requests carrying {@code token}. */
    public static FakeWonde start(School school, String token) throws IOException {
        Objects.requireNonNull(school, "school");
        Objects.requireNonNull(token, "token");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeWonde fake = new FakeWonde(server, school, token);
        server.createContext("/v1.0/schools/", fake::handle);
        server.createContext("/control", fake::control);
        server.setExecutor(fake.executor);
        server.start();
        return fake;
    }

    /** {@code http://127.0.0.1:port}: what a reader's {@code wonde.baseUrl} is set to. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public School school() {
        return state.school();
    }

    /**
     * Replaces the school: records whose JSON changed are stamped as updated now, ids that are gone
     * (from all three student collections, for pupils) are listed under {@code deletions}.
     */
    public synchronized void school(School next) {
        state = stamp(state, Objects.requireNonNull(next, "next"), Instant.now());
    }

    /** Requests must carry this token from now on (the old one is then "wrong"). */
    public void token(String required) {
        this.token = Objects.requireNonNull(required, "required");
    }

    /** The next requests misbehave in this order, then all is well again. */
    public synchronized void failNext(Fault... next) {
        faults.addAll(Arrays.asList(next));
    }

    public void slowMillis(long millis) {
        this.slowMillis = millis;
    }

    public void retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
    }

    /** Every next link (page 2 on) answers {@code status} from now on, as a cursor that expired would; 0 heals. */
    public void expireCursors(int status) {
        this.expiredCursorStatus = status;
    }

    /** Next links point at {@code origin} (scheme://host:port) instead of this server; null heals. */
    public void nextLinkOrigin(@Nullable URI origin) {
        this.nextLinkOrigin = origin;
    }

    /** The collection (e.g. {@code students-pre-admission}) answers {@code status}; 0 shares it again. */
    public void deny(String endpoint, int status) {
        if (status == 0) {
            denied.remove(endpoint);
        } else {
            denied.put(endpoint, status);
        }
    }

    /** Every request answered so far, as {@code path?query} (decoded), oldest first. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** {@code http://127.0.0.1:port/control}: see {@link #control}. */
    public URI controlUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/control");
    }

    /**
     * {@code GET /control?rename=<pupil id>/<surname>} gives a pupil a new surname (and legal surname),
     * stamped updated now, for tests that run in another JVM (a Karaf container) than the one holding
     * this object; every answer counts the requests so far and those that asked {@code updated_after}.
     */
    private void control(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rename = params(Objects.requireNonNullElse(exchange.getRequestURI().getRawQuery(), "")).get("rename");
            if (rename != null) {
                String[] parts = rename.split("/", 2);
                Pupil p = parts.length == 2 ? school().pupil(parts[0]) : null;
                if (p == null) {
                    error(exchange, 400, "rename is <known pupil id>/<surname>");
                    return;
                }
                List<Pupil> pupils = new ArrayList<>(school().pupils());
                pupils.replaceAll(q -> q != p ? q : new Pupil(p.id(), p.misId(), p.upn(), p.forename(), parts[1],
                        p.legalForename(), parts[1], p.roll(), p.admissionDate(), p.leavingDate(), p.carers()));
                School before = school();
                school(new School(before.wondeId(), pupils, before.carers(), before.employees(), before.groups()));
            }
            long deltas = requests.stream().filter(r -> r.contains("updated_after=")).count();
            JsonAnswers.send(exchange, 200, "{\"requests\":" + requests.size() + ",\"deltaRequests\":" + deltas + "}");
        }
    }

    private synchronized @Nullable Fault nextFault() {
        return faults.poll();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            requests.add(uri.getPath() + (query.isEmpty() ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8)));
            if (!"GET".equals(exchange.getRequestMethod())) {
                error(exchange, 405, "method not allowed");
                return;
            }
            if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "Unauthenticated.");
                return;
            }
            Fault fault = nextFault();
            if (fault == Fault.RATE_LIMIT_429) {
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                error(exchange, 429, "Too Many Attempts.");
                return;
            }
            if (fault == Fault.ERROR_500) {
                error(exchange, 500, "Server Error");
                return;
            }
            if (fault == Fault.SLOW) {
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            State current = state;
            String prefix = "/v1.0/schools/" + current.school().wondeId() + "/";
            String path = uri.getPath();
            if (!path.startsWith(prefix)) {
                error(exchange, 404, "school not found or not approved");
                return;
            }
            String endpoint = path.substring(prefix.length()).replaceAll("/+$", "");
            if (!ENDPOINTS.contains(endpoint)) {
                error(exchange, 404, "not found");
                return;
            }
            Integer deny = denied.get(endpoint);
            if (deny != null) {
                error(exchange, deny, deny == 403 ? "This action is unauthorized." : "not found");
                return;
            }
            Map<String, String> params = params(query);
            int page;
            int perPage;
            Instant after;
            try {
                page = Integer.parseInt(params.getOrDefault("page", "1"));
                perPage = Math.min(MAX_PER_PAGE, Integer.parseInt(params.getOrDefault("per_page", "" + DEFAULT_PER_PAGE)));
                String updatedAfter = params.get("updated_after");
                after = updatedAfter == null ? null
                        : LocalDateTime.parse(updatedAfter, UPDATED_AFTER).toInstant(ZoneOffset.UTC);
            } catch (NumberFormatException | DateTimeParseException e) {
                error(exchange, 422, "The given data was invalid.");
                return;
            }
            if (page < 1 || perPage < 1) {
                error(exchange, 422, "The given data was invalid.");
                return;
            }
            if (page > 1 && expiredCursorStatus != 0) {
                error(exchange, expiredCursorStatus, "The pagination cursor has expired; start again from the first page.");
                return;
            }
            Set<String> includes = new HashSet<>(Arrays.asList(params.getOrDefault("include", "").split(",")));
            List<ObjectNode> records = rendered(current, endpoint, includes, after);
            int from = Math.min(records.size(), (page - 1) * perPage);
            int to = Math.min(records.size(), from + perPage);
            ObjectNode body = JSON.createObjectNode();
            ArrayNode data = body.putArray("data");
            records.subList(from, to).forEach(data::add);
            ObjectNode pagination = body.putObject("meta").putObject("pagination");
            boolean more = to < records.size();
            pagination.put("next", more ? link(path, params, page + 1) : null);
            pagination.put("previous", page > 1 ? link(path, params, page - 1) : null);
            pagination.put("more", more);
            pagination.put("per_page", perPage);
            pagination.put("current_page", page);
            JsonAnswers.send(exchange, 200, JSON.writeValueAsString(body));
        }
    }

    private boolean authorised(@Nullable String header) {
        if (header == null) {
            return false;
        }
        if (header.equals("Bearer " + token)) {
            return true;
        }
        if (header.startsWith("Basic ")) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                return pair.equals(token + ":");
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    private String link(String path, Map<String, String> params, int page) {
        URI origin = nextLinkOrigin != null ? nextLinkOrigin : baseUrl();
        Map<String, String> next = new LinkedHashMap<>(params);
        next.put("page", Integer.toString(page));
        StringBuilder query = new StringBuilder();
        next.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return origin.getScheme() + "://" + origin.getRawAuthority() + path + "?" + query;
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    /** As {@link #records}, rendered once for each state, endpoint, includes and time. */
    private List<ObjectNode> rendered(State current, String endpoint, Set<String> includes, @Nullable Instant after) {
        synchronized (rendered) {
            if (renderedFor != current) {
                rendered.clear();
                renderedFor = current;
            }
        }
        String key = endpoint + "|" + new TreeSet<>(includes) + "|" + after;
        List<ObjectNode> records = rendered.get(key);
        if (records == null) {
            records = records(current, endpoint, includes, after);
            synchronized (rendered) {
                if (renderedFor == current) {
                    rendered.put(key, records);
                }
            }
        }
        return records;
    }

    /** The endpoint's records changed on or after {@code after} (all when null), rendered with the includes asked for. */
    private static List<ObjectNode> records(State state, String endpoint, Set<String> includes, @Nullable Instant after) {
        School school = state.school();
        Predicate<String> changed = key -> after == null || !state.updatedAt().getOrDefault(key, FIRST_UPDATED).isBefore(after);
        List<ObjectNode> out = new ArrayList<>();
        Index index = state.index();
        switch (endpoint) {
            case "students", "students-pre-admission", "students-leaver" -> {
                Roll roll = endpoint.equals("students") ? Roll.ON_ROLL
                        : endpoint.equals("students-leaver") ? Roll.LEAVER : Roll.PRE_ADMISSION;
                for (Pupil pupil : school.pupils()) {
                    if (pupil.roll() == roll && changed.test(endpoint + "/" + pupil.id())) {
                        out.add(student(index, pupil, includes));
                    }
                }
            }
            case "contacts" -> school.carers().stream().filter(c -> changed.test("contacts/" + c.id()))
                    .forEach(c -> out.add(contact(c, includes.contains("contact_details"))));
            case "employees" -> school.employees().stream().filter(e -> changed.test("employees/" + e.id()))
                    .forEach(e -> out.add(employee(e, includes)));
            case "groups", "classes" -> {
                boolean classes = endpoint.equals("classes");
                for (Grouping group : school.groups()) {
                    if (group.isClass() == classes && changed.test(endpoint + "/" + group.id())) {
                        out.add(group(index, group, includes));
                    }
                }
            }
            case "deletions" -> {
                for (Deletion d : state.deletions()) {
                    if (after == null || !d.at().isBefore(after)) {
                        ObjectNode node = JSON.createObjectNode();
                        node.put("id", d.id());
                        node.put("type", d.type());
                        node.putNull("mis_id");
                        node.set("deleted_at", date(d.at()));
                        node.putNull("restored_at");
                        out.add(node);
                    }
                }
            }
            default -> throw new IllegalStateException(endpoint);
        }
        return out;
    }

    private static ObjectNode student(Index index, Pupil pupil, Set<String> includes) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", pupil.id());
        node.put("upi", Integer.toHexString(pupil.id().hashCode()));
        node.put("mis_id", pupil.misId());
        node.put("upn", pupil.upn());
        node.put("initials", initials(pupil.forename(), pupil.surname()));
        node.put("surname", pupil.surname());
        node.put("forename", pupil.forename());
        node.putNull("middle_names");
        node.put("legal_surname", pupil.legalSurname());
        node.put("legal_forename", pupil.legalForename());
        node.putNull("gender");
        node.putNull("date_of_birth");
        node.set("created_at", date(FIRST_UPDATED));
        node.set("updated_at", date(FIRST_UPDATED));
        if (includes.contains("education_details")) {
            ObjectNode edu = JSON.createObjectNode();
            edu.put("upn", pupil.upn());
            edu.set("admission_date", pupil.admissionDate() == null ? null : date(pupil.admissionDate()));
            edu.set("leaving_date", pupil.leavingDate() == null ? null : date(pupil.leavingDate()));
            node.set("education_details", wrap(edu));
        }
        Grouping year = null;
        Grouping registration = null;
        List<Grouping> classes = new ArrayList<>();
        for (Grouping g : index.groupsOf().getOrDefault(pupil.id(), List.of())) {
            if (g.type().equals("YEAR") && year == null) {
                year = g;
            } else if (g.type().equals("REGISTRATION") && registration == null) {
                registration = g;
            } else if (g.isClass()) {
                classes.add(g);
            }
        }
        if (includes.contains("year")) {
            node.set("year", wrap(year == null ? null : groupSummary(year)));
        }
        if (includes.contains("registration")) {
            node.set("registration", wrap(registration == null ? null : groupSummary(registration)));
        }
        if (includes.contains("classes")) {
            ArrayNode list = JSON.createArrayNode();
            classes.forEach(c -> list.add(groupSummary(c)));
            node.set("classes", wrap(list));
        }
        if (includes.contains("contacts")) {
            ArrayNode list = JSON.createArrayNode();
            for (CarerLink link : pupil.carers()) {
                Carer carer = index.carers().get(link.carerId());
                if (carer == null) {
                    continue;
                }
                ObjectNode contact = contact(carer, includes.contains("contacts.contact_details"));
                ObjectNode relationship = contact.putObject("relationship");
                relationship.put("relationship", link.relationship());
                relationship.put("priority", link.priority());
                relationship.put("parental_responsibility", link.parentalResponsibility());
                relationship.putNull("lives_with_pupil");
                relationship.putNull("bill_payer");
                relationship.putNull("email_bills");
                relationship.putNull("copy_bills");
                relationship.putNull("court_order");
                relationship.putNull("pupil_report");
                relationship.putNull("email_reports");
                relationship.putNull("correspondence");
                list.add(contact);
            }
            node.set("contacts", wrap(list));
        }
        return node;
    }

    private static ObjectNode contact(Carer carer, boolean details) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", carer.id());
        node.put("upi", Integer.toHexString(carer.id().hashCode()));
        node.put("mis_id", carer.id().replaceAll("\\D", ""));
        node.putNull("title");
        node.put("initials", initials(carer.forename(), carer.surname()));
        node.put("surname", carer.surname());
        node.put("forename", carer.forename());
        node.putNull("middle_names");
        node.put("legal_surname", carer.surname());
        node.put("legal_forename", carer.forename());
        node.set("created_at", date(FIRST_UPDATED));
        node.set("updated_at", date(FIRST_UPDATED));
        if (details) {
            node.set("contact_details", wrap(details(carer.emails(), carer.phones())));
        }
        return node;
    }

    private static ObjectNode employee(Employee employee, Set<String> includes) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", employee.id());
        node.put("upi", Integer.toHexString(employee.id().hashCode()));
        node.put("mis_id", employee.id().replaceAll("\\D", ""));
        node.putNull("title");
        node.put("surname", employee.surname());
        node.put("forename", employee.forename());
        node.put("legal_surname", employee.surname());
        node.put("legal_forename", employee.forename());
        node.set("created_at", date(FIRST_UPDATED));
        node.set("updated_at", date(FIRST_UPDATED));
        if (includes.contains("contact_details")) {
            node.set("contact_details", wrap(details(employee.emails(), employee.phones())));
        }
        if (includes.contains("employment_details")) {
            ObjectNode employment = JSON.createObjectNode();
            employment.putNull("employment_start_date");
            employment.set("employment_end_date", employee.leavingDate() == null ? null : date(employee.leavingDate()));
            node.set("employment_details", wrap(employment));
        }
        return node;
    }

    private static ObjectNode group(Index index, Grouping group, Set<String> includes) {
        ObjectNode node = groupSummary(group);
        if (includes.contains("students")) {
            ArrayNode list = JSON.createArrayNode();
            group.memberIds().stream().map(index.pupils()::get).filter(Objects::nonNull).forEach(p -> {
                ObjectNode s = JSON.createObjectNode();
                s.put("id", p.id());
                s.put("mis_id", p.misId());
                s.put("forename", p.forename());
                s.put("surname", p.surname());
                list.add(s);
            });
            node.set("students", wrap(list));
        }
        if (includes.contains("employees")) {
            ArrayNode list = JSON.createArrayNode();
            for (String id : group.memberIds()) {
                Optional.ofNullable(index.employees().get(id)).ifPresent(e -> {
                    ObjectNode s = JSON.createObjectNode();
                    s.put("id", e.id());
                    s.put("forename", e.forename());
                    s.put("surname", e.surname());
                    list.add(s);
                });
            }
            node.set("employees", wrap(list));
        }
        return node;
    }

    private static ObjectNode groupSummary(Grouping group) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", group.id());
        node.put("mis_id", group.id());
        node.put("name", group.name());
        node.put("code", group.name());
        node.put("description", group.name());
        if (!group.isClass()) {
            node.put("type", group.type());
        }
        return node;
    }

    private static ObjectNode details(Emails emails, Phones phones) {
        ObjectNode details = JSON.createObjectNode();
        ObjectNode e = details.putObject("emails");
        e.put("email", emails.email());
        e.put("primary", emails.primary());
        e.put("home", emails.home());
        e.put("work", emails.work());
        ObjectNode p = details.putObject("phones");
        p.put("phone", phones.phone());
        p.put("primary", phones.primary());
        p.put("home", phones.home());
        p.put("work", phones.work());
        p.put("mobile", phones.mobile());
        ObjectNode addresses = details.putObject("addresses");
        for (String kind : List.of("home", "work", "postal")) {
            addresses.putObject(kind).putNull("postcode");
        }
        details.putNull("salutation");
        return details;
    }

    private static ObjectNode wrap(@Nullable JsonNode data) {
        ObjectNode node = JSON.createObjectNode();
        node.set("data", data);
        return node;
    }

    private static ObjectNode date(LocalDate date) {
        return date(date.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    private static ObjectNode date(Instant instant) {
        ObjectNode node = JSON.createObjectNode();
        node.put("date", WONDE_DATE.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)));
        node.put("timezone_type", 3);
        node.put("timezone", "UTC");
        return node;
    }

    private static @Nullable String initials(@Nullable String forename, @Nullable String surname) {
        String f = forename == null || forename.isEmpty() ? "" : forename.substring(0, 1);
        String s = surname == null || surname.isEmpty() ? "" : surname.substring(0, 1);
        return (f + s).isEmpty() ? null : f + s;
    }

    /**
     * The state for {@code next}: each record keeps its stamp while its full JSON is unchanged and
     * is stamped {@code now} otherwise; ids gone from a kind become deletions.
     */
    private static State stamp(@Nullable State previous, School next, Instant now) {
        Set<String> all = Set.of("contacts.contact_details", "contacts", "contact_details", "employment_details",
                "education_details", "year", "registration", "classes", "students", "employees");
        Map<String, String> rendered = new HashMap<>();
        Index index = Index.of(next);
        for (String endpoint : ENDPOINTS) {
            if (endpoint.equals("deletions")) {
                continue;
            }
            if (endpoint.equals("groups") || endpoint.equals("classes")) {
                // a group is dated by its own fields and who is in it, not by the names its includes carry
                // (a record's updated_at is its own row's): a renamed pupil does not send their year group again
                for (Grouping group : next.groups()) {
                    if (group.isClass() == endpoint.equals("classes")) {
                        rendered.put(endpoint + "/" + group.id(), groupSummary(group) + " " + group.memberIds());
                    }
                }
                continue;
            }
            State bare = new State(next, index, Map.of(), Map.of(), List.of());
            for (ObjectNode record : records(bare, endpoint, all, null)) {
                rendered.put(endpoint + "/" + record.get("id").asText(), record.toString());
            }
        }
        Map<String, Instant> updatedAt = new HashMap<>();
        List<Deletion> deletions = new ArrayList<>(previous == null ? List.of() : previous.deletions());
        for (Map.Entry<String, String> e : rendered.entrySet()) {
            String was = previous == null ? null : previous.renderedAs().get(e.getKey());
            Instant stamp = previous == null ? FIRST_UPDATED
                    : e.getValue().equals(was) ? previous.updatedAt().getOrDefault(e.getKey(), FIRST_UPDATED) : now;
            updatedAt.put(e.getKey(), stamp);
        }
        if (previous != null) {
            Map<String, String> kindOf = Map.of("students", "student", "students-pre-admission", "student",
                    "students-leaver", "student", "contacts", "contact", "employees", "employee", "groups", "group",
                    "classes", "class");
            Set<String> present = new HashSet<>();
            rendered.keySet().forEach(k -> present.add(kindOf.get(k.substring(0, k.indexOf('/'))) + "/" + k.substring(k.indexOf('/') + 1)));
            Set<String> gone = new HashSet<>();
            for (String key : previous.renderedAs().keySet()) {
                String kind = kindOf.get(key.substring(0, key.indexOf('/')));
                String id = key.substring(key.indexOf('/') + 1);
                if (!present.contains(kind + "/" + id) && gone.add(kind + "/" + id)) {
                    deletions.add(new Deletion(id, kind, now));
                }
            }
            deletions.removeIf(d -> present.contains(d.type() + "/" + d.id()));
        }
        return new State(next, index, Collections.unmodifiableMap(updatedAt), Collections.unmodifiableMap(rendered),
                List.copyOf(deletions));
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", message);
        JsonAnswers.send(exchange, status, JSON.writeValueAsString(body));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
