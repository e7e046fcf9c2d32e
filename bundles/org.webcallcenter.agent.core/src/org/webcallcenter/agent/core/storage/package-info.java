/**
 * Shared support for the workstation's secrets: {@link WorkstationSecureStorage} opens Equinox secure storage with
 * the workstation's master key file, for every bundle that keeps a secret (exported, version 0.1).
 */
package org.webcallcenter.agent.core.storage;
