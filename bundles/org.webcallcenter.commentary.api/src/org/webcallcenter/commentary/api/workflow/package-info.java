/**
 * Market commentary and its approval workflow: an author writes a draft, a different user with the approver role
 * approves it, then it is published and never changes again. The rules live in the
 * {@link org.webcallcenter.commentary.api.workflow.CommentaryService}, not in the UI: a caller that breaks one gets a
 * {@link org.webcallcenter.commentary.api.workflow.WorkflowException} naming the rule.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.webcallcenter.commentary.api.workflow;
