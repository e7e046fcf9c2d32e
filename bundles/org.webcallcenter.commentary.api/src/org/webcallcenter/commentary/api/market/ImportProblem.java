package org.webcallcenter.commentary.api.market;

/**
 * One thing wrong in an imported file.
 *
 * @param file    the file's name as given
 * @param line    the 1-based line number, or 0 for the file as a whole
 * @param message what is wrong, for the expert
 */
public record ImportProblem(String file, int line, String message) {
	@Override
	public String toString() {
		return line > 0 ? file + ", line " + line + ": " + message : file + ": " + message;
	}
}
