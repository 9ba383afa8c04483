import java.nio.file.Path;
import java.util.Map;

/**
 * Run by ansible/check with a deployable's jar on the class path: loads a rendered properties file
 * with that deployable's real config loader and prints the secrets it read, one per line, so the
 * check can compare them with what was templated.
 * Usage: java -cp JAR LoadedSecrets.java registry|proxy|agent FILE
 */
public class LoadedSecrets {
  public static void main(String[] args) {
    Path file = Path.of(args[1]);
    switch (args[0]) {
      case "registry" -> {
        var c = io.cphub.registry.config.ConfigLoader.load(file, Map.of());
        System.out.println(c.dbPassword());
        System.out.println(c.adminToken());
      }
      case "proxy" -> System.out.println(io.cphub.proxy.config.ConfigLoader.load(file, Map.of()).db().password());
      case "agent" -> {
        var c = io.cphub.agent.config.ConfigLoader.load(file, Map.of());
        System.out.println(c.registryToken());
        System.out.println(c.whmToken());
      }
      default -> throw new IllegalArgumentException("registry|proxy|agent, not " + args[0]);
    }
  }
}
