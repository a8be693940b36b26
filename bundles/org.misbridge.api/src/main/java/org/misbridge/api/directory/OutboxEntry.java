package org.misbridge.api.directory;

import java.util.Objects;

/**
 * A message for another system (the meal manager, say), recorded in the same transaction as the
 * directory change that caused it, and kept until that system has acknowledged it.
 *
 * @param topic the receiver, e.g. {@code meals}
 * @param key what the message is about, e.g. a member id
 * @param payload the message, as the receiver's exporter wrote it (JSON)
 */
public record OutboxEntry(String topic, String key, String payload) {
    public OutboxEntry {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
    }
}
