package org.misbridge.oneroster.provider.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The listings a view keeps: each made once while kept, the least recently used let go past {@value Listings#KEPT}. */
class ListingsTest {

    private static Listings.Key key(int n) {
        return new Listings.Key("/users", null, "field" + n, false);
    }

    @Test
    void aListingIsMadeOnceWhileKeptAndTheLeastRecentlyUsedGoesFirst() {
        Listings listings = new Listings();
        AtomicInteger made = new AtomicInteger();
        List<List<Map<String, Object>>> first = new ArrayList<>();
        for (int n = 0; n < Listings.KEPT; n++) {
            int id = n;
            first.add(listings.of(key(n), () -> {
                made.incrementAndGet();
                return new ArrayList<>(List.of(Map.of("sourcedId", "u" + id)));
            }));
        }
        assertThat(made).hasValue(Listings.KEPT);
        assertThat(listings.of(key(0), () -> List.of(Map.of("sourcedId", "other")))).isSameAs(first.get(0));
        assertThat(made).hasValue(Listings.KEPT);

        // one more: the least recently used (key 1, as key 0 was just asked for) goes, key 0 stays
        listings.of(key(Listings.KEPT), () -> List.of());
        assertThat(listings.size()).isEqualTo(Listings.KEPT);
        assertThat(listings.of(key(0), () -> List.of())).isSameAs(first.get(0));
        assertThat(listings.of(key(1), () -> List.of(Map.of("sourcedId", "again")))).containsExactly(Map.of("sourcedId", "again"));
    }

    @Test
    void whatIsKeptCannotBeChanged() {
        Listings listings = new Listings();
        List<Map<String, Object>> kept = listings.of(key(0), () -> new ArrayList<>(List.of(Map.of("sourcedId", "u1"))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> kept.add(Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
