import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run by ansible/check with a deployable's jar on the class path: loads a rendered properties file
 * with that deployable's real config loader ({@code ConfigLoader.load(Path, Map)}) and prints the
 * secrets it read, one per line, so the check can compare them with what was templated. Reflection
 * only so that one source file serves the three jars.
 * Usage: java -cp JAR LoadedSecrets.java registry|proxy|agent FILE
 */
public class LoadedSecrets {
  public static void main(String[] args) throws Exception {
    Map<String, List<String>> accessors = Map.of(
        "registry", List.of("dbPassword", "adminToken"),
        "proxy", List.of("db.password"),
        "agent", List.of("registryToken", "whmToken"));
    List<String> wanted = accessors.get(args[0]);
    if (wanted == null) {
      throw new IllegalArgumentException("registry|proxy|agent, not " + args[0]);
    }
    Method load = Class.forName("io.cphub." + args[0] + ".config.ConfigLoader").getMethod("load", Path.class, Map.class);
    // The environment carries CREDENTIALS_DIRECTORY, where the *-file keys' relative names resolve.
    Object config = load.invoke(null, Path.of(args[1]), System.getenv());
    for (String chain : wanted) {
      Object v = config;
      for (String accessor : chain.split("\\.")) {
        v = v.getClass().getMethod(accessor).invoke(v);
      }
      System.out.println(v);
    }
  }
}
