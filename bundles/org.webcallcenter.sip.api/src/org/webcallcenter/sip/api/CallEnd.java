package org.webcallcenter.sip.api;

import java.util.OptionalInt;

/**
 * Why a call ended: who ended it, the SIP status when a final response ended it, and the ISDN (Q.850) cause when
 * the far end gave one in a Reason header; the recording issue stores all three.
 *
 * @param by          who ended it
 * @param sipStatus   final SIP status (486, 603, 487 ...) or empty for a BYE after the call was up
 * @param q850Cause   Q.850 cause value from a {@code Reason: Q.850;cause=} header, if any
 * @param description text for the call history, for example {@code Busy here}
 */
public record CallEnd(By by, OptionalInt sipStatus, OptionalInt q850Cause, String description) {

	/** Who ended the call. */
	public enum By {
		LOCAL, REMOTE, ERROR
	}

	public CallEnd {
		sipStatus = sipStatus == null ? OptionalInt.empty() : sipStatus;
		q850Cause = q850Cause == null ? OptionalInt.empty() : q850Cause;
		description = description == null ? "" : description;
	}
}
