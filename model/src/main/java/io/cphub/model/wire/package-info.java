/**
 * JSON wire records between agent, registry and operators. Immutable; unknown JSON fields are
 * rejected by {@link io.cphub.model.wire.Json#mapper()}. Names are carried as sent and normalised
 * by the receiver, which reports the exact item that is wrong.
 */
package io.cphub.model.wire;
