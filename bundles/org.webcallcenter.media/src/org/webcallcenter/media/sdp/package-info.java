/**
 * SDP session descriptions (RFC 4566) and the offer/answer model (RFC 3264) for the softphone's
 * G.711 calls. The parser takes untrusted text from the SIP peer and reports problems only as checked
 * {@link org.webcallcenter.media.sdp.SdpException}s naming the offending line.
 */
package org.webcallcenter.media.sdp;
