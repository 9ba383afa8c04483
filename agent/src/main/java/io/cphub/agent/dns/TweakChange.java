package io.cphub.agent.dns;

/** A Tweak Setting and the value it has and the value the plan wants (equal: nothing to do). */
public record TweakChange(String key, String current, String wanted) {
  boolean needed() {
    return !current.equals(wanted);
  }
}
