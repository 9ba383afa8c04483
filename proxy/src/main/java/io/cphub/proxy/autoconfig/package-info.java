/** Mail-client autoconfiguration: Thunderbird autoconfig, Microsoft Autodiscover, Apple profiles. */
package io.cphub.proxy.autoconfig;
