package org.misbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettingListsTest {

    private static final String EXPECTED = "priorities, e.g. 1,2";

    @Test
    void aCfgFilesCommaSeparatedTextAndATypedArrayReadAlike() {
        assertThat(SettingLists.positiveIntegers("k", new String[] {"1,2"}, EXPECTED)).containsExactly(1, 2);
        assertThat(SettingLists.positiveIntegers("k", new String[] {" 1 , 2 "}, EXPECTED)).containsExactly(1, 2);
        assertThat(SettingLists.positiveIntegers("k", new String[] {"1", "2"}, EXPECTED)).containsExactly(1, 2);
        assertThat(SettingLists.entries("k", new String[] {"contacts, groups"}, EXPECTED)).containsExactly("contacts", "groups");
        assertThat(SettingLists.entries("k", new String[] {""}, EXPECTED)).isEmpty();
    }

    @Test
    void aBadValueNamesTheKeyTheEntryAndWhatIsExpected() {
        assertThatThrownBy(() -> SettingLists.positiveIntegers("contacts.primePriorities", new String[] {"1,x"}, EXPECTED))
                .hasMessage("contacts.primePriorities: 'x' is not a whole number; expected priorities, e.g. 1,2");
        // Integer.parseInt would take Arabic-Indic digits and a sign; a setting does not
        assertThatThrownBy(() -> SettingLists.positiveIntegers("k", new String[] {"\u0663"}, EXPECTED)).hasMessageContaining("'\u0663'");
        assertThatThrownBy(() -> SettingLists.positiveIntegers("k", new String[] {"+1"}, EXPECTED)).hasMessageContaining("'+1'");
        assertThatThrownBy(() -> SettingLists.positiveIntegers("k", new String[] {"0"}, EXPECTED)).hasMessageContaining("from 1");
        assertThatThrownBy(() -> SettingLists.positiveIntegers("k", new String[] {"1,,2"}, EXPECTED)).hasMessageContaining("empty entry");
        assertThatThrownBy(() -> SettingLists.positiveIntegers("k", new String[] {" "}, EXPECTED)).hasMessage("k is empty; expected "
                + EXPECTED);
        assertThatThrownBy(() -> SettingLists.positiveIntegers("k", new String[] {"99999999999"}, EXPECTED)).hasMessageContaining("too large");
    }
}
