package org.misbridge.testkit;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Component property types for tests, as Declarative Services would make them: each method
 * answers the configuration value under its property name ({@code rest_baseUrl} →
 * {@code rest.baseUrl}, {@code _rest_token} → {@code .rest.token}, {@code a__b} → {@code a_b}),
 * converted to its return type, or else its default. A value may also be given under the method's
 * own name ({@code threshold_removePercent}), and a value already of the return type (an
 * {@code Integer} for {@code int}, a {@code String[]}) is answered as given.
 */
public final class Configs {

    private Configs() {
    }

    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> properties) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return type.getSimpleName() + properties.keySet();
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                default:
                    break;
            }
            Object value = properties.get(propertyName(method));
            if (value == null) {
                value = properties.get(method.getName());
            }
            return value == null ? method.getDefaultValue() : convert(value, method);
        });
        return type.cast(proxy);
    }

    /** The DS 1.4 mapping of a method name to a property name. */
    public static String propertyName(Method method) {
        return method.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    private static Object convert(Object value, Method method) {
        Class<?> t = method.getReturnType();
        if (MethodType.methodType(t).wrap().returnType().isInstance(value)) {
            return value;
        }
        String s = String.valueOf(value);
        if (t == String.class) {
            return s;
        }
        if (t == int.class) {
            return Integer.parseInt(s.strip());
        }
        if (t == long.class) {
            return Long.parseLong(s.strip());
        }
        if (t == boolean.class) {
            return Boolean.parseBoolean(s.strip());
        }
        if (t == String[].class) {
            return s.isBlank() ? new String[0] : s.split("\\s*,\\s*");
        }
        if (t.isArray()) {
            return Array.newInstance(t.getComponentType(), 0);
        }
        throw new IllegalArgumentException("no conversion to " + t + " for " + method.getName());
    }
}
