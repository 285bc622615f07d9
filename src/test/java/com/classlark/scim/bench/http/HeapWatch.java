package com.classlark.scim.bench.http;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The peak of the Java heap of a running JVM over a stretch of time, read from the JVM's own memory
 * pools: it is attached to (the JDK's attach API, as {@code jcmd} does), its local JMX agent
 * started, and the peak usage of every heap pool reset at {@link #start} and read at {@link #peak}.
 * The JVM records a pool's peak whenever it measures the pool, in particular just before and after
 * every collection, so a peak between two samples cannot be missed (sampling {@code jstat} can miss
 * it, and with the serial collector {@code jstat} does not even see eden fill between collections).
 *
 * <p>The sum of the pools' peaks is an upper bound of the heap's peak: eden peaks just before a
 * young collection, the old generation after it. The old generation's own peak says what the
 * stretch kept beyond short-lived garbage.
 *
 * <p>Attaching starts a JMX agent inside the server for the rest of its life (a few MiB), so a run
 * watches the heap only after it took its other memory figures.
 */
final class HeapWatch implements AutoCloseable {
  private final JMXConnector connector;
  private final List<MemoryPoolMXBean> heapPools;
  private final List<GarbageCollectorMXBean> collectors;
  private long collectionsAtStart;

  private HeapWatch(
      JMXConnector connector,
      List<MemoryPoolMXBean> heapPools,
      List<GarbageCollectorMXBean> collectors) {
    this.connector = connector;
    this.heapPools = heapPools;
    this.collectors = collectors;
  }

  /** Attaches to the JVM {@code pid} (same user, JDK with the attach API). */
  static HeapWatch attach(long pid) throws IOException {
    String address;
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
    } catch (AttachNotSupportedException e) {
      throw new IOException("cannot attach to the server " + pid + ": " + e.getMessage(), e);
    }
    JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
    MBeanServerConnection server = connector.getMBeanServerConnection();
    List<MemoryPoolMXBean> heapPools =
        ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class).stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
    return new HeapWatch(
        connector,
        heapPools,
        ManagementFactory.getPlatformMXBeans(server, GarbageCollectorMXBean.class));
  }

  /** Starts the stretch: every heap pool's peak becomes its current usage. */
  void start() {
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    collectionsAtStart = collections();
  }

  /**
   * The heap since {@link #start}, in MiB.
   *
   * @param peakUsedMiB the sum of the heap pools' peaks (an upper bound of the heap's peak)
   * @param oldPeakUsedMiB the peak of the old generation (the pool that survives young collections)
   */
  record Peak(double peakUsedMiB, double oldPeakUsedMiB, long collections) {}

  Peak peak() {
    long sum = 0;
    long old = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      long used = pool.getPeakUsage().getUsed();
      sum += used;
      if (isOld(pool.getName())) {
        old = used;
      }
    }
    return new Peak(mebibytes(sum), mebibytes(old), collections() - collectionsAtStart);
  }

  /** Serial: Tenured Gen; Parallel: PS Old Gen; G1: G1 Old Gen. */
  private static boolean isOld(String pool) {
    return pool.contains("Old") || pool.contains("Tenured");
  }

  private long collections() {
    return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }

  private static double mebibytes(long bytes) {
    return bytes / 1048576.0;
  }

  @Override
  public void close() throws IOException {
    connector.close();
  }
}
