/** Registers and removes the hook script with cPanel's manage_hooks. */
package io.cphub.agent.hooks;
