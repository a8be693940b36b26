package org.misbridge.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * Writes DfE Common Transfer Files shaped like CTF 25.0 ({@code CTfile}) and Admissions Transfer
 * Files ({@code ATfile}) from plain inputs, for tests of the CTF reader. It writes the parts a
 * reader of pupils and contacts needs (header, pupil core, BasicDetails, Admissions, Contacts with
 * phones and emails, SchoolHistory), in the schema's order; attendance, assessments and the rest
 * are left out.
 *
 * <p>{@link #knownSchool(LocalDate)} is a fixed school covering the cases that matter to a
 * reader: a pupil with three contacts mixing priorities and parental responsibility, a parent
 * shared by two siblings with different priorities, a contact with only a landline, and a leaver.
 * All numbers come from Ofcom's drama ranges and all emails end in {@code @example.org}.
 */
public final class CtfWriter {

    /** The CTF version written. */
    public static final String CTF_VERSION = "25.0";

    /** The known school's LEA, establishment number and their DfE number. */
    public static final String KNOWN_LEA = "999";
    public static final String KNOWN_ESTAB = "4001";
    public static final String KNOWN_DFE = KNOWN_LEA + KNOWN_ESTAB;

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private CtfWriter() {
    }

    /** A school as CTF names it: LEA and establishment number (together its DfE number) and its name. */
    public record School(String lea, String estab, String name) {
        public School {
            Objects.requireNonNull(lea, "lea");
            Objects.requireNonNull(estab, "estab");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The header.
     *
     * @param atf     true for an ATF ({@code ATfile}/{@code ATFpupilData}), false for a CTF
     * @param full    DocumentQualifier {@code full} (else {@code partial})
     * @param written the DateTime
     */
    public record Header(boolean atf, boolean full, LocalDateTime written, School source, School dest) {
        public Header {
            Objects.requireNonNull(written, "written");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(dest, "dest");
        }

        /** A CTF sent by {@code source}. */
        public static Header ctf(School source, School dest, boolean full, LocalDateTime written) {
            return new Header(false, full, written, source, dest);
        }

        /** An ATF sent by a local authority to {@code dest}. */
        public static Header atf(School authority, School dest, LocalDateTime written) {
            return new Header(true, false, written, authority, dest);
        }
    }

    /** A telephone: CTF type code (M, H, W, F, D, E, A, …) and number as written. */
    public record Phone(String type, String number) {
        public Phone {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(number, "number");
        }
    }

    /**
     * A contact as listed for one pupil.
     *
     * @param order        Order (1 = first to call)
     * @param relationship CBDS relationship code, e.g. PAR, CAR, REL
     * @param responsible  Responsible, or null to leave it out
     */
    public record Contact(int order, @Nullable String title, String forename, String surname, String relationship,
            @Nullable Boolean responsible, List<Phone> phones, List<String> emails) {
        public Contact {
            Objects.requireNonNull(forename, "forename");
            Objects.requireNonNull(surname, "surname");
            Objects.requireNonNull(relationship, "relationship");
            phones = List.copyOf(phones);
            emails = List.copyOf(emails);
        }

        public static Contact of(int order, String title, String forename, String surname, String relationship,
                @Nullable Boolean responsible, Phone... phones) {
            return new Contact(order, title, forename, surname, relationship, responsible, List.of(phones), List.of());
        }

        public Contact withEmails(String... addresses) {
            return new Contact(order, title, forename, surname, relationship, responsible, phones, List.of(addresses));
        }
    }

    /** A SchoolHistory entry. */
    public record Stay(School school, LocalDate entry, @Nullable LocalDate leaving, @Nullable String leavingReason) {
        public Stay {
            Objects.requireNonNull(school, "school");
            Objects.requireNonNull(entry, "entry");
        }
    }

    /**
     * A pupil.
     *
     * @param applicationReference an ATF applicant's reference; null in a CTF
     * @param upn                  may be null only for an ATF applicant
     * @param regGroup             written as {@code BasicDetails/RegGroup}, an extension some suppliers add
     * @param accept               an ATF's {@code Admissions/Accept}, or null to leave it out
     */
    public record Pupil(@Nullable String applicationReference, @Nullable String upn, String forename, String surname,
            LocalDate dob, String sex, String ncYear, @Nullable String regGroup, @Nullable Boolean accept,
            List<Contact> contacts, List<Stay> history) {
        public Pupil {
            Objects.requireNonNull(forename, "forename");
            Objects.requireNonNull(surname, "surname");
            Objects.requireNonNull(dob, "dob");
            Objects.requireNonNull(sex, "sex");
            Objects.requireNonNull(ncYear, "ncYear");
            contacts = List.copyOf(contacts);
            history = List.copyOf(history);
        }

        /** A CTF pupil with no contacts, history or registration group yet. */
        public static Pupil of(String upn, String forename, String surname, LocalDate dob, String sex, String ncYear) {
            return new Pupil(null, upn, forename, surname, dob, sex, ncYear, null, null, List.of(), List.of());
        }

        public Pupil withRegGroup(@Nullable String group) {
            return new Pupil(applicationReference, upn, forename, surname, dob, sex, ncYear, group, accept, contacts, history);
        }

        public Pupil withContacts(Contact... listed) {
            return new Pupil(applicationReference, upn, forename, surname, dob, sex, ncYear, regGroup, accept, List.of(listed), history);
        }

        public Pupil withHistory(Stay... stays) {
            return new Pupil(applicationReference, upn, forename, surname, dob, sex, ncYear, regGroup, accept, contacts, List.of(stays));
        }

        /** The same pupil as an ATF applicant. */
        public Pupil withApplication(String reference, @Nullable Boolean accepted) {
            return new Pupil(reference, upn, forename, surname, dob, sex, ncYear, regGroup, accepted, contacts, history);
        }
    }

    /** A whole file: its header and pupils. */
    public record Ctf(Header header, List<Pupil> pupils) {
        public Ctf {
            Objects.requireNonNull(header, "header");
            pupils = List.copyOf(pupils);
        }

        public Path write(Path file) throws IOException {
            return CtfWriter.write(header, pupils, file);
        }
    }

    /** Writes the file (its folder created if missing), UTF-8. */
    public static Path write(Header header, List<Pupil> pupils, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            write(header, pupils, out);
        }
        return file;
    }

    /** Writes the document to {@code out}, UTF-8; {@code out} is left open. */
    public static void write(Header header, List<Pupil> pupils, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            new Doc(xml).write(header, pupils);
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write CTF: " + e.getMessage(), e);
        }
    }

    /** The known school's own record, {@value #KNOWN_DFE}. */
    public static School knownSchool() {
        return new School(KNOWN_LEA, KNOWN_ESTAB, "Kingsmead Academy");
    }

    /**
     * The known school: a CTF of five pupils from {@link #knownSchool()} (DocumentQualifier full),
     * written at 09:00 on {@code today}. What a reader must get from it:
     * <ul>
     * <li>A999400100001 Amelia Hughes, Year 7, 7HU, on roll since a year ago (she left her primary
     * school, 9993001, before that): Sarah Hughes priority 1 PAR responsible (mobile, home, email),
     * Margaret Hughes priority 3 REL not responsible (D = other, work), David Hughes priority 2 PAR
     * responsible (mobile written +44 7700 900102); listed in the order 1, 3, 2.
     * <li>A999400100002 Jack Patel, Year 9, 9PA: Priya Patel 1 (mobile, email), Raj Patel 2 (mobile);
     * both responsible.
     * <li>A999400100003 Evie Patel, Year 7, 7HU: Raj Patel 1, Priya Patel 2, the same people as
     * Jack's, so two contacts with two links each.
     * <li>A999400100004 Noah Green, Year 10, no registration group: Susan Green 1 CAR responsible,
     * a home landline and nothing else.
     * <li>A999400100005 Oscar Wood, Year 11, left ten days before {@code today}: Tom Wood 1 PAR
     * responsible (mobile).
     * </ul>
     * Seven contacts, nine links, four year groups and two registration groups.
     */
    public static Ctf knownSchool(LocalDate today) {
        School school = knownSchool();
        School primary = new School("999", "3001", "Northgate Primary School");
        School next = new School("999", "4002", "Westcliff High School");
        LocalDate joined = today.minusYears(1);

        Contact sarah = Contact.of(1, "Mrs", "Sarah", "Hughes", "PAR", true,
                new Phone("M", "07700 900101"), new Phone("H", "01632 960101")).withEmails("sarah.hughes@example.org");
        Contact margaret = Contact.of(3, "Mrs", "Margaret", "Hughes", "REL", false,
                new Phone("D", "01632 960103"), new Phone("W", "01632 960203"));
        Contact david = Contact.of(2, "Mr", "David", "Hughes", "PAR", true, new Phone("M", "+44 7700 900102"));
        Pupil amelia = Pupil.of("A999400100001", "Amelia", "Hughes", today.minusYears(12), "F", "7")
                .withRegGroup("7HU")
                .withContacts(sarah, margaret, david)
                .withHistory(new Stay(primary, joined.minusYears(7), joined.minusMonths(2), "TRANSFER"),
                        new Stay(school, joined, null, null));

        Contact priya = Contact.of(1, "Mrs", "Priya", "Patel", "PAR", true, new Phone("M", "07700 900111"))
                .withEmails("priya.patel@example.org");
        Contact raj = Contact.of(2, "Mr", "Raj", "Patel", "PAR", true, new Phone("M", "07700 900112"));
        Pupil jack = Pupil.of("A999400100002", "Jack", "Patel", today.minusYears(14), "M", "9")
                .withRegGroup("9PA")
                .withContacts(priya, raj)
                .withHistory(new Stay(school, joined.minusYears(2), null, null));
        Pupil evie = Pupil.of("A999400100003", "Evie", "Patel", today.minusYears(12).plusMonths(3), "F", "7")
                .withRegGroup("7HU")
                .withContacts(reorder(raj, 1), reorder(priya, 2))
                .withHistory(new Stay(school, joined, null, null));

        Pupil noah = Pupil.of("A999400100004", "Noah", "Green", today.minusYears(15), "M", "10")
                .withContacts(Contact.of(1, "Ms", "Susan", "Green", "CAR", true, new Phone("H", "01632 960141")))
                .withHistory(new Stay(school, joined.minusYears(3), null, null));

        Pupil oscar = Pupil.of("A999400100005", "Oscar", "Wood", today.minusYears(16), "M", "11")
                .withContacts(Contact.of(1, "Mr", "Tom", "Wood", "PAR", true, new Phone("M", "07700 900151")))
                .withHistory(new Stay(school, joined.minusYears(4), today.minusDays(10), "TRANSFER"));

        Header header = Header.ctf(school, next, true, today.atTime(9, 0));
        return new Ctf(header, List.of(amelia, jack, evie, noah, oscar));
    }

    /**
     * Known admissions: an ATF from local authority 999 to {@link #knownSchool()}, written at 09:00
     * on {@code written}. A999400100006 Freya Clarke accepted (Year 7); applicant 999-26-0002 Leo
     * Turner with no UPN and no Accept (offered), whose mother has only an email; applicant
     * 999-26-0003 Ivy Baker who declined (Accept false).
     */
    public static Ctf knownAdmissions(LocalDate written) {
        School authority = new School("999", "LLLL", "Local Authority 999");
        Pupil freya = Pupil.of("A999400100006", "Freya", "Clarke", written.minusYears(11), "F", "7")
                .withApplication("999-26-0001", true)
                .withContacts(Contact.of(1, "Mr", "Ben", "Clarke", "PAR", true, new Phone("M", "07700 900161")));
        Pupil leo = new Pupil(null, null, "Leo", "Turner", written.minusYears(11), "M", "7", null, null, List.of(), List.of())
                .withApplication("999-26-0002", null)
                .withContacts(Contact.of(1, "Ms", "Anna", "Turner", "PAR", true).withEmails("anna.turner@example.org"));
        Pupil ivy = new Pupil(null, null, "Ivy", "Baker", written.minusYears(11), "F", "7", null, null, List.of(), List.of())
                .withApplication("999-26-0003", false);
        return new Ctf(Header.atf(authority, knownSchool(), written.atTime(9, 0)), List.of(freya, leo, ivy));
    }

    private static Contact reorder(Contact contact, int order) {
        return new Contact(order, contact.title(), contact.forename(), contact.surname(), contact.relationship(),
                contact.responsible(), contact.phones(), contact.emails());
    }

    /** Streams one document, indented two spaces a level so a failing test's file can be read. */
    private static final class Doc {
        private final XMLStreamWriter xml;
        private int depth;

        Doc(XMLStreamWriter xml) {
            this.xml = xml;
        }

        void write(Header header, List<Pupil> pupils) throws XMLStreamException {
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            open(header.atf() ? "ATfile" : "CTfile");
            open("Header");
            leaf("DocumentName", header.atf() ? "Admissions Transfer File" : "Common Transfer File");
            leaf(header.atf() ? "ATFversion" : "CTFversion", CTF_VERSION);
            leaf("DateTime", DATE_TIME.format(header.written()));
            leaf("DocumentQualifier", header.full() ? "full" : "partial");
            leaf("SupplierID", "MIS Bridge testkit");
            school("SourceSchool", header.source(), true);
            school("DestSchool", header.dest(), false);
            close();
            open(header.atf() ? "ATFpupilData" : "CTFpupilData");
            for (Pupil pupil : pupils) {
                pupil(pupil);
            }
            close();
            close();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
        }

        private void school(String element, School school, boolean withName) throws XMLStreamException {
            open(element);
            leaf("LEA", school.lea());
            leaf("Estab", school.estab());
            if (withName) {
                leaf("SchoolName", school.name());
            }
            close();
        }

        private void pupil(Pupil pupil) throws XMLStreamException {
            open("Pupil");
            leaf("ApplicationReference", pupil.applicationReference());
            leaf("UPN", pupil.upn());
            leaf("Surname", pupil.surname());
            leaf("Forename", pupil.forename());
            leaf("DOB", pupil.dob().toString());
            leaf("Sex", pupil.sex());
            open("BasicDetails");
            leaf("NCyearActual", pupil.ncYear());
            leaf("RegGroup", pupil.regGroup());
            leaf("EnrolStatus", "C");
            close();
            if (pupil.accept() != null) {
                open("Admissions");
                leaf("Accept", pupil.accept().toString());
                close();
            }
            if (!pupil.contacts().isEmpty()) {
                open("Contacts");
                for (Contact contact : pupil.contacts()) {
                    contact(contact);
                }
                close();
            }
            if (!pupil.history().isEmpty()) {
                open("SchoolHistory");
                for (Stay stay : pupil.history()) {
                    open("School");
                    leaf("LEA", stay.school().lea());
                    leaf("Estab", stay.school().estab());
                    leaf("SchoolName", stay.school().name());
                    leaf("EntryDate", stay.entry().toString());
                    leaf("LeavingDate", stay.leaving() == null ? null : stay.leaving().toString());
                    leaf("LeavingReason", stay.leavingReason());
                    close();
                }
                close();
            }
            close();
        }

        private void contact(Contact contact) throws XMLStreamException {
            open("Contact");
            leaf("Order", Integer.toString(contact.order()));
            leaf("Title", contact.title());
            leaf("Surname", contact.surname());
            leaf("Forename", contact.forename());
            leaf("Relationship", contact.relationship());
            leaf("Responsible", contact.responsible() == null ? null : contact.responsible().toString());
            open("Address");
            leaf("AddressAsPupil", "true");
            close();
            if (!contact.phones().isEmpty()) {
                open("Phones");
                for (Phone phone : contact.phones()) {
                    open("Phone");
                    leaf("TelephoneType", phone.type());
                    leaf("PhoneNo", phone.number());
                    close();
                }
                close();
            }
            for (String email : contact.emails()) {
                leaf("Email", email);
            }
            close();
        }

        private void open(String name) throws XMLStreamException {
            indent();
            xml.writeStartElement(name);
            depth++;
        }

        private void close() throws XMLStreamException {
            depth--;
            indent();
            xml.writeEndElement();
        }

        private void leaf(String name, @Nullable String value) throws XMLStreamException {
            if (value == null) {
                return;
            }
            indent();
            xml.writeStartElement(name);
            xml.writeCharacters(value);
            xml.writeEndElement();
        }

        private void indent() throws XMLStreamException {
            xml.writeCharacters("\n" + "  ".repeat(depth));
        }
    }
}
