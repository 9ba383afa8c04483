/** Simulated DNS zones (cPanel's zone template, serials, line edits) and Tweak Settings of one server. */
package io.cphub.simulator.dns;
