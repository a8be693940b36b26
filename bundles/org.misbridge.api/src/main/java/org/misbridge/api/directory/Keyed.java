package org.misbridge.api.directory;

/** A directory row with a key that is unique within its school and kind of row. */
public interface Keyed {
    String key();
}
