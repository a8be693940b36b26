package org.misbridge.mis.wonde.internal;

import static org.misbridge.mis.wonde.internal.WondeJson.firstDate;
import static org.misbridge.mis.wonde.internal.WondeJson.firstText;
import static org.misbridge.mis.wonde.internal.WondeJson.included;
import static org.misbridge.mis.wonde.internal.WondeJson.includedList;
import static org.misbridge.mis.wonde.internal.WondeJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
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
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Enrolment;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.GroupKind;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Student;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;

/**
 * Maps Wonde records onto the snapshot model. The rules a school would ask about:
 * <ul>
 * <li>names are the ones the school uses day to day ({@code forename}/{@code surname}), falling
 * back to the legal ones when those are empty;</li>
 * <li>a contact's priority is {@code relationship.priority}, as stated (two contacts the MIS
 * gives one priority share it); contacts without one are unranked and share the priority after
 * the student's last stated one (1 when none is stated): the order Wonde lists them in never
 * ranks them (docs/configuration.md, "Unranked contacts");</li>
 * <li>emails in Wonde's {@code home}/{@code work} slots are HOME/WORK; an address only in the
 * untyped {@code email}/{@code primary} slots gets the configured location (default OTHER);
 * telephones in {@code mobile}/{@code home}/{@code work} are typed so, untyped ones are OTHER.</li>
 * </ul>
 * A value that is present but unreadable (a date that is not a date) throws {@link WondeJson.BadValue}.
 */
final class WondeMapper {

    private final EmailLocation untypedEmailLocation;

    WondeMapper(EmailLocation untypedEmailLocation) {
        this.untypedEmailLocation = Objects.requireNonNull(untypedEmailLocation, "untypedEmailLocation");
    }

    /** The record's Wonde id; every record must have one. */
    static String id(JsonNode json) {
        String id = text(json, "id");
        if (id == null) {
            throw new WondeJson.BadValue("a record has no id");
        }
        return id;
    }

    /** Day-to-day name first, legal name when that is empty, else empty. */
    static String name(JsonNode json, String preferred, String legal) {
        String name = firstText(json, preferred, legal);
        return name == null ? "" : name;
    }

    /**
     * A student from {@code students}, {@code students-pre-admission} or {@code students-leaver}.
     * Returns null for a pre-admission without an admission date, which the model cannot hold.
     */
    @Nullable StudentEntry student(JsonNode json, EnrolmentState state, LocalDate today) {
        String id = id(json);
        JsonNode education = included(json, "education_details");
        JsonNode edu = education != null && education.isObject() ? education : json;
        LocalDate admission = firstDate(edu, "admission_date");
        if (admission == null) {
            admission = firstDate(json, "admission_date", "entry_date");
        }
        LocalDate leaving = firstDate(edu, "leaving_date");
        if (leaving == null) {
            leaving = firstDate(json, "leaving_date");
        }
        Enrolment enrolment;
        switch (state) {
            case PRE_ADMISSION -> {
                if (admission == null) {
                    return null;
                }
                String status = firstText(edu, "application_status", "admission_status");
                enrolment = Enrolment.preAdmission(applicationStatus(status != null ? status
                        : firstText(json, "application_status", "admission_status")), admission);
            }
            case LEAVER -> {
                // Wonde lists them as leavers, so they have left by now even when the date is not shared
                LocalDate left = leaving != null ? leaving : firstDate(json, "updated_at");
                enrolment = Enrolment.leaver(admission, left != null ? left : today);
            }
            default -> enrolment = Enrolment.onRoll(admission, leaving);
        }

        String upn = firstText(json, "upn");
        if (upn == null && education != null) {
            upn = text(education, "upn");
        }
        Set<String> groupIds = new LinkedHashSet<>();
        JsonNode year = included(json, "year");
        JsonNode registration = included(json, "registration");
        if (registration == null) {
            registration = included(json, "form_group");
        }
        addId(groupIds, year);
        addId(groupIds, registration);
        for (JsonNode cls : includedList(json, "classes")) {
            addId(groupIds, cls);
        }
        Student student = new Student(id, upn == null ? null : upn.toUpperCase(Locale.ROOT),
                name(json, "forename", "legal_forename"), name(json, "surname", "legal_surname"),
                year == null ? null : firstText(year, "name", "code"),
                registration == null ? null : firstText(registration, "name", "code"), enrolment);

        List<Contact> contacts = new ArrayList<>();
        List<ContactLink> links = new ArrayList<>();
        linkContacts(id, includedList(json, "contacts"), contacts, links);
        return new StudentEntry(student, contacts, links, groupIds);
    }

    private static void addId(Set<String> ids, @Nullable JsonNode group) {
        if (group != null && group.isObject()) {
            String id = text(group, "id");
            if (id != null) {
                ids.add(id);
            }
        }
    }

    /** One contact link per contact listed; priorities as the class comment says. */
    private void linkContacts(String studentId, Iterable<JsonNode> listed, List<Contact> contacts, List<ContactLink> links) {
        record Pending(Contact contact, @Nullable Integer priority, ParentalResponsibility pr, @Nullable String relationship) {
        }
        List<Pending> pending = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode json : listed) {
            Contact contact = contact(json);
            if (!seen.add(contact.id())) {
                continue; // listed twice for one student: the first listing stands
            }
            JsonNode relation = json.get("relationship");
            Integer priority = null;
            ParentalResponsibility pr = ParentalResponsibility.UNKNOWN;
            String relationship = null;
            if (relation != null && relation.isObject()) {
                priority = WondeJson.integer(relation, "priority");
                Boolean responsible = WondeJson.bool(relation, "parental_responsibility");
                pr = responsible == null ? ParentalResponsibility.UNKNOWN
                        : responsible ? ParentalResponsibility.YES : ParentalResponsibility.NO;
                relationship = text(relation, "relationship");
            } else if (relation != null && relation.isTextual()) {
                relationship = text(json, "relationship");
            }
            pending.add(new Pending(contact, priority, pr, relationship));
        }
        int unranked = pending.stream().map(Pending::priority).filter(p -> p != null && p >= 1)
                .mapToInt(Integer::intValue).max().orElse(0) + 1;
        for (Pending p : pending) {
            int priority = p.priority() != null && p.priority() >= 1 ? p.priority() : unranked;
            contacts.add(p.contact());
            links.add(new ContactLink(studentId, p.contact().id(), priority, p.pr(), p.relationship()));
        }
    }

    /** A contact with its typed emails and telephones (from {@code contact_details}). */
    Contact contact(JsonNode json) {
        String id = id(json);
        JsonNode details = included(json, "contact_details");
        List<Email> emails = new ArrayList<>();
        List<Telephone> phones = new ArrayList<>();
        if (details != null && details.isObject()) {
            emails = emails(details.path("emails"));
            phones = telephones(details.path("phones"));
        }
        return new Contact(id, name(json, "forename", "legal_forename"), name(json, "surname", "legal_surname"),
                emails, phones);
    }

    private List<Email> emails(JsonNode slots) {
        // typed slots first so that an address also in an untyped slot keeps its type
        Map<String, Email> byAddress = new LinkedHashMap<>();
        putEmail(byAddress, text(slots, "home"), EmailLocation.HOME);
        putEmail(byAddress, text(slots, "work"), EmailLocation.WORK);
        putEmail(byAddress, text(slots, "primary"), untypedEmailLocation);
        putEmail(byAddress, text(slots, "email"), untypedEmailLocation);
        String primary = text(slots, "primary");
        List<Email> emails = new ArrayList<>();
        if (primary != null) {
            emails.add(byAddress.remove(primary.toLowerCase(Locale.ROOT))); // the main address leads the list
        }
        emails.addAll(byAddress.values());
        return emails;
    }

    private static void putEmail(Map<String, Email> byAddress, @Nullable String address, EmailLocation location) {
        if (address != null) {
            byAddress.putIfAbsent(address.toLowerCase(Locale.ROOT), new Email(address, location));
        }
    }

    private static List<Telephone> telephones(JsonNode slots) {
        Map<String, Telephone> byNumber = new LinkedHashMap<>();
        putPhone(byNumber, text(slots, "mobile"), TelephoneType.MOBILE);
        putPhone(byNumber, text(slots, "home"), TelephoneType.HOME);
        putPhone(byNumber, text(slots, "work"), TelephoneType.WORK);
        putPhone(byNumber, text(slots, "primary"), TelephoneType.OTHER);
        putPhone(byNumber, text(slots, "phone"), TelephoneType.OTHER);
        String primary = text(slots, "primary");
        List<Telephone> phones = new ArrayList<>();
        if (primary != null) {
            phones.add(byNumber.remove(digits(primary)));
        }
        phones.addAll(byNumber.values());
        return phones;
    }

    private static void putPhone(Map<String, Telephone> byNumber, @Nullable String number, TelephoneType type) {
        if (number != null) {
            byNumber.putIfAbsent(digits(number), new Telephone(number, type));
        }
    }

    /** The number as dialled: its digits, and a leading + (so "07700 900001" and "07700900001" are one). */
    private static String digits(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        return number.strip().startsWith("+") ? "+" + digits : digits;
    }

    /** A member of staff: work email first, then the main one; the mobile slot only. */
    Staff staff(JsonNode json) {
        String id = id(json);
        JsonNode details = included(json, "contact_details");
        String email = null;
        String mobile = null;
        if (details != null && details.isObject()) {
            email = firstText(details.path("emails"), "work", "primary", "email", "home");
            mobile = text(details.path("phones"), "mobile");
        }
        if (email == null) {
            email = text(json, "email");
        }
        if (mobile == null) {
            mobile = text(json, "mobile");
        }
        JsonNode employment = included(json, "employment_details");
        LocalDate leaving = employment != null && employment.isObject()
                ? firstDate(employment, "employment_end_date", "end_date", "leaving_date") : null;
        if (leaving == null) {
            leaving = firstDate(json, "leaving_date", "employment_end_date");
        }
        return new Staff(id, name(json, "forename", "legal_forename"), name(json, "surname", "legal_surname"),
                email, mobile, leaving);
    }

    /** A group from {@code groups} (kind from its {@code type}) or a class from {@code classes}. */
    GroupEntry group(JsonNode json, Endpoint endpoint) {
        String id = id(json);
        GroupKind kind = endpoint == Endpoint.CLASSES ? GroupKind.CLASS : groupKind(text(json, "type"));
        String name = firstText(json, "name", "description", "code");
        Set<String> members = new LinkedHashSet<>();
        for (JsonNode student : includedList(json, "students")) {
            members.add(id(student));
        }
        for (JsonNode employee : includedList(json, "employees")) {
            members.add(id(employee));
        }
        return new GroupEntry(id, name == null ? id : name, kind, members);
    }

    static GroupKind groupKind(@Nullable String type) {
        if (type == null) {
            return GroupKind.OTHER;
        }
        return switch (type.strip().toUpperCase(Locale.ROOT)) {
            case "REGISTRATION", "REGISTRATION_GROUP", "FORM", "TUTOR" -> GroupKind.REGISTRATION;
            case "YEAR", "YEAR_GROUP" -> GroupKind.YEAR;
            case "CLASS" -> GroupKind.CLASS;
            default -> GroupKind.OTHER;
        };
    }

    /** MIS application statuses vary by supplier; each maps onto the nearest of ours, unknown ones onto ACCEPTED. */
    static ApplicationStatus applicationStatus(@Nullable String status) {
        if (status == null) {
            return ApplicationStatus.ACCEPTED;
        }
        String s = status.toLowerCase(Locale.ROOT);
        if (s.contains("withdr") || s.contains("cancel")) {
            return ApplicationStatus.WITHDRAWN;
        }
        if (s.contains("reject") || s.contains("declin") || s.contains("refus")) {
            return ApplicationStatus.REJECTED;
        }
        if (s.contains("admit")) {
            return ApplicationStatus.ADMITTED;
        }
        if (s.contains("reserv")) {
            return ApplicationStatus.RESERVED;
        }
        if (s.contains("accept")) {
            return ApplicationStatus.ACCEPTED;
        }
        if (s.contains("offer")) {
            return ApplicationStatus.OFFERED;
        }
        if (s.contains("appl")) {
            return ApplicationStatus.APPLIED;
        }
        return ApplicationStatus.ACCEPTED;
    }
}
