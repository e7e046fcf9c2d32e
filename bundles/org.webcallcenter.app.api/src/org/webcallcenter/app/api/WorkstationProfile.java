package org.webcallcenter.app.api;

import java.util.Arrays;

/**
 * Which product is running. The profile is fixed by the product (property {@code webcallcenter.profile} of the
 * product extension), never by the user.
 */
public enum WorkstationProfile {
	/** The full desktop for agents at branches and head office. */
	AGENT_WORKSTATION("agent", "Agent Workstation"),
	/** The reduced home profile for stock-commentary experts: no gateway administration, no branch views. */
	EXPERT_HOME("expert", "Expert Home");

	/** Product property naming the profile. */
	public static final String PRODUCT_PROPERTY = "webcallcenter.profile";

	private final String id;
	private final String label;

	WorkstationProfile(String id, String label) {
		this.id = id;
		this.label = label;
	}

	public String id() {
		return id;
	}

	public String label() {
		return label;
	}

	/**
	 * Regulation requires recording the calls of experts at home as strictly as in the branches: in the Expert
	 * Home profile the recording policy is always "record all" and cannot be changed.
	 */
	public boolean recordingPolicyLocked() {
		return this == EXPERT_HOME;
	}

	/** @return the profile with the given id; the Agent Workstation when the id is missing or unknown */
	public static WorkstationProfile fromId(String id) {
		return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst().orElse(AGENT_WORKSTATION);
	}
}
