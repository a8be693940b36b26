package org.misbridge.mis.oneroster.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The host's budget for the reads OneRoster CSV readers keep with {@code oneroster.csv.deltas=auto}. */
@ObjectClassDefinition(name = "MIS Bridge OneRoster: memory for kept reads",
        description = "How much of the heap every school's OneRoster CSV reader together may keep its last read in, "
                + "with oneroster.csv.deltas=auto. The reads used longest ago are let go first; a school whose read "
                + "is not kept reads every file at its next sync.")
public @interface KeptReadsConfiguration {

    @AttributeDefinition(name = "Share of the heap (%)", description = "Of the heap the JVM may grow to (-Xmx), "
            + "0 to 90. 0 keeps no read for schools with deltas auto; schools with deltas true are not counted.",
            min = "0", max = "90")
    int keptReads_heapPercent() default KeptReads.DEFAULT_HEAP_PERCENT;
}
