package org.misbridge.oneroster.provider.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.misbridge.oneroster.provider.internal.query.FieldSchema;
import org.misbridge.oneroster.provider.internal.query.FieldType;

/** The 1.2 collections with the fields and types the JSON binding gives them. */
class RosterSchemasTest {

    @Test
    void everyEndpointCollectionHasASchemaUnderItsOwnName() {
        assertThat(RosterSchemas.all().keySet()).containsExactly("orgs", "schools", "academicSessions", "terms",
                "courses", "classes", "enrollments", "users", "students", "teachers", "demographics");
        RosterSchemas.all().forEach((name, schema) -> assertThat(schema.collection()).isEqualTo(name));
    }

    @Test
    void everyRecordHasTheBaseFields() {
        for (FieldSchema schema : RosterSchemas.all().values()) {
            assertThat(schema.typeOf("sourcedId")).isEqualTo(FieldType.STRING);
            assertThat(schema.typeOf("status")).isEqualTo(FieldType.ENUM);
            assertThat(schema.typeOf("dateLastModified")).isEqualTo(FieldType.DATETIME);
            assertThat(schema.typeOf("metadata")).isEqualTo(FieldType.OBJECT);
        }
    }

    @Test
    void usersHaveRolesAndAgentsWithTheirLeaves() {
        FieldSchema users = RosterSchemas.USERS;
        assertThat(users.typeOf("roles")).isEqualTo(FieldType.OBJECT_ARRAY);
        assertThat(users.typeOf("roles.role")).isEqualTo(FieldType.ENUM);
        assertThat(users.typeOf("roles.roleType")).isEqualTo(FieldType.ENUM);
        assertThat(users.typeOf("roles.org.sourcedId")).isEqualTo(FieldType.STRING);
        assertThat(users.typeOf("roles.beginDate")).isEqualTo(FieldType.DATE);
        assertThat(users.typeOf("agents")).isEqualTo(FieldType.OBJECT_ARRAY);
        assertThat(users.typeOf("agents.sourcedId")).isEqualTo(FieldType.STRING);
        assertThat(users.typeOf("enabledUser")).isEqualTo(FieldType.BOOLEAN);
        assertThat(users.typeOf("password")).as("never served").isNull();
        assertThat(users.throughList("roles.org.sourcedId")).isTrue();
        assertThat(users.throughList("primaryOrg.sourcedId")).isFalse();
    }

    @Test
    void datesAndDatetimesAreTypedSoTheyCompareAsSuch() {
        assertThat(RosterSchemas.ACADEMIC_SESSIONS.typeOf("startDate")).isEqualTo(FieldType.DATE);
        assertThat(RosterSchemas.ENROLLMENTS.typeOf("beginDate")).isEqualTo(FieldType.DATE);
        assertThat(RosterSchemas.DEMOGRAPHICS.typeOf("birthDate")).isEqualTo(FieldType.DATE);
        assertThat(RosterSchemas.ENROLLMENTS.typeOf("class.sourcedId")).isEqualTo(FieldType.STRING);
        assertThat(RosterSchemas.CLASSES.typeOf("terms")).isEqualTo(FieldType.OBJECT_ARRAY);
        assertThat(RosterSchemas.COURSES.typeOf("grades")).isEqualTo(FieldType.STRING_ARRAY);
    }

    @Test
    void fieldsSelectsTopLevelFieldsOnly() {
        assertThat(RosterSchemas.ENROLLMENTS.topLevelFields()).containsExactly("sourcedId", "status",
                "dateLastModified", "metadata", "user", "class", "school", "role", "primary", "beginDate", "endDate");
    }
}
