package io.cphub.proxy.autoconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cphub.model.wire.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Answers the undocumented Autodiscover v2 JSON lookups of modern Outlook
 * ({@code /autodiscover/autodiscover.json?Email=...&Protocol=AutodiscoverV1} and
 * {@code /autodiscover/autodiscover.json/v1.0/<address>?Protocol=AutodiscoverV1}) by pointing at
 * the POX endpoint on the public hostname, never at the request's {@code Host}. Other protocols get
 * Exchange's 400 {@code InvalidProtocol}; nothing from the request is echoed. Thread-safe.
 */
final class AutodiscoverJson {
  private static final String JSON = "application/json; charset=utf-8";

  private final String poxUrl;
  private final DomainDirectory directory;

  AutodiscoverJson(MailService service, DomainDirectory directory) {
    this.poxUrl = "https://" + service.hostname().name() + "/autodiscover/autodiscover.xml";
    this.directory = directory;
  }

  /** {@code address} from the {@code Email} parameter or the path; {@code protocol} may be null. */
  AutoconfigResponse answer(String address, String protocol) {
    if (protocol == null || !"autodiscoverv1".equals(protocol.toLowerCase(Locale.ROOT))) {
      return error(400, "InvalidProtocol",
          "The given protocol value is invalid. Supported values are 'AutodiscoverV1'.");
    }
    EmailAddress email = EmailAddress.parse(address);
    if (!directory.isKnown(email.domain())) {
      return error(404, "NotFound", "The domain is not served here.");
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("Protocol", "AutodiscoverV1");
    body.put("Url", poxUrl);
    return json(200, body);
  }

  /** 400 with fixed {@code reason} text (never request input). */
  static AutoconfigResponse badRequest(String reason) {
    return error(400, "InvalidRequest", reason);
  }

  private static AutoconfigResponse error(int status, String code, String message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("ErrorCode", code);
    body.put("ErrorMessage", message);
    return json(status, body);
  }

  private static AutoconfigResponse json(int status, Map<String, String> body) {
    try {
      return AutoconfigResponse.of(status, JSON, "no-store", Json.mapper().writeValueAsBytes(body), Map.of());
    } catch (JsonProcessingException e) {
      throw new AutoconfigException("cannot write Autodiscover JSON", e);
    }
  }
}
