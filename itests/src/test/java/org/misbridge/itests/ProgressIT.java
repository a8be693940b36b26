package org.misbridge.itests;

import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 19, item 7: through {@code bin/client -b}, as a script reads it, each progress line of a large school's
 * sync arrives when its step ends, and the write says how far it got while it lasts, instead of everything
 * arriving at once when the command ends.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProgressIT extends MisBridgeTestSupport {

    @Configuration
    public Option[] config() {
        // large enough that the write takes seconds on an idle machine too (6,000 students wrote in 0.9 s)
        return with(baseOptions(), GeneratedSchoolOptions.generate("org-large", 20000, 23L));
    }

    @Test
    public void eachProgressLineReachesAScriptWhenItsStepEnds() throws Exception {
        dropConfig("org.misbridge.mis.oneroster-large.cfg", "school.id=large\ncsv.path=" + System.getProperty("it.school.path")
                + "\norg.sourcedId=" + System.getProperty("it.school.org") + "\n");
        dropConfig("org.misbridge.sync-large.cfg", "school.id=large\nreader.target=(school.id=large)\nschedule=\n");
        awaitSchoolsRunning("large");

        List<BatchClient.Line> lines = BatchClient.ofThisHost().runTimed("karaf", "karaf", 300, "school:sync large");

        BatchClient.Line planned = first(lines, "large: planned ");
        BatchClient.Line applied = first(lines, "large: applied in ");
        BatchClient.Line synced = first(lines, "Synced large: ");
        double applySeconds = Double.parseDouble(applied.text().replaceAll(".*applied in ([0-9.]+) s.*", "$1"));
        long waitedMillis = synced.atMillis() - planned.atMillis();
        String seen = lines.toString();
        // the plan's line came while the write was still to be done, not with the result
        assertTrue(String.format(Locale.ROOT, "apply %.1f s, but the plan's line came %d ms before the result: %s",
                applySeconds, waitedMillis, seen), applySeconds >= 1.0 && waitedMillis >= applySeconds * 1000 / 2);
        // and every line that came while writing came in between (the write's own progress, from 2 s on)
        assertTrue(seen, lines.stream().filter(l -> l.text().contains("large: applying: "))
                .allMatch(l -> l.atMillis() > planned.atMillis() && l.atMillis() <= applied.atMillis()));
    }

    private static BatchClient.Line first(List<BatchClient.Line> lines, String text) {
        return lines.stream().filter(l -> l.text().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + text + "' in " + lines));
    }
}
