/**
 * Shared support for what the workstation keeps on disk: {@link DataFolder} says where a bundle's files go, and
 * {@link WorkstationSecureStorage} opens Equinox secure storage with the workstation's master key file, for every
 * bundle that keeps a secret (exported, version 0.1).
 */
package org.webcallcenter.agent.core.storage;
