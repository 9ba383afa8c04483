/** Deployable configuration: one properties file, {@code CPHUB_*} environment overrides, typed values naming their key. */
package io.cphub.model.config;
