package io.cphub.agent.dns;

/**
 * One line change of a zone: {@code edit} (line {@code before} becomes {@code after}),
 * {@code remove} ({@code before} goes) or {@code add} ({@code after} is appended).
 */
public record Change(String op, ZoneRecord before, ZoneRecord after) {
  public Change {
    if (!java.util.Set.of("edit", "remove", "add").contains(op)) {
      throw new IllegalArgumentException("change op must be edit, remove or add, was " + op);
    }
  }

  String describe() {
    return switch (op) {
      case "edit" -> before.dname() + " " + before.type() + " " + before.value() + " -> " + after.type() + " "
          + after.value();
      case "remove" -> before.dname() + " " + before.type() + " " + before.value() + " -> (removed)";
      default -> after.dname() + " " + after.type() + " " + after.value() + " (added)";
    };
  }
}
