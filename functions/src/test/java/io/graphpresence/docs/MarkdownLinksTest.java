package io.graphpresence.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repository explains itself: every relative link in every Markdown file resolves to a file
 * or folder inside the repository, so a clone with nothing beside it has no dead links.
 */
class MarkdownLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Set<String> NOT_SOURCES = Set.of("target", ".git", "node_modules", "cdk.out",
            ".presence-data");

    @Test
    void everyRelativeLinkResolvesInsideTheRepository() throws IOException {
        Path root = repositoryRoot();
        List<Path> markdown = markdownFiles(root);
        assertTrue(markdown.contains(root.resolve("README.md")), "the walk finds the README: " + markdown);
        List<String> broken = new ArrayList<>();
        for (Path file : markdown) {
            broken.addAll(brokenLinks(root, file, Files.readString(file)));
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void aLinkOutsideTheRepositoryOrToNothingIsReported() throws IOException {
        Path root = repositoryRoot();
        Path readme = root.resolve("README.md");
        List<String> broken = brokenLinks(root, readme, "[spec](../shared/spec/presence-api.md) [gone](docs/nothing.md)"
                + " [ok](docs/api.md#errors) [web](https://graph.microsoft.com) [here](#two-commands)");
        assertEquals(List.of("README.md: ../shared/spec/presence-api.md", "README.md: docs/nothing.md"), broken);
    }

    static List<String> brokenLinks(Path root, Path file, String text) {
        List<String> broken = new ArrayList<>();
        Matcher links = LINK.matcher(text);
        while (links.find()) {
            String target = links.group(1);
            if (target.startsWith("#") || target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                continue; // an anchor in the same file, or http:, https:, mailto:
            }
            int hash = target.indexOf('#');
            String path = hash < 0 ? target : target.substring(0, hash);
            Path resolved = file.getParent().resolve(path).normalize();
            if (!resolved.startsWith(root) || !Files.exists(resolved)) {
                broken.add(root.relativize(file) + ": " + target);
            }
        }
        return broken;
    }

    private static List<Path> markdownFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> root.relativize(p).toString().isEmpty()
                            || Stream.iterate(root.relativize(p), q -> q != null, Path::getParent)
                            .noneMatch(q -> NOT_SOURCES.contains(q.getFileName().toString())))
                    .sorted().toList();
        }
    }

    /** The folder holding mvnw, above the module the tests run in. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath().normalize();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "the tests run inside the repository");
        return dir;
    }
}
