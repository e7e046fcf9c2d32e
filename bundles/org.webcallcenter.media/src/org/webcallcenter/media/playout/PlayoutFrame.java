package org.webcallcenter.media.playout;

/**
 * One 20 ms frame handed to the audio device by {@link JitterBuffer#poll(long)}.
 *
 * @param kind where the audio came from
 * @param samples G.711 code words for one frame (owned by the caller)
 * @param sequence RTP sequence number of the packet played, or of the position concealed; -1 while
 *        buffering before the first packet
 */
public record PlayoutFrame(Kind kind, byte[] samples, int sequence) {

    /** Origin of a played frame. */
    public enum Kind {
        /** The payload of the received packet for this position. */
        PACKET,
        /** The last good frame repeated at reduced gain, because the packet is missing. */
        CONCEALMENT,
        /** Silence: before playout starts, or after concealment has faded out. */
        SILENCE
    }
}
