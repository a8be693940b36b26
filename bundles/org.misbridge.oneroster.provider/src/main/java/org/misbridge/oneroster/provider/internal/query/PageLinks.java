package org.misbridge.oneroster.provider.internal.query;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paging headers of a collection response: {@code X-Total-Count} and an RFC 8288 {@code Link}
 * with {@code first}, {@code prev}, {@code next} and {@code last}. Pages lie on a grid of
 * {@code limit} from offset 0: {@code last} is the page that holds the final record (offset 0 when
 * there are none), {@code prev} steps back one limit (to {@code last} when the offset is past the end),
 * and {@code next} is given only while records remain. Every other parameter of the request is kept.
 */
public final class PageLinks {
    private PageLinks() {
    }

    /**
     * @param path       the collection's URL without a query, e.g. {@code https://host/ims/oneroster/rostering/v1p2/users}
     * @param parameters the request's other parameters, decoded, in the order to write them (limit and offset are replaced)
     */
    public static Map<String, String> headers(String path, Map<String, String> parameters, Page page) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Total-Count", Integer.toString(page.total()));
        headers.put("Link", link(path, parameters, page.total(), page.limit(), page.offset()));
        return headers;
    }

    static String link(String path, Map<String, String> parameters, int total, int limit, int offset) {
        long last = total == 0 ? 0 : (long) (total - 1) / limit * limit;
        StringBuilder link = new StringBuilder();
        append(link, path, parameters, limit, 0, "first");
        if (offset > 0) {
            append(link, path, parameters, limit, Math.max(0, Math.min(offset - (long) limit, last)), "prev");
        }
        if ((long) offset + limit < total) {
            append(link, path, parameters, limit, (long) offset + limit, "next");
        }
        append(link, path, parameters, limit, last, "last");
        return link.toString();
    }

    private static void append(StringBuilder link, String path, Map<String, String> parameters, int limit,
            long offset, String rel) {
        if (link.length() > 0) {
            link.append(", ");
        }
        link.append('<').append(path).append('?');
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (!parameter.getKey().equals("limit") && !parameter.getKey().equals("offset")) {
                link.append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue())).append('&');
            }
        }
        link.append("limit=").append(limit).append("&offset=").append(offset).append(">; rel=\"").append(rel)
                .append('"');
    }

    /** Percent-encoding for a query component; a space is %20, never '+', which some consumers keep. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
