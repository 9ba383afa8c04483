package io.cphub.proxy.autoconfig;

import io.cphub.model.Domain;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request-to-response core of autoconfiguration, free of sockets: routes a request to
 * Thunderbird autoconfig, POX or JSON Autodiscover, or the Apple profile, and turns every bad input
 * into a 4xx answer. Domains not in the {@link DomainDirectory} get 404 everywhere. Thread-safe;
 * never blocks beyond one {@link DomainDirectory#isKnown} call.
 */
public final class Autoconfig {
  static final Set<String> THUNDERBIRD_PATHS =
      Set.of("/mail/config-v1.1.xml", "/.well-known/autoconfig/mail/config-v1.1.xml");
  static final String POX_PATH = "/autodiscover/autodiscover.xml";
  static final String JSON_PATH = "/autodiscover/autodiscover.json";
  static final String JSON_V1_PREFIX = "/autodiscover/autodiscover.json/v1.0/";
  static final String APPLE_PATH = "/apple/mobileconfig";
  static final int MAX_URI = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(Autoconfig.class);

  private final DomainDirectory directory;
  private final ThunderbirdConfig thunderbird;
  private final Autodiscover autodiscover;
  private final AutodiscoverJson autodiscoverJson;
  private final MobileConfig mobileConfig;
  private final ProfileSigner signer;

  /**
   * Builds the core. When the config names a signing certificate and key they are loaded and
   * checked here; a bad file throws {@link AutoconfigException} naming it.
   */
  public Autoconfig(AutoconfigConfig config, DomainDirectory directory, Clock clock) {
    Objects.requireNonNull(config, "config");
    this.directory = Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(clock, "clock");
    MailService service = config.service();
    this.thunderbird = new ThunderbirdConfig(service);
    this.autodiscover = new Autodiscover(service, directory, clock);
    this.autodiscoverJson = new AutodiscoverJson(service, directory);
    this.mobileConfig = new MobileConfig(service);
    this.signer = config.signsProfiles()
        ? ProfileSigner.load(config.signingCertificate(), config.signingKey(), clock) : null;
    if (signer != null) {
      LOG.info("autoconfig profiles signed with {} (certificate valid until {})",
          config.signingCertificate(), signer.notAfter());
    }
  }

  /** Answers one request; never throws for bad input. */
  public AutoconfigResponse answer(AutoconfigRequest request) {
    if (request.uri().length() > MAX_URI) {
      return AutoconfigResponse.text(414, "request URI too long");
    }
    try {
      return route(request, RequestTarget.parse(request.uri()));
    } catch (BadRequestException e) {
      LOG.debug("autoconfig request refused: {}", e.getMessage());
      return AutoconfigResponse.text(400, "bad request: " + e.reason());
    }
  }

  private AutoconfigResponse route(AutoconfigRequest request, RequestTarget target) {
    String path = target.path().toLowerCase(Locale.ROOT);
    boolean get = "GET".equals(request.method()) || "HEAD".equals(request.method());
    if (THUNDERBIRD_PATHS.contains(path)) {
      return get ? thunderbird(request, target) : notAllowed("GET, HEAD");
    }
    if (POX_PATH.equals(path)) {
      return "POST".equals(request.method()) ? autodiscover.answer(request.body()) : notAllowed("POST");
    }
    if (JSON_PATH.equals(path) || path.startsWith(JSON_V1_PREFIX)) {
      return get ? json(target, path) : notAllowed("GET, HEAD");
    }
    if (APPLE_PATH.equals(path)) {
      return get ? apple(target) : notAllowed("GET, HEAD");
    }
    return AutoconfigResponse.text(404, "not found");
  }

  private AutoconfigResponse thunderbird(AutoconfigRequest request, RequestTarget target) {
    String address = target.param("emailaddress");
    Domain domain = address == null || address.isBlank()
        ? HostHeader.domainOf(request.host()) : EmailAddress.parse(address).domain();
    if (!directory.isKnown(domain)) {
      return AutoconfigResponse.text(404, "not found");
    }
    return AutoconfigResponse.of(200, "text/xml; charset=utf-8", "max-age=300", thunderbird.render(domain));
  }

  private AutoconfigResponse json(RequestTarget target, String lowerPath) {
    String address = lowerPath.startsWith(JSON_V1_PREFIX)
        ? target.path().substring(JSON_V1_PREFIX.length()) : target.param("email");
    if (address == null || address.isEmpty()) {
      return AutodiscoverJson.badRequest("The e-mail address is missing.");
    }
    try {
      return autodiscoverJson.answer(address, target.param("protocol"));
    } catch (BadRequestException e) {
      LOG.debug("autodiscover json request refused: {}", e.getMessage());
      return AutodiscoverJson.badRequest("The e-mail address is invalid.");
    }
  }

  private AutoconfigResponse apple(RequestTarget target) {
    String raw = target.param("email");
    if (raw == null) {
      raw = target.param("emailaddress");
    }
    EmailAddress address = EmailAddress.parse(raw);
    if (!directory.isKnown(address.domain())) {
      return AutoconfigResponse.text(404, "not found");
    }
    byte[] profile = mobileConfig.render(address).getBytes(StandardCharsets.UTF_8);
    if (signer != null) {
      profile = signer.sign(profile);
    }
    return AutoconfigResponse.of(200, "application/x-apple-aspen-config", "no-store", profile,
        Map.of("Content-Disposition", "attachment; filename=\"" + address.domain().name() + ".mobileconfig\""));
  }

  private static AutoconfigResponse notAllowed(String allow) {
    AutoconfigResponse r = AutoconfigResponse.text(405, "method not allowed");
    Map<String, String> headers = new LinkedHashMap<>(r.headers());
    headers.put("Allow", allow);
    return new AutoconfigResponse(405, headers, r.body());
  }
}
