package com.ghldata.profile;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap a run needed, from the garbage collectors' notifications: the most heap left in use
 * right after a collection (the live data at its peak, plus old garbage a young collection does
 * not reclaim). What {@code --stats} reports as the peak heap; the heap's size ({@code -Xmx}) is
 * only the ceiling.
 */
public final class HeapWatch implements AutoCloseable {
  private final Set<String> heapPools = new HashSet<>();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final List<Runnable> removals = new ArrayList<>();

  public HeapWatch() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        NotificationListener listener = (notification, handback) -> afterCollection(notification);
        emitter.addNotificationListener(listener, null, null);
        removals.add(() -> {
          try {
            emitter.removeNotificationListener(listener);
          } catch (ListenerNotFoundException gone) {
            // already removed
          }
        });
      }
    }
  }

  private void afterCollection(Notification notification) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    peakAfterGc.accumulateAndGet(used, Math::max);
  }

  /** The most heap in use after any collection so far (the last one included), in bytes. */
  public long peakAfterGcBytes() {
    long last = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        last += pool.getCollectionUsage().getUsed();
      }
    }
    return Math.max(peakAfterGc.get(), last);
  }

  @Override
  public void close() {
    removals.forEach(Runnable::run);
  }
}
