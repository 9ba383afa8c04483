/** Registry configuration: one properties file plus {@code CPHUB_*} environment overrides. */
package io.cphub.registry.config;
