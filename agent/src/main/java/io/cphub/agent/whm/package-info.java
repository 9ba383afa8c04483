/** WHM API 1 client: token auth, envelope checks, lenient decoding of loose types. */
package io.cphub.agent.whm;
