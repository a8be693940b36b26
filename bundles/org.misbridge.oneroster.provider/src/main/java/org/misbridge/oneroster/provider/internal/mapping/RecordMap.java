package org.misbridge.oneroster.provider.internal.mapping;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A record's fields in the order they were put, in two arrays: a served school keeps every record
 * mapped, and a {@code LinkedHashMap} spends an entry object and a hash table on each of a record's
 * dozen fields (several hundred bytes a record, across a third of a million enrolments). Lookups scan
 * the keys, of which a record has a dozen at most. Null keys are refused; null values are kept.
 */
public final class RecordMap extends AbstractMap<String, Object> {
    private String[] keys;
    private @Nullable Object[] values;
    private int size;

    public RecordMap(int capacity) {
        keys = new String[Math.max(capacity, 1)];
        values = new Object[keys.length];
    }

    /** A copy of any map, in its iteration order. */
    public static RecordMap copyOf(Map<String, ?> fields) {
        RecordMap copy = new RecordMap(fields.size());
        fields.forEach(copy::put);
        return copy;
    }

    private int indexOf(@Nullable Object key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public @Nullable Object get(@Nullable Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public @Nullable Object put(String key, @Nullable Object value) {
        Objects.requireNonNull(key, "key");
        int i = indexOf(key);
        if (i >= 0) {
            Object old = values[i];
            values[i] = value;
            return old;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size++] = value;
        return null;
    }

    @Override
    public @Nullable Object remove(@Nullable Object key) {
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        Object old = values[i];
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        keys[size] = null;
        values[size] = null;
    }

    @Override
    public void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private boolean removable;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        removable = true;
                        int i = next++;
                        return new Field(i);
                    }

                    @Override
                    public void remove() {
                        if (!removable) {
                            throw new IllegalStateException();
                        }
                        removable = false;
                        removeAt(--next);
                    }
                };
            }
        };
    }

    /** An entry that reads and writes the map's arrays, as a map's entry does. */
    private final class Field implements Map.Entry<String, Object> {
        private final int index;

        Field(int index) {
            this.index = index;
        }

        @Override
        public String getKey() {
            return keys[index];
        }

        @Override
        public @Nullable Object getValue() {
            return values[index];
        }

        @Override
        public @Nullable Object setValue(@Nullable Object value) {
            Object old = values[index];
            values[index] = value;
            return old;
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Map.Entry<?, ?> e && getKey().equals(e.getKey()) && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return getKey().hashCode() ^ Objects.hashCode(getValue());
        }
    }
}
