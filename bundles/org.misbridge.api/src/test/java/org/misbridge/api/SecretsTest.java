package org.misbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    private static final String SECRET = "s3cret-Value-7d1";

    @TempDir
    Path dir;

    @Test
    void aSecretComesFromTheFileItsConfigurationNames() throws Exception {
        Files.writeString(dir.resolve("greenfield-oneroster"), SECRET + "\n");
        assertThat(Secrets.read("greenfield", "rest.clientSecret", "greenfield-oneroster", null, dir.toString()))
                .contains(SECRET);
    }

    @Test
    void aSecretComesFromTheEnvironmentVariableItsConfigurationNames() {
        assertThat(Secrets.read("greenfield", "wonde.token", null, "WONDE_GREENFIELD", null,
                name -> name.equals("WONDE_GREENFIELD") ? " " + SECRET + " " : null)).contains(SECRET);
    }

    @Test
    void noFileAndNoVariableMeansNoSecret() {
        assertThat(Secrets.read("greenfield", "meals.password", "", " ", null, name -> SECRET)).isEmpty();
    }

    @Test
    void anUnsetVariableIsRefusedByName() {
        assertThatThrownBy(() -> Secrets.read("greenfield", "wonde.token", null, "WONDE_MISSING", null, name -> null))
                .hasMessageContaining("school greenfield").hasMessageContaining("wonde.tokenEnv")
                .hasMessageContaining("WONDE_MISSING").hasMessageContaining("not set");
    }

    @Test
    void aValuePastedWhereTheVariableNameGoesIsRefusedWithoutQuotingMoreThanTheName() {
        assertThatThrownBy(() -> Secrets.read("greenfield", "wonde.token", null, "abc-def", null, name -> null))
                .hasMessageContaining("is not an environment variable name");
    }

    @Test
    void aFileAndAVariableTogetherAreRefused() {
        assertThatThrownBy(() -> Secrets.read("greenfield", "meals.token", "f", "V", null, name -> SECRET))
                .hasMessageContaining("meals.tokenFile and meals.tokenEnv are both set")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void anUnreadableEmptyOrHugeFileIsRefusedWithoutItsContent() throws Exception {
        assertThatThrownBy(() -> Secrets.read("greenfield", "rest.token", dir.resolve("none").toString(), null, null))
                .hasMessageContaining("rest.tokenFile").hasMessageContaining("cannot be read (NoSuchFileException)");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> Secrets.read("greenfield", "rest.token", empty.toString(), null, null))
                .hasMessageContaining("is empty");
        Path huge = Files.writeString(dir.resolve("huge"), SECRET.repeat(1000));
        assertThatThrownBy(() -> Secrets.read("greenfield", "rest.token", huge.toString(), null, null))
                .hasMessageContaining("larger than").hasMessageNotContaining(SECRET);
    }

    @Test
    void aSecretWrittenIntoTheConfigurationIsRefusedUnderEitherName() {
        assertThatThrownBy(() -> Secrets.refuseInline("greenfield", Map.of(".wonde.token", SECRET), "wonde.token"))
                .hasMessageContaining(".wonde.token holds the wonde.token itself").hasMessageContaining("wonde.tokenFile")
                .hasMessageContaining("wonde.tokenEnv").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> Secrets.refuseInline("greenfield", Map.of("meals.password", SECRET),
                "meals.token", "meals.password")).hasMessageContaining("meals.password holds").hasMessageNotContaining(SECRET);
        Secrets.refuseInline("greenfield", Map.of("meals.passwordFile", "/x", "meals.password", " "), "meals.password");
    }
}
