/** The picocli commands: serve, migrate, and the operator commands (direct database access). */
package io.cphub.registry.cli;
