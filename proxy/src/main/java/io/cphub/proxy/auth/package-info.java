/** nginx mail auth_http: request decoding at byte level, the login decision, replies, the Netty server. */
package io.cphub.proxy.auth;
