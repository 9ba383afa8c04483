/** The cphub proxy: command line, wiring of the route table, auth_http and admin listeners. */
package io.cphub.proxy;
