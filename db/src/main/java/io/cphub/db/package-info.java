/** The registry schema (Flyway migrations under {@code db/migration}) and the migrate command. */
package io.cphub.db;
