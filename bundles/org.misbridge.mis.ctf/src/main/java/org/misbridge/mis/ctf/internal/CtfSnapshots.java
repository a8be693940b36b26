package org.misbridge.mis.ctf.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Month;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.ApplicationStatus;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.ContactLink;
import org.misbridge.api.model.Coverage;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.Group;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Student;
import org.misbridge.api.model.Telephone;
import org.misbridge.mis.ctf.internal.dto.CtfContact;
import org.misbridge.mis.ctf.internal.dto.CtfDocument;
import org.misbridge.mis.ctf.internal.dto.CtfHeader;
import org.misbridge.mis.ctf.internal.dto.CtfPupil;
import org.misbridge.mis.ctf.internal.dto.CtfSchoolStay;

/**
 * Turns a checked CTF or ATF document into a snapshot. Nothing here can fail: every value was
 * checked while parsing.
 *
 * <ul>
 * <li>A CTF pupil's stay at this school is the {@code SchoolHistory} entry of the header's source
 * school (the latest, if the pupil joined twice): its EntryDate is the admission date; its
 * LeavingDate, the last day on roll, makes a leaver once it is <em>before</em> today (a pupil
 * leaving today is still on roll today, with that planned leaving date), as a OneRoster endDate.
 * <li>An ATF pupil is a pre-admission: {@code Admissions/Accept} true is ACCEPTED, false WITHDRAWN
 * (the offer was declined), absent OFFERED; the admission date is the first 1 September on or
 * after the file's DateTime, since an ATF carries no start date.
 * <li>Year groups come from NCyearActual, registration groups from the (non-standard) RegGroup.
 * </ul>
 */
final class CtfSnapshots {

    /** The snapshot source name. */
    static final String SOURCE = "ctf";

    private static final MonthDay SCHOOL_YEAR_START = MonthDay.of(Month.SEPTEMBER, 1);

    private CtfSnapshots() {
    }

    /** A contact being gathered from every pupil that lists them. */
    private static final class ContactParts {
        final String id;
        final String forename;
        final String surname;
        final Map<String, Telephone> telephones = new LinkedHashMap<>();
        final Map<String, Email> emails = new LinkedHashMap<>();

        ContactParts(String id, String forename, String surname) {
            this.id = id;
            this.forename = forename;
            this.surname = surname;
        }

        void add(CtfContact listed) {
            for (Telephone t : listed.telephones()) {
                telephones.putIfAbsent(t.type() + ":" + ContactIds.phone(t.number()), t);
            }
            for (Email e : listed.emails()) {
                emails.putIfAbsent(e.address().toLowerCase(Locale.ROOT), e);
            }
        }

        Contact contact() {
            return new Contact(id, forename, surname, List.copyOf(emails.values()), List.copyOf(telephones.values()));
        }
    }

    private record GroupParts(String id, String name, GroupKind kind, Set<String> members) {
    }

    /**
     * @param wholeRollAllowed whether the operator declared this school's CTF files to be its whole
     *     roll ({@code ctf.wholeRoll}); even then only a file whose DocumentQualifier is full counts
     */
    static Snapshot build(CtfDocument document, String schoolId, LocalDate today, Instant readAt, boolean wholeRollAllowed) {
        CtfHeader header = document.header();
        List<Student> students = new ArrayList<>();
        Map<String, ContactParts> contacts = new LinkedHashMap<>();
        Map<String, ContactLink> links = new LinkedHashMap<>();
        Map<String, GroupParts> groups = new LinkedHashMap<>();

        for (CtfPupil pupil : document.pupils()) {
            Enrolment enrolment = header.atf() ? preAdmission(pupil, header) : enrolment(pupil, header.sourceDfe(), today);
            students.add(new Student(pupil.id(), pupil.upn(), pupil.forename(), pupil.surname(),
                    pupil.yearGroup(), pupil.registrationGroup(), enrolment));
            if (pupil.yearGroup() != null) {
                String code = pupil.yearGroup();
                groups.computeIfAbsent("year-" + code.toLowerCase(Locale.ROOT),
                        id -> new GroupParts(id, yearName(code), GroupKind.YEAR, new LinkedHashSet<>())).members().add(pupil.id());
            }
            if (pupil.registrationGroup() != null) {
                String name = pupil.registrationGroup();
                groups.computeIfAbsent("reg-" + name.toLowerCase(Locale.ROOT),
                        id -> new GroupParts(id, name, GroupKind.REGISTRATION, new LinkedHashSet<>())).members().add(pupil.id());
            }
            // contacts without an Order share the priority after the last Order given (1 when none is)
            int unranked = pupil.contacts().stream().mapToInt(CtfContact::order).max().orElse(0) + 1;
            for (CtfContact listed : pupil.contacts()) {
                String id = ContactIds.of(listed.surname(), listed.forename(), listed.telephones(), listed.emails(), pupil.id());
                contacts.computeIfAbsent(id, k -> new ContactParts(k, listed.forename(), listed.surname())).add(listed);
                int priority = listed.order() > 0 ? listed.order() : unranked;
                ContactLink link = new ContactLink(pupil.id(), id, priority, listed.responsibility(), listed.relationship());
                // the same person listed twice for one pupil keeps their first-to-call place
                links.merge(pupil.id() + '\n' + id, link, (a, b) -> b.priority() < a.priority() ? b : a);
            }
        }

        List<Contact> contactList = contacts.values().stream().map(ContactParts::contact).toList();
        List<Group> groupList = groups.values().stream()
                .map(g -> new Group(g.id(), g.name(), g.kind(), true, g.members())).toList();
        Coverage coverage = wholeRollAllowed && header.full() && !header.atf() ? Coverage.WHOLE_ROLL : Coverage.PARTIAL;
        return new Snapshot(schoolId, SOURCE, coverage, readAt, students, List.of(), contactList,
                List.copyOf(links.values()), groupList, List.of());
    }

    /** On roll, or a leaver once the LeavingDate of their stay at the sending school has passed. */
    static Enrolment enrolment(CtfPupil pupil, @Nullable String thisSchool, LocalDate today) {
        CtfSchoolStay stay = stayAt(pupil, thisSchool);
        LocalDate entry = stay == null ? null : stay.entryDate();
        LocalDate leaving = stay == null ? null : stay.leavingDate();
        if (leaving != null && leaving.isBefore(today)) {
            return Enrolment.leaver(entry, leaving);
        }
        return Enrolment.onRoll(entry, leaving);
    }

    private static @Nullable CtfSchoolStay stayAt(CtfPupil pupil, @Nullable String school) {
        if (school == null) {
            return null;
        }
        CtfSchoolStay latest = null;
        for (CtfSchoolStay stay : pupil.history()) {
            if (school.equals(stay.dfe()) && (latest == null || later(stay.entryDate(), latest.entryDate()))) {
                latest = stay;
            }
        }
        return latest;
    }

    private static boolean later(@Nullable LocalDate a, @Nullable LocalDate b) {
        return b == null || (a != null && !a.isBefore(b));
    }

    static Enrolment preAdmission(CtfPupil pupil, CtfHeader header) {
        Boolean accept = pupil.accept();
        ApplicationStatus status = accept == null ? ApplicationStatus.OFFERED
                : accept ? ApplicationStatus.ACCEPTED : ApplicationStatus.WITHDRAWN;
        LocalDate written = Objects.requireNonNull(header.written(), "an ATF's DateTime is checked when parsed").toLocalDate();
        return Enrolment.preAdmission(status, firstSeptemberFrom(written));
    }

    static LocalDate firstSeptemberFrom(LocalDate date) {
        LocalDate thisYear = SCHOOL_YEAR_START.atYear(date.getYear());
        return thisYear.isBefore(date) ? thisYear.plusYears(1) : thisYear;
    }

    /** "Year 7", "Reception", "Nursery 1"; other codes (X, unusual ones) as "Year X". */
    static String yearName(String code) {
        String c = code.toUpperCase(Locale.ROOT);
        if (c.equals("R")) {
            return "Reception";
        }
        if (c.matches("N\\d")) {
            return "Nursery " + c.substring(1);
        }
        return "Year " + code;
    }
}
