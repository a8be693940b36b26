package org.misbridge.api.directory;

/**
 * What a comms platform reports back about a message it tried to deliver. Three permanent bounces,
 * one spam complaint or three failed texts block the detail (DOMAIN.md rule 8).
 */
public enum DeliveryFeedback {
    PERMANENT_BOUNCE(3),
    SPAM_COMPLAINT(1),
    FAILED_TEXT(3);

    private final int blocksAfter;

    DeliveryFeedback(int blocksAfter) {
        this.blocksAfter = blocksAfter;
    }

    /** How many reports of this kind block a detail. */
    public int blocksAfter() {
        return blocksAfter;
    }
}
