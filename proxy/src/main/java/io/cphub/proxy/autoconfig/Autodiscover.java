package io.cphub.proxy.autoconfig;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers POX Autodiscover POSTs. Malformed request: HTTP 400 with error 600; domain not served:
 * HTTP 404 with error 500; a schema other than Outlook's (e.g. ActiveSync's {@code mobilesync},
 * sent by the new Outlook for Windows): HTTP 200 with error 601 in that schema, so the client
 * moves on. Thread-safe.
 */
final class Autodiscover {
  private static final Logger LOG = LoggerFactory.getLogger(Autodiscover.class);
  private static final Pattern OUTLOOK_SCHEMA = Pattern.compile(
      "https?://schemas\\.microsoft\\.com/exchange/autodiscover/outlook/responseschema/2006a?");
  private static final Pattern MOBILESYNC_SCHEMA = Pattern.compile(
      "https?://schemas\\.microsoft\\.com/exchange/autodiscover/mobilesync/responseschema/2006");
  private static final String XML = "text/xml; charset=utf-8";

  private final DomainDirectory directory;
  private final AutodiscoverResponse render;

  Autodiscover(MailService service, DomainDirectory directory, Clock clock) {
    this.directory = directory;
    this.render = new AutodiscoverResponse(service, clock);
  }

  AutoconfigResponse answer(byte[] body) {
    EmailAddress address;
    AutodiscoverRequest request;
    try {
      request = AutodiscoverRequest.parse(body);
      address = EmailAddress.parse(request.emailAddress());
    } catch (BadRequestException e) {
      LOG.debug("autodiscover request refused: {}", e.getMessage());
      return xml(400, render.error(600, "Invalid Request", null));
    }
    if (!directory.isKnown(address.domain())) {
      return xml(404, render.error(500, "Unknown e-mail address", null));
    }
    String schema = request.responseSchema() == null
        ? null : request.responseSchema().toLowerCase(Locale.ROOT);
    if (schema == null || OUTLOOK_SCHEMA.matcher(schema).matches()) {
      return xml(200, render.settings(address));
    }
    String ns = MOBILESYNC_SCHEMA.matcher(schema).matches() ? AutodiscoverResponse.MOBILESYNC_NS : null;
    return xml(200, render.error(601, "Provider is not available for the requested schema", ns));
  }

  private static AutoconfigResponse xml(int status, String body) {
    return AutoconfigResponse.of(status, XML, "no-store", body.getBytes(StandardCharsets.UTF_8), Map.of());
  }
}
