package org.misbridge.oneroster.provider.internal.schema;

import static org.misbridge.oneroster.provider.internal.query.FieldType.BOOLEAN;
import static org.misbridge.oneroster.provider.internal.query.FieldType.DATE;
import static org.misbridge.oneroster.provider.internal.query.FieldType.ENUM;
import static org.misbridge.oneroster.provider.internal.query.FieldType.STRING_ARRAY;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.misbridge.oneroster.provider.internal.query.FieldSchema;

/**
 * The fields of the OneRoster 1.2 rostering JSON binding's records, per collection. The endpoints
 * that serve a subset of a collection ({@code schools}, {@code terms}, {@code students},
 * {@code teachers}) have the same fields under their own name. A user's {@code password} is left
 * out on purpose: the directory holds none and a provider should never serve one.
 */
public final class RosterSchemas {
    public static final FieldSchema ORGS = orgs("orgs");
    public static final FieldSchema ACADEMIC_SESSIONS = academicSessions("academicSessions");
    public static final FieldSchema COURSES = courses();
    public static final FieldSchema CLASSES = classes();
    public static final FieldSchema ENROLLMENTS = enrollments();
    public static final FieldSchema USERS = users("users");
    public static final FieldSchema DEMOGRAPHICS = demographics();

    private static final Map<String, FieldSchema> BY_COLLECTION = index();

    private RosterSchemas() {
    }

    /** The schema of an endpoint's collection, e.g. {@code teachers}, or null for none. */
    public static @Nullable FieldSchema of(String collection) {
        return BY_COLLECTION.get(collection);
    }

    public static Map<String, FieldSchema> all() {
        return BY_COLLECTION;
    }

    private static Map<String, FieldSchema> index() {
        Map<String, FieldSchema> index = new LinkedHashMap<>();
        for (FieldSchema schema : new FieldSchema[] {ORGS, orgs("schools"), ACADEMIC_SESSIONS,
                academicSessions("terms"), COURSES, CLASSES, ENROLLMENTS, USERS, users("students"),
                users("teachers"), DEMOGRAPHICS}) {
            index.put(schema.collection(), schema);
        }
        return Collections.unmodifiableMap(index);
    }

    private static FieldSchema orgs(String name) {
        return build(name, b -> b.string("name").field("type", ENUM).string("identifier")
                .ref("parent").refs("children"));
    }

    private static FieldSchema academicSessions(String name) {
        return build(name, b -> b.string("title").field("startDate", DATE).field("endDate", DATE)
                .field("type", ENUM).ref("parent").refs("children").string("schoolYear").ref("org"));
    }

    private static FieldSchema courses() {
        return build("courses", b -> b.string("title").ref("schoolYear").string("courseCode")
                .field("grades", STRING_ARRAY).field("subjects", STRING_ARRAY).ref("org")
                .field("subjectCodes", STRING_ARRAY).refs("resources"));
    }

    private static FieldSchema classes() {
        return build("classes", b -> b.string("title", "classCode").field("classType", ENUM).string("location")
                .field("grades", STRING_ARRAY).field("subjects", STRING_ARRAY).ref("course").ref("school")
                .refs("terms").field("subjectCodes", STRING_ARRAY).field("periods", STRING_ARRAY)
                .refs("resources"));
    }

    private static FieldSchema enrollments() {
        return build("enrollments", b -> b.ref("user").ref("class").ref("school").field("role", ENUM)
                .field("primary", BOOLEAN).field("beginDate", DATE).field("endDate", DATE));
    }

    private static FieldSchema users(String name) {
        return build(name, b -> b.string("userMasterIdentifier", "username")
                .objects("userIds", id -> id.string("type", "identifier"))
                .field("enabledUser", BOOLEAN)
                .string("givenName", "familyName", "middleName", "preferredFirstName", "preferredMiddleName",
                        "preferredLastName", "pronouns")
                .objects("roles", role -> role.field("roleType", ENUM).field("role", ENUM).ref("org")
                        .string("userProfile").field("beginDate", DATE).field("endDate", DATE))
                .objects("userProfiles", profile -> profile.string("profileId", "profileType", "vendorId",
                        "applicationId", "description"))
                .string("identifier", "email", "sms", "phone")
                .refs("agents").ref("primaryOrg").field("grades", STRING_ARRAY).refs("resources"));
    }

    private static FieldSchema demographics() {
        return build("demographics", b -> b.field("birthDate", DATE).field("sex", ENUM)
                .field("americanIndianOrAlaskaNative", BOOLEAN).field("asian", BOOLEAN)
                .field("blackOrAfricanAmerican", BOOLEAN).field("nativeHawaiianOrOtherPacificIslander", BOOLEAN)
                .field("white", BOOLEAN).field("demographicRaceTwoOrMoreRaces", BOOLEAN)
                .field("hispanicOrLatinoEthnicity", BOOLEAN)
                .string("countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth", "publicSchoolResidenceStatus"));
    }

    private static FieldSchema build(String name, Function<FieldSchema.Builder, FieldSchema.Builder> fields) {
        return fields.apply(FieldSchema.builder(name).base()).build();
    }
}
