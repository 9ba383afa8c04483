/** The demo: the whole system on one machine, each part a process started from its own jar. */
package io.cphub.demo;
