package com.ghldata.engine;

import com.carrotsearch.hppc.LongIntHashMap;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * In-file dedupe (GHL_FORMAT.md "Rows"): same normalized email, else same phone. The first row of a
 * contact (its head) wins; later duplicates fill its blanks, add their tags, and their other emails
 * and phones become additional ones.
 *
 * <p>Memory stays bounded as rows grow: the latest heads stay in a window that takes at most a quarter
 * of the heap, and duplicates of them are folded in at once. A head enters the window packed (one
 * array, encoded while its strings are still in the cache) and is unpacked only when a duplicate
 * joins it there, so most heads cost the collector one object, not twenty. Older heads are spooled
 * to a temporary file in order and read back once. Duplicates of spooled heads (late ones) go to a
 * file of their own, mapped when the heads are read back. Past the window only the index (64-bit
 * key hashes, a few bits per head) and 12 bytes per late duplicate stay in memory; a head's merged
 * lists, though, grow with its duplicates, by about 25 bytes a value (a placeholder email on every
 * row of a million gathers a million phones: 67 MiB peak heap after GC). Two different keys sharing
 * a 64-bit hash would merge two contacts; at a million keys that chance is about 3 in 100 million
 * per file.
 */
final class Deduper implements Closeable {
  /** The late duplicates file is mapped into memory in pieces of this size. */
  private static final long LATE_SEGMENT_BYTES = 1L << 30;
  /**
   * Rough heap cost of one head held in the window, for its size: an unpacked, merged head with its
   * gathered lists, the worst case (a packed one takes 200-400 bytes).
   */
  private static final long CONTACT_BYTES = 4_000;
  /** The most heads in one drain chunk: the unit that threads render at once, in order. */
  private static final int CHUNK_HEADS = 4096;
  /** A spooled chunk also ends once it holds this many bytes, so hostile rows cannot make one huge. */
  private static final long CHUNK_BYTES = 1 << 20;

  /**
   * The latest heads, by ordinal modulo its length: a packed record (byte[]), or the {@link Contact}
   * a duplicate was merged into. Older heads are on the spool.
   */
  private final Object[] window;
  private final int mask;
  private int spooled;
  private Path spoolFile;
  private DataOutputStream spool;
  private final LongIntHashMap byEmail = new LongIntHashMap();
  private final LongIntHashMap byPhone = new LongIntHashMap();
  private final java.util.BitSet headHasEmail = new java.util.BitSet();
  private final java.util.BitSet headHasPhone = new java.util.BitSet();
  /** See {@link #columnsGrown}. */
  private long grown;
  /**
   * Duplicates of heads already spooled go to a file of their own; only (head, offset) stays in
   * memory, 12 bytes a duplicate, and they are folded in when their head is read back.
   */
  private Path lateFile;
  private DataOutputStream late;
  private long lateSize;
  /** The head each late duplicate belongs to, by arrival. */
  private final com.carrotsearch.hppc.IntArrayList lateHeads = new com.carrotsearch.hppc.IntArrayList();
  private final com.carrotsearch.hppc.LongArrayList lateOffsets = new com.carrotsearch.hppc.LongArrayList();
  private int heads;
  private long merged;
  private final long lateSegmentBytes;
  private final int chunkHeads;
  /** The first head of each spooled chunk, and where it starts on the spool. */
  private final com.carrotsearch.hppc.IntArrayList chunkFirstHead = new com.carrotsearch.hppc.IntArrayList();
  private final com.carrotsearch.hppc.LongArrayList chunkOffset = new com.carrotsearch.hppc.LongArrayList();
  private long spoolSize;

  // Set by startDrain, then only read: drainChunk runs on several threads at once.
  private int[] chunkStarts;
  private int spooledChunks;
  /** The late duplicates of spooled head h are lateByHead[lateFirst[h] .. lateFirst[h + 1]), by arrival. */
  private int[] lateFirst;
  private int[] lateByHead;
  /** The late duplicates file, mapped: segment i starts at i * lateSegmentBytes. */
  private MappedByteBuffer[] lateSegments;
  private FileChannel spoolIn;
  private FileChannel lateIn;

  Deduper() {
    // The window takes at most a quarter of the heap, since a worker node runs one conversion per
    // core at once.
    this(Runtime.getRuntime().maxMemory() / 4 / CONTACT_BYTES, LATE_SEGMENT_BYTES);
  }

  /**
   * @param maxInMemory heads kept in the window
   * @param lateSegmentBytes the late duplicates file is mapped in pieces of this size; a record
   *     that crosses the end of one is read with a positional read
   */
  Deduper(long maxInMemory, long lateSegmentBytes) {
    this(maxInMemory, lateSegmentBytes, CHUNK_HEADS);
  }

  /** @param chunkHeads the most heads in one drain chunk */
  Deduper(long maxInMemory, long lateSegmentBytes, int chunkHeads) {
    if (lateSegmentBytes <= 0 || lateSegmentBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("lateSegmentBytes " + lateSegmentBytes);
    }
    this.lateSegmentBytes = lateSegmentBytes;
    this.chunkHeads = chunkHeads;
    int size = Integer.highestOneBit((int) Math.max(2, Math.min(1 << 24, maxInMemory)));
    this.window = new Object[size];
    this.mask = size - 1;
  }

  void accept(Contact c) throws IOException {
    long emailKey = c.has(GhlColumn.EMAIL) ? hash64(c.get(GhlColumn.EMAIL)) : 0;
    long phoneKey = c.has(GhlColumn.PHONE) ? hash64(c.get(GhlColumn.PHONE)) : 0;
    // The heads that first had this address and this number (-1: none); each index is probed once.
    int emailHead = emailKey != 0 ? byEmail.getOrDefault(emailKey, -1) : -1;
    int phoneHead = phoneKey != 0 ? byPhone.getOrDefault(phoneKey, -1) : -1;
    int head = emailHead;
    // Two different emails on one phone (a shared office line) are two people.
    if (head < 0 && phoneHead >= 0 && (emailKey == 0 || !headHasEmail.get(phoneHead))) {
      head = phoneHead;
    }
    if (head >= 0) {
      merged++;
      // A number or address new to a head that already has one becomes an additional one; the
      // header is written before late duplicates are folded in, so note the column now. The index
      // holds each key under the first head that had it, so this may also note a number the head
      // already holds when another head had it first (a shared line): an empty column, never a lost one.
      if (emailKey != 0 && headHasEmail.get(head) && emailHead != head) {
        grown |= 1L << GhlColumn.ADDITIONAL_EMAILS.ordinal();
      }
      if (phoneKey != 0 && headHasPhone.get(head) && phoneHead != head) {
        grown |= 1L << GhlColumn.ADDITIONAL_PHONES.ordinal();
      }
      if (head >= spooled) {
        // Most duplicates follow their first row closely: fold them in at once.
        mergeInWindow(head & mask, c);
      } else {
        keepLate(head, c);
      }
    } else {
      head = heads++;
      if (heads - spooled > window.length) {
        spoolOldest();
      }
      // Packed now, while its strings are fresh in the cache; unpacked again only if a duplicate
      // follows it into the window.
      window[head & mask] = c.packed();
    }
    // Each key stays under the first head that had it.
    if (emailKey != 0) {
      if (emailHead < 0) {
        byEmail.put(emailKey, head);
      }
      headHasEmail.set(head);
    }
    if (phoneKey != 0) {
      if (phoneHead < 0) {
        byPhone.put(phoneKey, head);
      }
      headHasPhone.set(head);
    }
  }

  /**
   * The list columns (additional emails, additional phones) that merging may fill though no row
   * filled them, a bit per ordinal: the writer must include them.
   */
  long columnsGrown() {
    return grown;
  }

  /** Folds a duplicate into a head in the window, unpacking the head on its first duplicate. */
  private void mergeInWindow(int slot, Contact dup) {
    Object held = window[slot];
    Contact head;
    if (held instanceof Contact c) {
      head = c;
    } else {
      head = new PackedContact().wrap((byte[]) held).unpack();
      window[slot] = head;
    }
    head.mergeFrom(dup);
  }

  /** A window slot's head as a packed record. */
  private static byte[] packed(Object held) {
    return held instanceof Contact c ? c.packed() : (byte[]) held;
  }

  private void spoolOldest() throws IOException {
    if (spool == null) {
      spoolFile = Files.createTempFile("ghl-spool-", ".bin");
      spool = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spoolFile), 1 << 16));
    }
    int slot = spooled & mask;
    byte[] record = packed(window[slot]);
    int last = chunkFirstHead.size() - 1;
    if (last < 0 || spooled - chunkFirstHead.get(last) == chunkHeads || spoolSize - chunkOffset.get(last) >= CHUNK_BYTES) {
      chunkFirstHead.add(spooled);
      chunkOffset.add(spoolSize);
    }
    spool.writeInt(record.length);
    spool.write(record);
    spoolSize += 4 + record.length;
    window[slot] = null;
    spooled++;
  }

  private void keepLate(int head, Contact c) throws IOException {
    if (late == null) {
      lateFile = Files.createTempFile("ghl-late-", ".bin");
      late = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(lateFile), 1 << 16));
    }
    lateHeads.add(head);
    lateOffsets.add(lateSize);
    byte[] record = c.packed();
    late.write(record);
    lateSize += record.length;
  }

  /** True once the heads outgrew the window and the oldest went to the spool file. */
  boolean spilled() {
    return spool != null;
  }

  long merged() {
    return merged;
  }

  /**
   * Visits every head in file order with its duplicates folded in, packed: the view passed to the
   * visitor is reused for the next head. Call once, after the last accept.
   */
  void drain(ContactVisitor visitor) throws IOException {
    int chunks = startDrain();
    for (int i = 0; i < chunks; i++) {
      drainChunk(i, visitor);
    }
  }

  /**
   * Ends accepting and readies the drain; answers the number of chunks. Chunk i holds heads that
   * come before those of chunk i + 1, so visiting the chunks in order visits every head in file order.
   */
  int startDrain() throws IOException {
    if (spool != null) {
      spool.close();
      spoolIn = FileChannel.open(spoolFile, StandardOpenOption.READ);
    }
    groupLateByHead();
    if (late != null) {
      late.close();
      // The late duplicates come back in head order, scattered over their file: mapped, they are
      // read from the page cache without a system call each (most of a million-row file's
      // duplicates are late: 400k of 430k in the benchmark's 1M rows), and the heap stays free.
      lateIn = FileChannel.open(lateFile, StandardOpenOption.READ);
      lateSegments = new MappedByteBuffer[(int) ((lateSize + lateSegmentBytes - 1) / lateSegmentBytes)];
      for (int i = 0; i < lateSegments.length; i++) {
        long from = i * lateSegmentBytes;
        lateSegments[i] = lateIn.map(FileChannel.MapMode.READ_ONLY, from, Math.min(lateSegmentBytes, lateSize - from));
      }
    }
    spooledChunks = chunkFirstHead.size();
    int windowChunks = (heads - spooled + chunkHeads - 1) / chunkHeads;
    chunkStarts = new int[spooledChunks + windowChunks + 1];
    for (int i = 0; i < spooledChunks; i++) {
      chunkStarts[i] = chunkFirstHead.get(i);
    }
    for (int i = 0; i < windowChunks; i++) {
      chunkStarts[spooledChunks + i] = spooled + i * chunkHeads;
    }
    chunkStarts[chunkStarts.length - 1] = heads;
    return chunkStarts.length - 1;
  }

  /**
   * Visits the heads of one chunk in file order, as {@link #drain} does. After {@link #startDrain},
   * different chunks may be drained at once on different threads, each chunk once.
   */
  void drainChunk(int chunk, ContactVisitor visitor) throws IOException {
    int from = chunkStarts[chunk];
    int to = chunkStarts[chunk + 1];
    PackedContact view = new PackedContact();
    if (chunk >= spooledChunks) {
      for (int i = from; i < to; i++) {
        Object held = window[i & mask];
        window[i & mask] = null;
        visitor.visit(view.wrap(packed(held)));
      }
      return;
    }
    long start = chunkOffset.get(chunk);
    long end = chunk + 1 < spooledChunks ? chunkOffset.get(chunk + 1) : spoolSize;
    ByteBuffer records = read(spoolIn, start, (int) (end - start), spoolFile);
    int k = 0;
    for (int i = from; i < to; i++) {
      // Each record as spoolOldest wrote it: its length (DataOutputStream.writeInt), then the record.
      int length = records.getInt(k);
      view.wrap(records.array(), k + 4);
      k += 4 + length;
      if (lateFirst[i] < lateFirst[i + 1]) {
        Contact c = view.unpack();
        for (int d = lateFirst[i]; d < lateFirst[i + 1]; d++) {
          c.mergeFrom(readLate(lateByHead[d]));
        }
        view.wrap(c.packed());
      }
      visitor.visit(view);
    }
  }

  /**
   * Groups the late duplicates by head with a counting sort (linear, where sorting 400k keys took
   * 0.15 s and JIT work of its own); each head's stay in arrival order, so they fold in as in the file.
   * Only spooled heads have late duplicates.
   */
  private void groupLateByHead() {
    int n = lateHeads.size();
    lateFirst = new int[spooled + 1];
    for (int a = 0; a < n; a++) {
      lateFirst[lateHeads.get(a) + 1]++;
    }
    for (int h = 1; h <= spooled; h++) {
      lateFirst[h] += lateFirst[h - 1];
    }
    int[] next = Arrays.copyOf(lateFirst, spooled);
    lateByHead = new int[n];
    for (int a = 0; a < n; a++) {
      lateByHead[next[lateHeads.get(a)]++] = a;
    }
  }

  private static ByteBuffer read(FileChannel file, long from, int length, Path name) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (file.read(buffer, from + buffer.position()) < 0) {
        throw new EOFException("The file " + name + " ended early.");
      }
    }
    return buffer;
  }

  /** One late duplicate: from its mapped segment, or by a positional read if it crosses a segment's end. */
  private Contact readLate(int arrival) throws IOException {
    long from = lateOffsets.get(arrival);
    long to = arrival + 1 < lateOffsets.size() ? lateOffsets.get(arrival + 1) : lateSize;
    int segment = (int) (from / lateSegmentBytes);
    long segmentStart = segment * lateSegmentBytes;
    byte[] record = new byte[(int) (to - from)];
    if (to <= segmentStart + lateSegments[segment].capacity()) {
      // An absolute bulk get: the buffer's position is untouched, so threads may share it.
      lateSegments[segment].get((int) (from - segmentStart), record);
    } else {
      record = read(lateIn, from, record.length, lateFile).array();
    }
    return new PackedContact().wrap(record).unpack();
  }

  @Override
  public void close() throws IOException {
    if (spoolIn != null) {
      spoolIn.close();
    }
    if (lateIn != null) {
      lateIn.close();
    }
    if (spool != null) {
      spool.close();
      Files.deleteIfExists(spoolFile);
    }
    if (late != null) {
      late.close();
      lateSegments = null;
      try {
        Files.deleteIfExists(lateFile);
      } catch (IOException e) {
        // Windows keeps a mapped file until the mapping is collected.
        lateFile.toFile().deleteOnExit();
      }
    }
  }

  /** FNV-1a over the chars, then the SplitMix64 finalizer; never 0 (0 means "no key"). */
  static long hash64(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return h == 0 ? 1 : h;
  }

  @FunctionalInterface
  interface ContactVisitor {
    void visit(PackedContact c) throws IOException;
  }
}
