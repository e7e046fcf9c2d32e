package org.webcallcenter.agent.api;

import java.util.Objects;

/**
 * Who is signed in at the workstation.
 *
 * @param agentId     the agent's id in the call center, for example {@code 1001}
 * @param displayName the name shown to colleagues
 * @param branch      the branch the agent works at (or {@code Home} for an expert at home)
 * @param extension   the agent's internal extension number
 */
public record AgentIdentity(String agentId, String displayName, String branch, String extension) {

	public AgentIdentity {
		agentId = require(agentId, "Agent id");
		displayName = displayName == null || displayName.isBlank() ? agentId : displayName.strip();
		branch = branch == null ? "" : branch.strip();
		extension = extension == null ? "" : extension.strip();
		if (!agentId.matches("[A-Za-z0-9._-]{1,32}")) {
			throw new IllegalArgumentException("Agent id may hold 1-32 letters, digits, '.', '_' or '-'");
		}
		if (!extension.isEmpty() && !extension.matches("[0-9*#]{1,16}")) {
			throw new IllegalArgumentException("Extension may hold only digits, '*' and '#' (at most 16)");
		}
	}

	/** @return how the agent is shown on screen, for example {@code Jane Doe (1001) · Shanghai · ext 2001} */
	public String label() {
		return displayName + " (" + agentId + ")" + (branch.isEmpty() ? "" : " \u00b7 " + branch)
				+ (extension.isEmpty() ? "" : " \u00b7 ext " + extension);
	}

	private static String require(String value, String what) {
		Objects.requireNonNull(value, what);
		String stripped = value.strip();
		if (stripped.isEmpty()) {
			throw new IllegalArgumentException(what + " is required");
		}
		return stripped;
	}
}
