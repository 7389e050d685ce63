import java.util.HashMap;
import java.util.Map;

/** Command-line options as key=value pairs; a missing required key stops the program. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("expected key=value, got " + a);
      values.put(a.substring(0, eq), a.substring(eq + 1));
    }
  }

  String str(String key) {
    String v = values.get(key);
    if (v == null) throw new IllegalArgumentException("missing option " + key + "=...");
    return v;
  }

  String str(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  long num(String key, long fallback) {
    String v = values.get(key);
    return v == null ? fallback : Long.parseLong(v);
  }

  double real(String key, double fallback) {
    String v = values.get(key);
    return v == null ? fallback : Double.parseDouble(v);
  }

  boolean flag(String key, boolean fallback) {
    String v = values.get(key);
    return v == null ? fallback : Boolean.parseBoolean(v);
  }
}
