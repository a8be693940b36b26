package org.misbridge.oneroster.provider.internal.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The fields of one OneRoster collection, by dotted path ({@code roles.org.sourcedId}), with their
 * types. It decides what {@code filter}, {@code sort} and {@code fields} may name: a path that is not
 * here is the consumer's error, never ignored.
 */
public final class FieldSchema {
    private final String collection;
    private final Map<String, FieldType> paths;

    private FieldSchema(String collection, Map<String, FieldType> paths) {
        this.collection = collection;
        this.paths = Collections.unmodifiableMap(new LinkedHashMap<>(paths));
    }

    public static Builder builder(String collection) {
        return new Builder(collection, "", new LinkedHashMap<>());
    }

    /** The collection's name as the endpoint spells it, e.g. {@code users}. */
    public String collection() {
        return collection;
    }

    public @Nullable FieldType typeOf(String path) {
        return paths.get(path);
    }

    /** Every path, in declaration order. */
    public Map<String, FieldType> paths() {
        return paths;
    }

    /** The top-level fields, the ones {@code fields} may select. */
    public List<String> topLevelFields() {
        List<String> top = new ArrayList<>();
        for (String path : paths.keySet()) {
            if (path.indexOf('.') < 0) {
                top.add(path);
            }
        }
        return top;
    }

    /** Whether a path leads through a list, so a record can have several values for it. */
    public boolean throughList(String path) {
        int dot = path.indexOf('.');
        while (dot >= 0) {
            FieldType parent = paths.get(path.substring(0, dot));
            if (parent == FieldType.OBJECT_ARRAY) {
                return true;
            }
            dot = path.indexOf('.', dot + 1);
        }
        return false;
    }

    /**
     * The same collection without some top-level fields and everything under them: what a consumer
     * with a narrower scope may filter, sort and select.
     */
    public FieldSchema without(String... topLevel) {
        Map<String, FieldType> kept = new LinkedHashMap<>(paths);
        for (String field : topLevel) {
            kept.keySet().removeIf(path -> path.equals(field) || path.startsWith(field + "."));
        }
        return new FieldSchema(collection, kept);
    }

    /** Adds paths under a prefix; nested objects are declared with a block of their own. */
    public static final class Builder {
        private final String collection;
        private final String prefix;
        private final Map<String, FieldType> paths;

        private Builder(String collection, String prefix, Map<String, FieldType> paths) {
            this.collection = Objects.requireNonNull(collection, "collection");
            this.prefix = prefix;
            this.paths = paths;
        }

        public Builder field(String name, FieldType type) {
            if (paths.putIfAbsent(prefix + name, type) != null) {
                throw new IllegalArgumentException("field " + prefix + name + " declared twice in " + collection);
            }
            return this;
        }

        public Builder string(String... names) {
            for (String name : names) {
                field(name, FieldType.STRING);
            }
            return this;
        }

        /** An object with its own fields. */
        public Builder object(String name, Consumer<Builder> fields) {
            field(name, FieldType.OBJECT);
            fields.accept(new Builder(collection, prefix + name + '.', paths));
            return this;
        }

        /** A list of objects with their own fields. */
        public Builder objects(String name, Consumer<Builder> fields) {
            field(name, FieldType.OBJECT_ARRAY);
            fields.accept(new Builder(collection, prefix + name + '.', paths));
            return this;
        }

        /** A GUIDRef: {@code href}, {@code sourcedId}, {@code type}. */
        public Builder ref(String name) {
            return object(name, Builder::guidRef);
        }

        /** A list of GUIDRefs. */
        public Builder refs(String name) {
            return objects(name, Builder::guidRef);
        }

        private void guidRef() {
            string("href", "sourcedId");
            field("type", FieldType.ENUM);
        }

        /** The fields every OneRoster 1.2 record has. */
        public Builder base() {
            string("sourcedId");
            field("status", FieldType.ENUM);
            field("dateLastModified", FieldType.DATETIME);
            return field("metadata", FieldType.OBJECT);
        }

        public FieldSchema build() {
            return new FieldSchema(collection, paths);
        }
    }
}
