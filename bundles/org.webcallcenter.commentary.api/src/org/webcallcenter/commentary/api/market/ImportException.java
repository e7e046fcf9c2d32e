package org.webcallcenter.commentary.api.market;

import java.util.List;
import java.util.stream.Collectors;

/** An import found problems; nothing of it was imported. */
public class ImportException extends Exception {
	private static final long serialVersionUID = 1L;
	private final transient List<ImportProblem> problems;

	public ImportException(List<ImportProblem> problems) {
		super(problems.stream().limit(20).map(ImportProblem::toString).collect(Collectors.joining("\n"))
				+ (problems.size() > 20 ? "\n... and " + (problems.size() - 20) + " more" : ""));
		this.problems = List.copyOf(problems);
	}

	public List<ImportProblem> problems() {
		return problems;
	}
}
