package io.cphub.model;

import com.ibm.icu.text.IDNA;
import java.util.EnumSet;
import java.util.Set;

/**
 * Internationalised domain names by UTS #46 non-transitional processing (ICU4J), the way current
 * mail clients and browsers resolve them: {@code ß} and final {@code ς} stay themselves (IDNA2003
 * turned them into {@code ss} and {@code σ}, another domain), ZWJ/ZWNJ are kept only where the
 * CONTEXTJ rules allow them (IDNA2003 dropped them), full-width dots ({@code 。．｡}) separate
 * labels, and labels are checked with CheckBidi, CheckJoiners and the STD3 character rules.
 *
 * <p>Hyphen placement and lengths are left to {@link Domain}'s LDH checks so that a name reads the
 * same whether it arrives as Unicode or as ASCII (no CheckHyphens, as WHATWG URL does). Mixed
 * scripts and emoji are converted, not refused: UTS #46 allows them, and a name routes only when
 * it is registered. Stateless; the ICU instance is immutable and thread-safe.
 */
final class Idna {
  private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
      | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES);

  /** Left to Domain's own checks, which give the same answer for ASCII and Unicode input. */
  private static final Set<IDNA.Error> LEFT_TO_DOMAIN = EnumSet.of(IDNA.Error.EMPTY_LABEL,
      IDNA.Error.LABEL_TOO_LONG, IDNA.Error.DOMAIN_NAME_TOO_LONG, IDNA.Error.LEADING_HYPHEN,
      IDNA.Error.TRAILING_HYPHEN, IDNA.Error.HYPHEN_3_4);

  private Idna() {}

  /**
   * The ASCII (punycode) form of a name with at least one non-ASCII character, keeping a trailing
   * dot if there was one (also a full-width one), or {@link InvalidNameException} naming the rule.
   */
  static String toAscii(String name, String raw) {
    StringBuilder out = new StringBuilder(name.length() + 16);
    IDNA.Info info = new IDNA.Info();
    UTS46.nameToASCII(name, out, info);
    Set<IDNA.Error> errors = EnumSet.noneOf(IDNA.Error.class);
    errors.addAll(info.getErrors());
    errors.removeAll(LEFT_TO_DOMAIN);
    if (!errors.isEmpty()) {
      throw new InvalidNameException("not a valid internationalised domain name (" + reason(errors.iterator().next())
          + "): " + Printable.of(raw));
    }
    return out.toString();
  }

  /** {@code name} (normalised ASCII) with each punycode label shown in Unicode where it decodes cleanly. */
  static String toUnicode(String name) {
    if (!name.contains("xn--")) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length());
    for (String label : name.split("\\.", -1)) {
      if (out.length() > 0) {
        out.append('.');
      }
      StringBuilder u = new StringBuilder(label.length());
      IDNA.Info info = new IDNA.Info();
      UTS46.labelToUnicode(label, u, info);
      out.append(info.hasErrors() ? label : u);
    }
    return out.toString();
  }

  private static String reason(IDNA.Error e) {
    return switch (e) {
      case DISALLOWED -> "a character that is not allowed in domain names";
      case PUNYCODE, INVALID_ACE_LABEL -> "an xn-- label that is not valid punycode";
      case CONTEXTJ -> "a zero-width joiner or non-joiner where the CONTEXTJ rules forbid it";
      case BIDI -> "right-to-left and left-to-right text mixed against the Bidi rule";
      case LEADING_COMBINING_MARK -> "a label starting with a combining mark";
      case LABEL_HAS_DOT -> "a label containing a dot";
      default -> e.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }
}
