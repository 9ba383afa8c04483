/** The proxy's configuration: one properties file plus CPHUB_* environment overrides, validated once. */
package io.cphub.proxy.config;
