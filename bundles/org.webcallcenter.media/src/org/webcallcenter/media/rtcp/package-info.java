/**
 * RTCP (RFC 3550 §6): sender and receiver reports with report blocks, SDES CNAME, compound packets,
 * NTP timestamps and the round-trip time computation of §6.4.1.
 */
package org.webcallcenter.media.rtcp;
