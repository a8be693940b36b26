package org.misbridge.api.directory;

/** Who created a row; import only ever changes rows it created itself. */
public enum Origin {
    IMPORT,
    MANUAL,
    WEB
}
