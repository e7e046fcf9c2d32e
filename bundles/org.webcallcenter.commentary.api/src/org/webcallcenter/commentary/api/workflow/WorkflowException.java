package org.webcallcenter.commentary.api.workflow;

/** A workflow rule refused the action; {@link #rule()} says which, the message says it for people. */
public class WorkflowException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public enum Rule {
		NOT_FOUND, NOT_APPROVER, SELF_APPROVAL, PUBLISHED_IS_IMMUTABLE, NOT_APPROVED, NOT_DRAFT, NOT_ALLOWED, STORAGE
	}

	private final Rule rule;

	public WorkflowException(Rule rule, String message) {
		super(message);
		this.rule = rule;
	}

	public WorkflowException(Rule rule, String message, Throwable cause) {
		super(message, cause);
		this.rule = rule;
	}

	public Rule rule() {
		return rule;
	}
}
