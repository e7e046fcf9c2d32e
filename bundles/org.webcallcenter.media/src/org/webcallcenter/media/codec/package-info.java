/**
 * Audio codecs of the softphone media path. Currently ITU-T G.711 µ-law and A-law.
 */
package org.webcallcenter.media.codec;
