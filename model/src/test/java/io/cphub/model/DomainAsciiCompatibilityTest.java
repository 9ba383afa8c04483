package io.cphub.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Names arrive from WHM as ASCII and are stored: every ASCII name the old rules accepted must still
 * be accepted and normalise to the same name, and every one they refused must still be refused.
 * Checked against {@link LegacyDomainRules} on the table names plus a fixed-seed random corpus.
 */
class DomainAsciiCompatibilityTest {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-----......*_ @%";

  static List<String> corpus() {
    List<String> names = new ArrayList<>(List.of("example.com", "Example.COM", "xn--mller-kva.de",
        "XN--MLLER-KVA.DE", "xn--garbage.com", "xn--a.com", "xn--.com", "-lead.com", "trail-.com",
        "ab--cd.com", "xn--ab-fsf.com", "*.example.com", "*.xn--bcher-kva.example", "1.2.3.4", "a.b.",
        "x.y", "example.com..", "*.", ".", "-.-", "xn--zca.de", "xn--fa-hia.de", "fass.de"));
    Random r = new Random(20261201L);
    for (int i = 0; i < 50_000; i++) {
      int labels = 1 + r.nextInt(4);
      StringBuilder b = new StringBuilder();
      for (int l = 0; l < labels; l++) {
        if (l > 0) {
          b.append('.');
        }
        if (r.nextInt(8) == 0) {
          b.append("xn--");
        }
        int len = r.nextInt(r.nextInt(10) == 0 ? 70 : 12);
        for (int c = 0; c < len; c++) {
          b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
      }
      names.add(b.toString());
    }
    return names;
  }

  @Test
  void everyAsciiName_getsTheSameAnswerAsBefore() {
    int validBefore = 0;
    for (String raw : corpus()) {
      String before = answer(() -> LegacyDomainRules.normalise(raw));
      String now = answer(() -> Domain.parse(raw).name());
      assertThat(now).as("name %s", raw).isEqualTo(before);
      if (!before.startsWith("refused")) {
        validBefore++;
        assertThat(Domain.parse(now).name()).isEqualTo(now);
      }
    }
    // The corpus must exercise both sides, or the comparison says little.
    assertThat(validBefore).isGreaterThan(1000);
  }

  @Test
  void unicodeOfEveryValidAsciiName_parsesBackToIt() {
    Stream.of("xn--mller-kva.de", "xn--garbage.com", "xn--ab-fsf.com", "xn--zca.de", "*.xn--mller-kva.de",
        "xn--4db.com", "xn--a-0hc.com").forEach(n -> assertThat(Domain.parse(Domain.parse(n).unicode()).name())
            .as(n).isEqualTo(n));
  }

  private static String answer(java.util.function.Supplier<String> f) {
    try {
      return f.get();
    } catch (InvalidNameException e) {
      return "refused";
    }
  }
}
