package org.misbridge.sync.internal;

import java.util.List;
import java.util.function.Consumer;
import org.misbridge.api.spi.Notifier.DetailNotification;

/**
 * Whether a school announces new or changed details (off by default) and where they go. A first
 * import would announce every detail of the school, a text per contact, so it is held back unless
 * the school asks for it too.
 */
record NotifyPolicy(boolean enabled, boolean onFirstImport, Consumer<List<DetailNotification>> sink) {

    static final NotifyPolicy OFF = new NotifyPolicy(false, false, n -> { });
}
