package org.webcallcenter.commentary.api.internal;

/** Keys of the commentary settings in the workstation's instance-scope preference node {@code org.webcallcenter}. */
public final class CommentaryPreferences {
	public static final String NODE = "org.webcallcenter";
	/** Comma-separated user (agent) ids allowed to approve commentary. Empty: nobody can approve. */
	public static final String APPROVERS = "commentary.approvers";
	/** {@code auto} (by the instrument's exchange), {@code red-up} or {@code green-up}. */
	public static final String PRICE_COLOURS = "commentary.priceColours";
	/** Seed of the simulated feed (a long); the same seed gives the same simulated market. */
	public static final String SIMULATED_SEED = "commentary.simulated.seed";

	private CommentaryPreferences() {
	}
}
