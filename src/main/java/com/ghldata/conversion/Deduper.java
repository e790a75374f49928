package com.ghldata.conversion;

import com.carrotsearch.hppc.LongIntHashMap;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * In-file dedupe (GHL_FORMAT.md "Rows"): same normalized email, else same phone. The first row of a
 * contact (its head) wins; later duplicates fill its blanks and add their tags.
 *
 * <p>Memory stays flat as rows grow: heads are spooled to a temporary file in order and read back
 * once; only the index (64-bit key hashes) and the duplicates themselves stay in memory. Two
 * different keys sharing a 64-bit hash would merge two contacts; at a million keys that chance is
 * about 3 in 100 million per file.
 */
final class Deduper implements Closeable {
  private final Path spoolFile;
  private final DataOutputStream spool;
  private final LongIntHashMap byEmail = new LongIntHashMap();
  private final LongIntHashMap byPhone = new LongIntHashMap();
  private final java.util.BitSet headHasEmail = new java.util.BitSet();
  private final Map<Integer, List<Contact>> duplicates = new HashMap<>();
  private int heads;
  private long merged;

  Deduper() throws IOException {
    spoolFile = Files.createTempFile("ghl-spool-", ".bin");
    spool = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spoolFile), 1 << 16));
  }

  void accept(Contact c) throws IOException {
    long emailKey = c.has(GhlColumn.EMAIL) ? hash64(c.get(GhlColumn.EMAIL)) : 0;
    long phoneKey = c.has(GhlColumn.PHONE) ? hash64(c.get(GhlColumn.PHONE)) : 0;
    int head = emailKey != 0 ? byEmail.getOrDefault(emailKey, -1) : -1;
    if (head < 0 && phoneKey != 0) {
      int h = byPhone.getOrDefault(phoneKey, -1);
      // Two different emails on one phone (a shared office line) are two people.
      if (h >= 0 && (emailKey == 0 || !headHasEmail.get(h))) {
        head = h;
      }
    }
    if (head >= 0) {
      duplicates.computeIfAbsent(head, k -> new ArrayList<>(2)).add(c);
      merged++;
    } else {
      head = heads++;
      c.writeTo(spool);
    }
    if (emailKey != 0) {
      byEmail.putIfAbsent(emailKey, head);
      headHasEmail.set(head);
    }
    if (phoneKey != 0) {
      byPhone.putIfAbsent(phoneKey, head);
    }
  }

  long merged() {
    return merged;
  }

  /** Visits every head in file order with its duplicates folded in. Call once, after the last accept. */
  void drain(ContactVisitor visitor) throws IOException {
    spool.close();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spoolFile), 1 << 16))) {
      for (int i = 0; i < heads; i++) {
        Contact c = Contact.readFrom(in);
        List<Contact> dups = duplicates.remove(i);
        if (dups != null) {
          dups.forEach(c::mergeFrom);
        }
        visitor.visit(c);
      }
    }
  }

  @Override
  public void close() throws IOException {
    spool.close();
    Files.deleteIfExists(spoolFile);
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
    void visit(Contact c) throws IOException;
  }
}
