import java.io.PrintStream;

/**
 * JSON lines on stdout, one event each, flushed at once (the harness may kill this process, or
 * the broker under it, at any moment). `t` is microseconds since the program started, from
 * System.nanoTime; the first line carries the wall clock of that start (`epochMs`) so that the
 * harness can place events beside the faults it injects.
 */
final class Out {
  private final long startNs = System.nanoTime();
  private final PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);

  Out(String program) {
    line("start", "\"program\":\"" + program + "\",\"epochMs\":" + System.currentTimeMillis());
  }

  long nowUs() {
    return (System.nanoTime() - startNs) / 1000;
  }

  /** A System.nanoTime() instant on this program's clock (`t`). */
  long usAt(long nanoTime) {
    return (nanoTime - startNs) / 1000;
  }

  synchronized void line(String ev, String fields) {
    out.print("{\"ev\":\"" + ev + "\",\"t\":" + nowUs() + (fields.isEmpty() ? "" : "," + fields) + "}\n");
    out.flush();
  }

  void error(Throwable e) {
    String msg = String.valueOf(e.getMessage()).replace("\\", "\\\\").replace("\"", "'").replace("\n", " ");
    line("error", "\"type\":\"" + e.getClass().getSimpleName() + "\",\"message\":\"" + msg + "\"");
  }
}
