package org.misbridge.sync.plan;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.model.ApplicationStatus;

/** Which application statuses make a pre-admission importable (rule 1): never Rejected or Withdrawn. */
final class PreAdmissions {

    private static final Set<ApplicationStatus> IMPORTABLE = EnumSet.of(ApplicationStatus.APPLIED,
            ApplicationStatus.OFFERED, ApplicationStatus.ACCEPTED, ApplicationStatus.RESERVED, ApplicationStatus.ADMITTED);

    private PreAdmissions() {
    }

    static boolean importable(@Nullable ApplicationStatus status) {
        return status != null && IMPORTABLE.contains(status);
    }
}
