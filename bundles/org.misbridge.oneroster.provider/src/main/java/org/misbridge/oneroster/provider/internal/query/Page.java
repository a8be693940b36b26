package org.misbridge.oneroster.provider.internal.query;

import java.util.List;
import java.util.Map;

/**
 * One page of a collection: its records (with only the selected fields) and how many records the
 * filter matched in all, which is the {@code X-Total-Count}.
 */
public record Page(List<Map<String, Object>> records, int total, int limit, int offset) {
    public Page {
        records = List.copyOf(records);
    }
}
