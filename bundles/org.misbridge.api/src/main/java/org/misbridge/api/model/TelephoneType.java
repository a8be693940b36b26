package org.misbridge.api.model;

/** The kind of telephone line; only MOBILE can receive texts. */
public enum TelephoneType {
    MOBILE,
    HOME,
    WORK,
    OTHER
}
