package org.misbridge.oneroster.provider.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RecordMap behaves as a LinkedHashMap does for every operation the provider uses, field order included. */
class RecordMapTest {

    private static Map<String, Object> both(Map<String, Object> map) {
        map.put("sourcedId", "s1");
        map.put("status", "active");
        map.put("email", null);
        map.put("status", "tobedeleted"); // a put of a key already there keeps its place
        map.put("givenName", "Ann");
        return map;
    }

    @Test
    void fieldsKeepTheOrderTheyWerePutInAndAReplacedValueItsPlace() {
        Map<String, Object> compact = both(new RecordMap(1));
        Map<String, Object> linked = both(new LinkedHashMap<>());
        assertThat(compact).isEqualTo(linked).hasSameHashCodeAs(linked);
        assertThat(List.copyOf(compact.keySet())).containsExactly("sourcedId", "status", "email", "givenName");
        assertThat(compact.get("status")).isEqualTo("tobedeleted");
        assertThat(compact.containsKey("email")).isTrue();
        assertThat(compact.get("email")).isNull();
        assertThat(compact.get("familyName")).isNull();
        assertThat(compact.size()).isEqualTo(4);
    }

    @Test
    void removingAFieldClosesTheGapByKeyAndThroughTheIterator() {
        Map<String, Object> compact = both(new RecordMap(2));
        assertThat(compact.remove("status")).isEqualTo("tobedeleted");
        assertThat(compact.remove("status")).isNull();
        assertThat(List.copyOf(compact.keySet())).containsExactly("sourcedId", "email", "givenName");
        Iterator<Map.Entry<String, Object>> it = compact.entrySet().iterator();
        it.next();
        it.remove();
        assertThat(it.next().getKey()).isEqualTo("email");
        assertThat(List.copyOf(compact.keySet())).containsExactly("email", "givenName");
        assertThatThrownBy(() -> compact.put(null, "x")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void jacksonWritesTheFieldsInTheirOrderAsForALinkedHashMap() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(both(new RecordMap(3))))
                .isEqualTo("{\"sourcedId\":\"s1\",\"status\":\"tobedeleted\",\"email\":null,\"givenName\":\"Ann\"}")
                .isEqualTo(json.writeValueAsString(both(new LinkedHashMap<>())));
        assertThat(RecordMap.copyOf(both(new LinkedHashMap<>()))).isEqualTo(both(new LinkedHashMap<>()));
    }
}
