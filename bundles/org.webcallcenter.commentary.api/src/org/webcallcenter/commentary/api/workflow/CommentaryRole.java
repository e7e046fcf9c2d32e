package org.webcallcenter.commentary.api.workflow;

/** What a user may do with commentary. Every signed-in user is an author; approvers are configured by the admin. */
public enum CommentaryRole {
	AUTHOR, APPROVER
}
