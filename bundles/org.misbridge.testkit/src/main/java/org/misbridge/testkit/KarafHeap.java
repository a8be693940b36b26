package org.misbridge.testkit;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Heap figures of a {@link KarafHost} over JMX: used now, and the peak of each heap pool since the last reset. */
public final class KarafHeap implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection mbeans;

    private KarafHeap(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.mbeans = connector.getMBeanServerConnection();
    }

    /** Karaf's management on its RMI ports, as the admin user. */
    static KarafHeap connect(int rmiRegistryPort, int rmiServerPort) throws IOException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + rmiServerPort + "/jndi/rmi://127.0.0.1:"
                + rmiRegistryPort + "/karaf-root");
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {"karaf", "karaf"});
        return new KarafHeap(JMXConnectorFactory.connect(url, env));
    }

    public long usedBytes() throws Exception {
        return heap().getUsed();
    }

    public long maxBytes() throws Exception {
        return heap().getMax();
    }

    private MemoryUsage heap() throws Exception {
        return MemoryUsage.from((CompositeData) mbeans.getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage"));
    }

    public void gc() throws Exception {
        mbeans.invoke(new ObjectName("java.lang:type=Memory"), "gc", null, null);
    }

    /** Starts peak tracking afresh in every heap pool. */
    public void resetPeaks() throws Exception {
        for (ObjectName pool : heapPools()) {
            mbeans.invoke(pool, "resetPeakUsage", null, null);
        }
    }

    /** The sum of the heap pools' peaks since the reset: an upper bound of the heap used at any moment. */
    public long peakBytes() throws Exception {
        long sum = 0;
        for (ObjectName pool : heapPools()) {
            sum += MemoryUsage.from((CompositeData) mbeans.getAttribute(pool, "PeakUsage")).getUsed();
        }
        return sum;
    }

    private List<ObjectName> heapPools() throws Exception {
        List<ObjectName> pools = new ArrayList<>();
        for (ObjectName pool : mbeans.queryNames(new ObjectName("java.lang:type=MemoryPool,*"), null)) {
            if ("HEAP".equals(String.valueOf(mbeans.getAttribute(pool, "Type")))) {
                pools.add(pool);
            }
        }
        return pools;
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
