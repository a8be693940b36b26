package org.misbridge.meals.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.testkit.SchoolGenerator;

/** Where a school's meals.dropFolder may be: relative to the Karaf home, never in etc/ or deploy/. */
class MealsDropFolderTest {

    @TempDir
    Path home;

    private SchoolWithMeals school;
    private String oldHome;
    private String oldEtc;

    @BeforeEach
    void karaf() throws Exception {
        oldHome = System.getProperty("karaf.home");
        oldEtc = System.getProperty("karaf.etc");
        System.setProperty("karaf.home", home.toString());
        System.setProperty("karaf.etc", Files.createDirectories(home.resolve("etc")).toString());
        SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of("org-drop", 20, 3L), home.resolve("mis"));
        school = new SchoolWithMeals("drop", home.resolve("mis"), Map.of());
        assertThat(school.sync().outcome()).isEqualTo(SyncOutcome.SUCCESS);
    }

    @AfterEach
    void restore() {
        if (school.exporter != null) {
            school.stopMeals();
        }
        restore("karaf.home", oldHome);
        restore("karaf.etc", oldEtc);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void aDropFolderInEtcOrDeployIsRefusedWhenConfigured() throws Exception {
        for (String folder : new String[] {"etc", "etc/meals", home.resolve("etc/meals").toString(), "deploy", "demo/../etc"}) {
            assertThatThrownBy(() -> school.startMeals(Map.of("meals_dropFolder", folder))).as(folder)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("meals of school drop: meals.dropFolder").hasMessageContaining("is inside");
        }
        try (Stream<Path> etc = Files.list(home.resolve("etc"))) {
            assertThat(etc).isEmpty();
        }
    }

    @Test
    void aRelativeDropFolderIsTakenFromTheKarafHome() throws Exception {
        school.startMeals(Map.of("meals_dropFolder", "demo/meals-out"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.isDirectory(home.resolve("demo/meals-out"))
                && school.directory.outbox().pendingCount("drop", MealsPolicy.TOPIC) == 0);
        try (Stream<Path> files = Files.list(home.resolve("demo/meals-out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).isNotEmpty().allMatch(n -> n.matches("drop-meals-\\d+-\\d+\\.csv"));
        }
    }
}
