/** The audit log: who did which operator action, when and why, written in the action's transaction. */
package io.cphub.registry.audit;
