package io.cphub.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Prints what to try against the running demo, with one real auth_http exchange as an example. */
final class DemoGuide {
  private final DemoPorts ports;
  private final String secret;
  private final String adminToken;
  private final String domain;

  DemoGuide(DemoPorts ports, String secret, String adminToken, String domain) {
    this.ports = ports;
    this.secret = secret;
    this.adminToken = adminToken;
    this.domain = domain;
  }

  void print(String registryUrl) {
    String user = "info@" + domain;
    String request = "GET /auth HTTP/1.0\r\nHost: localhost\r\nAuth-Method: plain\r\nAuth-User: " + user
        + "\r\nAuth-Pass: secret\r\nAuth-Protocol: imap\r\nAuth-Login-Attempt: 1\r\nClient-IP: 203.0.113.7\r\n"
        + "Auth-SSL: on\r\nX-Cphub-Secret: " + secret + "\r\n\r\n";
    String answer = exchange(request);
    String out = """

        ================================================================================
         cphub is running. Try:

         nginx's auth_http question, as nginx asks it (the demo's proxy skips the password
         check: verify.mode=none, as there is no real mail server behind it):

           curl -si --http1.0 http://127.0.0.1:%1$d/auth -H 'Auth-Method: plain' \\
             -H 'Auth-User: %2$s' -H 'Auth-Pass: secret' -H 'Auth-Protocol: imap' \\
             -H 'Auth-Login-Attempt: 1' -H 'Client-IP: 203.0.113.7' -H 'Auth-SSL: on' \\
             -H 'X-Cphub-Secret: %3$s'

         which answered just now:
        %4$s
         The registry's view of the same login:
           curl -s -H 'Authorization: Bearer %5$s' %6$s/v1/routes/%2$s
           curl -s -H 'Authorization: Bearer %5$s' %6$s/v1/servers

         Mail-client autoconfiguration (Thunderbird, Outlook, Apple) for any registered domain:
           curl -s 'http://127.0.0.1:%8$d/mail/config-v1.1.xml?emailaddress=%2$s'
           curl -s -X POST http://127.0.0.1:%8$d/autodiscover/autodiscover.xml -H 'Content-Type: text/xml' \
             --data '<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request><EMailAddress>%2$s</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>'
           curl -s 'http://127.0.0.1:%8$d/apple/mobileconfig?email=%2$s'

         Metrics and health:
           curl -s http://127.0.0.1:%7$d/metrics   (proxy)
           curl -s http://127.0.0.1:%7$d/healthz   (proxy)
           curl -s %6$s/metrics   (registry)

         Play cPanel: create an account on the simulated server; its agent pushes it within a second:
           curl -s -X POST http://127.0.0.1:%9$d/admin/accounts -H 'Content-Type: application/json' \
             --data '{"user":"newbie","domain":"newbie.example"}'
           curl -s -H 'Authorization: Bearer %5$s' %6$s/v1/routes/newbie.example

         Ctrl-C stops everything.
        ================================================================================
        """.formatted(ports.auth(), user, secret, indent(answer), adminToken, registryUrl, ports.admin(),
            ports.autoconfig(), ports.whm());
    System.out.println(out);
  }

  private String exchange(String request) {
    try (Socket s = new Socket("127.0.0.1", ports.auth())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no answer: " + e.getMessage() + ")";
    }
  }

  private static String indent(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.strip().split("\r?\n")) {
      b.append("           ").append(line).append('\n');
    }
    return b.toString();
  }
}
