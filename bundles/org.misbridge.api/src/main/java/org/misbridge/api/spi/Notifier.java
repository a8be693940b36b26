package org.misbridge.api.spi;

import java.util.List;
import org.misbridge.api.directory.DetailKind;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Tells people about new or changed contact details (rule 9), for example by sending a welcome
 * text. Called after a sync has committed, once per sync, only for schools that switched
 * {@code notify.newOrChangedDetails} on. A notifier registered with a {@code school.id} service
 * property hears only about that school.
 */
@ConsumerType
public interface Notifier {

    void notify(String schoolId, List<DetailNotification> notifications);

    /** One new or changed email address or mobile number of a linked adult (or a member). */
    record DetailNotification(String ownerId, DetailKind kind, String value, Change change) {
    }

    enum Change {
        /** The owner had no detail of this kind before. */
        NEW,
        /** The owner's detail of this kind was replaced by this value. */
        CHANGED
    }
}
