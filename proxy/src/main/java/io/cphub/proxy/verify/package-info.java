/** Password checks against the chosen backend (IMAP or POP3 login), with a keyed-hash success cache. */
package io.cphub.proxy.verify;
