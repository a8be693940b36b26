package org.misbridge.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.misbridge.api.KeptReadsUse;

/** The kept reads' budget in the exposition: each figure under its name and type, as the budget gave it. */
class KeptReadGaugesTest {

    /** Figures as a budget would give them; the budget itself is tested in the OneRoster bundle. */
    private record Figures(long usedBytes, long budgetBytes, int keptReads, long letGo) implements KeptReadsUse {
    }

    @Test
    void eachFigureIsExposedUnderItsNameAndType() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out,
                new MetricSnapshots(KeptReadGauges.read(new Figures(34_201_600, 536_870_912, 2, 7))));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("# TYPE misbridge_kept_reads_bytes gauge\n")
                .contains("\nmisbridge_kept_reads_bytes 3.42016E7\n")
                .contains("# TYPE misbridge_kept_reads_budget_bytes gauge\n")
                .contains("\nmisbridge_kept_reads_budget_bytes 5.36870912E8\n")
                .contains("# TYPE misbridge_kept_reads gauge\n")
                .contains("\nmisbridge_kept_reads 2.0\n")
                .contains("# TYPE misbridge_kept_reads_let_go_total counter\n")
                .contains("\nmisbridge_kept_reads_let_go_total 7.0\n");
    }
}
