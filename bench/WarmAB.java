import java.io.OutputStream;
import java.lang.reflect.*;
import java.net.*;
import java.nio.file.*;

/**
 * Warm, in-process conversions of one file, alternating between builds (each jar in its own class
 * loader), so two builds are compared in the same minutes of a machine whose speed swings: the JVM
 * start and the JIT are left out after the first two rounds.
 *
 * <p>{@code java bench/WarmAB.java FILE COUNTRY THREADS ROUNDS JAR...}, e.g. {@code java -Xmx1g
 * bench/WarmAB.java bench-data/contacts-us-1000000.csv US 1 6 /tmp/before.jar target/ghl-data-saas.jar}
 */
public class WarmAB {
  public static void main(String[] a) throws Exception {
    if (a.length < 5 || Integer.parseInt(a[3]) < 3) {
      System.err.println("usage: java bench/WarmAB.java FILE COUNTRY THREADS ROUNDS(>=3) JAR...");
      System.exit(2);
    }
    Path file = Path.of(a[0]);
    String country = a[1];
    int threads = Integer.parseInt(a[2]);
    int rounds = Integer.parseInt(a[3]);
    int n = a.length - 4;
    Object[] conv = new Object[n];
    Method[] m = new Method[n];
    for (int i = 0; i < n; i++) {
      URLClassLoader cl = new URLClassLoader(new URL[] {Path.of(a[4 + i]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      // The engine's package: com.ghldata.engine, com.ghldata.conversion in builds before the re-layout.
      String pkg = cl.getResource("com/ghldata/engine/Converter.class") != null ? "com.ghldata.engine." : "com.ghldata.conversion.";
      Class<?> oc = cl.loadClass(pkg + "ConversionOptions");
      Object opts = oc.getMethod("defaults").invoke(null);
      opts = oc.getMethod("withThreads", int.class).invoke(opts, threads);
      RecordComponent[] rc = oc.getRecordComponents();
      Object[] args = new Object[rc.length];
      Class<?>[] types = new Class<?>[rc.length];
      for (int k = 0; k < rc.length; k++) {
        args[k] = rc[k].getAccessor().invoke(opts);
        types[k] = rc[k].getType();
        if (rc[k].getName().equals("defaultCountry")) args[k] = country;
      }
      opts = oc.getDeclaredConstructor(types).newInstance(args);
      Class<?> cc = cl.loadClass(pkg + "Converter");
      conv[i] = cc.getConstructor(oc).newInstance(opts);
      m[i] = cc.getMethod("convert", Path.class, OutputStream.class, OutputStream.class, cl.loadClass(pkg + "ProgressListener"));
    }
    double[] sum = new double[n];
    for (int r = 0; r < rounds; r++) {
      StringBuilder line = new StringBuilder("round " + r + ":");
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        m[i].invoke(conv[i], file, OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), null);
        double s = (System.nanoTime() - t0) / 1e9;
        if (r >= 2) sum[i] += s;
        line.append(String.format(" %s %.2f", Path.of(a[4 + i]).getFileName(), s));
      }
      System.out.println(line);
    }
    StringBuilder mean = new StringBuilder("mean of rounds 2..:");
    for (int i = 0; i < n; i++) mean.append(String.format(" %s %.3f", Path.of(a[4 + i]).getFileName(), sum[i] / (rounds - 2)));
    System.out.println(mean);
  }
}
