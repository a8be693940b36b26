package org.misbridge.api;

/**
 * The EventAdmin events a bundle serving the directory over HTTP (the OneRoster provider) posts, one
 * per request answered, for metrics: the route as a template (never the raw path, which holds ids),
 * the status and how long it took. Posted asynchronously; nothing is counted with no EventAdmin.
 */
public final class ServedRequests {

    /** One request answered. */
    public static final String TOPIC = "org/misbridge/served/REQUEST";
    /** What serves it, e.g. {@code oneroster}. */
    public static final String SERVICE = "service";
    /** The route template, e.g. {@code /rostering/v1p2/classes/{id}/students}, or {@code unknown}. */
    public static final String ENDPOINT = "endpoint";
    /** The HTTP status answered (an int). */
    public static final String STATUS = "status";
    /** How long the answer took, in milliseconds (a double). */
    public static final String DURATION_MILLIS = "durationMillis";
    /** The client a data request came from, when its token was good; absent otherwise. */
    public static final String CLIENT = "client";

    private ServedRequests() {
    }
}
