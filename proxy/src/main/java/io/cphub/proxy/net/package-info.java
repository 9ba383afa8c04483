/** Network transport choice: Linux epoll when its native library loads, else Java NIO. */
package io.cphub.proxy.net;
