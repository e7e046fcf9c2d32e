/**
 * What the desktop shell offers to the plugins loaded into it, without any Eclipse UI types: the status bar,
 * start-up participation ("ready" means every participant finished), the product profile and the shared
 * preference keys.
 */
package org.webcallcenter.app.api;
