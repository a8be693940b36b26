package org.misbridge.mis.ctf.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.ParentalResponsibility;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.mis.ctf.internal.dto.CtfContact;
import org.misbridge.mis.ctf.internal.dto.CtfDocument;
import org.misbridge.mis.ctf.internal.dto.CtfHeader;
import org.misbridge.mis.ctf.internal.dto.CtfPupil;
import org.misbridge.mis.ctf.internal.dto.CtfSchoolStay;

/**
 * Walks a CTF ({@code CTfile}) or ATF ({@code ATfile}) document: the header, then each pupil,
 * keeping only what a snapshot needs and checking it as it goes. Anything wrong (root, a required
 * element, a date, a flag, a duplicate pupil) fails the whole file.
 */
final class CtfParser {

    static final String CTF_ROOT = "CTfile";
    static final String ATF_ROOT = "ATfile";
    static final String CTF_DATA = "CTFpupilData";
    static final String ATF_DATA = "ATFpupilData";

    /** Shown with their position in error paths. */
    static final Set<String> INDEXED = Set.of("Pupil", "Contact", "Phone", "Email", "School");

    private static final Set<String> HEADER = KeptPaths.of("DocumentQualifier", "DateTime",
            "SourceSchool/LEA", "SourceSchool/Estab", "DestSchool/LEA", "DestSchool/Estab");

    private static final Set<String> PUPIL = KeptPaths.of("UPN", "ApplicationReference", "Surname", "Forename",
            "RegGroup", "BasicDetails/NCyearActual", "BasicDetails/RegGroup", "Admissions/Accept",
            "Contacts/Contact/Order", "Contacts/Contact/Surname", "Contacts/Contact/Forename",
            "Contacts/Contact/Relationship", "Contacts/Contact/Responsible", "Contacts/Contact/Responsibility",
            "Contacts/Contact/Phones/Phone/TelephoneType", "Contacts/Contact/Phones/Phone/PhoneNo",
            "Contacts/Contact/Email",
            "SchoolHistory/School/LEA", "SchoolHistory/School/Estab",
            "SchoolHistory/School/EntryDate", "SchoolHistory/School/LeavingDate");

    /** A UPN: a check letter, eleven digits and a digit (permanent) or a letter (temporary). */
    private static final Pattern UPN = Pattern.compile("[A-Z]\\d{11}[0-9A-Z]");
    private static final Pattern DFE_NUMBER = Pattern.compile("\\d{7}");

    private final GuardedXml xml;
    private final String fileName;
    private final @Nullable String expectedDfe;

    /**
     * @param expectedDfe when set, the DfE number (LEA + Estab) the file must belong to: a CTF's
     *     source school, an ATF's destination school
     */
    CtfParser(GuardedXml xml, String fileName, @Nullable String expectedDfe) {
        this.xml = xml;
        this.fileName = fileName;
        this.expectedDfe = expectedDfe;
    }

    static boolean isDfeNumber(String value) {
        return DFE_NUMBER.matcher(value).matches();
    }

    CtfDocument parse() throws MisReadException {
        int event = xml.next();
        while (event != XMLStreamConstants.START_ELEMENT) {
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new MisReadException(fileName, "is empty: it has no root element");
            }
            event = xml.next();
        }
        String root = xml.localName();
        if (!root.equals(CTF_ROOT) && !root.equals(ATF_ROOT)) {
            throw xml.fail("the root element is " + root + ", not " + CTF_ROOT + " or " + ATF_ROOT
                    + ": this is not a Common Transfer File");
        }
        boolean atf = root.equals(ATF_ROOT);
        String data = atf ? ATF_DATA : CTF_DATA;
        String otherData = atf ? CTF_DATA : ATF_DATA;
        CtfHeader header = null;
        List<CtfPupil> pupils = null;
        while ((event = xml.next()) != XMLStreamConstants.END_ELEMENT) {
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = xml.localName();
            if (name.equals("Header")) {
                if (header != null) {
                    throw xml.fail("a second Header");
                }
                header = header(xml.readTree(HEADER), atf);
            } else if (name.equals(data)) {
                if (header == null) {
                    throw xml.fail(data + " comes before the Header");
                }
                if (pupils != null) {
                    throw xml.fail("a second " + data);
                }
                pupils = pupils(header);
            } else if (name.equals(otherData)) {
                throw xml.fail("a " + root + " holds " + otherData + "; expected " + data);
            } else {
                xml.skipElement();
            }
        }
        if (header == null) {
            throw xml.fail("the file has no Header");
        }
        if (pupils == null) {
            throw xml.fail("the file has no " + data);
        }
        while (xml.next() != XMLStreamConstants.END_DOCUMENT) {
            // the parser still checks that nothing but comments follows the root element
        }
        return new CtfDocument(fileName, header, pupils);
    }

    private CtfHeader header(XmlNode node, boolean atf) throws MisReadException {
        String qualifier = node.text("DocumentQualifier");
        LocalDateTime written = dateTime(node, "DateTime");
        if (atf && written == null) {
            // an ATF's admission dates are worked out from when it was written
            throw at(node, "DateTime", "an ATF needs the header's DateTime");
        }
        CtfHeader header = new CtfHeader(atf, qualifier != null && qualifier.equalsIgnoreCase("full"), written,
                dfe(node.child("SourceSchool")), dfe(node.child("DestSchool")));
        if (expectedDfe != null) {
            String school = atf ? header.destDfe() : header.sourceDfe();
            String which = atf ? "DestSchool" : "SourceSchool";
            if (!expectedDfe.equals(school)) {
                throw at(node, which, "the file is for school " + (school == null ? "(none given)" : school)
                        + ", not this school's DfE number " + expectedDfe + " (ctf.dfeNumber)");
            }
        }
        return header;
    }

    private static @Nullable String dfe(@Nullable XmlNode school) {
        if (school == null) {
            return null;
        }
        String lea = school.text("LEA");
        String estab = school.text("Estab");
        return lea == null || estab == null ? null : lea + estab;
    }

    private List<CtfPupil> pupils(CtfHeader header) throws MisReadException {
        List<CtfPupil> pupils = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        int event;
        while ((event = xml.next()) != XMLStreamConstants.END_ELEMENT) {
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (!xml.localName().equals("Pupil")) {
                xml.skipElement();
                continue;
            }
            XmlNode node = xml.readTree(PUPIL);
            CtfPupil pupil = pupil(node, header.atf());
            String earlier = seen.putIfAbsent(pupil.id(), node.path());
            if (earlier != null) {
                throw at(node, pupil.upn() != null ? "UPN" : "ApplicationReference",
                        "pupil " + pupil.id() + " is already in the file at " + earlier);
            }
            pupils.add(pupil);
        }
        return pupils;
    }

    private CtfPupil pupil(XmlNode node, boolean atf) throws MisReadException {
        String upn = node.text("UPN");
        if (upn != null) {
            upn = upn.toUpperCase(Locale.ROOT);
            if (!UPN.matcher(upn).matches()) {
                throw at(node, "UPN", MisReadException.quote(upn) + " is not a UPN (a letter, 11 digits and a digit or letter)");
            }
        }
        String reference = atf ? node.text("ApplicationReference") : null;
        if (upn == null && reference == null) {
            throw at(node, "UPN", atf ? "an applicant needs a UPN or an ApplicationReference" : "the UPN is missing");
        }
        String id = upn != null ? upn : "atf-" + reference;
        String surname = required(node, "Surname");
        String forename = required(node, "Forename");
        String registration = node.text("BasicDetails/RegGroup");
        if (registration == null) {
            registration = node.text("RegGroup");
        }
        Boolean accept = atf ? bool(node, "Admissions/Accept") : null;
        List<CtfContact> contacts = new ArrayList<>();
        XmlNode contactList = node.child("Contacts");
        if (contactList != null) {
            List<XmlNode> all = contactList.all("Contact");
            for (XmlNode contact : all) {
                contacts.add(contact(contact));
            }
        }
        List<CtfSchoolStay> history = new ArrayList<>();
        XmlNode schools = node.child("SchoolHistory");
        if (schools != null) {
            for (XmlNode school : schools.all("School")) {
                history.add(new CtfSchoolStay(dfe(school), date(school, "EntryDate"), date(school, "LeavingDate")));
            }
        }
        return new CtfPupil(id, upn, forename, surname, node.text("BasicDetails/NCyearActual"), registration,
                accept, contacts, history);
    }

    /** A contact; with no {@code Order} it is unranked (0): its place in the pupil's list says nothing. */
    private CtfContact contact(XmlNode node) throws MisReadException {
        String orderText = node.text("Order");
        int order = 0;
        if (orderText != null) {
            try {
                order = Integer.parseInt(orderText);
            } catch (NumberFormatException e) {
                order = 0;
            }
            if (order < 1) {
                throw at(node, "Order", "Order " + MisReadException.quote(orderText) + " is not a whole number from 1");
            }
        }
        String surname = required(node, "Surname");
        String forename = node.text("Forename");
        String flag = node.child("Responsible") != null ? "Responsible" : "Responsibility";
        Boolean responsible = bool(node, flag);
        ParentalResponsibility responsibility = responsible == null ? ParentalResponsibility.UNKNOWN
                : responsible ? ParentalResponsibility.YES : ParentalResponsibility.NO;
        List<Telephone> telephones = new ArrayList<>();
        XmlNode phones = node.child("Phones");
        if (phones != null) {
            for (XmlNode phone : phones.all("Phone")) {
                String number = phone.text("PhoneNo");
                if (number != null) {
                    telephones.add(new Telephone(number, telephoneType(phone.text("TelephoneType"))));
                }
            }
        }
        List<Email> emails = new ArrayList<>();
        for (XmlNode email : node.all("Email")) {
            String address = email.text().strip();
            if (!address.isEmpty()) {
                // CTF gives a contact's email no location; it is their own, so Home
                emails.add(new Email(address, EmailLocation.HOME));
            }
        }
        return new CtfContact(order, forename == null ? "" : forename, surname, node.text("Relationship"),
                responsibility, telephones, emails);
    }

    /** CTF telephone type codes: M mobile, H home, W work; every other code (F fax, D day, E evening, …) is OTHER. */
    static TelephoneType telephoneType(@Nullable String code) {
        if (code == null) {
            return TelephoneType.OTHER;
        }
        return switch (code.toUpperCase(Locale.ROOT)) {
            case "M" -> TelephoneType.MOBILE;
            case "H" -> TelephoneType.HOME;
            case "W" -> TelephoneType.WORK;
            default -> TelephoneType.OTHER;
        };
    }

    /** An error at {@code parent}'s descendant {@code child}, or where it should have been. */
    private MisReadException at(XmlNode parent, String child, String message) {
        XmlNode node = parent.at(child);
        return node != null ? xml.fail(node, null, message) : xml.fail(parent, child, message);
    }

    private String required(XmlNode node, String child) throws MisReadException {
        String value = node.text(child);
        if (value == null) {
            throw at(node, child, child + (node.child(child) != null ? " is empty" : " is missing"));
        }
        return value;
    }

    /** An xs:boolean ({@code true}/{@code false}/{@code 1}/{@code 0}), or null when absent. */
    private @Nullable Boolean bool(XmlNode node, String child) throws MisReadException {
        String value = node.text(child);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw at(node, child, MisReadException.quote(value) + " is not true or false");
        };
    }

    private @Nullable LocalDate date(XmlNode node, String child) throws MisReadException {
        String value = node.text(child);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw at(node, child, MisReadException.quote(value) + " is not a date (CTF dates are YYYY-MM-DD)");
        }
    }

    /** The header's DateTime: {@code YYYY-MM-DDThh:mm:ss}, with or without an offset, or a plain date. */
    private @Nullable LocalDateTime dateTime(XmlNode node, String child) throws MisReadException {
        String value = node.text(child);
        if (value == null) {
            return null;
        }
        try {
            if (value.indexOf('T') < 0) {
                return LocalDate.parse(value).atStartOfDay();
            }
            try {
                return LocalDateTime.parse(value);
            } catch (DateTimeException withOffset) {
                return OffsetDateTime.parse(value).toLocalDateTime();
            }
        } catch (DateTimeException e) {
            throw at(node, child, MisReadException.quote(value) + " is not a date-time (YYYY-MM-DDThh:mm:ss)");
        }
    }
}
