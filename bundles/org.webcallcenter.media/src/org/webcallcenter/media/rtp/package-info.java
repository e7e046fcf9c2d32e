/**
 * RTP packet format (RFC 3550) and RTP payload formats carried alongside audio (RFC 4733 telephone
 * events). Parsers here take untrusted network bytes and report problems only as checked
 * {@link org.webcallcenter.media.rtp.MalformedPacketException}s.
 */
package org.webcallcenter.media.rtp;
