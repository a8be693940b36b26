package org.misbridge.sync.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.model.ReadIssue;
import org.misbridge.api.model.Snapshot;

/** Adds what the reader read past (a broken unused file, an unknown role) to a change set's data issues. */
public final class ReaderIssues {

    /** The longest reason and field the directory keeps (the dir_data_issue columns). */
    private static final int MAX_REASON = 2000;
    private static final int MAX_FIELD = 128;

    private ReaderIssues() {
    }

    public static ChangeSet record(Snapshot snapshot, ChangeSet planned) {
        if (snapshot.issues().isEmpty()) {
            return planned;
        }
        List<DataIssue> issues = new ArrayList<>(planned.dataIssues());
        issues.addAll(of(snapshot));
        return new ChangeSet(planned.members(), planned.people(), planned.links(), planned.details(), planned.groups(),
                planned.memberships(), issues);
    }

    /** The data issues {@link #record} adds for {@code snapshot}. */
    public static List<DataIssue> of(Snapshot snapshot) {
        List<DataIssue> issues = new ArrayList<>(snapshot.issues().size());
        for (ReadIssue i : snapshot.issues()) {
            issues.add(new DataIssue(i.kind(), i.memberId(), null, cut(i.column(), MAX_FIELD), Objects.requireNonNull(cut(i.describe(), MAX_REASON))));
        }
        return issues;
    }

    private static @Nullable String cut(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
