package org.misbridge.sync.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.misbridge.api.Directory;

/** A real store behind a Directory that counts the calls of some of its methods, by method name. */
final class CountedDirectory {

    private CountedDirectory() {
    }

    static Directory of(Directory store, Map<String, AtomicInteger> calls) {
        return (Directory) Proxy.newProxyInstance(Directory.class.getClassLoader(), new Class<?>[] {Directory.class},
                (proxy, method, args) -> {
                    AtomicInteger count = calls.get(method.getName());
                    if (count != null) {
                        count.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
