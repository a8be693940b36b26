package org.misbridge.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Hashtable;
import org.junit.jupiter.api.Test;

/** What a refused configuration's cause says: the component's own message, one line, no secret. */
class ConfiguredSchoolsTest {

    @Test
    void theCauseIsTheComponentsOwnMessageWithoutTheExceptionOrItsWrappers() {
        String felix = "java.lang.reflect.InvocationTargetException\n\tat java.base/jdk.internal.reflect.X.newInstance(X.java:1)\n"
                + "Caused by: java.lang.IllegalArgumentException: school inline: rest.clientSecret holds the secret itself;"
                + " give it in rest.clientSecretFile or rest.clientSecretEnv\n\tat org.misbridge.Y.z(Y.java:2)\n"
                + "Caused by: java.nio.file.NoSuchFileException: /nowhere\n\t... 3 more\n";
        assertThat(ConfiguredSchools.failure(felix)).isEqualTo("school inline: rest.clientSecret holds the secret itself;"
                + " give it in rest.clientSecretFile or rest.clientSecretEnv");
    }

    @Test
    void userInfoInAUrlIsMaskedAndALongMessageCut() {
        String felix = "java.lang.IllegalArgumentException: rest.baseUrl 'ftp://me:s3cret@mis.example.org/x' is not http\n";
        assertThat(ConfiguredSchools.failure(felix)).isEqualTo("rest.baseUrl 'ftp://***@mis.example.org/x' is not http")
                .doesNotContain("s3cret");
        assertThat(ConfiguredSchools.failure("java.lang.IllegalArgumentException: school x: meals.password=hunter2hunter2"
                + " is written in the file\n")).doesNotContain("hunter2");
        assertThat(ConfiguredSchools.failure("java.lang.IllegalStateException: " + "x".repeat(2000))).hasSize(601);
        assertThat(ConfiguredSchools.failure(null)).contains("log:display");
    }

    @Test
    void aFileIsTheSchoolItIsNamedForElseItsSchoolId() {
        Hashtable<String, Object> file = new Hashtable<>();
        file.put("felix.fileinstall.filename", "file:/opt/karaf/etc/org.misbridge.sync-oakwood.cfg");
        file.put("school.id", "demo");
        assertThat(ConfiguredSchools.schoolOf("org.misbridge.sync", "org.misbridge.sync~oakwood", file)).isEqualTo("oakwood");
        Hashtable<String, Object> made = new Hashtable<>();
        made.put("school.id", "demo");
        assertThat(ConfiguredSchools.schoolOf("org.misbridge.mis.oneroster", "org.misbridge.mis.oneroster.4f2a", made))
                .isEqualTo("demo");
    }
}
