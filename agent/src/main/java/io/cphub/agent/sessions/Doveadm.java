package io.cphub.agent.sessions;

/**
 * {@code doveadm kick <mask>}: run by the agent itself ({@link DoveadmCommand}) or by the root
 * helper behind {@code sessions.kick-socket} ({@link KickSocket}).
 */
interface Doveadm {
  enum Outcome { KICKED, NONE, FAILED }

  /** What one kick did, with doveadm's output (trimmed) or why it could not run. */
  record Result(Outcome outcome, String output) {}

  Result kick(String mask);

  /** The socket's client when {@code sessions.kick-socket} is set, else the command. */
  static Doveadm of(SessionSettings settings) {
    return settings.kickSocket() == null ? new DoveadmCommand(settings.doveadm())
        : new KickSocket(settings.kickSocket(), KickSocket.TIMEOUT);
  }
}
