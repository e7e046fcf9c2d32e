/**
 * The softphone as the rest of the workstation sees it: one {@link Softphone} service per SIP account, its
 * {@link Call}s, and optional typed capabilities ({@link Softphone#capability(Class)},
 * {@link Call#capability(Class)}) in the style of Jitsi's operation sets, so that a new ability never grows
 * the core interfaces. No SIP stack types leak through this package; version 0.x: it changes with the
 * implementation (issue 3) until it is proven against real peers.
 */
package org.webcallcenter.sip.api;
