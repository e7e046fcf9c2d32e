/**
 * The archive of immutable documents: what the workstation has published and must keep unchanged, with who wrote,
 * approved and published it and when (first user: published stock commentary). The archive is append-only: a
 * document is stored once per id and revision, is never updated and never deleted, and every stored body carries
 * its SHA-256 so that a damaged copy is reported instead of served. It lives in the same encrypted database as the
 * interactions and recordings; nothing here names the database. Version 0.x until a second kind of document has
 * used it.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.webcallcenter.recording.api.archive;
