/**
 * The service center hub as the rest of the system sees it: the co-browsing relay ({@link CobrowseHub}), its
 * sessions ({@link CobrowseSessionInfo}), the stored event stream of each session ({@link SessionRecordStore})
 * and the wire protocol's names ({@link CobrowseProtocol}). No Jetty types leak through this package. Version
 * 0.x: it changes with the routing and recording issues.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.webcallcenter.hub.api;
