package org.misbridge.sync.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.misbridge.api.directory.ChangeSet;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.spi.Notifier.Change;
import org.misbridge.api.spi.Notifier.DetailNotification;

/**
 * The notifications a committed change set calls for (rule 9): one per imported detail that is new,
 * or that replaced the owner's earlier detail of the same kind. Blocked details are never announced.
 */
public final class DetailNotifications {

    private DetailNotifications() {
    }

    public static List<DetailNotification> of(ChangeSet changes) {
        Set<String> replaced = new HashSet<>();
        changes.details().removed().forEach(d -> replaced.add(d.ownerId() + '\u0000' + d.kind()));
        return changes.details().created().stream()
                .filter(d -> d.origin() == Origin.IMPORT && !d.blocked())
                .map(d -> new DetailNotification(d.ownerId(), d.kind(), d.value(),
                        replaced.contains(ownerKind(d)) ? Change.CHANGED : Change.NEW))
                .toList();
    }

    private static String ownerKind(ContactDetail d) {
        return d.ownerId() + '\u0000' + d.kind();
    }
}
