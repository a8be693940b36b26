package org.misbridge.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.misbridge.api.Directory;

/** A real directory whose loads of a whole school ({@code load(schoolId)}) are counted; every call goes to it. */
public final class CountedLoads {

    private CountedLoads() {
    }

    /** {@code directory}, each {@code load(schoolId)} through it adding one to {@code loads}. */
    public static Directory counting(Directory directory, AtomicInteger loads) {
        return (Directory) Proxy.newProxyInstance(Directory.class.getClassLoader(), new Class<?>[] {Directory.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("load") && args != null && args.length == 1) {
                        loads.incrementAndGet();
                    }
                    try {
                        return method.invoke(directory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
