import com.sun.net.httpserver.HttpServer;
import io.cphub.agent.push.RegistryClient;
import io.cphub.agent.snapshot.SnapshotBuilder;
import io.cphub.agent.whm.WhmAccount;
import io.cphub.agent.whm.WhmDomain;
import io.cphub.model.wire.AccountEntry;
import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.AgentState;
import io.cphub.model.wire.Json;
import io.cphub.model.wire.Snapshot;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Records what an agent of the release on the class path sends to the registry: its own
 * SnapshotBuilder turns WHM rows into accounts, its own RegistryClient sends a snapshot, account
 * pushes (one marked as transferred) and a delete to a recording HTTP server, which answers each
 * with the ChangeSummary shape of that release. Writes the requests (method, path, content type,
 * body) as one JSON file. Compiled and run against the old agent jar by e2e/mixed-versions.
 */
public final class CaptureAgentRequests {
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    String release = args[1];
    List<Map<String, Object>> recorded = new ArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("method", ex.getRequestMethod());
      r.put("path", ex.getRequestURI().getRawPath());
      r.put("contentType", ex.getRequestHeaders().getFirst("Content-Type"));
      r.put("authorization", ex.getRequestHeaders().getFirst("Authorization") == null ? null : "Bearer <token>");
      r.put("body", body.length == 0 ? null : Json.mapper().readTree(body));
      synchronized (recorded) {
        recorded.add(r);
      }
      byte[] reply = "{\"accountsUpserted\":0,\"accountsRemoved\":0,\"claimsAdded\":0,\"claimsRemoved\":0,\"routesChanged\":0,\"version\":1}"
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, reply.length);
      ex.getResponseBody().write(reply);
      ex.close();
    });
    server.start();
    try {
      RegistryClient client = new RegistryClient(HttpUrl.get("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
          "mixed1.hoster.test", "cphub_capture_token", Duration.ofSeconds(10));
      List<WhmAccount> accounts = List.of(
          new WhmAccount("mixalpha", "Mix-Alpha.Example.", "root", false),
          new WhmAccount("mixbeta", "mix-beta.example", "reseller1", true),
          new WhmAccount("mixgamma", "mix-gamma.example", "root", false));
      List<WhmDomain> domains = List.of(
          new WhmDomain("mix-alpha.example", "main", "mixalpha", null),
          new WhmDomain("Addon-Alpha.Example", "addon", "mixalpha", "addonalpha.mix-alpha.example"),
          new WhmDomain("addonalpha.mix-alpha.example", "sub", "mixalpha", null),
          new WhmDomain("bücher-alpha.example", "parked", "mixalpha", null),
          new WhmDomain("blog.mix-alpha.example", "sub", "mixalpha", null),
          new WhmDomain("mix-beta.example", "main", "mixbeta", null),
          new WhmDomain("mix-gamma.example", "main", "mixgamma", null));
      List<AccountEntry> entries = SnapshotBuilder.build(accounts, domains);
      AgentState state = new AgentState(release, Instant.parse("2026-11-30T12:00:00Z"), 2, "WHM timed out once");
      client.putSnapshot(new Snapshot(entries, state));
      AccountEntry delta = SnapshotBuilder.account(new WhmAccount("mixdelta", "mix-delta.example", "root", false),
          List.of(new WhmDomain("mix-delta.example", "main", "mixdelta", null),
              new WhmDomain("parked-delta.example", "parked", "mixdelta", null)));
      client.putAccount("mixdelta", new AccountPush(delta, new AgentState(release, Instant.parse("2026-11-30T12:01:00Z"), 0, null)));
      AccountEntry moved = SnapshotBuilder.account(new WhmAccount("mixepsilon", "mix-epsilon.example", "root", false),
          List.of(new WhmDomain("mix-epsilon.example", "main", "mixepsilon", null))).asTransferred();
      client.putAccount("mixepsilon", new AccountPush(moved, null));
      client.deleteAccount("mixgamma");
    } finally {
      server.stop(0);
    }
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("release", release);
    file.put("requests", recorded);
    Files.write(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(file));
    System.out.println("recorded " + recorded.size() + " requests of a " + release + " agent in " + out);
  }
}
