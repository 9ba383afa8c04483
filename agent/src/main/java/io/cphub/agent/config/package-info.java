/** The agent's configuration: properties file plus environment overrides, validated once. */
package io.cphub.agent.config;
