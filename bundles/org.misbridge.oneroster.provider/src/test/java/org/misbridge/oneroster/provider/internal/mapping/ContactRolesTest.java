package org.misbridge.oneroster.provider.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A contact's OneRoster role from the relationship the MIS gives as free text. */
class ContactRolesTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "NULL, parent",
        "'', parent",
        "Mother, parent",
        "Father, parent",
        "Step-father, parent",
        "Parent, parent",
        "Foster Parent, guardian",
        "Carer, guardian",
        "Legal Guardian, guardian",
        "Social Worker, guardian",
        "Grandmother, relative",
        "Grandfather, relative",
        "Aunt, relative",
        "Brother, relative",
        "Family Friend, relative",
    })
    void theRoleFollowsTheRelationship(String relationship, String role) {
        assertThat(ContactRoles.roleOf(relationship)).isEqualTo(role);
    }
}
