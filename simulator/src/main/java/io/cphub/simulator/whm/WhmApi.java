package io.cphub.simulator.whm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cphub.model.wire.Json;
import io.cphub.simulator.SimulatorException;
import io.cphub.simulator.dns.DnsStore;
import io.cphub.simulator.state.ServerState;
import io.cphub.simulator.state.SimAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers {@code /json-api/FUNCTION} requests of one simulated server in WHM API 1 shapes.
 * Thread-safe: reads the state through {@link ServerState}'s consistent copies and the current
 * {@link Fault} through a supplier.
 */
public final class WhmApi {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String ACCESS_DENIED =
      "{\"cpanelresult\":{\"apiversion\":\"2\",\"error\":\"Access denied\","
          + "\"data\":{\"reason\":\"Access denied\",\"result\":\"0\"}}}";

  private final ServerState state;
  private final String expectedAuth;
  private final Supplier<Fault> fault;
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> calls =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final DnsApi dns;
  private final MailboxSessions sessions;

  public WhmApi(ServerState state, String whmUser, String whmToken, Supplier<Fault> fault) {
    this(state, whmUser, whmToken, fault, new DnsStore());
  }

  public WhmApi(ServerState state, String whmUser, String whmToken, Supplier<Fault> fault, DnsStore zones) {
    this(state, whmUser, whmToken, fault, zones, new MailboxSessions(state, List.of()));
  }

  public WhmApi(ServerState state, String whmUser, String whmToken, Supplier<Fault> fault, DnsStore zones,
      MailboxSessions sessions) {
    this.sessions = sessions;
    this.state = state;
    this.expectedAuth = whmUser + ":" + whmToken;
    this.fault = fault;
    this.dns = new DnsApi(state, zones);
  }

  /** Answers one request; {@code authorization} is the raw header or null. Never throws. */
  public WhmAnswer answer(String function, Map<String, String> query, String authorization) {
    if (!authorized(authorization)) {
      return WhmAnswer.json(403, ACCESS_DENIED);
    }
    calls.computeIfAbsent(function, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
    Fault f = fault.get();
    boolean faulty = f.appliesTo(function);
    String mode = faulty ? f.mode() : "none";
    if (faulty && f.delayMs() > 0 && !mode.equals("slow")) {
      sleep(f.delayMs());
    }
    if (mode.equals("http500")) {
      return new WhmAnswer(500, "text/html", "<html><body>Internal Server Error</body></html>");
    }
    if (mode.equals("result0")) {
      return WhmAnswer.json(200, write(envelope(function, 0, "Api Failure", null)));
    }
    String body = write(dispatch(function, query, mode.equals("empty")));
    if (mode.equals("truncated")) {
      body = body.substring(0, body.length() / 2);
    }
    WhmAnswer answer = WhmAnswer.json(200, body);
    return switch (mode) {
      case "cut", "drop" -> answer.delivered(mode, 0);
      case "slow" -> answer.delivered(mode, f.delayMs());
      default -> answer;
    };
  }

  /** The usernames {@code terminate_cpuser_mailbox_sessions} ended the sessions of, in order. */
  public List<String> terminated() {
    return sessions.terminated();
  }

  /** How many authorised requests for {@code function} arrived so far (answered or faulted). */
  public int calls(String function) {
    java.util.concurrent.atomic.AtomicInteger n = calls.get(function);
    return n == null ? 0 : n.get();
  }

  private ObjectNode dispatch(String function, Map<String, String> query, boolean empty) {
    if (!"1".equals(query.get("api.version"))) {
      ObjectNode legacy = F.objectNode();
      legacy.put("status", 0);
      legacy.put("statusmsg", "This simulator speaks WHM API 1 only: send api.version=1");
      return legacy;
    }
    try {
      return switch (function) {
        case "get_domain_info" -> listOf(function, "domains",
            empty ? List.of() : Filters.apply(Rows.domainRows(Filters.narrowByUser(state.accounts(), query)), query));
        case "listaccts" -> listOf(function, "acct", empty ? List.of() : listaccts(query));
        case "accountsummary" -> accountsummary(query, empty);
        case "terminate_cpuser_mailbox_sessions" -> sessions.terminate(query.get("username"));
        case "parse_dns_zone", "mass_edit_dns_zone", "get_tweaksetting", "set_tweaksetting" -> dns.answer(function, query);
        default -> envelope(function, 0,
            "Unknown app (" + function + ") requested for this version (1) of the API.", null);
      };
    } catch (SimulatorException e) {
      return envelope(function, 0, e.getMessage(), null);
    }
  }

  private List<ObjectNode> listaccts(Map<String, String> query) {
    List<SimAccount> all = state.accounts();
    String search = query.get("search");
    String type = query.getOrDefault("searchtype", "user");
    boolean exact = "exact".equals(query.get("searchmethod"));
    List<ObjectNode> rows = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      SimAccount a = all.get(i);
      if (search == null || matches(a, type, search, exact)) {
        rows.add(Rows.accountRow(a, 1001 + i));
      }
    }
    return Filters.apply(Filters.want(rows, query.get("want")), query);
  }

  private ObjectNode accountsummary(Map<String, String> query, boolean empty) {
    String user = query.get("user");
    String domain = query.get("domain");
    if (user == null && domain == null) {
      return envelope("accountsummary", 0, "A user or domain is required.", null);
    }
    if (empty) {
      return listOf("accountsummary", "acct", List.of());
    }
    Optional<SimAccount> found = state.accounts().stream()
        .filter(a -> user != null ? a.user().equalsIgnoreCase(user) : a.hasDomain(domain))
        .findFirst();
    if (found.isEmpty()) {
      return envelope("accountsummary", 0, "Account does not exist.", null);
    }
    int uid = 1001 + state.accounts().indexOf(found.get());
    return listOf("accountsummary", "acct", List.of(Rows.accountRow(found.get(), uid)));
  }

  private static boolean matches(SimAccount a, String type, String search, boolean exact) {
    String value = switch (type) {
      case "domain" -> a.domain();
      case "owner" -> a.owner();
      case "user" -> a.user();
      default -> throw new SimulatorException("searchtype " + type + " is not simulated (user, domain, owner)");
    };
    if (exact) {
      return value.equalsIgnoreCase(search);
    }
    return java.util.regex.Pattern.compile(search, java.util.regex.Pattern.CASE_INSENSITIVE)
        .matcher(value).find();
  }

  private static ObjectNode listOf(String function, String key, List<ObjectNode> rows) {
    ObjectNode data = F.objectNode();
    ArrayNode array = data.putArray(key);
    rows.forEach(array::add);
    return envelope(function, 1, "OK", data);
  }

  static ObjectNode envelope(String function, int result, String reason, ObjectNode data) {
    ObjectNode root = F.objectNode();
    if (data != null) {
      root.set("data", data);
    }
    ObjectNode meta = root.putObject("metadata");
    meta.put("command", function);
    meta.put("reason", reason);
    meta.put("result", result);
    meta.put("version", 1);
    return root;
  }

  private boolean authorized(String header) {
    if (header == null) {
      return false;
    }
    int space = header.indexOf(' ');
    return space > 0 && header.substring(0, space).toLowerCase(Locale.ROOT).equals("whm")
        && java.security.MessageDigest.isEqual(
            header.substring(space + 1).strip().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            expectedAuth.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String write(ObjectNode node) {
    try {
      return Json.mapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new SimulatorException("cannot render answer", e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
