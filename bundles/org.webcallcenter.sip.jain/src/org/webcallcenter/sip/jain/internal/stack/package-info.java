/**
 * Classes that JAIN-SIP RI instantiates by name from its stack properties ({@code STACK_LOGGER},
 * {@code SERVER_LOGGER}, {@code MESSAGE_PARSER_FACTORY}, {@code MESSAGE_PROCESSOR_FACTORY}, {@code NETWORK_LAYER}),
 * the UDP processor that factory makes, and the TLS trust the network layer uses. The RI loads them with
 * {@code Class.forName} from its own bundle, which sees this package through its {@code DynamicImport-Package: *};
 * so this package is exported (x-internal) and must keep no-argument public constructors.
 */
package org.webcallcenter.sip.jain.internal.stack;
